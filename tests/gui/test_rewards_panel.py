"""The rewards panel: a redemption requested, approved and fulfilled by clicking, refusals as messages,
the catalogue and the credit milestones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from tests_gui_helpers import DialogAnswers, is_open, shown, type_text, visible_dialog, wait_idle
from training_data import building, make_people

from desktop_hr.db import Database, read_only
from desktop_hr.models import PointCategory, RedemptionStatus, TrainingRecord
from desktop_hr.services.archive.employees import get_employee, update_employee
from desktop_hr.services.labels import label
from desktop_hr.services.points import ledger
from desktop_hr.services.points.rewards import (
    RewardData,
    list_rewards,
    redemption_rows,
    request_redemption,
    save_reward,
)
from desktop_hr.views import operations
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.points.loading import loading_text
from desktop_hr.views.points.redemptions import RedemptionRequestDialog
from desktop_hr.views.points.rewards_panel import RewardDialog, RewardsPanel

EARNED = datetime(2026, 3, 1, 9)


@pytest.fixture
def people(db: Database) -> tuple[int, int]:
    """张三 with 150 points, 李四 with none."""
    with building(db) as s:
        zhang, li = make_people(s, {"00001": "张三", "00002": "李四"})
        ledger.post(
            s,
            ledger.Posting(zhang.id, 150, PointCategory.PARTICIPATION, EARNED, ledger.MANUAL, reason="t"),
        )
        return zhang.id, li.id


def _leave(db: Database) -> int:
    """The seeded 带薪假1天, 100 points."""
    with read_only(db) as s:
        return next(r.id for r in list_rewards(s) if r.name == "带薪假1天")


@pytest.fixture
def panel(db: Database, people: tuple[int, int], qtbot: Any) -> RewardsPanel:
    widget = shown(qtbot, RewardsPanel(db), size=(1000, 600))
    wait_idle(qtbot)
    return widget


def _click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def _balance(db: Database, employee_id: int) -> int:
    with read_only(db) as s:
        return ledger.balance(s, employee_id)


def _refresh(panel: RewardsPanel, qtbot: Any) -> None:
    """F5 on the redemptions after a write made beside the window (no change broadcast)."""
    panel.tabs.setCurrentWidget(panel.redemptions)
    panel.refresh()
    wait_idle(qtbot)


def _statuses(panel: RewardsPanel) -> list[str]:
    model = panel.redemptions.model
    return [model.index(r, 5).data() for r in range(model.rowCount())]


def _request_dialog(panel: RewardsPanel, qtbot: Any, number: str, reward: str) -> RedemptionRequestDialog:
    """New request… with the person chosen through the employee picker and the reward chosen."""
    panel.tabs.setCurrentWidget(panel.redemptions)
    _click(qtbot, panel.redemptions.new_button)
    dialog = visible_dialog(panel, RedemptionRequestDialog)
    assert not dialog.request_button.isEnabled()  # nobody chosen yet
    _click(qtbot, dialog.choose_button)
    picker = visible_dialog(dialog, EmployeePicker)
    picker.select_numbers([number])
    _click(qtbot, picker.ok_button)
    dialog.reward_combo.setCurrentIndex(next(i for i, r in enumerate(dialog.rewards()) if r.name == reward))
    return dialog


def test_models_pass_the_model_tester(
    db: Database, people: tuple[int, int], panel: RewardsPanel, qtbot: Any, qtmodeltester: Any
) -> None:
    zhang, _li = people
    request_redemption(db.uow(), zhang, _leave(db), at=EARNED)
    with building(db) as s:
        s.add(TrainingRecord(employee_id=zhang, course_title="旧课", on_date=date(2020, 1, 1), credits=100))
    _click(qtbot, panel.milestones.check_button)
    for section in (panel.redemptions, panel.milestones):  # each reads when first shown
        panel.tabs.setCurrentWidget(section)
        wait_idle(qtbot)
    for model in (
        panel.catalogue.model,
        panel.redemptions.model,
        panel.milestones.milestones.model,
        panel.milestones.unlock_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_request_approve_fulfil_by_clicking(
    db: Database, people: tuple[int, int], panel: RewardsPanel, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    zhang, _li = people
    dialog = _request_dialog(panel, qtbot, "00001", "带薪假1天")
    assert dialog.person_label.text() == "00001 张三"
    summary = dialog.summary_label.text()
    assert "150" in summary and "100" in summary and "50" in summary  # balance, cost, what is left
    assert dialog.request_button.isEnabled()
    type_text(dialog.note_edit, "三月")
    _click(qtbot, dialog.request_button)
    assert not is_open(dialog)
    assert _balance(db, zhang) == 50
    assert _statuses(panel) == [label(RedemptionStatus.REQUESTED)]
    assert panel.redemptions.selected() is not None  # the new request is selected
    assert panel.redemptions.approve_button.isEnabled() and not panel.redemptions.fulfil_button.isEnabled()

    _click(qtbot, panel.redemptions.approve_button)
    assert _statuses(panel) == [label(RedemptionStatus.APPROVED)]
    question = dialog_answers.texts("question")[-1]
    assert "张三" in question and "带薪假1天" in question
    assert not panel.redemptions.approve_button.isEnabled()

    _click(qtbot, panel.redemptions.fulfil_button)
    assert _statuses(panel) == [label(RedemptionStatus.FULFILLED)]
    assert _balance(db, zhang) == 50  # fulfilled: the held points stay spent
    assert not panel.redemptions.cancel_button.isEnabled()
    with read_only(db) as s:
        (row,) = redemption_rows(s)
    assert (row.status, row.note) == (RedemptionStatus.FULFILLED, "三月")
    panel.tabs.setCurrentWidget(panel.catalogue)  # its counts changed while hidden: read again when shown
    wait_idle(qtbot)
    assert (
        panel.catalogue.model.index(
            next(
                r
                for r in range(panel.catalogue.model.rowCount())
                if panel.catalogue.model.item(r).name == "带薪假1天"
            ),
            5,
        ).data()
        == "0"
    )  # no longer counted as approved-not-fulfilled


def test_a_request_above_the_balance_cannot_be_made(
    db: Database,
    people: tuple[int, int],
    panel: RewardsPanel,
    qtbot: Any,
    dialog_answers: DialogAnswers,
) -> None:
    zhang, _li = people
    dialog = _request_dialog(panel, qtbot, "00002", "带薪假1天")
    assert not dialog.request_button.isEnabled()  # 李四 has nothing
    assert "0" in dialog.summary_label.text()
    dialog.reject()

    dialog = _request_dialog(panel, qtbot, "00001", "带薪假1天")
    assert dialog.request_button.isEnabled()
    request_redemption(db.uow(), zhang, _leave(db), at=EARNED)  # another clerk was quicker: 50 left
    _click(qtbot, dialog.request_button)
    assert is_open(dialog)
    refusal = dialog_answers.texts("warning")[-1]
    assert "张三" in refusal and "50" in refusal and "100" in refusal
    assert "50" in dialog.summary_label.text() and not dialog.request_button.isEnabled()
    assert _balance(db, zhang) == 50
    dialog.reject()


def test_reject_and_cancel_give_the_points_back(
    db: Database, people: tuple[int, int], panel: RewardsPanel, qtbot: Any
) -> None:
    zhang, _li = people
    request_redemption(db.uow(), zhang, _leave(db), at=EARNED)
    _refresh(panel, qtbot)
    panel.redemptions.table.selectRow(0)
    _click(qtbot, panel.redemptions.reject_button)
    assert _statuses(panel) == [label(RedemptionStatus.REJECTED)]
    assert _balance(db, zhang) == 150

    request_redemption(db.uow(), zhang, _leave(db), at=datetime(2026, 3, 2))
    _refresh(panel, qtbot)
    panel.redemptions.table.selectRow(0)  # newest first
    _click(qtbot, panel.redemptions.approve_button)
    _click(qtbot, panel.redemptions.cancel_button)
    assert _balance(db, zhang) == 150
    panel.redemptions.status_combo.set_value(RedemptionStatus.CANCELLED)
    wait_idle(qtbot)
    assert _statuses(panel) == [label(RedemptionStatus.CANCELLED)]


def test_a_refused_decision_is_shown_as_a_message(
    db: Database, people: tuple[int, int], panel: RewardsPanel, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    zhang, li = people
    last = save_reward(db.uow(), RewardData("限量礼品", 10, stock=1))
    with building(db) as s:
        ledger.post(s, ledger.Posting(li, 10, PointCategory.OTHER, EARNED, ledger.MANUAL, reason="t"))
    request_redemption(db.uow(), zhang, last, at=EARNED)
    request_redemption(db.uow(), li, last, at=datetime(2026, 3, 2))
    _refresh(panel, qtbot)
    panel.redemptions.table.selectRow(1)  # 张三's, the older
    _click(qtbot, panel.redemptions.approve_button)
    panel.redemptions.table.selectRow(0)  # 李四's
    _click(qtbot, panel.redemptions.approve_button)
    assert "限量礼品" in dialog_answers.texts("warning")[-1]  # the second approval found no stock
    assert sorted(_statuses(panel)) == sorted(
        [label(RedemptionStatus.APPROVED), label(RedemptionStatus.REQUESTED)]
    )


def test_catalogue_add_and_deactivate(db: Database, panel: RewardsPanel, qtbot: Any) -> None:
    section = panel.catalogue
    _click(qtbot, section.add_button)
    dialog = visible_dialog(section, RewardDialog)
    type_text(dialog.name_edit, "读书卡")
    dialog.cost_spin.setValue(30)
    dialog.unlimited_check.setChecked(False)
    dialog.stock_spin.setValue(5)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not is_open(dialog)
    row = next(r for r in range(section.model.rowCount()) if section.model.item(r).name == "读书卡")
    assert [section.model.index(row, c).data() for c in (1, 2)] == ["30", "5"]

    section.table.selectRow(row)
    assert section.delete_button.text() == section.tr("Deactivate")
    _click(qtbot, section.delete_button)
    with read_only(db) as s:
        assert not next(r for r in list_rewards(s) if r.name == "读书卡").active
    row = next(r for r in range(section.model.rowCount()) if section.model.item(r).name == "读书卡")
    section.table.selectRow(row)
    assert section.delete_button.text() == section.tr("Activate")


def test_milestones_checked_and_granted(
    db: Database, people: tuple[int, int], panel: RewardsPanel, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    zhang, _li = people
    section = panel.milestones
    with building(db) as s:
        s.add(TrainingRecord(employee_id=zhang, course_title="旧课", on_date=date(2020, 1, 1), credits=120))
    panel.tabs.setCurrentWidget(section)
    _click(qtbot, section.check_button)
    assert section.unlock_model.rowCount() == 1
    assert section.unlock_model.index(0, 1).data() == "张三"
    assert section.unlock_model.index(0, 3).data() == "带薪假1天"
    assert "1" in dialog_answers.texts("information")[-1]
    _click(qtbot, section.check_button)  # again: nothing new
    assert section.unlock_model.rowCount() == 1

    assert not section.grant_button.isEnabled()
    section.unlock_table.selectRow(0)
    _click(qtbot, section.grant_button)
    assert section.unlock_model.index(0, 5).data() != section.unlock_model.tr("No")
    section.pending_check.setChecked(True)
    wait_idle(qtbot)
    assert section.unlock_model.rowCount() == 0
    assert _balance(db, zhang) == 150  # credits are never spent, nor points


def test_the_request_dialog_reads_off_the_gui_thread(
    db: Database, people: tuple[int, int], panel: RewardsPanel, qtbot: Any
) -> None:
    zhang, _li = people
    dialog = RedemptionRequestDialog(db, panel)
    assert not dialog.reward_combo.isEnabled() and not dialog.request_button.isEnabled()
    assert dialog.summary_label.text() == loading_text()  # the rewards are on their way
    wait_idle(qtbot)
    assert "带薪假1天" in [r.name for r in dialog.rewards()]
    dialog.reward_combo.setCurrentIndex(
        next(i for i, r in enumerate(dialog.rewards()) if r.name == "带薪假1天")
    )
    dialog.set_employee(zhang)
    assert dialog.summary_label.text() == loading_text() and not dialog.request_button.isEnabled()
    wait_idle(qtbot)
    assert dialog.person_label.text() == "00001 张三" and "150" in dialog.summary_label.text()
    assert dialog.request_button.isEnabled()
    dialog.deleteLater()


def test_writes_elsewhere_reach_the_open_list_without_a_refresh(
    db: Database, people: tuple[int, int], panel: RewardsPanel, qtbot: Any
) -> None:
    zhang, _li = people
    panel.tabs.setCurrentWidget(panel.redemptions)
    wait_idle(qtbot)
    assert _statuses(panel) == []
    # Another tab's writes: through the write worker, whose results the change hub broadcasts.
    operations.run_in_background(
        None,
        lambda _task: request_redemption(db.uow(), zhang, _leave(db), at=EARNED),
        success=lambda _id: None,
    )
    wait_idle(qtbot)
    assert _statuses(panel) == [label(RedemptionStatus.REQUESTED)]
    with read_only(db) as s:
        renamed = replace(get_employee(s, zhang), name="张三丰")
    operations.run_in_background(
        None, lambda _task: update_employee(db.uow(), zhang, renamed), success=lambda _change: None
    )
    wait_idle(qtbot)
    assert panel.redemptions.model.index(0, 2).data() == "张三丰"
