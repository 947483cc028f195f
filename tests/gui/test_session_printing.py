"""A session's page prints: the blank and filled sign-in sheets, the session report and the certificates,
offered as the session goes on, saved as PDF (read back) and recorded in the print log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from tests_gui_helpers import DialogAnswers, is_open, session_panel, wait_idle
from training_data import building, enrol, make_course, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.models import AttendanceStatus, Role
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids, employee_rows
from desktop_hr.services.records import certificates, print_log
from desktop_hr.services.records.printables import Document
from desktop_hr.services.training.attendance import set_attendance
from desktop_hr.services.training.enrolment import CURRENT_STATUSES
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.training.session_page import SessionPage
from desktop_hr.views.training.session_printing import SessionDocumentDialog

ALL = [
    Document.SIGN_IN_BLANK,
    Document.SIGN_IN_FILLED,
    Document.SESSION_REPORT,
    Document.SESSION_CERTIFICATES,
]


def people(db: Database, count: int) -> list[tuple[int, str, str]]:
    """(id, 工号, 姓名) of the first current employees."""
    with read_only(db) as session:
        ids = employee_ids(session, EmployeeQuery(statuses=CURRENT_STATUSES))[:count]
        return [(row.id, row.employee_no, row.name) for row in employee_rows(session, ids)]


def add_session(
    db: Database,
    code: str,
    starts_at: datetime,
    *,
    hours: int = 3,
    came: Sequence[int] = (),
    absent: Sequence[int] = (),
) -> int:
    with building(db) as s:
        course = make_course(s, f"{code}-C", "急救与消防演练")
        training = make_session(
            s, course, code, starts_at, starts_at + timedelta(hours=hours), place="二楼会议室"
        )
        enrol(s, training, *came, *absent)
        for person in came:
            sign_in(s, training, person, signed_in_at=starts_at + timedelta(minutes=5))
        for person in absent:
            sign_in(s, training, person, status=AttendanceStatus.ABSENT)
        return training.id


def make_page(qtbot: Any, db: Database, session_id: int) -> SessionPage:
    page = session_panel(qtbot, SessionPage(db), session_id)
    page.resize(1100, 700)
    return page


def offered(page: SessionPage) -> list[Document]:
    return page.documents.enabled_documents()


def test_what_is_offered_follows_the_session(qtbot: Any, demo_db: Database) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    (one, _no, _name), (two, _no2, _name2) = people(demo_db, 2)
    ahead = add_session(demo_db, "P-AHEAD", now + timedelta(days=30), came=[])
    under_way = add_session(demo_db, "P-NOW", now - timedelta(hours=1), came=[one])
    nobody = add_session(demo_db, "P-NOBODY", now - timedelta(days=2), absent=[one, two])
    held = add_session(demo_db, "P-HELD", now - timedelta(days=2), came=[one, two])

    page = make_page(qtbot, demo_db, ahead)
    assert offered(page) == [Document.SIGN_IN_BLANK]
    buttons = page.documents.buttons
    assert all(button.isVisible() for button in buttons.values())
    assert "开始后" in buttons[Document.SIGN_IN_FILLED].toolTip()  # why it is not offered yet
    assert "有人出勤" in buttons[Document.SESSION_CERTIFICATES].toolTip()

    for session_id, expected in (
        (under_way, ALL[:3]),  # started, not over: no certificates yet
        (nobody, ALL[:3]),  # over, but nobody came
        (held, ALL),
    ):
        page.set_session(session_id)
        wait_idle(qtbot)
        assert offered(page) == expected, page.fact("code")

    # The clerk corrects the session nobody came to: one came late after all. Its certificates are offered
    # at once (the page hears of the write through the hub).
    page.set_session(nobody)
    wait_idle(qtbot)
    late_at = now - timedelta(days=2, minutes=-40)
    run_in_background(
        page,
        lambda _task: set_attendance(demo_db.uow(), nobody, two, AttendanceStatus.LATE, late_at),
        success=lambda _change: None,
    )
    wait_idle(qtbot)
    assert offered(page) == ALL


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (Document.SIGN_IN_BLANK, ["培训签到表（空白）", "本人签名"]),
        (Document.SIGN_IN_FILLED, ["培训签到表", "签到时间"]),
        (Document.SESSION_REPORT, ["培训班次总结报告"]),
        (Document.SESSION_CERTIFICATES, ["急救与消防演练"]),
    ],
)
def test_each_document_saves_as_a_pdf_and_is_recorded(
    qtbot: Any,
    demo_db: Database,
    dialog_answers: DialogAnswers,
    tmp_path: Path,
    *,
    document: Document,
    expected: list[str],
) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    attendees = people(demo_db, 2)
    held = add_session(demo_db, "P-HELD", now - timedelta(days=3), came=[p[0] for p in attendees])
    page = make_page(qtbot, demo_db, held)
    target = tmp_path / f"{document.value}.pdf"
    dialog_answers.save_file = str(target)

    button = page.documents.buttons[document]
    (_preview, save, _print) = button.menu().actions()
    assert save.text() == "另存为 PDF…"
    save.trigger()
    wait_idle(qtbot)

    reader = PdfReader(target)
    text = "".join(page.extract_text() for page in reader.pages)
    for words in expected:
        assert words in text
    assert "P-HELD" in text or document is Document.SESSION_CERTIFICATES
    for _id, employee_no, name in attendees:
        if document is not Document.SESSION_REPORT:
            assert name in text
        if document is not Document.SESSION_CERTIFICATES:
            assert employee_no in text
    if document is Document.SESSION_CERTIFICATES:
        assert len(reader.pages) == 2  # one certificate each
    (message,) = dialog_answers.texts("information")
    assert f"{len(reader.pages)} 页" in message and str(target) in message

    with read_only(demo_db) as session:
        logged = print_log.print_log(session, limit=1)[0]
    assert (logged.document, logged.pages, logged.target) == (document.value, len(reader.pages), str(target))
    assert "P-HELD" in logged.subject and "急救与消防演练" in logged.subject


def test_the_certificates_preview_issues_them_and_prints_nowhere_without_a_printer(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    attendees = people(demo_db, 3)
    held = add_session(demo_db, "P-CERT", now - timedelta(days=1), came=[p[0] for p in attendees])
    page = make_page(qtbot, demo_db, held)

    button = page.documents.buttons[Document.SESSION_CERTIFICATES]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(SessionDocumentDialog, "session_document_dialog")
    assert dialog is not None and is_open(dialog)
    wait_idle(qtbot)
    assert dialog.loaded() and dialog.preview.page_count() == 3
    assert "全部结业证书" in dialog.windowTitle() and "P-CERT" in dialog.windowTitle()
    with read_only(demo_db) as session:
        assert len(certificates.session_certificate_ids(session, held)) == 3

    with read_only(demo_db) as session:
        before = len(print_log.print_log(session))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert any("打印机" in text for text in dialog_answers.texts("warning"))  # none installed here
    with read_only(demo_db) as session:
        assert len(print_log.print_log(session)) == before  # nothing printed, nothing recorded

    dialog.close()
    wait_idle(qtbot)
    assert dialog.preview.path is None


@pytest.mark.parametrize(("role", "certificates_shown"), [(Role.CLERK, True), (Role.AUDITOR, False)])
def test_printing_follows_the_role(
    qtbot: Any, demo_db: Database, sign_in_as: Any, role: Role, certificates_shown: bool
) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    held = add_session(demo_db, "P-ROLE", now - timedelta(days=1), came=[people(demo_db, 1)[0][0]])
    sign_in_as(role)
    page = make_page(qtbot, demo_db, held)
    buttons = page.documents.buttons
    assert buttons[Document.SIGN_IN_BLANK].isVisible() and buttons[Document.SESSION_REPORT].isVisible()
    assert buttons[Document.SESSION_CERTIFICATES].isVisible() is certificates_shown
