"""The credit-recognition table (学时认定): learning forms and the 学时 one unit of each gives, edited by the office.

A change applies to historical records saved after it; records already entered keep their 学时. A form some
record uses cannot be deleted (it can be switched off) and its code cannot change.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services import validation
from desktop_hr.services.requirements.recognition import (
    CODE_MAX,
    NAME_MAX,
    UNIT_MAX,
    RecognitionData,
    RecognitionRow,
    delete_recognition,
    list_recognition,
    save_recognition,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views.forms import RecordDialog, RecordsPanel
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.requirements.standing_model import amount_text
from desktop_hr.views.roles import permit_records


class RecognitionModel(ListTableModel[RecognitionRow]):
    numeric_columns = frozenset({2, 5})

    def titles(self) -> list[str]:
        return [
            self.tr("Learning form"),
            self.tr("Code"),
            self.tr("Hours per unit"),
            self.tr("Unit"),
            self.tr("In use"),
            self.tr("Records"),
            self.tr("Description"),
        ]

    def values(self, item: RecognitionRow) -> list[str]:
        hours = (
            amount_text(item.hours_per_unit) if item.hours_per_unit is not None else self.tr("as recorded")
        )
        return [
            item.name,
            item.code,
            hours,
            item.unit,
            self.tr("Yes") if item.active else self.tr("No"),
            str(item.used),
            item.description,
        ]


class RecognitionRuleDialog(RecordDialog):
    """One line of the table; its code is fixed once records use it (the service says so)."""

    def __init__(self, db: Database, row: RecognitionRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recognition_rule_dialog")
        self.setWindowTitle(self.tr("New learning form") if row is None else self.tr("Edit learning form"))
        self._db = db
        self._rule_id = row.id if row is not None else None
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("recognition_name_edit")
        self.name_edit.setMaxLength(NAME_MAX)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("recognition_code_edit")
        self.code_edit.setMaxLength(CODE_MAX)
        self.code_edit.setPlaceholderText(self.tr("capital letters, digits, _ (e.g. FULL_TIME_DAY)"))
        self.hours_spin = QDoubleSpinBox(self)
        self.hours_spin.setObjectName("recognition_hours_spin")
        self.hours_spin.setDecimals(2)
        self.hours_spin.setRange(0, float(validation.AMOUNT_MAX))
        self.as_recorded_check = QCheckBox(self.tr("The quantity is in hours already (as recorded)"), self)
        self.as_recorded_check.setObjectName("recognition_as_recorded_check")
        self.as_recorded_check.toggled.connect(lambda on: self.hours_spin.setEnabled(not on))
        self.unit_edit = QLineEdit(self)
        self.unit_edit.setObjectName("recognition_unit_edit")
        self.unit_edit.setMaxLength(UNIT_MAX)
        self.unit_edit.setPlaceholderText(self.tr("e.g. 天, 篇, 学年"))
        self.active_check = QCheckBox(self.tr("In use (offered on new records)"), self)
        self.active_check.setObjectName("recognition_active_check")
        self.active_check.setChecked(True)
        self.description_edit = QLineEdit(self)
        self.description_edit.setObjectName("recognition_description_edit")
        form = QFormLayout()
        form.addRow(self.tr("Learning form") + " *", self.name_edit)
        form.addRow(self.tr("Code") + " *", self.code_edit)
        form.addRow(self.tr("Hours per unit"), self.hours_spin)
        form.addRow("", self.as_recorded_check)
        form.addRow(self.tr("Unit"), self.unit_edit)
        form.addRow("", self.active_check)
        form.addRow(self.tr("Description"), self.description_edit)
        hint = QLabel(
            self.tr("Records already entered keep their hours; a change applies to records saved after it."),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.finish(form, "recognition_buttons", self._save, hint)
        if row is not None:
            self.name_edit.setText(row.name)
            self.code_edit.setText(row.code)
            self.hours_spin.setValue(float(row.hours_per_unit or 0))
            self.as_recorded_check.setChecked(row.hours_per_unit is None)
            self.unit_edit.setText(row.unit)
            self.active_check.setChecked(row.active)
            self.description_edit.setText(row.description)

    def recognition_data(self) -> RecognitionData:
        hours = None if self.as_recorded_check.isChecked() else Decimal(f"{self.hours_spin.value():.2f}")
        return RecognitionData(
            self.code_edit.text(),
            self.name_edit.text(),
            hours,
            self.unit_edit.text(),
            self.active_check.isChecked(),
            self.description_edit.text(),
        )

    def _save(self) -> None:
        data, db, rule_id = self.recognition_data(), self._db, self._rule_id
        self.submit(lambda: save_recognition(db.uow(), data, rule_id), self.tr("Learning form not saved"))


class RecognitionPanel(RecordsPanel):
    """The table with Add / Edit / Delete; it follows the hub's "requirements" area."""

    areas = ("requirements",)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.name_parts("recognition", "recognition", self.tr("Add learning form…"))
        self.set_model(RecognitionModel(self))
        self.hint.setText(self.tr("A form used by records can be switched off, not deleted."))
        permit_records(db.principal, Permission.EDIT_REQUIREMENTS, self)
        self.refresh_when_shown()

    def records(self) -> Callable[[Session], list[RecognitionRow]]:
        return list_recognition

    def show_records(self, records: list[RecognitionRow]) -> None:
        self.model.set_items(records)
        self.table.resizeColumnsToContents()

    def _dialog(self, record: RecognitionRow | None) -> RecordDialog:
        return RecognitionRuleDialog(self._db, record, self)

    def _deletion(self, record: RecognitionRow) -> tuple[str, str, Callable[[], object]]:
        db, rule_id = self._db, record.id
        return (
            self.tr("Delete learning form"),
            self.tr("Delete the learning form “{name}” from the recognition table?").format(name=record.name),
            lambda: delete_recognition(db.uow(), rule_id),
        )


class RecognitionDialog(QDialog):
    """The table in a window of its own, opened from the Requirements tab."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recognition_dialog")
        self.setWindowTitle(self.tr("Credit recognition table (学时认定)"))
        self.panel = RecognitionPanel(db, self)
        intro = QLabel(
            self.tr(
                "A historical record with a learning form and a quantity and no hours entered gets "
                "quantity × hours per unit. Provinces differ: adjust the table to your office's rules."
            ),
            self,
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("recognition_close_buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)
