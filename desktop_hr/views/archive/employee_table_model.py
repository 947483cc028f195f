"""The employees table: holds only the ordered ids of the current query and fetches row data in blocks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

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
from desktop_hr.views.forms import reading
from desktop_hr.views.operations import LatestQuery
from desktop_hr.views.paged_model import BLOCK_SIZE, LazyTableModel
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

LEFT_COLOUR = QColor(128, 128, 128)
PROBATION_COLOUR = QColor(176, 96, 0)


@dataclass(frozen=True)
class _Answer:
    """One background read: every id of the query, and the rows of the first `len(rows)` of them."""

    ids: list[int]
    rows: list[EmployeeRow]
    paths: dict[int, str]


def _read(query: EmployeeQuery, window: int) -> Callable[[Session], _Answer]:
    def read(session: Session) -> _Answer:
        ids = employee_ids(session, query)
        paths = department_paths(session)
        return _Answer(ids, employee_rows(session, ids[:window], paths), paths)

    return read


class EmployeeTableModel(LazyTableModel):
    """Lazy: rowCount grows by BLOCK_SIZE as the view scrolls (canFetchMore/fetchMore).

    Sorting and filtering are done by re-querying the id list in SQL (a proxy model would only see the
    rows fetched so far), on a reader thread: the table keeps showing the previous answer until the new
    one arrives (`loaded` is emitted then), and only the newest query's answer is shown. `refresh()`
    (after a write) keeps the rows where they are: changed rows are re-read in place, a row that leaves
    or joins the list is removed or inserted, anything else resets the list.
    """

    loaded = Signal()

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self._db = db
        self._loader = LatestQuery(parent)
        self._query = EmployeeQuery()
        self._ids: list[int] = []
        self._rows: dict[int, EmployeeRow] = {}
        self._paths: dict[int, str] | None = None

    # ---- querying ----------------------------------------------------------------------------

    @property
    def query(self) -> EmployeeQuery:
        return self._query

    def loading(self) -> bool:
        """A read is under way (its answer not shown yet)."""
        return self._loader.running

    def set_query(self, query: EmployeeQuery, *, load: bool = True) -> None:
        """Filter or sort: the ids are read again in SQL and the list starts again with the first block
        (`load=False`: only remembered, for the first load)."""
        self._query = query
        if load:
            self.reload()

    def reload(self) -> None:
        """Everything may have changed (an import, another database): start again at the top."""
        self._loader.run(reading(self._db, _read(self._query, BLOCK_SIZE)), self._reset)

    def refresh(self) -> None:
        """After writes: the same query again, keeping the rows the view has where they are."""
        window = max(self._loaded, BLOCK_SIZE) + 1  # one more: a row inserted at the end of what is shown
        self._loader.run(reading(self._db, _read(self._query, window)), self._update)

    def _reset(self, answer: _Answer, loaded: int = BLOCK_SIZE) -> None:
        with self._announcing_change():
            self.beginResetModel()
            self._paths = answer.paths
            self._rows = {row.id: row for row in answer.rows}
            self._ids = answer.ids
            self._loaded = min(loaded, len(answer.rows))
            self.endResetModel()
        self.loaded.emit()

    def _update(self, answer: _Answer) -> None:
        self._paths = answer.paths
        fresh = {row.id: row for row in answer.rows}
        if self._patch(answer.ids, fresh):
            self.loaded.emit()
        else:
            self._reset(answer, max(self._loaded, BLOCK_SIZE))

    def _patch(self, new_ids: list[int], fresh: dict[int, EmployeeRow]) -> bool:
        """The list as it is, one row removed or inserted: patched in place (False: it needs a reset)."""
        old_ids = self._ids
        if new_ids != old_ids:
            old_set, new_set = set(old_ids), set(new_ids)
            gone, added = old_set - new_set, new_set - old_set
            if not added and [i for i in old_ids if i not in gone] == new_ids:
                self._remove(gone)
            elif len(added) == 1 and not gone and [i for i in new_ids if i not in added] == old_ids:
                (new_id,) = added
                position = new_ids.index(new_id)
                if position <= self._loaded and new_id not in fresh:
                    return False
                self._insert(new_id, position, fresh.get(new_id))
            else:
                return False
        self._reread(fresh)
        return True

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

    def row_data(self, row: int) -> EmployeeRow | None:
        if not 0 <= row < self._loaded:
            return None
        return self._rows.get(self._ids[row])

    def _reread(self, fresh: dict[int, EmployeeRow]) -> None:
        """Rows read again: those shown that differ are announced, one dataChanged per row."""
        changed = [i for i in self._ids[: self._loaded] if i in fresh and fresh[i] != self._rows.get(i)]
        self._rows.update(fresh)
        for employee_id in changed:
            row = self._ids.index(employee_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1), ROW_ROLES)

    def _remove(self, gone: set[int]) -> None:
        # Back to front so earlier row numbers stay valid while removing.
        for row in sorted((r for r, i in enumerate(self._ids) if i in gone), reverse=True):
            if row < self._loaded:
                with self._announcing_change():
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._ids[row]
                    self._loaded -= 1
                    self.endRemoveRows()
            else:
                del self._ids[row]
        for employee_id in gone:
            self._rows.pop(employee_id, None)

    def _insert(self, new_id: int, position: int, row: EmployeeRow | None) -> None:
        if position <= self._loaded:
            if row is not None:
                self._rows[new_id] = row
            with self._announcing_change():
                self.beginInsertRows(QModelIndex(), position, position)
                self._ids.insert(position, new_id)
                self._loaded += 1
                self.endInsertRows()
        else:
            # Beyond what the view has fetched: it appears when the user scrolls there.
            self._ids.insert(position, new_id)

    def _department_paths(self, session: Session) -> dict[int, str]:
        if self._paths is None:
            self._paths = department_paths(session)
        return self._paths

    # ---- lazy loading --------------------------------------------------------------------

    def _key_count(self) -> int:
        return len(self._ids)

    def _read_block(self, start: int, count: int) -> None:
        with read_only(self._db) as session:
            for row in employee_rows(
                session, self._ids[start : start + count], self._department_paths(session)
            ):
                self._rows[row.id] = row

    # ---- QAbstractTableModel -------------------------------------------------------------

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

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
        if self._query.sort == COLUMNS[column] and self._query.descending == descending:
            return
        self.set_query(replace(self._query, sort=COLUMNS[column], descending=descending))
