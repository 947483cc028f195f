"""Sessions as an iCalendar file (RFC 5545) that Outlook, WPS and phone calendars import: one VEVENT per
session (its 班次编号 in the UID, so importing again updates instead of doubling), with the place, the
trainer and a reminder the day before; for the whole office, one person (the sessions they are enrolled in
or teach) or a department's people, over a date range.

Times in the database are the office's wall-clock times; the file states them in the office's time zone
(China Standard Time, which has no daylight saving) with its VTIMEZONE, so a calendar elsewhere shows them
right too.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.errors import InvalidField, NotFound
from desktop_hr.models import Course, Employee, Enrolment, EnrolmentStatus, SessionStatus, TrainingSession
from desktop_hr.services.archive.organisation import subtree_ids
from desktop_hr.services.labels import table_label
from desktop_hr.services.records import print_settings

messages.define(
    {
        "calendar.field.range": ("日期范围", "Date range"),
        "calendar.reason.end_before_start": (
            "结束日期 {end} 早于开始日期 {start}",
            "the end {end} is before the start {start}",
        ),
        "calendar.name": ("{organisation}培训日历", "{organisation} training calendar"),
        "calendar.trainer": ("讲师：{name}", "Trainer: {name}"),
        "calendar.course": (
            "课程：{code} {title}（{hours} 学时）",
            "Course: {code} {title} ({hours} class hours)",
        ),
        "calendar.session": ("班次：{code}", "Session: {code}"),
        "calendar.reminder": ("明天培训：{title}", "Training tomorrow: {title}"),
    }
)

TIME_ZONE = "Asia/Shanghai"
_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TIME_ZONE}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class CalendarQuery:
    date_from: date | None = None  # sessions starting on or after this day
    date_to: date | None = None  # ... and on or before this one
    employee_id: int | None = None  # one person's sessions (enrolled, or teaching)
    department_id: int | None = None  # the sessions the department's people (subtree) are enrolled in


@dataclass(frozen=True)
class CalendarEvent:
    code: str
    title: str
    course_code: str
    hours: str
    starts_at: datetime
    ends_at: datetime
    place: str
    trainer: str
    status: SessionStatus


def check_range(query: CalendarQuery) -> None:
    if query.date_from and query.date_to and query.date_to < query.date_from:
        raise InvalidField(
            field=messages.text("calendar.field.range"),
            value=f"{query.date_from} – {query.date_to}",
            reason=messages.text(
                "calendar.reason.end_before_start", start=query.date_from, end=query.date_to
            ),
        )


def calendar_events(session: Session, query: CalendarQuery) -> list[CalendarEvent]:
    """The sessions the query names, by start; cancelled ones are left out."""
    check_range(query)
    trainer = Employee.__table__.alias("trainer")
    stmt = (
        select(
            TrainingSession.code,
            Course.title,
            Course.code,
            Course.hours,
            TrainingSession.starts_at,
            TrainingSession.ends_at,
            TrainingSession.place,
            trainer.c.name,
            TrainingSession.external_trainer,
            TrainingSession.status,
        )
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(trainer, trainer.c.id == TrainingSession.trainer_id)
        .where(TrainingSession.status != SessionStatus.CANCELLED)
        .order_by(TrainingSession.starts_at, TrainingSession.code)
    )
    if query.date_from is not None:
        stmt = stmt.where(TrainingSession.starts_at >= datetime.combine(query.date_from, datetime.min.time()))
    if query.date_to is not None:
        stmt = stmt.where(
            TrainingSession.starts_at
            < datetime.combine(query.date_to + timedelta(days=1), datetime.min.time())
        )
    enrolled = select(Enrolment.session_id).where(Enrolment.status == EnrolmentStatus.ENROLLED)
    if query.employee_id is not None:
        if session.get(Employee, query.employee_id) is None:
            raise NotFound(what=table_label("employee"), key=query.employee_id)
        stmt = stmt.where(
            or_(
                TrainingSession.id.in_(enrolled.where(Enrolment.employee_id == query.employee_id)),
                TrainingSession.trainer_id == query.employee_id,
            )
        )
    if query.department_id is not None:
        people = select(Employee.id).where(
            Employee.department_id.in_(subtree_ids(session, query.department_id))
        )
        stmt = stmt.where(TrainingSession.id.in_(enrolled.where(Enrolment.employee_id.in_(people))))
    return [
        CalendarEvent(
            code, title, course_code, f"{hours.normalize():f}", starts, ends, place, name or external, status
        )
        for code, title, course_code, hours, starts, ends, place, name, external, status in session.execute(
            stmt
        )
    ]


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """RFC 5545 3.1: lines of at most 75 octets, continued with a space, never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # a continuation line starts with the space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _local(moment: datetime) -> str:
    return f"{moment:%Y%m%dT%H%M%S}"


def calendar_text(events: list[CalendarEvent], organisation: str, *, now: datetime | None = None) -> str:
    stamp = f"{(now or datetime.now(UTC)).astimezone(UTC):%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//desktop_hr//training calendar//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(messages.text('calendar.name', organisation=organisation))}",
        f"X-WR-TIMEZONE:{TIME_ZONE}",
        *_VTIMEZONE,
    ]
    for event in events:
        description = "\n".join(
            [
                messages.text("calendar.session", code=event.code),
                messages.text(
                    "calendar.course", code=event.course_code, title=event.title, hours=event.hours
                ),
                *([messages.text("calendar.trainer", name=event.trainer)] if event.trainer else []),
            ]
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_escape(event.code)}@desktop-hr",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={TIME_ZONE}:{_local(event.starts_at)}",
            f"DTEND;TZID={TIME_ZONE}:{_local(event.ends_at)}",
            f"SUMMARY:{_escape(f'{event.title}（{event.code}）')}",
            f"LOCATION:{_escape(event.place)}",
            f"DESCRIPTION:{_escape(description)}",
            "STATUS:CONFIRMED" if event.status is not SessionStatus.PLANNED else "STATUS:TENTATIVE",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(messages.text('calendar.reminder', title=event.title))}",
            "TRIGGER:-P1D",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


def write_calendar(session: Session, query: CalendarQuery, out: Path) -> int:
    """Write the query's sessions to `out` (replaced whole, never half-written); the number of events."""
    events = calendar_events(session, query)
    organisation = print_settings.get(session).organisation
    target = Path(out)
    temp = target.with_name(f".~{target.stem}.{uuid.uuid4().hex[:8]}.ics")
    try:
        temp.write_bytes(calendar_text(events, organisation).encode("utf-8"))
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return len(events)
