"""The submissions panel: add and edit through the dialog, late in red, grading, flags, opening the file, delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from tests_gui_helpers import (
    DialogAnswers,
    is_open,
    loaded_dialog,
    session_panel,
    type_text,
    visible_dialog,
    wait_idle,
)
from training_data import building, reflection_session

from desktop_hr.db import Database, read_only
from desktop_hr.models import (
    AssignmentType,
    Submission,
)
from desktop_hr.services.training.submissions import submission_rows, submit
from desktop_hr.views.training.submission_dialog import GradeDialog, SubmissionDialog
from desktop_hr.views.training.submissions_panel import LATE_COLOUR, SubmissionsPanel


@dataclass(frozen=True)
class Setup:
    session_id: int  # reflection due 2026-03-13; 00001 and 00002 enrolled, 00003 not
    people: dict[str, int]


@pytest.fixture
def setup(db: Database) -> Setup:
    with building(db) as s:
        session, people = reflection_session(s, enrolled=2)
        return Setup(session.id, {p.employee_no: p.id for p in people})


@pytest.fixture
def panel(db: Database, setup: Setup, qtbot: Any) -> SubmissionsPanel:
    return session_panel(qtbot, SubmissionsPanel(db), setup.session_id)


def _hand_in(db: Database, setup: Setup, no: str, kind: AssignmentType, at: datetime, **kw: Any) -> int:
    values: dict[str, Any] = {"title": f"{no} 的提交", "text": "正文", "submitted_at": at}
    values.update(kw)
    return submit(db.uow(), setup.session_id, setup.people[no], kind, **values)


def _cell(panel: SubmissionsPanel, row: int, column: int) -> str:
    return str(panel.model.index(row, column).data())


def _select(panel: SubmissionsPanel, row: int) -> None:
    panel.table.selectRow(row)


def _save(qtbot: Any, dialog: Any) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def test_models_pass_the_model_tester(
    db: Database, setup: Setup, panel: SubmissionsPanel, qtmodeltester: Any, qtbot: Any
) -> None:
    _hand_in(db, setup, "00001", AssignmentType.REFLECTION, datetime(2026, 3, 10, 9))
    _hand_in(db, setup, "00002", AssignmentType.ACTION_PLAN, datetime(2026, 4, 20, 9))
    panel.refresh()
    wait_idle(qtbot)
    qtmodeltester.check(panel.model)


def test_add_through_the_dialog_shows_the_person_only_from_the_enrolled(
    db: Database, setup: Setup, panel: SubmissionsPanel, qtbot: Any
) -> None:
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, panel, SubmissionDialog)
    people = [dialog.person_combo.itemText(i) for i in range(dialog.person_combo.count())]
    assert people == ["00001 杜凤勇", "00002 王芳"]
    assert dialog.kind_combo.value() is AssignmentType.REFLECTION  # the session's assignment
    dialog.person_combo.setCurrentIndex(1)
    type_text(dialog.title_edit, "谈判心得")
    type_text(dialog.text_edit, "学到了让步的节奏")
    dialog.submitted_edit.setDateTime(QDateTime.fromString("2026-03-14 08:00", "yyyy-MM-dd HH:mm"))
    _save(qtbot, dialog)
    assert not is_open(dialog)
    assert panel.model.rowCount() == 1  # read again: the hub heard of the save
    assert [_cell(panel, 0, c) for c in (0, 1, 3)] == ["00002", "王芳", "谈判心得"]
    # Handed in the day after the due date: late, in red.
    assert _cell(panel, 0, panel.model.ON_TIME) == panel.model.tr("Late")
    colour = panel.model.index(0, panel.model.ON_TIME).data(Qt.ItemDataRole.ForegroundRole)
    assert QColor(colour) == LATE_COLOUR


def test_empty_submission_is_refused_and_the_dialog_stays_open(
    panel: SubmissionsPanel, qtbot: Any, dialog_answers: DialogAnswers, db: Database
) -> None:
    panel.add()
    dialog = loaded_dialog(qtbot, panel, SubmissionDialog)
    _save(qtbot, dialog)
    assert is_open(dialog)
    (warning,) = dialog_answers.texts("warning")
    assert "内容" in warning
    with read_only(db) as s:
        assert s.query(Submission).count() == 0


def test_grading_shows_pending_then_the_mean(
    db: Database, setup: Setup, panel: SubmissionsPanel, qtbot: Any
) -> None:
    _hand_in(db, setup, "00001", AssignmentType.REFLECTION, datetime(2026, 3, 13, 23, 0))
    panel.refresh()
    wait_idle(qtbot)
    _select(panel, 0)
    assert _cell(panel, 0, panel.model.ON_TIME) == panel.model.tr("On time")
    panel.grade_selected()
    dialog = visible_dialog(panel, GradeDialog)
    dialog.hr_spin.setValue(85)
    _save(qtbot, dialog)
    assert not is_open(dialog)
    assert _cell(panel, 0, panel.model.FINAL) == panel.model.tr("Pending")
    panel.grade_selected()
    dialog = visible_dialog(panel, GradeDialog)
    assert dialog.hr_spin.value() == 85
    dialog.head_spin.setValue(90)
    _save(qtbot, dialog)
    assert [_cell(panel, 0, c) for c in (panel.model.HR, panel.model.HEAD, panel.model.FINAL)] == [
        "85",
        "90",
        "87.5",
    ]


def test_grade_refused_keeps_the_dialog_open(
    db: Database, setup: Setup, panel: SubmissionsPanel, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    sid = _hand_in(db, setup, "00001", AssignmentType.REFLECTION, datetime(2026, 3, 10))
    panel.refresh()
    wait_idle(qtbot)
    _select(panel, 0)
    panel.grade_selected()
    dialog = visible_dialog(panel, GradeDialog)
    dialog.hr_spin.setValue(70)
    with db.uow() as uow:  # another clerk deletes it meanwhile
        uow.session.delete(uow.session.get(Submission, sid))
        uow.commit()
    _save(qtbot, dialog)
    assert is_open(dialog)
    assert dialog_answers.texts("warning")


def test_flags_only_for_their_kinds(db: Database, setup: Setup, panel: SubmissionsPanel, qtbot: Any) -> None:
    _hand_in(db, setup, "00001", AssignmentType.REFLECTION, datetime(2026, 3, 10))
    _hand_in(db, setup, "00001", AssignmentType.ACTION_PLAN, datetime(2026, 3, 10))
    panel.refresh()
    wait_idle(qtbot)
    kinds = [panel.model.item(r).kind for r in range(2)]
    plan_row = kinds.index(AssignmentType.ACTION_PLAN)
    reflection_row = kinds.index(AssignmentType.REFLECTION)
    _select(panel, reflection_row)
    assert panel.published_button.isEnabled() and not panel.adopted_button.isEnabled()
    qtbot.mouseClick(panel.published_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    _select(panel, plan_row)
    assert panel.adopted_button.isEnabled() and not panel.published_button.isEnabled()
    qtbot.mouseClick(panel.adopted_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    qtbot.mouseClick(panel.excellent_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert panel.adopted_button.isChecked() and panel.excellent_button.isChecked()
    with read_only(db) as s:
        stored = {r.kind: (r.excellent, r.adopted, r.published) for r in submission_rows(s, setup.session_id)}
    assert stored == {
        AssignmentType.REFLECTION: (False, False, True),
        AssignmentType.ACTION_PLAN: (True, True, False),
    }
    assert panel.model.tr("Adopted") in _cell(panel, plan_row, 9)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What the panel asked the system to open (nothing is really opened)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


@pytest.fixture
def plan_with_file(db: Database, setup: Setup, tmp_path: Path) -> int:
    upload = tmp_path / "计划.txt"
    upload.write_text("第一步", encoding="utf-8")
    return _hand_in(
        db, setup, "00002", AssignmentType.ACTION_PLAN, datetime(2026, 3, 10), text="", file_path=upload
    )


@pytest.mark.usefixtures("plan_with_file")
def test_open_attached_file_and_edit_keeps_it(
    panel: SubmissionsPanel, qtbot: Any, opened: list[QUrl]
) -> None:
    panel.refresh()
    wait_idle(qtbot)
    _select(panel, 0)
    assert panel.open_file_button.isEnabled()
    qtbot.mouseClick(panel.open_file_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    (url,) = opened
    assert Path(url.toLocalFile()).name == "计划.txt"
    assert Path(url.toLocalFile()).read_text(encoding="utf-8") == "第一步"

    panel.edit_selected()
    dialog = loaded_dialog(qtbot, panel, SubmissionDialog)
    assert not dialog.person_combo.isEnabled() and not dialog.kind_combo.isEnabled()
    assert dialog.file_label.text() == "计划.txt"
    dialog.title_edit.setText("修改后的计划")
    _save(qtbot, dialog)
    assert _cell(panel, 0, 3) == "修改后的计划"
    assert panel.model.item(0).file_name == "计划.txt"
    assert panel.model.item(0).submitted_at == datetime(2026, 3, 10)


def test_delete_asks_first(
    db: Database, setup: Setup, panel: SubmissionsPanel, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    _hand_in(db, setup, "00001", AssignmentType.REFLECTION, datetime(2026, 3, 10))
    panel.refresh()
    wait_idle(qtbot)
    _select(panel, 0)
    dialog_answers.questions = [QMessageBox.StandardButton.No]
    panel.delete_selected()
    wait_idle(qtbot)
    assert panel.model.rowCount() == 1
    panel.delete_selected()  # default answer: Yes
    wait_idle(qtbot)
    assert panel.model.rowCount() == 0
    assert len(dialog_answers.texts("question")) == 2
