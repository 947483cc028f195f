"""Balances, the ledger, leaderboards and the distribution report, against a scenario worked out by hand.

Ledger (Q1 2026 = 2026-01-01 00:00:00 up to, not including, 2026-04-01 00:00:00):
  00001 张三 (总公司/甲部): ATTEND +10 and LATE -2 at the first second of Q1 (session S01 安全生产),
        ACTION_PLAN +20 (02-10, his action plan), MANUAL +5 (03-01), a redemption of 带薪假1天: hold -30
        (03-02), given back +30 (03-03), another hold -20 (03-04), REFLECTION +15 at the last second of Q1.
        → participation 8, output 20, sharing 15, other 5, earned 48, redeemed 20, balance 28.
  00002 李四 (总公司/甲部): TEACH +30, ACTION_PLAN +20, LATE -2 in Q1 (48, tied with 张三);
        ATTEND +10 at the first second of Q2. → participation 8, output 20, sharing 30, earned 58.
  00003 王五 (总公司/乙部): ATTEND +10 at the last second of 2025, ATTEND +10 in March → 20 (10 in Q1).
  00004 赵六 (总公司/乙部, left): MANUAL +100 in Q1 → on balances, never on a leaderboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from training_data import building, hand_in, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.errors import InvalidField
from desktop_hr.models import (
    AssignmentType,
    EmployeeStatus,
    PointCategory,
    PointRule,
    Redemption,
    RedemptionStatus,
    Reward,
    Submission,
)
from desktop_hr.services.archive.employees import EmployeeQuery
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.points.distribution import distribution_report, set_target_shares, target_shares
from desktop_hr.services.points.ledger import MANUAL, REDEEM, Posting, post
from desktop_hr.services.points.point_reports import (
    Period,
    PeriodKind,
    balance_rows,
    department_leaderboard,
    employee_ledger,
    leaderboard,
)

PART, OUT, SHARE, OTHER = (
    PointCategory.PARTICIPATION,
    PointCategory.OUTPUT,
    PointCategory.SHARING,
    PointCategory.OTHER,
)
Q1 = Period.quarter(date(2026, 2, 14))
Q2 = Period.quarter(date(2026, 5, 1))
FIRST_SECOND_Q1 = datetime(2026, 1, 1, 0, 0, 0)
LAST_SECOND_Q1 = datetime(2026, 3, 31, 23, 59, 59)


@dataclass(frozen=True)
class Scenario:
    ids: dict[str, int]  # 工号 -> id
    dept_a: int
    reward: str


@pytest.fixture
def scenario(db: Database) -> Scenario:
    with building(db) as session:
        dept_a = ensure_department_path(session, "总公司/甲部")
        dept_b = ensure_department_path(session, "总公司/乙部")
        zhang, li = make_people(session, {"00001": "张三", "00002": "李四"}, department_id=dept_a)
        (wang,) = make_people(session, {"00003": "王五"}, department_id=dept_b)
        (zhao,) = make_people(session, {"00004": "赵六"}, department_id=dept_b, status=EmployeeStatus.LEFT)
        course = make_course(session, "C01", "安全生产")
        training = make_session(session, course, "S01", FIRST_SECOND_Q1)
        sign_in(session, training, zhang)
        hand_in(session, training, zhang, AssignmentType.ACTION_PLAN, datetime(2026, 2, 10, 10))
        plan_id = session.scalars(select(Submission.id)).one()
        reward = session.scalars(select(Reward).where(Reward.name == "带薪假1天")).one()
        redemption = Redemption(
            employee_id=zhang.id,
            reward_id=reward.id,
            points=30,
            status=RedemptionStatus.CANCELLED,
            requested_at=datetime(2026, 3, 2),
        )
        session.add(redemption)
        session.flush()
        attend_rule = session.scalars(select(PointRule.id).where(PointRule.code == "ATTEND_OFFLINE")).one()

        def give(
            person: int, points: int, category: PointCategory, when: datetime, code: str, **more: Any
        ) -> None:
            post(session, Posting(person, points, category, when, code, **more))

        give(zhang.id, 10, PART, FIRST_SECOND_Q1, "ATTEND_OFFLINE", rule_id=attend_rule,
             source_type="session", source_id=training.id)  # fmt: skip
        give(zhang.id, -2, PART, FIRST_SECOND_Q1, "LATE", source_type="session", source_id=training.id)
        give(zhang.id, 20, OUT, datetime(2026, 2, 10, 10), "ACTION_PLAN", source_type="submission",
             source_id=plan_id)  # fmt: skip
        give(zhang.id, 5, OTHER, datetime(2026, 3, 1), MANUAL, reason="=月度之星")
        give(
            zhang.id,
            -30,
            OTHER,
            datetime(2026, 3, 2),
            REDEEM,
            source_type="redemption",
            source_id=redemption.id,
        )
        give(
            zhang.id,
            30,
            OTHER,
            datetime(2026, 3, 3),
            REDEEM,
            source_type="redemption",
            source_id=redemption.id,
        )
        give(
            zhang.id,
            -20,
            OTHER,
            datetime(2026, 3, 4),
            REDEEM,
            source_type="redemption",
            source_id=redemption.id,
        )
        give(zhang.id, 15, SHARE, LAST_SECOND_Q1, "REFLECTION_PUBLISHED")
        give(
            li.id,
            30,
            SHARE,
            datetime(2026, 2, 1, 9),
            "TEACH_SESSION",
            source_type="session",
            source_id=training.id,
        )
        give(li.id, 20, OUT, datetime(2026, 2, 20), "ACTION_PLAN")
        give(li.id, -2, PART, datetime(2026, 3, 9, 9), "LATE")
        give(li.id, 10, PART, datetime(2026, 4, 1, 0, 0, 0), "ATTEND_OFFLINE")
        give(wang.id, 10, PART, datetime(2025, 12, 31, 23, 59, 59), "ATTEND_OFFLINE")
        give(wang.id, 10, PART, datetime(2026, 3, 15, 9), "ATTEND_OFFLINE")
        give(zhao.id, 100, OTHER, datetime(2026, 2, 2), MANUAL, reason="项目奖励")
        ids = {p.employee_no: p.id for p in (zhang, li, wang, zhao)}
    return Scenario(ids, dept_a, reward.name)


def figures(row: object) -> tuple[int, ...]:
    names = ("participation", "output", "sharing", "other", "earned", "redeemed", "balance")
    return tuple(getattr(row, name) for name in names)


def test_periods_are_half_open_and_cover_their_calendar() -> None:
    assert (Q1.start, Q1.end) == (datetime(2026, 1, 1), datetime(2026, 4, 1))
    assert Q1.contains(FIRST_SECOND_Q1) and Q1.contains(LAST_SECOND_Q1)
    assert not Q1.contains(datetime(2026, 4, 1)) and not Q1.contains(datetime(2025, 12, 31, 23, 59, 59))
    assert Period.quarter(date(2026, 11, 30)).end == datetime(2027, 1, 1)
    assert Period.month(date(2026, 12, 5)).end == datetime(2027, 1, 1)
    assert Period.year(2026) == Period.of(PeriodKind.YEAR, date(2026, 7, 1))
    twelve = Period.last_12_months(date(2026, 3, 5))
    assert (twelve.start, twelve.end) == (datetime(2025, 3, 6), datetime(2026, 3, 6))
    assert Period.last_12_months(date(2028, 2, 29)).start == datetime(2027, 3, 1)
    assert Q1.describe() == "2026年第1季度"


def test_balances_split_by_category_with_redemptions_apart(db: Database, scenario: Scenario) -> None:
    with read_only(db) as session:
        rows = {r.employee_no: r for r in balance_rows(session)}
    assert list(rows) == ["00001", "00002", "00003", "00004"]
    assert figures(rows["00001"]) == (8, 20, 15, 5, 48, 20, 28)
    assert figures(rows["00002"]) == (8, 20, 30, 0, 58, 0, 58)
    assert figures(rows["00003"]) == (20, 0, 0, 0, 20, 0, 20)
    assert figures(rows["00004"]) == (0, 0, 0, 100, 100, 0, 100)
    assert rows["00001"].department == "总公司/甲部"


def test_balances_of_a_period_and_of_a_filtered_query(db: Database, scenario: Scenario) -> None:
    with read_only(db) as session:
        q1 = {r.employee_no: r for r in balance_rows(session, period=Q1)}
        narrowed = balance_rows(session, EmployeeQuery(department_id=scenario.dept_a, sort="name"), Q1)
    assert figures(q1["00002"]) == (-2, 20, 30, 0, 48, 0, 48)
    assert figures(q1["00003"]) == (10, 0, 0, 0, 10, 0, 10)
    assert [r.name for r in narrowed] == sorted(["张三", "李四"])


def test_an_employees_ledger_explains_every_line_with_a_running_balance(
    db: Database, scenario: Scenario
) -> None:
    with read_only(db) as session:
        lines = employee_ledger(session, scenario.ids["00001"])
    assert [line.points for line in lines] == [10, -2, 20, 5, -30, 30, -20, 15]
    assert [line.balance for line in lines] == [10, 8, 28, 33, 3, 33, 13, 28]
    attend, _late, plan, manual, hold = lines[:5]
    assert attend.rule_name == "参加线下培训（出勤或迟到）" and attend.category is PART
    assert attend.source_text() == "班次 S01 安全生产"
    assert plan.source_text() == "提交 S01 安全生产 行动计划"
    assert manual.rule_name == "手工调整" and manual.reason == "=月度之星" and manual.actor == "hr"
    assert hold.rule_name == "兑换" and hold.source_text() == f"兑换 {scenario.reward}"
    assert (
        lines[-1].occurred_at == LAST_SECOND_Q1 and lines[-1].rule_name == "撰写心得并发表"
    )  # no rule id: named by its code


def test_leaderboard_ranks_ties_together_and_keeps_to_the_quarter(db: Database, scenario: Scenario) -> None:
    with read_only(db) as session:
        q1 = leaderboard(session, Q1)
        q2 = leaderboard(session, Q2)
        q4 = leaderboard(session, Period.quarter(date(2025, 12, 31)))
        in_a = leaderboard(session, Q1, department_id=scenario.dept_a)
        top = leaderboard(session, Q1, limit=1)
    assert [(r.rank, r.employee_no, r.points) for r in q1] == [
        (1, "00001", 48),
        (1, "00002", 48),
        (3, "00003", 10),
    ]
    assert [(r.rank, r.name, r.points) for r in q2] == [(1, "李四", 10)]  # first second of Q2
    assert [(r.employee_no, r.points) for r in q4] == [("00003", 10)]  # last second of 2025
    assert [r.employee_no for r in in_a] == ["00001", "00002"]
    assert [r.employee_no for r in top] == ["00001"]
    assert q1[2].department == "总公司/乙部"


def test_department_leaderboard_totals_and_means(db: Database, scenario: Scenario) -> None:
    with read_only(db) as session:
        rows = department_leaderboard(session, Q1)
    assert [(r.rank, r.department, r.headcount, r.points, r.mean) for r in rows] == [
        (1, "总公司/甲部", 2, 96, Decimal("48.0")),
        (2, "总公司/乙部", 1, 10, Decimal("10.0")),  # 赵六 left: neither counted nor his points
    ]


def test_distribution_report_flags_gaps_over_ten_points(db: Database, scenario: Scenario) -> None:
    with read_only(db) as session:
        report = distribution_report(session, Q1)
    # participation 10-2-2+10 = 16, output 40, sharing 45: 101 points; OTHER (5 + 100) is apart
    assert (report.total, report.other, report.tolerance) == (101, 105, 10)
    assert [(r.category, r.points, r.actual, r.target, r.gap, r.flagged) for r in report.rows] == [
        (PART, 16, Decimal("15.8"), 30, Decimal("-14.2"), True),
        (OUT, 40, Decimal("39.6"), 40, Decimal("-0.4"), False),
        (SHARE, 45, Decimal("44.6"), 30, Decimal("14.6"), True),
    ]
    with read_only(db) as session:
        empty = distribution_report(session, Period.year(2020))
    assert empty.total == 0 and not empty.flagged


def test_targets_are_office_settings_that_must_add_up_to_100(db: Database, scenario: Scenario) -> None:
    with pytest.raises(InvalidField, match="100"):
        set_target_shares(db.uow(), {PART: 30, OUT: 40, SHARE: 40})
    set_target_shares(db.uow(), {PART: 20, OUT: 40, SHARE: 40}, tolerance=4)
    with read_only(db) as session:
        assert target_shares(session) == {PART: 20, OUT: 40, SHARE: 40}
        report = distribution_report(session, Q1)
    assert [r.flagged for r in report.rows] == [True, False, True]  # gaps -4.2, -0.4, +4.6 against 4
