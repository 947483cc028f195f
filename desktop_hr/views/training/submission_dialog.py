"""Add or edit one submission (person, type, title, text, attached file, time handed in), and grade it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr import paths
from desktop_hr.db import Database, read_only
from desktop_hr.models import AssignmentType
from desktop_hr.services.training.enrolment import Person, session_people
from desktop_hr.services.training.submissions import (
    KEEP,
    TITLE_MAX,
    SubmissionData,
    SubmissionRow,
    assignment_of,
    copy_submission_file_out,
    grade,
    submission_data,
    submit,
)
from desktop_hr.views.forms import RecordDialog, reading
from desktop_hr.views.operations import Task, run_in_background
from desktop_hr.views.roles import may_write
from desktop_hr.views.widgets import EnumCombo

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
OPEN_FOLDER = "open"  # under the data folder, as for course materials: copies handed to their program
NOT_GRADED = -1  # the spin boxes' "not graded" value, shown as text


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    day, at = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), at.hour(), at.minute())


def people_combo(parent: QWidget, name: str) -> QComboBox:
    """A picker of the people enrolled in a session (item data: employee id), filled by `fill_people`."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    return combo


def fill_people(combo: QComboBox, people: list[Person]) -> None:
    for person in people:
        combo.addItem(person.label(), person.employee_id)


def fix_person(combo: QComboBox, employee_id: int, text: str) -> None:
    """Show this person and lock the picker (editing); someone no longer enrolled is added for the purpose."""
    index = combo.findData(employee_id)
    if index < 0:
        combo.addItem(text, employee_id)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
    combo.setEnabled(False)


