"""The Sessions tab: the list of training sessions (search, status, dates) and, in its place, one session's page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
from desktop_hr.models import SessionStatus
from desktop_hr.services.labels import label
from desktop_hr.services.training.calendar import CalendarQuery, write_calendar
from desktop_hr.services.training.sessions import (
    COLUMNS,
    SessionQuery,
    SessionRow,
    delete_session,
    session_rows,
    set_status,
)
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import (
    ImportDialog,
    download_template,
    export_kind_to_file,
    last_folder,
    remember_folder,
)
from desktop_hr.views.forms import QueryTableModel, follow_lazily, open_dialog
from desktop_hr.views.operations import Task, run_in_background
from desktop_hr.views.roles import allowed, permit
from desktop_hr.views.training.attendance_panel import AttendancePanel
from desktop_hr.views.training.feedback_panel import FeedbackPanel
from desktop_hr.views.training.session_dialog import SessionDialog
from desktop_hr.views.training.session_page import SessionPage, edit_session
from desktop_hr.views.training.submissions_panel import SubmissionsPanel
from desktop_hr.views.widgets import (
    EmptyHint,
    EnumCombo,
    OptionalDateEdit,
    delete_key_action,
    filter_combos,
    search_box,
    setup_record_table,
)

LIST_PAGE, SESSION_PAGE = 0, 1
COLUMN_WIDTHS = {
    "code": 120,
    "course": 180,
    "starts_at": 124,
    "ends_at": 124,
    "place": 110,
    "trainer": 80,
    "capacity": 56,
    "enrolled": 56,
    "waitlisted": 56,
    "attended": 56,
    "status": 60,
}
_NUMERIC = ("capacity", "enrolled", "waitlisted", "attended")


class SessionTableModel(QueryTableModel[SessionRow]):
    """Every session the query matches (sessions are hundreds, not millions); sorting re-queries in SQL."""

    numeric_columns = frozenset(COLUMNS.index(key) for key in _NUMERIC)

    def __init__(self, db: Database, owner: QWidget) -> None:
        super().__init__(db, owner)
        self.query = SessionQuery()

    def titles(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Course"),
            self.tr("Start"),
            self.tr("End"),
            self.tr("Place"),
            self.tr("Trainer"),
            self.tr("Capacity"),
            self.tr("Enrolled"),
            self.tr("Waitlist"),
            self.tr("Attended"),
            self.tr("Status"),
        ]

    def values(self, row: SessionRow) -> list[str]:
        return [row.display(key) for key in COLUMNS]

    def set_query(self, query: SessionQuery) -> None:
        self.query = query
        self.reload()

    def read(self) -> Callable[[Session], list[SessionRow]]:
        query = self.query
        return lambda session: session_rows(session, query)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key, descending = COLUMNS[column], order == Qt.SortOrder.DescendingOrder
        if (self.query.sort, self.query.descending) != (key, descending):
            self.set_query(replace(self.query, sort=key, descending=descending))

    def row_of(self, session_id: int) -> int | None:
        for row, item in enumerate(self.items()):
            if item.id == session_id:
                return row
        return None


class SessionsTab(QWidget):
    """`open_session(id)` shows a session's page (the Home tab uses it); `refresh()` (F5).

    The list is read in the background when first shown and again, while shown, whenever a write touches
    training or people: a sign-in on the page shows in the counts once the list is back on screen. The
    page and each of its panels follow the hub themselves.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessions_tab")
        self._db = db
        self._keep: int | None = None  # the session to select once the list is read again
        style = self.style()

        self.search_edit, self._search_timer = search_box(
            self, "session_search_edit", self.tr("Search code, course or place"), self.apply_filters
        )
        self.status_filter = EnumCombo(
            SessionStatus, blank=True, blank_text=self.tr("All statuses"), parent=self
        )
        self.status_filter.setObjectName("session_status_filter")
        filter_combos(self.apply_filters, self.status_filter)
        self.from_edit = OptionalDateEdit(self)
        self.from_edit.setObjectName("session_from_edit")
        self.to_edit = OptionalDateEdit(self)
        self.to_edit.setObjectName("session_to_edit")
        for edit in (self.from_edit, self.to_edit):
            edit.changed.connect(self.apply_filters)

        def button(name: str, text: str, slot: Any, icon: QStyle.StandardPixmap | None = None) -> QPushButton:
            made = QPushButton(text, self)
            made.setObjectName(name)
            if icon is not None:
                made.setIcon(style.standardIcon(icon))
            made.clicked.connect(slot)
            return made

        self.new_button = button(
            "new_session_button", self.tr("New session"), self.new_session, QStyle.StandardPixmap.SP_FileIcon
        )
        self.open_button = button("open_session_button", self.tr("Open"), self.open_selected)
        self.edit_button = button("edit_session_button", self.tr("Edit…"), self.edit_selected)
        self.cancel_button = button("cancel_session_button", self.tr("Cancel session…"), self.cancel_selected)
        self.delete_button = button("delete_session_button", self.tr("Delete…"), self.delete_selected)
        # A push button with a menu: it sizes itself to its text and arrow (a tool button's arrow overlapped it).
        self.status_button = QPushButton(self.tr("Status"), self)
        self.status_button.setObjectName("session_status_button")
        status_menu = QMenu(self.status_button)
        status_menu.setObjectName("session_status_menu")
        self.status_actions: dict[SessionStatus, QAction] = {}
        for status in SessionStatus:
            action = status_menu.addAction(label(status))
            action.setObjectName(f"status_{status.value}_action")
            action.triggered.connect(lambda _checked=False, s=status: self.set_selected_status(s))
            self.status_actions[status] = action
        self.status_button.setMenu(status_menu)
        self.import_button = button(
            "import_button", self.tr("Import…"), self.import_sessions, QStyle.StandardPixmap.SP_ArrowDown
        )
        self.export_button = button(
            "export_button", self.tr("Export…"), self.export_sessions, QStyle.StandardPixmap.SP_ArrowUp
        )
        self.template_button = button("template_button", self.tr("Template…"), self.download_template)
        self.calendar_button = button(
            "calendar_button",
            self.tr("Calendar…"),
            self.export_calendar,
            QStyle.StandardPixmap.SP_FileDialogDetailedView,
        )
        self.calendar_button.setToolTip(
            self.tr("The sessions in the date range shown, as an iCalendar file for Outlook, WPS or a phone")
        )

        self.model = SessionTableModel(db, self)
        self.model.loaded.connect(self._after_reload)
        self.table = QTableView(self)
        header = setup_record_table(
            self.table, "session_table", self.model, widths=[COLUMN_WIDTHS[key] for key in COLUMNS]
        )
        # Newest first; a header click re-sorts in SQL (SessionTableModel.sort).
        header.setSortIndicator(COLUMNS.index("starts_at"), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        # Enter and double-click both arrive as `activated`.
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._sync_buttons())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.delete_action = delete_key_action(
            self.table, self.tr("Delete…"), "delete_session_action", self.delete_selected
        )
        principal = db.principal
        permit(principal, Permission.IMPORT, self.import_button, self.template_button)
        self._editable = permit(
            principal,
            Permission.EDIT_RECORDS,
            self.new_button,
            self.edit_button,
            self.status_button,
            self.cancel_button,
            self.delete_button,
            self.delete_action,
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("session_count_label")

        actions = QHBoxLayout()
        for widget in (
            self.new_button,
            self.open_button,
            self.edit_button,
            self.status_button,
            self.cancel_button,
            self.delete_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        for widget in (self.import_button, self.export_button, self.template_button, self.calendar_button):
            actions.addWidget(widget)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(QLabel(self.tr("From"), self))
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.to_edit)
        list_page = QWidget(self)
        list_page.setObjectName("session_list_page")
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(6, 6, 6, 6)
        list_layout.addLayout(actions)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)

        self.page = SessionPage(db, self)
        self.attendance_panel = AttendancePanel(db, self.page)
        self.submissions_panel = SubmissionsPanel(db, self.page)
        self.feedback_panel = FeedbackPanel(db, self.page)
        self.page.add_panel(self.attendance_panel, self.tr("Sign-in"))
        self.page.add_panel(self.submissions_panel, self.tr("Submissions"))
        self.page.add_panel(self.feedback_panel, self.tr("Feedback and exams"))
        self.page.back_requested.connect(self.show_list)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("sessions_stack")
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.model.query = self.current_query()
        self._sync_buttons()
        self._build_empty_hint()
        self.follower = follow_lazily(list_page, ("training", "employees"), self._reload_list)

    def _build_empty_hint(self) -> None:
        """No sessions at all (not a filter's empty result): how to plan the first."""
        principal = self._db.principal
        self.empty_hint = EmptyHint(
            self.table,
            "sessions_empty_hint",
            self.tr(
                "No training sessions yet. A session runs a course on given days, at a place, with a trainer: "
                "plan the first one (its course must exist first), or import the sessions from Excel."
            ),
        )
        if self._editable:
            self.empty_hint.add_button("hint_new_session_button", self.tr("New session…"), self.new_session)
        if allowed(principal, Permission.IMPORT):
            self.empty_hint.add_button(
                "hint_import_sessions_button", self.tr("Import sessions…"), self.import_sessions
            )
            self.empty_hint.add_button(
                "hint_session_template_button", self.tr("Download template…"), self.download_template
            )

    # ---- list ------------------------------------------------------------------------------------

    def current_query(self) -> SessionQuery:
        return replace(
            self.model.query,
            text=self.search_edit.text().strip(),
            status=self.status_filter.value(),
            date_from=self.from_edit.value(),
            date_to=self.to_edit.value(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self._keep = self.selected_session()
        self.model.set_query(self.current_query())

    def refresh(self) -> None:
        """View › Refresh: the list (keeping the selection) and the open page, if one is shown."""
        self._reload_list()
        if self.stack.currentIndex() == SESSION_PAGE:
            self.page.refresh()

    def _reload_list(self) -> None:
        self.follower.stale = False
        if self._keep is None:
            self._keep = self.selected_session()
        self.model.set_query(self.current_query())

    def _after_reload(self) -> None:
        query = self.model.query
        unfiltered = (
            not query.text and query.status is None and query.date_from is None and query.date_to is None
        )
        self.empty_hint.set_shown(unfiltered and self.model.rowCount() == 0)
        keep, self._keep = self._keep, None
        if keep is not None:
            self.select_session(keep)
        self.count_label.setText(self.tr("{count} session(s)").format(count=self.model.rowCount()))
        self._sync_buttons()

    def focus_search(self) -> None:
        """Ctrl+F: back to the list, in its search box."""
        self.show_list()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def selected_session(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def selected_row(self) -> SessionRow | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select_session(self, session_id: int) -> bool:
        row = self.model.row_of(session_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _sync_buttons(self) -> None:
        row = self.selected_row()
        for widget in (self.open_button, self.edit_button, self.delete_button, self.status_button):
            widget.setEnabled(row is not None)
        self.cancel_button.setEnabled(row is not None and row.status is not SessionStatus.CANCELLED)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_session(self.model.item(index.row()).id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setObjectName("session_menu")
        menu.addAction(self.tr("Open"), self.open_selected)
        if self._editable:
            menu.addAction(self.tr("Edit…"), self.edit_selected)
            menu.addSeparator()
            menu.addAction(self.tr("Cancel session…"), self.cancel_selected)
            menu.addAction(self.tr("Delete…"), self.delete_selected)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # ---- the session page ----------------------------------------------------------------------

    def open_session(self, session_id: int) -> None:
        """Show the session's page in place of the list (Back or Esc returns)."""
        if not self.select_session(session_id):
            self._keep = session_id  # the list is not read yet (opened from the Home tab)
        self.page.set_session(session_id)
        self.stack.setCurrentIndex(SESSION_PAGE)
        self.page.enrolment_panel.table.setFocus()

    def open_selected(self) -> None:
        session_id = self.selected_session()
        if session_id is not None:
            self.open_session(session_id)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(LIST_PAGE)
        self.table.setFocus()

    # ---- actions: what they write comes back through the hub --------------------------------------

    def new_session(self) -> SessionDialog:
        return open_dialog(SessionDialog(self._db, parent=self), self._created)

    def _created(self, session_id: int) -> None:
        self._keep = session_id

    def edit_selected(self) -> SessionDialog | None:
        session_id = self.selected_session()
        if session_id is None:
            return None
        return edit_session(self, self._db, session_id)

    def cancel_selected(self) -> None:
        self.set_selected_status(SessionStatus.CANCELLED)

    def set_selected_status(self, status: SessionStatus) -> None:
        row = self.selected_row()
        if row is None or row.status is status:
            return
        if status is SessionStatus.CANCELLED and not feedback.confirm(
            self,
            self.tr("Cancel session"),
            self.tr(
                "Cancel the session {code} ({course})? Its enrolments and any records are kept; "
                "nobody can enrol any more."
            ).format(code=row.code, course=row.course_title),
            destructive=True,
        ):
            return
        db, session_id = self._db, row.id
        run_in_background(
            self,
            lambda _task: set_status(db.uow(), session_id, status),
            success=lambda _change: None,
            failure=self._refused,
        )

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        listed = row.enrolled + row.waitlisted
        text = self.tr("Delete the session {code} ({course}) permanently?").format(
            code=row.code, course=row.course_title
        )
        if listed:
            text += "\n\n" + self.tr("Its enrolment list ({count} people) is deleted with it.").format(
                count=listed
            )
        text += "\n\n" + self.tr("A session that took place cannot be deleted; cancel it instead.")
        if not feedback.confirm(self, self.tr("Delete session"), text, destructive=True):
            return
        db, session_id = self._db, row.id

        def deleted(_data: object) -> None:
            if self.page.session_id() == session_id:
                self.show_list()

        run_in_background(
            self, lambda _task: delete_session(db.uow(), session_id), success=deleted, failure=self._refused
        )

    def _refused(self, error: BaseException) -> None:
        feedback.show_refusal(self, self.tr("Cannot continue"), error)

    # ---- Excel ----------------------------------------------------------------------------------

    def import_sessions(self) -> ImportDialog:
        dialog = ImportDialog(self._db, self, kind="sessions")
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_sessions(self) -> None:
        export_kind_to_file(self, self._db, "sessions")

    def download_template(self) -> None:
        download_template(self, "sessions")

    def export_calendar(self) -> None:
        """The sessions of the range the filter shows (all, without one) as an .ics calendar, in the background."""
        query = CalendarQuery(self.from_edit.value(), self.to_edit.value())
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the training calendar"),
            str(Path(last_folder()) / self.tr("Training calendar.ics")),
            self.tr("iCalendar (*.ics)"),
        )
        if not path:
            return
        remember_folder(path)
        target = Path(path) if path.lower().endswith(".ics") else Path(path).with_suffix(".ics")
        db, what = self._db, self.tr("Training calendar")

        def work(_task: Task) -> int:
            with read_only(db) as session:
                count = write_calendar(session, query, target)
            audit.note_export(db, what, target, count)
            return count

        run_in_background(
            self,
            work,
            success=lambda count: feedback.inform(
                self,
                what,
                self.tr(
                    "{count} session(s) written to\n{path}\nOpen it with Outlook, WPS or a phone's calendar."
                ).format(count=count, path=target),
            ),
            failure=lambda error: feedback.show_refusal(self, what, error),
        )
