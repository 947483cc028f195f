"""Lazy tables over lists ordered and filtered in SQL: the keys of everyone matching, rows read a block at a time.

`LazyTableModel` is Qt's fetchMore pattern that the employees, the audit trail and the points share;
`PagedTableModel` adds the asking (a query off the GUI thread, the newest answer shown) for plain lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
from desktop_hr.views import feedback
from desktop_hr.views.list_model import ITEM_ROLE, ColumnTitles, header_data
from desktop_hr.views.operations import LatestQuery, OperationCancelled, Task
from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex

Q = TypeVar("Q")  # the query: a frozen dataclass with `sort` (a key of `sorts`) and `descending`
K = TypeVar("K")  # one place of the ordered answer: an employee id, a leaderboard standing
R = TypeVar("R")  # the row read for a place, for display

BLOCK_SIZE = 200  # rows read per fetchMore: a few screens, one IN (...) query

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Computed once: combining enum flags in Python costs more than the rest of flags() (a paint asks per cell).
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class LazyTableModel(QAbstractTableModel):
    """Rows exposed a block at a time as the view scrolls (canFetchMore / fetchMore): the keys of the whole
    answer are known (`_key_count`), `_loaded` of them are rows of the view, and a subclass reads a block's
    rows when they are first exposed (`_read_block`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loaded = 0  # rows exposed to the view: the first `_loaded` keys
        # True while this model announces a change: views and testers react to the signals by calling
        # fetchMore, and inserting rows inside another change's notification corrupts them.
        self._announcing = False

    # ---- said by subclasses ----------------------------------------------------------------------

    def _key_count(self) -> int:
        """Every key of the answer, exposed or not."""
        raise NotImplementedError

    def _read_block(self, start: int, count: int) -> None:
        """Read the rows of keys[start : start + count] (on the GUI thread: one query by their ids)."""
        raise NotImplementedError

    # ---- lazy loading (Qt's fetchMore pattern) ---------------------------------------------------

    @contextmanager
    def _announcing_change(self) -> Iterator[None]:
        """Around a begin/end pair: no fetchMore from the signals' receivers meanwhile."""
        self._announcing = True
        try:
            yield
        finally:
            self._announcing = False

    def _expose(self, count: int) -> None:
        """The next `count` keys become rows of the view (their rows already read)."""
        if count <= 0:
            return
        start = self._loaded
        with self._announcing_change():
            self.beginInsertRows(QModelIndex(), start, start + count - 1)
            self._loaded += count
            self.endInsertRows()

    def ensure_loaded(self, row: int) -> None:
        """Fetch blocks until `row` is in the view (to select a row far down the list)."""
        while row >= self._loaded and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: AnyIndex = ROOT_INDEX) -> bool:
        if parent.isValid() or self._announcing:
            return False
        return self._loaded < self._key_count()

    def fetchMore(self, parent: AnyIndex = ROOT_INDEX) -> None:
        if parent.isValid() or self._announcing:
            return
        start = self._loaded
        count = min(BLOCK_SIZE, self._key_count() - start)
        if count <= 0:
            return
        self._read_block(start, count)
        self._expose(count)

    # ---- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else self._loaded

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS


@dataclass(frozen=True)
class Answer(Generic[Q, K, R]):
    query: Q
    keys: list[K]
    rows: dict[int, R]  # the rows of keys[:loaded], by identity
    loaded: int


