"""The workbook file itself: refused unless it is a table of a kind we read (formats.py) and of sane size, then
opened sheet by sheet: workbooks with the fast reader (python-calamine; openpyxl when that fails on an .xlsx),
delimited text with the csv module."""

from __future__ import annotations

import itertools
import posixpath
import re
import zipfile
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
        "excel.sheet_too_large": (
            "“{name}” 的工作表 “{sheet}” 有 {rows} 行，超过一次可导入的 {limit} 行，未读取。"
            "请删除多余的行，或拆分成几个文件分别导入。",
            'Sheet "{sheet}" of "{name}" has {rows} rows, more than the {limit} one import can take; it was not '
            "read. Delete the rows not needed, or split it into several files and import them one by one.",
        ),
    }
)

# The refusals callers catch, wherever they are defined.
__all__ = [
    "FileUnreadable",
    "LegacyWorkbook",
    "NotASpreadsheet",
    "SheetTooLarge",
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


class SheetTooLarge(SpreadsheetRejected):
    """A sheet with more rows than an import takes, refused before its rows are read."""

    code = "excel.sheet_too_large"


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


# ---- a sheet's size, as the file declares it

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"(?:\$?[A-Z]+\$?\d+:)?\$?[A-Z]+\$?(\d+)\"")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")
_DIMENSION_SEARCH_BYTES = 64 * 1024  # the dimension comes before the rows, after a few settings


def declared_rows(path: Path) -> dict[str, int]:
    """Rows of each worksheet of an .xlsx as its <dimension> declares them (Excel, WPS and openpyxl write
    it), by sheet name; sheets without one are left out. Reads a few kilobytes of each sheet, not its rows."""
    from defusedxml import ElementTree

    found: dict[str, int] = {}
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels_name = "xl/_rels/workbook.xml.rels"
        targets: dict[str, str] = {}
        if rels_name in names:
            for rel in ElementTree.fromstring(package.read(rels_name)):
                target = rel.get("Target") or ""
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                targets[rel.get("Id") or ""] = part
        for sheet in workbook.iter():
            if not sheet.tag.endswith("}sheet"):
                continue
            rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
            part = targets.get(rel_id, "")
            if part not in names:
                continue
            with package.open(part) as stream:
                head = stream.read(_DIMENSION_SEARCH_BYTES)
            data = _SHEET_DATA.search(head)
            dimension = _DIMENSION.search(head, 0, data.start() if data else len(head))
            if dimension is not None:
                found[sheet.get("name") or ""] = int(dimension.group(1))
    return found


def _refuse_oversized(path: Path, sheet: str, rows: int, max_rows: int | None) -> None:
    # The header may sit below a title: rows above it do not count against the limit.
    if max_rows is not None and rows > max_rows + HEADER_SEARCH_ROWS:
        raise SheetTooLarge(name=path.name, sheet=sheet, rows=f"{rows:,}", limit=f"{max_rows:,}")


def _calamine_sheets(path: Path, detected: Detected, max_rows: int | None = None) -> Iterator[Sheet]:
    from python_calamine import CalamineWorkbook

    declared: dict[str, int] = {}
    if detected.format is SheetFormat.XLSX and max_rows is not None:
        declared = declared_rows(path)
    if detected.format is SheetFormat.XLSX:
        workbook = CalamineWorkbook.from_path(str(path))
    else:
        # By content, not by name: an .xls saved as "名单.xlsx" or an .ods called .xls still opens.
        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
    try:
        yield from _calamine_visible_sheets(path, workbook, declared, max_rows)
    finally:
        # Loaded sheets live on in memory; let go of the file so Excel can save it meanwhile.
        workbook.close()


def _calamine_visible_sheets(
    path: Path, workbook: Any, declared: dict[str, int], max_rows: int | None
) -> Iterator[Sheet]:
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
            continue
        # Refused from its declared size before a row is read: loading a million rows takes half a minute.
        _refuse_oversized(path, meta.name, declared.get(meta.name, 0), max_rows)
        sheet = workbook.get_sheet_by_name(meta.name)
        if sheet.start is None:
            continue  # an empty sheet
        start_row = sheet.start[0]
        end_row, end_col = sheet.end
        # A file that declares no size (or too small a one): refused once loaded, before Python sees its rows.
        _refuse_oversized(path, meta.name, end_row + 1, max_rows)

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


def _openpyxl_sheets(path: Path, detected: Detected, max_rows: int | None = None) -> Iterator[Sheet]:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    # openpyxl parses with defusedxml when it is importable; it is a dependency, so insist on it.
    if not DEFUSEDXML:
        raise RuntimeError("defusedxml is not importable; refusing to parse untrusted workbooks")
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            continue
        _refuse_oversized(path, ws.title, ws.max_row or 0, max_rows)  # read-only: the declared dimension

        def rows(ws: Any = ws) -> Iterator[Sequence[Cell]]:
            yield from ws.iter_rows(min_row=1, min_col=1, values_only=True)

        head = [list(r) for _, r in zip(range(HEADER_SEARCH_ROWS), rows(), strict=False)]
        yield Sheet(ws.title, head, rows, ws.max_row or 0)


def _text_sheets(path: Path, detected: Detected, max_rows: int | None = None) -> Iterator[Sheet]:
    rows = text_rows(path, detected)
    _refuse_oversized(path, path.stem, len(rows), max_rows)
    yield Sheet(path.stem, [list(r) for r in rows[:HEADER_SEARCH_ROWS]], lambda: iter(rows), len(rows))


def open_sheets(path: Path, detected: Detected | None = None, *, max_rows: int | None = None) -> list[Sheet]:
    """Every visible worksheet, read by the first engine that can; FileUnreadable, LegacyWorkbook (a
    password), WpsWorkbook (an .et nothing reads) or WorkbookDamaged; with `max_rows`, SheetTooLarge for a
    sheet of more rows (below the rows a header may sit under)."""
    detected = detected or detect(path, MAX_UNCOMPRESSED_BYTES)
    if detected.format is SheetFormat.CSV:
        return list(_text_sheets(path, detected, max_rows))
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
            return list(engine(path, detected, max_rows))
        except SpreadsheetRejected:
            raise
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
