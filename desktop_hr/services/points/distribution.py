"""The points distribution report: each category's share of the points earned against its target (30/40/30).

A category whose share is further from its target than the tolerance is flagged, so HR sees a rule set too
high or too low; the targets and the tolerance are office settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import InvalidField
from desktop_hr.models import PointCategory, PointEntry
from desktop_hr.services import office_settings
from desktop_hr.services.points.point_reports import ONE_DECIMAL, Period, earned_only
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "field.target_shares": ("目标占比", "Target shares"),
        "field.distribution_tolerance": ("允许偏差（百分点）", "Tolerance (percentage points)"),
        "reason.shares_sum": (
            "参与、输出、分享的目标占比之和应为 100，现为 {total}",
            "the target shares of participation, output and sharing should add up to 100, not {total}",
        ),
        "reason.percent_range": ("应为 0 到 100 之间的整数", "should be a whole number from 0 to 100"),
    }
)

# The three categories with a target share; OTHER (manual awards) has none.
TARGET_CATEGORIES = (PointCategory.PARTICIPATION, PointCategory.OUTPUT, PointCategory.SHARING)
TARGET_DEFAULTS = {PointCategory.PARTICIPATION: 30, PointCategory.OUTPUT: 40, PointCategory.SHARING: 30}
TARGET_KEYS = {category: f"points.target_share.{category.value}" for category in TARGET_CATEGORIES}
TOLERANCE_KEY = "points.distribution_tolerance"
TOLERANCE_DEFAULT = 10  # percentage points


def target_shares(session: Session) -> dict[PointCategory, int]:
    """Participation 30, output 40, sharing 30 unless the office changed them (percent of earned points)."""
    return {
        category: office_settings.get_int(session, TARGET_KEYS[category], TARGET_DEFAULTS[category])
        for category in TARGET_CATEGORIES
    }


def distribution_tolerance(session: Session) -> int:
    return office_settings.get_int(session, TOLERANCE_KEY, TOLERANCE_DEFAULT)


def set_target_shares(
    uow: UnitOfWork, shares: dict[PointCategory, int], tolerance: int | None = None
) -> None:
    """New targets for the three categories (whole percents adding up to 100) and optionally the tolerance."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    values = {category: shares[category] for category in TARGET_CATEGORIES}
    checked = [("field.target_shares", v) for v in values.values()]
    if tolerance is not None:
        checked.append(("field.distribution_tolerance", tolerance))
    for field, value in checked:
        if not 0 <= value <= 100:
            raise InvalidField(
                field=messages.text(field), value=value, reason=messages.text("reason.percent_range")
            )
    total = sum(values.values())
    if total != 100:
        raise InvalidField(
            field=messages.text("field.target_shares"),
            value="/".join(str(v) for v in values.values()),
            reason=messages.text("reason.shares_sum", total=total),
        )
    with uow:
        for category, value in values.items():
            office_settings.put_int(uow.session, TARGET_KEYS[category], value)
        if tolerance is not None:
            office_settings.put_int(uow.session, TOLERANCE_KEY, tolerance)
        uow.commit()


@dataclass(frozen=True)
class CategoryShare:
    category: PointCategory
    points: int
    actual: Decimal  # percent of the period's points in the three target categories, one decimal
    target: int  # percent
    gap: Decimal  # actual - target, in percentage points
    flagged: bool  # |gap| > the tolerance


@dataclass(frozen=True)
class DistributionReport:
    period: Period
    total: int  # points of the three target categories together (the base of the shares)
    other: int  # manual awards and deductions (OTHER): shown, not part of the shares
    tolerance: int
    rows: tuple[CategoryShare, ...]

    @property
    def flagged(self) -> tuple[CategoryShare, ...]:
        return tuple(row for row in self.rows if row.flagged)


def distribution_report(session: Session, period: Period) -> DistributionReport:
    """Each category's share of the points earned in the period against its target; gaps over the tolerance flagged.

    With no points (or a net total of zero or less) the shares are 0 and nothing is flagged: there is nothing
    to compare yet.
    """
    sums = dict(
        session.execute(
            select(PointEntry.category, func.sum(PointEntry.points))
            .where(earned_only(), period.where())
            .group_by(PointEntry.category)
        ).all()
    )
    points = {category: int(sums.get(category) or 0) for category in PointCategory}
    total = sum(points[c] for c in TARGET_CATEGORIES)
    targets = target_shares(session)
    tolerance = distribution_tolerance(session)
    rows = []
    for category in TARGET_CATEGORIES:
        if total > 0:
            actual = (Decimal(points[category]) * 100 / total).quantize(ONE_DECIMAL, ROUND_HALF_UP)
            gap = actual - targets[category]
            flagged = abs(gap) > tolerance
        else:
            actual, gap, flagged = Decimal("0.0"), Decimal("0.0"), False
        rows.append(CategoryShare(category, points[category], actual, targets[category], gap, flagged))
    return DistributionReport(period, total, points[PointCategory.OTHER], tolerance, tuple(rows))
