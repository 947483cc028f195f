"""The uses of points (积分用途): lists HR confirms, each row with the figures that put the person on it.

Nothing here pays or changes anything: the program suggests, HR confirms (HR只需确认即可执行).
Every threshold is an office setting with DOMAIN.md's value as default (`thresholds`, `set_threshold`).
Points are earned points (redemptions left out, deductions included) of employees still employed, in the
period each list names:

- bonus coefficient: the top 20 % of the headcount by the quarter's points (ties at the cut all included;
  only people with points above zero) → coefficient +0.1;
- welfare: >= 80 points in the last 12 months; competition for regional manager: >= 100 in the last 12 months;
- excellent (优秀) rating: >= 80 points in the calendar year, everyone listed as qualifying or not;
- promotion to regional manager: >= 120 points in the last 12 months AND an action-plan completion rate
  >= 80 %. The rate = action plans submitted within 30 days of the session's end date / sessions attended
  (present, late or completed) in the last 12 months that asked for an action plan; a session whose 30 days
  have not run out by `today` counts only once its plan is in. No such session: no rate, not met;
- bonus: +1 % quarterly bonus per 10 points of the quarter, capped at 5 %.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import InvalidField
from desktop_hr.models import AssignmentType, Attendance, Submission, TrainingSession
from desktop_hr.services import office_settings
from desktop_hr.services.points.point_reports import Period, Person, earned_points, leaderboard, people
from desktop_hr.services.training.facts import ACTION_PLAN_DAYS, ATTENDED
from desktop_hr.services.training.submissions import is_on_time
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "incentive.bonus_coefficient": ("季度奖金系数建议", "Quarterly bonus coefficient"),
        "incentive.welfare": ("福利名单", "Welfare list"),
        "incentive.competition": ("区域经理竞聘资格", "Regional manager competition"),
        "incentive.excellent": ("年度优秀评定积分资格", "Yearly excellent rating"),
        "incentive.promotion": ("晋升区域经理", "Promotion to regional manager"),
        "incentive.bonus_percent": ("季度奖金加成", "Quarterly bonus"),
        "incentive.rule.bonus_coefficient": (
            "{period}积分前 {percent}%（共 {headcount} 人，取前 {cut} 名）：奖金系数 +{coefficient}",
            "Top {percent}% by points in {period} ({cut} of {headcount}): bonus coefficient +{coefficient}",
        ),
        "incentive.rule.welfare": ("{period}积分 >= {points}", "Points >= {points} in {period}"),
        "incentive.rule.competition": ("{period}积分 >= {points}", "Points >= {points} in {period}"),
        "incentive.rule.excellent": (
            "{period}积分 >= {points} 方可评为优秀",
            "Points >= {points} in {period} required for an excellent rating",
        ),
        "incentive.rule.promotion": (
            "{period}积分 >= {points}，且行动计划完成率 >= {rate}%（结束后 {days} 天内提交）",
            "Points >= {points} in {period} and action-plan completion >= {rate}% (submitted within {days} days)",
        ),
        "incentive.rule.bonus_percent": (
            "{period}每 {per} 分奖金 +1%，最多 {cap}%",
            "+1% bonus per {per} points in {period}, at most {cap}%",
        ),
        "field.incentive.bonus_top_percent": ("奖金系数名单比例（%）", "Bonus coefficient share (%)"),
        "field.incentive.bonus_coefficient_hundredths": (
            "奖金系数加成（百分之一）",
            "Bonus coefficient (hundredths)",
        ),
        "field.incentive.welfare_points": ("福利名单积分", "Welfare points"),
        "field.incentive.competition_points": ("竞聘资格积分", "Competition points"),
        "field.incentive.excellent_points": ("优秀评定积分", "Excellent rating points"),
        "field.incentive.promotion_points": ("晋升积分", "Promotion points"),
        "field.incentive.promotion_plan_rate": ("行动计划完成率（%）", "Action-plan completion rate (%)"),
        "field.incentive.action_plan_days": ("行动计划提交期限（天）", "Action-plan deadline (days)"),
        "field.incentive.bonus_points_per_percent": ("每 1% 奖金所需积分", "Points per 1% bonus"),
        "field.incentive.bonus_cap_percent": ("奖金加成上限（%）", "Bonus cap (%)"),
        "field.incentive.unknown": ("激励设置", "Incentive setting"),
        "reason.unknown_setting": ("没有这项设置", "there is no such setting"),
        "reason.int_range": (
            "应为 {low} 到 {high} 之间的整数",
            "should be a whole number from {low} to {high}",
        ),
    }
)

KEY_PREFIX = "incentive."
POINTS_MAX = 100_000


@dataclass(frozen=True)
class Thresholds:
    """DOMAIN.md's values; each can be changed by the office (`set_threshold(uow, field name, value)`)."""

    bonus_top_percent: int = 20
    bonus_coefficient_hundredths: int = 10  # +0.10
    welfare_points: int = 80
    competition_points: int = 100
    excellent_points: int = 80
    promotion_points: int = 120
    promotion_plan_rate: int = 80  # percent
    action_plan_days: int = ACTION_PLAN_DAYS
    bonus_points_per_percent: int = 10
    bonus_cap_percent: int = 5

    @property
    def bonus_coefficient(self) -> Decimal:
        return Decimal(self.bonus_coefficient_hundredths) / 100


