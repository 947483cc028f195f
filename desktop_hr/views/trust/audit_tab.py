"""The audit tab (审计): search the trail, read an entry's before → after, export it, verify the chain.

Read-only by design: nothing here changes an entry (the database refuses it anyway). The table reads the
ids of the current search a page at a time and the entries in blocks as the view scrolls, so a trail of
hundreds of thousands of entries opens and filters at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.excel.audit import export_audit
from desktop_hr.services.labels import table_label
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.audit import AuditQuery, AuditRow, Verification
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import save_export
from desktop_hr.views.operations import Task, run_in_background
from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex
from desktop_hr.views.widgets import OptionalDateEdit, filter_combos, search_box, setup_record_table

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the AuditRow
BLOCK = 200  # entries read per fetchMore
ID_PAGE = 5000  # ids read per query
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
COLUMN_WIDTHS = [70, 150, 90, 80, 100, 80]
INTACT_STYLE = "color: #2e7d32;"
BROKEN_STYLE = "color: #c62828; font-weight: bold;"


class AuditTableModel(QAbstractTableModel):
    """Newest first, read lazily at two levels: the ids of the search a page at a time (the next page is
    the entries older than the last id read, an indexed query), and the entries themselves a block at a
    time, as the view scrolls to them (canFetchMore / fetchMore)."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = AuditQuery()
        self._ids: list[int] = []  # the ids read so far, newest first
        self._total = 0  # how many entries match
        self._shown = 0  # rows the view knows of: ids[:shown]
        self._rows: dict[int, AuditRow] = {}
        self._busy = False  # inside a begin/end pair: no fetchMore from the signals' receivers

    @property
    def query(self) -> AuditQuery:
        return self._query

    def set_query(self, query: AuditQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        with read_only(self._db) as session:
            ids = audit.entry_ids(session, self._query, limit=ID_PAGE)
            # A short first page is the whole answer; only a full one needs counting.
            total = len(ids) if len(ids) < ID_PAGE else audit.count(session, self._query)
        self._busy = True
        try:
            self.beginResetModel()
            self._ids, self._total, self._shown = ids, total, 0
            self._rows.clear()
            self.endResetModel()
        finally:
            self._busy = False
        self.fetchMore(ROOT_INDEX)

    def _read_ids(self, wanted: int) -> None:
        """Read pages of ids until `wanted` of them are known (or all are)."""
        while len(self._ids) < min(wanted, self._total):
            with read_only(self._db) as session:
                page = audit.entry_ids(session, self._query, limit=ID_PAGE, before=self._ids[-1])
            if not page:  # the trail changed under us: what is known is all there is
                self._total = len(self._ids)
                return
            self._ids.extend(page)

    def total_matching(self) -> int:
        return self._total

    def row_of(self, entry_id: int) -> int | None:
        """The row of an entry of this search (reading ids down to it if need be), None if not in it."""
        while self._ids and entry_id < self._ids[-1] and len(self._ids) < self._total:
            self._read_ids(len(self._ids) + ID_PAGE)
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return None

    def ensure_loaded(self, row: int) -> None:
        while row >= self._shown and self.canFetchMore(ROOT_INDEX):
            self.fetchMore(ROOT_INDEX)

    def entry(self, row: int) -> AuditRow | None:
        return self._rows.get(self._ids[row]) if 0 <= row < self._shown else None

    def canFetchMore(self, parent: AnyIndex = ROOT_INDEX) -> bool:
        return not parent.isValid() and not self._busy and self._shown < self._total

    def fetchMore(self, parent: AnyIndex = ROOT_INDEX) -> None:
        if not self.canFetchMore(parent):
            return
        first = self._shown
        self._read_ids(first + BLOCK)
        block = self._ids[first : first + BLOCK]
        if not block:
            return
        with read_only(self._db) as session:
            self._rows.update((row.id, row) for row in audit.rows(session, block))
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(block) - 1)
            self._shown += len(block)
            self.endInsertRows()
        finally:
            self._busy = False

    def rowCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.titles())

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

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        if role == ENTRY_ID_ROLE:
            return self._ids[index.row()]
        row = self.entry(index.row())
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.values(row)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    @staticmethod
    def values(row: AuditRow) -> list[str]:
        return [
            str(row.id),
            row.local_time().strftime(TIME_FORMAT),
            row.account,
            audit.action_label(row.action),
            table_label(row.table_name) if row.table_name else "",
            row.record_id,
            row.summary,
        ]


