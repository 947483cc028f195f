"""The workbook file itself: refused unless it is an .xlsx package of sane size, then opened sheet by sheet
with the fast reader (python-calamine), openpyxl when that fails."""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.excel.spec import Cell

messages.define(
    {
        "excel.not_spreadsheet": (
            "“{name}” 不是 Excel 工作簿（.xlsx）。请用 Excel 打开后另存为 .xlsx 再导入。",
            '"{name}" is not an Excel workbook (.xlsx). Open it in Excel and save it as .xlsx, then import it.',
        ),
        "excel.legacy_xls": (
            "“{name}” 是旧版 .xls 文件或设置了打开密码。请用 Excel 另存为 .xlsx（不设密码）后再导入。",
            '"{name}" is an old .xls file or is password-protected. Save it as .xlsx (without a password) in Excel, then import it.',
        ),
        "excel.too_large": (
            "“{name}” 解压后超过 {limit} MB，不像普通的表格，已拒绝读取。",
            '"{name}" unpacks to more than {limit} MB; that is not an ordinary table, so it was not read.',
        ),
        "excel.damaged": (
            "无法读取 “{name}”，文件可能已损坏：{detail}",
            'Cannot read "{name}"; the file may be damaged: {detail}',
        ),
        "excel.unreadable": (
            "无法打开 “{name}”：{detail}。如果它正在 Excel 中打开，请先关闭。",
            'Cannot open "{name}": {detail}. If it is open in Excel, close it first.',
        ),
    }
)

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
HEADER_SEARCH_ROWS = 20


class SpreadsheetRejected(DomainError):
    """The file cannot be read as a table at all: wrong kind of file, damaged, too big, no header."""


class NotASpreadsheet(SpreadsheetRejected):
    code = "excel.not_spreadsheet"


class LegacyWorkbook(SpreadsheetRejected):
    code = "excel.legacy_xls"


class WorkbookTooLarge(SpreadsheetRejected):
    code = "excel.too_large"


class WorkbookDamaged(SpreadsheetRejected):
    code = "excel.damaged"


class FileUnreadable(SpreadsheetRejected):
    code = "excel.unreadable"


_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"


def check_workbook_file(path: Path, max_bytes: int = MAX_UNCOMPRESSED_BYTES) -> None:
    """Refuse anything but an .xlsx/.xlsm package before a parser sees it (zip bombs included)."""
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise FileUnreadable(name=name, detail=exc.strerror or str(exc)) from exc
    if head.startswith(_OLE_SIGNATURE):
        raise LegacyWorkbook(name=name)
    if not head.startswith(_ZIP_SIGNATURE):
        raise NotASpreadsheet(name=name)
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotASpreadsheet(name=name) from exc
    if not any(e.filename == "xl/workbook.xml" for e in entries):
        raise NotASpreadsheet(name=name)  # a .docx, .pptx, .ods or any other zip
    # The directory states each member's unpacked size; checking it costs nothing and stops a bomb early.
    if sum(e.file_size for e in entries) > max_bytes:
        raise WorkbookTooLarge(name=name, limit=max_bytes // (1024 * 1024))


@dataclass
class Sheet:
    """One visible worksheet: its first rows to look for the header in, and all its rows on demand."""

    name: str
    head: list[list[Cell]]  # the first rows, for finding the header
    rows: Callable[[], Iterator[Sequence[Cell]]]  # every row from row 1, fresh iterator per call
    height: int  # rows in the used range (an estimate, for progress)


def _calamine_sheets(path: Path) -> Iterator[Sheet]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    try:
        yield from _calamine_visible_sheets(workbook)
    finally:
        # Loaded sheets live on in memory; let go of the file so Excel can save it meanwhile.
        workbook.close()


def _calamine_visible_sheets(workbook: Any) -> Iterator[Sheet]:
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        if sheet.start is None:
            continue  # an empty sheet
        start_row = sheet.start[0]
        end_row, end_col = sheet.end

        def rows(
            sheet: Any = sheet, above: int = start_row, width: int = end_col + 1
        ) -> Iterator[Sequence[Cell]]:
            # iter_rows streams (to_python would hold the whole sheet as lists) but may begin at the used
            # range rather than at A1; row numbers must be Excel's, so put back what it left out.
            iterator = iter(sheet.iter_rows())
            first = next(iterator, None)
            if first is None:
                return
            if above and any(v not in ("", None) for v in first):
                yield from ([] for _ in range(above))
            for row in itertools.chain([first], iterator):
                offset = width - len(row)
                yield [None] * offset + list(row) if offset > 0 else row

        yield Sheet(
            meta.name,
            sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS),
            rows,
            end_row + 1,
        )


def _openpyxl_sheets(path: Path) -> Iterator[Sheet]:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    # openpyxl parses with defusedxml when it is importable; it is a dependency, so insist on it.
    if not DEFUSEDXML:
        raise RuntimeError("defusedxml is not importable; refusing to parse untrusted workbooks")
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            continue

        def rows(ws: Any = ws) -> Iterator[Sequence[Cell]]:
            yield from ws.iter_rows(min_row=1, min_col=1, values_only=True)

        head = [list(r) for _, r in zip(range(HEADER_SEARCH_ROWS), rows(), strict=False)]
        yield Sheet(ws.title, head, rows, ws.max_row or 0)


def open_sheets(path: Path) -> list[Sheet]:
    """Every visible worksheet, read by the first engine that can; FileUnreadable or WorkbookDamaged."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:  # pragma: no cover - a platform without the wheel
        engines = [_openpyxl_sheets]
    else:
        engines = [_calamine_sheets, _openpyxl_sheets]
    problem: Exception | None = None
    for engine in engines:
        try:
            return list(engine(path))
        except OSError as exc:
            raise FileUnreadable(name=path.name, detail=exc.strerror or str(exc)) from exc
        except Exception as exc:
            problem = exc
    assert problem is not None
    raise WorkbookDamaged(name=path.name, detail=str(problem) or type(problem).__name__) from problem
