"""Find it fast: what an inspector types finds every printable record; the command line names the same
records by key (工号, session code, department path) and gets the same what and whom."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from printing_office import NOW, TODAY, build_office
from training_data import building, full_days, make_course, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.errors import NotFound
from desktop_hr.models import AttendanceStatus
from desktop_hr.services.records import certificates, printables
from desktop_hr.services.records.printables import Document, Printable, Subject


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    return build_office(db)


def _find(db: Database, text: str) -> list[Printable]:
    with db.read_session() as s:
        return printables.find_printables(s, text, today=TODAY)


def _kinds(found: list[Printable]) -> list[tuple[Document, str]]:
    return [(item.document, item.whom) for item in found]


def test_a_name_finds_the_persons_card_statement_report_and_certificates(
    db: Database, office: dict[str, int]
) -> None:
    found = _find(db, "欧阳明华")

    documents = [item.document for item in found]
    assert documents == [
        Document.ARCHIVE_CARD,
        Document.POINTS_STATEMENT,
        Document.REQUIREMENT_REPORT,
        Document.CERTIFICATE,
    ]
    assert {item.subject_id for item in found} == {office["00012"]}
    assert all(item.subject is Subject.PERSON and "00012 欧阳明华" in item.whom for item in found)
    assert found[1].year == found[2].year == TODAY.year
    assert found[2].what == f"{TODAY.year} 年度职称资格报告"
    assert "安全生产管理" in found[3].what and "JY2026-" in found[3].what


def test_an_employee_no_finds_the_same_records(db: Database, office: dict[str, int]) -> None:
    assert _kinds(_find(db, "00012")) == _kinds(_find(db, "欧阳明华"))


def test_a_revoked_certificate_is_not_offered_for_printing(db: Database, office: dict[str, int]) -> None:
    (cert,) = [item for item in _find(db, "00013") if item.document is Document.CERTIFICATE]
    with db.read_session() as s:
        (view,) = certificates.certificate_views(s, [cert.certificate_id or 0])
    serial = view.serial
    certificates.revoke(db.uow(), serial, "信息有误", at=NOW)

    assert [item.document for item in _find(db, "00013")] == [
        Document.ARCHIVE_CARD,
        Document.POINTS_STATEMENT,
        Document.REQUIREMENT_REPORT,
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
    found = [item for item in _find(db, "安全生产") if item.subject is Subject.SESSION]

    sessions = {item.whom.split()[0] for item in found}
    assert sessions == {"B01", "B02"}
    cancelled = [item.document for item in found if item.whom.startswith("B02")]
    assert Document.SESSION_CERTIFICATES not in cancelled  # a cancelled session gives no certificates


def _session_documents(db: Database, code: str, **when: Any) -> list[Document]:
    with db.read_session() as s:
        found = printables.find_printables(s, code, today=TODAY, **when)
    return [item.document for item in found if item.whom.startswith(code + " ")]


SHEETS_AND_REPORT = [Document.SIGN_IN_BLANK, Document.SIGN_IN_FILLED, Document.SESSION_REPORT]


def test_certificates_are_offered_only_for_a_session_held_with_attendees(
    db: Database, office: dict[str, int]
) -> None:
    with building(db) as s:
        course = make_course(s, "K09", "急救培训")
        nobody = make_session(s, course, "N01", *full_days(date(2026, 3, 12)))
        sign_in(s, nobody, office["00013"], status=AttendanceStatus.ABSENT)
        sign_in(s, nobody, office["00014"], status=AttendanceStatus.EXCUSED)
        late = make_session(s, course, "N02", *full_days(date(2026, 3, 13)))
        sign_in(s, late, office["00014"], status=AttendanceStatus.LATE)
        today = make_session(s, course, "N03", *full_days(TODAY))  # 09:00 to 17:00 on the day searched
        sign_in(s, today, office["00012"])

    # Held, but everyone was absent or excused: the sheets stay, no certificates.
    assert _session_documents(db, "N01") == SHEETS_AND_REPORT
    # Held, one came late: certificates.
    assert _session_documents(db, "N02") == [*SHEETS_AND_REPORT, Document.SESSION_CERTIFICATES]
    # Not held yet (05-05), nobody attended.
    assert _session_documents(db, "C01") == SHEETS_AND_REPORT
    # Under way with an attendee: none until it is over.
    assert _session_documents(db, "N03", now=datetime.combine(TODAY, time(10))) == SHEETS_AND_REPORT
    assert _session_documents(db, "N03") == SHEETS_AND_REPORT  # the day's start, by default
    assert _session_documents(db, "N03", now=datetime.combine(TODAY, time(17, 30))) == [
        *SHEETS_AND_REPORT,
        Document.SESSION_CERTIFICATES,
    ]


def test_the_offered_certificates_are_the_ones_issuing_accepts(db: Database, office: dict[str, int]) -> None:
    with building(db) as s:
        course = make_course(s, "K09", "急救培训")
        nobody = make_session(s, course, "N01", *full_days(date(2026, 3, 12)))
        sign_in(s, nobody, office["00013"], status=AttendanceStatus.ABSENT)
    assert Document.SESSION_CERTIFICATES not in _session_documents(db, "N01")
    with pytest.raises(certificates.NoAttendees):
        certificates.issue_completion(db.uow(), nobody.id, at=NOW)


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


def test_a_record_named_by_key_is_the_one_the_search_lists(db: Database, office: dict[str, int]) -> None:
    person = {item.document: item for item in _find(db, "欧阳明华")}
    session = {item.document: item for item in _find(db, "B01")}
    department = {item.document: item for item in _find(db, "质量部")}
    with db.read_session() as s:
        assert (
            printables.person_printable(s, Document.ARCHIVE_CARD, " 00012 ") == person[Document.ARCHIVE_CARD]
        )
        assert (
            printables.person_printable(s, Document.POINTS_STATEMENT, "00012", year=TODAY.year)
            == person[Document.POINTS_STATEMENT]
        )
        certificate = person[Document.CERTIFICATE]
        assert certificate.certificate_id is not None
        assert printables.certificate_printable(s, certificate.certificate_id) == certificate
        for document in (Document.SIGN_IN_FILLED, Document.SESSION_REPORT, Document.SESSION_CERTIFICATES):
            assert printables.session_printable(s, document, "B01") == session[document]
        assert (
            printables.department_printable(s, Document.DEPARTMENT_REPORT, "总公司／质量部", year=TODAY.year)
            == department[Document.DEPARTMENT_REPORT]
        )
        assert (
            printables.department_printable(s, Document.DEPARTMENT_ARCHIVE, "总公司/质量部")
            == department[Document.DEPARTMENT_ARCHIVE]
        )


def test_a_points_statement_over_a_span_says_its_days(db: Database, office: dict[str, int]) -> None:
    with db.read_session() as s:
        item = printables.person_printable(
            s, Document.POINTS_STATEMENT, "00013", span=(date(2026, 3, 1), date(2026, 6, 30))
        )
    assert (item.subject, item.subject_id, item.year) == (Subject.PERSON, office["00013"], None)
    assert item.what == "2026-03-01 至 2026-06-30 积分对账单"
    assert item.file_name() == "2026-03-01 至 2026-06-30 积分对账单_00013 王芳（质量部）.pdf"


def test_an_unknown_key_is_named_in_the_refusal(db: Database, office: dict[str, int]) -> None:
    with db.read_session() as s:
        with pytest.raises(NotFound, match="99999"):
            printables.person_printable(s, Document.ARCHIVE_CARD, "99999")
        with pytest.raises(NotFound, match="NOPE"):
            printables.session_printable(s, Document.SESSION_REPORT, "NOPE")
        with pytest.raises(NotFound, match="总公司/无此部门"):
            printables.department_printable(s, Document.DEPARTMENT_REPORT, "总公司/无此部门", year=2026)
