"""Reads one table out of a clerk's own workbook: finds the header, cleans and types each cell, reports every problem."""

from __future__ import annotations

import enum
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.services import validation  # noqa: F401 - registers "reason.required", "reason.too_long"
from desktop_hr.services.labels import FORMAT_LANGUAGE, fold, label, parse_enum

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
        "excel.too_many_rows": (
            "“{name}” 的数据超过 {limit} 行，请拆分成几个文件分别导入。",
            '"{name}" has more than {limit} data rows; split it into several files and import them one by one.',
        ),
        "excel.damaged": (
            "无法读取 “{name}”，文件可能已损坏：{detail}",
            'Cannot read "{name}"; the file may be damaged: {detail}',
        ),
        "excel.unreadable": (
            "无法打开 “{name}”：{detail}。如果它正在 Excel 中打开，请先关闭。",
            'Cannot open "{name}": {detail}. If it is open in Excel, close it first.',
        ),
        "excel.no_header": (
            "在 “{name}” 各工作表的前 {rows} 行中找不到表头。表头至少应包含这些列：{columns}",
            'No header row found in the first {rows} rows of any sheet of "{name}". It needs at least these columns: {columns}',
        ),
        "excel.cancelled": ("已取消读取。", "Reading was cancelled."),
        "excel.cell_error": (
            "第{row}行 “{column}” 列的值 “{value}”：{reason}",
            'Row {row}, column "{column}", value "{value}": {reason}',
        ),
        "excel.cell_error_blank": (
            "第{row}行 “{column}” 列：{reason}",
            'Row {row}, column "{column}": {reason}',
        ),
        "excel.reason.not_date": (
            "不是有效日期（可写作 2021-03-05、2021/3/5、2021.3.5 或 2021年3月5日）",
            "is not a valid date (write 2021-03-05, 2021/3/5, 2021.3.5 or 2021年3月5日)",
        ),
        "excel.reason.not_datetime": (
            "不是有效的日期时间（如 2021-03-05 09:30）",
            "is not a valid date and time (such as 2021-03-05 09:30)",
        ),
        "excel.reason.not_int": ("不是整数", "is not a whole number"),
        "excel.reason.not_number": ("不是数字", "is not a number"),
        "excel.reason.not_bool": ("应填 是 或 否", "should be 是 (yes) or 否 (no)"),
        "excel.reason.not_choice": ("无法识别，可填：{choices}", "is not recognised; use one of: {choices}"),
        "excel.reason.duplicate_key": ("与第 {row} 行重复", "repeats row {row}"),
        "excel.reason.missing_column": ("缺少这一必需的列", "this required column is missing"),
        "excel.reason.code_precision": (
            "数字太长，Excel 只保留了前 15 位；请把这一列设为“文本”格式后重新输入",
            "the number is too long and Excel kept only 15 digits; format the column as Text and type it again",
        ),
        "excel.warn.unknown_columns": (
            "已忽略无法识别的列：{columns}",
            "Columns not recognised and ignored: {columns}",
        ),
        "excel.warn.duplicate_column": (
            "“{column}” 与 “{first}” 是同一列，只读取了 “{first}”",
            '"{column}" means the same as "{first}"; only "{first}" was read',
        ),
        "excel.warn.data_after_end": (
            "表格在第 {end} 行（空行或合计行）处结束，但第 {row} 行还有内容，这些行没有读取",
            "The table ends at row {end} (a blank or total row) but row {row} has more content; those rows were not read",
        ),
        "excel.warn.no_rows": (
            "表头（第 {row} 行）下面没有数据行",
            "There are no data rows under the header (row {row})",
        ),
    }
)

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 20
PROGRESS_EVERY = 500
# A footer's label sits in one of the row's first few filled cells (序号 column, or the first data column).
FOOTER_CELLS = 3
# Excel keeps 15 significant digits; a longer "number" (an ID number typed without a text format) is already damaged.
EXACT_DIGITS = 15

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Cell = Any  # what the engine hands back: str, float, int, bool, date, datetime, time, timedelta or None

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters that ride along when text is copied
_TRIM = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")
_FOOTER = re.compile(r"(合计|总计|小计|共计|total|subtotal|grandtotal)([:(\d].*)?")
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|\s*T\s*|(?<=日))(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?)?"
)
_YES = frozenset({"是", "y", "yes", "1", "√", "✓", "✔", "true", "对"})
_NO = frozenset({"否", "n", "no", "0", "×", "✗", "✘", "false", "错"})
# Row-number columns clerks add for themselves: ignored without a warning.
_ROW_NUMBER_HEADERS = frozenset({"序号", "行号", "no.", "no", "#"})


