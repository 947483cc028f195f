"""The department tree: counts per subtree; new / rename / move / delete from its context menu and the
buttons under it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.views.archive.department_model import (
    COUNT_COLUMN,
    DEPARTMENT_ID_ROLE,
    PATH_ROLE,
    SUBTREE_COUNT_ROLE,
    DepartmentTreeModel,
)
from desktop_hr.views.archive.department_panel import DepartmentPanel


@pytest.fixture
def panel(demo_db: Database, qtbot: Any) -> DepartmentPanel:
    widget = DepartmentPanel(demo_db)
    qtbot.addWidget(widget)
    widget.show()
    wait_idle(qtbot)  # the tree is read in the background once shown
    return widget


def find(model: DepartmentTreeModel, path: str) -> Any:
    for department_id in model.department_ids():
        index = model.index_of(department_id)
        if index.data(PATH_ROLE) == path:
            return index
    raise AssertionError(f"no department {path}")


def test_tree_model_counts_whole_subtrees(panel: DepartmentPanel, qtmodeltester: Any) -> None:
    model = panel.model
    qtmodeltester.check(model)
    everyone = model.index_of(None)
    assert everyone.data(SUBTREE_COUNT_ROLE) == 300
    assert everyone.data() == "全部部门"
    company = find(model, "总公司")
    assert company.data(SUBTREE_COUNT_ROLE) == 300
    branch = find(model, "总公司/华东分部")
    children = [model.index(r, 0, branch).data(SUBTREE_COUNT_ROLE) for r in range(model.rowCount(branch))]
    assert branch.data(SUBTREE_COUNT_ROLE) == sum(children) > 0
    assert branch.siblingAtColumn(COUNT_COLUMN).data() == str(sum(children))


def select(panel: DepartmentPanel, path: str) -> None:
    panel.tree.setCurrentIndex(find(panel.model, path))


def test_add_rename_and_delete_a_department(
    qtbot: Any, panel: DepartmentPanel, dialog_answers: DialogAnswers, qtmodeltester: Any
) -> None:
    qtmodeltester.check(panel.model)
    select(panel, "总公司/华东分部")
    dialog_answers.text_input = ("培训部", True)
    panel.add_action.trigger()
    wait_idle(qtbot)  # the tree comes again through the hub, the new department selected
    new = find(panel.model, "总公司/华东分部/培训部")
    assert panel.selected_department() == new.data(DEPARTMENT_ID_ROLE)

    dialog_answers.text_input = ("学习发展部", True)
    panel.rename_action.trigger()
    wait_idle(qtbot)
    find(panel.model, "总公司/华东分部/学习发展部")

    panel.delete_action.trigger()
    wait_idle(qtbot)
    assert "学习发展部" in dialog_answers.texts("question")[-1]
    with pytest.raises(AssertionError):
        find(panel.model, "总公司/华东分部/学习发展部")
    assert panel.selected_department() == find(panel.model, "总公司/华东分部").data(DEPARTMENT_ID_ROLE)


def test_a_department_with_people_is_not_deleted(
    qtbot: Any, panel: DepartmentPanel, dialog_answers: DialogAnswers
) -> None:
    select(panel, "总公司/财务部")
    panel.delete_department()
    wait_idle(qtbot)
    assert not dialog_answers.texts("question")
    assert dialog_answers.texts("information")
    find(panel.model, "总公司/财务部")


def test_declining_the_confirmation_keeps_the_department(
    qtbot: Any, panel: DepartmentPanel, dialog_answers: DialogAnswers
) -> None:
    select(panel, "总公司")
    dialog_answers.text_input = ("空部门", True)
    panel.add_department()
    wait_idle(qtbot)
    dialog_answers.questions.append(QMessageBox.StandardButton.No)
    panel.delete_department()
    wait_idle(qtbot)
    find(panel.model, "总公司/空部门")


def test_duplicate_name_is_refused_with_a_message(
    qtbot: Any, panel: DepartmentPanel, dialog_answers: DialogAnswers
) -> None:
    select(panel, "总公司")
    dialog_answers.text_input = ("财务部", True)
    panel.add_department()
    wait_idle(qtbot)
    assert any("已有同名部门" in text for text in dialog_answers.texts("warning"))


def click(qtbot: Any, panel: DepartmentPanel, action: Any) -> None:
    """Press the button under the tree that stands for `action` (the context menu's own)."""
    button = panel.button(action)
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def test_the_buttons_under_the_tree_follow_the_selection(qtbot: Any, panel: DepartmentPanel) -> None:
    names = [panel.button(a).text() for a in (panel.add_action, panel.rename_action, panel.move_action)]
    assert names == ["新建…", "重命名…", "移动…"] and panel.button(panel.delete_action).text() == "删除…"
    panel.select_department(None)  # all departments: only a new top-level one
    assert panel.button(panel.add_action).isEnabled()
    for action in (panel.rename_action, panel.move_action, panel.delete_action):
        assert not panel.button(action).isEnabled()
    select(panel, "总公司/财务部")
    for action in (panel.add_action, panel.rename_action, panel.move_action, panel.delete_action):
        assert panel.button(action).isEnabled()


def test_new_rename_move_and_delete_with_the_buttons(
    qtbot: Any, panel: DepartmentPanel, dialog_answers: DialogAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(panel, "总公司/华东分部")
    dialog_answers.text_input = ("培训部", True)
    click(qtbot, panel, panel.add_action)
    new = find(panel.model, "总公司/华东分部/培训部").data(DEPARTMENT_ID_ROLE)
    assert panel.selected_department() == new

    dialog_answers.text_input = ("学习发展部", True)
    click(qtbot, panel, panel.rename_action)
    find(panel.model, "总公司/华东分部/学习发展部")

    offered: list[list[str]] = []

    def choose(_parent: Any, _title: str, label: str, items: list[str], current: int, _editable: bool) -> Any:
        offered.append(items)
        assert items[current] == "总公司/华东分部" and "学习发展部" in label  # starts at where it is
        return "总公司/财务部", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    click(qtbot, panel, panel.move_action)
    moved = find(panel.model, "总公司/财务部/学习发展部")
    assert moved.data(DEPARTMENT_ID_ROLE) == new == panel.selected_department()
    assert panel.tree.isExpanded(moved.parent())
    assert offered[0][0] == "（顶级）" and "总公司/华东分部/学习发展部" not in offered[0]

    dialog_answers.questions.append(QMessageBox.StandardButton.No)
    click(qtbot, panel, panel.delete_action)
    assert "总公司/财务部/学习发展部" in dialog_answers.texts("question")[-1]
    find(panel.model, "总公司/财务部/学习发展部")  # declined: still there

    click(qtbot, panel, panel.delete_action)  # confirmed (Yes)
    with pytest.raises(AssertionError):
        find(panel.model, "总公司/财务部/学习发展部")
    assert panel.selected_department() == find(panel.model, "总公司/财务部").data(DEPARTMENT_ID_ROLE)


def test_a_move_under_its_own_branch_is_not_offered_and_a_top_level_move_works(
    qtbot: Any, panel: DepartmentPanel, dialog_answers: DialogAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(panel, "总公司/华东分部")
    offered: list[str] = []

    def choose(
        _parent: Any, _title: str, _label: str, items: list[str], _current: int, _editable: bool
    ) -> Any:
        offered.extend(items)
        return "（顶级）", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    click(qtbot, panel, panel.move_action)
    assert not [path for path in offered if path.startswith("总公司/华东分部")]
    find(panel.model, "华东分部")  # now a top-level department, its people with it
    assert find(panel.model, "总公司").data(SUBTREE_COUNT_ROLE) < 300


def test_the_delete_button_says_why_a_department_stays(
    qtbot: Any, panel: DepartmentPanel, dialog_answers: DialogAnswers
) -> None:
    select(panel, "总公司/财务部")
    people = find(panel.model, "总公司/财务部").data(SUBTREE_COUNT_ROLE)
    click(qtbot, panel, panel.delete_action)
    select(panel, "总公司/华东分部")
    click(qtbot, panel, panel.delete_action)

    assert not dialog_answers.texts("question")  # nothing to confirm: it is refused
    with_people, with_children = dialog_answers.texts("information")
    assert "总公司/财务部" in with_people and f"{people} 人" in with_people
    assert "总公司/华东分部" in with_children and "下级部门" in with_children
    find(panel.model, "总公司/财务部")
    find(panel.model, "总公司/华东分部")


def test_an_auditor_gets_no_department_buttons(qtbot: Any, demo_db: Database, sign_in_as: Any) -> None:
    sign_in_as(Role.AUDITOR)
    widget = DepartmentPanel(demo_db)
    qtbot.addWidget(widget)
    widget.show()
    wait_idle(qtbot)
    assert not widget.buttons.isVisible()
    assert widget.tree.isVisible()