DEFAULTS = Thresholds()
# (lowest, highest) accepted for each threshold
RANGES: dict[str, tuple[int, int]] = {
    "bonus_top_percent": (0, 100),
    "bonus_coefficient_hundredths": (0, 1000),
    "welfare_points": (0, POINTS_MAX),
    "competition_points": (0, POINTS_MAX),
    "excellent_points": (0, POINTS_MAX),
    "promotion_points": (0, POINTS_MAX),
    "promotion_plan_rate": (0, 100),
    "action_plan_days": (0, 366),
    "bonus_points_per_percent": (1, POINTS_MAX),
    "bonus_cap_percent": (0, 100),
}


def thresholds(session: Session) -> Thresholds:
    return Thresholds(
        **{
            f.name: office_settings.get_int(session, KEY_PREFIX + f.name, getattr(DEFAULTS, f.name))
            for f in fields(Thresholds)
        }
    )


def _checked(key: str, value: int) -> None:
    if key not in RANGES:
        raise InvalidField(
            field=messages.text("field.incentive.unknown"),
            value=key,
            reason=messages.text("reason.unknown_setting"),
        )
    low, high = RANGES[key]
    if not low <= value <= high:
        raise InvalidField(
            field=messages.text(f"field.incentive.{key}"),
            value=value,
            reason=messages.text("reason.int_range", low=low, high=high),
        )


def threshold_label(key: str) -> str:
    """The threshold's name in the user's language, for forms."""
    return messages.text(f"field.incentive.{key}")


def set_threshold(uow: UnitOfWork, key: str, value: int) -> None:
    """Change one threshold (`key` is a Thresholds field name); refused outside its range."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    set_thresholds(uow, {key: value})


def set_thresholds(uow: UnitOfWork, values: dict[str, int]) -> None:
    """Change several thresholds at once: every value is checked first, then all are written together."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    for key, value in values.items():
        _checked(key, value)
    with uow:
        for key, value in values.items():
            office_settings.put_int(uow.session, KEY_PREFIX + key, value)
        uow.commit()


class IncentiveKind(enum.StrEnum):
    BONUS_COEFFICIENT = "bonus_coefficient"  # quarterly
    WELFARE = "welfare"  # last 12 months
    COMPETITION = "competition"  # last 12 months
    EXCELLENT = "excellent"  # calendar year
    PROMOTION = "promotion"  # last 12 months
    BONUS_PERCENT = "bonus_percent"  # quarterly

    def title(self) -> str:
        return messages.text(f"incentive.{self.value}")


@dataclass(frozen=True)
class IncentiveRow:
    employee_id: int
    employee_no: str
    name: str
    department: str
    points: int  # earned in the list's period
    qualifies: bool
    rank: int | None = None  # bonus coefficient: rank in the quarter
    coefficient: Decimal | None = None  # bonus coefficient: +0.1
    bonus_percent: int | None = None  # quarterly bonus: +n %
    plans_on_time: int | None = None  # promotion: action plans in within the deadline
    plans_due: int | None = None  # promotion: sessions attended that asked for one
    plan_rate: Decimal | None = None  # promotion: percent, one decimal; None without any session


