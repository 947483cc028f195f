"""The training calendar (.ics) as a calendar program reads it: one event per session with its times in the
office's time zone, the place, the trainer and a reminder; one person's or a department's sessions; a range."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest
from training_data import building, enrol, make_course, make_people, make_session

from desktop_hr.db import Database
from desktop_hr.errors import InvalidField
from desktop_hr.models import Department, DepartmentKind, SessionStatus
from desktop_hr.services.training.calendar import CalendarQuery, calendar_text, write_calendar

CHINA = timezone(timedelta(hours=8))


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with building(db) as session:
        company = Department(name="总公司", kind=DepartmentKind.COMPANY, path="")
        session.add(company)
        session.flush()
        company.path = f"{company.id}/"
        sales = Department(name="销售部", kind=DepartmentKind.DEPARTMENT, parent_id=company.id, path="")
        session.add(sales)
        session.flush()
        sales.path = f"{company.path}{sales.id}/"
        trainer, seller, clerk = make_people(session, {"0001": "王讲师", "0002": "李销售", "0003": "赵文员"})
        seller.department_id = sales.id
        negotiation = make_course(session, "C01", "商务谈判技巧", hours=Decimal(6))
        safety = make_course(session, "C02", "安全生产, 第一课; 基础", hours=Decimal("1.5"))
        first = make_session(
            session,
            negotiation,
            "S2026-01",
            datetime(2026, 3, 5, 9),
            datetime(2026, 3, 5, 17),
            place="总部三楼培训室",
            trainer_id=trainer.id,
        )
        second = make_session(
            session,
            safety,
            "S2026-02",
            datetime(2026, 4, 2, 14),
            place="二号会议室",
            external_trainer="外聘 周老师",
        )
        make_session(session, safety, "S2026-03", datetime(2026, 4, 9, 14), status=SessionStatus.CANCELLED)
        enrol(session, first, seller)
        enrol(session, second, clerk)
        return {"trainer": trainer.id, "seller": seller.id, "clerk": clerk.id, "sales": sales.id}


def _read(db: Database, path: Path, query: CalendarQuery) -> tuple[int, icalendar.Calendar]:
    with db.read_session() as session:
        count = write_calendar(session, query, path)
    return count, icalendar.Calendar.from_ical(path.read_bytes())


def test_every_session_is_an_event_with_its_time_zone_place_trainer_and_reminder(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    count, calendar = _read(db, tmp_path / "培训日历.ics", CalendarQuery())
    events = calendar.walk("VEVENT")
    assert count == len(events) == 2  # the cancelled session is not in anyone's calendar
    first, second = events
    assert str(first["UID"]) == "S2026-01@desktop-hr"
    assert str(first["SUMMARY"]) == "商务谈判技巧（S2026-01）"
    assert str(first["LOCATION"]) == "总部三楼培训室"
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert start.utcoffset() == timedelta(hours=8) and end.utcoffset() == timedelta(hours=8)
    assert start == datetime(2026, 3, 5, 9, tzinfo=CHINA) and end == datetime(2026, 3, 5, 17, tzinfo=CHINA)
    assert "讲师：王讲师" in str(first["DESCRIPTION"]) and "6 学时" in str(first["DESCRIPTION"])
    (alarm,) = first.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)
    # Commas and semicolons of a title survive the escaping; an external trainer is named too.
    assert str(second["SUMMARY"]) == "安全生产, 第一课; 基础（S2026-02）"
    assert "讲师：外聘 周老师" in str(second["DESCRIPTION"]) and "1.5 学时" in str(second["DESCRIPTION"])
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"
    raw = (tmp_path / "培训日历.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded as RFC 5545 asks
    assert raw.endswith(b"END:VCALENDAR\r\n")


def test_one_persons_and_one_departments_sessions(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    _, trainer = _read(db, tmp_path / "a.ics", CalendarQuery(employee_id=office["trainer"]))
    assert [str(e["UID"]) for e in trainer.walk("VEVENT")] == ["S2026-01@desktop-hr"]  # teaching counts
    _, clerk = _read(db, tmp_path / "b.ics", CalendarQuery(employee_id=office["clerk"]))
    assert [str(e["UID"]) for e in clerk.walk("VEVENT")] == ["S2026-02@desktop-hr"]
    _, sales = _read(db, tmp_path / "c.ics", CalendarQuery(department_id=office["sales"]))
    assert [str(e["UID"]) for e in sales.walk("VEVENT")] == ["S2026-01@desktop-hr"]


def test_a_date_range_includes_both_ends_and_refuses_an_end_before_the_start(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    _, april = _read(db, tmp_path / "april.ics", CalendarQuery(date(2026, 4, 2), date(2026, 4, 30)))
    assert [str(e["UID"]) for e in april.walk("VEVENT")] == ["S2026-02@desktop-hr"]
    _, march = _read(db, tmp_path / "march.ics", CalendarQuery(date(2026, 3, 1), date(2026, 3, 5)))
    assert [str(e["UID"]) for e in march.walk("VEVENT")] == ["S2026-01@desktop-hr"]
    target = tmp_path / "bad.ics"
    with pytest.raises(InvalidField) as refused, db.read_session() as session:
        write_calendar(session, CalendarQuery(date(2026, 4, 30), date(2026, 4, 1)), target)
    assert "2026-04-01" in refused.value.message() and "早于" in refused.value.message()
    assert not target.exists()


def test_an_empty_calendar_is_still_a_valid_file() -> None:
    calendar = icalendar.Calendar.from_ical(calendar_text([], "某公司").encode())
    assert calendar.walk("VEVENT") == [] and "某公司" in str(calendar["X-WR-CALNAME"])
