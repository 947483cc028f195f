"""The mentoring page's dialogs: a pair (mentor, mentee, period, note), ending a pair, hours logged, an
evaluation; each refused field shows its message under it and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database
from desktop_hr.services import validation
from desktop_hr.services.development.mentoring import (
    HOURS_MAX,
    NOTE_MAX,
    PairData,
    end_pair,
    log_hours,
    save_pair,
    set_evaluation,
)
from desktop_hr.services.development.mentoring_lists import PairRow
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.forms import FieldDialog
from desktop_hr.views.operations import Task
from desktop_hr.views.widgets import DATE_FORMAT, OptionalDateEdit, from_qdate, to_qdate


def _date_edit(parent: QWidget, name: str, value: date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setDate(to_qdate(value))
    return edit


def _note_edit(parent: QWidget, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setFixedHeight(60)
    edit.setPlaceholderText(
        QCoreApplication.translate("Mentoring", "At most {limit} characters").format(limit=NOTE_MAX)
    )
    return edit


class PersonChooser(QWidget):
    """A chosen person shown as 工号 and name, and Choose… opening the employee picker (one person)."""

    def __init__(self, db: Database, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_chooser")
        self._db, self._title = db, title
        self.employee_id: int | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{name}_edit")
        self.edit.setReadOnly(True)
        self.edit.setPlaceholderText(self.tr("Nobody chosen yet"))
        self.button = QPushButton(self.tr("Choose…"), self)
        self.button.setObjectName(f"choose_{name}_button")
        self.button.clicked.connect(lambda _checked: self.choose())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.button)

    def choose(self) -> EmployeePicker:
        picker = EmployeePicker(self._db, self, title=self._title)
        picker.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        picker.select_all_button.hide()
        picker.ok_button.setText(self.tr("Choose"))

        def picked(ids: list[int]) -> None:
            row = next(r for r in picker.model.items() if r.id == ids[0])
            self.set_person(row.id, f"{row.employee_no} {row.name}")

        picker.picked.connect(picked)
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def set_person(self, employee_id: int | None, text: str) -> None:
        self.employee_id = employee_id
        self.edit.setText(text)


class PairDialog(FieldDialog):
    """Add (pair None) or edit a pair; `saved` carries its id."""

    def __init__(self, db: Database, pair: PairRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pair_dialog")
        self.setWindowTitle(self.tr("New mentoring pair") if pair is None else self.tr("Mentoring pair"))
        self._db = db
        self._pair_id = pair.id if pair is not None else None
        self.mentor = PersonChooser(db, "mentor", self.tr("Choose the mentor"), self)
        self.mentee = PersonChooser(db, "mentee", self.tr("Choose the mentee"), self)
        self.starts_edit = _date_edit(self, "starts_edit", date.today())
        self.ends_edit = OptionalDateEdit(self)
        self.ends_edit.setObjectName("ends_edit")
        self.note_edit = _note_edit(self, "pair_note_edit")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_field(
            form, "mentoring_mentor", self.tr("Mentor"), self.mentor, required=True, watch=self.mentor.edit
        )
        self.add_field(
            form, "mentoring_mentee", self.tr("Mentee"), self.mentee, required=True, watch=self.mentee.edit
        )
        self.add_field(form, "mentoring_starts_on", self.tr("Start"), self.starts_edit, required=True)
        self.add_field(form, "mentoring_ends_on", self.tr("End (blank while it runs)"), self.ends_edit)
        self.add_field(form, "mentoring_note", self.tr("Note"), self.note_edit)
        self.fallback_key = "mentoring_starts_on"
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.button_row("pair_buttons"))
        self.resize(560, 360)
        if pair is not None:
            self.mentor.set_person(pair.mentor_id, pair.mentor)
            self.mentee.set_person(pair.mentee_id, pair.mentee)
            self.starts_edit.setDate(to_qdate(pair.starts_on))
            self.ends_edit.set_value(pair.ends_on)
            self.note_edit.setPlainText(pair.note)
        self.keep_initial()

    def form_data(self) -> PairData:
        return PairData(
            self.mentor.employee_id,
            self.mentee.employee_id,
            from_qdate(self.starts_edit.date()),
            self.ends_edit.value(),
            self.note_edit.toPlainText(),
        )

    def store(self, data: PairData) -> Callable[[Task], object]:
        db, pair_id = self._db, self._pair_id
        return lambda _task: save_pair(db.uow(), data, pair_id)

    def discard_question(self) -> str:
        return self.tr("You have changed this pair. Close without saving?")


@dataclass(frozen=True)
class _EndForm:
    on: date

    def cleaned(self) -> _EndForm:
        return self


class EndPairDialog(FieldDialog):
    """The last day of a running pair."""

    def __init__(self, db: Database, pair: PairRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("end_pair_dialog")
        self.setWindowTitle(self.tr("End the mentoring pair"))
        self._db, self._pair_id = db, pair.id
        about = QLabel(
            self.tr("Mentor {mentor}, mentee {mentee}, since {start}.").format(
                mentor=pair.mentor, mentee=pair.mentee, start=pair.starts_on.isoformat()
            ),
            self,
        )
        about.setWordWrap(True)
        self.on_edit = _date_edit(self, "end_on_edit", max(date.today(), pair.starts_on))
        form = QFormLayout()
        self.add_field(form, "mentoring_ends_on", self.tr("Last day"), self.on_edit, required=True)
        self.boxes["mentoring_starts_on"] = self.boxes["mentoring_ends_on"]
        self.fallback_key = "mentoring_ends_on"
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addLayout(self.button_row("end_pair_buttons", required_hint=False))
        self.keep_initial()

    def form_data(self) -> _EndForm:
        return _EndForm(from_qdate(self.on_edit.date()))

    def store(self, data: _EndForm) -> Callable[[Task], object]:
        db, pair_id = self._db, self._pair_id
        return lambda _task: end_pair(db.uow(), pair_id, data.on)

    def discard_question(self) -> str:
        return self.tr("Close without ending the pair?")


@dataclass(frozen=True)
class _LogForm:
    on: date
    hours: Decimal
    note: str

    def cleaned(self) -> _LogForm:
        return replace(self, note=validation.trim(self.note))


class LogHoursDialog(FieldDialog):
    """Hours the mentor spent with the mentee on one day."""

    def __init__(self, db: Database, pair: PairRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("log_hours_dialog")
        self.setWindowTitle(self.tr("Log mentoring hours"))
        self._db, self._pair_id = db, pair.id
        about = QLabel(
            self.tr("Mentor {mentor}, mentee {mentee}.").format(mentor=pair.mentor, mentee=pair.mentee), self
        )
        last = pair.ends_on or date.today()
        self.on_edit = _date_edit(self, "log_on_edit", min(max(date.today(), pair.starts_on), last))
        self.hours_spin = QDoubleSpinBox(self)
        self.hours_spin.setObjectName("log_hours_spin")
        self.hours_spin.setDecimals(2)
        self.hours_spin.setRange(0, float(HOURS_MAX))
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setSuffix(self.tr(" h"))
        self.note_edit = _note_edit(self, "log_note_edit")
        form = QFormLayout()
        self.add_field(form, "mentoring_on", self.tr("Date"), self.on_edit, required=True)
        self.add_field(form, "mentoring_hours", self.tr("Hours"), self.hours_spin, required=True)
        self.add_field(form, "mentoring_note", self.tr("Note"), self.note_edit)
        self.fallback_key = "mentoring_hours"
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addLayout(self.button_row("log_hours_buttons"))
        self.keep_initial()

    def form_data(self) -> _LogForm:
        hours = Decimal(f"{self.hours_spin.value():.2f}")
        return _LogForm(from_qdate(self.on_edit.date()), hours, self.note_edit.toPlainText())

    def store(self, data: _LogForm) -> Callable[[Task], object]:
        db, pair_id = self._db, self._pair_id
        return lambda _task: log_hours(db.uow(), pair_id, data.on, data.hours, data.note)

    def discard_question(self) -> str:
        return self.tr("Close without logging these hours?")


@dataclass(frozen=True)
class _EvaluationForm:
    year: int
    score: int
    comment: str

    def cleaned(self) -> _EvaluationForm:
        return replace(self, comment=validation.trim(self.comment))


class EvaluationDialog(FieldDialog):
    """The mentee's evaluation (0-100) of a year; a year already evaluated is replaced."""

    def __init__(self, db: Database, pair: PairRow, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluation_dialog")
        self.setWindowTitle(self.tr("Mentee's evaluation"))
        self._db, self._pair_id = db, pair.id
        about = QLabel(
            self.tr("{mentee} evaluates mentor {mentor}.").format(mentor=pair.mentor, mentee=pair.mentee),
            self,
        )
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("evaluation_year_spin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.score_spin = QSpinBox(self)
        self.score_spin.setObjectName("evaluation_score_spin")
        self.score_spin.setRange(0, 100)
        self.score_spin.setValue(pair.evaluation if pair.evaluation is not None else 90)
        self.comment_edit = _note_edit(self, "evaluation_comment_edit")
        form = QFormLayout()
        self.add_field(form, "mentoring_year", self.tr("Year"), self.year_spin, required=True)
        self.add_field(form, "mentoring_score", self.tr("Evaluation (0-100)"), self.score_spin, required=True)
        self.add_field(form, "mentoring_comment", self.tr("Comment"), self.comment_edit)
        self.fallback_key = "mentoring_score"
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addLayout(self.button_row("evaluation_buttons"))
        self.keep_initial()

    def form_data(self) -> _EvaluationForm:
        return _EvaluationForm(
            self.year_spin.value(), self.score_spin.value(), self.comment_edit.toPlainText()
        )

    def store(self, data: _EvaluationForm) -> Callable[[Task], object]:
        db, pair_id = self._db, self._pair_id
        return lambda _task: set_evaluation(db.uow(), pair_id, data.year, data.score, data.comment)

    def discard_question(self) -> str:
        return self.tr("Close without saving the evaluation?")
