"""The department hierarchy as a two-column tree (name, people), with an "all departments" row on top."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from desktop_hr.models import DepartmentKind
from desktop_hr.services.archive.organisation import DepartmentNode
from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex

DEPARTMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int, or None on the "all" row
PATH_ROLE = Qt.ItemDataRole.UserRole + 2  # "总公司/华东分部/销售部"
SUBTREE_COUNT_ROLE = Qt.ItemDataRole.UserRole + 3  # people in the department and everything under it
HAS_CHILDREN_ROLE = Qt.ItemDataRole.UserRole + 4

NAME_COLUMN = 0
COUNT_COLUMN = 1


@dataclass(eq=False)
class _Item:
    id: int | None
    name: str
    path: str
    kind: DepartmentKind | None
    direct: int
    parent: _Item | None = None
    children: list[_Item] = field(default_factory=list)
    total: int = 0

    def row(self) -> int:
        siblings = self.parent.children if self.parent is not None else []
        return siblings.index(self)


class DepartmentTreeModel(QAbstractItemModel):
    """Read-only; rebuilt with `set_departments` after any change (departments are few, a reset is cheap)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = _Item(None, "", "", None, 0)
        self._by_id: dict[int, _Item] = {}
        self._all_label = "All departments"

    # ---- loading ---------------------------------------------------------------------------

    def set_departments(self, nodes: list[DepartmentNode], total_people: int, all_label: str) -> None:
        """`nodes` come parents first (as department_tree returns them)."""
        self.beginResetModel()
        self._all_label = all_label
        self._root = _Item(None, "", "", None, 0)
        everyone = _Item(None, all_label, "", None, total_people, parent=self._root, total=total_people)
        self._root.children.append(everyone)
        self._by_id = {}
        for node in nodes:
            parent = self._by_id.get(node.parent_id) if node.parent_id is not None else None
            owner = parent if parent is not None else self._root
            item = _Item(node.id, node.name, node.path_names, node.kind, node.employee_count, parent=owner)
            owner.children.append(item)
            self._by_id[node.id] = item
        for item in reversed(list(self._by_id.values())):
            # Children were added after their parents, so walking backwards totals bottom-up.
            item.total += item.direct
            if item.parent is not None and item.parent.id is not None:
                item.parent.total += item.total
        self.endResetModel()

    # ---- lookups for the view ----------------------------------------------------------------

    def index_of(self, department_id: int | None) -> QModelIndex:
        if department_id is None:
            return self.index(0, NAME_COLUMN)
        item = self._by_id.get(department_id)
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row(), NAME_COLUMN, item)

    def department_ids(self) -> list[int]:
        return list(self._by_id)

    def path_of(self, department_id: int) -> str:
        item = self._by_id.get(department_id)
        return item.path if item is not None else ""

    def _item(self, index: AnyIndex) -> _Item:
        if not index.isValid():
            return self._root
        item = index.internalPointer()
        assert isinstance(item, _Item)
        return item

    # ---- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = ROOT_INDEX) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        owner = self._item(parent)
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: AnyIndex = ROOT_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        item = self._item(index)
        owner = item.parent
        if owner is None or owner is self._root:
            return QModelIndex()
        return self.createIndex(owner.row(), NAME_COLUMN, owner)

    def rowCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        if parent.isValid() and parent.column() != NAME_COLUMN:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 2

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == NAME_COLUMN:
            return self.tr("Department")
        if section == COUNT_COLUMN:
            return self.tr("People")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._item(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name if column == NAME_COLUMN else f"{item.total:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.id is None:
                return self.tr("Everyone on file: {total} (people who left included)").format(
                    total=item.total
                )
            return self.tr(
                "{path}\nIn this department: {direct}; with sub-departments: {total} (people who left included)"
            ).format(path=item.path, direct=item.direct, total=item.total)
        if role == DEPARTMENT_ID_ROLE:
            return item.id
        if role == PATH_ROLE:
            return item.path
        if role == SUBTREE_COUNT_ROLE:
            return item.total
        if role == HAS_CHILDREN_ROLE:
            return bool(item.children)
        return None
