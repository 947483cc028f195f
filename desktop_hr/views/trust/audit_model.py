"""The audit tab's table: the ids of a search held whole, the entries read a block at a time as they are shown.

A search (filters in SQL, newest first) runs off the GUI thread (`search`, through the tab's LatestQuery)
and returns every matching id in a compact array, the first block of entries and the trail's newest id.
The model then shows the rows a block at a time (canFetchMore / fetchMore) and reads the entries of a
block by their ids when they are first asked for: one indexed query of at most BLOCK rows, and one per kind
of row they name (people, sessions, courses…), the only reads left on the GUI thread. Only the last
CACHED_BLOCKS blocks read are kept.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt

from desktop_hr.db import Database, read_only
from desktop_hr.services.labels import table_label
from desktop_hr.services.trust import audit, audit_names
from desktop_hr.services.trust.audit import AuditQuery, AuditRow
from desktop_hr.views.list_model import header_data
from desktop_hr.views.operations import Task
from desktop_hr.views.paged_model import BLOCK_SIZE, LazyTableModel
from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the AuditRow
BLOCK = BLOCK_SIZE  # rows shown per fetchMore, entries read per query
CACHED_BLOCKS = 50  # blocks of entries kept (10,000 entries); older ones are read again if shown again
COLUMNS = 7
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Found:
    """A search's answer: every matching id (newest first), the first block's entries, the newest id."""

    query: AuditQuery
    ids: Sequence[int] = field(default_factory=lambda: array("q"))
    first: list[AuditRow] = field(default_factory=list)
    newest: int | None = None


def search(db: Database, query: AuditQuery, task: Task) -> Found:
    """Run on the reader pool: the ids of `query` and the entries of its first block."""
    task.check_cancelled()  # superseded while it waited for a reader thread
    with read_only(db) as session:
        ids = audit.matching_ids(session, query)
        task.check_cancelled()
        first = audit_names.with_names(session, audit.rows(session, list(ids[:BLOCK])))
        newest = audit.newest_id(session)
    return Found(query, ids, first, newest)


class AuditTableModel(LazyTableModel):
    """Newest first; the ids of the search are all known, the rows are shown a block at a time."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = AuditQuery()
        self._ids: Sequence[int] = array(
            "q"
        )  # the view shows ids[:_loaded], always whole blocks but the last
        self._blocks: OrderedDict[int, dict[int, AuditRow]] = OrderedDict()  # block number → entries

    @property
    def query(self) -> AuditQuery:
        """The search whose answer is shown."""
        return self._query

    def show_found(self, found: Found) -> None:
        with self._announcing_change():
            self.beginResetModel()
            self._query, self._ids = found.query, found.ids
            self._loaded = min(BLOCK, len(found.ids))
            self._blocks.clear()
            if found.first:
                self._blocks[0] = {row.id: row for row in found.first}
            self.endResetModel()

    def total_matching(self) -> int:
        return len(self._ids)

    def row_of(self, entry_id: int) -> int | None:
        """The row of an entry of this search, None if the search does not find it."""
        row = bisect_left(self._ids, -entry_id, key=operator.neg)  # the ids go down
        return row if row < len(self._ids) and self._ids[row] == entry_id else None

    def ensure_loaded(self, row: int) -> None:
        """Show the rows down to `row` (to its block's end); only that block's entries are read now, the
        others when the view shows them."""
        if row < self._loaded or row >= len(self._ids):
            return
        last = min((row // BLOCK + 1) * BLOCK, len(self._ids))
        self._block(row // BLOCK)
        self._expose(last - self._loaded)

    def entry(self, row: int) -> AuditRow | None:
        if not 0 <= row < self._loaded:
            return None
        return self._block(row // BLOCK).get(self._ids[row])

    def _block(self, number: int) -> dict[int, AuditRow]:
        """The entries of block `number`, read by their ids when not kept (one indexed query)."""
        found = self._blocks.get(number)
        if found is not None:
            self._blocks.move_to_end(number)
            return found
        ids = list(self._ids[number * BLOCK : (number + 1) * BLOCK])
        with read_only(self._db) as session:
            found = {row.id: row for row in audit_names.with_names(session, audit.rows(session, ids))}
        self._blocks[number] = found
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return found

    def _key_count(self) -> int:
        return len(self._ids)

    def _read_block(self, start: int, count: int) -> None:
        self._block(start // BLOCK)

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else COLUMNS

    def titles(self) -> list[str]:
        return [
            self.tr("No."),
            self.tr("Time"),
            self.tr("Account"),
            self.tr("Action"),
            self.tr("Object"),
            self.tr("Record"),
            self.tr("Description"),
        ]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self.titles, section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        if role == ENTRY_ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
            ROW_ROLE,
        ):
            return None
        row = self.entry(index.row())
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.value(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if index.column() == 0
                else None
            )
        return row

    @staticmethod
    def value(row: AuditRow, column: int) -> str:
        """One cell's text (the view asks cell by cell: only that one is made)."""
        if column == 0:
            return str(row.id)
        if column == 1:
            return row.local_time().strftime(TIME_FORMAT)
        if column == 2:
            return row.account
        if column == 3:
            return audit.action_label(row.action)
        if column == 4:
            return table_label(row.table_name) if row.table_name else ""
        if column == 5:
            return row.shown_record()
        return row.shown_summary()

    @classmethod
    def values(cls, row: AuditRow) -> list[str]:
        return [cls.value(row, column) for column in range(COLUMNS)]