def open_submission_file(parent: QWidget, db: Database, submission_id: int) -> None:
    """Copy the attached file out of the database and open it with the program the system uses for it."""

    def copy(_task: Task) -> Path:
        with read_only(db) as session:
            return copy_submission_file_out(session, submission_id, paths.data_dir() / OPEN_FOLDER)

    def show(path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(
                parent,
                parent.tr("Cannot open the file"),
                parent.tr("No program is set up to open {path}.").format(path=path),
            )

    run_in_background(parent, copy, success=show)


@dataclass(frozen=True)
class _Start:
    """What the submission dialog reads first: who may hand in, the session's assignment, the submission."""

    people: list[Person]
    default_kind: AssignmentType | None
    submission: SubmissionData | None


def _read_start(session_id: int, submission_id: int | None) -> Callable[[Session], _Start]:
    def read(session: Session) -> _Start:
        editing = submission_data(session, submission_id) if submission_id is not None else None
        return _Start(session_people(session, session_id), assignment_of(session, session_id), editing)

    return read


class SubmissionDialog(RecordDialog):
    """A new submission for someone enrolled, or an edit of one (person and type are then fixed)."""

    def __init__(
        self,
        db: Database,
        session_id: int,
        *,
        submission_id: int | None = None,
        now: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("submission_dialog")
        self._db = db
        self._session_id = session_id
        self._submission: SubmissionData | None = None
        self._file_path: Path | None = None
        editing = submission_id is not None
        self.setWindowTitle(self.tr("Edit submission") if editing else self.tr("Submission"))

        self.person_combo = people_combo(self, "person_combo")
        self.kind_combo = EnumCombo(AssignmentType, blank=False, parent=self)
        self.kind_combo.setObjectName("kind_combo")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("title_edit")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("text_edit")
        self.file_label = QLabel(self.tr("(no file)"), self)
        self.file_label.setObjectName("file_label")
        self.attach_button = QPushButton(self.tr("Attach file…"), self)
        self.attach_button.setObjectName("attach_button")
        self.attach_button.clicked.connect(self.choose_file)
        self.open_file_button = QPushButton(self.tr("Open"), self)
        self.open_file_button.setObjectName("open_file_button")
        self.open_file_button.setEnabled(False)
        self.open_file_button.clicked.connect(self.open_file)
        self.submitted_edit = QDateTimeEdit(self)
        self.submitted_edit.setObjectName("submitted_edit")
        self.submitted_edit.setDisplayFormat(DATETIME_FORMAT)
        self.submitted_edit.setCalendarPopup(True)
        self.submitted_edit.setDateTime(to_qdatetime(now or datetime.now()))
        self.correct_time_check = QCheckBox(self.tr("Correct the time it was handed in"), self)
        self.correct_time_check.setObjectName("correct_time_check")
        self.correct_time_check.hide()

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.attach_button)
        file_row.addWidget(self.open_file_button)
        form = QFormLayout()
        form.addRow(self.tr("Person"), self.person_combo)
        form.addRow(self.tr("Type"), self.kind_combo)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Text"), self.text_edit)
        form.addRow(self.tr("Attached file"), file_row)
        form.addRow(self.tr("Handed in"), self.submitted_edit)
        form.addRow("", self.correct_time_check)
        self.finish(form, "submission_buttons", self._save)
        self.resize(560, 520)
        inputs = (self.person_combo, self.kind_combo, self.title_edit, self.text_edit, self.attach_button)
        self.load(reading(db, _read_start(session_id, submission_id)), self._start, *inputs)

    def _start(self, start: _Start) -> None:
        fill_people(self.person_combo, start.people)
        self.kind_combo.set_value(start.default_kind or AssignmentType.REFLECTION)
        if start.submission is not None:
            self._submission = start.submission
            self._show(start.submission)

    def _show(self, submission: SubmissionData) -> None:
        """Editing: the key (person, type) stays; the first time handed in stays unless corrected."""
        fix_person(self.person_combo, submission.employee_id, f"{submission.employee_no} {submission.name}")
        self.kind_combo.set_value(submission.kind)
        self.kind_combo.setEnabled(False)
        self.title_edit.setText(submission.title)
        self.text_edit.setPlainText(submission.text)
        if submission.file_name:
            self.file_label.setText(submission.file_name)
            self.open_file_button.setEnabled(True)
        self.submitted_edit.setDateTime(to_qdatetime(submission.submitted_at))
        self.submitted_edit.setEnabled(False)
        self.correct_time_check.show()
        self.correct_time_check.toggled.connect(self.submitted_edit.setEnabled)

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
        if chosen:
            self._file_path = Path(chosen)
            self.file_label.setText(self._file_path.name)
            self.open_file_button.setEnabled(False)  # the new file is not stored until saved

    def open_file(self) -> None:
        if self._submission is not None and self._submission.file_name:
            open_submission_file(self, self._db, self._submission.id)

    def _save(self) -> None:
        employee_id = self.person_combo.currentData()
        if employee_id is None:
            QMessageBox.warning(
                self,
                self.tr("Submission not saved"),
                self.tr("Nobody is enrolled in this session yet."),
            )
            return
        db, session_id, kind = self._db, self._session_id, self.kind_combo.value()
        title, text, file_path = self.title_edit.text(), self.text_edit.toPlainText(), self._file_path
        submitted_at = from_qdatetime(self.submitted_edit.dateTime())
        correct = self.correct_time_check.isChecked()
        self.submit(
            lambda: submit(
                db.uow(),
                session_id,
                int(employee_id),
                kind,
                title=title,
                text=text,
                file_path=file_path,
                submitted_at=submitted_at,
                correct_time=correct,
            ),
            self.tr("Submission not saved"),
        )


def score_spin(parent: QWidget, name: str, value: int | None) -> QSpinBox:
    """0-100, or "not graded" one below the range."""
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(NOT_GRADED, 100)
    spin.setSpecialValueText(parent.tr("Not graded"))
    spin.setValue(NOT_GRADED if value is None else value)
    return spin


def spin_value(spin: QSpinBox) -> int | None:
    return None if spin.value() == spin.minimum() else spin.value()


class GradeDialog(RecordDialog):
    """HR's and the department head's scores; the final score is their mean once both are in."""

    def __init__(self, db: Database, row: SubmissionRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grade_dialog")
        self._db = db
        self._submission_id = row.id
        self.setWindowTitle(self.tr("Grade {name}'s submission").format(name=row.name))
        self.hr_spin = score_spin(self, "hr_score_spin", row.hr_score)
        self.head_spin = score_spin(self, "head_score_spin", row.head_score)
        # A department head gives its own score only; HR's stays as it is (shown, not editable).
        self.hr_spin.setEnabled(may_write(db.principal, "submission", "update", changed=("hr_score",)))
        hint = QLabel(self.tr("The final score is the mean of both; it stays pending until both are given."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("HR score"), self.hr_spin)
        form.addRow(self.tr("Department head score"), self.head_spin)
        self.finish(form, "grade_buttons", self._save, hint)

    def _save(self) -> None:
        db, submission_id = self._db, self._submission_id
        hr = spin_value(self.hr_spin) if self.hr_spin.isEnabled() else KEEP
        head = spin_value(self.head_spin)
        self.submit(
            lambda: grade(db.uow(), submission_id, hr_score=hr, head_score=head).id,
            self.tr("Grades not saved"),
        )
