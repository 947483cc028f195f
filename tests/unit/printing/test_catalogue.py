"""Find it fast: what an inspector types finds every printable record, and the catalogue writes them as PDFs,
batches included (one file or one per person), with nothing left behind when a batch is cancelled."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import PointCategory, SessionStatus
from desktop_hr.printing import catalogue
from desktop_hr.printing.catalogue import Document, Printable, Subject
from desktop_hr.printing.fonts import MissingGlyphs
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.points import ledger
from desktop_hr.services.records import certificates, print_log
from desktop_hr.services.records.print_log import Output, OutputMissing

TODAY = date(2026, 3, 20)
NOW = datetime(2026, 3, 20, 10, 0)
PEOPLE = {"00012": "欧阳明华", "00013": "王芳", "00014": "李雷"}


class Cancelled(Exception):
    pass


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """质量部 with three people; 安全生产管理 B01 over on 03-06 (all attended), B02 cancelled; 沟通技巧 C01
    not attended; 欧阳明华 holds a completion certificate and some points."""
    with building(db) as s:
        department = ensure_department_path(s, "总公司/质量部")
        people = make_people(s, PEOPLE, department_id=department)
        safety = make_course(s, "K01", "安全生产管理", hours=Decimal(16), credits=Decimal("1.5"))
        talk = make_course(s, "K02", "沟通技巧")
        b01 = make_session(s, safety, "B01", *full_days(date(2026, 3, 5), days=2))
        make_session(s, safety, "B02", *full_days(date(2026, 4, 5)), status=SessionStatus.CANCELLED)
        make_session(s, talk, "C01", *full_days(date(2026, 5, 5)))
        for person in people:
            sign_in(s, b01, person)
        ledger.post(
            s,
            ledger.Posting(
                employee_id=people[0].id,
                points=5,
                category=PointCategory.PARTICIPATION,
                occurred_at=datetime(2026, 3, 6, 17),
                rule_code="manual",
                reason="参加培训",
            ),
            actor="hr",
        )
        ids = {
            "department": department,
            "b01": b01.id,
            **{no: p.id for no, p in zip(PEOPLE, people, strict=True)},
        }
    certificates.issue_completion(db.uow(), ids["b01"], at=datetime(2026, 3, 9, 10), actor="hr")
    return ids


def _find(db: Database, text: str) -> list[Printable]:
    with db.read_session() as s:
        return catalogue.find_printables(s, text, today=TODAY)


def _kinds(found: list[Printable]) -> list[tuple[Document, str]]:
    return [(item.document, item.whom) for item in found]


def _text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_name_finds_the_persons_card_statement_and_certificates(
    db: Database, office: dict[str, int]
) -> None:
    found = _find(db, "欧阳明华")

    documents = [item.document for item in found]
    assert documents == [Document.ARCHIVE_CARD, Document.POINTS_STATEMENT, Document.CERTIFICATE]
    assert {item.subject_id for item in found} == {office["00012"]}
    assert all(item.subject is Subject.PERSON and "00012 欧阳明华" in item.whom for item in found)
    assert found[1].year == TODAY.year
    assert "安全生产管理" in found[2].what and "JY2026-" in found[2].what


def test_an_employee_no_finds_the_same_records(db: Database, office: dict[str, int]) -> None:
    assert _kinds(_find(db, "00012")) == _kinds(_find(db, "欧阳明华"))


def test_a_revoked_certificate_is_not_offered_for_printing(db: Database, office: dict[str, int]) -> None:
    (cert,) = [item for item in _find(db, "00013") if item.document is Document.CERTIFICATE]
    with db.read_session() as s:
        (view,) = certificates.certificate_views(s, [cert.certificate_id or 0])
    serial = view.serial
    certificates.revoke(db.uow(), serial, "信息有误", at=NOW, actor="hr")

    assert [item.document for item in _find(db, "00013")] == [
        Document.ARCHIVE_CARD,
        Document.POINTS_STATEMENT,
    ]


def test_a_session_code_finds_its_sheets_report_and_certificates(
    db: Database, office: dict[str, int]
) -> None:
    found = _find(db, "B01")

    assert [item.document for item in found] == [
        Document.SIGN_IN_BLANK,
        Document.SIGN_IN_FILLED,
        Document.SESSION_REPORT,
        Document.SESSION_CERTIFICATES,
    ]
    assert all(item.subject_id == office["b01"] and "安全生产管理" in item.whom for item in found)
    assert found[-1].batch and not found[0].batch


def test_a_course_title_finds_every_session_of_the_course(db: Database, office: dict[str, int]) -> None:
    found = _find(db, "安全生产")

    sessions = {item.whom.split()[0] for item in found}
    assert sessions == {"B01", "B02"}
    cancelled = [item.document for item in found if item.whom.startswith("B02")]
    assert Document.SESSION_CERTIFICATES not in cancelled  # a cancelled session gives no certificates


def test_a_department_name_finds_its_report_and_all_archive_cards(
    db: Database, office: dict[str, int]
) -> None:
    found = _find(db, "质量部")

    assert _kinds(found) == [
        (Document.DEPARTMENT_REPORT, "总公司/质量部"),
        (Document.DEPARTMENT_ARCHIVE, "总公司/质量部"),
    ]
    assert found[1].batch


def test_nothing_is_found_for_blank_or_unknown_text(db: Database, office: dict[str, int]) -> None:
    assert _find(db, "  ") == []
    assert _find(db, "不存在的人") == []


def test_every_printable_renders_a_pdf_naming_its_subject(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    found = _find(db, "欧阳明华") + _find(db, "B01") + _find(db, "质量部")

    for index, item in enumerate(found):
        target = tmp_path / f"{index}.pdf"
        pages = catalogue.render(db, item, target, now=NOW, actor="hr")
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

    catalogue.render(db, card, target, now=NOW, actor="hr")

    text = _text(target)
    assert "欧阳明华" in text and "00012" in text and "安全生产管理" in text
    assert target.name == "培训档案卡_00012 欧阳明华（质量部）.pdf"


def test_session_certificates_are_issued_when_printed(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    with building(db) as s:
        course = make_course(s, "K03", "消防演练")
        session = make_session(s, course, "F01", *full_days(date(2026, 3, 10)))
        sign_in(s, session, office["00014"])
    (item,) = [i for i in _find(db, "F01") if i.document is Document.SESSION_CERTIFICATES]

    pages = catalogue.render(db, item, tmp_path / "f01.pdf", now=NOW, actor="hr")

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
        actor="hr",
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
        actor="hr",
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
            actor="hr",
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
            actor="hr",
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