class AuditTab(QWidget):
    """Search box and filters over the table, the selected entry's details below, Export and Verify."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_tab")
        self._db = db
        self._newest: int | None = None  # the newest entry when the list was last read

        self.search_edit, self._search_timer = search_box(
            self,
            "audit_search",
            self.tr("Search description, record, changes, reason or account"),
            self.apply_filters,
            timer_name="audit_search_timer",
        )
        self.search_edit.setMinimumWidth(200)
        self.search_edit.returnPressed.connect(self.search_now)
        self.account_filter = QComboBox(self)
        self.account_filter.setObjectName("audit_account_filter")
        self.action_filter = QComboBox(self)
        self.action_filter.setObjectName("audit_action_filter")
        self.table_filter = QComboBox(self)
        self.table_filter.setObjectName("audit_table_filter")
        self.date_from = OptionalDateEdit(self)
        self.date_from.setObjectName("audit_date_from")
        self.date_to = OptionalDateEdit(self)
        self.date_to.setObjectName("audit_date_to")
        self._fill_filters()
        filter_combos(self.apply_filters, self.account_filter, self.action_filter, self.table_filter)
        self.date_from.changed.connect(self.apply_filters)
        self.date_to.changed.connect(self.apply_filters)

        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("audit_export_button")
        self.export_button.setToolTip(self.tr("Save the entries found to an Excel workbook"))
        self.export_button.clicked.connect(self.export)
        self.verify_button = QPushButton(self.tr("Verify integrity"), self)
        self.verify_button.setObjectName("audit_verify_button")
        self.verify_button.setToolTip(
            self.tr("Recompute the hash chain: any entry edited or deleted outside the program is found")
        )
        self.verify_button.clicked.connect(self.verify)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("audit_count_label")
        self.verify_label = QLabel(self)
        self.verify_label.setObjectName("audit_verify_label")
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_label.hide()  # until the first verification

        self.model = AuditTableModel(db, self)
        self.table = QTableView(self)
        setup_record_table(self.table, "audit_table", self.model, widths=COLUMN_WIDTHS)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show(current))
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("audit_detail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Select an entry to see what it changed."))

        self.find_action = QAction(self.tr("Find"), self)
        self.find_action.setObjectName("audit_find_action")
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(lambda _checked=False: self.focus_search())
        self.addAction(self.find_action)

        # Two rows, so that a 1024-pixel screen holds them: what to look for, then when and what to do.
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search_edit, 1)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for row, text, widget in (
            (filters, self.tr("Account:"), self.account_filter),
            (filters, self.tr("Action:"), self.action_filter),
            (filters, self.tr("Object:"), self.table_filter),
            (actions, self.tr("From:"), self.date_from),
            (actions, self.tr("To:"), self.date_to),
        ):
            row.addWidget(QLabel(text, self))
            row.addWidget(widget)
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.verify_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("audit_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.verify_label)
        layout.addWidget(splitter, 1)
        self.apply_filters()

    # ---- filters ---------------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """The accounts and objects found in the trail; every kind of action. The choices made stay."""
        with read_only(self._db) as session:
            account_names = audit.accounts_seen(session)
            tables = audit.tables_seen(session)
        choices = (
            (self.account_filter, self.tr("All accounts"), [(name, name) for name in account_names]),
            (
                self.action_filter,
                self.tr("All actions"),
                [(a, audit.action_label(a)) for a in audit.ACTION_LABELS],
            ),
            (self.table_filter, self.tr("All objects"), [(t, table_label(t)) for t in tables]),
        )
        for combo, everything, items in choices:
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for key, text in items:
                combo.addItem(text, key)
            found = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def current_query(self) -> AuditQuery:
        since, until = audit.local_days(self.date_from.value(), self.date_to.value())
        return AuditQuery(
            text=self.search_edit.text().strip(),
            account=str(self.account_filter.currentData() or ""),
            action=str(self.action_filter.currentData() or ""),
            table_name=str(self.table_filter.currentData() or ""),
            since=since,
            until=until,
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.current_query())
        with read_only(self._db) as session:
            newest = audit.entry_ids(session, AuditQuery(), limit=1)
        self._newest = newest[0] if newest else None
        self.count_label.setText(self.tr("{count:,} entries found").format(count=self.model.total_matching()))
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def search_now(self) -> None:
        """Enter in the search box: no waiting for the typing pause."""
        self.apply_filters()

    def clear_filters(self) -> None:
        for widget in (self.search_edit, self.account_filter, self.action_filter, self.table_filter):
            widget.blockSignals(True)
        for dates in (self.date_from, self.date_to):
            dates.blockSignals(True)
            dates.set_value(None)
            dates.blockSignals(False)
        self.search_edit.clear()
        for combo in (self.account_filter, self.action_filter, self.table_filter):
            combo.setCurrentIndex(0)
        for widget in (self.search_edit, self.account_filter, self.action_filter, self.table_filter):
            widget.blockSignals(False)
        self.apply_filters()

    def refresh(self) -> None:
        """Read the trail again (new accounts and objects in the filters, new entries in the list)."""
        self._fill_filters()
        self.apply_filters()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Ctrl+F of our own only where the window has none (a second one would make both ambiguous).
        self.find_action.setEnabled(not self._window_finds())
        with read_only(self._db) as session:
            newest = audit.entry_ids(session, AuditQuery(), limit=1)
        if (newest[0] if newest else None) != self._newest:
            self.refresh()

    def _window_finds(self) -> bool:
        window = self.window()
        find = QKeySequence(QKeySequence.StandardKey.Find)
        return window is not self and any(
            action is not self.find_action and action.shortcut() == find
            for action in window.findChildren(QAction)
        )

    # ---- the selected entry -------------------------------------------------------------------------------

    def selected_entry(self) -> AuditRow | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def _show(self, index: QModelIndex) -> None:
        row = self.model.entry(index.row()) if index.isValid() else None
        self.detail.setPlainText(self.describe(row) if row is not None else "")

    def describe(self, row: AuditRow) -> str:
        """The entry in words, then its "field: before → after" lines and its reason."""
        number, time_, account, action, what, record, summary = self.model.values(row)
        lines = [
            self.tr("Entry #{number}, {time}, account {account}: {action} {what} {record}")
            .format(number=number, time=time_, account=account, action=action, what=what, record=record)
            .rstrip()
        ]
        if summary:
            lines.append(summary)
        changes = row.change_lines()
        if changes:
            lines.append("")
            lines.append(self.tr("Changes (before → after):"))
            lines.extend(f"  {line}" for line in changes)
        if row.reason:
            lines.append("")
            lines.append(self.tr("Reason: {reason}").format(reason=row.reason))
        return "\n".join(lines)

    def select_entry(self, entry_id: int) -> bool:
        """Show and select an entry, clearing the filters if they hide it. False if it is not there."""
        row = self.model.row_of(entry_id)
        if row is None:
            self.clear_filters()
            row = self.model.row_of(entry_id)
        if row is None:
            return False
        self.model.ensure_loaded(row)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # ---- export and verify -------------------------------------------------------------------------------

    def export(self) -> None:
        """The entries found, as filtered now, to .xlsx in the background (the export is itself recorded)."""
        query = self.model.query

        def work(target: Path, task: Task) -> int:
            return export_audit(self._db, target, query, task.progress)

        save_export(self, self.tr("Audit trail"), work)

    def verify(self) -> None:
        def work(_task: Task) -> Verification:
            with read_only(self._db) as session:
                return audit.verify(session)

        self.verify_button.setEnabled(False)
        run_in_background(
            self,
            work,
            success=self._verified,
            failure=self._verify_failed,
            progress_label=self.tr("Verifying the audit trail…"),
        )

    def _verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        feedback.show_error(self, error)

    def _verified(self, result: Verification) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setText(result.message())
        self.verify_label.show()
        self.verify_label.setStyleSheet(INTACT_STYLE if result.intact else BROKEN_STYLE)
        if result.intact:
            return
        if result.broken_id is not None:
            self.select_entry(result.broken_id)
        QMessageBox.warning(self, self.tr("Audit trail tampered with"), result.message())
