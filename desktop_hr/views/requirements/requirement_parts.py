"""The two lists inside the requirement dialog: conditions on a part of the training (分项条件: a minimum or a share
of the hours or credits of a category, subject, training type, delivery or competency) and the course
checklist (必修课程清单). Each reads back as plain values, with what cannot be read named for its field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.models import Dimension, Measure
from desktop_hr.services.archive.employees import FieldError
from desktop_hr.services.labels import choices
from desktop_hr.services.requirements.measures import DIMENSION_VALUES
from desktop_hr.services.requirements.rules import CourseItem, SliceData
from desktop_hr.services.requirements.wording import amount_text, parse_share, share_text
from desktop_hr.views.widgets import EnumCombo

SLICE_KEY = "requirement_slice"
COURSES_KEY = "requirement_courses"


def parse_amount(text: str) -> Decimal | None:
    """A minimum as typed ("50", "6.5"); None when it is not a number."""
    try:
        value = Decimal(text.strip().replace("，", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _buttons(
    parent: QWidget, name: str, add: Callable[[], object], remove: Callable[[], object]
) -> QHBoxLayout:
    row = QHBoxLayout()
    texts = (
        (QCoreApplication.translate("RequirementParts", "Add"), "add", add),
        (QCoreApplication.translate("RequirementParts", "Remove"), "remove", remove),
    )
    for text, action, slot in texts:
        button = QPushButton(text, parent)
        button.setObjectName(f"{action}_{name}_button")
        button.clicked.connect(lambda _checked=False, s=slot: s())
        row.addWidget(button)
    row.addStretch(1)
    return row


class _RowsEditor(QWidget):
    """A small table of editable rows (slices, checklist courses) with Add and Remove."""

    changed = Signal()
    table: QTableWidget

    def remove_selected(self) -> None:
        """The selected rows, or the last one when none is selected."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()


class SliceTable(_RowsEditor):
    """One row per condition on a part: 学时 or 学分, which dimension, which value, and "50" (a minimum) or
    "30%" / "2/3" (a share of all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requirement_slices")
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("slice_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Measure"), self.tr("Part by"), self.tr("Part"), self.tr("Minimum or share")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(_buttons(self, "slice", self.add_row, self.remove_selected))

    def add_row(self, piece: SliceData | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        measure = EnumCombo(Measure, blank=False, parent=self.table)
        measure.setObjectName(f"slice_measure_{row}")
        dimension = EnumCombo(Dimension, blank=False, parent=self.table)
        dimension.setObjectName(f"slice_dimension_{row}")
        value = QComboBox(self.table)
        value.setObjectName(f"slice_value_{row}")
        amount = QLineEdit(self.table)
        amount.setObjectName(f"slice_amount_{row}")
        amount.setPlaceholderText(self.tr("e.g. 50, 30% or 2/3"))
        self.table.setCellWidget(row, 0, measure)
        self.table.setCellWidget(row, 1, dimension)
        self.table.setCellWidget(row, 2, value)
        self.table.setCellWidget(row, 3, amount)
        if piece is not None:
            measure.set_value(piece.measure)
            dimension.set_value(piece.dimension)
        self._fill_values(dimension, value)
        if piece is not None:
            index = value.findData(piece.value)
            if index < 0:
                value.setEditText(piece.value)
            else:
                value.setCurrentIndex(index)
            if piece.minimum is not None:
                amount.setText(amount_text(piece.minimum))
            elif piece.share is not None:
                amount.setText(share_text(piece.share))
        dimension.currentIndexChanged.connect(lambda _i, d=dimension, v=value: self._fill_values(d, v))
        for signal in (
            measure.currentIndexChanged,
            dimension.currentIndexChanged,
            value.currentTextChanged,
            amount.textChanged,
        ):
            signal.connect(lambda *_args: self.changed.emit())
        self.changed.emit()
        return row

    def _fill_values(self, dimension: EnumCombo, value: QComboBox) -> None:
        """The dimension's values to choose from; a competency is typed (its name)."""
        value.clear()
        members = DIMENSION_VALUES[dimension.value()]
        value.setEditable(members is None)
        editor = value.lineEdit()
        if members is None:
            if editor is not None:
                editor.setPlaceholderText(self.tr("Competency name"))
            return
        for member, text in choices(members):
            value.addItem(text, member.value)

    def set_slices(self, slices: tuple[SliceData, ...]) -> None:
        self.table.setRowCount(0)
        for piece in slices:
            self.add_row(piece)

    def slices(self) -> tuple[tuple[SliceData, ...], list[FieldError]]:
        """The conditions, and what cannot be read (a minimum or share that is neither)."""
        found: list[SliceData] = []
        problems: list[FieldError] = []
        for row in range(self.table.rowCount()):
            measure = self.table.cellWidget(row, 0)
            dimension = self.table.cellWidget(row, 1)
            value = self.table.cellWidget(row, 2)
            amount = self.table.cellWidget(row, 3)
            assert isinstance(measure, EnumCombo) and isinstance(dimension, EnumCombo)
            assert isinstance(value, QComboBox) and isinstance(amount, QLineEdit)
            chosen = value.currentData() if not value.isEditable() else value.currentText().strip()
            text = amount.text().strip()
            minimum: Decimal | None = None
            share: Fraction | None = None
            if "%" in text or "％" in text or "/" in text or "／" in text:
                share = parse_share(text)
            elif text:
                minimum = parse_amount(text)
            if text and minimum is None and share is None:
                problems.append(
                    FieldError(SLICE_KEY, text, self.tr("is neither a minimum (50) nor a share (30%, 2/3)"))
                )
                continue
            found.append(SliceData(measure.value(), dimension.value(), str(chosen or ""), minimum, share))
        return tuple(found), problems


class CourseChecklist(_RowsEditor):
    """The courses to attend, by 课程编号, with what each is meant to be (title, credits)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requirement_checklist")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("checklist_table")
        self.table.setHorizontalHeaderLabels([self.tr("Course code"), self.tr("Title"), self.tr("Credits")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.button_row = _buttons(self, "checklist", self.add_row, self.remove_selected)
        layout.addLayout(self.button_row)

    def add_row(self, item: CourseItem | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = ("", "", "0") if item is None else (item.course_code, item.title, amount_text(item.credits))
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        first = self.table.item(row, 0)
        if item is None and first is not None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(first)
        self.changed.emit()
        return row

    def set_courses(self, courses: tuple[CourseItem, ...]) -> None:
        self.table.setRowCount(0)
        for item in courses:
            self.add_row(item)

    def _text(self, row: int, column: int) -> str:
        cell = self.table.item(row, column)
        return cell.text().strip() if cell is not None else ""

    def courses(self) -> tuple[tuple[CourseItem, ...], list[FieldError]]:
        """The checklist (rows left wholly blank skipped), and credits that are not a number."""
        found: list[CourseItem] = []
        problems: list[FieldError] = []
        for row in range(self.table.rowCount()):
            code, title, credits_text = (self._text(row, c) for c in range(3))
            if not (code or title) and credits_text in ("", "0"):
                continue
            credits = parse_amount(credits_text or "0")
            if credits is None:
                problems.append(
                    FieldError("requirement_course_credits", credits_text, self.tr("is not a number"))
                )
                continue
            found.append(CourseItem(code, title, credits))
        return tuple(found), problems
