"""The employee's training history: every session and historical record, hours and credits, per year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.excel import writer
from desktop_hr.models import CourseCategory, CourseClassification, SubjectType
from desktop_hr.services.labels import label
from desktop_hr.services.requirements.recognition import RecognitionRow, list_recognition
from desktop_hr.services.training.history import (
    AMOUNT_MAX,
    SCORE_MAX,
    TITLE_MAX,
    EmployeeHistory,
    HistoryRow,
    TrainingRecordData,
    add_training_record,
    delete_training_record,
    employee_history,
    get_training_record,
    update_training_record,
)
from desktop_hr.services.trust import audit
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import ask_save_xlsx
from desktop_hr.views.forms import RecordDialog, RecordsPanel, reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.qt_compat import AnyIndex
from desktop_hr.views.widgets import DATE_FORMAT, EnumCombo, from_qdate, to_qdate


def amount_text(value: Decimal) -> str:
    """3, 2.5, 1.25: hours and credits without trailing zeros."""
    return format(value.normalize(), "f")


class HistoryTableModel(ListTableModel[HistoryRow]):
    """Newest first; sessions the person did not attend are greyed (they earned nothing)."""

    numeric_columns = frozenset({4, 5, 8})

    def titles(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Course code"),
            self.tr("Course"),
            self.tr("Session"),
            self.tr("Hours"),
            self.tr("Credits"),
            self.tr("Attendance"),
            self.tr("Submissions (final score)"),
            self.tr("Exam score"),
            self.tr("Note"),
        ]

    def _submissions(self, row: HistoryRow) -> str:
        parts = []
        for sub in row.submissions:
            score = amount_text(sub.final_score) if sub.final_score is not None else self.tr("not graded")
            excellent = self.tr(" (excellent)") if sub.excellent else ""
            parts.append(f"{label(sub.kind)} {score}{excellent}")
        return "；".join(parts)

    def values(self, row: HistoryRow) -> list[str]:
        if row.is_historical:
            source = self.tr("Historical record")
            status = row.record_score
        else:
            source = row.session_code
            status = label(row.attendance) if row.attendance else label(row.enrolment)
        return [
            row.on_date.isoformat(),
            row.course_code,
            row.course_title,
            source,
            amount_text(row.hours) if row.earned else "",
            amount_text(row.credits) if row.earned else "",
            status,
            self._submissions(row),
            "" if row.exam_score is None else str(row.exam_score),
            row.note,
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and 0 <= index.row() < self.rowCount()
            and not self.item(index.row()).earned
        ):
            return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return super().data(index, role)


def _spin(parent: QWidget, name: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setDecimals(2)
    spin.setRange(0, float(AMOUNT_MAX))
    spin.setSingleStep(0.5)
    return spin


@dataclass(frozen=True)
class _RecordChoices:
    """What the record dialog reads: the credit-recognition table, and the record (None: a new one)."""

    forms: list[RecognitionRow]
    record: TrainingRecordData | None


def _read_record_choices(record_id: int | None) -> Callable[[Session], _RecordChoices]:
    def read(session: Session) -> _RecordChoices:
        record = get_training_record(session, record_id) if record_id is not None else None
        return _RecordChoices(list_recognition(session), record)

    return read


class TrainingRecordDialog(RecordDialog):
    """Add or edit one historical record; saved on the worker, stays open on a validation error.

    A learning form and a quantity (学习形式, 数量) with no hours entered get their hours from the
    credit-recognition table when saved; the line under the hours says what the table gives.
    """

    def __init__(
        self, db: Database, employee_id: int, *, record_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("training_record_dialog")
        self._db = db
        self._employee_id = employee_id
        self._record_id = record_id
        self._forms: dict[str, RecognitionRow] = {}  # code -> line of the table
        self.setWindowTitle(
            self.tr("New historical record") if record_id is None else self.tr("Edit historical record")
        )
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("record_title_edit")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("record_date_edit")
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(to_qdate(date.today()))
        self.form_combo = QComboBox(self)
        self.form_combo.setObjectName("record_learning_form_combo")
        self.form_combo.addItem(self.tr("(none)"), "")
        self.quantity_spin = _spin(self, "record_quantity_spin")
        # 0 is "no quantity": a record without a learning form has none.
        self.quantity_spin.setSpecialValueText(self.tr("(none)"))
        self.hours_spin = _spin(self, "record_hours_spin")
        self.recognised_label = QLabel(self)
        self.recognised_label.setObjectName("record_recognised_label")
        self.recognised_label.setWordWrap(True)
        self.recognised_label.setEnabled(False)
        self.credits_spin = _spin(self, "record_credits_spin")
        self.category_combo = EnumCombo(CourseCategory, blank=True, parent=self)
        self.category_combo.setObjectName("record_category_combo")
        self.subject_combo = EnumCombo(SubjectType, blank=True, parent=self)
        self.subject_combo.setObjectName("record_subject_combo")
        self.classification_combo = EnumCombo(CourseClassification, blank=True, parent=self)
        self.classification_combo.setObjectName("record_classification_combo")
        self.score_edit = QLineEdit(self)
        self.score_edit.setObjectName("record_score_edit")
        self.score_edit.setMaxLength(SCORE_MAX)
        self.score_edit.setPlaceholderText(self.tr("e.g. 85, 合格, 优秀"))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("record_note_edit")
        self.note_edit.setFixedHeight(60)
        form = QFormLayout()
        form.addRow(self.tr("Course") + " *", self.title_edit)
        form.addRow(self.tr("Date") + " *", self.date_edit)
        form.addRow(self.tr("Learning form"), self.form_combo)
        form.addRow(self.tr("Quantity"), self.quantity_spin)
        form.addRow(self.tr("Hours"), self.hours_spin)
        form.addRow("", self.recognised_label)
        form.addRow(self.tr("Credits"), self.credits_spin)
        form.addRow(self.tr("Course category"), self.category_combo)
        form.addRow(self.tr("Subject type"), self.subject_combo)
        form.addRow(self.tr("Training type"), self.classification_combo)
        form.addRow(self.tr("Score"), self.score_edit)
        form.addRow(self.tr("Note"), self.note_edit)
        hint = QLabel(
            self.tr("Historical records count toward hours and credits, never toward points."), self
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.finish(form, "record_buttons", self._save, hint)
        self.resize(480, 520)
        self.form_combo.currentIndexChanged.connect(lambda _index: self._sync_recognition())
        self.quantity_spin.valueChanged.connect(lambda _value: self._sync_recognition())
        self.hours_spin.valueChanged.connect(lambda _value: self._sync_recognition())
        self._sync_recognition()
        self.load(
            reading(db, _read_record_choices(record_id)),
            self._show_choices,
            self.title_edit,
            self.date_edit,
            self.form_combo,
            self.quantity_spin,
            self.hours_spin,
            self.credits_spin,
            self.category_combo,
            self.subject_combo,
            self.classification_combo,
            self.score_edit,
            self.note_edit,
        )

    def _show_choices(self, choices: _RecordChoices) -> None:
        current = choices.record.learning_form if choices.record is not None else None
        self._forms = {row.code: row for row in choices.forms}
        for row in choices.forms:
            # A form switched off stays on the records that have it, and only there.
            if row.active or row.code == current:
                self.form_combo.addItem(self._form_text(row), row.code)
        if choices.record is not None:
            self.set_data(choices.record)
        self._sync_recognition()

    def _form_text(self, row: RecognitionRow) -> str:
        if row.hours_per_unit is None:
            return self.tr("{name} (hours as recorded)").format(name=row.name)
        return self.tr("{name} ({hours} hours per {unit})").format(
            name=row.name, hours=amount_text(row.hours_per_unit), unit=row.unit or self.tr("unit")
        )

    def _chosen_form(self) -> RecognitionRow | None:
        code = self.form_combo.currentData()
        return self._forms.get(code) if isinstance(code, str) and code else None

    def _quantity(self) -> Decimal | None:
        value = Decimal(f"{self.quantity_spin.value():.2f}")
        return value if value else None

    def _sync_recognition(self) -> None:
        """The quantity's unit, and what the table makes of it while no hours are entered."""
        row = self._chosen_form()
        self.quantity_spin.setEnabled(row is not None or self._quantity() is not None)
        self.quantity_spin.setSuffix(f" {row.unit}" if row is not None and row.unit else "")
        quantity = self._quantity()
        if row is None:
            self.recognised_label.setText(self.tr("Without a learning form, enter the hours."))
        elif self.hours_spin.value():
            self.recognised_label.setText(
                self.tr("Hours entered: kept as they are (the recognition table is not applied).")
            )
        elif quantity is None:
            self.recognised_label.setText(
                self.tr("Enter the quantity: the recognition table turns it into hours.")
            )
        else:
            self.recognised_label.setText(
                self.tr("By the recognition table: {quantity} {unit} = {hours} hours").format(
                    quantity=amount_text(quantity),
                    unit=row.unit,
                    hours=amount_text(row.hours_for(quantity)),
                )
            )

    def set_data(self, data: TrainingRecordData) -> None:
        self.title_edit.setText(data.course_title)
        self.date_edit.setDate(to_qdate(data.on_date))
        index = self.form_combo.findData(data.learning_form or "")
        self.form_combo.setCurrentIndex(max(index, 0))
        self.quantity_spin.setValue(float(data.quantity or 0))
        row = self._forms.get(data.learning_form or "")
        # Hours the table gave are shown as "from the table" (0), so that changing the quantity changes them;
        # hours entered by hand, or given by an older version of the table, stay as they are.
        from_table = bool(row is not None and data.quantity and row.hours_for(data.quantity) == data.hours)
        self.hours_spin.setValue(0.0 if from_table else float(data.hours))
        self.credits_spin.setValue(float(data.credits))
        self.category_combo.set_value(data.category)
        self.subject_combo.set_value(data.subject)
        self.classification_combo.set_value(data.classification)
        self.score_edit.setText(data.score)
        self.note_edit.setPlainText(data.note)

    def record_data(self) -> TrainingRecordData:
        code = self.form_combo.currentData()
        return TrainingRecordData(
            course_title=self.title_edit.text(),
            on_date=from_qdate(self.date_edit.date()),
            # The spin box shows two places; its float is turned back into exactly those two.
            hours=Decimal(f"{self.hours_spin.value():.2f}"),
            credits=Decimal(f"{self.credits_spin.value():.2f}"),
            category=self.category_combo.value(),
            subject=self.subject_combo.value(),
            classification=self.classification_combo.value(),
            score=self.score_edit.text(),
            note=self.note_edit.toPlainText(),
            learning_form=code if isinstance(code, str) and code else None,
            quantity=self._quantity(),
        )

    def _save(self) -> None:
        data = self.record_data()
        db, employee_id, record_id = self._db, self._employee_id, self._record_id

        def store() -> int:
            if record_id is None:
                return add_training_record(db.uow(), employee_id, data)
            return update_training_record(db.uow(), record_id, data)

        self.submit(store, self.tr("Record not saved"))


