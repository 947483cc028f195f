"""The rewards panel's table models: the catalogue, redemption requests, credit milestones and who reached them."""

from __future__ import annotations

from datetime import datetime

from desktop_hr.services.labels import label
from desktop_hr.services.points.milestones import MilestoneRow, MilestoneUnlockRow
from desktop_hr.services.points.rewards import RedemptionRow, RewardRow
from desktop_hr.views.list_model import ListTableModel


def when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


class RewardTableModel(ListTableModel[RewardRow]):
    numeric_columns = frozenset({1, 2, 4, 5})

    def titles(self) -> list[str]:
        return [
            self.tr("Reward"),
            self.tr("Cost"),
            self.tr("Stock"),
            self.tr("Active"),
            self.tr("Requested"),
            self.tr("Approved"),
            self.tr("Description"),
        ]

    def values(self, row: RewardRow) -> list[str]:
        return [
            row.name,
            str(row.cost),
            self.tr("Unlimited") if row.stock is None else str(row.stock),
            self.tr("Yes") if row.active else self.tr("No"),
            str(row.requested),
            str(row.approved),
            row.description,
        ]


class RedemptionTableModel(ListTableModel[RedemptionRow]):
    numeric_columns = frozenset({0, 4})

    def titles(self) -> list[str]:
        return [
            self.tr("No."),
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Reward"),
            self.tr("Points"),
            self.tr("Status"),
            self.tr("Requested at"),
            self.tr("Decided at"),
            self.tr("Fulfilled at"),
            self.tr("By"),
            self.tr("Note"),
        ]

    def values(self, row: RedemptionRow) -> list[str]:
        return [
            str(row.id),
            row.employee_no,
            row.name,
            row.reward_name,
            str(row.points),
            label(row.status),
            when(row.requested_at),
            when(row.decided_at),
            when(row.fulfilled_at),
            row.actor,
            row.note,
        ]


class MilestoneTableModel(ListTableModel[MilestoneRow]):
    numeric_columns = frozenset({0, 3, 4})

    def titles(self) -> list[str]:
        return [
            self.tr("Credits"),
            self.tr("Reward"),
            self.tr("Active"),
            self.tr("Reached by"),
            self.tr("Granted"),
        ]

    def values(self, row: MilestoneRow) -> list[str]:
        return [
            str(row.credits),
            row.reward_text,
            self.tr("Yes") if row.active else self.tr("No"),
            str(row.unlocked),
            str(row.granted),
        ]


class UnlockTableModel(ListTableModel[MilestoneUnlockRow]):
    numeric_columns = frozenset({2})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Credits"),
            self.tr("Reward"),
            self.tr("Reached at"),
            self.tr("Granted"),
        ]

    def values(self, row: MilestoneUnlockRow) -> list[str]:
        granted = self.tr("Yes, {when}").format(when=when(row.granted_at)) if row.granted else self.tr("No")
        return [row.employee_no, row.name, str(row.credits), row.reward_text, when(row.unlocked_at), granted]
