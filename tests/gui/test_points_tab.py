"""The Points tab on the demo year: balances and ledgers agree, manual awards need a reason, reports follow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from conftest import DEMO_TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from tests_gui_helpers import DialogAnswers, is_open, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import PointCategory
from desktop_hr.services.points.incentives import IncentiveKind, thresholds
from desktop_hr.services.points.ledger import balance
from desktop_hr.services.points.point_reports import Period, balance_rows, department_leaderboard, leaderboard
from desktop_hr.views.list_model import ITEM_ROLE
from desktop_hr.views.points.points_tab import ManualAwardDialog, PointsTab


def make_tab(qtbot: Any, db: Database) -> PointsTab:
    tab = PointsTab(db, today=lambda: DEMO_TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    wait_idle(qtbot)
    return tab


def test_every_model_is_sound(qtbot: Any, demo_db: Database, qtmodeltester: Any) -> None:
    tab = make_tab(qtbot, demo_db)
    tab.balance_table.selectRow(0)
    tab.board_combo.setCurrentIndex(1)
    wait_idle(qtbot)
    for model in (
        tab.balance_model,
        tab.ledger_model,
        tab.leader_model,
        tab.department_model,
        tab.share_model,
        tab.incentive_model,
    ):
        qtmodeltester.check(model)


def test_balances_match_the_ledger_line_by_line(qtbot: Any, demo_db: Database) -> None:
    tab = make_tab(qtbot, demo_db)
    with read_only(demo_db) as session:
        rows = balance_rows(session)
        richest = max(rows, key=lambda r: r.balance)
    assert tab.balance_model.rowCount() == len(rows)
    assert richest.balance > 0  # the demo year awarded points
    assert tab.select_employee(richest.employee_id)
    lines = tab.ledger_model.items()
    assert (
        lines and lines[0].balance == richest.balance
    )  # newest first: the running balance ends at the balance
    assert sum(line.points for line in lines) == richest.balance
    assert richest.employee_no in tab.ledger_label.text()


def test_a_manual_award_needs_a_reason_and_then_shows_at_once(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    tab = make_tab(qtbot, demo_db)
    first = tab.balance_proxy.index(0, 0).data(ITEM_ROLE)
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
    with read_only(demo_db) as session:
        assert balance(session, first.employee_id) == before + 15
    assert tab.select_employee(first.employee_id)
    newest = tab.ledger_model.items()[0]
    assert (newest.points, newest.reason) == (15, "季度优秀分享")


def test_leaderboard_distribution_and_incentives_follow_the_period(qtbot: Any, demo_db: Database) -> None:
    tab = make_tab(qtbot, demo_db)
    tab.period_combo.setCurrentIndex(3)  # last 12 months: the whole demo year
    wait_idle(qtbot)
    period = Period.last_12_months(DEMO_TODAY)
    with read_only(demo_db) as session:
        expected = leaderboard(session, period)
        departments = department_leaderboard(session, period)
    assert [r.employee_no for r in tab.leader_model.items()] == [r.employee_no for r in expected]
    assert tab.period_label.text() == period.describe()
    tab.board_combo.setCurrentIndex(1)
    wait_idle(qtbot)
    assert tab.leader_table.model() is tab.department_model
    assert len(tab.department_model.items()) == len(departments)
    assert {
        row.category for row in tab.share_model.items()
    } and period.describe() in tab.distribution_label.text()
    welfare = tab.incentive_combo.findData(IncentiveKind.WELFARE.value)
    tab.incentive_combo.setCurrentIndex(welfare)
    wait_idle(qtbot)
    assert IncentiveKind.WELFARE.title() in tab.incentive_rule.text()
    assert all(row.qualifies for row in tab.incentive_model.items())
    tab.only_qualifying.setCurrentIndex(1)
    assert tab.incentive_model.rowCount() >= len([r for r in tab.incentive_model.items() if r.qualifies])


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
    assert sheet.max_row == tab.balance_model.rowCount() + 1


def test_incentive_thresholds_and_targets_are_edited_together(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    tab = make_tab(qtbot, demo_db)
    dialog = tab.show_settings()
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
