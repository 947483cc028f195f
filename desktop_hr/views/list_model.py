"""A table model over a short, fully loaded list of plain records (reviews, goals, import errors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QObject, Qt

from desktop_hr import messages
from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex

T = TypeVar("T")

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the record behind the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a sort proxy compares (numbers as numbers)

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ColumnTitles:
    """A model's column titles, built once per language: views ask for columnCount() and headerData()
    thousands of times (a sort, a scroll), and translating ten titles each time froze the window."""

    def __init__(self, build: Callable[[], list[str]]) -> None:
        self._build = build
        self._language = ""
        self._titles: list[str] = []

    def __call__(self) -> list[str]:
        language = messages.language()
        if language != self._language:
            self._titles, self._language = self._build(), language
        return self._titles


def header_data(titles: Callable[[], list[str]], section: int, orientation: Qt.Orientation, role: int) -> Any:
    """A table's headerData: the column titles across (`titles()`, asked only for a title), numbers down."""
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal:
        shown = titles()
        return shown[section] if 0 <= section < len(shown) else None
    return section + 1


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Subclasses say what the columns are called (`titles`) and what a record shows (`values`).

    Everything is in memory: these lists are a few dozen rows, or a few thousand sorted by the model itself
    (`sort`, no proxy). Tables of everyone (balances, leaderboards) are lazy and sorted in SQL.
    """

    numeric_columns: frozenset[int] = frozenset()  # right-aligned, sorted as numbers by SORT_ROLE

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []
        self.column_titles = ColumnTitles(self.titles)
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

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
        if self._sorted_by is not None:
            self._sort_items(*self._sorted_by)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the model (a view with sorting enabled and no proxy): one key per row, not a proxy's
        data() call per comparison, so a list of thousands sorts at once; new items keep the order."""
        if not 0 <= column < self.columnCount():
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        moved = self._sort_items(column, order)
        # The selection and the current row follow their records to where they moved.
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(moved[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sort_items(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Sort the items; returns each old row's new row."""

        def key(row: int) -> tuple[bool, Any]:
            value = self.sort_value(self._items[row], column)
            return (isinstance(value, str), value)  # numbers before texts, never compared with them

        rows = sorted(range(len(self._items)), key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._items = [self._items[row] for row in rows]
        moved = [0] * len(rows)
        for new, old in enumerate(rows):
            moved[old] = new
        return moved

    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T:
        return self._items[row]

    def rowCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.column_titles())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self.column_titles, section, orientation, role)

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