class PagedTableModel(LazyTableModel, Generic[Q, K, R]):
    """Lazy: holds the ordered keys of the whole answer and the rows of those the view has fetched.

    Sorting (a header click) and filtering (`set_query`) start a query off the GUI thread; an older answer
    arriving after a newer question is dropped (LatestQuery), and the model resets when the answer comes.
    `reload()` asks the same again (a write, F5) and keeps as many rows as were fetched, so the view keeps
    its place. Only `fetchMore` reads on the GUI thread: one block of rows by their ids. Nothing is asked
    before the first `reload()` (the view loads when first shown).

    `loading_changed(bool)` while a question is out (the view says "Loading…"), `answered` after a reset.
    """

    loading_changed = Signal(bool)
    answered = Signal()

    numeric_columns: frozenset[int] = frozenset()

    def __init__(
        self,
        db: Database,
        owner: QWidget,
        query: Q,
        *,
        sorts: Sequence[str],
        read_keys: Callable[[Session, Q], list[K]],
        read_rows: Callable[[Session, Sequence[K]], dict[int, R]],
        identity: Callable[[K], int],
    ) -> None:
        """`sorts`: the query's sort key of each column; `read_keys` and `read_rows` run on a reader thread
        (plain service functions); `identity(key)` is the id the rows are keyed by."""
        super().__init__(owner)
        self._db = db
        self._owner = owner
        self._query = query
        self.sorts = tuple(sorts)
        self._read_keys = read_keys
        self._read_rows = read_rows
        self._identity = identity
        self._latest = LatestQuery(owner)
        self._keys: list[K] = []
        self._rows: dict[int, R] = {}
        self._texts: dict[int, list[str]] = {}  # what a row shows, formatted once (a paint asks per cell)
        self._asked = False
        self.loading = False
        self.column_titles = ColumnTitles(self.titles)

    # ---- said by subclasses ----------------------------------------------------------------------

    def titles(self) -> list[str]:
        raise NotImplementedError

    def values(self, row: R) -> list[str]:
        raise NotImplementedError

    def tooltip(self, row: R, column: int) -> str | None:
        return None

    # ---- asking ------------------------------------------------------------------------------------

    @property
    def query(self) -> Q:
        return self._query

    def set_query(self, query: Q) -> None:
        """Another filter or order: asked at once if the list has been shown, from the top."""
        self._query = query
        if self._asked:
            self._ask(BLOCK_SIZE)

    def reload(self, query: Q | None = None) -> None:
        """Ask now: the same again (the data changed) keeping as many rows as the view had fetched, or
        `query` (another period) from the top."""
        self._asked = True
        if query is not None and query != self._query:
            self._query = query
            self._ask(BLOCK_SIZE)
        else:
            self._ask(max(BLOCK_SIZE, self._loaded))

    def _ask(self, count: int) -> None:
        db, query, read_keys, read_rows = self._db, self._query, self._read_keys, self._read_rows

        def work(_task: Task) -> Answer[Q, K, R]:
            with read_only(db) as session:
                keys = read_keys(session, query)
                rows = read_rows(session, keys[:count]) if keys else {}
            return Answer(query, keys, rows, min(count, len(keys)))

        self._set_loading(True)
        self._latest.run(work, self._show, self._failed)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    def _show(self, answer: Answer[Q, K, R]) -> None:
        with self._announcing_change():
            self.beginResetModel()
            self._keys, self._rows, self._loaded = answer.keys, dict(answer.rows), answer.loaded
            self._texts.clear()
            self.endResetModel()
        self._set_loading(False)
        self.answered.emit()

    def _failed(self, error: BaseException) -> None:
        self._set_loading(False)
        if not isinstance(error, OperationCancelled):
            feedback.show_error(self._owner, error)

    # ---- what the view asks ----------------------------------------------------------------------

    def total(self) -> int:
        """Everyone matching, fetched or not (the "10,000 people" under the table)."""
        return len(self._keys)

    def key(self, row: int) -> K:
        return self._keys[row]

    def row_data(self, row: int) -> R | None:
        if not 0 <= row < self._loaded:
            return None
        return self._rows.get(self._identity(self._keys[row]))

    def row_of(self, identity: int) -> int | None:
        return next((row for row, key in enumerate(self._keys) if self._identity(key) == identity), None)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.sorts):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = cast(Q, replace(cast(Any, self._query), sort=self.sorts[column], descending=descending))
        if query != self._query:
            self.set_query(query)

    # ---- lazy loading ----------------------------------------------------------------------------

    def _key_count(self) -> int:
        return len(self._keys)

    def _read_block(self, start: int, count: int) -> None:
        with read_only(self._db) as session:
            self._rows.update(self._read_rows(session, self._keys[start : start + count]))

    # ---- QAbstractTableModel -------------------------------------------------------------------

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.sorts)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self.column_titles, section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            identity = self._identity(self._keys[index.row()])
            texts = self._texts.get(identity)
            if texts is None:
                texts = self._texts[identity] = self.values(row)
            return texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric_columns:
            return _RIGHT
        if role == ITEM_ROLE:
            return row
        return None