class EmployeeHistoryPanel(RecordsPanel):
    """The history table with its totals; historical records are added, edited and deleted here."""

    areas = ("training", "employees")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self._employee_id: int | None = None  # none until set_employee
        self.name_parts("employee_history", "record", self.tr("Add historical record…"))
        self.table.setObjectName("history_table")
        self.set_model(HistoryTableModel(self))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._sync_buttons)
        self.history: EmployeeHistory | None = None
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("export_history_button")
        self.export_button.clicked.connect(self.export)
        self.hint.setText(self.tr("Sessions are edited on the Sessions tab."))
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        self.button_row.insertWidget(3, self.export_button)  # after add, edit, delete
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("history_totals_label")
        bold = self.totals_label.font()
        bold.setBold(True)
        self.totals_label.setFont(bold)
        self.years_label = QLabel(self)
        self.years_label.setObjectName("history_years_label")
        self.years_label.setWordWrap(True)
        outer.insertWidget(1, self.totals_label)
        outer.insertWidget(2, self.years_label)
        self.setEnabled(False)

    def set_employee(self, employee_id: int) -> None:
        self._employee_id = employee_id
        self.setEnabled(True)
        self.refresh_when_shown()

    def records(self) -> Callable[[Session], EmployeeHistory] | None:
        employee_id = self._employee_id
        if employee_id is None:
            return None
        return lambda session: employee_history(session, employee_id)

    def show_records(self, history: EmployeeHistory) -> None:
        self.history = history
        self.model.set_items(history.rows)
        self.totals_label.setText(
            self.tr("Hours total {hours} · Credits total {credits}").format(
                hours=amount_text(history.hours), credits=amount_text(history.credits)
            )
        )
        self.years_label.setText(
            "　".join(
                self.tr("{year}: {hours} hours, {credits} credits").format(
                    year=y.year, hours=amount_text(y.hours), credits=amount_text(y.credits)
                )
                for y in history.by_year
            )
            or self.tr("No training recorded yet.")
        )
        self.table.resizeColumnsToContents()
        self._sync_buttons()

    def _selected_record(self) -> HistoryRow | None:
        row = self.selected_row()
        item = self.model.item(row) if row is not None else None
        return item if item is not None and item.is_historical else None

    def _sync_buttons(self) -> None:
        editable = self._selected_record() is not None
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def edit_selected(self) -> None:
        if self._selected_record() is not None:
            super().edit_selected()

    def delete_selected(self) -> None:
        if self._selected_record() is not None:
            super().delete_selected()

    def _dialog(self, record: HistoryRow | None) -> RecordDialog:
        assert self._employee_id is not None
        return TrainingRecordDialog(
            self._db, self._employee_id, record_id=record.record_id if record else None, parent=self
        )

    def _deletion(self, record: HistoryRow) -> tuple[str, str, Callable[[], object]]:
        question = self.tr("Delete the historical record “{title}” of {date}?").format(
            title=record.course_title, date=record.on_date.isoformat()
        )
        db, record_id = self._db, record.record_id
        assert record_id is not None
        return (
            self.tr("Delete historical record"),
            question,
            lambda: delete_training_record(db.uow(), record_id),
        )

    def _write_export(
        self, target: Path, headers: list[str], rows: list[list[writer.CellValue]], title: str
    ) -> int:
        count = writer.write_table(target, headers, rows, sheet_title=title)
        audit.note_export(self._db, title, target, count - 1, table_name="training_record")
        return count

    def export(self) -> None:
        """The table as shown, with its totals under it."""
        history = self.history
        if history is None:
            return
        target = ask_save_xlsx(
            self,
            self.tr("Export the training history"),
            self.tr("Training_history_{no}.xlsx").format(no=history.employee_no),
        )
        if target is None:
            return
        headers = self.model.titles()
        rows: list[list[writer.CellValue]] = []
        for item in self.model.items():
            values: list[writer.CellValue] = list(self.model.values(item))
            values[0] = item.on_date
            values[4] = item.hours if item.earned else None
            values[5] = item.credits if item.earned else None
            values[8] = item.exam_score
            rows.append(values)
        rows.append([self.tr("Total"), None, None, None, history.hours, history.credits])
        title = f"{history.employee_no} {history.name}"
        run_in_background(
            self,
            lambda _task: self._write_export(target, headers, rows, title),
            success=lambda count: feedback.inform(
                self,
                self.tr("Export finished"),
                self.tr("Exported {count} rows to\n{path}").format(count=count - 1, path=target),
            ),
        )
