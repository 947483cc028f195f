"""The audit tab (审计): search the trail, read an entry's before → after, export it, verify the chain.

Read-only by design: nothing here changes an entry (the database refuses it anyway). Every search (each
pause in typing, each filter) runs on the reader pool and only the newest answer is shown, so typing never
waits for a trail of hundreds of thousands of entries; the table then reads the entries in blocks as the
view scrolls (views/trust/audit_model.py). The tab follows the "audit" area: every write adds entries.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
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
from desktop_hr.services.trust import audit, audit_tables
from desktop_hr.services.trust.audit import AuditQuery, AuditRow
from desktop_hr.services.trust.audit_tables import TrailCheck
from desktop_hr.views import feedback, hub
from desktop_hr.views.exchange.import_dialog import save_export
from desktop_hr.views.operations import LatestQuery, Operation, Task, run_query
from desktop_hr.views.trust.audit_model import AuditTableModel, Found, search
from desktop_hr.views.widgets import OptionalDateEdit, filter_combos, search_box, setup_record_table

COLUMN_WIDTHS = [70, 150, 90, 80, 100, 80]
INTACT_STYLE = "color: #2e7d32;"
BROKEN_STYLE = "color: #c62828; font-weight: bold;"


class AuditTab(QWidget):
    """Search box and filters over the table, the selected entry's details below, Export and Verify."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_tab")
        self._db = db
        self._newest: int | None = None  # the newest entry when the list was last read
        self._searches = LatestQuery(self)
        self._searching: Operation[Found] | None = None
        self._choices = LatestQuery(self)
        self._keep: int | None = None  # the entry to select once the search under way arrives

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
        self._fill_filters([], [])
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
        # The trail is read when the tab is first shown, not when the window is built: on an office's
        # database (millions of entries) its search takes seconds that the start must not wait for.
        self._shown_once = False
        hub.follow(self, ("audit",), self._trail_written)

    # ---- filters ---------------------------------------------------------------------------------------

    def _read_filters(self) -> None:
        db = self._db

        def work(_task: Task) -> tuple[list[str], list[str]]:
            with read_only(db) as session:
                return audit.accounts_seen(session), audit.tables_seen(session)

        self._choices.run(work, lambda found: self._fill_filters(*found))

    def _fill_filters(self, account_names: list[str], tables: list[str]) -> None:
        """The accounts and objects found in the trail; every kind of action. The choices made stay."""
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
        """Search with the box and filters as they are now; the list changes when the answer arrives."""
        self._search_timer.stop()
        self._search(self.current_query())

    def _search(self, query: AuditQuery) -> None:
        if self._searching is not None:
            self._searching.cancel()  # a search still waiting for a reader thread need not run at all
        self.count_label.setText(self.tr("Searching…"))
        db = self._db
        self._searching = self._searches.run(
            lambda task: search(db, query, task), self._found, self._search_failed
        )

    def _search_failed(self, error: BaseException) -> None:
        self._searching = None
        self.count_label.setText(self.tr("The search failed."))
        feedback.show_error(self, error)

    def _found(self, found: Found) -> None:
        self._searching = None
        keep, self._keep = self._keep, None
        self._newest = found.newest
        self.model.show_found(found)
        self.count_label.setText(self.tr("{count:,} entries found").format(count=self.model.total_matching()))
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self._select_row(row)
        elif self.model.rowCount():
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
        """Read the trail again (new accounts and objects in the filters, new entries in the list); the
        selected entry stays selected."""
        if self._keep is None:
            selected = self.selected_entry()
            self._keep = selected.id if selected is not None else None
        self._read_filters()
        self.apply_filters()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _trail_written(self) -> None:
        """A write added entries: read them now if the tab is seen, else when it is next shown."""
        if self._shown_once and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Ctrl+F of our own only where the window has none (a second one would make both ambiguous).
        self.find_action.setEnabled(not self._window_finds())
        if not self._shown_once:
            self._shown_once = True
            self.refresh()
            return
        if self._searches.running:
            return  # a reload is under way (the hub's, when something was written meanwhile)
        # Another seat may have written: an indexed look-up of the newest entry says whether to reload.
        db = self._db

        def newest(_task: Task) -> int | None:
            with read_only(db) as session:
                return audit.newest_id(session)

        run_query(self, newest, success=self._compare_newest)

    def _compare_newest(self, newest: int | None) -> None:
        if newest != self._newest and not self._searches.running:
            self.refresh()

    def _window_finds(self) -> bool:
        window = self.window()
        find = QKeySequence(QKeySequence.StandardKey.Find)
        # The window's own actions are its direct children: no need to walk every widget of every tab.
        return window is not self and any(
            action is not self.find_action and action.shortcut() == find
            for action in window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
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
        """Show and select an entry: True when done now; else the filters that hide it are cleared and it is
        selected once the whole trail is listed (False: not yet)."""
        row = self.model.row_of(entry_id)
        if row is not None:
            self._select_row(row)
            if self._searches.running:
                self._keep = entry_id  # and again in the answer of the search under way
            return True
        self._keep = entry_id
        self.clear_filters()
        return False

    def _select_row(self, row: int) -> None:
        self.model.ensure_loaded(row)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    # ---- export and verify -------------------------------------------------------------------------------

    def export(self) -> None:
        """The entries found, as filtered now, to .xlsx in the background (the export is itself recorded)."""
        query = self.current_query()  # as the filters are now, even before their list has arrived

        def work(target: Path, task: Task) -> int:
            return export_audit(self._db, target, query, task.progress)

        save_export(self, self.tr("Audit trail"), work)

    def verify(self) -> None:
        db = self._db

        def work(task: Task) -> TrailCheck:
            with read_only(db) as session:
                return audit_tables.check(session, progress=task.progress)

        self.verify_button.setEnabled(False)
        run_query(
            self,
            work,
            success=self._verified,
            failure=self._verify_failed,
            progress_label=self.tr("Verifying the audit trail…"),
        )

    def _verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        feedback.show_error(self, error)

    def _verified(self, checked: TrailCheck) -> None:
        """The chain, its signatures, and the accounts, settings and point rules against the trail."""
        result = checked.chain
        self.verify_button.setEnabled(True)
        self.verify_label.setText(checked.message())
        self.verify_label.show()
        self.verify_label.setStyleSheet(INTACT_STYLE if checked.ok else BROKEN_STYLE)
        if checked.ok:
            return
        if result.broken_id is not None and not result.intact:
            self.select_entry(result.broken_id)
        QMessageBox.warning(self, self.tr("Audit trail tampered with"), checked.message())
