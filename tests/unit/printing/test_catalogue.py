"""The catalogue writes every printable as a PDF (or an Excel workbook), batches included (one file or one
per person), with nothing left behind when a batch is cancelled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from printing_office import NOW, PEOPLE, TODAY, build_office
from pypdf import PdfReader
from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.printing import catalogue
from desktop_hr.printing.fonts import MissingGlyphs
from desktop_hr.services.records import print_log
from desktop_hr.services.records.print_log import Output, OutputMissing
from desktop_hr.services.records.printables import (
    Document,
    Printable,
    Subject,
    find_printables,
    person_printable,
)


class Cancelled(Exception):
    pass


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    return build_office(db)


def _find(db: Database, text: str) -> list[Printable]:
    with db.read_session() as s:
        return find_printables(s, text, today=TODAY)


def _text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_printable_renders_a_pdf_naming_its_subject(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    found = _find(db, "欧阳明华") + _find(db, "B01") + _find(db, "质量部")

    for index, item in enumerate(found):
        target = tmp_path / f"{index}.pdf"
        pages = catalogue.render(db, item, target, now=NOW)
        assert pages == len(PdfReader(target).pages) >= 1
        text = _text(target)
        if item.subject is Subject.PERSON or item.document in (
            Document.SESSION_CERTIFICATES,
            Document.SIGN_IN_FILLED,
        ):
            assert "欧阳明华" in text, item
    assert not list(tmp_path.glob(".~*"))  # no temporary files left


def test_every_report_also_exports_to_excel_with_the_same_names(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    found = _find(db, "欧阳明华") + _find(db, "B01") + _find(db, "质量部")
    reports = [item for item in found if catalogue.has_excel(item)]
    assert {item.document for item in found} - {item.document for item in reports} <= {
        Document.CERTIFICATE,
        Document.SESSION_CERTIFICATES,
    }
    for index, item in enumerate(reports):
        target = tmp_path / f"{index}.xlsx"
        assert catalogue.export_excel(db, item, target, now=NOW) > 0
        cells = {
            str(cell)
            for sheet in openpyxl.load_workbook(target).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        }
        if item.subject is Subject.PERSON or item.document is Document.SIGN_IN_FILLED:
            assert "欧阳明华" in cells, item


def test_the_archive_card_names_the_person_and_the_course(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    card = _find(db, "00012")[0]
    target = tmp_path / card.file_name()

    catalogue.render(db, card, target, now=NOW)

    text = _text(target)
    assert "欧阳明华" in text and "00012" in text and "安全生产管理" in text
    assert target.name == "培训档案卡_00012 欧阳明华（质量部）.pdf"


def test_a_department_s_cards_are_headed_with_its_path(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    (cards,) = [i for i in _find(db, "质量部") if i.document is Document.DEPARTMENT_ARCHIVE]
    target = tmp_path / "cards.pdf"

    catalogue.render(db, cards, target, now=NOW)

    first_page = PdfReader(target).pages[0].extract_text()
    assert "员工培训档案卡 总公司/质量部" in first_page


def test_a_points_statement_over_a_span_prints_those_days(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    with db.read_session() as s:
        item = person_printable(
            s, Document.POINTS_STATEMENT, "00012", span=(date(2026, 3, 6), date(2026, 3, 6))
        )
    target = tmp_path / "span.pdf"

    catalogue.render(db, item, target, now=NOW)

    text = _text(target)
    assert "2026-03-06 至 2026-03-06" in text and "欧阳明华" in text and "参加培训" in text


def test_session_certificates_are_issued_when_printed(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    with building(db) as s:
        course = make_course(s, "K03", "消防演练")
        session = make_session(s, course, "F01", *full_days(date(2026, 3, 10)))
        sign_in(s, session, office["00014"])
    (item,) = [i for i in _find(db, "F01") if i.document is Document.SESSION_CERTIFICATES]

    pages = catalogue.render(db, item, tmp_path / "f01.pdf", now=NOW)

    assert pages == 1
    assert "李雷" in _text(tmp_path / "f01.pdf")
    assert any(i.document is Document.CERTIFICATE and "消防演练" in i.what for i in _find(db, "李雷"))


def test_a_batch_per_person_writes_one_file_each(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    (item,) = [i for i in _find(db, "B01") if i.batch]
    progress: list[tuple[int, int]] = []
    folder = tmp_path / "out"

    outputs = catalogue.export_batch(
        db,
        item,
        folder,
        per_person=True,
        now=NOW,
        progress=lambda d, t: progress.append((d, t)),
        check_cancelled=lambda: None,
    )

    files = sorted(folder.iterdir())
    assert [f.name.split("_")[:2] for f in files] == [[no, name] for no, name in PEOPLE.items()]
    assert [Path(o.target) for o in outputs] == files
    assert all(o.document == "certificate" and o.pages == 1 for o in outputs)
    assert "王芳" in _text(folder / files[1].name)
    assert progress[-1] == (3, 3)


def test_a_batch_in_one_file_holds_every_card(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    (item,) = [i for i in _find(db, "质量部") if i.batch]
    target = tmp_path / "out" / "cards.pdf"

    (output,) = catalogue.export_batch(
        db,
        item,
        target,
        per_person=False,
        now=NOW,
        progress=lambda d, t: None,
        check_cancelled=lambda: None,
    )

    text = _text(target)
    assert all(name in text for name in PEOPLE.values())
    assert output.pages == len(PdfReader(target).pages)
    assert sorted(p.name for p in target.parent.iterdir()) == ["cards.pdf"]


@pytest.mark.parametrize("per_person", [True, False])
def test_a_cancelled_batch_leaves_no_file(
    db: Database, office: dict[str, int], tmp_path: Path, per_person: bool
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (item,) = [i for i in _find(db, "质量部") if i.batch]
    calls: list[int] = []

    def cancel_on_second_check() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        catalogue.export_batch(
            db,
            item,
            out if per_person else out / "cards.pdf",
            per_person=per_person,
            now=NOW,
            progress=lambda d, t: None,
            check_cancelled=cancel_on_second_check,
        )

    assert list(out.iterdir()) == []


def test_a_rare_character_refuses_the_whole_batch_before_any_file(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    with building(db) as s:
        make_people(s, {"00020": "𠮷田"}, department_id=office["department"])
    (item,) = [i for i in _find(db, "质量部") if i.batch]

    with pytest.raises(MissingGlyphs) as refused:
        catalogue.export_batch(
            db,
            item,
            tmp_path / "out",
            per_person=True,
            now=NOW,
            progress=lambda d, t: None,
            check_cancelled=lambda: None,
        )

    assert "𠮷" in refused.value.message()
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_the_print_log_records_only_outputs_that_exist(db: Database, tmp_path: Path) -> None:
    there = tmp_path / "there.pdf"
    there.write_bytes(b"%PDF-1.4 ...")
    missing = Output("archive-card", "00012 欧阳明华", 1, str(tmp_path / "missing.pdf"))

    with pytest.raises(OutputMissing):
        print_log.record(db.uow(), [Output("archive-card", "00013 王芳", 1, str(there)), missing], at=NOW)
    with db.read_session() as s:
        assert print_log.print_log(s) == []

    print_log.record(
        db.uow(), [Output("certificate", "00013 王芳", 1, "办公室打印机", on_printer=True)], at=NOW
    )
    with db.read_session() as s:
        (row,) = print_log.print_log(s)
    assert (row.document, row.subject, row.target, row.actor, row.printed_at) == (
        "certificate",
        "00013 王芳",
        "办公室打印机",
        "hr",
        NOW,
    )
