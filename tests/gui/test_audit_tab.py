"""The audit tab: entries newest first, search and filters, before → after of the selected entry, export,
and Verify saying "intact" until an entry is edited in the file, which it then selects."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from tampering import tamper, trail
from tests_gui_helpers import DialogAnswers, shown, type_text, wait_idle

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.audit import Action, AuditQuery
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.exchange.import_dialog import export_kind_to_file
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.trust.audit_model import BLOCK, CACHED_BLOCKS, ENTRY_ID_ROLE, ROW_ROLE
from desktop_hr.views.trust.audit_tab import AuditTab

CLERK = Principal(name="clerk7", role=Role.CLERK)


@pytest.fixture
def renamed(demo_db: Database) -> int:
    """A clerk renames the first employee: the newest entry of the trail."""
    with demo_db.read_session() as session:
        employee_id = emp.employee_ids(session, emp.EmployeeQuery())[0]
        before = emp.get_employee(session, employee_id)
    admin = demo_db.principal
    demo_db.principal = CLERK
    emp.update_employee(demo_db.uow(), employee_id, replace(before, name="改名测试", phone="13912345678"))
    demo_db.principal = admin
    return employee_id


@pytest.fixture
def tab(demo_db: Database, renamed: int, qtbot: Any) -> AuditTab:
    shown_tab = shown(qtbot, AuditTab(demo_db, None), size=(1200, 700))
    wait_idle(qtbot)
    return shown_tab


def _number_of(db: Database, employee_id: int) -> str:
    with db.read_session() as session:
        return emp.get_employee(session, employee_id).employee_no


def _ids(tab: AuditTab) -> list[int]:
    return [tab.model.index(row, 0).data(ENTRY_ID_ROLE) for row in range(tab.model.rowCount())]


def test_entries_newest_first_loaded_in_blocks_with_before_and_after(
    tab: AuditTab, demo_db: Database, renamed: int
) -> None:
    everything = trail(demo_db)
    assert tab.model.total_matching() == len(everything) > BLOCK, "the demo alone writes thousands"
    assert tab.model.rowCount() == BLOCK, "only the first block is read"
    assert _ids(tab)[:3] == [e.id for e in reversed(everything[-3:])]
    assert tab.model.index(0, 2).data() == "clerk7"
    assert tab.model.index(0, 3).data() == "修改" and tab.model.index(0, 4).data() == "员工"
    assert tab.model.index(0, 5).data() == f"{_number_of(demo_db, renamed)} 改名测试", "the person, by name"
    assert tab.table.currentIndex().row() == 0, "the newest entry is selected"
    text = tab.detail.toPlainText()
    assert "姓名：" in text and " → 改名测试" in text and " → 13912345678" in text and "电话：" in text
    assert f"{len(everything):,}" in tab.count_label.text()
    tab.table.scrollToBottom()
    tab.model.ensure_loaded(BLOCK + 5)
    assert tab.model.rowCount() == 2 * BLOCK


def test_search_and_filters_narrow_the_list(tab: AuditTab, demo_db: Database, qtbot: Any) -> None:
    type_text(tab.search_edit, "改名测试")
    qtbot.waitUntil(lambda: tab.model.total_matching() == 1, timeout=3000)
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)  # Enter searches at once: the same result
    assert tab.model.index(0, 2).data() == "clerk7"
    wait_idle(qtbot)
    assert tab.model.total_matching() == 1
    tab.search_edit.clear()
    tab.search_now()

    tab.account_filter.setCurrentIndex(tab.account_filter.findData("clerk7"))
    wait_idle(qtbot)
    assert tab.model.total_matching() == 1
    tab.account_filter.setCurrentIndex(0)
    tab.action_filter.setCurrentIndex(tab.action_filter.findData(Action.UPDATE))
    with demo_db.read_session() as session:
        updates = audit.count(session, AuditQuery(action=Action.UPDATE))
        courses = audit.count(session, AuditQuery(action=Action.UPDATE, table_name="course"))
    wait_idle(qtbot)
    assert tab.model.total_matching() == updates
    tab.table_filter.setCurrentIndex(tab.table_filter.findText("课程"))
    wait_idle(qtbot)
    assert tab.model.total_matching() == courses
    assert all(tab.model.index(row, 4).data() == "课程" for row in range(tab.model.rowCount()))

    tab.clear_filters()
    tab.date_from.set_value(date.today() + timedelta(days=1))
    wait_idle(qtbot)
    assert tab.model.total_matching() == 0 and tab.detail.toPlainText() == ""
    tab.date_from.set_value(date.today())
    tab.date_to.set_value(date.today())
    wait_idle(qtbot)
    assert tab.model.total_matching() == len(trail(demo_db)), "everything was written today"


def test_export_writes_the_entries_found_and_is_itself_recorded(
    tab: AuditTab, demo_db: Database, qtbot: Any, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    tab.account_filter.setCurrentIndex(tab.account_filter.findData("clerk7"))
    target = tmp_path / "审计记录.xlsx"
    dialog_answers.save_file = str(target)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][2] == "clerk7" and "改名测试" in str(rows[1][7])
    assert dialog_answers.shown[-1][0] == "information" and str(target) in dialog_answers.shown[-1][2]
    last = trail(demo_db)[-1]
    assert last.action == Action.EXPORT and str(target) in last.summary


def test_an_export_from_any_tab_is_recorded_and_shows_up_here(
    tab: AuditTab, demo_db: Database, qtbot: Any, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    target = tmp_path / "courses.xlsx"
    dialog_answers.save_file = str(target)
    export_kind_to_file(tab, demo_db, "courses")
    wait_idle(qtbot)
    assert target.exists()
    tab.hide()
    tab.show()  # coming back to the tab reads what is new
    wait_idle(qtbot)
    assert tab.model.index(0, 3).data() == "导出"
    assert tab.model.index(0, 2).data() == "hr" and str(target) in tab.model.index(0, 6).data()
    assert tab.model.index(0, 6).data().startswith("课程：")


def test_verify_says_intact_then_selects_the_entry_edited_in_the_file(
    tab: AuditTab, demo_db: Database, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, timeout=30_000)
    count = len(trail(demo_db))
    assert tab.verify_label.text().startswith(f"审计记录完整：共 {count} 条，末条 #{count}")
    victim = 42  # far beyond the rows shown and read so far
    assert count - victim > 10 * BLOCK
    tamper(demo_db, "UPDATE audit_entry SET reason = 'nothing to see' WHERE id = :id", id=victim)
    tab.action_filter.setCurrentIndex(tab.action_filter.findData(Action.PRINT))  # hides it
    qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, timeout=30_000)
    assert tab.verify_label.text() == f"审计记录已被篡改：第 #{victim} 条的内容与其校验值不符（被修改过）"
    assert dialog_answers.texts("warning") == [tab.verify_label.text()]
    assert tab.action_filter.currentIndex() == 0, "the filters were cleared to show it"
    assert tab.selected_entry() is not None and tab.selected_entry().id == victim  # type: ignore[union-attr]
    assert tab.table.currentIndex().row() == count - victim, "newest first, nothing skipped on the way"
    assert _ids(tab)[: count - victim + 1] == list(range(count, victim - 1, -1))
    assert "nothing to see" in tab.detail.toPlainText()


def test_keyboard_ctrl_f_goes_to_the_search_box(tab: AuditTab, qtbot: Any) -> None:
    tab.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search_edit.hasFocus()


def test_nothing_can_be_edited(tab: AuditTab) -> None:
    index = tab.model.index(0, 6)
    assert not tab.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert tab.detail.isReadOnly()


def test_the_model_passes_the_model_tester(tab: AuditTab, qtmodeltester: Any, qtbot: Any) -> None:
    qtmodeltester.check(tab.model)
    tab.model.ensure_loaded(tab.model.total_matching() - 1)  # every row shown, most never read
    qtmodeltester.check(tab.model)
    tab.search_edit.setText("改名测试")
    tab.search_now()
    wait_idle(qtbot)
    assert tab.model.total_matching() == 1
    qtmodeltester.check(tab.model)


def test_typing_never_waits_for_the_search(
    tab: AuditTab, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search runs on a reader thread: while a slow one runs, the GUI thread goes on answering a 10 ms
    timer, and the list changes once the answer is there."""
    gui_thread = threading.get_ident()
    ran_on: list[int] = []
    slow_ids = audit.matching_ids

    def slow(session: Any, query: AuditQuery) -> Any:
        ran_on.append(threading.get_ident())
        time.sleep(0.4)
        return slow_ids(session, query)

    monkeypatch.setattr(audit, "matching_ids", slow)
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    started = time.perf_counter()
    type_text(tab.search_edit, "改名测试")
    typed = time.perf_counter() - started
    qtbot.waitUntil(lambda: tab.model.total_matching() == 1, timeout=10_000)
    heartbeat.stop()
    assert typed < 0.2, "each key answered at once"
    assert ran_on and gui_thread not in ran_on
    assert len(ticks) >= 5, "the GUI thread answered its timer all along the 0.4 s search"
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.3, "never blocked for the whole search"
    assert tab.model.index(0, 2).data() == "clerk7"


