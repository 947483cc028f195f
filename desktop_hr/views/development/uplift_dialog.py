"""Enter a trainer's team performance uplift (团队业绩提升, %) for a year: HR types it, the service checks it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_hr.db import Database
from desktop_hr.services.development.trainers import TrainerProfile, set_uplift
from desktop_hr.views.forms import FieldDialog
from desktop_hr.views.operations import Task


@dataclass(frozen=True)
class UpliftInput:
    uplift: str
    note: str

    def cleaned(self) -> UpliftInput:
        return UpliftInput(self.uplift.strip(), self.note.strip())


class UpliftDialog(FieldDialog):
    """`saved` carries the uplift stored (a Decimal) after the commit."""

    def __init__(self, db: Database, profile: TrainerProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uplift_dialog")
        self.setMinimumWidth(420)
        self.setWindowTitle(self.tr("Team uplift of {year}").format(year=profile.year))
        self._db = db
        self._profile = profile
        who = QLabel(
            self.tr("{name} ({no}), {department}").format(
                name=profile.name, no=profile.employee_no, department=profile.department or "—"
            ),
            self,
        )
        who.setObjectName("uplift_person_label")
        self.uplift_edit = QLineEdit(self)
        self.uplift_edit.setObjectName("uplift_edit")
        self.uplift_edit.setPlaceholderText(self.tr("-100 to 1000, e.g. 12.5"))
        if profile.uplift is not None:
            self.uplift_edit.setText(f"{profile.uplift:f}")
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("uplift_note_edit")
        self.note_edit.setPlaceholderText(self.tr("Where the figure comes from (optional)"))
        form = QFormLayout()
        self.add_field(form, "trainer_uplift", self.tr("Team uplift (%)"), self.uplift_edit, required=True)
        self.add_field(form, "trainer_note", self.tr("Note"), self.note_edit)
        hint = QLabel(
            self.tr("Counts in the contribution value of {year} with the uplift weight.").format(
                year=profile.year
            ),
            self,
        )
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(self.button_row("uplift_buttons"))
        self.keep_initial()

    def form_data(self) -> UpliftInput:
        return UpliftInput(self.uplift_edit.text(), self.note_edit.text())

    def store(self, data: UpliftInput) -> Callable[[Task], Decimal]:
        db, profile = self._db, self._profile
        return lambda _task: set_uplift(db.uow(), profile.employee_id, profile.year, data.uplift, data.note)

    def discard_question(self) -> str:
        return self.tr("Discard the uplift you typed?")
