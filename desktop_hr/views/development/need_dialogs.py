"""The needs pool's dialogs: a need (new, or HR's edit) and HR's change of status with a linked course or session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_hr.db import Database
from desktop_hr.models.development import NeedStatus
from desktop_hr.services.development.needs import (
    NOTE_MAX,
    TITLE_MAX,
    LinkChoices,
    NeedChoices,
    NeedData,
    NeedRow,
    link_choices,
    need_choices,
    set_status,
    submit_need,
    update_need,
)
from desktop_hr.views.forms import FieldDialog, reading
from desktop_hr.views.operations import Task
from desktop_hr.views.widgets import EnumCombo


def _choice_combo(parent: QWidget, name: str, blank: str, items: list[tuple[int, str]]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItem(blank, None)
    for item_id, text in items:
        combo.addItem(text, item_id)
    return combo


def _select(combo: QComboBox, value: int | None) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class NeedDialog(FieldDialog):
    """A new need (heads and HR; a head picks only its own departments) or HR's edit of one; `saved` carries
    the need's id."""

    def __init__(self, db: Database, need: NeedRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("need_dialog")
        self._db = db
        self._need = need
        self.fallback_key = "need_title"
        self.setWindowTitle(self.tr("New training need") if need is None else self.tr("Training need"))
        self.form_page = QWidget(self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("need_title_edit")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("need_department_combo")
        self.competency_combo = QComboBox(self)
        self.competency_combo.setObjectName("need_competency_combo")
        self.detail_edit = QPlainTextEdit(self)
        self.detail_edit.setObjectName("need_detail_edit")
        self.detail_edit.setFixedHeight(90)
        form = QFormLayout(self.form_page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scoped = db.principal is not None and db.principal.scoped
        self.add_field(form, "need_title", self.tr("Need"), self.title_edit, required=True)
        self.add_field(form, "need_department", self.tr("Department"), self.department_combo, required=scoped)
        self.add_field(form, "need_competency", self.tr("Competency"), self.competency_combo)
        self.add_field(form, "need_detail", self.tr("Detail"), self.detail_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_page)
        layout.addLayout(self.button_row("need_buttons"))
        self.resize(520, 300)
        principal = db.principal
        self.load(reading(db, lambda s: need_choices(s, principal)), self._show_choices, self.form_page)

    def _show_choices(self, choices: NeedChoices) -> None:
        scoped = self._db.principal is not None and self._db.principal.scoped
        blank = self.tr("(choose)") if scoped else self.tr("(whole company)")
        for combo, items, empty in (
            (self.department_combo, choices.departments, blank),
            (self.competency_combo, choices.competencies, self.tr("(none)")),
        ):
            combo.clear()
            combo.addItem(empty, None)
            for item_id, text in items:
                combo.addItem(text, item_id)
        need = self._need
        if need is not None:
            self.title_edit.setText(need.title)
            _select(self.department_combo, need.department_id)
            _select(self.competency_combo, need.competency_id)
            self.detail_edit.setPlainText(need.detail)
        elif scoped and len(choices.departments) >= 1:
            self.department_combo.setCurrentIndex(1)  # the head's own department

    def form_data(self) -> NeedData:
        return NeedData(
            self.title_edit.text(),
            self.department_combo.currentData(),
            self.competency_combo.currentData(),
            self.detail_edit.toPlainText(),
        )

    def store(self, data: NeedData) -> Callable[[Task], object]:
        db, need = self._db, self._need
        if need is None:
            return lambda _task: submit_need(db.uow(), data)

        def edit(_task: Task) -> int:
            update_need(db.uow(), need.id, data)
            return need.id

        return edit

    def discard_question(self) -> str:
        return self.tr("Discard the changes to this need?")


@dataclass(frozen=True)
class StatusForm:
    status: NeedStatus
    course_id: int | None
    session_id: int | None
    note: str

    def cleaned(self) -> StatusForm:
        return StatusForm(self.status, self.course_id, self.session_id, self.note.strip())


class NeedStatusDialog(FieldDialog):
    """HR adopts, schedules (linking a course or a session), closes or reopens a need; `saved` carries its id."""

    def __init__(self, db: Database, need: NeedRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("need_status_dialog")
        self._db = db
        self._need = need
        self.fallback_key = "need_course"
        self.setWindowTitle(self.tr("Status of “{title}”").format(title=need.title))
        self.form_page = QWidget(self)
        self.status_combo = EnumCombo(NeedStatus, blank=False, parent=self)
        self.status_combo.setObjectName("need_status_combo")
        self.status_combo.set_value(need.status)
        self.course_combo = _choice_combo(self, "need_course_combo", self.tr("(no course)"), [])
        self.session_combo = _choice_combo(self, "need_session_combo", self.tr("(no session)"), [])
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("need_note_edit")
        self.note_edit.setFixedHeight(70)
        self.note_edit.setPlainText(need.note)
        form = QFormLayout(self.form_page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_field(form, "need_status", self.tr("Status"), self.status_combo, required=True)
        self.add_field(form, "need_course", self.tr("Course"), self.course_combo)
        form.addRow(self.tr("Or session"), self.session_combo)
        self.add_field(form, "need_note", self.tr("Note"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_page)
        layout.addLayout(self.button_row("need_status_buttons", required_hint=False))
        self.resize(520, 260)
        self.load(reading(db, link_choices), self._show_choices, self.form_page)

    def _show_choices(self, choices: LinkChoices) -> None:
        for combo, items in ((self.course_combo, choices.courses), (self.session_combo, choices.sessions)):
            first = combo.itemText(0)
            combo.clear()
            combo.addItem(first, None)
            for item_id, text in items:
                combo.addItem(text, item_id)
        _select(self.course_combo, self._need.course_id)
        _select(self.session_combo, self._need.session_id)

    def form_data(self) -> StatusForm:
        status = self.status_combo.value()
        return StatusForm(
            status if isinstance(status, NeedStatus) else self._need.status,
            self.course_combo.currentData(),
            self.session_combo.currentData(),
            self.note_edit.toPlainText()[: NOTE_MAX + 1],
        )

    def store(self, data: StatusForm) -> Callable[[Task], object]:
        db, need_id = self._db, self._need.id

        def change(_task: Task) -> int:
            set_status(
                db.uow(),
                need_id,
                data.status,
                course_id=data.course_id,
                session_id=data.session_id,
                note=data.note,
            )
            return need_id

        return change

    def discard_question(self) -> str:
        return self.tr("Discard the change of status?")