def test_an_older_answer_never_replaces_a_newer_one(
    tab: AuditTab, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    found = audit.matching_ids

    def held_back(session: Any, query: AuditQuery) -> Any:
        if query.account == "hr":  # the first search: its answer comes last
            gate.wait(10)
        return found(session, query)

    monkeypatch.setattr(audit, "matching_ids", held_back)
    tab.account_filter.setCurrentIndex(tab.account_filter.findData("hr"))
    tab.account_filter.setCurrentIndex(tab.account_filter.findData("clerk7"))
    qtbot.waitUntil(lambda: tab.model.query.account == "clerk7", timeout=10_000)
    gate.set()
    wait_idle(qtbot)
    assert tab.model.query.account == "clerk7" and tab.model.total_matching() == 1
    assert tab.count_label.text() == tab.tr("{count:,} entries found").format(count=1)


def test_a_write_anywhere_appears_at_the_top_without_a_refresh(
    tab: AuditTab, demo_db: Database, qtbot: Any, renamed: int
) -> None:
    with demo_db.read_session() as session:
        before = emp.get_employee(session, renamed)

    def rename(_task: Any) -> None:
        emp.update_employee(demo_db.uow(), renamed, replace(before, name="再改名"))

    selected = tab.selected_entry()
    run_in_background(None, rename, success=lambda _none: None)
    wait_idle(qtbot)
    assert tab.model.index(0, 2).data() == "hr"
    assert tab.model.index(0, 5).data() == f"{_number_of(demo_db, renamed)} 再改名"
    assert "再改名" in (tab.model.index(0, 0).data(ROW_ROLE).changes or "")
    assert tab.selected_entry() == selected, "the entry being read stays selected, one row down"
    assert tab.table.currentIndex().row() == 1


def test_refresh_keeps_the_selected_entry(tab: AuditTab, demo_db: Database, qtbot: Any) -> None:
    tab.table.selectRow(3)
    chosen = tab.selected_entry()
    assert chosen is not None
    tab.refresh()
    wait_idle(qtbot)
    assert tab.selected_entry() == chosen and tab.table.currentIndex().row() == 3
    deep = trail(demo_db)[500].id  # thousands of rows down, blocks before the last
    assert tab.select_entry(deep)
    assert tab.selected_entry() is not None and tab.selected_entry().id == deep  # type: ignore[union-attr]
    assert tab.model.rowCount() < tab.model.total_matching(), "only down to its block"
    assert len(tab.model._blocks) <= CACHED_BLOCKS


def test_the_demo_trail_names_people_and_sessions_and_labels_fields(tab: AuditTab) -> None:
    """Display only: what the trail stores (employee_id=49, award_key) is shown as people read it."""
    shown = [
        tab.model.index(row, column).data() for row in range(tab.model.rowCount()) for column in (4, 5, 6)
    ]
    assert not [text for text in shown if "_id=" in text]
    for row in range(0, tab.model.rowCount(), 7):
        tab.table.setCurrentIndex(tab.model.index(row, 0))
        detail = tab.detail.toPlainText()
        assert "employee_id" not in detail and "session_id" not in detail and "award_key" not in detail


def test_the_trail_is_read_when_the_tab_is_first_shown_not_when_it_is_built(
    demo_db: Database, renamed: int, qtbot: Any
) -> None:
    """On an office's database the trail's search takes seconds: a window with the tab hidden (the usual
    start) must not wait for it, nor read it again after every write made elsewhere."""
    hidden = AuditTab(demo_db, None)
    qtbot.addWidget(hidden)
    wait_idle(qtbot)
    assert hidden.model.rowCount() == 0 and not hidden._searches.running
    emp.update_employee(demo_db.uow(), renamed, replace(emp_of(demo_db, renamed), phone="13800000000"))
    hidden._trail_written()  # what the hub calls after that write
    wait_idle(qtbot)
    assert hidden.model.rowCount() == 0
    hidden.resize(1200, 700)
    hidden.show()
    wait_idle(qtbot)
    assert hidden.model.rowCount() > 0
    newest = hidden.model.entry(0)
    assert newest is not None and newest.record_id == str(renamed) and "13800000000" in newest.changes


def emp_of(db: Database, employee_id: int) -> Any:
    with db.read_session() as session:
        return emp.get_employee(session, employee_id)