@dataclass(frozen=True)
class IncentiveList:
    kind: IncentiveKind
    period: Period
    rule: str  # the threshold in words, in the user's language
    rows: tuple[IncentiveRow, ...]

    @property
    def title(self) -> str:
        return self.kind.title()

    @property
    def qualifying(self) -> tuple[IncentiveRow, ...]:
        return tuple(row for row in self.rows if row.qualifies)


@dataclass(frozen=True)
class PlanRecord:
    on_time: int
    due: int

    @property
    def rate(self) -> Decimal | None:
        if not self.due:
            return None
        return (Decimal(self.on_time) * 100 / self.due).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _row(
    person: Person,
    points: int,
    qualifies: bool = True,
    *,
    rank: int | None = None,
    coefficient: Decimal | None = None,
    bonus_percent: int | None = None,
    plans: PlanRecord | None = None,
) -> IncentiveRow:
    return IncentiveRow(
        person.employee_id,
        person.employee_no,
        person.name,
        person.department,
        points,
        qualifies,
        rank=rank,
        coefficient=coefficient,
        bonus_percent=bonus_percent,
        plans_on_time=plans.on_time if plans else None,
        plans_due=plans.due if plans else None,
        plan_rate=plans.rate if plans else None,
    )


def _at_least(session: Session, kind: IncentiveKind, period: Period, minimum: int) -> IncentiveList:
    staff = people(session, include_left=False)
    points = earned_points(session, period)
    found = sorted(
        (p for p in staff.values() if points.get(p.employee_id, 0) >= minimum),
        key=lambda p: (-points[p.employee_id], p.employee_no),
    )
    rule = messages.text(f"incentive.rule.{kind.value}", period=period.describe(), points=minimum)
    return IncentiveList(kind, period, rule, tuple(_row(p, points[p.employee_id]) for p in found))


def welfare_list(session: Session, today: date) -> IncentiveList:
    """>= 80 points in the last 12 months: free career assessment, priority for forums."""
    limits = thresholds(session)
    return _at_least(session, IncentiveKind.WELFARE, Period.last_12_months(today), limits.welfare_points)


def competition_list(session: Session, today: date) -> IncentiveList:
    """>= 100 points in the last 12 months: may compete for regional manager."""
    limits = thresholds(session)
    return _at_least(
        session, IncentiveKind.COMPETITION, Period.last_12_months(today), limits.competition_points
    )


def excellent_list(session: Session, year: int) -> IncentiveList:
    """Everyone still employed, qualifying (>= 80 points in the year) first; the others show their shortfall."""
    limits = thresholds(session)
    period = Period.year(year)
    points = earned_points(session, period)
    minimum = limits.excellent_points
    rows = [
        _row(p, points.get(p.employee_id, 0), points.get(p.employee_id, 0) >= minimum)
        for p in people(session, include_left=False).values()
    ]
    rows.sort(key=lambda r: (not r.qualifies, -r.points, r.employee_no))
    rule = messages.text("incentive.rule.excellent", period=period.describe(), points=minimum)
    return IncentiveList(IncentiveKind.EXCELLENT, period, rule, tuple(rows))


def bonus_coefficient_list(session: Session, quarter: Period) -> IncentiveList:
    """The top 20 % of the headcount by the quarter's points: bonus coefficient +0.1 (a suggestion)."""
    limits = thresholds(session)
    staff = people(session, include_left=False)
    cut = math.ceil(len(staff) * limits.bonus_top_percent / 100)
    coefficient = limits.bonus_coefficient
    rows = tuple(
        _row(staff[r.employee_id], r.points, rank=r.rank, coefficient=coefficient)
        for r in leaderboard(session, quarter)
        if r.rank <= cut and r.points > 0
    )
    rule = messages.text(
        "incentive.rule.bonus_coefficient",
        period=quarter.describe(),
        percent=limits.bonus_top_percent,
        headcount=len(staff),
        cut=cut,
        coefficient=coefficient,
    )
    return IncentiveList(IncentiveKind.BONUS_COEFFICIENT, quarter, rule, rows)


