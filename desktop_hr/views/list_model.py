"""A table model over a short, fully loaded list of plain records (reviews, goals, import errors)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QObject, Qt

from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex

T = TypeVar("T")

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the record behind the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a sort proxy compares (numbers as numbers)

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Subclasses say what the columns are called (`titles`) and what a record shows (`values`).

    Everything is in memory: these lists are a few dozen rows. Lazy tables use their own model.
    """

    numeric_columns: frozenset[int] = frozenset()  # right-aligned, sorted as numbers by SORT_ROLE

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []

    def titles(self) -> list[str]:
        raise NotImplementedError

    def values(self, item: T) -> list[str]:
        raise NotImplementedError

    def sort_value(self, item: T, column: int) -> Any:
        text = self.values(item)[column]
        return int(text) if column in self.numeric_columns and text.lstrip("-").isdigit() else text

    def tooltip(self, item: T, column: int) -> str:
        return self.values(item)[column]

    def set_items(self, items: list[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T:
        return self._items[row]

    def rowCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.titles())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            titles = self.titles()
            return titles[section] if 0 <= section < len(titles) else None
        return section + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.values(item)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric_columns:
            return _RIGHT
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return self.sort_value(item, column)
        return None