# ---- problems ---------------------------------------------------------------------------------


class SpreadsheetRejected(DomainError):
    """The file cannot be read as a table at all: wrong kind of file, damaged, too big, no header."""


class NotASpreadsheet(SpreadsheetRejected):
    code = "excel.not_spreadsheet"


class LegacyWorkbook(SpreadsheetRejected):
    code = "excel.legacy_xls"


class WorkbookTooLarge(SpreadsheetRejected):
    code = "excel.too_large"


class TooManyRows(SpreadsheetRejected):
    code = "excel.too_many_rows"


class WorkbookDamaged(SpreadsheetRejected):
    code = "excel.damaged"


class FileUnreadable(SpreadsheetRejected):
    code = "excel.unreadable"


class HeaderNotFound(SpreadsheetRejected):
    code = "excel.no_header"


class ReadCancelled(DomainError):
    code = "excel.cancelled"


@dataclass(frozen=True)
class CellError:
    """One problem in one cell: row as Excel numbers it, column as the file names it, the value as written."""

    sheet: str
    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        code = "excel.cell_error" if self.value else "excel.cell_error_blank"
        return messages.text(code, row=self.row, column=self.column, value=self.value, reason=self.reason)


# ---- what a sheet should look like --------------------------------------------------------------


class CellType(enum.Enum):
    TEXT = "text"
    CODE = "code"  # numbers that are really codes (工号, phone, ID no.): text, never "1001.0"
    DATE = "date"
    DATETIME = "datetime"
    INT = "int"
    DECIMAL = "decimal"
    BOOL = "bool"
    ENUM = "enum"


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str  # canonical (Chinese) header, written in templates and exports
    synonyms: tuple[str, ...] = ()
    type: CellType = CellType.TEXT
    required: bool = False  # the column must be in the file and every row must fill it
    parse: Callable[[str], object | None] | None = None  # ENUM: the value meant by the text, or None
    choices: tuple[str, ...] = ()  # ENUM: canonical spellings, for messages and template drop-downs
    max_length: int | None = None
    note: str | None = None  # message code with guidance for the template's header comment

    def names(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)


def enum_column(
    key: str,
    header: str,
    cls: type[enum.Enum],
    synonyms: tuple[str, ...] = (),
    *,
    required: bool = False,
    note: str | None = None,
) -> ColumnSpec:
    """A column of choices (性别, 课程类别, 状态): written in Chinese, read in any spelling labels.py knows."""
    return ColumnSpec(
        key,
        header,
        synonyms,
        CellType.ENUM,
        required,
        parse=partial(parse_enum, cls),
        choices=tuple(label(m, FORMAT_LANGUAGE) for m in cls),
        note=note,
    )


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str  # sheet name in templates and exports
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]  # column keys identifying a row; a repeat inside one file is an error
    _by_folded: dict[str, str] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, ColumnSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_folded: dict[str, str] = {}
        for column in self.columns:
            for name in column.names():
                other = by_folded.setdefault(_fold_header(name), column.key)
                if other != column.key:
                    raise ValueError(f"{self.kind}: header {name!r} names both {other!r} and {column.key!r}")
            if column.type is CellType.ENUM and column.parse is None:
                raise ValueError(f"{self.kind}: enum column {column.key!r} needs a parse function")
        by_key = {c.key: c for c in self.columns}
        if missing := set(self.key) - by_key.keys():
            raise ValueError(f"{self.kind}: key columns {missing} are not columns")
        object.__setattr__(self, "_by_folded", by_folded)
        object.__setattr__(self, "_by_key", by_key)

    def column(self, key: str) -> ColumnSpec:
        return self._by_key[key]

    def key_for_header(self, text: str) -> str | None:
        return self._by_folded.get(_fold_header(text))

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def required(self) -> list[ColumnSpec]:
        return [c for c in self.columns if c.required]


