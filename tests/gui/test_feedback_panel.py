"""The feedback panel: forms entered through the dialog, the means line, exam scores against the pass mark."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from tests_gui_helpers import (
    DialogAnswers,
    is_open,
    loaded_dialog,
    session_panel,
    type_text,
    wait_idle,
)
from training_data import building, exam_session

from desktop_hr.db import Database, read_only
from desktop_hr.services.training.assessment import exam_rows, feedback_summary, record_feedback
from desktop_hr.views.training.feedback_panel import FeedbackDialog, FeedbackPanel


@pytest.fixture
def session_id(db: Database) -> int:
    """A session with pass mark 60 and three people enrolled (00001-00003)."""
    with building(db) as s:
        return exam_session(s, 3)[0].id


@pytest.fixture
def panel(db: Database, session_id: int, qtbot: Any) -> FeedbackPanel:
    return session_panel(qtbot, FeedbackPanel(db), session_id)


def _click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def _save(qtbot: Any, dialog: Any) -> None:
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))


def _people(db: Database, session_id: int) -> list[int]:
    with read_only(db) as s:
        return [r.employee_id for r in exam_rows(s, session_id)]


def test_models_pass_the_model_tester(
    db: Database, session_id: int, panel: FeedbackPanel, qtmodeltester: Any, qtbot: Any
) -> None:
    first = _people(db, session_id)[0]
    record_feedback(db.uow(), session_id, first, trainer_satisfaction=90, course_rating=5, comment="好")
    panel.refresh()
    wait_idle(qtbot)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.exam_model)


def test_feedback_added_through_the_dialog_and_means_shown(
    db: Database, session_id: int, panel: FeedbackPanel, qtbot: Any
) -> None:
    assert "0" in panel.means_label.text() and "—" in panel.means_label.text()
    first, second, _third = _people(db, session_id)
    record_feedback(db.uow(), session_id, first, trainer_satisfaction=95, course_rating=5)
    panel.refresh()
    wait_idle(qtbot)
    _click(qtbot, panel.add_button)
    dialog = loaded_dialog(qtbot, panel, FeedbackDialog)
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData(second))
    dialog.satisfaction_spin.setValue(90)
    dialog.rating_spin.setValue(4)
    type_text(dialog.comment_edit, "案例多一些")
    _save(qtbot, dialog)
    assert not is_open(dialog)
    assert panel.model.rowCount() == 2
    with read_only(db) as s:
        summary = feedback_summary(s, session_id)
    text = panel.means_label.text()
    assert (str(summary.mean_satisfaction), str(summary.mean_rating)) == ("92.5", "4.5")
    assert "92.5" in text and "4.5" in text and "2" in text

    # Edit: the person stays, the values change, the means follow.
    panel.table.selectRow(1)
    panel.edit_selected()
    dialog = loaded_dialog(qtbot, panel, FeedbackDialog)
    assert not dialog.person_combo.isEnabled()
    assert dialog.comment_edit.toPlainText() == "案例多一些"
    dialog.satisfaction_spin.setValue(85)
    _save(qtbot, dialog)
    assert "90.0" in panel.means_label.text()


def test_feedback_without_values_is_kept_as_not_given(
    db: Database, session_id: int, panel: FeedbackPanel, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    panel.add()
    dialog = loaded_dialog(qtbot, panel, FeedbackDialog)
    _save(qtbot, dialog)
    assert not dialog_answers.texts("warning")
    assert [panel.model.index(0, c).data() for c in (2, 3)] == ["", ""]
    with read_only(db) as s:
        assert feedback_summary(s, session_id).count == 1


def test_exam_scores_per_enrolled_person_against_the_pass_mark(panel: FeedbackPanel, qtbot: Any) -> None:
    assert "60" in panel.pass_mark_label.text()
    assert panel.exam_model.rowCount() == 3
    assert not panel.record_exam_button.isEnabled()
    for row, score in ((0, 60), (1, 59)):
        panel.exam_table.selectRow(row)
        panel.exam_score_spin.setValue(score)
        _click(qtbot, panel.record_exam_button)
    passed = [panel.exam_model.index(r, 3).data() for r in range(3)]
    assert passed == [panel.exam_model.tr("Yes"), panel.exam_model.tr("No"), ""]
    assert [panel.exam_model.index(r, 2).data() for r in range(3)] == ["60", "59", ""]
    panel.exam_table.selectRow(1)
    assert panel.clear_exam_button.isEnabled()
    _click(qtbot, panel.clear_exam_button)
    assert panel.exam_model.index(1, 2).data() == ""
    assert panel.exam_summary_label.text() == panel.tr("{passed} of {scored} scored passed").format(
        passed=1, scored=1
    )
