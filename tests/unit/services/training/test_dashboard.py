"""The dashboard's figures, against a scenario worked out by hand (today 2026-03-10, the last three months).

People: 00001 甲 in 总公司/华东分部/销售部, 00002 乙 in 总公司/财务部, 00003 丙 without a department,
00004 丁 placed in 总公司 itself.
Courses: C01 3 hours 1.5 credits; C02 2 hours 1 credit.
Sessions:
  S0  C01 2025-12-31 23:00  甲 enrolled, present            → December: outside the window and the year
  S1  C01 2026-01-31 09:00  甲 present, 乙 late, 丙 absent  → January 3 enrolled, 2 attended, 66.7 %
  S2  C02 2026-02-01 09:00  甲 completed, 乙 excused; 丙 waitlisted → February 2 enrolled, 1 attended, 50.0 %
  S3  C01 2026-02-10 cancelled, 甲 and 乙 enrolled         → counts nowhere
  S4  C01 2026-03-02 09:00  甲 present; 乙's enrolment cancelled → March 1 enrolled, 1 attended, 100.0 %
  S5  C01 2026-03-10 09:00 (today) 甲 enrolled              → not started yet: not counted
Historical records: 甲 2026-01-15 4 h 2 credits; 乙 2025-12-31 10 h (last year); 丙 2026-12-31 1 h 0.5;
丁 2026-06-01 2 h 1 credit.
Hours and credits in 2026: 华东分部 3+2+3+4 = 12 h, 1.5+1+1.5+2 = 6 credits (1 person); 财务部 3 h 1.5
(乙's S1, late, counts); 总公司 2 h 1; no department 1 h 0.5 (丙 was absent from S1).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from training_data import building, enrol, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.models import (
    AttendanceStatus,
    EnrolmentStatus,
    PointCategory,
    SessionStatus,
    TrainingRecord,
)
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.points.distribution import distribution_report
from desktop_hr.services.points.ledger import Posting, post
from desktop_hr.services.points.point_reports import Period
from desktop_hr.services.training.dashboard import (
    DepartmentTotals,
    MonthParticipation,
    dashboard,
    hours_and_credits_by_department,
    month_starts,
    participation_by_month,
    points_by_category,
)

TODAY = date(2026, 3, 10)


@pytest.fixture
def units(db: Database) -> dict[str, int]:
    """The departments' ids: "east" (华东分部), "finance" (财务部), "company" (总公司); and 甲's ("jia")."""
    with building(db) as s:
        sales = ensure_department_path(s, "总公司/华东分部/销售部")
        finance = ensure_department_path(s, "总公司/财务部")
        company = ensure_department_path(s, "总公司")
        east = ensure_department_path(s, "总公司/华东分部")
        jia, yi = make_people(s, {"00001": "甲"}, department_id=sales) + make_people(
            s, {"00002": "乙"}, department_id=finance
        )
        (bing,) = make_people(s, {"00003": "丙"})
        (ding,) = make_people(s, {"00004": "丁"}, department_id=company)
        c01 = make_course(s, "C01", hours=Decimal("3"), credits=Decimal("1.5"))
        c02 = make_course(s, "C02", "沟通", hours=Decimal("2"), credits=Decimal("1"))

        s0 = make_session(s, c01, "S0", datetime(2025, 12, 31, 23))
        enrol(s, s0, jia)
        sign_in(s, s0, jia)
        s1 = make_session(s, c01, "S1", datetime(2026, 1, 31, 9))
        enrol(s, s1, jia, yi, bing)
        sign_in(s, s1, jia)
        sign_in(s, s1, yi, AttendanceStatus.LATE)
        sign_in(s, s1, bing, AttendanceStatus.ABSENT)
        s2 = make_session(s, c02, "S2", datetime(2026, 2, 1, 9))
        enrol(s, s2, jia, yi)
        enrol(s, s2, bing, status=EnrolmentStatus.WAITLISTED)
        sign_in(s, s2, jia, AttendanceStatus.COMPLETED)
        sign_in(s, s2, yi, AttendanceStatus.EXCUSED)
        s3 = make_session(s, c01, "S3", datetime(2026, 2, 10, 9), status=SessionStatus.CANCELLED)
        enrol(s, s3, jia, yi)
        s4 = make_session(s, c01, "S4", datetime(2026, 3, 2, 9))
        enrol(s, s4, jia)
        enrol(s, s4, yi, status=EnrolmentStatus.CANCELLED)
        sign_in(s, s4, jia)
        s5 = make_session(s, c01, "S5", datetime(2026, 3, 10, 9))
        enrol(s, s5, jia)

        def record(person: int, on: date, hours: str, credits: str) -> None:
            s.add(
                TrainingRecord(
                    employee_id=person,
                    course_title="旧培训",
                    on_date=on,
                    hours=Decimal(hours),
                    credits=Decimal(credits),
                )
            )

        record(jia.id, date(2026, 1, 15), "4", "2")
        record(yi.id, date(2025, 12, 31), "10", "5")
        record(bing.id, date(2026, 12, 31), "1", "0.5")
        record(ding.id, date(2026, 6, 1), "2", "1")
        return {"east": east, "finance": finance, "company": company, "jia": jia.id}


def test_months_run_back_over_the_turn_of_the_year() -> None:
    assert month_starts(date(2026, 2, 28), 3) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert month_starts(date(2026, 12, 31), 1) == [date(2026, 12, 1)]
    assert len(month_starts(TODAY, 12)) == 12


def test_participation_counts_sessions_in_the_month_they_start(db: Database, units: dict[str, int]) -> None:
    with read_only(db) as s:
        months = participation_by_month(s, TODAY, months=3)
    assert months == [
        MonthParticipation(date(2026, 1, 1), 3, 2, Decimal("66.7")),
        MonthParticipation(date(2026, 2, 1), 2, 1, Decimal("50.0")),
        MonthParticipation(date(2026, 3, 1), 1, 1, Decimal("100.0")),
    ]


def test_a_month_without_sessions_is_there_with_a_zero_rate(db: Database, units: dict[str, int]) -> None:
    with read_only(db) as s:
        months = participation_by_month(s, date(2026, 1, 20), months=12)
    assert [m.month for m in months][:2] == [date(2025, 2, 1), date(2025, 3, 1)]
    december, january = months[-2:]
    assert (december.month, december.enrolled, december.attended) == (date(2025, 12, 1), 1, 1)
    # S1 starts on 31 January: not yet on the 20th
    assert (january.enrolled, january.attended, january.rate) == (0, 0, Decimal("0.0"))
    assert all(m.enrolled == 0 for m in months[:-2])


def test_hours_and_credits_by_top_level_unit(db: Database, units: dict[str, int]) -> None:
    with read_only(db) as s:
        totals = hours_and_credits_by_department(s, 2026)
    assert totals == [
        DepartmentTotals(units["east"], "总公司/华东分部", "华东分部", Decimal("12.00"), Decimal("6.00"), 1),
        DepartmentTotals(units["finance"], "总公司/财务部", "财务部", Decimal("3.00"), Decimal("1.50"), 1),
        DepartmentTotals(units["company"], "总公司", "总公司", Decimal("2.00"), Decimal("1.00"), 1),
        DepartmentTotals(None, "", "", Decimal("1.00"), Decimal("0.50"), 1),
    ]
    with read_only(db) as s:
        last_year = hours_and_credits_by_department(s, 2025)
    # S0 for 甲 and 乙's historical record of 31 December
    assert [(t.name, t.hours, t.credits, t.people) for t in last_year] == [
        ("财务部", Decimal("10.00"), Decimal("5.00"), 1),
        ("华东分部", Decimal("3.00"), Decimal("1.50"), 1),
    ]
    with read_only(db) as s:
        assert hours_and_credits_by_department(s, 2024) == []


def test_people_of_a_unit_are_counted_once(db: Database, units: dict[str, int]) -> None:
    with building(db) as s:
        sales = ensure_department_path(s, "总公司/华东分部/销售部")
        market = ensure_department_path(s, "总公司/华东分部/市场部")
        (wu,) = make_people(s, {"00005": "戊"}, department_id=market)
        (ji,) = make_people(s, {"00006": "己"}, department_id=sales)
        late = make_session(s, make_course(s, "C03", hours=Decimal("1")), "S6", datetime(2026, 4, 1, 9))
        enrol(s, late, wu, ji)
        sign_in(s, late, wu)
        sign_in(s, late, ji)
    with read_only(db) as s:
        east = hours_and_credits_by_department(s, 2026)[0]
    assert (east.name, east.hours, east.people) == ("华东分部", Decimal("14.00"), 3)


def test_points_by_category_is_the_distribution_report(db: Database, units: dict[str, int]) -> None:
    with building(db) as s:
        for points, category in ((30, PointCategory.PARTICIPATION), (10, PointCategory.OUTPUT)):
            posting = Posting(units["jia"], points, category, datetime(2026, 2, 1), "MANUAL", reason="测试")
            post(s, posting)
    year = Period.year(TODAY)
    with read_only(db) as s:
        report = points_by_category(s, year)
        assert report == distribution_report(s, year)
        figures = dashboard(s, TODAY)
    assert [(row.category, row.actual, row.target) for row in report.rows] == [
        (PointCategory.PARTICIPATION, Decimal("75.0"), 30),
        (PointCategory.OUTPUT, Decimal("25.0"), 40),
        (PointCategory.SHARING, Decimal("0.0"), 30),
    ]
    assert figures.points == report
    assert len(figures.participation) == 12
    assert figures.departments[0].name == "华东分部"
