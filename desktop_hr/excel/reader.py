"""Reads one table out of a clerk's own workbook: finds the header, cleans and types each cell (cells.py),
reports every problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.excel.cells import INVISIBLE, BadCell, cleaned, converter, display, is_blank
from desktop_hr.excel.formats import SheetFormat
from desktop_hr.excel.spec import Cancelled, Cell, CellType, ColumnSpec, Progress, SheetSpec
from desktop_hr.excel.workbook import (
    HEADER_SEARCH_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    Sheet,
    SpreadsheetRejected,
    check_workbook_file,
    open_sheets,
)
from desktop_hr.services.labels import fold

messages.define(
    {
        "excel.too_many_rows": (
            "“{name}” 的数据超过 {limit} 行，请拆分成几个文件分别导入。",
            '"{name}" has more than {limit} data rows; split it into several files and import them one by one.',
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
        "excel.reason.duplicate_key": ("与第 {row} 行重复", "repeats row {row}"),
        "excel.reason.missing_column": ("缺少这一必需的列", "this required column is missing"),
        "excel.reason.header_again": (
            "这一行又是表头（表格有两行表头？）：请删除这一行",
            "this row is the header again (two header rows?): delete it",
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

MAX_ROWS = 200_000
PROGRESS_EVERY = 500
# A footer's label sits in one of the row's first few filled cells (序号 column, or the first data column).
FOOTER_CELLS = 3

_FOOTER = re.compile(r"(合计|总计|小计|共计|total|subtotal|grandtotal)([:(\d].*)?")
# Row-number columns clerks add for themselves: ignored without a warning.
_ROW_NUMBER_HEADERS = frozenset({"序号", "行号", "no.", "no", "#"})


class TooManyRows(SpreadsheetRejected):
    code = "excel.too_many_rows"


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


@dataclass(frozen=True, slots=True)  # a sheet holds up to a hundred thousand
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


def _find_header(spec: SheetSpec, sheet: Sheet) -> _Header | None:
    best: _Header | None = None
    for index, cells in enumerate(sheet.head):
        candidate = _match_header(spec, cells, index + 1)
        if candidate.columns and (best is None or len(candidate.columns) > len(best.columns)):
            best = candidate
    return best


# A footer label folds to text starting with one of these; _is_footer rules out a cell that starts with any
# other ASCII letter or CJK ideograph without folding it (neither changes under NFKC or case folding).
_FOOTER_STARTS = frozenset("合总小共tsgTSG")


def _is_footer(cells: Sequence[Cell]) -> bool:
    seen = 0
    for cell in cells:
        if cell is None or cell == "":
            continue
        if type(cell) is str:
            text = cell.strip()
            if not text:
                continue
            first = text[0]
            if first not in _FOOTER_STARTS and (first < "\x80" or "\u4e00" <= first <= "\u9fff"):
                seen += 1
                if seen == FOOTER_CELLS:
                    break
                continue
        if isinstance(cell, str):
            if is_blank(cell):
                continue
            # fold() without its Unicode normalisation for plain ASCII (a 工号): the same text, sooner.
            folded = "".join(cell.split()).lower() if cell.isascii() else fold(cell)
            if _FOOTER.fullmatch(folded):
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
    detected = check_workbook_file(path, max_bytes)
    sheets = open_sheets(path, detected, max_rows=max_rows)
    required = {c.key for c in spec.required}
    found: list[tuple[Sheet, _Header]] = []
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
    if detected.format is SheetFormat.XLSX:  # the number formats only openpyxl reads
        _restore_leading_zeros(path, result, header)
    _report_duplicate_keys(result)
    result.errors.sort(key=lambda e: e.row)  # stable: within a row, the columns keep their order
    if not result.rows and not result.errors:
        result.warnings.append(messages.text("excel.warn.no_rows", row=header.row))
    return result


# Distinct cell texts remembered per column (a roster's departments, positions, choices and dates repeat
# thousands of times; its 工号 and names never do): bounded, so a 200,000-row sheet costs no more memory.
_CONVERTED_PER_COLUMN = 4096
_Entry = tuple[Cell, Any, str | None]  # a cell cleaned, its typed value, why it is refused (or None)
_BLANK: _Entry = (None, None, None)


def _converted(convert: Callable[[Cell], Any], cell: Cell) -> _Entry:
    """(the cell cleaned, its typed value, the reason it is refused or None); (None, None, None) if blank."""
    raw = cleaned(cell)
    if raw is None:
        return _BLANK
    try:
        return raw, convert(raw), None
    except BadCell as bad:
        return raw, None, bad.reason


def _plain_text(column: ColumnSpec) -> str | None:
    """For a text or code column of unlimited length, the characters a trimmed cell may not begin or end with
    to be its own value ("" for a code: any ASCII text); None for other columns.

    Text is only trimmed (clean_text), with the invisible characters as the exception; a code is also
    NFKC-normalised, which changes no ASCII text.
    """
    if column.max_length is not None or column.parse is not None:
        return None
    if column.type is CellType.TEXT:
        return INVISIBLE
    if column.type is CellType.CODE:
        return ""
    return None


def _read_rows(
    result: SheetRead,
    sheet: Sheet,
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
    # Each column's header and synonyms, folded once (a repeated header row is checked on every row).
    header_names = [frozenset(fold(name) for name in (*column.names(), text)) for column, _, text in columns]
    # Per column: its converter; where its cells are; cell text -> what _converted gives (text only: 1, 1.0
    # and True are one dict key); _plain_text(); whether a date (or datetime) cell is its date; whether a
    # blank is more than None (required: an error; a yes/no column: False).
    plan: list[tuple[Callable[[Cell], Any], int, dict[str, _Entry], str | None, bool, bool]] = [
        (
            converter(column),
            index,
            {},
            _plain_text(column),
            column.type is CellType.DATE and column.max_length is None,
            column.required or column.type is CellType.BOOL,
        )
        for column, index, _ in columns
    ]
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
        width = len(cells)
        raw: list[Cell] = []  # each column's cell cleaned (None: blank)
        typed: list[Any] = []  # its value (None: blank or refused)
        refused: dict[int, str] = {}  # column position -> why its cell is refused
        special = False  # a refused cell, or a blank that is more than None
        for position, (convert, i, cache, plain, dated, blank_matters) in enumerate(plan):
            cell = cells[i] if i < width else None
            if cell is None or cell == "":
                raw.append(None)
                typed.append(None)
                special = special or blank_matters
                continue
            if type(cell) is str:
                if plain is not None:
                    # 工号, names, ID and phone numbers: unique, so not cached; most need trimming at most.
                    text = cell.strip()
                    if text and text[0] not in plain and text[-1] not in plain and (plain or text.isascii()):
                        raw.append(text)
                        typed.append(text)
                        continue
                entry = cache.get(cell)
                if entry is None:
                    entry = _converted(convert, cell)
                    if len(cache) < _CONVERTED_PER_COLUMN:
                        cache[cell] = entry
            elif dated and (type(cell) is date or type(cell) is datetime):
                raw.append(cell)
                typed.append(cell.date() if type(cell) is datetime else cell)
                continue
            else:
                entry = _converted(convert, cell)
            value, converted, reason = entry
            raw.append(value)
            typed.append(converted)
            if reason is not None:
                refused[position] = reason
                special = True
            elif value is None:
                special = special or blank_matters
        if _is_footer(cells):
            break  # whatever follows a total (signatures, notes) is not data
        if raw.count(None) == len(raw):
            end_row = row_no
            break
        if len(result.rows) >= max_rows:
            raise TooManyRows(name=file_name, limit=max_rows)
        if _is_header_again(raw, header_names):
            first = next(
                (text, value) for (_, _, text), value in zip(columns, raw, strict=True) if value is not None
            )
            result.errors.append(
                CellError(
                    sheet.name,
                    row_no,
                    first[0],
                    display(first[1]),
                    messages.text("excel.reason.header_again"),
                )
            )
            continue
        if special:
            values = _special_values(result, row_no, columns=columns, raw=raw, typed=typed, refused=refused)
        else:
            values = dict(zip(keys, typed, strict=True))
        result.rows.append(SheetRow(row_no, values, dict(zip(keys, raw, strict=True))))
    if end_row is not None:
        _warn_about_rows_after_end(result, rows, columns, end_row)
    if progress is not None:
        progress(len(result.rows), len(result.rows))


def _special_values(
    result: SheetRead,
    row_no: int,
    *,
    columns: list[tuple[ColumnSpec, int, str]],
    raw: list[Cell],
    typed: list[Any],
    refused: dict[int, str],
) -> dict[str, Any]:
    """A row's values when a cell is refused or blank where that matters; its problems into result.errors."""
    values: dict[str, Any] = {}
    for position, (column, _, text) in enumerate(columns):
        value = raw[position]
        if value is None:
            values[column.key] = None
            if column.required:
                result.errors.append(
                    CellError(result.sheet, row_no, text, "", messages.text("reason.required"))
                )
            elif column.type is CellType.BOOL:
                values[column.key] = False  # blank means no
        elif position in refused:
            values[column.key] = None
            result.errors.append(CellError(result.sheet, row_no, text, display(value), refused[position]))
        else:
            values[column.key] = typed[position]
    return values


def _is_header_again(raw: Sequence[Cell], header_names: Sequence[frozenset[str]]) -> bool:
    """A data row whose every filled cell is its column's header (or a synonym): a second header row."""
    filled = 0
    for value, names in zip(raw, header_names, strict=True):
        if value is None:
            continue
        if not isinstance(value, str):
            return False
        # fold() without its Unicode normalisation for plain ASCII (a 工号): the same text, sooner.
        if ("".join(value.split()).lower() if value.isascii() else fold(value)) not in names:
            return False
        filled += 1
    return filled >= 2


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
    column = result.header_of(keys[0])
    for row in result.rows:
        values = row.values
        key = tuple([values.get(k) for k in keys])
        if None in key or "" in key:
            continue
        first = first_row.setdefault(key, row.row)
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
