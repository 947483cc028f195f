"""The department tree: counts per subtree, add / rename / delete from its context menu."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.db import Database
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
