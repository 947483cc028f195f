"""The trainer and mentor figures (administrators): contribution weights, the 优秀内训师 threshold, the level
checks, the re-certification bar and the 优秀导师 thresholds, saved whole or not at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_hr.db import Database
from desktop_hr.services.development import settings as development_settings
from desktop_hr.services.development.settings import DevelopmentSettings
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views.forms import FieldDialog, reading
from desktop_hr.views.operations import Task
from desktop_hr.views.roles import allowed, view_only


@dataclass(frozen=True)
class SettingsInput:
    values: tuple[tuple[str, str], ...]  # field -> text, in the form's order

    def cleaned(self) -> SettingsInput:
        return SettingsInput(tuple((name, text.strip()) for name, text in self.values))


def _text(value: object) -> str:
    return f"{value:f}" if not isinstance(value, int) else str(value)


class DevelopmentSettingsDialog(FieldDialog):
    """Opens at once and fills its fields from a background read; `saved` carries the settings stored."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("development_settings_dialog")
        self.setWindowTitle(self.tr("Trainer and mentor settings"))
        self._db = db
        self.edits: dict[str, QLineEdit] = {}
        groups = [
            (
                self.tr("Contribution value"),
                [
                    ("weight_hours", self.tr("Weight of hours taught")),
                    ("weight_satisfaction", self.tr("Weight of satisfaction")),
                    ("weight_uplift", self.tr("Weight of team uplift (%)")),
                    ("excellent_threshold", self.tr("Excellent trainer from (contribution ≥)")),
                ],
            ),
            (
                self.tr("Level checks"),
                [
                    ("basic_hours", self.tr("Junior → intermediate: basic training hours")),
                    ("intermediate_satisfaction", self.tr("Junior → intermediate: satisfaction ≥")),
                    ("specialised_hours", self.tr("Intermediate → senior: specialised training hours")),
                    ("senior_uplift", self.tr("Intermediate → senior: team uplift (%) ≥")),
                ],
            ),
            (
                self.tr("Re-certification"),
                [
                    ("recert_years", self.tr("Years looked at")),
                    ("recert_hours", self.tr("Listed below these hours taught")),
                    ("recert_satisfaction", self.tr("Listed below this mean satisfaction")),
                ],
            ),
            (
                self.tr("Excellent mentor"),
                [
                    ("mentor_hours", self.tr("Hours with mentees in the year ≥")),
                    ("mentor_evaluation", self.tr("Mean evaluation ≥")),
                ],
            ),
        ]
        layout = QVBoxLayout(self)
        self.pages: list[QGroupBox] = []
        for title, rows in groups:
            box = QGroupBox(title, self)
            form = QFormLayout(box)
            for name, text in rows:
                edit = QLineEdit(box)
                edit.setObjectName(f"{name}_edit")
                self.edits[name] = edit
                self.add_field(form, name, text, edit)
            layout.addWidget(box)
            self.pages.append(box)
        hint = QLabel(self.tr("Hours, satisfaction and percentages may have two decimals."), self)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addLayout(self.button_row("development_settings_buttons", required_hint=False))
        if not allowed(db.principal, Permission.EDIT_SETTINGS):
            view_only(self, *self.pages)
        self.load(reading(db, development_settings.load), self.show_settings, *self.pages)

    def show_settings(self, settings: DevelopmentSettings) -> None:
        for name, value in asdict(settings).items():
            self.edits[name].setText(_text(value))

    def form_data(self) -> SettingsInput:
        return SettingsInput(tuple((name, edit.text()) for name, edit in self.edits.items()))

    def store(self, data: SettingsInput) -> Callable[[Task], DevelopmentSettings]:
        db, values = self._db, dict(data.cleaned().values)
        return lambda _task: development_settings.save(db.uow(), dict(values))

    def discard_question(self) -> str:
        return self.tr("Discard the changed settings?")
