"""Small trainer cases built by hand for the development tests: sessions taught with sign-ins and feedback,
trainer courses attended, uplifts entered. Imported by name like training_data.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import count

from sqlalchemy.orm import Session
from training_data import full_days, make_course, make_people, make_session, sign_in

from desktop_hr.models import (
    AttendanceStatus,
    Employee,
    Feedback,
    TrainerLevel,
    TrainerTrack,
    TrainerYear,
)

_codes = count(1)


def trainer(
    s: Session, no: str, name: str, level: TrainerLevel | None = TrainerLevel.JUNIOR, **overrides: object
) -> Employee:
    (person,) = make_people(s, {no: name}, is_trainer=level is not None, trainer_level=level, **overrides)
    return person


def students(s: Session, how_many: int) -> list[Employee]:
    return make_people(s, {f"9{n:04d}": f"学员{n}" for n in range(1, how_many + 1)})


def teach(
    s: Session,
    who: Employee,
    hours: str | Decimal,
    day: date,
    attendees: Sequence[Employee],
    *,
    scores: Sequence[int] = (),
    status: AttendanceStatus = AttendanceStatus.PRESENT,
) -> int:
    """A session of a new `hours`-hour course on `day` taught by `who`; `attendees` signed in with `status`,
    the first len(scores) of them giving those trainer satisfaction scores."""
    number = next(_codes)
    course = make_course(s, f"K{number:03d}", f"课程{number}", hours=Decimal(hours))
    training = make_session(s, course, f"T{number:03d}", *full_days(day), trainer_id=who.id)
    for person in attendees:
        sign_in(s, training, person, status)
    for person, score in zip(attendees, scores, strict=False):
        s.add(Feedback(session_id=training.id, employee_id=person.id, trainer_satisfaction=score))
    s.flush()
    return int(training.id)


def attend_track(
    s: Session,
    who: Employee,
    track: TrainerTrack,
    hours: str | Decimal,
    day: date,
    *,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
) -> None:
    """`who` attended a trainer course (basic or specialised) of `hours` class hours on `day`."""
    number = next(_codes)
    course = make_course(
        s, f"P{number:03d}", f"内训师培训{number}", hours=Decimal(hours), trainer_track=track
    )
    training = make_session(s, course, f"P{number:03d}", *full_days(day))
    sign_in(s, training, who, status)


def enter_uplift(s: Session, who: Employee, year: int, uplift: str) -> None:
    s.add(TrainerYear(employee_id=who.id, year=year, uplift=Decimal(uplift)))
    s.flush()
