"""Writes tables and import templates to .xlsx: typed cells, a frozen bold header, and never a formula from data.

Any export can also go to CSV instead (a target named *.csv): the first sheet's values in UTF-8 with a BOM,
which Excel and WPS on Chinese Windows open with the Chinese intact."""

from __future__ import annotations

import contextlib
import csv
import errno
import itertools
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.excel.spec import CellType, ColumnSpec, SheetSpec

if TYPE_CHECKING:  # openpyxl is imported by what writes (0.4 s): the window and the CLI start without it
    from openpyxl import Workbook

messages.define(
    {
        "excel.cannot_write": (
            "无法保存 “{name}”：{detail}。如果它正在 Excel 中打开，请先关闭。",
            'Cannot save "{name}": {detail}. If it is open in Excel, close it first.',
        ),
        "excel.os.no_folder": ("文件夹 {folder} 不存在", "the folder {folder} does not exist"),
        "excel.os.denied": ("没有写入权限", "permission denied"),
        "excel.os.disk_full": ("磁盘已满", "the disk is full"),
        "excel.hint.required": ("必填", "Required"),
        "excel.hint.text": ("文本", "Text"),
        "excel.hint.code": ("文本（前导零会保留，如 00123）", "Text (leading zeros are kept, e.g. 00123)"),
        "excel.hint.date": (
            "日期，如 2021-03-05（也可写 2021/3/5、2021年3月5日）",
            "Date, e.g. 2021-03-05 (2021/3/5 and 2021年3月5日 work too)",
        ),
        "excel.hint.datetime": ("日期时间，如 2021-03-05 09:30", "Date and time, e.g. 2021-03-05 09:30"),
        "excel.hint.int": ("整数", "Whole number"),
        "excel.hint.decimal": ("数字", "Number"),
        "excel.hint.bool": ("是/否（空白表示否）", "是/否 (yes/no; blank means no)"),
        "excel.hint.enum": ("可填：{choices}", "One of: {choices}"),
        "excel.hint.synonyms": ("表头也可写作：{names}", "The header may also read: {names}"),
        "excel.hint.pick": ("请从下拉列表中选择", "Choose a value from the list"),
    }
)

CellValue = str | int | float | Decimal | date | datetime | bool | None
Progress = Callable[[int, int], None]

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TEXT_FORMAT = "@"
# Excel (and LibreOffice) turn text starting with these into formulas when a cell is edited or a CSV opened.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_TEXT_LIMIT = 32_767
EXCEL_MAX_ROW = 1_048_576
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
PROGRESS_EVERY = 500
HEADER_COLOUR = "DDEBF7"
# The control characters XML forbids (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE, without importing openpyxl).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


class CannotWrite(DomainError):
    code = "excel.cannot_write"


def display_width(value: CellValue) -> float:
    """Columns as Excel counts them: a Chinese character takes two."""
    if value is None:
        return 0.0
    if isinstance(value, datetime):
        return 16.0
    if isinstance(value, date):
        return 10.0
    text = value if isinstance(value, str) else str(value)
    longest = max(text.splitlines() or [""], key=len)
    return float(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest))


def _fitted_widths(headers: Sequence[str], sample: Sequence[Sequence[CellValue]]) -> list[float]:
    widths = [display_width(h) + 4 for h in headers]  # bold glyphs are wider
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], display_width(value) + 2)
    return [min(max(w, MIN_WIDTH), MAX_WIDTH) for w in widths]


def safe_text(text: str) -> str:
    """Text Excel can store: without the control characters XML forbids, within Excel's cell limit."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned[:EXCEL_TEXT_LIMIT]


def _cell(ws: Any, value: CellValue) -> Any:
    """What to append for one value: plain values as they are, typed cells where the type needs a format."""
    if isinstance(value, str):
        text = safe_text(value)
        if not text.startswith(FORMULA_LEADS):
            return text
        from openpyxl.cell import WriteOnlyCell

        # openpyxl makes "=..." a formula; force a string cell (written inline) and mark it with
        # quotePrefix so Excel also keeps it text when someone edits the cell.
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, date):  # datetime is a date
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
        return cell
    if value is None or isinstance(value, int | float | Decimal):  # bool is an int
        return value
    raise TypeError(f"cannot write a {type(value).__name__} to Excel: {value!r}")


def _header_cell(ws: Any, text: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = WriteOnlyCell(ws, value=safe_text(text))
    if text.startswith(FORMULA_LEADS):
        cell.data_type = "s"
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    cell.alignment = Alignment(vertical="center")
    return cell


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Save beside the target and swap it in: a failure never leaves half a file under the user's name."""
    path = Path(path)
    # A plain new file (not mkstemp's owner-only one), so the export gets the folder's usual permissions.
    temp = path.with_name(f".~{path.stem}.{uuid.uuid4().hex[:8]}.xlsx")
    as_csv = path.suffix.lower() == ".csv"
    text = temp.with_suffix(".csv")
    try:
        workbook.save(temp)
        if as_csv:
            _xlsx_to_csv(temp, text)
            temp.unlink()
        os.replace(text if as_csv else temp, path)
    except OSError as exc:
        _discard(workbook)
        for leftover in (temp, text):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise CannotWrite(name=path.name, detail=_os_reason(exc, path)) from exc


