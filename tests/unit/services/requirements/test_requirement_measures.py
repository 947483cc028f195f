"""Credits and hours per employee and period: which sign-ins count, which dates, every split, exact amounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from requirement_cases import addresses, attended, course, person, record
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models import (
    AttendanceStatus,
    CourseCategory,
    CourseClassification,
    Delivery,
    Dimension,
    Measure,
    PeriodKind,
    Role,
    SubjectType,
)
from desktop_hr.services.requirements.measures import (
    Amount,
    Slice,
    Window,
    courses_taken,
    earned,
    submission_counts,
    tally,
)
from desktop_hr.services.trust.permissions import Principal


def test_windows_of_each_period_kind() -> None:
    assert Window.of(PeriodKind.CALENDAR_YEAR, 2026) == Window(date(2026, 1, 1), date(2027, 1, 1))
    assert Window.of(PeriodKind.LAST_YEARS, 2026, 3) == Window(date(2024, 1, 1), date(2027, 1, 1))
    assert Window.of(PeriodKind.SINCE_HIRE, 2026) == Window(None, date(2027, 1, 1), since_hire=True)


def test_present_late_and_completed_count_absent_and_excused_do_not(db: Database) -> None:
    with building(db) as session:
        who = person(session, "1001", "陈静")
        row = course(session, "C1", hours="3.25", credits="1.5")
        for status in AttendanceStatus:
            attended(session, who, row, date(2026, 3, 1), status)
        person(session, "1002", "没参加")
    with db.read_session() as session:
        found = earned(session, Window.year(2026))
    assert set(found) == {who.id}  # people with nothing are left out
    assert (found[who.id].hours, found[who.id].credits) == (Decimal("9.75"), Decimal("4.50"))


def test_split_by_category_subject_classification_and_delivery(db: Database) -> None:
    with building(db) as session:
        who = person(session, "1001", "陈静")
        online = course(
            session,
            "C1",
            hours="2",
            credits="1",
            category=CourseCategory.ELECTIVE,
            subject=SubjectType.GENERAL,
            classification=CourseClassification.SPECIALISED,
            delivery=Delivery.ONLINE,
        )
        attended(session, who, online, date(2026, 2, 1), AttendanceStatus.COMPLETED)
        practice = course(session, "C2", hours="6", credits="3", category=CourseCategory.PRACTICE)
        attended(session, who, practice, date(2026, 3, 1))
        record(
            session,
            who,
            date(2026, 4, 1),
            hours="10.01",
            credits="0.99",
            category=CourseCategory.REQUIRED,
            subject=SubjectType.PROFESSIONAL,
        )
        record(session, who, date(2026, 5, 1), hours="1")  # no category, subject or type: in the totals only
    with db.read_session() as session:
        mine = earned(session, Window.year(2026))[who.id]
    assert (mine.hours, mine.credits) == (Decimal("19.01"), Decimal("4.99"))
    by = mine.of
    assert by(Measure.HOURS, Slice(Dimension.CATEGORY, "elective")) == Decimal("2.00")
    assert by(Measure.CREDITS, Slice(Dimension.CATEGORY, "practice")) == Decimal("3.00")
    assert by(Measure.HOURS, Slice(Dimension.CATEGORY, "required")) == Decimal("10.01")
    assert by(Measure.HOURS, Slice(Dimension.SUBJECT, "professional")) == Decimal(
        "16.01"
    )  # C2 is professional
    assert by(Measure.HOURS, Slice(Dimension.SUBJECT, "general")) == Decimal("2.00")
    assert by(Measure.HOURS, Slice(Dimension.CLASSIFICATION, "specialised")) == Decimal("2.00")
    assert by(Measure.HOURS, Slice(Dimension.CLASSIFICATION, "in_service")) == Decimal("6.00")
    assert by(Measure.HOURS, Slice(Dimension.DELIVERY, "online")) == Decimal("2.00")
    assert by(Measure.HOURS, Slice(Dimension.DELIVERY, "offline")) == Decimal("6.00")  # records carry none
    assert all(isinstance(v, Decimal) for v in mine.hours_by.values())


def test_records_and_sessions_of_another_year_do_not_count(db: Database) -> None:
    with building(db) as session:
        who = person(session, "1001", "陈静", hire_date=date(2025, 7, 1))
        row = course(session, "C1", hours="1", credits="1")
        for day in (
            date(2025, 6, 30),
            date(2025, 12, 31),
            date(2026, 1, 1),
            date(2026, 12, 31),
            date(2027, 1, 1),
        ):
            attended(session, who, row, day)
            record(session, who, day, hours="10", credits="10")
    year = Window.year(2026)
    since_hire = Window.of(PeriodKind.SINCE_HIRE, 2026)
    three_years = Window.of(PeriodKind.LAST_YEARS, 2026, 3)
    with db.read_session() as session:
        found = tally(
            session,
            [
                Amount(year, Measure.HOURS),
                Amount(since_hire, Measure.HOURS),
                Amount(three_years, Measure.CREDITS),
            ],
        )
    assert found == {who.id: (2200, 3300, 4400)}  # exact hundredths


def test_competency_slices_count_the_courses_that_address_it(db: Database) -> None:
    with building(db) as session:
        who = person(session, "1001", "陈静")
        team = course(session, "T1", credits="8")
        addresses(session, team, "团队管理")
        attended(session, who, team, date(2026, 1, 5))
        attended(session, who, course(session, "O1", credits="2"), date(2026, 1, 6))
        record(
            session, who, date(2026, 1, 7), credits="5", course_title="团队管理"
        )  # a title is not a course
    window = Window.year(2026)
    amounts = [
        Amount(window, Measure.CREDITS, Slice(Dimension.COMPETENCY, "团队管理")),
        Amount(window, Measure.CREDITS, Slice(Dimension.COMPETENCY, "无此能力")),
        Amount(window, Measure.CREDITS),
    ]
    with db.read_session() as session:
        assert tally(session, amounts) == {who.id: (800, 0, 1500)}


def test_submissions_count_by_the_sessions_date_and_courses_taken_by_code(db: Database) -> None:
    from requirement_cases import handed_in

    from desktop_hr.models import AssignmentType

    with building(db) as session:
        who = person(session, "1001", "陈静")
        row = course(session, "C1", hours="1")
        december = attended(session, who, row, date(2025, 12, 30))  # handed in in January: still 2025's
        handed_in(session, who, december, excellent=True)
        march = attended(session, who, row, date(2026, 3, 1))
        handed_in(session, who, march)
        handed_in(session, who, march, AssignmentType.HOMEWORK, excellent=True)
        attended(session, who, course(session, "ONB-01"), date(2026, 3, 2), AttendanceStatus.EXCUSED)
    windows = [Window.year(2025), Window.year(2026)]
    with db.read_session() as session:
        counts = submission_counts(session, windows)[who.id]
        taken = courses_taken(session, Window.year(2026), ["C1", "ONB-01"])
    assert [(c.reflections, c.submissions, c.excellent) for c in counts] == [(1, 1, 1), (1, 2, 1)]
    assert taken == {who.id: {"C1"}}


def test_a_department_heads_aggregates_cover_its_own_people_only(db: Database) -> None:
    from desktop_hr.models import Department

    with building(db) as session:
        company = Department(name="总公司", kind="company", path="")
        session.add(company)
        session.flush()
        company.path = f"{company.id}/"
        sales = Department(name="销售部", kind="department", parent_id=company.id, path="")
        session.add(sales)
        session.flush()
        sales.path = f"{company.path}{sales.id}/"
        row = course(session, "C1", hours="5")
        own = person(session, "1001", "本部门", department_id=sales.id)
        other = person(session, "1002", "其他部门", department_id=company.id)
        for who in (own, other):
            attended(session, who, row, date(2026, 3, 1))
            record(session, who, date(2026, 3, 2), hours="1")
    db.principal = Principal(name="head", role=Role.DEPARTMENT_HEAD, departments=frozenset({sales.id}))
    with db.read_session() as session:
        assert tally(session, [Amount(Window.year(2026), Measure.HOURS)]) == {own.id: (600,)}