def _fold_header(text: str) -> str:
    # "*工号", "工号*" and "工号（必填）" are how clerks mark required columns in their own sheets.
    folded = fold(text).removeprefix("*")
    for mark in ("(必填)", "*"):
        folded = folded.removesuffix(mark)
    return folded


# ---- what was read ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    row: int  # as Excel shows it
    values: dict[str, Any]  # column key -> cleaned value; None when blank or in error; absent columns missing
    cells: dict[str, Cell]  # column key -> the cell as read, for quoting it back in messages

    def shown(self, key: str) -> str:
        """The cell as the user sees it in Excel."""
        return display(self.cells.get(key))


@dataclass
class SheetRead:
    spec: SheetSpec
    sheet: str
    header_row: int
    headers: dict[str, str]  # column key -> header as written in the file
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def header_of(self, key: str) -> str:
        """The column's name as the user wrote it, or the canonical one when the file lacks it."""
        return self.headers.get(key) or self.spec.column(key).header

    @property
    def columns(self) -> frozenset[str]:
        return frozenset(self.headers)

    @property
    def error_rows(self) -> set[int]:
        return {e.row for e in self.errors}


# ---- cleaning cells ----------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def clean_text(value: str) -> str:
    """Trim white space of any width (U+3000 too) and the invisible characters copied from chat apps."""
    text = value.strip()  # every Unicode space, U+3000 included; the regex only when needed (it is slower)
    if text and (text[0] in _INVISIBLE or text[-1] in _INVISIBLE):
        text = _TRIM.sub("", text)
    return text


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def _cleaned(value: Cell) -> Cell:
    """Strings trimmed, and None for anything blank."""
    if isinstance(value, str):
        return clean_text(value) or None
    return value


