"""What the training-effect page shows a report with: the table model of courses (or departments and courses)
and the bar chart of review means before and after, drawn with QPainter (no QtCharts: the bundle stays small)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_hr.services.development.effect import CourseEffect
from desktop_hr.services.development.effect_results import CompetencyEffect
from desktop_hr.views.list_model import ListTableModel

NO_VALUE = "—"


def figure(value: Decimal | None) -> str:
    return NO_VALUE if value is None else str(value)


def percentage(value: Decimal | None) -> str:
    return NO_VALUE if value is None else f"{value}%"


class EffectModel(ListTableModel[CourseEffect]):
    """Courses with the four levels (results as the number of competencies that rose); sorted in the model."""

    numeric_columns = frozenset(range(3, 12))
    COURSE_CODE, TITLE, DEPARTMENT = range(3)

    def titles(self) -> list[str]:
        return [
            QCoreApplication.translate("TrainingEffect", "Course no."),
            QCoreApplication.translate("TrainingEffect", "Course"),
            QCoreApplication.translate("TrainingEffect", "Department"),
            QCoreApplication.translate("TrainingEffect", "Sessions"),
            QCoreApplication.translate("TrainingEffect", "Attendees"),
            QCoreApplication.translate("TrainingEffect", "Satisfaction"),
            QCoreApplication.translate("TrainingEffect", "Course rating"),
            QCoreApplication.translate("TrainingEffect", "Pass rate"),
            QCoreApplication.translate("TrainingEffect", "Exam mean"),
            QCoreApplication.translate("TrainingEffect", "Plans in 30 days"),
            QCoreApplication.translate("TrainingEffect", "Adopted"),
            QCoreApplication.translate("TrainingEffect", "Competencies up"),
        ]

    def values(self, item: CourseEffect) -> list[str]:
        measured = [c for c in item.competencies if c.before is not None and c.after is not None]
        rose = sum(1 for c in measured if c.after is not None and c.before is not None and c.after > c.before)
        return [
            item.code,
            item.title,
            item.department,
            str(item.sessions),
            str(item.attendees),
            figure(item.satisfaction),
            figure(item.rating),
            percentage(item.pass_rate),
            figure(item.exam_mean),
            percentage(item.plan_rate),
            str(item.plans_adopted),
            f"{rose}/{len(measured)}" if measured else NO_VALUE,
        ]

    def sort_value(self, item: CourseEffect, column: int) -> Any:
        numbers: dict[int, Decimal | int | None] = {
            3: item.sessions,
            4: item.attendees,
            5: item.satisfaction,
            6: item.rating,
            7: item.pass_rate,
            8: item.exam_mean,
            9: item.plan_rate,
            10: item.plans_adopted,
        }
        if column in numbers:
            value = numbers[column]
            return -1 if value is None else value  # nothing measured sorts below every figure
        return self.values(item)[column]


# The four bars of each competency: attendees before and after, those not trained before and after.
BAR_COLOURS = (QColor("#9aa5b1"), QColor("#1f5fa8"), QColor("#e3c9a0"), QColor("#c07a1a"))


class EffectChart(QWidget):
    """Review means per competency on a 0-100 scale: four bars each, a legend above; empty without data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("effect_chart")
        self._lines: list[CompetencyEffect] = []
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def set_lines(self, lines: list[CompetencyEffect]) -> None:
        self._lines = [line for line in lines if line.before is not None and line.after is not None]
        self.update()

    def lines(self) -> list[CompetencyEffect]:
        return list(self._lines)

    def legend(self) -> list[str]:
        return [
            QCoreApplication.translate("TrainingEffect", "Trained, before"),
            QCoreApplication.translate("TrainingEffect", "Trained, after"),
            QCoreApplication.translate("TrainingEffect", "Not trained, before"),
            QCoreApplication.translate("TrainingEffect", "Not trained, after"),
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        metrics = painter.fontMetrics()
        text_height = metrics.height()
        if not self._lines:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                QCoreApplication.translate("TrainingEffect", "No review scores before and after"),
            )
            return
        # The legend along the top.
        x = 8.0
        for colour, name in zip(BAR_COLOURS, self.legend(), strict=True):
            painter.fillRect(QRectF(x, 6, 12, 12), colour)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x + 16, 2, metrics.horizontalAdvance(name) + 4, text_height + 4), name)
            x += 16 + metrics.horizontalAdvance(name) + 16
        axis_left = metrics.horizontalAdvance("100") + 12.0
        top = text_height + 16.0
        bottom = self.height() - text_height - 10.0
        right = self.width() - 8.0
        plot_height = max(bottom - top, 10.0)
        grid = QPen(QColor("#d0d0d0"))
        for step in range(0, 101, 20):
            y = bottom - plot_height * step / 100
            painter.setPen(grid)
            painter.drawLine(int(axis_left), int(y), int(right), int(y))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(0, y - text_height / 2, axis_left - 4, text_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(step),
            )
        group = (right - axis_left) / len(self._lines)
        bar = min(group * 0.8 / 4, 36.0)
        for index, line in enumerate(self._lines):
            start = axis_left + group * index + (group - bar * 4) / 2
            values = (line.before, line.after, line.others_before, line.others_after)
            for number, (colour, value) in enumerate(zip(BAR_COLOURS, values, strict=True)):
                if value is None:
                    continue
                height = plot_height * float(value) / 100
                rect = QRectF(start + bar * number, bottom - height, bar - 2, height)
                painter.fillRect(rect, colour)
                painter.setPen(self.palette().text().color())
                painter.drawText(
                    QRectF(rect.x() - 8, rect.y() - text_height, rect.width() + 16, text_height),
                    Qt.AlignmentFlag.AlignCenter,
                    str(value),
                )
            painter.drawText(
                QRectF(axis_left + group * index, bottom + 4, group, text_height),
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(line.competency, Qt.TextElideMode.ElideRight, int(group)),
            )
