"""The Points tab's table models: balances and the leaderboard lazy and sorted in SQL, the short lists in memory."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desktop_hr.db import Database
from desktop_hr.models import PointCategory
from desktop_hr.services.labels import label
from desktop_hr.services.points.distribution import CategoryShare
from desktop_hr.services.points.incentives import IncentiveRow
from desktop_hr.services.points.point_reports import (
    BalanceRow,
    DepartmentLeaderRow,
    LeaderRow,
    LedgerLine,
    Period,
)
from desktop_hr.services.points.standings import (
    BALANCE_SORTS,
    LEADER_SORTS,
    BalanceQuery,
    LeaderQuery,
    Standing,
    balance_ids,
    balance_page,
    leader_page,
    leader_standings,
)
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.paged_model import PagedTableModel

FLAG_COLOUR = QColor("#c62828")


def signed(points: int) -> str:
    return f"{points:+d}" if points else "0"


def _standing_id(standing: Standing) -> int:
    return standing.employee_id


class BalanceModel(PagedTableModel[BalanceQuery, int, BalanceRow]):
    """Everyone's balance split by category; the order and the search are SQL's (services/points/standings)."""

    numeric_columns = frozenset(range(3, 10))

    def __init__(self, db: Database, owner: QWidget) -> None:
        super().__init__(
            db,
            owner,
            BalanceQuery(),
            sorts=BALANCE_SORTS,
            read_keys=balance_ids,
            read_rows=balance_page,
            identity=int,
        )

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            label(PointCategory.PARTICIPATION),
            label(PointCategory.OUTPUT),
            label(PointCategory.SHARING),
            label(PointCategory.OTHER),
            self.tr("Earned"),
            self.tr("Redeemed"),
            self.tr("Balance"),
        ]

    def values(self, row: BalanceRow) -> list[str]:
        figures = (
            row.participation,
            row.output,
            row.sharing,
            row.other,
            row.earned,
            row.redeemed,
            row.balance,
        )
        return [row.employee_no, row.name, row.department, *(str(v) for v in figures)]

    def tooltip(self, row: BalanceRow, column: int) -> str | None:
        return row.department if column == 2 else None


class LeaderModel(PagedTableModel[LeaderQuery, Standing, LeaderRow]):
    """The people's leaderboard of a period: ranks by points, any column's order from SQL."""

    numeric_columns = frozenset({0, 4})

    def __init__(self, db: Database, owner: QWidget, period: Period) -> None:
        super().__init__(
            db,
            owner,
            LeaderQuery(period),
            sorts=LEADER_SORTS,
            read_keys=leader_standings,
            read_rows=leader_page,
            identity=_standing_id,
        )

    def titles(self) -> list[str]:
        return [
            self.tr("Rank"),
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Points"),
        ]

    def values(self, row: LeaderRow) -> list[str]:
        return [str(row.rank), row.employee_no, row.name, row.department, str(row.points)]

    def tooltip(self, row: LeaderRow, column: int) -> str | None:
        return row.department if column == 3 else None


class LedgerModel(ListTableModel[LedgerLine]):
    numeric_columns = frozenset({3, 7})

    def titles(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Rule"),
            self.tr("Category"),
            self.tr("Points"),
            self.tr("Source"),
            self.tr("Reason"),
            self.tr("By"),
            self.tr("Balance"),
        ]

    def values(self, line: LedgerLine) -> list[str]:
        return [
            f"{line.occurred_at:%Y-%m-%d %H:%M}",
            line.rule_name,
            label(line.category),
            signed(line.points),
            line.source_text(),
            line.reason,
            line.actor,
            str(line.balance),
        ]

    def sort_value(self, item: LedgerLine, column: int) -> Any:
        if column == 0:
            return (item.occurred_at, item.entry_id)  # the order they were booked in, to the second
        return item.points if column == 3 else super().sort_value(item, column)


class DepartmentLeaderModel(ListTableModel[DepartmentLeaderRow]):
    """A few dozen departments: in memory, sorted by the model."""

    numeric_columns = frozenset({0, 2, 3, 4})

    def titles(self) -> list[str]:
        return [
            self.tr("Rank"),
            self.tr("Department"),
            self.tr("People"),
            self.tr("Points"),
            self.tr("Per person"),
        ]

    def values(self, row: DepartmentLeaderRow) -> list[str]:
        return [str(row.rank), row.department, str(row.headcount), str(row.points), f"{row.mean}"]

    def sort_value(self, item: DepartmentLeaderRow, column: int) -> Any:
        return item.mean if column == 4 else super().sort_value(item, column)


class ShareModel(ListTableModel[CategoryShare]):
    numeric_columns = frozenset({1})

    def titles(self) -> list[str]:
        return [
            self.tr("Category"),
            self.tr("Points"),
            self.tr("Actual share"),
            self.tr("Target"),
            self.tr("Gap"),
        ]

    def values(self, row: CategoryShare) -> list[str]:
        gap = f"{row.gap:+} " + self.tr("pts")
        return [label(row.category), str(row.points), f"{row.actual} %", f"{row.target} %", gap]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.item(index.row()).flagged:
            return FLAG_COLOUR
        return super().data(index, role)


class IncentiveModel(ListTableModel[IncentiveRow]):
    """An incentive list: everyone with points in its period at most (a few thousand), sorted by the model."""

    numeric_columns = frozenset({3})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Points"),
            self.tr("Qualifies"),
            self.tr("Details"),
        ]

    def values(self, row: IncentiveRow) -> list[str]:
        details = []
        if row.rank is not None:
            details.append(self.tr("rank {rank}").format(rank=row.rank))
        if row.coefficient is not None and row.qualifies:
            details.append(self.tr("bonus coefficient +{value}").format(value=row.coefficient))
        if row.bonus_percent is not None:
            details.append(self.tr("quarterly bonus +{value} %").format(value=row.bonus_percent))
        if row.plans_due is not None:
            rate = "—" if row.plan_rate is None else f"{row.plan_rate} %"
            details.append(
                self.tr("action plans {done}/{due} on time ({rate})").format(
                    done=row.plans_on_time or 0, due=row.plans_due, rate=rate
                )
            )
        qualifies = self.tr("Yes") if row.qualifies else self.tr("No")
        return [row.employee_no, row.name, row.department, str(row.points), qualifies, "；".join(details)]

    def sort_value(self, item: IncentiveRow, column: int) -> Any:
        # From the record, not from values(): sorting thousands of rows must not format each one.
        if column == 0:
            return item.employee_no
        if column == 1:
            return item.name
        if column == 2:
            return item.department
        if column == 3:
            return item.points
        if column == 4:
            return int(item.qualifies)
        return item.rank if item.rank is not None else sys.maxsize  # the details follow the rank
