"""Table models of standings: people against one requirement (the Requirements tab), one person against every
requirement (the employee's status page), and the sessions the growth view recommends."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop_hr.services.requirements.evaluation import Standing
from desktop_hr.services.requirements.growth import Recommendation
from desktop_hr.services.requirements.reports import figures_text
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.qt_compat import AnyIndex

MET_COLOUR = QColor("#2e7d32")
NOT_MET_COLOUR = QColor("#c62828")


def amount_text(value: Any) -> str:
    """3, 2.5, 1.25: hours and credits without trailing zeros."""
    return format(value.normalize(), "f")


class _VerdictColours(ListTableModel[Standing]):
    """The verdict column in green (met) or red (not met)."""

    verdict_column = 0

    def verdict(self, standing: Standing) -> str:
        return self.tr("Met") if standing.met else self.tr("Not met")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == self.verdict_column
            and 0 <= index.row() < self.rowCount()
        ):
            return QBrush(MET_COLOUR if self.item(index.row()).met else NOT_MET_COLOUR)
        return super().data(index, role)


class EligibilityModel(_VerdictColours):
    """People against one requirement: department, 工号, name, verdict, gap (sorted by any header)."""

    verdict_column = 3

    def titles(self) -> list[str]:
        return [
            self.tr("Department"),
            self.tr("Employee no."),
            self.tr("Name"),
            self.tr("Verdict"),
            self.tr("Gap"),
        ]

    def values(self, item: Standing) -> list[str]:
        return [item.department, item.employee_no, item.name, self.verdict(item), item.gap()]


class PersonStandingModel(_VerdictColours):
    """One person against every requirement that applies: what was counted, the verdict and the gap."""

    verdict_column = 2

    def titles(self) -> list[str]:
        return [self.tr("Requirement"), self.tr("Counted"), self.tr("Verdict"), self.tr("Gap")]

    def values(self, item: Standing) -> list[str]:
        return [item.requirement, figures_text(item), self.verdict(item), item.gap()]


class RecommendationModel(ListTableModel[Recommendation]):
    """Upcoming sessions that would close a gap: when, which, how much, and why."""

    numeric_columns = frozenset({3, 4})

    def titles(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Session"),
            self.tr("Course"),
            self.tr("Hours"),
            self.tr("Credits"),
            self.tr("Why"),
        ]

    def values(self, item: Recommendation) -> list[str]:
        course = item.course_title + (self.tr(" (enrolled)") if item.enrolled else "")
        return [
            f"{item.starts_at:%Y-%m-%d %H:%M}",
            item.session_code,
            course,
            amount_text(item.hours),
            amount_text(item.credits),
            "；".join(item.reasons),
        ]
