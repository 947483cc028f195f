"""A session's submissions: who handed in what and when, late ones in red, grades, 优秀/采纳/发表."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models import AssignmentType
from desktop_hr.services.labels import label
from desktop_hr.services.training.submissions import (
    SubmissionRow,
    delete_submission,
    set_flags,
    submission_rows,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import RecordDialog, RecordsPanel
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.qt_compat import AnyIndex
from desktop_hr.views.roles import permit, permit_records
from desktop_hr.views.training.submission_dialog import GradeDialog, SubmissionDialog, open_submission_file

LATE_COLOUR = QColor("#c62828")


class SubmissionTableModel(ListTableModel[SubmissionRow]):
    """One line per submission; the on-time column is red when late."""

    ON_TIME, HR, HEAD, FINAL = 5, 6, 7, 8
    numeric_columns = frozenset({HR, HEAD, FINAL})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Type"),
            self.tr("Title"),
            self.tr("Handed in"),
            self.tr("On time"),
            self.tr("HR score"),
            self.tr("Head score"),
            self.tr("Final"),
            self.tr("Marks"),
            self.tr("Note"),
        ]

    def values(self, row: SubmissionRow) -> list[str]:
        if row.on_time is None:
            timeliness = self.tr("No due date")
        else:
            timeliness = self.tr("On time") if row.on_time else self.tr("Late")
        final = self.tr("Pending") if row.pending else ""
        if row.final is not None:
            final = str(row.final)
        marks = [
            text
            for flag, text in (
                (row.excellent, self.tr("Excellent")),
                (row.adopted, self.tr("Adopted")),
                (row.published, self.tr("Published")),
            )
            if flag
        ]
        return [
            row.employee_no,
            row.name,
            label(row.kind),
            row.title or (row.file_name and f"[{row.file_name}]"),
            row.submitted_at.strftime("%Y-%m-%d %H:%M"),
            timeliness,
            "" if row.hr_score is None else str(row.hr_score),
            "" if row.head_score is None else str(row.head_score),
            final,
            " · ".join(marks),
            self.tr("Did not attend") if row.not_attended else "",
        ]

    def sort_value(self, item: SubmissionRow, column: int) -> Any:
        if column == self.FINAL:
            return float(item.final) if item.final is not None else -1.0
        return super().sort_value(item, column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == self.ON_TIME
            and 0 <= index.row() < self.rowCount()
            and self.item(index.row()).late
        ):
            return LATE_COLOUR
        return super().data(index, role)


class SessionRecordsPanel(RecordsPanel):
    """A session page tab listing records with Add / Edit / Delete (a SessionPanel): follows one session,
    and training and people through the hub (what it writes itself comes back that way too)."""

    areas = ("training", "employees")

    def __init__(self, db: Database, name: str, add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.name_parts(name, name, add_text)
        self._session_id: int | None = None

    def set_session(self, session_id: int) -> None:
        if session_id != self._session_id:
            self.model.set_items([])  # not the previous session's records under the new one's header
        self._session_id = session_id
        self.add_button.setEnabled(True)
        self.refresh_when_shown()

    def add(self) -> None:
        if self._session_id is not None:
            super().add()


class SubmissionsPanel(SessionRecordsPanel):
    """The submissions tab of a session page: add, edit, grade, mark and delete submissions."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, "submissions", self.tr("Add…"), parent)
        self._sized_for: int | None = None  # the session whose rows the columns were fitted to
        self.set_model(SubmissionTableModel(self))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.grade_button = self._button(self.tr("Grade…"), "grade_button", self.grade_selected)
        self.open_file_button = self._button(
            self.tr("Open file"), "open_submission_file_button", self.open_file
        )
        self.excellent_button = self._flag_button(self.tr("Excellent"), "excellent_button", "excellent")
        self.adopted_button = self._flag_button(self.tr("Adopted"), "adopted_button", "adopted")
        self.published_button = self._flag_button(self.tr("Published"), "published_button", "published")
        row = QHBoxLayout()
        for button in (
            self.grade_button,
            self.excellent_button,
            self.adopted_button,
            self.published_button,
            self.open_file_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)
        self.hint.setText(self.tr("Late submissions are shown in red."))
        # Grading is its own right (department heads grade their people); the rest is editing records.
        principal = db.principal
        permit_records(principal, Permission.EDIT_RECORDS, self)
        permit(
            principal,
            Permission.EDIT_RECORDS,
            self.excellent_button,
            self.adopted_button,
            self.published_button,
        )
        permit(principal, Permission.GRADE, self.grade_button)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _flag_button(self, text: str, name: str, flag: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setCheckable(True)
        button.clicked.connect(lambda checked: self.set_flag(flag, checked))
        return button

    def records(self) -> Callable[[Session], list[SubmissionRow]] | None:
        session_id = self._session_id
        if session_id is None:
            return None
        return lambda session: submission_rows(session, session_id)

    def show_records(self, rows: list[SubmissionRow]) -> None:
        """The session's submissions, the selected one kept selected."""
        selected = self.selected()
        self.model.set_items(rows)
        if selected is not None:
            for index, row in enumerate(rows):
                if row.id == selected.id:
                    self.table.selectRow(index)
        if self._sized_for != self._session_id:
            # Measuring every cell takes tens of ms: once per session, not after every write.
            self._sized_for = self._session_id
            self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> SubmissionRow | None:
        row = self.selected_row()
        return self.model.item(row) if row is not None else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.add_button.setEnabled(self._session_id is not None)
        for button in (self.edit_button, self.delete_button, self.grade_button, self.excellent_button):
            button.setEnabled(row is not None)
        self.adopted_button.setEnabled(row is not None and row.kind is AssignmentType.ACTION_PLAN)
        self.published_button.setEnabled(row is not None and row.kind is AssignmentType.REFLECTION)
        self.open_file_button.setEnabled(row is not None and bool(row.file_name))
        self.excellent_button.setChecked(row is not None and row.excellent)
        self.adopted_button.setChecked(row is not None and row.adopted)
        self.published_button.setChecked(row is not None and row.published)

    # ---- actions ----

    def _dialog(self, record: SubmissionRow | None) -> RecordDialog:
        assert self._session_id is not None
        return SubmissionDialog(
            self._db,
            self._session_id,
            submission_id=record.id if record is not None else None,
            now=datetime.now(),
            parent=self,
        )

    def _deletion(self, row: SubmissionRow) -> tuple[str, str, Callable[[], object]]:
        question = self.tr("Delete {name}'s {kind} “{title}”?").format(
            name=row.name, kind=label(row.kind), title=row.title
        )
        db = self._db
        return self.tr("Delete submission"), question, lambda: delete_submission(db.uow(), row.id)

    def grade_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.open_record_dialog(GradeDialog(self._db, row, parent=self))

    def set_flag(self, flag: str, checked: bool) -> None:
        row = self.selected()
        if row is None:
            return
        db = self._db

        def failed(error: BaseException) -> None:
            feedback.show_error(self, error)
            self._update_buttons()  # the button goes back to what is stored

        run_in_background(
            self,
            lambda _task: set_flags(db.uow(), row.id, **{flag: checked}),
            success=lambda _row: None,
            failure=failed,
        )

    def open_file(self) -> None:
        row = self.selected()
        if row is not None and row.file_name:
            open_submission_file(self, self._db, row.id)
