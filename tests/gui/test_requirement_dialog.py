"""The requirement dialog refuses contradictions with the service's message on the field, saves what is
consistent, and creates the checklist's missing courses; the credit-recognition table is edited beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from PySide6.QtCore import Qt
from tests_gui_helpers import DialogAnswers, is_open, loaded_dialog, shown, type_text, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import (
    AppliesTo,
    Course,
    Dimension,
    Measure,
    PeriodKind,
    PersonnelCategory,
    SubjectType,
)
from desktop_hr.services.requirements.recognition import list_recognition
from desktop_hr.services.requirements.rules import SliceData, find_requirement, get_requirement
from desktop_hr.services.training.history import TrainingRecordData, add_training_record
from desktop_hr.views.requirements.recognition_dialog import RecognitionDialog, RecognitionRuleDialog
from desktop_hr.views.requirements.requirement_dialog import (
    CHECKLIST_TAB,
    CONDITIONS_TAB,
    RequirementDialog,
)
from desktop_hr.views.requirements.requirements_tab import RequirementsTab


@pytest.fixture
def new_dialog(qtbot: Any, db: Database) -> RequirementDialog:
    dialog = shown(qtbot, RequirementDialog(db))
    wait_idle(qtbot)  # the positions are read first
    type_text(dialog.name_edit, "中级职称申报")
    return dialog


def save(qtbot: Any, dialog: RequirementDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def error(dialog: RequirementDialog, key: str) -> str:
    return dialog.boxes[key].error_label.text()


def test_a_part_above_the_total_is_refused_on_its_field(
    qtbot: Any, new_dialog: RequirementDialog, db: Database, dialog_answers: DialogAnswers
) -> None:
    dialog = new_dialog
    dialog.credits_spin.setValue(100)
    row = dialog.slice_table.add_row()
    measure = dialog.slice_table.table.cellWidget(row, 0)
    measure.set_value(Measure.CREDITS)  # type: ignore[union-attr]
    dialog.slice_table.table.cellWidget(row, 1).set_value(Dimension.CATEGORY)  # type: ignore[union-attr]
    dialog.slice_table.table.cellWidget(row, 3).setText("150")  # type: ignore[union-attr]
    dialog.tabs.setCurrentIndex(0)
    save(qtbot, dialog)
    assert is_open(dialog)  # refused: stays open, nothing written
    assert "不能超过总学分要求 100" in error(dialog, "requirement_slice")
    assert dialog.tabs.currentIndex() == CONDITIONS_TAB  # the field with the error is brought forward
    assert "分项条件" in dialog_answers.texts("warning")[-1]  # the message names the field
    with read_only(db) as s:
        assert find_requirement(s, "中级职称申报") is None


def test_a_share_above_the_whole_and_an_unreadable_rate(
    qtbot: Any, new_dialog: RequirementDialog, dialog_answers: DialogAnswers
) -> None:
    dialog = new_dialog
    dialog.reflections_spin.setValue(1)
    dialog.rate_edit.setText("120%")
    save(qtbot, dialog)
    assert "比例不能超过100%" in error(dialog, "requirement_excellent_rate")
    assert "最低优秀率" in dialog_answers.texts("warning")[-1]

    dialog.rate_edit.setText("八成")
    assert error(dialog, "requirement_excellent_rate") == ""  # cleared as soon as the field changes
    save(qtbot, dialog)
    assert "不是有效的比例" in error(dialog, "requirement_excellent_rate")
    assert is_open(dialog)


def test_a_checklist_asked_for_with_no_course(
    qtbot: Any, new_dialog: RequirementDialog, dialog_answers: DialogAnswers
) -> None:
    dialog = new_dialog
    dialog.needs_courses_check.setChecked(True)
    save(qtbot, dialog)
    assert "清单中没有课程" in error(dialog, "requirement_courses")
    assert dialog.tabs.currentIndex() == CHECKLIST_TAB


def test_a_consistent_requirement_is_saved_and_listed(
    qtbot: Any, db: Database, dialog_answers: DialogAnswers
) -> None:
    tab = shown(qtbot, RequirementsTab(db))
    wait_idle(qtbot)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, tab, RequirementDialog)
    type_text(dialog.name_edit, "中级职称申报")
    dialog.applies_combo.set_value(AppliesTo.PERSONNEL_CATEGORY)
    dialog.category_combo.set_value(PersonnelCategory.PROFESSIONAL)
    dialog.period_combo.set_value(PeriodKind.LAST_YEARS)
    dialog.years_spin.setValue(2)
    dialog.hours_spin.setValue(60)
    row = dialog.slice_table.add_row()
    dialog.slice_table.table.cellWidget(row, 1).set_value(Dimension.SUBJECT)  # type: ignore[union-attr]
    value = dialog.slice_table.table.cellWidget(row, 2)
    value.setCurrentIndex(value.findData(SubjectType.PROFESSIONAL.value))  # type: ignore[union-attr]
    dialog.slice_table.table.cellWidget(row, 3).setText("2/3")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "占比≥2/3" in dialog.preview_label.text(), timeout=3000)
    assert dialog.preview_label.text() == "近2年：学时≥60；专业科目学时占比≥2/3"
    save(qtbot, dialog)
    assert not is_open(dialog)
    with read_only(db) as s:
        found = find_requirement(s, "中级职称申报")
        assert found is not None
        data = get_requirement(s, found)
    assert (data.applies_to, data.applies_value, data.period, data.period_years) == (
        AppliesTo.PERSONNEL_CATEGORY,
        "professional",
        PeriodKind.LAST_YEARS,
        2,
    )
    assert data.min_hours == Decimal("60.00")
    assert data.slices == (SliceData(Measure.HOURS, Dimension.SUBJECT, "professional", None, Fraction(2, 3)),)
    wait_idle(qtbot)
    assert tab.requirement_combo.currentText() == "中级职称申报"  # the new one is chosen


def test_the_probation_checklist_and_its_missing_courses(
    qtbot: Any, db: Database, dialog_answers: DialogAnswers
) -> None:
    with read_only(db) as s:
        probation = find_requirement(s, "试用期转正")
    assert probation is not None
    dialog = shown(qtbot, RequirementDialog(db, probation))
    wait_idle(qtbot)
    dialog.tabs.setCurrentIndex(CHECKLIST_TAB)
    codes = [dialog.checklist.table.item(r, 0).text() for r in range(3)]  # type: ignore[union-attr]
    assert codes == ["ONB-01", "ONB-02", "ONB-03"]
    assert "3 门课程尚未建立" in dialog.missing_label.text()
    assert dialog.create_courses_button.isEnabled()
    qtbot.mouseClick(dialog.create_courses_button, Qt.MouseButton.LeftButton)  # the question: Yes
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: "均已建立" in dialog.missing_label.text(), timeout=5000)
    assert not dialog.create_courses_button.isEnabled()
    with read_only(db) as s:
        titles = {c.code: c.title for c in s.query(Course).filter(Course.code.like("ONB-%"))}
    assert titles == {"ONB-01": "企业文化", "ONB-02": "安全生产", "ONB-03": "部门流程"}
    assert not dialog.is_dirty()


def test_the_recognition_table(
    qtbot: Any, db: Database, qtmodeltester: Any, dialog_answers: DialogAnswers
) -> None:
    dialog = shown(qtbot, RecognitionDialog(db))
    wait_idle(qtbot)
    panel = dialog.panel
    qtmodeltester.check(panel.model)
    names = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert names[:3] == ["脱产培训", "脱产培训（半天）", "学术会议"]

    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    rule = loaded_dialog(qtbot, panel, RecognitionRuleDialog)
    type_text(rule.name_edit, "送教下乡")
    type_text(rule.code_edit, "TEACHING_VISIT")
    rule.hours_spin.setValue(4)
    type_text(rule.unit_edit, "次")
    qtbot.mouseClick(rule.buttons.button(rule.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(rule)
    assert "送教下乡" in [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    with read_only(db) as s:
        assert {r.code: r.hours_per_unit for r in list_recognition(s)}["TEACHING_VISIT"] == Decimal("4.00")


def test_a_learning_form_in_use_is_not_deleted(
    qtbot: Any, db: Database, dialog_answers: DialogAnswers
) -> None:
    from training_data import building, make_people

    with building(db) as s:
        who = make_people(s, {"0001": "甲"})[0].id
    add_training_record(
        db.uow(),
        who,
        TrainingRecordData("论文", date(2026, 1, 5), learning_form="PAPER", quantity=Decimal(1)),
    )
    dialog = shown(qtbot, RecognitionDialog(db))
    wait_idle(qtbot)
    panel = dialog.panel
    row = next(r for r in range(panel.model.rowCount()) if panel.model.index(r, 1).data() == "PAPER")
    assert panel.model.index(row, 5).data() == "1"  # one record uses it
    panel.table.selectRow(row)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)  # asked first: Yes
    wait_idle(qtbot)
    assert "论文" in dialog_answers.texts("question")[-1]
    assert any("历史培训记录" in text for text in dialog_answers.texts())  # refused: it is in use
    with read_only(db) as s:
        assert "PAPER" in {r.code for r in list_recognition(s)}
