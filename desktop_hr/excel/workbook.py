"""The workbook file itself: refused unless it is a table of a kind we read (formats.py) and of sane size, then
opened sheet by sheet: workbooks with the fast reader (python-calamine; openpyxl when that fails on an .xlsx),
delimited text with the csv module."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_hr import messages
from desktop_hr.excel.formats import (
    Detected,
    FileUnreadable,
    LegacyWorkbook,
    NotASpreadsheet,
    SheetFormat,
    SpreadsheetRejected,
    WorkbookTooLarge,
    WpsWorkbook,
    detect,
    text_rows,
)
from desktop_hr.excel.spec import Cell

messages.define(
    {
        "excel.damaged": (
            "无法读取 “{name}”，文件可能已损坏：{detail}",
            'Cannot read "{name}"; the file may be damaged: {detail}',
        ),
    }
)

# The refusals callers catch, wherever they are defined.
__all__ = [
    "FileUnreadable",
    "LegacyWorkbook",
    "NotASpreadsheet",
    "SpreadsheetRejected",
    "WorkbookDamaged",
    "WorkbookTooLarge",
    "WpsWorkbook",
    "check_workbook_file",
    "open_sheets",
]

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
HEADER_SEARCH_ROWS = 20


class WorkbookDamaged(SpreadsheetRejected):
    code = "excel.damaged"


def check_workbook_file(path: Path, max_bytes: int = MAX_UNCOMPRESSED_BYTES) -> Detected:
    """What the file really is (xlsx, xls, ods or delimited text), refused by name when it is none of them
    (zip bombs and oversized files included) before a parser sees it."""
    return detect(path, max_bytes)


@dataclass
class Sheet:
    """One visible worksheet: its first rows to look for the header in, and all its rows on demand."""

    name: str
    head: list[list[Cell]]  # the first rows, for finding the header
    rows: Callable[[], Iterator[Sequence[Cell]]]  # every row from row 1, fresh iterator per call
    height: int  # rows in the used range (an estimate, for progress)


def _calamine_sheets(path: Path, detected: Detected) -> Iterator[Sheet]:
    from python_calamine import CalamineWorkbook

    if detected.format is SheetFormat.XLSX:
        workbook = CalamineWorkbook.from_path(str(path))
    else:
        # By content, not by name: an .xls saved as "名单.xlsx" or an .ods called .xls still opens.
        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
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


def _openpyxl_sheets(path: Path, detected: Detected) -> Iterator[Sheet]:
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


def _text_sheets(path: Path, detected: Detected) -> Iterator[Sheet]:
    rows = text_rows(path, detected)
    yield Sheet(path.stem, [list(r) for r in rows[:HEADER_SEARCH_ROWS]], lambda: iter(rows), len(rows))


def open_sheets(path: Path, detected: Detected | None = None) -> list[Sheet]:
    """Every visible worksheet, read by the first engine that can; FileUnreadable, LegacyWorkbook (a
    password), WpsWorkbook (an .et nothing reads) or WorkbookDamaged."""
    detected = detected or detect(path, MAX_UNCOMPRESSED_BYTES)
    if detected.format is SheetFormat.CSV:
        return list(_text_sheets(path, detected))
    try:
        import python_calamine  # noqa: F401
    except ImportError:  # pragma: no cover - a platform without the wheel
        engines = [_openpyxl_sheets]
    else:
        engines = (
            [_calamine_sheets, _openpyxl_sheets]
            if detected.format is SheetFormat.XLSX
            else [_calamine_sheets]
        )
    problem: Exception | None = None
    for engine in engines:
        try:
            return list(engine(path, detected))
        except OSError as exc:
            raise FileUnreadable(name=path.name, detail=exc.strerror or str(exc)) from exc
        except Exception as exc:
            if type(exc).__name__ == "PasswordError" or "password" in str(exc).lower():
                raise LegacyWorkbook(name=path.name) from exc
            problem = exc
    assert problem is not None
    if path.suffix.lower() == ".et":
        raise WpsWorkbook(name=path.name) from problem
    raise WorkbookDamaged(name=path.name, detail=str(problem) or type(problem).__name__) from problem
