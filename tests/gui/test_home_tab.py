"""The Home tab: reminders of a small archive under their headings, and each line opening its record."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from tests_gui_helpers import shown, wait_idle
from training_data import building, enrol, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    SessionStatus,
)
from desktop_hr.services.training.reminders import ReminderKind
from desktop_hr.services.training.sign_in import record_sign_in
from desktop_hr.views.home.home_tab import REMINDER_ROLE, HomeTab
from desktop_hr.views.operations import run_in_background

TODAY = date(2026, 3, 1)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


@pytest.fixture
def archive(db: Database) -> dict[str, int]:
    """One session starting tomorrow, one person owing an overdue action plan, one session left open."""
    with building(db) as s:
        person = make_people(s, {"0007": "周敏"})[0]
        course = make_course(s, "C1", "高效沟通")
        soon = make_session(
            s, course, "S-SOON", *full_days(TODAY + timedelta(days=1)), status=SessionStatus.OPEN
        )
        past = make_session(
            s,
            course,
            "S-PAST",
            *full_days(TODAY - timedelta(days=40)),
            status=SessionStatus.PLANNED,
            assignment_type=AssignmentType.ACTION_PLAN,
        )
        sign_in(s, past, person, AttendanceStatus.PRESENT)
        return {"person": person.id, "soon": soon.id, "past": past.id}


def _tab(qtbot: Any, db: Database) -> HomeTab:
    tab = HomeTab(db, today=lambda: TODAY)
    shown(qtbot, tab)
    wait_idle(qtbot)
    return tab


def _lines(tab: HomeTab, kind: ReminderKind) -> list[QModelIndex]:
    heading = tab.model.heading_index(kind)
    return [tab.model.index(row, 0, heading) for row in range(tab.model.rowCount(heading))]


def test_reminders_are_shown_under_headings_with_counts(
    qtbot: Any, qtmodeltester: Any, db: Database, archive: dict[str, int]
) -> None:
    tab = _tab(qtbot, db)
    qtmodeltester.check(tab.model)
    model = tab.model
    assert "2026年3月1日" in tab.date_label.text()
    upcoming = model.heading_index(ReminderKind.UPCOMING_SESSION)
    assert upcoming.data().endswith("(1)")
    (soon,) = _lines(tab, ReminderKind.UPCOMING_SESSION)
    assert "高效沟通（S-SOON）" in soon.data()
    assert soon.siblingAtColumn(1).data() == "还有 1 天"
    (overdue,) = _lines(tab, ReminderKind.SUBMISSION_OVERDUE)
    assert "周敏（0007）" in overdue.data()
    assert overdue.siblingAtColumn(1).data() == "逾期 10 天"
    (stale,) = _lines(tab, ReminderKind.SESSION_NOT_CLOSED)
    assert stale.data(REMINDER_ROLE).session_id == archive["past"]
    # Kinds with nothing in them say so instead of staying blank.
    (empty,) = _lines(tab, ReminderKind.SUBMISSION_DUE)
    assert empty.data() == model.tr("Nothing due.")
    assert model.heading_index(ReminderKind.SUBMISSION_DUE).data().endswith("(0)")
    assert not empty.flags() & Qt.ItemFlag.ItemIsSelectable
    assert tab.tree.isExpanded(upcoming)


def test_enter_on_a_session_line_opens_the_session(qtbot: Any, db: Database, archive: dict[str, int]) -> None:
    tab = _tab(qtbot, db)
    (soon,) = _lines(tab, ReminderKind.UPCOMING_SESSION)
    tab.tree.setFocus()
    tab.tree.setCurrentIndex(soon)
    assert tab.open_session_button.isEnabled()
    assert not tab.open_employee_button.isEnabled()  # a session line names nobody
    with qtbot.waitSignal(tab.session_requested) as opened:
        qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    assert opened.args == [archive["soon"]]


def test_double_click_on_a_person_opens_the_employee(
    qtbot: Any, db: Database, archive: dict[str, int]
) -> None:
    tab = _tab(qtbot, db)
    (overdue,) = _lines(tab, ReminderKind.SUBMISSION_OVERDUE)
    tab.tree.scrollTo(overdue)
    where = tab.tree.visualRect(overdue).center()
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(tab.employee_requested) as opened:
        qtbot.mouseDClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [archive["person"]]
    # The same line's session is one button away.
    with qtbot.waitSignal(tab.session_requested) as session_opened:
        qtbot.mouseClick(tab.open_session_button, Qt.MouseButton.LeftButton)
    assert session_opened.args == [archive["past"]]


def test_an_empty_archive_says_nothing_is_due_and_f5_reloads(
    qtbot: Any, qtmodeltester: Any, db: Database
) -> None:
    tab = _tab(qtbot, db)
    qtmodeltester.check(tab.model)
    assert tab.summary_label.text() == tab.tr("Nothing due today. Everything is up to date.")
    for kind in ReminderKind:
        assert [line.data() for line in _lines(tab, kind)] == [tab.model.tr("Nothing due.")]
    with building(db) as s:
        make_session(s, make_course(s, "C9"), "S9", _at(TODAY, 14), _at(TODAY, 16))
    tab.tree.setFocus()
    with qtbot.waitSignal(tab.loaded) as loaded:
        qtbot.keyClick(tab.tree, Qt.Key.Key_F5)
    assert loaded.args == [1]
    (today,) = _lines(tab, ReminderKind.UPCOMING_SESSION)
    assert today.siblingAtColumn(1).data() == "今天"


def test_a_sign_in_recorded_elsewhere_reloads_the_reminders(
    qtbot: Any, qtmodeltester: Any, db: Database, archive: dict[str, int]
) -> None:
    """No refresh edge: the sign-in goes through the operations, the hub says "training" changed, and the
    Home tab (which follows it) lists the new person owing an action plan."""
    with building(db) as s:
        (latecomer,) = make_people(s, {"0008": "吴刚"})
        enrol(s, archive["past"], latecomer)
    tab = _tab(qtbot, db)
    assert ["周敏" in line.data() for line in _lines(tab, ReminderKind.SUBMISSION_OVERDUE)] == [True]
    before = sum(tab.model.count(kind) for kind in ReminderKind)
    signed: list[object] = []

    def sign_in_at_the_desk(_task: Any) -> object:
        return record_sign_in(db.uow(), archive["past"], "0008", _at(TODAY - timedelta(days=40), 9))

    with qtbot.waitSignal(tab.loaded, timeout=30_000) as reloaded:
        run_in_background(None, sign_in_at_the_desk, success=signed.append)
    wait_idle(qtbot)
    assert signed and reloaded.args == [before + 1]
    overdue = [line.data() for line in _lines(tab, ReminderKind.SUBMISSION_OVERDUE)]
    assert len(overdue) == 2 and any("吴刚（0008）" in text for text in overdue)
    qtmodeltester.check(tab.model)


# ---- people at risk of missing a requirement this year ---------------------------------------------


@pytest.fixture
def professionals(db: Database) -> dict[str, int]:
    """Two professionals in 总公司/技术部: 1001 with 40 hours and 2 reflections this year, 1002 with 10 hours."""
    from requirement_cases import attended, course, handed_in, person

    from desktop_hr.models import SubjectType
    from desktop_hr.services.archive.organisation import ensure_department_path

    with building(db) as s:
        tech = ensure_department_path(s, "总公司/技术部")
        twenty = course(s, "P20", hours="20", subject=SubjectType.PROFESSIONAL)
        ten = course(s, "P10", hours="10", subject=SubjectType.PROFESSIONAL)
        done = person(s, "1001", "王工", department_id=tech)
        for day in (date(2026, 3, 2), date(2026, 6, 1)):
            handed_in(s, done, attended(s, done, twenty, day))
        short = person(s, "1002", "李工", department_id=tech)
        attended(s, short, ten, date(2026, 4, 7))
        return {"done": done.id, "short": short.id}


def test_from_october_the_people_still_short_are_listed_and_open(
    qtbot: Any, db: Database, professionals: dict[str, int], qtmodeltester: Any
) -> None:
    tab = HomeTab(db, today=lambda: date(2026, 10, 12))
    shown(qtbot, tab, size=(1100, 900))
    wait_idle(qtbot)
    panel = tab.at_risk
    qtmodeltester.check(panel.model)
    rows = [[panel.model.index(r, c).data() for c in range(5)] for r in range(panel.model.rowCount())]
    assert ["总公司/技术部", "1002", "李工", "职称评定", "还差30学时；还差2篇心得"] in rows
    # 1001 has the 40 hours of 职称评定, not the 90 of continuing education.
    assert [row[3] for row in rows if row[1] == "1001"] == ["专业技术人员继续教育"]
    assert "（2 人）" in panel.title()
    assert panel.table.isVisible()
    row = next(r for r in range(panel.model.rowCount()) if panel.model.index(r, 1).data() == "1002")
    with qtbot.waitSignal(tab.employee_requested) as asked:
        panel.table.activated.emit(panel.model.index(row, 0))
    assert asked.args == [professionals["short"]]


def test_before_october_nobody_is_listed_yet(qtbot: Any, db: Database, professionals: dict[str, int]) -> None:
    tab = HomeTab(db, today=lambda: date(2026, 9, 30))
    shown(qtbot, tab)
    wait_idle(qtbot)
    assert tab.at_risk.model.rowCount() == 0 and not tab.at_risk.table.isVisible()
    assert "10 月 1 日起" in tab.at_risk.note_label.text()
