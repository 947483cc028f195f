"""Each incentive list at its threshold: 79/80, 99/100, 119/120, top 20 % with ties, 10 points per 1 % up to 5 %.

Today is 2026-06-30: the last 12 months run from 2025-07-01 00:00:00; Q2 2026 is April to June.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from training_data import building, full_days, hand_in, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.errors import InvalidField
from desktop_hr.models import AssignmentType, AttendanceStatus, EmployeeStatus, PointCategory
from desktop_hr.services.points.incentives import (
    IncentiveKind,
    bonus_percent,
    incentive_list,
    set_threshold,
    thresholds,
)
from desktop_hr.services.points.ledger import MANUAL, Posting, post

TODAY = date(2026, 6, 30)
IN_Q2 = datetime(2026, 5, 1, 9)
# 工号 -> points in Q2 (00001's 79 fall on 2026-01-01 00:00:00, inside the 12 months and the year)
POINTS = {"00002": 80, "00003": 99, "00004": 100, "00005": 119, "00006": 120, "00007": 120, "00008": 120}


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    with building(db) as session:
        people = make_people(session, {f"{n:05d}": f"员工{n}" for n in range(1, 11)})
        (left,) = make_people(session, {"00011": "离职者"}, status=EmployeeStatus.LEFT)
        ids = {p.employee_no: p.id for p in [*people, left]}

        def give(no: str, points: int, when: datetime) -> None:
            post(
                session,
                Posting(ids[no], points, PointCategory.OTHER, when, MANUAL, reason="测试"),
            )

        give("00001", 79, datetime(2026, 1, 1, 0, 0, 0))
        give("00001", 50, datetime(2025, 6, 30, 23, 59, 59))  # one second before the 12 months
        for no, points in POINTS.items():
            give(no, points, IN_Q2)
        give("00011", 500, IN_Q2)  # left: on no list

        # Action plans: sessions S1..S5 in the first quarter asked for one; S6 ends 2026-06-20 (still due).
        course = make_course(session)
        plan = {"assignment_type": AssignmentType.ACTION_PLAN}
        days = [date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10), date(2026, 3, 20), date(2026, 3, 25)]
        s1, s2, s3, s4, s5 = (make_session(session, course, f"S{i}", *full_days(d), **plan) for i, d in
                              enumerate(days, start=1))  # fmt: skip
        s6 = make_session(session, course, "S6", *full_days(date(2026, 6, 20)), **plan)
        s7 = make_session(session, course, "S7", *full_days(date(2026, 4, 1)), **plan)
        ap = AssignmentType.ACTION_PLAN
        # 00006: S1 on the 30th day (on time), S2-S4 on time, S5 on the 31st day: 4 of 5 = 80 %
        for training in (s1, s2, s3, s4, s5, s6):
            sign_in(session, training, ids["00006"])
        sign_in(session, s7, ids["00006"], AttendanceStatus.ABSENT)  # not attended: not counted
        hand_in(session, s1, ids["00006"], ap, datetime(2026, 2, 9, 23, 0))
        hand_in(session, s2, ids["00006"], ap, datetime(2026, 2, 15))
        hand_in(session, s3, ids["00006"], ap, datetime(2026, 3, 11))
        hand_in(session, s4, ids["00006"], ap, datetime(2026, 3, 21))
        hand_in(session, s5, ids["00006"], ap, datetime(2026, 4, 25))
        # 00007: 3 of 4 = 75 %; 00005: 1 of 1 but only 119 points; 00008: no session at all
        for training in (s1, s2, s3, s4):
            sign_in(session, training, ids["00007"], AttendanceStatus.LATE)
        for training in (s1, s2, s3):
            hand_in(session, training, ids["00007"], ap, training.ends_at + timedelta(days=1))
        sign_in(session, s1, ids["00005"])
        hand_in(session, s1, ids["00005"], ap, datetime(2026, 1, 11))
    return ids


def listed(db: Database, kind: IncentiveKind) -> list[tuple[str, int]]:
    with read_only(db) as session:
        return [(r.employee_no, r.points) for r in incentive_list(session, kind, TODAY).rows]


def test_welfare_from_80_and_competition_from_100_points_in_the_last_12_months(
    db: Database, staff: dict[str, int]
) -> None:
    assert listed(db, IncentiveKind.WELFARE) == [
        ("00006", 120),
        ("00007", 120),
        ("00008", 120),
        ("00005", 119),
        ("00004", 100),
        ("00003", 99),
        ("00002", 80),
    ]  # 00001 has 79 (its 50 a second too early), 00011 left
    assert [no for no, _ in listed(db, IncentiveKind.COMPETITION)] == [
        "00006",
        "00007",
        "00008",
        "00005",
        "00004",
    ]


def test_excellent_rating_lists_who_qualifies_and_who_does_not(db: Database, staff: dict[str, int]) -> None:
    with read_only(db) as session:
        rows = {r.employee_no: r for r in incentive_list(session, IncentiveKind.EXCELLENT, TODAY).rows}
    assert len(rows) == 10  # everyone still employed
    assert (rows["00001"].points, rows["00001"].qualifies) == (79, False)
    assert (rows["00002"].points, rows["00002"].qualifies) == (80, True)
    assert (rows["00009"].points, rows["00009"].qualifies) == (0, False)
    assert [r.qualifies for r in rows.values()] == sorted((r.qualifies for r in rows.values()), reverse=True)


def test_promotion_needs_120_points_and_80_percent_of_action_plans_on_time(
    db: Database, staff: dict[str, int]
) -> None:
    with read_only(db) as session:
        found = incentive_list(session, IncentiveKind.PROMOTION, TODAY)
    assert [(r.employee_no, r.points, r.plans_on_time, r.plans_due, r.plan_rate) for r in found.rows] == [
        ("00006", 120, 4, 5, Decimal("80.0"))
    ]
    assert "120" in found.rule and "80%" in found.rule
    set_threshold(db.uow(), "promotion_plan_rate", 75)
    assert [no for no, _ in listed(db, IncentiveKind.PROMOTION)] == ["00006", "00007"]
    set_threshold(db.uow(), "promotion_points", 119)
    assert [no for no, _ in listed(db, IncentiveKind.PROMOTION)] == ["00006", "00007", "00005"]


def test_top_20_percent_of_the_headcount_get_the_coefficient_ties_included(
    db: Database, staff: dict[str, int]
) -> None:
    with read_only(db) as session:
        found = incentive_list(session, IncentiveKind.BONUS_COEFFICIENT, TODAY)
    # 10 employed → the first 2 ranks; three share rank 1
    assert [(r.employee_no, r.rank, r.coefficient) for r in found.rows] == [
        ("00006", 1, Decimal("0.1")),
        ("00007", 1, Decimal("0.1")),
        ("00008", 1, Decimal("0.1")),
    ]
    set_threshold(db.uow(), "bonus_top_percent", 40)
    set_threshold(db.uow(), "bonus_coefficient_hundredths", 15)
    with read_only(db) as session:
        found = incentive_list(session, IncentiveKind.BONUS_COEFFICIENT, TODAY)
    assert [(r.employee_no, r.rank) for r in found.rows][-1] == ("00005", 4)
    assert {r.coefficient for r in found.rows} == {Decimal("0.15")}


def test_one_percent_bonus_per_ten_points_capped_at_five() -> None:
    assert [bonus_percent(p) for p in (-5, 0, 9, 10, 19, 20, 49, 50, 51, 120)] == [
        0,
        0,
        0,
        1,
        1,
        2,
        4,
        5,
        5,
        5,
    ]


def test_bonus_list_of_the_quarter_and_an_edited_cap(db: Database, staff: dict[str, int]) -> None:
    with read_only(db) as session:
        rows = incentive_list(session, IncentiveKind.BONUS_PERCENT, TODAY).rows
    assert {r.bonus_percent for r in rows} == {5} and len(rows) == len(POINTS)  # 00001's 79 are in Q1
    set_threshold(db.uow(), "bonus_cap_percent", 10)
    with read_only(db) as session:
        rows = incentive_list(session, IncentiveKind.BONUS_PERCENT, TODAY).rows
    assert {r.employee_no: r.bonus_percent for r in rows}["00003"] == 9
    assert {r.employee_no: r.bonus_percent for r in rows}["00006"] == 10


def test_thresholds_are_editable_and_checked(db: Database, staff: dict[str, int]) -> None:
    with read_only(db) as session:
        assert thresholds(session).welfare_points == 80
    set_threshold(db.uow(), "welfare_points", 79)
    assert listed(db, IncentiveKind.WELFARE)[-1] == ("00001", 79)
    with pytest.raises(InvalidField, match="0 到 100"):
        set_threshold(db.uow(), "bonus_top_percent", 101)
    with pytest.raises(InvalidField, match="没有这项设置"):
        set_threshold(db.uow(), "no_such_threshold", 1)
    with read_only(db) as session:
        assert thresholds(session).bonus_top_percent == 20
