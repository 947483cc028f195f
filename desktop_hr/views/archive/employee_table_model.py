"""The employees table: holds only the ordered ids of the current query and fetches row data in blocks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_hr.db import Database, read_only
from desktop_hr.models import EmployeeStatus
from desktop_hr.services.archive.employees import (
    COLUMNS,
    EmployeeQuery,
    EmployeeRow,
    employee_ids,
    employee_rows,
)
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex

EMPLOYEE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # EmployeeStatus value (Qt hands a StrEnum back as str)
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the whole EmployeeRow

# Every role data() answers for a loaded row: what dataChanged names after a row is re-read.
ROW_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    EMPLOYEE_ID_ROLE,
    STATUS_ROLE,
    ROW_ROLE,
]

BLOCK_SIZE = 200  # rows read per fetchMore: a few screens, one IN (...) query

LEFT_COLOUR = QColor(128, 128, 128)
PROBATION_COLOUR = QColor(176, 96, 0)


class EmployeeTableModel(QAbstractTableModel):
    """Lazy: rowCount grows by BLOCK_SIZE as the view scrolls (canFetchMore/fetchMore).

    Sorting and filtering are done by re-querying the id list in SQL (a proxy model would only
    see the rows fetched so far).
    """

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = EmployeeQuery()
        self._ids: list[int] = []
        self._loaded = 0  # rows exposed to the view: ids[:loaded]
        self._rows: dict[int, EmployeeRow] = {}
        self._paths: dict[int, str] | None = None
        # True while this model announces a change: views and testers react to the signals by
        # calling fetchMore, and inserting rows inside another change's notification corrupts them.
        self._announcing = False

    # ---- querying ----------------------------------------------------------------------------

    @property
    def query(self) -> EmployeeQuery:
        return self._query

    def set_query(self, query: EmployeeQuery) -> None:
        """Filter or sort: re-read the ids in SQL and start again with the first block."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Everything may have changed (an import, another database, departments renamed)."""
        with read_only(self._db) as session:
            ids = employee_ids(session, self._query)
        self._announcing = True
        try:
            self.beginResetModel()
            self._paths = None
            self._rows.clear()
            self._ids = ids
            self._loaded = 0
            self.endResetModel()
        finally:
            self._announcing = False
        # The first block right away: the view asks anyway, and tests and screenshots see rows.
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def total_matching(self) -> int:
        """All ids of the query, fetched or not (the status bar's 'showing')."""
        return len(self._ids)

    def employee_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, employee_id: int) -> int | None:
        try:
            return self._ids.index(employee_id)
        except ValueError:
            return None

    def ensure_loaded(self, row: int) -> None:
        """Fetch blocks until `row` is visible to the view (to select a row far down the list)."""
        while row >= self._loaded and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def row_data(self, row: int) -> EmployeeRow | None:
        if not 0 <= row < self._loaded:
            return None
        return self._rows.get(self._ids[row])

    def employees_changed(self, changed_ids: Iterable[int]) -> None:
        """After edits: re-read only those rows when the list itself is unchanged, else patch or reset it."""
        changed = set(changed_ids)
        with read_only(self._db) as session:
            new_ids = employee_ids(session, self._query)
            if new_ids == self._ids:
                self._reread(session, changed)
                return
            old_set, new_set = set(self._ids), set(new_ids)
            gone = old_set - new_set
            if not new_set - old_set and [i for i in self._ids if i not in gone] == new_ids:
                self._remove(gone)
                return
            added = new_set - old_set
            if len(added) == 1 and not gone:
                (new_id,) = added
                position = new_ids.index(new_id)
                if [i for i in new_ids if i != new_id] == self._ids:
                    self._insert(session, new_id, position)
                    self._reread(session, changed - {new_id})
                    return
        self.reload()

    def _reread(self, session: Any, changed: set[int]) -> None:
        loaded = [i for i in self._ids[: self._loaded] if i in changed]
        if not loaded:
            return
        for fresh in employee_rows(session, loaded, self._department_paths(session)):
            self._rows[fresh.id] = fresh
        for employee_id in loaded:
            row = self._ids.index(employee_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1), ROW_ROLES)

    def _remove(self, gone: set[int]) -> None:
        # Back to front so earlier row numbers stay valid while removing.
        for row in sorted((r for r, i in enumerate(self._ids) if i in gone), reverse=True):
            if row < self._loaded:
                self._announcing = True
                try:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._ids[row]
                    self._loaded -= 1
                    self.endRemoveRows()
                finally:
                    self._announcing = False
            else:
                del self._ids[row]
        for employee_id in gone:
            self._rows.pop(employee_id, None)

    def _insert(self, session: Any, new_id: int, position: int) -> None:
        if position <= self._loaded:
            rows = employee_rows(session, [new_id], self._department_paths(session))
            if rows:
                self._rows[new_id] = rows[0]
            self._announcing = True
            try:
                self.beginInsertRows(QModelIndex(), position, position)
                self._ids.insert(position, new_id)
                self._loaded += 1
                self.endInsertRows()
            finally:
                self._announcing = False
        else:
            # Beyond what the view has fetched: it appears when the user scrolls there.
            self._ids.insert(position, new_id)

    def _department_paths(self, session: Any) -> dict[int, str]:
        if self._paths is None:
            self._paths = department_paths(session)
        return self._paths

    # ---- lazy loading (Qt's fetchMore pattern) -------------------------------------------

    def canFetchMore(self, parent: AnyIndex = ROOT_INDEX) -> bool:
        if parent.isValid() or self._announcing:
            return False
        return self._loaded < len(self._ids)

    def fetchMore(self, parent: AnyIndex = ROOT_INDEX) -> None:
        if parent.isValid() or self._announcing:
            return
        start = self._loaded
        count = min(BLOCK_SIZE, len(self._ids) - start)
        if count <= 0:
            return
        block = self._ids[start : start + count]
        with read_only(self._db) as session:
            for row in employee_rows(session, block, self._department_paths(session)):
                self._rows[row.id] = row
        self._announcing = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + count - 1)
            self._loaded += count
            self.endInsertRows()
        finally:
            self._announcing = False

    # ---- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def column_title(self, key: str) -> str:
        titles = {
            "employee_no": self.tr("Employee No"),
            "name": self.tr("Name"),
            "gender": self.tr("Gender"),
            "department": self.tr("Department"),
            "position": self.tr("Position"),
            "rank": self.tr("Rank"),
            "category": self.tr("Category"),
            "title": self.tr("Professional title"),
            "hire_date": self.tr("Hire date"),
            "status": self.tr("Status"),
            "phone": self.tr("Phone"),
            "leave_date": self.tr("Leave date"),
        }
        return titles.get(key, key)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS):
                return self.column_title(COLUMNS[section])
            return None
        return section + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        employee_id = self._ids[index.row()]
        row = self._rows.get(employee_id)
        if role == EMPLOYEE_ID_ROLE:
            return employee_id
        if row is None:
            return None
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "department":
                return row.department
            if key == "status" and row.leave_date is not None:
                return self.tr("Left on {date}").format(date=row.leave_date.isoformat())
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status is EmployeeStatus.LEFT:
                return QBrush(LEFT_COLOUR)
            if row.status is EmployeeStatus.PROBATION and key == "status":
                return QBrush(PROBATION_COLOUR)
            return None
        if role == STATUS_ROLE:
            return row.status
        if role == ROW_ROLE:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._query.sort == COLUMNS[column] and self._query.descending == descending and self._ids:
            return
        self.set_query(replace(self._query, sort=COLUMNS[column], descending=descending))
