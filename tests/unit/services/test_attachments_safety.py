"""Attachments never land outside the folder they are copied to, whatever their stored name; exports never
carry a formula from data."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_hr.db import Database
from desktop_hr.excel.writer import FORMULA_LEADS, write_table
from desktop_hr.services.files import NAME_MAX, copy_out, safe_file_name, store_bytes

HOSTILE_NAMES = [
    "../../x",
    "..\\..\\x",
    "C:\\Windows\\x",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "/etc/passwd",
    "\\\\server\\share\\x.docx",
    "..",
    ".",
    "",
    "   ",
    "a\x00b.txt",
    "报告.\x00exe",
    'x<>:"|?*.pdf',
    "name.\\..\\..\\evil",
    "课件" * 200 + ".pptx",
    "a" * 300,
    "a." + "b" * 300,
    "~/x",
    "x/",
]


def inside(folder: Path, target: Path) -> bool:
    return target.resolve().parent == folder.resolve()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_safe_file_name_is_one_short_plain_name(name: str) -> None:
    safe = safe_file_name(name)
    assert safe and safe not in {".", ".."}
    assert not any(ch in safe for ch in '/\\\x00<>:"|?*')
    assert len(safe.encode()) <= NAME_MAX
    assert safe == safe.strip(" .")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("NUL.tar.gz", "_NUL.tar.gz"),
        ("lpt9.pdf", "_lpt9.pdf"),
        ("COM10.doc", "COM10.doc"),
        ("console.txt", "console.txt"),
    ],
)
def test_windows_device_names_never_become_a_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_copy_out_writes_inside_the_folder_and_never_overwrites(
    db: Database, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "out"
    with db.uow() as uow:
        file_id = store_bytes(uow.session, b"content")
        uow.commit()
    with db.read_session() as session:
        written = [copy_out(session, file_id, folder, name) for _ in range(3)]
    assert all(inside(folder, path) for path in written)
    assert len(set(written)) == 3  # a second copy gets a numbered sibling
    assert all(path.read_bytes() == b"content" for path in written)
    strays = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("hr.sqlite3")]
    assert all(inside(folder, p) for p in strays)
    assert {p.name for p in folder.iterdir()} == {p.name for p in written}


@settings(max_examples=25, deadline=None)
@given(name=st.text(max_size=300))
def test_any_stored_name_gives_a_plain_name(name: str) -> None:
    safe = safe_file_name(name)
    assert safe and Path(safe).name == safe and safe not in {".", ".."}
    assert "\x00" not in safe and "\\" not in safe
    assert len(safe.encode()) <= NAME_MAX


@settings(max_examples=25, deadline=None)
@given(
    texts=st.lists(
        st.tuples(st.sampled_from(FORMULA_LEADS), st.text(max_size=30)).map("".join), min_size=1, max_size=5
    )
)
def test_exported_text_never_becomes_a_formula(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    path = tmp_path_factory.mktemp("export") / "out.xlsx"
    write_table(path, ["=备注", "+x"], [[text, text] for text in texts])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and all(cell.data_type == "s" for cell in cells)
