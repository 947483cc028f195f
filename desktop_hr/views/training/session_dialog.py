"""Create or edit one training session: every field, the course, an internal or external trainer, validation per field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models import AssignmentType, SessionStatus
from desktop_hr.services.training.sessions import (
    CODE_MAX,
    EXTERNAL_MAX,
    PLACE_MAX,
    CourseChoice,
    SessionData,
    TrainerChoice,
    course_choices,
    create_session,
    get_session,
    next_session_code,
    session_summary,
    trainer_choices,
    update_session,
)
from desktop_hr.views.forms import FieldDialog, reading
from desktop_hr.views.operations import Task
from desktop_hr.views.widgets import EnumCombo, OptionalDateEdit

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
DEFAULT_START = time(9, 0)
DEFAULT_LENGTH = timedelta(hours=3)


def _to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def _from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


@dataclass(frozen=True)
class _Choices:
    """The courses and trainers to choose from, and the session (None: a new one, with a free code)."""

    courses: list[CourseChoice]
    trainers: list[TrainerChoice]
    current: SessionData | None
    suggested_code: str


def _read_choices(session_id: int | None, start_day: date) -> Callable[[Session], _Choices]:
    def read(session: Session) -> _Choices:
        current = get_session(session, session_id) if session_id is not None else None
        courses = course_choices(session, include=current.course_id if current else None)
        trainers = trainer_choices(session)
        if current is not None and current.trainer_id is not None and session_id is not None:
            summary = session_summary(session, session_id)
            if all(t.id != current.trainer_id for t in trainers):
                # The session's own trainer may have left since; it stays selectable here.
                trainers.append(TrainerChoice(current.trainer_id, summary.trainer_no, summary.trainer, True))
        return _Choices(courses, trainers, current, next_session_code(session, start_day))

    return read


class SessionDialog(FieldDialog):
    """`saved` carries the new session's id (create) or the SessionChange (edit), after the commit."""

    def __init__(
        self,
        db: Database,
        *,
        session_id: int | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("session_dialog")
        self._db = db
        self._session_id = session_id
        self.fallback_key = "session.code"  # an error of no field of its own shows under the code
        self._start_day = day or date.today() + timedelta(days=7)
        self._build()
        self.setWindowTitle(self.tr("New session") if session_id is None else self.tr("Session"))
        self.load(reading(db, _read_choices(session_id, self._start_day)), self._show_choices, self.form_page)

    def _show_choices(self, choices: _Choices) -> None:
        for course in choices.courses:
            self.course_combo.addItem(f"{course.code} {course.title}", course.id)
        for trainer in choices.trainers:
            mark = self.tr(" (trainer)") if trainer.is_trainer else ""
            self.trainer_combo.addItem(trainer.label() + mark, trainer.id)
        current = choices.current
        if current is not None:
            self.setWindowTitle(self.tr("Session {code}").format(code=current.code))
            self.set_data(current)
        else:
            starts = datetime.combine(self._start_day, DEFAULT_START)
            self.set_data(
                SessionData(
                    code=choices.suggested_code,
                    course_id=choices.courses[0].id if choices.courses else 0,
                    starts_at=starts,
                    ends_at=starts + DEFAULT_LENGTH,
                )
            )

    # ---- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.form_page = QWidget(self)
        self.form_page.setObjectName("session_form")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setMaxLength(CODE_MAX)
        self.course_combo = QComboBox(self)
        self.course_combo.setObjectName("course_combo")
        self.starts_edit = self._datetime_edit("starts_edit")
        self.ends_edit = self._datetime_edit("ends_edit")
        self._length = DEFAULT_LENGTH
        self.starts_edit.dateTimeChanged.connect(self._start_moved)
        self.ends_edit.dateTimeChanged.connect(lambda _v: self._remember_length())
        self.place_edit = QLineEdit(self)
        self.place_edit.setObjectName("place_edit")
        self.place_edit.setMaxLength(PLACE_MAX)

        self.internal_radio = QRadioButton(self.tr("Internal"), self)
        self.internal_radio.setObjectName("internal_trainer_radio")
        self.external_radio = QRadioButton(self.tr("External"), self)
        self.external_radio.setObjectName("external_trainer_radio")
        self.trainer_combo = QComboBox(self)
        self.trainer_combo.setObjectName("trainer_combo")
        self.trainer_combo.setEditable(True)
        self.trainer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.trainer_combo.addItem("", None)
        completer = self.trainer_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.external_edit = QLineEdit(self)
        self.external_edit.setObjectName("external_trainer_edit")
        self.external_edit.setMaxLength(EXTERNAL_MAX)
        self.external_edit.setPlaceholderText(self.tr("Name of the external trainer"))
        self.internal_radio.toggled.connect(self._sync_trainer)
        trainer_row = QWidget(self)
        trainer_layout = QHBoxLayout(trainer_row)
        trainer_layout.setContentsMargins(0, 0, 0, 0)
        trainer_layout.addWidget(self.internal_radio)
        trainer_layout.addWidget(self.trainer_combo, 2)
        trainer_layout.addWidget(self.external_radio)
        trainer_layout.addWidget(self.external_edit, 2)

        self.capacity_spin = QSpinBox(self)
        self.capacity_spin.setObjectName("capacity_spin")
        self.capacity_spin.setRange(0, 100_000)
        self.capacity_spin.setSpecialValueText(self.tr("Unlimited"))
        self.deadline_edit = OptionalDateEdit(self)
        self.deadline_edit.setObjectName("deadline_edit")
        self.assignment_combo = EnumCombo(AssignmentType, blank=True, blank_text=self.tr("None"), parent=self)
        self.assignment_combo.setObjectName("assignment_combo")
        self.assignment_combo.currentIndexChanged.connect(lambda _i: self._sync_assignment())
        self.due_edit = OptionalDateEdit(self)
        self.due_edit.setObjectName("due_edit")
        self.pass_mark_spin = QSpinBox(self)
        self.pass_mark_spin.setObjectName("pass_mark_spin")
        self.pass_mark_spin.setRange(-1, 100)
        self.pass_mark_spin.setSpecialValueText(self.tr("No exam"))
        self.status_combo = EnumCombo(SessionStatus, blank=False, parent=self)
        self.status_combo.setObjectName("status_combo")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setFixedHeight(60)

        form = QFormLayout(self.form_page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def add(key: str, text: str, editor: QWidget, *, required: bool = False) -> None:
            # Field keys as in FieldError.field ("session.code"); boxes named without the prefix.
            self.add_field(form, f"session.{key}", text, editor, name=key, required=required)

        add("code", self.tr("Session code"), self.code_edit, required=True)
        add("course", self.tr("Course"), self.course_combo, required=True)
        add("starts_at", self.tr("Start"), self.starts_edit, required=True)
        add("ends_at", self.tr("End"), self.ends_edit, required=True)
        add("place", self.tr("Place"), self.place_edit)
        add("trainer", self.tr("Trainer"), trainer_row)
        self.boxes["session.external_trainer"] = self.boxes["session.trainer"]
        add("capacity", self.tr("Capacity"), self.capacity_spin)
        add("enrol_deadline", self.tr("Enrolment deadline"), self.deadline_edit)
        add("assignment_type", self.tr("Assignment"), self.assignment_combo)
        add("assignment_due", self.tr("Assignment due"), self.due_edit)
        add("pass_mark", self.tr("Exam pass mark"), self.pass_mark_spin)
        add("status", self.tr("Status"), self.status_combo)
        add("note", self.tr("Note"), self.note_edit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form_page)
        layout.addLayout(self.button_row("session_buttons"))
        self.resize(640, 560)

    def _datetime_edit(self, name: str) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setObjectName(name)
        edit.setDisplayFormat(DATETIME_FORMAT)
        edit.setCalendarPopup(True)
        return edit

    def _start_moved(self, value: QDateTime) -> None:
        # Moving the start keeps the session's length, so the end never falls before it by accident.
        self.ends_edit.setDateTime(_to_qdatetime(_from_qdatetime(value) + self._length))

    def _remember_length(self) -> None:
        length = _from_qdatetime(self.ends_edit.dateTime()) - _from_qdatetime(self.starts_edit.dateTime())
        self._length = length if length > timedelta(0) else DEFAULT_LENGTH

    def _sync_trainer(self) -> None:
        internal = self.internal_radio.isChecked()
        self.trainer_combo.setEnabled(internal)
        self.external_edit.setEnabled(not internal)

    def _sync_assignment(self) -> None:
        has = self.assignment_combo.value() is not None
        self.due_edit.setEnabled(has)
        if not has:
            self.due_edit.set_value(None)

    # ---- data in and out -----------------------------------------------------------------------

    def set_data(self, data: SessionData) -> None:
        self.code_edit.setText(data.code)
        self.course_combo.setCurrentIndex(max(self.course_combo.findData(data.course_id), 0))
        self.starts_edit.blockSignals(True)
        self.starts_edit.setDateTime(_to_qdatetime(data.starts_at))
        self.starts_edit.blockSignals(False)
        self.ends_edit.setDateTime(_to_qdatetime(data.ends_at))
        self._remember_length()
        self.place_edit.setText(data.place)
        external = data.trainer_id is None and bool(data.external_trainer)
        self.external_radio.setChecked(external)
        self.internal_radio.setChecked(not external)
        self.trainer_combo.setCurrentIndex(max(self.trainer_combo.findData(data.trainer_id), 0))
        self.external_edit.setText(data.external_trainer)
        self._sync_trainer()
        self.capacity_spin.setValue(data.capacity or 0)
        self.deadline_edit.set_value(data.enrol_deadline)
        self.assignment_combo.set_value(data.assignment_type)
        self.due_edit.set_value(data.assignment_due)
        self._sync_assignment()
        self.pass_mark_spin.setValue(data.pass_mark if data.pass_mark is not None else -1)
        self.status_combo.set_value(data.status)
        self.note_edit.setPlainText(data.note)

    def _trainer_id(self) -> int | None:
        if not self.internal_radio.isChecked():
            return None
        # The typed text must name an entry: "E001 张三" picks it, anything else is no trainer.
        index = self.trainer_combo.findText(self.trainer_combo.currentText())
        value = self.trainer_combo.itemData(index) if index >= 0 else None
        return int(value) if value is not None else None

    def session_data(self) -> SessionData:
        internal = self.internal_radio.isChecked()
        capacity = self.capacity_spin.value()
        pass_mark = self.pass_mark_spin.value()
        course = self.course_combo.currentData()
        return SessionData(
            code=self.code_edit.text(),
            course_id=int(course) if course is not None else 0,
            starts_at=_from_qdatetime(self.starts_edit.dateTime()),
            ends_at=_from_qdatetime(self.ends_edit.dateTime()),
            place=self.place_edit.text(),
            trainer_id=self._trainer_id(),
            external_trainer="" if internal else self.external_edit.text(),
            capacity=capacity or None,
            enrol_deadline=self.deadline_edit.value(),
            assignment_type=self.assignment_combo.value(),
            assignment_due=self.due_edit.value(),
            pass_mark=pass_mark if pass_mark >= 0 else None,
            status=self.status_combo.value(),
            note=self.note_edit.toPlainText(),
        )

    def form_data(self) -> SessionData:
        return self.session_data()

    # ---- saving -------------------------------------------------------------------------------

    def store(self, data: SessionData) -> Callable[[Task], object]:
        db, session_id = self._db, self._session_id
        if session_id is None:
            return lambda _task: create_session(db.uow(), data)
        return lambda _task: update_session(db.uow(), session_id, data)

    def discard_question(self) -> str:
        return self.tr("You have changed this session. Close without saving?")
