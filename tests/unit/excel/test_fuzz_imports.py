"""Hostile workbooks for the importers (hypothesis): every file ends in a clean import or a clean refusal
(a DomainError), never another exception, and a refused file writes nothing."""

from __future__ import annotations

import shutil
import string
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from signing import open_as_admin
from sqlalchemy import func, select

from desktop_hr.db import Database, read_only
from desktop_hr.errors import DomainError
from desktop_hr.excel.workbook import MAX_UNCOMPRESSED_BYTES, WorkbookTooLarge
from desktop_hr.models import Base
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.exchange import ExchangeKind, kinds

KINDS = ("employees", "courses", "attendance", "sessions", "point-adjustments")
BASE_ROWS = 6  # exported rows each example starts from, so some examples import cleanly
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

GARBAGE_DATES = ("2026-13-45", "2026年2月30日", "0000-00-00", "31/31/2026", "昨天", "2026.02", "1e9", "--")
FORMULAS = ("=1+1", "=A1/0", '=HYPERLINK("http://example.com","x")', "=SUM(A:A)", "+1", "-1", "@SUM(1)")
ERRORS = ("#DIV/0!", "#N/A", "#REF!", "#VALUE!")

hostile_text = st.text(max_size=40).map(
    # XML cannot hold these characters; a file can still carry them as _xHHHH_ escapes, which readers decode.
    lambda s: ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", s)
)
cells = st.one_of(
    st.none(),
    hostile_text,
    st.sampled_from(GARBAGE_DATES + FORMULAS + ERRORS),
    st.sampled_from((5_000, 32_767, 70_000)).map(lambda n: "长" * n),  # huge strings
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times(),
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, list[list[Any]]]]]:
    """A small demo database and, per kind, its header and first rows as the export writes them."""
    folder = tmp_path_factory.mktemp("fuzz")
    database = open_as_admin(folder / "fuzz.sqlite3")
    fill_demo(database.uow(), employees=40, today=date(2026, 3, 1))
    exported: dict[str, list[list[Any]]] = {}
    with read_only(database) as session:
        for name in KINDS:
            path = folder / f"{name}.xlsx"
            kinds()[name].export(session, path, None)
            sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
            exported[name] = [list(row) for row in sheet.iter_rows(values_only=True, max_row=BASE_ROWS + 1)]
    yield database, exported
    database.dispose()


def row_counts(database: Database) -> dict[str, int]:
    with read_only(database) as session:
        return {
            table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


def save(path: Path, sheets: list[list[list[Any]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for n, rows in enumerate(sheets or [[]]):
        sheet = workbook.create_sheet(f"S{n}")
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def import_file(database: Database, kind: ExchangeKind, path: Path, valid_only: bool) -> str:
    """ "imported" or "refused"; a refused file must leave every table as it was."""
    before = row_counts(database)
    try:
        parsed = kind.parse(path, None, None)
        kind.import_parsed(database.uow(), parsed, valid_only, None)
    except DomainError as refused:
        assert str(refused).strip()  # a message for the user, in their language
        assert row_counts(database) == before
        return "refused"
    return "imported"


@st.composite
def workbooks(draw: st.DrawFn, base: list[list[Any]]) -> list[list[list[Any]]]:
    """The exported rows, mangled: cells replaced by hostile values, columns dropped, rows added or cut."""
    shape = draw(st.sampled_from(("mangled", "mangled", "mangled", "header_only", "empty", "random")))
    if shape == "empty":
        return draw(st.sampled_from(([], [[]])))
    if shape == "random":
        return [draw(st.lists(st.lists(cells, max_size=8), max_size=6))]
    header, *rows = base
    if shape == "header_only":
        return [[list(header)]]
    rows = [[*r, *[None] * (len(header) - len(r))] for r in rows[: draw(st.integers(0, len(rows)))]]
    rows += draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=3))
    for row in rows:
        for index in draw(st.sets(st.integers(0, len(header) - 1), max_size=3)):
            row[index] = draw(cells)
    header = list(header)
    if draw(st.booleans()):
        drop = draw(st.integers(0, len(header) - 1))
        header[drop] = draw(st.sampled_from((None, "", "=A1", "X" + string.punctuation)))
    title = draw(st.lists(st.lists(cells, max_size=3), max_size=2))  # a title block above the header
    return [[*title, header, *rows]]


@pytest.mark.parametrize("name", KINDS)
def test_hostile_workbooks_end_in_an_import_or_a_clean_refusal(
    name: str, demo: tuple[Database, dict[str, list[list[Any]]]], tmp_path: Path
) -> None:
    database, exported = demo
    kind = kinds()[name]
    outcomes: dict[str, int] = {"imported": 0, "refused": 0}

    @FUZZ
    @given(sheets=workbooks(exported[name]), valid_only=st.booleans())
    def check(sheets: list[list[list[Any]]], valid_only: bool) -> None:
        path = save(tmp_path / "hostile.xlsx", sheets)
        outcomes[import_file(database, kind, path, valid_only)] += 1

    check()
    print(f"\nfuzz {name}: {outcomes}")
    assert sum(outcomes.values()) >= 25
    assert outcomes["refused"] > 0


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a workbook at all",
        b"PK\x03\x04" + b"\x00" * 64,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    ],
    ids=["empty", "text", "broken-zip", "legacy-xls"],
)
def test_files_that_are_not_workbooks_are_refused(
    content: bytes, demo: tuple[Database, dict[str, list[list[Any]]]], tmp_path: Path
) -> None:
    database, _ = demo
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    for name in KINDS:
        assert import_file(database, kinds()[name], path, False) == "refused"


def test_a_zip_bomb_beyond_the_readers_limit_is_refused_by_size(
    demo: tuple[Database, dict[str, list[list[Any]]]], tmp_path: Path
) -> None:
    """A real workbook whose sheet XML inflates past MAX_UNCOMPRESSED_BYTES from a few hundred kB."""
    database, exported = demo
    plain = save(tmp_path / "plain.xlsx", [exported["employees"]])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        with target.open("xl/padding.xml", "w", force_zip64=True) as padding:
            chunk = b" " * (1 << 20)
            for _ in range(MAX_UNCOMPRESSED_BYTES // len(chunk) + 1):
                padding.write(chunk)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(WorkbookTooLarge):
        kinds()["employees"].parse(bomb, None, None)
    assert import_file(database, kinds()["attendance"], bomb, False) == "refused"
    shutil.rmtree(tmp_path)
