"""Positions and core competencies: add, tick competencies, rename, delete only when nobody holds it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from tests_gui_helpers import DialogAnswers, type_text, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.services.archive.organisation import list_positions
from desktop_hr.views.archive.positions_dialog import POSITION_ID_ROLE, PositionsDialog
from desktop_hr.views.main_window import MainWindow


def positions(db: Database) -> dict[str, tuple[str, ...]]:
    with read_only(db) as session:
        return {p.name: p.competencies for p in list_positions(session)}


def test_add_a_position_with_a_new_competency(qtbot: Any, demo_db: Database) -> None:
    dialog = PositionsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)  # the positions are read in the background
    assert dialog.position_list.count() == len(positions(demo_db)) > 5
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    type_text(dialog.name_edit, "培训专员")
    type_text(dialog.new_competency_edit, "课程开发")
    qtbot.mouseClick(dialog.add_competency_button, Qt.MouseButton.LeftButton)
    communication = dialog.competency_list.findItems("沟通协调", Qt.MatchFlag.MatchExactly)[0]
    communication.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert positions(demo_db)["培训专员"] == ("沟通协调", "课程开发")
    current = dialog.position_list.currentItem()
    assert current is not None and current.text().startswith("培训专员")


def test_rename_keeps_holders_and_delete_is_refused_while_held(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    dialog = PositionsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)  # the positions are read in the background
    held = next(
        dialog.position_list.item(r)
        for r in range(dialog.position_list.count())
        if dialog.position_list.item(r).text().startswith("销售代表")
    )
    dialog.position_list.setCurrentItem(held)
    assert dialog.name_edit.text() == "销售代表"
    assert not dialog.delete_button.isEnabled()  # people hold it
    assert "谈判技巧" in dialog.ticked()
    dialog.name_edit.setText("客户经理")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "客户经理" in positions(demo_db) and "销售代表" not in positions(demo_db)

    # A duplicate name is refused with a message naming it; nothing changes.
    dialog.name_edit.setText("店长")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert any("店长" in text for text in dialog_answers.texts("warning"))
    assert "客户经理" in positions(demo_db)


def test_delete_an_unused_position_after_confirmation(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    dialog = PositionsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)  # the positions are read in the background
    dialog.new_position()
    dialog.name_edit.setText("临时岗位")
    dialog.save_current()
    wait_idle(qtbot)
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert any("临时岗位" in text for text in dialog_answers.texts("question"))
    assert "临时岗位" not in positions(demo_db)
    ids = {dialog.position_list.item(r).data(POSITION_ID_ROLE) for r in range(dialog.position_list.count())}
    assert len(ids) == len(positions(demo_db))


def test_edit_menu_opens_it(qtbot: Any, demo_db: Database) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.positions_action.trigger()
    wait_idle(qtbot)
    dialog = window.findChild(PositionsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "岗位与核心能力"
    dialog.close()
