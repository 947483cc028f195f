"""Training effect: the four levels per course and per department, worked out by hand on small cases."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from effect_cases import (
    FINANCE,
    SALES,
    addresses,
    competency,
    exam,
    held,
    negotiation_office,
    person,
    reviews,
)
from training_data import building, hand_in, make_course, sign_in

from desktop_hr.db import Database
from desktop_hr.errors import InvalidField
from desktop_hr.models import AssignmentType, AttendanceStatus, SessionStatus
from desktop_hr.services.development.effect import CourseEffect, EffectReport, training_effect
from desktop_hr.services.development.effect_results import period_end


def _report(db: Database, **filters: object) -> EffectReport:
    with db.read_session() as session:
        return training_effect(session, **filters)  # type: ignore[arg-type]


def _course(report: EffectReport, code: str) -> CourseEffect:
    (found,) = [c for c in report.courses if c.code == code]
    return found


def _d(text: str) -> Decimal:
    return Decimal(text)


@pytest.mark.parametrize(
    ("period", "ends"),
    [
        ("2025", date(2025, 12, 31)),
        ("2025H1", date(2025, 6, 30)),
        ("2025h2", date(2025, 12, 31)),
        ("2025Q1", date(2025, 3, 31)),
        ("2025Q3", date(2025, 9, 30)),
        (" 2024 Q4 ", date(2024, 12, 31)),
        ("2025H3", None),
        ("2025年", None),
        ("上半年", None),
    ],
)
def test_a_review_period_ends_on_its_last_day(period: str, ends: date | None) -> None:
    assert period_end(period) == ends


def test_the_four_levels_of_a_course(db: Database) -> None:
    negotiation_office(db)
    report = _report(db, year=2025)
    assert (report.date_from, report.date_to, report.department) == (date(2025, 1, 1), date(2025, 12, 31), "")
    assert [c.code for c in report.courses] == ["C01", "C02"]
    c01 = _course(report, "C01")
    # S01 and S02 held (S02 only late arrivals); 00001 00002 00003 00005 at S01, 00004 at S02.
    assert (c01.sessions, c01.attendees) == (2, 5)
    assert (c01.satisfaction, c01.rating, c01.feedback) == (_d("80.0"), _d("4.0"), 3)
    # Exams 59, 60, 90 against a pass mark of 60: two of three pass.
    assert (c01.pass_rate, c01.exam_mean, c01.exams) == (_d("66.7"), _d("69.7"), 3)
    # Four attendees of S01 owed a plan; day 30 counts, day 31 does not; the adopted late plan is not counted.
    assert (c01.plans_expected, c01.plans_in_time, c01.plan_rate, c01.plans_adopted) == (4, 2, _d("50.0"), 1)


def test_before_and_after_means_beside_those_not_trained(db: Database) -> None:
    negotiation_office(db)
    talk_or_speak = {c.competency: c for c in _course(_report(db, year=2025), "C01").competencies}
    talk, speak = talk_or_speak["谈判能力"], talk_or_speak["沟通能力"]
    # 00001 60→80, 00002 70→84, 00005 65→82: 2025H1 ended on S01's first day (before), 2025Q3 after its end.
    # 00003 has no review after; 00004's 2025Q3 ended on S02's last day, which is not after it.
    assert (talk.people, talk.before, talk.after) == (3, _d("65.0"), _d("82.0"))
    assert (talk.before_period, talk.after_period) == ("2025H1", "2025Q3")
    # Not trained, scored in both: 00006 (absent from S01) 66→68, 00007 66→68, 00009 50→60; not 00008 (left)
    # nor 00010 (no 2025H1 score).
    assert (talk.others, talk.others_before, talk.others_after) == (3, _d("60.7"), _d("65.3"))
    assert talk.line("zh_CN") == "谈判能力 65.0 → 82.0（未参训 60.7 → 65.3）"
    assert (speak.people, speak.before, speak.after, speak.others) == (1, _d("70.0"), _d("75.0"), 0)
    assert speak.line("zh_CN") == "沟通能力 70.0 → 75.0"


def test_a_department_filter_counts_only_its_people(db: Database) -> None:
    office = negotiation_office(db)
    sales = _report(db, year=2025, department_id=office.sales_id)
    assert sales.department == SALES
    c01 = _course(sales, "C01")
    assert (c01.sessions, c01.attendees, c01.satisfaction, c01.rating) == (2, 4, _d("85.0"), _d("4.5"))
    assert (c01.plans_expected, c01.plans_in_time, c01.plans_adopted) == (3, 1, 1)
    talk = next(c for c in c01.competencies if c.competency == "谈判能力")
    assert talk.line("zh_CN") == "谈判能力 65.0 → 82.0（未参训 66.0 → 68.0）"
    finance = _report(db, year=2025, department_id=office.finance_id)
    assert [c.code for c in finance.courses] == ["C01"]  # 安全生产 had nobody from 财务部
    only = _course(finance, "C01")
    assert (only.sessions, only.attendees, only.pass_rate, only.plan_rate, only.plans_adopted) == (
        1,
        1,
        None,
        _d("100.0"),
        0,
    )
    assert only.competencies[1].line("zh_CN") == "谈判能力 65.0 → 82.0（未参训 50.0 → 60.0）"


def test_the_per_department_view_groups_attendees_by_department(db: Database) -> None:
    negotiation_office(db)
    report = _report(db, year=2025)
    rows = [(e.department, e.code, e.attendees, e.plans_in_time) for e in report.departments]
    assert rows == [(FINANCE, "C01", 1, 1), (SALES, "C01", 4, 1), (SALES, "C02", 1, 0)]
    sales = report.departments[1]
    talk = next(c for c in sales.competencies if c.competency == "谈判能力")
    # The comparison group of a department's line is that department's people.
    assert (talk.before, talk.after, talk.others_before, talk.others_after) == (
        _d("65.0"),
        _d("82.0"),
        _d("66.0"),
        _d("68.0"),
    )


def test_sessions_without_a_pass_mark_stay_out_of_the_pass_rate(db: Database) -> None:
    negotiation_office(db)
    c02 = _course(_report(db, year=2025), "C02")
    assert (c02.pass_rate, c02.exam_mean, c02.exams) == (None, _d("30.0"), 1)
    assert c02.competencies == ()
    with building(db) as s:
        course = make_course(s, "C03", "财务分析")
        marked = held(s, course.id, "S31", date(2025, 5, 6), date(2025, 5, 6), pass_mark=80)
        unmarked = held(s, course.id, "S32", date(2025, 5, 7), date(2025, 5, 7))
        a, b = person(s, "00031", "甲"), person(s, "00032", "乙")
        for training in (marked, unmarked):
            sign_in(s, training, a)
            sign_in(s, training, b)
        exam(s, marked, a, 80)  # passes on the mark exactly
        exam(s, marked, b, 79)
        exam(s, unmarked, a, 10)
        exam(s, unmarked, b, 11)
    c03 = _course(_report(db, year=2025), "C03")
    assert (c03.pass_rate, c03.exam_mean, c03.exams) == (_d("50.0"), _d("45.0"), 4)


def test_only_held_sessions_in_the_period_count(db: Database) -> None:
    with building(db) as s:
        course = make_course(s, "C04", "团队培养")
        skill = competency(s, "团队培养")
        addresses(s, course.id, skill)
        a, b = person(s, "00041", "甲"), person(s, "00042", "乙")
        nobody = held(s, course.id, "S41", date(2025, 3, 1), date(2025, 3, 1))
        sign_in(s, nobody, a, AttendanceStatus.ABSENT)
        sign_in(s, nobody, b, AttendanceStatus.EXCUSED)
        cancelled = held(
            s, course.id, "S42", date(2025, 3, 2), date(2025, 3, 2), status=SessionStatus.CANCELLED
        )
        sign_in(s, cancelled, a)
        last_year = held(s, course.id, "S43", date(2024, 12, 31), date(2025, 1, 1))
        sign_in(s, last_year, b)
        first_day = held(s, course.id, "S44", date(2025, 1, 1), date(2025, 1, 1))
        sign_in(s, first_day, a)
        sign_in(s, first_day, b, AttendanceStatus.ABSENT)
        reviews(s, a, {"2024": {skill: 50}, "2025Q1": {skill: 70}})
    effect = _course(_report(db, year=2025), "C04")
    assert (effect.sessions, effect.attendees) == (1, 1)
    # 乙 attended S43 (2024): never in the comparison group of the course, though scored in neither period.
    assert effect.competencies[0].line("zh_CN") == "团队培养 50.0 → 70.0"
    assert _report(db, year=2023).courses == ()
    dated = _report(db, date_from=date(2024, 12, 31), date_to=date(2024, 12, 31))
    assert [(c.code, c.sessions) for c in dated.courses] == [("C04", 1)]
    assert len(_report(db).courses) == 1 and _report(db).courses[0].sessions == 2


def test_the_action_plan_window_ends_on_day_30(db: Database) -> None:
    with building(db) as s:
        course = make_course(s, "C05", "行动学习")
        training = held(
            s,
            course.id,
            "S51",
            date(2025, 2, 27),
            date(2025, 2, 28),
            assignment_type=AssignmentType.ACTION_PLAN,
        )
        other = held(s, course.id, "S52", date(2025, 3, 3), date(2025, 3, 3))
        people = [person(s, f"0005{n}", f"员工{n}") for n in range(1, 5)]
        for employee in people:
            sign_in(s, training, employee)
        sign_in(s, other, people[0])
        plan = AssignmentType.ACTION_PLAN
        hand_in(s, training, people[0], plan, datetime(2025, 3, 30, 23, 59), adopted=True)  # day 30
        hand_in(s, training, people[1], plan, datetime(2025, 3, 31, 0, 1), adopted=True)  # day 31
        hand_in(s, training, people[2], plan, datetime(2025, 2, 28, 12))  # during the session
        hand_in(s, other, people[0], plan, datetime(2025, 3, 4))  # S52 asked for none
    effect = _course(_report(db, year=2025), "C05")
    assert (effect.plans_expected, effect.plans_in_time, effect.plan_rate, effect.plans_adopted) == (
        4,
        2,
        _d("50.0"),
        1,
    )


def test_a_start_after_the_end_is_refused(db: Database) -> None:
    with db.read_session() as session, pytest.raises(InvalidField) as refused:
        training_effect(session, date_from=date(2025, 5, 2), date_to=date(2025, 5, 1))
    assert "2025-05-02" in refused.value.message() and "2025-05-01" in refused.value.message()