def _csv_value(value: Any) -> Any:
    if isinstance(value, str):
        # Excel runs "=..." from a CSV too: a leading apostrophe keeps it text, as Excel itself writes it.
        return "'" + value if value.startswith(FORMULA_LEADS) else value
    if isinstance(value, bool) or value is None:
        return "" if value is None else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}" if value.time() != time(0) else f"{value:%Y-%m-%d}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return value


def _xlsx_to_csv(source: Path, target: Path) -> None:
    """The first sheet of the workbook just written, as CSV in UTF-8 with a BOM."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(source))
    try:
        rows = workbook.get_sheet_by_index(0).iter_rows()
        with target.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            for row in rows:
                writer.writerow([_csv_value(v) for v in row])
    finally:
        workbook.close()


def _os_reason(exc: OSError, path: Path) -> str:
    """The operating system's reason in the user's language where it is a common one (its own text is English)."""
    if isinstance(exc, FileNotFoundError) and not path.parent.exists():
        return messages.text("excel.os.no_folder", folder=path.parent)
    if isinstance(exc, PermissionError):
        return messages.text("excel.os.denied")
    if exc.errno == errno.ENOSPC:
        return messages.text("excel.os.disk_full")
    return exc.strerror or str(exc)


def _discard(workbook: Workbook) -> None:
    """End the streams of write-only sheets that will never be saved (else they fail noisily when collected)."""
    for ws in workbook.worksheets:
        if getattr(ws, "closed", True) is False:
            with contextlib.suppress(Exception):
                ws.close()


def write_sheet(
    path: Path,
    spec: SheetSpec,
    rows: Iterable[Sequence[CellValue]],
    *,
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Rows under `spec`'s headers on a sheet named like it: every exchange kind's export, re-importable as is."""
    return write_table(Path(path), spec.headers, rows, sheet_title=spec.title, total=total, progress=progress)


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    *,
    sheet_title: str = "Sheet1",
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write a header and rows (streamed, so 10,000+ rows stay quick); returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(title=sheet_title[:31])
    iterator = iter(rows)
    # write-only sheets take column widths before the first row: measure a sample, then put it back.
    sample = list(itertools.islice(iterator, WIDTH_SAMPLE_ROWS))
    for index, width in enumerate(_fitted_widths(headers, sample), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append([_header_cell(ws, h) for h in headers])
    written = 0
    try:
        for row in itertools.chain(sample, iterator):
            ws.append([_cell(ws, v) for v in row])
            written += 1
            if progress is not None and written % PROGRESS_EVERY == 0:
                progress(written, max(total or 0, written))
    except BaseException:
        _discard(workbook)  # the target file was never touched
        raise
    save_atomically(workbook, path)
    if progress is not None:
        progress(written, written)
    return written


def column_hint(column: ColumnSpec) -> str:
    """The header comment of a template: what the column accepts."""
    lines: list[str] = []
    if column.required:
        lines.append(messages.text("excel.hint.required"))
    if column.type is CellType.ENUM:
        lines.append(messages.text("excel.hint.enum", choices="/".join(column.choices)))
    else:
        lines.append(messages.text(f"excel.hint.{column.type.value}"))
    if column.note:
        lines.append(messages.text(column.note))
    if column.synonyms:
        lines.append(messages.text("excel.hint.synonyms", names="、".join(column.synonyms)))
    return "\n".join(lines)


_COLUMN_FORMATS = {CellType.CODE: TEXT_FORMAT, CellType.DATE: DATE_FORMAT, CellType.DATETIME: DATETIME_FORMAT}


def write_template(path: Path, spec: SheetSpec) -> None:
    """An empty sheet in the import format: canonical headers, a comment on each, drop-downs for choices."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = spec.title[:31]
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_COLOUR)
        comment = Comment(column_hint(column), "desktop_hr")
        comment.width, comment.height = 260, 110
        cell.comment = comment
        dimension = ws.column_dimensions[letter]
        dimension.width = min(max(display_width(column.header) + 6, 12.0), MAX_WIDTH)
        if column.type in _COLUMN_FORMATS:
            # Typed into a text-formatted column, 00123 stays 00123 and an ID number keeps all 18 digits.
            dimension.number_format = _COLUMN_FORMATS[column.type]
        choices = ["是", "否"] if column.type is CellType.BOOL else list(column.choices)
        if choices:
            validation = DataValidation(
                type="list",
                formula1='"{}"'.format(",".join(choices)),
                allow_blank=True,
                showErrorMessage=False,  # a spelling the importer knows (e.g. 已离职) is still welcome
                showInputMessage=True,
                prompt=messages.text("excel.hint.pick"),
            )
            validation.add(f"{letter}2:{letter}{EXCEL_MAX_ROW}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
    save_atomically(workbook, path)
