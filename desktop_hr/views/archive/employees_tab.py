"""The Employees tab: department tree, search and filters over the lazy table, and every action on a person."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database
from desktop_hr.models import EmployeeStatus, PersonnelCategory, Rank
from desktop_hr.services.archive.employees import (
    COLUMNS,
    EmployeeChange,
    EmployeeQuery,
    count_employees,
    delete_employee,
    mark_left,
    rehire,
)
from desktop_hr.services.changes import Changes
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback, hub
from desktop_hr.views.archive.department_panel import DepartmentPanel
from desktop_hr.views.archive.employee_dialog import EmployeeDialog
from desktop_hr.views.archive.employee_table_model import EmployeeTableModel
from desktop_hr.views.exchange.import_dialog import ImportDialog, download_template, export_employees_to_file
from desktop_hr.views.forms import follow_lazily, open_dialog, reading
from desktop_hr.views.operations import LatestQuery, run_in_background
from desktop_hr.views.roles import allowed, permit
from desktop_hr.views.undo_commands import EmployeeChangeCommand, employee_writer
from desktop_hr.views.widgets import (
    EmptyHint,
    EnumCombo,
    filter_combos,
    from_qdate,
    search_box,
    setup_record_table,
    to_qdate,
)

# Status filter choices: key -> statuses shown (empty: all).
STATUS_FILTERS: dict[str, frozenset[EmployeeStatus]] = {
    "current": frozenset({EmployeeStatus.ACTIVE, EmployeeStatus.PROBATION}),
    "all": frozenset(),
    "active": frozenset({EmployeeStatus.ACTIVE}),
    "probation": frozenset({EmployeeStatus.PROBATION}),
    "left": frozenset({EmployeeStatus.LEFT}),
}

# Starting widths (pixels) so Chinese headers and typical values fit before the user resizes.
COLUMN_WIDTHS = {
    "employee_no": 72,
    "name": 72,
    "gender": 46,
    "department": 190,
    "position": 96,
    "rank": 56,
    "category": 100,
    "title": 90,
    "hire_date": 92,
    "status": 52,
    "phone": 112,
    "leave_date": 92,
}


class LeaveDateDialog(QDialog):
    """Asks the leave date before marking someone as left."""

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leave_date_dialog")
        self.setWindowTitle(self.tr("Mark as left"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("leave_date_edit")
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(to_qdate(date.today()))
        form = QFormLayout()
        form.addRow(
            QLabel(
                self.tr("{who} leaves the company. The record and its history are kept.").format(who=who),
                self,
            )
        )
        form.addRow(self.tr("Leave date"), self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("leave_buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def leave_date(self) -> date:
        return from_qdate(self.date_edit.date())


class EmployeesTab(QWidget):
    """`status_text_changed` carries the status bar's counts line whenever the list or the data changes.

    Everything it shows is read in the background: the table when it is first shown and whenever a write
    touches people, departments or reviews (through the hub: its own edits, undo and redo, imports and
    writes made in other tabs alike), the status bar's counts at once and after every write to people.
    """

    status_text_changed = Signal(str)

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("employees_tab")
        self._db = db
        self._undo_stack = undo_stack
        self._totals: dict[EmployeeStatus, int] | None = None
        self._counter = LatestQuery(self)
        self._select_after: int | None = None  # an employee just created, selected once the list has them
        self._pending_splitter: QByteArray | None = None

        self.departments = DepartmentPanel(db, self)
        self.departments.department_selected.connect(lambda _id: self.apply_filters())

        self.search_edit, self._search_timer = search_box(
            self,
            "search_edit",
            self.tr("Search employee no., name or phone"),
            self.apply_filters,
            timer_name="search_timer",
        )
        self.search_edit.setMinimumWidth(160)

        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("status_filter")
        status_texts = {
            "current": self.tr("Active and probation"),
            "all": self.tr("All statuses (incl. left)"),
            "active": self.tr("Active only"),
            "probation": self.tr("Probation only"),
            "left": self.tr("Left only"),
        }
        for key in STATUS_FILTERS:
            self.status_filter.addItem(status_texts[key], key)
        self.category_filter = EnumCombo(
            PersonnelCategory, blank=True, blank_text=self.tr("All categories"), parent=self
        )
        self.category_filter.setObjectName("category_filter")
        self.rank_filter = EnumCombo(Rank, blank=True, blank_text=self.tr("All ranks"), parent=self)
        self.rank_filter.setObjectName("rank_filter")
        filter_combos(self.apply_filters, self.status_filter, self.category_filter, self.rank_filter)

        style = self.style()
        self.new_button = QPushButton(self.tr("New employee"), self)
        self.new_button.setObjectName("new_employee_button")
        self.new_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.new_button.clicked.connect(self.new_employee)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setObjectName("import_button")
        self.import_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.import_button.clicked.connect(self.import_employees)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("export_button")
        self.export_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.export_button.clicked.connect(self.export_employees)

        self.model = EmployeeTableModel(db, self)
        self.model.set_query(EmployeeQuery(statuses=STATUS_FILTERS["current"]), load=False)
        self.model.loaded.connect(self._model_loaded)
        self.table = QTableView(self)
        header = setup_record_table(
            self.table, "employee_table", self.model, widths=[COLUMN_WIDTHS.get(key, 100) for key in COLUMNS]
        )
        # Sorting by header click re-queries the ids in SQL (EmployeeTableModel.sort).
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._build_actions()

        # Actions across the top; the filters sit over the table they filter. Kept apart so the table
        # side stays narrow enough for the department tree on a 1024-pixel screen.
        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.new_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.category_filter)
        filters.addWidget(self.rank_filter)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("employees_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.departments)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 1030])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)

        principal = db.principal
        permit(principal, Permission.IMPORT, self.import_button)
        self._editable = permit(
            principal,
            Permission.EDIT_RECORDS,
            self.new_button,
            self.edit_action,
            self.leave_action,
            self.rehire_action,
            self.delete_action,
        )
        self._show_leave_column()
        self._build_empty_hint()
        self.follower = follow_lazily(self, ("employees", "organisation", "archive"), self._reload_table)
        # The status bar's counts show whichever tab is open: read now, and after every write to people.
        hub.change_hub().changed.connect(self._hub_changed)
        self._count()

    def _build_empty_hint(self) -> None:
        """An archive without anyone says how to start, instead of an empty grid."""
        principal = self._db.principal
        may_import = allowed(principal, Permission.IMPORT)
        self.empty_hint = EmptyHint(
            self.table,
            "employees_empty_hint",
            self.tr(
                "Nobody is in the archive yet. Import the roster your office keeps in Excel or WPS "
                "(the template shows the columns it reads), or add employees one by one."
            )
            if may_import or self._editable
            else self.tr("Nobody is in the archive yet; the HR administrator imports the roster."),
        )
        if may_import:
            self.empty_hint.add_button("hint_import_button", self.tr("Import roster…"), self.import_employees)
            self.empty_hint.add_button(
                "hint_template_button", self.tr("Download template…"), self.download_template
            )
        if self._editable:
            self.empty_hint.add_button(
                "hint_new_employee_button", self.tr("Add employee…"), self.new_employee
            )

    def _build_actions(self) -> None:
        def action(name: str, text: str, slot: Any, shortcut: QKeySequence | None = None) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.triggered.connect(slot)
            if shortcut is not None:
                act.setShortcut(shortcut)
                # Only while the table has focus: Delete in the search box deletes text, not people.
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.table.addAction(act)
            return act

        self.edit_action = action("edit_employee_action", self.tr("Edit…"), self.edit_selected)
        self.leave_action = action("mark_left_action", self.tr("Mark as left…"), self.mark_selected_left)
        self.rehire_action = action("rehire_action", self.tr("Rehire"), self.rehire_selected)
        self.delete_action = action(
            "delete_employee_action",
            self.tr("Delete…"),
            self.delete_selected,
            QKeySequence(QKeySequence.StandardKey.Delete),
        )

    # ---- filters and counts ----------------------------------------------------------------------

    def current_query(self) -> EmployeeQuery:
        key = self.status_filter.currentData() or "current"
        return replace(
            self.model.query,
            text=self.search_edit.text().strip(),
            department_id=self.departments.selected_department(),
            statuses=STATUS_FILTERS[key],
            category=self.category_filter.value(),
            rank=self.rank_filter.value(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.model.set_query(query)
        self._show_leave_column()

    def _show_leave_column(self) -> None:
        # The leave date means nothing while the list cannot contain anyone who left.
        statuses = self.model.query.statuses
        self.table.setColumnHidden(
            COLUMNS.index("leave_date"), bool(statuses) and EmployeeStatus.LEFT not in statuses
        )

    def refresh(self) -> None:
        """View › Refresh: the tree, the table (keeping its rows where they are) and the counts, read again."""
        self.departments.reload()
        self._reload_table()
        self._count()

    def _reload_table(self) -> None:
        self.follower.stale = False
        query = self.current_query()
        if query != self.model.query:
            self.model.set_query(query)
        else:
            self.model.refresh()

    def _model_loaded(self) -> None:
        target, self._select_after = self._select_after, None
        if target is not None:
            self.select_employee(target)
        self._emit_status()

    def _count(self) -> None:
        self._counter.run(
            reading(self._db, lambda session: count_employees(session, EmployeeQuery())), self._counted
        )

    def _counted(self, totals: dict[EmployeeStatus, int]) -> None:
        self._totals = totals
        self.empty_hint.set_shown(sum(totals.values()) == 0)
        self._emit_status()

    def _hub_changed(self, changes: Changes, _initiator: object) -> None:
        if shiboken6.isValid(self) and changes.touches("employees"):
            self._count()

    def _emit_status(self) -> None:
        self.status_text_changed.emit(self.status_text())

    def status_text(self) -> str:
        """The counts line ("" until the counts are read)."""
        if self._totals is None:
            return ""
        total = sum(self._totals.values())
        return self.tr(
            "{total} people · active {active} · probation {probation} · left {left} · showing {shown}"
        ).format(
            total=f"{total:,}",
            active=f"{self._totals.get(EmployeeStatus.ACTIVE, 0):,}",
            probation=f"{self._totals.get(EmployeeStatus.PROBATION, 0):,}",
            left=f"{self._totals.get(EmployeeStatus.LEFT, 0):,}",
            shown=f"{self.model.total_matching():,}",
        )

    def select_employee(self, employee_id: int) -> bool:
        row = self.model.row_of(employee_id)
        if row is None:
            return False
        self.model.ensure_loaded(row)
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # ---- selection ----------------------------------------------------------------------------

    def selected_employee(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.employee_id(rows[0].row())

    def _selected_label(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_data(rows[0].row()) if rows else None
        return f"{row.employee_no} {row.name}" if row else ""

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_employee(self.model.employee_id(index.row()))

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        row = self.model.row_data(index.row()) if index.isValid() else None
        if row is None or not self._editable:
            return
        self.leave_action.setEnabled(row.status is not EmployeeStatus.LEFT)
        self.rehire_action.setEnabled(row.status is EmployeeStatus.LEFT)
        menu = QMenu(self)
        menu.setObjectName("employee_menu")
        menu.addAction(self.edit_action)
        menu.addSeparator()
        menu.addAction(self.leave_action)
        menu.addAction(self.rehire_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # ---- actions --------------------------------------------------------------------------------

    def new_employee(self) -> None:
        dialog = EmployeeDialog(
            self._db, default_department_id=self.departments.selected_department(), parent=self
        )
        open_dialog(dialog, self._created)

    def _created(self, new_id: int) -> None:
        # The list itself is read again through the hub; the newcomer is selected once it is in.
        self._select_after = new_id

    def open_employee(self, employee_id: int) -> EmployeeDialog:
        return open_dialog(EmployeeDialog(self._db, employee_id=employee_id, parent=self), self._edited)

    def edit_selected(self) -> None:
        employee_id = self.selected_employee()
        if employee_id is not None:
            self.open_employee(employee_id)

    def _edited(self, change: EmployeeChange) -> None:
        if change.changed:
            self._push_change(self.tr("Edit {no} {name}"), change)

    def _push_change(self, text: str, change: EmployeeChange) -> None:
        """Undo and redo write through operations as the window's (the hub then refreshes every view)."""
        label = text.format(no=change.after.employee_no, name=change.after.name)
        apply = employee_writer(self._db, self.window())
        self._undo_stack.push(EmployeeChangeCommand(label, change, apply))

    def mark_selected_left(self) -> None:
        employee_id = self.selected_employee()
        if employee_id is None:
            return
        row = self.model.row_data(self.model.row_of(employee_id) or 0)
        if row is not None and row.status is EmployeeStatus.LEFT:
            return
        dialog = LeaveDateDialog(self._selected_label(), self)

        def accepted() -> None:
            leave_date = dialog.leave_date()
            db = self._db
            run_in_background(
                self,
                lambda _task: mark_left(db.uow(), employee_id, leave_date),
                success=lambda change: self._push_change(self.tr("Mark {no} {name} as left"), change),
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def rehire_selected(self) -> None:
        employee_id = self.selected_employee()
        if employee_id is None:
            return
        if not feedback.confirm(
            self,
            self.tr("Rehire"),
            self.tr("Rehire {who}? The status becomes active and the leave date is cleared.").format(
                who=self._selected_label()
            ),
        ):
            return
        db = self._db
        run_in_background(
            self,
            lambda _task: rehire(db.uow(), employee_id),
            success=lambda change: self._push_change(self.tr("Rehire {no} {name}"), change),
        )

    def delete_selected(self) -> None:
        employee_id = self.selected_employee()
        if employee_id is None:
            return
        who = self._selected_label()
        if not feedback.confirm(
            self,
            self.tr("Delete employee"),
            self.tr(
                "Delete {who} permanently?\n\nOnly records entered by mistake should be deleted; "
                "for someone who leaves, use “Mark as left” so the history stays."
            ).format(who=who),
            destructive=True,
        ):
            return

        def refused(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Cannot delete"), error)

        db = self._db
        run_in_background(
            self,
            lambda _task: delete_employee(db.uow(), employee_id),
            success=lambda _data: None,
            failure=refused,
        )

    # ---- Excel ----------------------------------------------------------------------------------

    def import_employees(self) -> ImportDialog:
        dialog = ImportDialog(self._db, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_employees(self) -> None:
        export_employees_to_file(self, self._db, self.current_query())

    def download_template(self) -> None:
        download_template(self)

    # ---- state ------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_splitter is not None:
            # After the window's first layout pass, when the tab has its final width.
            QTimer.singleShot(0, self._restore_splitter)

    def _restore_splitter(self) -> None:
        if self._pending_splitter is not None:
            self.splitter.restoreState(self._pending_splitter)
            self._pending_splitter = None

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("employees_tab/splitter", self.splitter.saveState())
        settings.setValue("employees_tab/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("employees_tab/splitter")
        if isinstance(splitter, QByteArray):
            # Applied once the tab has its real width: restored into a not-yet-laid-out splitter,
            # the sizes are squeezed and the later growth all goes to the table.
            self._pending_splitter = splitter
        header = settings.value("employees_tab/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
