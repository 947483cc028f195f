"""The Courses tab: the course list with search and filters, and every action on a course and its Excel exchange."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models import CourseCategory, Delivery
from desktop_hr.services.training.courses import (
    COURSE_COLUMNS,
    CourseQuery,
    CourseRow,
    course_rows,
    delete_course,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import ImportDialog, download_template, export_kind_to_file
from desktop_hr.views.forms import QueryTableModel, follow_lazily, open_dialog
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.roles import allowed, permit
from desktop_hr.views.training.course_dialog import CourseDialog
from desktop_hr.views.widgets import (
    EmptyHint,
    EnumCombo,
    delete_key_action,
    filter_combos,
    icon_button,
    search_box,
    setup_record_table,
)

KIND = "courses"

COLUMN_WIDTHS = {"code": 80, "title": 220, "owner": 180}


class CourseTableModel(QueryTableModel[CourseRow]):
    """Every course matching the query; sorting by a header asks the database again (CourseQuery.sort)."""

    numeric_columns = frozenset(
        COURSE_COLUMNS.index(key) for key in ("credits", "hours", "session_count", "material_count")
    )

    def __init__(self, db: Database, owner: QWidget) -> None:
        super().__init__(db, owner)
        self.query = CourseQuery()

    def titles(self) -> list[str]:
        texts = {
            "code": self.tr("Code"),
            "title": self.tr("Title"),
            "credits": self.tr("Credits"),
            "hours": self.tr("Hours"),
            "category": self.tr("Category"),
            "classification": self.tr("Training type"),
            "subject": self.tr("Subject"),
            "delivery": self.tr("Delivery"),
            "owner": self.tr("Module owner"),
            "session_count": self.tr("Sessions"),
            "material_count": self.tr("Materials"),
            "active": self.tr("Status"),
        }
        return [texts[key] for key in COURSE_COLUMNS]

    def values(self, item: CourseRow) -> list[str]:
        return [item.display(key) for key in COURSE_COLUMNS]

    def set_query(self, query: CourseQuery) -> None:
        self.query = query
        self.reload()

    def read(self) -> Callable[[Session], list[CourseRow]]:
        query = self.query
        return lambda session: course_rows(session, query)

    def row_of(self, course_id: int) -> int | None:
        return next((row for row, item in enumerate(self.items()) if item.id == course_id), None)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COURSE_COLUMNS):
            return
        key, descending = COURSE_COLUMNS[column], order == Qt.SortOrder.DescendingOrder
        if (self.query.sort, self.query.descending) != (key, descending):
            self.set_query(replace(self.query, sort=key, descending=descending))


class CoursesTab(QWidget):
    """The list is read in the background when the tab is first shown, and again whenever a write touches
    training or the organisation (a session added elsewhere changes a course's session count)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courses_tab")
        self._db = db
        self._keep: int | None = None  # the course to select once the list is read again

        self.search_edit, self._search_timer = search_box(
            self,
            "course_search_edit",
            self.tr("Search course code or title"),
            self.apply_filters,
            timer_name="course_search_timer",
        )
        self.category_filter = EnumCombo(
            CourseCategory, blank=True, blank_text=self.tr("All categories"), parent=self
        )
        self.category_filter.setObjectName("course_category_filter")
        self.delivery_filter = EnumCombo(
            Delivery, blank=True, blank_text=self.tr("Online and offline"), parent=self
        )
        self.delivery_filter.setObjectName("course_delivery_filter")
        filter_combos(self.apply_filters, self.category_filter, self.delivery_filter)
        self.inactive_check = QCheckBox(self.tr("Show courses no longer offered"), self)
        self.inactive_check.setObjectName("show_inactive_check")
        self.inactive_check.toggled.connect(lambda _on: self.apply_filters())

        button = functools.partial(icon_button, self)

        pixmap = QStyle.StandardPixmap
        self.new_button = button(
            "new_course_button", self.tr("New course"), pixmap.SP_FileIcon, self.new_course
        )
        self.edit_button = button(
            "edit_course_button", self.tr("Edit…"), pixmap.SP_FileDialogDetailedView, self.edit_selected
        )
        self.delete_button = button(
            "delete_course_button", self.tr("Delete…"), pixmap.SP_TrashIcon, self.delete_selected
        )
        self.import_button = button(
            "import_courses_button", self.tr("Import…"), pixmap.SP_ArrowDown, self.import_courses
        )
        self.export_button = button(
            "export_courses_button", self.tr("Export…"), pixmap.SP_ArrowUp, self.export_courses
        )
        self.template_button = button(
            "course_template_button",
            self.tr("Template…"),
            pixmap.SP_FileDialogNewFolder,
            self.download_template,
        )

        self.model = CourseTableModel(db, self)
        self.model.loaded.connect(self._loaded)
        self.table = QTableView(self)
        header = setup_record_table(
            self.table,
            "course_table",
            self.model,
            widths=[COLUMN_WIDTHS.get(key, 76) for key in COURSE_COLUMNS],
        )
        # Sorting by a header click re-queries in SQL (CourseTableModel.sort).
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # Enter and double click both "activate" a row: open it.
        self.table.activated.connect(self._activated)
        self.delete_action = delete_key_action(
            self.table, self.tr("Delete…"), "delete_course_action", self.delete_selected
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())
        principal = db.principal
        permit(principal, Permission.IMPORT, self.import_button, self.template_button)
        if not permit(
            principal, Permission.EDIT_RECORDS, self.new_button, self.delete_button, self.delete_action
        ):
            self.edit_button.setText(self.tr("Open…"))  # to read it (and, for some, add materials)

        actions = QHBoxLayout()
        actions.setSpacing(6)
        for made in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(made)
        actions.addStretch(1)
        for made in (self.import_button, self.export_button, self.template_button):
            actions.addWidget(made)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.category_filter)
        filters.addWidget(self.delivery_filter)
        filters.addWidget(self.inactive_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.model.query = self.current_query()
        self._sync_buttons()
        self._build_empty_hint()
        self.follower = follow_lazily(self, ("training", "organisation"), self.refresh)

    def _build_empty_hint(self) -> None:
        """No courses at all (not a filter's empty result): how to start the catalogue."""
        principal = self._db.principal
        may_edit, may_import = (
            allowed(principal, Permission.EDIT_RECORDS),
            allowed(principal, Permission.IMPORT),
        )
        self.empty_hint = EmptyHint(
            self.table,
            "courses_empty_hint",
            self.tr(
                "No courses yet. Sessions, sign-ins and credits all start from a course: add the first one, "
                "or import the course catalogue from Excel."
            ),
        )
        if may_edit:
            self.empty_hint.add_button("hint_new_course_button", self.tr("New course…"), self.new_course)
        if may_import:
            self.empty_hint.add_button(
                "hint_import_courses_button", self.tr("Import courses…"), self.import_courses
            )
            self.empty_hint.add_button(
                "hint_course_template_button", self.tr("Download template…"), self.download_template
            )

    # ---- the list ---------------------------------------------------------------------------------------

    def current_query(self) -> CourseQuery:
        return replace(
            self.model.query,
            text=self.search_edit.text().strip(),
            category=self.category_filter.value(),
            delivery=self.delivery_filter.value(),
            active=None if self.inactive_check.isChecked() else True,
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self._keep = self.selected_course()
        self.model.set_query(self.current_query())

    def refresh(self) -> None:
        """Read the list again (F5, or the hub after a write here or elsewhere), keeping the selection."""
        self.follower.stale = False
        if self._keep is None:
            self._keep = self.selected_course()
        self.model.set_query(self.current_query())

    def _loaded(self) -> None:
        query = self.model.query
        unfiltered = not query.text and query.category is None and query.delivery is None
        self.empty_hint.set_shown(unfiltered and self.model.rowCount() == 0)
        keep, self._keep = self._keep, None
        if keep is not None:
            self.select_course(keep)
        self._sync_buttons()

    def _select_later(self, course_id: object) -> None:
        """After a save: the list comes again through the hub, with this course selected."""
        if isinstance(course_id, int):
            self._keep = course_id

    def select_course(self, course_id: int) -> bool:
        row = self.model.row_of(course_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_course(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()).id if rows else None

    def _selected_row(self) -> CourseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _sync_buttons(self) -> None:
        chosen = self.selected_course() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_course(self.model.item(index.row()).id)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # ---- actions ------------------------------------------------------------------------------------------

    def new_course(self) -> CourseDialog:
        return open_dialog(CourseDialog(self._db, parent=self), self._select_later)

    def open_course(self, course_id: int) -> CourseDialog:
        return open_dialog(CourseDialog(self._db, course_id, parent=self), self._select_later)

    def edit_selected(self) -> None:
        course_id = self.selected_course()
        if course_id is not None:
            self.open_course(course_id)

    def delete_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        if not feedback.confirm(
            self,
            self.tr("Delete course"),
            self.tr(
                "Delete the course {code} {title} and its materials permanently?\n\n"
                "A course that has been run cannot be deleted; untick “Offered” instead."
            ).format(code=row.code, title=row.title),
            destructive=True,
        ):
            return

        def refused(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Cannot delete"), error)

        db, course_id = self._db, row.id
        run_in_background(
            self,
            lambda _task: delete_course(db.uow(), course_id),
            success=lambda _data: None,
            failure=refused,
        )

    # ---- Excel ------------------------------------------------------------------------------------------

    def import_courses(self) -> ImportDialog:
        dialog = ImportDialog(self._db, self, kind=KIND)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_courses(self) -> None:
        export_kind_to_file(self, self._db, KIND)

    def download_template(self) -> None:
        download_template(self, KIND)