def display(value: Cell) -> str:
    """A cell as the user sees it, for error messages."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 10**EXACT_DIGITS else f"{value:.15g}"
    if isinstance(value, datetime):
        return value.isoformat(" ", "seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_date_text(text: str) -> tuple[date, time | None] | None:
    """`2021-03-05`, `2021/3/5`, `2021.3.5`, `2021年3月5日`, optionally followed by `HH:MM[:SS]`; None if not a date."""
    match = _DATE_TEXT.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        day_value = date(int(year), int(month), int(day))
        at = time(int(hour), int(minute), int(second or 0)) if hour is not None else None
    except ValueError:
        return None
    return day_value, at


def _to_text(value: Cell) -> str:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return display(value)


def _to_code(value: Cell) -> str:
    if isinstance(value, float):
        if not value.is_integer():
            return f"{value:.15g}"
        if abs(value) >= 10**EXACT_DIGITS:
            raise _Bad(messages.text("excel.reason.code_precision"))
        return str(int(value))
    if isinstance(value, str):
        # Full-width digits and letters typed with a Chinese input method mean the same code.
        return clean_text(unicodedata.normalize("NFKC", value))
    return _to_text(value)


def _to_date(value: Cell) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (parsed := parse_date_text(value)) is not None:
        return parsed[0]
    raise _Bad(messages.text("excel.reason.not_date"))


def _to_datetime(value: Cell) -> datetime:
    if isinstance(value, datetime):
        # Excel stores times as fractions of a day; 09:30 can come back as 09:29:59.999.
        rounded = value + timedelta(microseconds=500_000) if value.microsecond >= 500_000 else value
        return rounded.replace(microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str) and (parsed := parse_date_text(value)) is not None:
        return datetime.combine(parsed[0], parsed[1] or time())
    raise _Bad(messages.text("excel.reason.not_datetime"))


def _to_decimal(value: Cell) -> Decimal:
    if isinstance(value, bool):
        raise _Bad(messages.text("excel.reason.not_number"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # 15 significant digits, as Excel shows it: 0.1 + 0.2 is 0.3 to a clerk.
        return Decimal(f"{value:.15g}")
    if isinstance(value, str):
        try:
            number = Decimal(unicodedata.normalize("NFKC", value).strip().replace(",", ""))
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite():
            return number
    raise _Bad(messages.text("excel.reason.not_number"))


def _to_int(value: Cell) -> int:
    try:
        number = _to_decimal(value)
    except _Bad:
        raise _Bad(messages.text("excel.reason.not_int")) from None
    if number != number.to_integral_value():
        raise _Bad(messages.text("excel.reason.not_int"))
    return int(number)


def _to_bool(value: Cell) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(display(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _Bad(messages.text("excel.reason.not_bool"))


_CONVERTERS: dict[CellType, Callable[[Cell], Any]] = {
    CellType.TEXT: _to_text,
    CellType.CODE: _to_code,
    CellType.DATE: _to_date,
    CellType.DATETIME: _to_datetime,
    CellType.INT: _to_int,
    CellType.DECIMAL: _to_decimal,
    CellType.BOOL: _to_bool,
}  # CellType.ENUM goes through the column's own parse function


def convert(column: ColumnSpec, value: Cell) -> Any:
    """The cleaned, typed value of one non-blank cell; raises _Bad with the localised reason."""
    result: Any
    converter = _CONVERTERS.get(column.type)
    if converter is not None:
        result = converter(value)
    else:
        assert column.parse is not None
        result = column.parse(_to_text(value))
        if result is None:
            raise _Bad(messages.text("excel.reason.not_choice", choices="/".join(column.choices)))
    if column.max_length is not None and isinstance(result, str) and len(result) > column.max_length:
        raise _Bad(messages.text("reason.too_long", limit=column.max_length))
    return result


# ---- the file itself ---------------------------------------------------------------------------

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
class _Sheet:
    name: str
    head: list[list[Cell]]  # the first rows, for finding the header
    rows: Callable[[], Iterator[Sequence[Cell]]]  # every row from row 1, fresh iterator per call
    height: int  # rows in the used range (an estimate, for progress)


def _calamine_sheets(path: Path) -> Iterator[_Sheet]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    try:
        yield from _calamine_visible_sheets(workbook)
    finally:
        # Loaded sheets live on in memory; let go of the file so Excel can save it meanwhile.
        workbook.close()


def _calamine_visible_sheets(workbook: Any) -> Iterator[_Sheet]:
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

        yield _Sheet(
            meta.name,
            sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS),
            rows,
            end_row + 1,
        )


def _openpyxl_sheets(path: Path) -> Iterator[_Sheet]:
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
        yield _Sheet(ws.title, head, rows, ws.max_row or 0)


def _open_sheets(path: Path) -> list[_Sheet]:
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


# ---- finding the header and reading rows --------------------------------------------------------


@dataclass
class _Header:
    row: int  # Excel row number
    columns: dict[str, tuple[int, str]]  # key -> (0-based column index, header as written)
    unknown: list[str]
    repeated: list[tuple[str, str]]  # (header as written, the header already used for that column)


def _match_header(spec: SheetSpec, cells: Sequence[Cell], row: int) -> _Header:
    header = _Header(row, {}, [], [])
    for index, cell in enumerate(cells):
        if is_blank(cell):
            continue
        text = display(cell)
        key = spec.key_for_header(text)
        if key is None:
            if fold(text) not in _ROW_NUMBER_HEADERS:
                header.unknown.append(text)
        elif key in header.columns:
            header.repeated.append((text, header.columns[key][1]))
        else:
            header.columns[key] = (index, text)
    return header


def _find_header(spec: SheetSpec, sheet: _Sheet) -> _Header | None:
    best: _Header | None = None
    for index, cells in enumerate(sheet.head):
        candidate = _match_header(spec, cells, index + 1)
        if candidate.columns and (best is None or len(candidate.columns) > len(best.columns)):
            best = candidate
    return best


def _is_footer(cells: Sequence[Cell]) -> bool:
    seen = 0
    for cell in cells:
        if is_blank(cell):
            continue
        if isinstance(cell, str) and _FOOTER.fullmatch(fold(cell)):
            return True
        seen += 1
        if seen == FOOTER_CELLS:
            break
    return False


def read_sheet(
    path: Path,
    spec: SheetSpec,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_UNCOMPRESSED_BYTES,
) -> SheetRead:
    """Read the first visible sheet whose header matches `spec`; cell problems are collected, not raised."""
    check_workbook_file(path, max_bytes)
    sheets = _open_sheets(path)
    required = {c.key for c in spec.required}
    found: list[tuple[_Sheet, _Header]] = []
    for sheet in sheets:
        header = _find_header(spec, sheet)
        if header is not None:
            found.append((sheet, header))
    complete = [(s, h) for s, h in found if required <= h.columns.keys()]
    # A row naming at least two known columns is a header even when a required one is missing:
    # "缺少 工号 列" then tells the clerk more than "no header found".
    partial = [(s, h) for s, h in found if len(h.columns) >= min(2, len(spec.columns))]
    chosen = complete[0] if complete else max(partial, key=lambda sh: len(sh[1].columns), default=None)
    if chosen is None:
        raise HeaderNotFound(
            name=path.name,
            rows=HEADER_SEARCH_ROWS,
            columns="、".join(c.header for c in spec.required) or "、".join(spec.headers),
        )
    sheet, header = chosen
    result = SheetRead(spec, sheet.name, header.row, {k: text for k, (_, text) in header.columns.items()})
    if header.unknown:
        result.warnings.append(messages.text("excel.warn.unknown_columns", columns="、".join(header.unknown)))
    for text, first in header.repeated:
        result.warnings.append(messages.text("excel.warn.duplicate_column", column=text, first=first))
    missing = [c for c in spec.required if c.key not in header.columns]
    for column in missing:
        result.errors.append(
            CellError(sheet.name, header.row, column.header, "", messages.text("excel.reason.missing_column"))
        )
    if missing:
        return result
    _read_rows(
        result, sheet, header, progress=progress, cancelled=cancelled, max_rows=max_rows, file_name=path.name
    )
    _restore_leading_zeros(path, result, header)
    _report_duplicate_keys(result)
    result.errors.sort(key=lambda e: e.row)  # stable: within a row, the columns keep their order
    if not result.rows and not result.errors:
        result.warnings.append(messages.text("excel.warn.no_rows", row=header.row))
    return result


def _read_rows(
    result: SheetRead,
    sheet: _Sheet,
    header: _Header,
    *,
    progress: Progress | None,
    cancelled: Cancelled | None,
    max_rows: int,
    file_name: str,
) -> None:
    spec = result.spec
    columns = [(spec.column(key), index, text) for key, (index, text) in header.columns.items()]
    keys = [column.key for column, _, _ in columns]
    choice_cache: dict[tuple[str, Cell], Any] = {}
    total = max(sheet.height - header.row, 0)
    rows = sheet.rows()
    end_row: int | None = None  # the blank row that ended the data, if one did
    for index, cells in enumerate(rows):
        row_no = index + 1
        if row_no <= header.row:
            continue
        done = row_no - header.row
        if done % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ReadCancelled()
            if progress is not None:
                progress(done, max(total, done))
        raw = [_cleaned(cells[i]) if i < len(cells) else None for _, i, _ in columns]
        if _is_footer(cells):
            break  # whatever follows a total (signatures, notes) is not data
        if all(v is None for v in raw):
            end_row = row_no
            break
        if len(result.rows) >= max_rows:
            raise TooManyRows(name=file_name, limit=max_rows)
        values: dict[str, Any] = {}
        for (column, _, text), value in zip(columns, raw, strict=True):
            if value is None:
                values[column.key] = None
                if column.required:
                    result.errors.append(
                        CellError(sheet.name, row_no, text, "", messages.text("reason.required"))
                    )
                elif column.type is CellType.BOOL:
                    values[column.key] = False  # blank means no
                continue
            try:
                if column.type is CellType.ENUM:
                    # A column holds a handful of distinct spellings; parse each once, not once per row.
                    cache_key = (column.key, value)
                    if cache_key not in choice_cache:
                        choice_cache[cache_key] = convert(column, value)
                    values[column.key] = choice_cache[cache_key]
                else:
                    values[column.key] = convert(column, value)
            except _Bad as bad:
                values[column.key] = None
                result.errors.append(CellError(sheet.name, row_no, text, display(value), bad.reason))
        result.rows.append(SheetRow(row_no, values, dict(zip(keys, raw, strict=True))))
    if end_row is not None:
        _warn_about_rows_after_end(result, rows, columns, end_row)
    if progress is not None:
        progress(len(result.rows), len(result.rows))


_ZEROS_FORMAT = re.compile(r'"?(0+)"?')


def _restore_leading_zeros(path: Path, result: SheetRead, header: _Header) -> None:
    """A key code typed as a number in a cell formatted 00000 shows as 00012 in Excel but is stored as 12.

    The clerk sees 00012, so that is the code. The fast reader has no number formats, so openpyxl is
    asked for them, and only when a key column (工号) really holds numbers: ordinary files pay nothing.
    """
    code_keys = [
        k for k in result.spec.key if k in header.columns and result.spec.column(k).type is CellType.CODE
    ]
    wanted: dict[tuple[int, int], tuple[SheetRow, str]] = {}  # (Excel row, 1-based column) -> row, key
    for row in result.rows:
        for key in code_keys:
            raw = row.cells.get(key)
            if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
                wanted[(row.row, header.columns[key][0] + 1)] = (row, key)
    if not wanted:
        return
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        sheet = workbook[result.sheet]
        columns = {column for _, column in wanted}
        last_row = max(row for row, _ in wanted)
        for cells in sheet.iter_rows(
            min_row=header.row + 1, max_row=last_row, min_col=min(columns), max_col=max(columns)
        ):
            for cell in cells:
                target = wanted.get((getattr(cell, "row", 0), getattr(cell, "column", 0)))
                match = _ZEROS_FORMAT.fullmatch(str(getattr(cell, "number_format", "")))
                if target is None or match is None:
                    continue
                row, key = target
                code = row.values.get(key)
                if isinstance(code, str):
                    row.values[key] = code.zfill(len(match.group(1)))
    finally:
        workbook.close()


def _report_duplicate_keys(result: SheetRead) -> None:
    """Every repeat of a key names the row that had it first (after padding: 12 formatted 00000 is 00012)."""
    keys = [k for k in result.spec.key if k in result.headers]
    if not keys:
        return
    first_row: dict[tuple[Any, ...], int] = {}
    for row in result.rows:
        key = tuple(row.values.get(k) for k in keys)
        if any(part is None or part == "" for part in key):
            continue
        first = first_row.setdefault(key, row.row)
        column = result.header_of(keys[0])
        if first != row.row:
            result.errors.append(
                CellError(
                    result.sheet,
                    row.row,
                    column,
                    " / ".join(display(p) for p in key),
                    messages.text("excel.reason.duplicate_key", row=first),
                )
            )


def _warn_about_rows_after_end(
    result: SheetRead,
    rows: Iterator[Sequence[Cell]],
    columns: list[tuple[ColumnSpec, int, str]],
    end_row: int,
) -> None:
    """Data after a stray blank row is not read (the format says blank rows end the data), but say so."""
    for offset, cells in enumerate(rows, start=1):
        if _is_footer(cells):
            return
        if any(not is_blank(cells[i]) for _, i, _ in columns if i < len(cells)):
            result.warnings.append(
                messages.text("excel.warn.data_after_end", end=end_row, row=end_row + offset)
            )
            return