def bonus_percent(points: int, limits: Thresholds = DEFAULTS) -> int:
    """+1 % per 10 whole points, at most 5 %: 9 → 0, 10 → 1, 49 → 4, 50 and more → 5."""
    if points <= 0:
        return 0
    return min(limits.bonus_cap_percent, points // limits.bonus_points_per_percent)


def bonus_percent_list(session: Session, quarter: Period) -> IncentiveList:
    """Everyone whose quarter earns a bonus increase, with the points and the percent."""
    limits = thresholds(session)
    staff = people(session, include_left=False)
    points = earned_points(session, quarter)
    rows = [
        _row(p, points[p.employee_id], bonus_percent=bonus_percent(points[p.employee_id], limits))
        for p in staff.values()
        if bonus_percent(points.get(p.employee_id, 0), limits) > 0
    ]
    rows.sort(key=lambda r: (-r.points, r.employee_no))
    rule = messages.text(
        "incentive.rule.bonus_percent",
        period=quarter.describe(),
        per=limits.bonus_points_per_percent,
        cap=limits.bonus_cap_percent,
    )
    return IncentiveList(IncentiveKind.BONUS_PERCENT, quarter, rule, tuple(rows))


def action_plan_records(session: Session, period: Period, today: date, days: int) -> dict[int, PlanRecord]:
    """Employee id → action plans in on time / sessions (starting in the period) that asked for one.

    One grouped query: each attended session with its earliest action plan from that person.
    """
    stmt = (
        select(Attendance.employee_id, TrainingSession.ends_at, func.min(Submission.submitted_at))
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .outerjoin(
            Submission,
            and_(
                Submission.session_id == Attendance.session_id,
                Submission.employee_id == Attendance.employee_id,
                Submission.kind == AssignmentType.ACTION_PLAN,
            ),
        )
        .where(
            TrainingSession.assignment_type == AssignmentType.ACTION_PLAN,
            TrainingSession.starts_at >= period.start,
            TrainingSession.starts_at < period.end,
            Attendance.status.in_(sorted(ATTENDED)),
        )
        .group_by(Attendance.employee_id, TrainingSession.id, TrainingSession.ends_at)
    )
    counts: dict[int, tuple[int, int]] = {}
    for employee_id, ends_at, first_plan in session.execute(stmt):
        deadline = ends_at.date() + timedelta(days=days)
        in_time = first_plan is not None and bool(is_on_time(first_plan, deadline))
        if not in_time and deadline >= today:
            continue  # still time to hand it in: not counted yet
        on_time, due = counts.get(employee_id, (0, 0))
        counts[employee_id] = (on_time + in_time, due + 1)
    return {emp: PlanRecord(on_time, due) for emp, (on_time, due) in counts.items()}


def promotion_list(session: Session, today: date) -> IncentiveList:
    """>= 120 points in the last 12 months and >= 80 % of the due action plans in on time."""
    limits = thresholds(session)
    period = Period.last_12_months(today)
    staff = people(session, include_left=False)
    points = earned_points(session, period)
    plans = action_plan_records(session, period, today, limits.action_plan_days)
    rows = []
    for person in staff.values():
        earned = points.get(person.employee_id, 0)
        if earned < limits.promotion_points:
            continue
        record = plans.get(person.employee_id, PlanRecord(0, 0))
        rate = record.rate
        if rate is None or rate < limits.promotion_plan_rate:
            continue
        rows.append(_row(person, earned, plans=record))
    rows.sort(key=lambda r: (-r.points, r.employee_no))
    rule = messages.text(
        "incentive.rule.promotion",
        period=period.describe(),
        points=limits.promotion_points,
        rate=limits.promotion_plan_rate,
        days=limits.action_plan_days,
    )
    return IncentiveList(IncentiveKind.PROMOTION, period, rule, tuple(rows))


def incentive_list(session: Session, kind: IncentiveKind, reference: date) -> IncentiveList:
    """The list of `kind` for the quarter / year containing `reference`, or the 12 months up to it."""
    if kind is IncentiveKind.BONUS_COEFFICIENT:
        return bonus_coefficient_list(session, Period.quarter(reference))
    if kind is IncentiveKind.BONUS_PERCENT:
        return bonus_percent_list(session, Period.quarter(reference))
    if kind is IncentiveKind.EXCELLENT:
        return excellent_list(session, reference.year)
    if kind is IncentiveKind.WELFARE:
        return welfare_list(session, reference)
    if kind is IncentiveKind.COMPETITION:
        return competition_list(session, reference)
    return promotion_list(session, reference)
