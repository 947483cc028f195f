"""Table models of the trainer pages: the year's profiles (ranked, 优秀内训师 highlighted), the promotion
candidates and the re-certification list; fully loaded lists sorted in the model."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_hr.models import TrainerLevel
from desktop_hr.services.development.levels import PromotionCandidate, RecertificationRow
from desktop_hr.services.development.trainers import TrainerProfile
from desktop_hr.services.labels import label
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.qt_compat import AnyIndex

NO_VALUE = "—"
EXCELLENT_BACKGROUND = QColor("#fff3c4")


def figure(value: Decimal | None) -> str:
    """Two decimals, as the export writes them; a dash when there is none."""
    return NO_VALUE if value is None else f"{value:.2f}"


def _number(value: Decimal | int | None) -> Any:
    """Sort key: numbers as numbers, a missing one below every number."""
    return Decimal("-1e9") if value is None else value


class ProfilesModel(ListTableModel[TrainerProfile]):
    RANK, NO, NAME, DEPARTMENT, LEVEL, SESSIONS, HOURS, SATISFACTION, UPLIFT, CONTRIBUTION, EXCELLENT = range(
        11
    )
    numeric_columns = frozenset({RANK, SESSIONS, HOURS, SATISFACTION, UPLIFT, CONTRIBUTION})

    def titles(self) -> list[str]:
        return [
            self.tr("Rank"),
            self.tr("Employee no."),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Level"),
            self.tr("Sessions"),
            self.tr("Hours taught"),
            self.tr("Satisfaction"),
            self.tr("Team uplift (%)"),
            self.tr("Contribution"),
            self.tr("Excellent trainer"),
        ]

    def values(self, item: TrainerProfile) -> list[str]:
        return [
            str(item.rank),
            item.employee_no,
            item.name,
            item.department,
            label(item.level) or NO_VALUE,
            str(item.sessions),
            figure(item.hours),
            figure(item.satisfaction),
            figure(item.uplift),
            figure(item.contribution),
            self.tr("★ Excellent") if item.excellent else "",
        ]

    def sort_value(self, item: TrainerProfile, column: int) -> Any:
        numbers: dict[int, Decimal | int | None] = {
            self.RANK: item.rank,
            self.SESSIONS: item.sessions,
            self.HOURS: item.hours,
            self.SATISFACTION: item.satisfaction,
            self.UPLIFT: item.uplift,
            self.CONTRIBUTION: item.contribution,
            self.EXCELLENT: int(item.excellent),
        }
        if column in numbers:
            return _number(numbers[column])
        return super().sort_value(item, column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if value is not None or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return value
        if not self.item(index.row()).excellent:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(EXCELLENT_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and index.column() in (self.CONTRIBUTION, self.EXCELLENT):
            bold = QFont()
            bold.setBold(True)
            return bold
        return None


class PromotionModel(ListTableModel[PromotionCandidate]):
    NO, NAME, DEPARTMENT, LEVEL, NEXT, HOURS, FIGURE, QUALIFIES, MISSING = range(9)

    def titles(self) -> list[str]:
        return [
            self.tr("Employee no."),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Level"),
            self.tr("Promotion to"),
            self.tr("Trainer training hours"),
            self.tr("Satisfaction / uplift"),
            self.tr("Qualifies"),
            self.tr("Missing"),
        ]

    def values(self, item: PromotionCandidate) -> list[str]:
        needed = f"{figure(item.figure)} / {figure(item.figure_needed)}"
        return [
            item.employee_no,
            item.name,
            item.department,
            label(item.level),
            label(item.next_level),
            f"{figure(item.training_hours)} / {figure(item.hours_needed)}",
            self.tr("Satisfaction {figures}").format(figures=needed)
            if item.next_level is TrainerLevel.INTERMEDIATE
            else self.tr("Uplift {figures} %").format(figures=needed),
            self.tr("Yes") if item.qualifies else self.tr("No"),
            item.missing_text(),
        ]

    def sort_value(self, item: PromotionCandidate, column: int) -> Any:
        if column == self.HOURS:
            return item.training_hours
        if column == self.FIGURE:
            return _number(item.figure)
        return super().sort_value(item, column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if (
            value is None
            and role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and 0 <= index.row() < self.rowCount()
            and index.column() == self.QUALIFIES
            and self.item(index.row()).qualifies
        ):
            bold = QFont()
            bold.setBold(True)
            return bold
        return value


class RecertificationModel(ListTableModel[RecertificationRow]):
    NO, NAME, DEPARTMENT, LEVEL, HOURS, SATISFACTION, REASONS = range(7)
    numeric_columns = frozenset({HOURS, SATISFACTION})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee no."),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Level"),
            self.tr("Hours taught"),
            self.tr("Satisfaction"),
            self.tr("Reasons"),
        ]

    def values(self, item: RecertificationRow) -> list[str]:
        return [
            item.employee_no,
            item.name,
            item.department,
            label(item.level) or NO_VALUE,
            figure(item.hours),
            figure(item.satisfaction),
            item.reasons_text(),
        ]

    def sort_value(self, item: RecertificationRow, column: int) -> Any:
        if column == self.HOURS:
            return item.hours
        if column == self.SATISFACTION:
            return _number(item.satisfaction)
        return super().sort_value(item, column)
