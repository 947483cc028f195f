"""The department tree beside the employees table: filters by subtree; adds, renames, moves and deletes
departments from the buttons under it or its context menu (the same actions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services.archive.employees import EmployeeQuery, count_employees
from desktop_hr.services.archive.organisation import (
    DepartmentNode,
    create_department,
    delete_department,
    department_tree,
    move_department,
    rename_department,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.archive.department_model import (
    COUNT_COLUMN,
    DEPARTMENT_ID_ROLE,
    HAS_CHILDREN_ROLE,
    NAME_COLUMN,
    PATH_ROLE,
    SUBTREE_COUNT_ROLE,
    DepartmentTreeModel,
)
from desktop_hr.views.forms import follow_lazily, reading
from desktop_hr.views.operations import LatestQuery, run_in_background
from desktop_hr.views.roles import permit


@dataclass(frozen=True)
class _Tree:
    nodes: list[DepartmentNode]
    everyone: int


def _read_tree(session: Session) -> _Tree:
    return _Tree(department_tree(session), sum(count_employees(session, EmployeeQuery()).values()))


class DepartmentPanel(QWidget):
    """Emits `department_selected(id or None)`. Reads the tree in the background, and again whenever a
    write touches departments or people (the counts), its own adds, renames and deletes included."""

    department_selected = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("department_panel")
        self._db = db
        self._selected: int | None = None
        self._reveal = False  # show the selected department wherever it is after the next read (a move)
        self._loader = LatestQuery(self)
        self.model = DepartmentTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("department_tree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        self.add_action = self._action(
            "add_department_action",
            self.tr("Add sub-department…"),
            self.tr("New…"),
            self.tr(
                "A new department under the selected one (a top-level one when all departments are selected)"
            ),
            self.add_department,
        )
        self.rename_action = self._action(
            "rename_department_action",
            self.tr("Rename…"),
            self.tr("Rename…"),
            self.tr("Rename the selected department"),
            self.rename_department,
        )
        self.move_action = self._action(
            "move_department_action",
            self.tr("Move to…"),
            self.tr("Move…"),
            self.tr("Move the selected department, with everything under it, under another department"),
            self.move_department,
        )
        self.delete_action = self._action(
            "delete_department_action",
            self.tr("Delete department"),
            self.tr("Delete…"),
            self.tr("Delete the selected department (only one with no people and no sub-departments)"),
            self.delete_department,
        )
        actions = (self.add_action, self.rename_action, self.move_action, self.delete_action)
        # The same actions as the context menu, as buttons under the tree (each shows its short icon text).
        self.buttons = QWidget(self)
        self.buttons.setObjectName("department_buttons")
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for action in actions:
            button = QToolButton(self.buttons)
            button.setObjectName(action.objectName().replace("_action", "_button"))
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.addWidget(button)
        self._editable = permit(db.principal, Permission.EDIT_RECORDS, *actions, self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self._sync_actions()
        self.follower = follow_lazily(self, ("employees", "organisation"), self.reload)

    def _action(self, name: str, text: str, short: str, tip: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setIconText(short)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def button(self, action: QAction) -> QToolButton:
        """The button under the tree that triggers `action`."""
        found = self.buttons.findChild(QToolButton, action.objectName().replace("_action", "_button"))
        assert found is not None
        return found

    # ---- loading and selection ---------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the tree and its counts in the background; the selection and open branches are kept."""
        self.follower.stale = False
        self._loader.run(reading(self._db, _read_tree), self._show)

    def loading(self) -> bool:
        return self._loader.running

    def _show(self, tree: _Tree) -> None:
        expanded = {
            department_id
            for department_id in self.model.department_ids()
            if self.tree.isExpanded(self.model.index_of(department_id))
        }
        first_load = not self.model.department_ids()
        self.tree.selectionModel().blockSignals(True)
        self.model.set_departments(tree.nodes, tree.everyone, self.tr("All departments"))
        for department_id in self.model.department_ids():
            if first_load or department_id in expanded:
                self.tree.expand(self.model.index_of(department_id))
        if self._selected is not None and not self.model.index_of(self._selected).isValid():
            self._selected = None
        self._select(self._selected)
        if self._reveal and self._selected is not None:
            self.tree.scrollTo(self.model.index_of(self._selected))  # its new parent opened if need be
        self._reveal = False
        self.tree.selectionModel().blockSignals(False)
        self._sync_actions()

    def _select(self, department_id: int | None) -> None:
        index = self.model.index_of(department_id)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def select_department(self, department_id: int | None) -> None:
        self._select(department_id)

    def selected_department(self) -> int | None:
        return self._selected

    def selected_path(self) -> str:
        return self.model.path_of(self._selected) if self._selected is not None else ""

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        department_id = (
            current.siblingAtColumn(NAME_COLUMN).data(DEPARTMENT_ID_ROLE) if current.isValid() else None
        )
        if department_id != self._selected:
            self._selected = department_id
            self.department_selected.emit(department_id)
        self._sync_actions()

    # ---- editing -------------------------------------------------------------------------------

    def _context_menu(self, position: QPoint) -> None:
        if not self._editable:
            return
        index = self.tree.indexAt(position)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        self._sync_actions()
        menu = QMenu(self)
        menu.setObjectName("department_menu")
        menu.addAction(self.add_action)
        menu.addAction(self.rename_action)
        menu.addAction(self.move_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.tree.viewport().mapToGlobal(position))

    def _sync_actions(self) -> None:
        """Rename, move and delete need a department selected (a delete that the rules refuse says why when
        asked); a new department goes under the selected one, or at the top."""
        is_department = self._selected is not None
        self.add_action.setText(
            self.tr("Add sub-department…") if is_department else self.tr("Add top-level department…")
        )
        for action in (self.rename_action, self.move_action, self.delete_action):
            action.setEnabled(is_department)

    def _write(self, fn: Callable[[], object], *, select_result: bool = False) -> None:
        def done(result: object) -> None:
            # The tree itself is read again through the hub, which heard of the write.
            if select_result and isinstance(result, int):
                self._selected = result
                self.department_selected.emit(self._selected)

        def failed(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Department not changed"), error)

        run_in_background(self, lambda _task: fn(), success=done, failure=failed)

    def add_department(self) -> None:
        parent_id = self._selected
        parent_path = self.selected_path()
        prompt = (
            self.tr("Name of the new department under {parent}:").format(parent=parent_path)
            if parent_id is not None
            else self.tr("Name of the new top-level department:")
        )
        name, ok = QInputDialog.getText(
            self, self.tr("Add department"), prompt, QLineEdit.EchoMode.Normal, ""
        )
        if not ok or not name.strip():
            return
        db = self._db
        self._write(lambda: create_department(db.uow(), name=name, parent_id=parent_id), select_result=True)

    def rename_department(self) -> None:
        department_id = self._selected
        if department_id is None:
            return
        current = self.tree.currentIndex().siblingAtColumn(NAME_COLUMN)
        old_name = str(current.data(Qt.ItemDataRole.DisplayRole) or "")
        name, ok = QInputDialog.getText(
            self, self.tr("Rename department"), self.tr("New name:"), QLineEdit.EchoMode.Normal, old_name
        )
        if not ok or not name.strip() or name.strip() == old_name:
            return
        db = self._db
        self._write(lambda: rename_department(db.uow(), department_id, name))

    def move_department(self) -> None:
        """Ask for the new parent among the departments not under this one (or the top level)."""
        department_id = self._selected
        if department_id is None:
            return
        path = self.model.path_of(department_id)
        top = self.tr("(Top level)")
        parents = sorted(
            (
                (self.model.path_of(other), other)
                for other in self.model.department_ids()
                if other != department_id and not self.model.path_of(other).startswith(path + "/")
            ),
        )
        current = path.rpartition("/")[0]
        choices = [top, *(parent_path for parent_path, _id in parents)]
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Move department"),
            self.tr("Move {path} (with everything under it) under:").format(path=path),
            choices,
            choices.index(current) if current in choices else 0,
            False,
        )
        if not ok or chosen == (current or top):
            return
        new_parent = None if chosen == top else dict(parents)[chosen]
        db = self._db
        self._reveal = True
        self._write(lambda: move_department(db.uow(), department_id, new_parent))

    def delete_department(self) -> None:
        department_id = self._selected
        if department_id is None:
            return
        index = self.tree.currentIndex().siblingAtColumn(NAME_COLUMN)
        path = str(index.data(PATH_ROLE) or "")
        if index.data(HAS_CHILDREN_ROLE):
            QMessageBox.information(
                self,
                self.tr("Department not deleted"),
                self.tr(
                    "{path} has sub-departments. Move or delete them first: only a department with no people "
                    "and no sub-departments can be deleted."
                ).format(path=path),
            )
            return
        if index.data(SUBTREE_COUNT_ROLE):
            QMessageBox.information(
                self,
                self.tr("Department not deleted"),
                self.tr(
                    "{path} has {count} people. Move them to another department first: only a department "
                    "with no people (past or present) can be deleted."
                ).format(path=path, count=index.data(SUBTREE_COUNT_ROLE)),
            )
            return
        if not feedback.confirm(
            self,
            self.tr("Delete department"),
            self.tr("Delete the department {path}?").format(path=path),
            destructive=True,
        ):
            return
        db = self._db
        parent = index.parent()
        self._selected = parent.data(DEPARTMENT_ID_ROLE) if parent.isValid() else None
        self._write(lambda: delete_department(db.uow(), department_id))
        self.department_selected.emit(self._selected)
