"""The Points tab on the demo year: balances and ledgers agree, lists sorted and searched in SQL off the GUI
thread, writes elsewhere (a redemption, a rename) reach it through the change hub, F5 reloads the rest."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import DEMO_TODAY
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import event
from tests_gui_helpers import DialogAnswers, click_header, is_open, type_text, visible_dialog, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import PointCategory
from desktop_hr.services.archive.employees import get_employee, update_employee
from desktop_hr.services.points.incentives import IncentiveKind, thresholds
from desktop_hr.services.points.ledger import balance
from desktop_hr.services.points.manual_awards import award_manual
from desktop_hr.services.points.point_reports import (
    BalanceRow,
    Period,
    balance_rows,
    department_leaderboard,
    leaderboard,
)
from desktop_hr.services.points.rewards import list_rewards
from desktop_hr.views import operations
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.points.loading import loading_text
from desktop_hr.views.points.point_dialogs import ManualAwardDialog
from desktop_hr.views.points.points_tab import PointsTab
from desktop_hr.views.points.redemptions import RedemptionRequestDialog


def make_tab(qtbot: Any, db: Database) -> PointsTab:
    tab = PointsTab(db, today=lambda: DEMO_TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    wait_idle(qtbot)
    return tab


def shown_rows(tab: PointsTab) -> list[BalanceRow]:
    model = tab.balances.model
    rows = [model.row_data(r) for r in range(model.rowCount())]
    assert all(row is not None for row in rows)
    return [row for row in rows if row is not None]


def shown_row(tab: PointsTab, employee_id: int) -> BalanceRow:
    assert tab.balances.select_employee(employee_id)
    row = tab.balances.selected_row()
    assert row is not None
    return row


def everyone(db: Database) -> list[BalanceRow]:
    with read_only(db) as session:
        return balance_rows(session)


@pytest.fixture
def gui_thread_queries(demo_db: Database) -> Iterator[list[str]]:
    """Every SQL statement run on the GUI thread while the test runs."""
    seen: list[str] = []
    gui = threading.main_thread()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread() is gui:
            seen.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(demo_db.engine, "before_cursor_execute", record)


def test_every_model_is_sound(qtbot: Any, demo_db: Database, qtmodeltester: Any) -> None:
    tab = make_tab(qtbot, demo_db)
    tab.balances.table.selectRow(0)
    wait_idle(qtbot)
    for page in (PointsTab.DISTRIBUTION, PointsTab.INCENTIVES, PointsTab.LEADERBOARD):
        tab.tabs.setCurrentIndex(page)
        wait_idle(qtbot)
    tab.leaderboard.board_combo.setCurrentIndex(1)  # the departments' board, read when chosen
    wait_idle(qtbot)
    for model in (
        tab.balances.model,
        tab.balances.ledger_model,
        tab.leaderboard.leader_model,
        tab.leaderboard.department_model,
        tab.distribution.share_model,
        tab.incentives.incentive_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_nothing_is_read_on_the_gui_thread_to_show_sort_and_search(
    qtbot: Any, demo_db: Database, gui_thread_queries: list[str]
) -> None:
    count = len(everyone(demo_db))
    gui_thread_queries.clear()  # the test's own reading
    tab = PointsTab(demo_db, today=lambda: DEMO_TODAY)
    qtbot.addWidget(tab)
    assert operations.pending() == 0  # built without asking anything: a page reads when first shown
    tab.resize(1200, 760)
    tab.show()
    assert operations.pending() > 0 and tab.balances.count_label.text() == loading_text()
    wait_idle(qtbot)
    assert tab.balances.model.total() == count
    click_header(qtbot, tab.balances.table, 9)
    wait_idle(qtbot)
    type_text(tab.balances.search_edit, "张")
    tab.balances.search()
    wait_idle(qtbot)
    tab.tabs.setCurrentIndex(PointsTab.LEADERBOARD)
    wait_idle(qtbot)
    assert gui_thread_queries == []


def test_balances_match_the_ledger_line_by_line(qtbot: Any, demo_db: Database) -> None:
    tab = make_tab(qtbot, demo_db)
    rows = everyone(demo_db)
    richest = max(rows, key=lambda r: r.balance)
    assert tab.balances.model.total() == len(rows)
    assert f"{len(rows):,}" in tab.balances.count_label.text()
    assert richest.balance > 0  # the demo year awarded points
    assert shown_row(tab, richest.employee_id) == richest
    wait_idle(qtbot)
    lines = tab.balances.ledger_model.items()
    assert lines and lines[0].balance == richest.balance  # newest first: the running balance ends there
    assert sum(line.points for line in lines) == richest.balance
    assert richest.employee_no in tab.balances.ledger_label.text()


def test_a_header_click_sorts_in_sql_and_the_search_filters(qtbot: Any, demo_db: Database) -> None:
    tab = make_tab(qtbot, demo_db)
    page = tab.balances
    assert not isinstance(page.table.model(), QSortFilterProxyModel)  # the model itself sorts, in SQL
    rows = everyone(demo_db)
    assert shown_rows(tab)[0].employee_no == min(r.employee_no for r in rows)

    click_header(qtbot, page.table, 9)  # 余额
    wait_idle(qtbot)
    descending = page.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    by_balance = sorted(rows, key=lambda r: (r.balance, r.employee_no), reverse=descending)
    assert [r.employee_id for r in shown_rows(tab)[:20]] == [r.employee_id for r in by_balance[:20]]
    click_header(qtbot, page.table, 9)  # the other way round
    wait_idle(qtbot)
    first = shown_rows(tab)[0]
    assert first.balance == (min if descending else max)(r.balance for r in rows)

    surname = rows[0].name[0]
    type_text(page.search_edit, surname)
    qtbot.waitUntil(lambda: page.model.query.text == surname)  # the search box's pause, then a query
    wait_idle(qtbot)
    matching = [r for r in rows if surname in r.name or surname in r.employee_no]
    assert 0 < page.model.total() == len(matching) < len(rows)
    assert all(surname in row.name or surname in row.employee_no for row in shown_rows(tab))
    assert f"{len(matching):,}" in page.count_label.text()
    assert [r.balance for r in shown_rows(tab)] == sorted(
        (r.balance for r in matching), reverse=not descending
    )  # still in the order clicked
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.query.text == "")
    wait_idle(qtbot)
    assert page.model.total() == len(rows)


def test_a_manual_award_needs_a_reason_and_then_shows_at_once(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    tab = make_tab(qtbot, demo_db)
    first = shown_rows(tab)[0]
    with read_only(demo_db) as session:
        before = balance(session, first.employee_id)
    dialog = tab.manual_award()
    assert isinstance(dialog, ManualAwardDialog)
    dialog.set_people([first.employee_id])
    dialog.points_spin.setValue(15)
    dialog.save()  # no reason
    wait_idle(qtbot)
    assert dialog.isVisible() and dialog_answers.texts("warning")
    with read_only(demo_db) as session:
        assert balance(session, first.employee_id) == before  # nothing written
    dialog.reason_edit.setText("季度优秀分享")
    dialog.save()
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert shown_row(tab, first.employee_id).balance == before + 15  # the hub reloaded the balances
    wait_idle(qtbot)
    newest = tab.balances.ledger_model.items()[0]
    assert (newest.points, newest.reason) == (15, "季度优秀分享")


def test_a_redemption_approved_in_the_rewards_panel_updates_the_balances(
    qtbot: Any, demo_db: Database
) -> None:
    tab = make_tab(qtbot, demo_db)
    richest = max(everyone(demo_db), key=lambda r: r.balance)
    with read_only(demo_db) as session:
        reward = next(r for r in list_rewards(session, active_only=True) if r.cost <= richest.balance)
    assert shown_row(tab, richest.employee_id).balance == richest.balance

    tab.tabs.setCurrentIndex(PointsTab.REWARDS)
    panel = tab.rewards_panel
    panel.tabs.setCurrentWidget(panel.redemptions)
    wait_idle(qtbot)
    qtbot.mouseClick(panel.redemptions.new_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    dialog = visible_dialog(panel, RedemptionRequestDialog)
    dialog.set_employee(richest.employee_id)
    dialog.reward_combo.setCurrentIndex(next(i for i, r in enumerate(dialog.rewards()) if r.id == reward.id))
    wait_idle(qtbot)
    qtbot.mouseClick(dialog.request_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert panel.redemptions.selected() is not None  # the new request, selected once the list reloaded
    qtbot.mouseClick(panel.redemptions.approve_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)

    tab.tabs.setCurrentIndex(PointsTab.BALANCES)  # marked stale while hidden: reads again when shown
    wait_idle(qtbot)
    shown = shown_row(tab, richest.employee_id)
    assert (shown.balance, shown.redeemed) == (
        richest.balance - reward.cost,
        richest.redeemed + reward.cost,
    )
    wait_idle(qtbot)
    assert tab.balances.ledger_model.items()[0].points == -reward.cost


def test_a_rename_elsewhere_reaches_the_balances_ledger_and_leaderboard(
    qtbot: Any, demo_db: Database
) -> None:
    tab = make_tab(qtbot, demo_db)
    year = Period.last_12_months(DEMO_TODAY)
    with read_only(demo_db) as session:
        top = leaderboard(session, year)[0]
        data = replace(get_employee(session, top.employee_id), name="改名测试")
    assert shown_row(tab, top.employee_id).name == top.name
    wait_idle(qtbot)
    # As another tab would save it: through the write worker, whose result the hub broadcasts.
    operations.run_in_background(
        None, lambda _task: update_employee(demo_db.uow(), top.employee_id, data), success=lambda _c: None
    )
    wait_idle(qtbot)
    assert tab.balances.selected_employee() == top.employee_id  # the selection survived the reload
    row = tab.balances.selected_row()
    assert row is not None and row.name == "改名测试"
    assert "改名测试" in tab.balances.ledger_label.text()

    tab.period_combo.setCurrentIndex(3)  # last 12 months
    tab.tabs.setCurrentIndex(PointsTab.LEADERBOARD)
    wait_idle(qtbot)
    first = tab.leaderboard.leader_model.row_data(0)
    assert first is not None and (first.employee_id, first.name) == (top.employee_id, "改名测试")


def test_f5_reloads_after_a_write_that_bypassed_the_hub(
    window: MainWindow, qtbot: Any, demo_db: Database
) -> None:
    tab = window.points_tab
    window.tabs.setCurrentWidget(tab)
    wait_idle(qtbot)
    first = shown_rows(tab)[0]
    # Another seat (or the command line) writes: nothing is broadcast to this window.
    award_manual(demo_db.uow(), [first.employee_id], 7, "另一台电脑", occurred_at=datetime(2026, 2, 27, 9))
    wait_idle(qtbot)
    assert shown_rows(tab)[0].balance == first.balance
    window.refresh_action.trigger()  # View › Refresh, F5
    assert tab.balances.count_label.text() == loading_text()
    wait_idle(qtbot)
    assert shown_rows(tab)[0].balance == first.balance + 7

    tab.tabs.setCurrentIndex(PointsTab.DISTRIBUTION)
    tab.focus_search()  # Ctrl+F on this tab
    assert tab.tabs.currentWidget() is tab.balances
    qtbot.waitUntil(tab.balances.search_edit.hasFocus)


def test_leaderboard_distribution_and_incentives_follow_the_period(qtbot: Any, demo_db: Database) -> None:
    tab = make_tab(qtbot, demo_db)
    tab.period_combo.setCurrentIndex(3)  # last 12 months: the whole demo year
    tab.tabs.setCurrentIndex(PointsTab.LEADERBOARD)
    wait_idle(qtbot)
    period = Period.last_12_months(DEMO_TODAY)
    with read_only(demo_db) as session:
        expected = leaderboard(session, period)
        departments = department_leaderboard(session, period)
    board = tab.leaderboard.leader_model
    assert board.total() == len(expected)
    shown = [board.row_data(r) for r in range(board.rowCount())]
    assert [(r.rank, r.employee_no, r.points) for r in shown if r] == [
        (r.rank, r.employee_no, r.points) for r in expected[: board.rowCount()]
    ]
    assert tab.period_label.text() == period.describe()
    click_header(qtbot, tab.leaderboard.leader_table, 2)  # by name: the ranks stay those of the points
    wait_idle(qtbot)
    ranks = {r.employee_id: r.rank for r in expected}
    resorted = [board.row_data(r) for r in range(board.rowCount())]
    assert all(row is not None and row.rank == ranks[row.employee_id] for row in resorted)
    assert [row.name for row in resorted if row] != [r.name for r in expected[: board.rowCount()]]
    tab.leaderboard.board_combo.setCurrentIndex(1)
    wait_idle(qtbot)
    assert tab.leaderboard.current_table() is tab.leaderboard.department_table
    assert tab.leaderboard.department_model.rowCount() == len(departments)
    tab.tabs.setCurrentIndex(PointsTab.DISTRIBUTION)
    wait_idle(qtbot)
    page = tab.distribution
    assert {row.category for row in page.share_model.items()}
    assert period.describe() in page.distribution_label.text()
    tab.tabs.setCurrentIndex(PointsTab.INCENTIVES)
    incentives = tab.incentives
    incentives.incentive_combo.setCurrentIndex(
        incentives.incentive_combo.findData(IncentiveKind.WELFARE.value)
    )
    wait_idle(qtbot)
    assert IncentiveKind.WELFARE.title() in incentives.incentive_rule.text()
    assert all(row.qualifies for row in incentives.incentive_model.items())
    qualifying = incentives.incentive_model.rowCount()
    incentives.only_qualifying.setCurrentIndex(1)
    assert incentives.incentive_model.rowCount() >= qualifying


def test_export_the_summary_from_the_tab(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    tab = make_tab(qtbot, demo_db)
    dialog_answers.save_file = str(tmp_path / "积分汇总.xlsx")
    qtbot.mouseClick(tab.findChild(QPushButton, "export_summary_button"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(tmp_path / "积分汇总.xlsx").active
    assert sheet is not None
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header == ["工号", "姓名", "部门", "参与", "输出", "分享", "其他", "获得合计", "已兑换", "余额"]
    assert sheet.max_row == tab.balances.model.total() + 1


def test_incentive_thresholds_and_targets_are_edited_together(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    tab = make_tab(qtbot, demo_db)
    dialog = tab.show_settings()
    assert not dialog.threshold_spins["welfare_points"].isEnabled()  # until the settings are read
    wait_idle(qtbot)
    assert dialog.threshold_spins["welfare_points"].value() == 80
    dialog.threshold_spins["welfare_points"].setValue(60)
    dialog.share_spins[PointCategory.SHARING].setValue(50)  # 30 + 40 + 50: not 100
    dialog.save()
    wait_idle(qtbot)
    assert is_open(dialog) and dialog_answers.texts("warning")  # refused, the form keeps what was typed
    with read_only(demo_db) as session:
        assert thresholds(session).welfare_points == 80  # nothing written
    dialog.share_spins[PointCategory.SHARING].setValue(30)
    dialog.save()
    wait_idle(qtbot)
    assert not is_open(dialog)
    with read_only(demo_db) as session:
        assert thresholds(session).welfare_points == 60
