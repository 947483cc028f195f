"""Mentoring (导师制): mentor-mentee pairs over a period, the hours logged per pair, the mentees' yearly evaluation.

A pair's end may stay open while it runs (an open end runs forever when periods are compared). Refused,
naming the field and value, with nothing written: a mentor paired with themself, someone who had left by
the start, an end before the start, a second pair of the same two people over an overlapping period,
hours that are not 0 < h <= 24 with two decimals or fall outside the pair's period, an evaluation not a
whole 0-100 or of a year the pair does not reach into. What the office reads (pairs, a pair's logs and
evaluations, the 优秀导师 summary) is in `mentoring_lists`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError, NotFound
from desktop_hr.models import Employee, EmployeeStatus
from desktop_hr.models.development import MenteeEvaluation, MentoringLog, Mentorship
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.labels import table_label
from desktop_hr.services.trust.permissions import Permission, require

NOTE_MAX = 500
HOURS_MAX = Decimal("24")
YEAR_MIN, YEAR_MAX = 1900, 2199

messages.define(
    {
        "field.mentoring_mentor": ("导师", "Mentor"),
        "field.mentoring_mentee": ("学员", "Mentee"),
        "field.mentoring_starts_on": ("开始日期", "Start"),
        "field.mentoring_ends_on": ("结束日期", "End"),
        "field.mentoring_note": ("备注", "Note"),
        "field.mentoring_on": ("带教日期", "Date"),
        "field.mentoring_hours": ("带教学时", "Hours"),
        "field.mentoring_year": ("评价年度", "Year"),
        "field.mentoring_score": ("学员评价", "Evaluation"),
        "field.mentoring_comment": ("评语", "Comment"),
        "mentoring.open_end": ("未结束", "open"),
        "mentoring.reason.unknown_person": ("没有这个员工", "no such employee"),
        "mentoring.reason.self": (
            "导师和学员不能是同一人",
            "the mentor and the mentee cannot be the same person",
        ),
        "mentoring.reason.left": (
            "{person} 在开始日期 {start} 前已离职（离职日期 {left}）",
            "{person} had left by the start {start} (left on {left})",
        ),
        "mentoring.reason.overlap": (
            "导师 {mentor} 与学员 {mentee} 已有一段结对（{start} 至 {end}），与 {new_start} 至 {new_end} 重叠",
            "mentor {mentor} and mentee {mentee} already have a pair from {start} to {end}, which overlaps "
            "{new_start} to {new_end}",
        ),
        "mentoring.reason.logs_outside": (
            "已有 {count} 条带教记录在 {first} 至 {last} 之间，结对期间须包含它们",
            "{count} logged hour record(s) fall from {first} to {last}; the period must include them",
        ),
        "mentoring.reason.evaluations_outside": (
            "已有 {first} 至 {last} 年度的学员评价，结对期间须涉及这些年度",
            "there are evaluations for {first} to {last}; the period must reach into those years",
        ),
        "mentoring.reason.hours": (
            "应大于 0 且不超过 24，最多两位小数",
            "must be more than 0 and at most 24, with at most two decimals",
        ),
        "mentoring.reason.day_full": (
            "导师当天已记录 {logged} 学时，加上本次超过 24 学时",
            "the mentor already has {logged} hours on that day; with these it would exceed 24",
        ),
        "mentoring.reason.outside_period": (
            "不在结对期间（{start} 至 {end}）内",
            "is outside the pair's period ({start} to {end})",
        ),
        "mentoring.reason.year_outside": (
            "结对期间（{start} 至 {end}）不涉及该年度",
            "the pair's period ({start} to {end}) does not reach into that year",
        ),
        "mentoring.reason.year": ("应为 {low} 到 {high} 的年份", "must be a year from {low} to {high}"),
        "mentoring.already_ended": (
            "导师 {mentor} 与学员 {mentee} 的结对已于 {end} 结束",
            "The pair of mentor {mentor} and mentee {mentee} already ended on {end}",
        ),
        "mentoring.has_records": (
            "不能删除导师 {mentor} 与学员 {mentee} 的结对：已有 {logs} 条带教记录、{evaluations} 条学员评价。"
            "可改为设置结束日期。",
            "Cannot delete the pair of mentor {mentor} and mentee {mentee}: it has {logs} logged hour "
            "record(s) and {evaluations} evaluation(s). End it instead.",
        ),
    }
)


class PairEnded(DomainError):
    code = "mentoring.already_ended"


class PairHasRecords(DomainError):
    code = "mentoring.has_records"


@dataclass(frozen=True)
class PairData:
    """A pair as the dialog edits it; None where nothing was chosen."""

    mentor_id: int | None
    mentee_id: int | None
    starts_on: date | None
    ends_on: date | None = None
    note: str = ""

    def cleaned(self) -> PairData:
        return replace(self, note=validation.trim(self.note))


def period_text(starts_on: date, ends_on: date | None) -> tuple[str, str]:
    return starts_on.isoformat(), ends_on.isoformat() if ends_on else messages.text("mentoring.open_end")


def _person(employee: Employee) -> str:
    return f"{employee.employee_no} {employee.name}"


def _pair(session: Session, pair_id: int) -> Mentorship:
    pair = session.get(Mentorship, pair_id)
    if pair is None:
        raise NotFound(what=table_label("mentorship"), key=pair_id)
    return pair


def _people(session: Session, data: PairData, errors: list[FieldError]) -> dict[str, Employee]:
    found: dict[str, Employee] = {}
    for key, employee_id in (("mentoring_mentor", data.mentor_id), ("mentoring_mentee", data.mentee_id)):
        if employee_id is None:
            errors.append(FieldError(key, "", messages.text("reason.required")))
            continue
        employee = session.get(Employee, employee_id)
        if employee is None:
            errors.append(FieldError(key, str(employee_id), messages.text("mentoring.reason.unknown_person")))
            continue
        found[key] = employee
    return found


def _date_errors(data: PairData, errors: list[FieldError]) -> None:
    if data.starts_on is None:
        errors.append(FieldError("mentoring_starts_on", "", messages.text("reason.required")))
    elif problem := validation.date_problem(data.starts_on):
        errors.append(FieldError("mentoring_starts_on", data.starts_on.isoformat(), problem))
    if data.ends_on is not None:
        if problem := validation.date_problem(data.ends_on, high=date(YEAR_MAX, 12, 31)):
            errors.append(FieldError("mentoring_ends_on", data.ends_on.isoformat(), problem))
        elif data.starts_on is not None and data.ends_on < data.starts_on:
            reason = messages.text(
                "reason.before",
                other=messages.text("field.mentoring_starts_on"),
                other_value=data.starts_on.isoformat(),
            )
            errors.append(FieldError("mentoring_ends_on", data.ends_on.isoformat(), reason))
    if len(data.note) > NOTE_MAX:
        errors.append(
            FieldError(
                "mentoring_note", data.note[:20] + "…", messages.text("reason.too_long", limit=NOTE_MAX)
            )
        )


def _left_error(key: str, employee: Employee, starts_on: date) -> FieldError | None:
    if employee.status is not EmployeeStatus.LEFT:
        return None
    if employee.leave_date is not None and employee.leave_date > starts_on:
        return None  # a pair of the past, while they were still here
    left = employee.leave_date.isoformat() if employee.leave_date else "-"
    person = _person(employee)
    reason = messages.text("mentoring.reason.left", person=person, start=starts_on.isoformat(), left=left)
    return FieldError(key, person, reason)


def _overlap_error(
    session: Session, data: PairData, mentor: Employee, mentee: Employee, pair_id: int | None
) -> FieldError | None:
    assert data.starts_on is not None
    stmt = select(Mentorship.starts_on, Mentorship.ends_on).where(
        Mentorship.mentor_id == mentor.id,
        Mentorship.mentee_id == mentee.id,
        (Mentorship.ends_on.is_(None)) | (Mentorship.ends_on >= data.starts_on),
    )
    if data.ends_on is not None:
        stmt = stmt.where(Mentorship.starts_on <= data.ends_on)
    if pair_id is not None:
        stmt = stmt.where(Mentorship.id != pair_id)
    other = session.execute(stmt.order_by(Mentorship.starts_on).limit(1)).first()
    if other is None:
        return None
    start, end = period_text(other[0], other[1])
    new_start, new_end = period_text(data.starts_on, data.ends_on)
    reason = messages.text(
        "mentoring.reason.overlap",
        mentor=_person(mentor),
        mentee=_person(mentee),
        start=start,
        end=end,
        new_start=new_start,
        new_end=new_end,
    )
    return FieldError("mentoring_starts_on", new_start, reason)


def _records_outside(session: Session, pair_id: int, data: PairData) -> list[FieldError]:
    """A changed period must still hold the hours logged and reach into the years evaluated."""
    assert data.starts_on is not None
    errors: list[FieldError] = []
    count, first, last = session.execute(
        select(func.count(MentoringLog.id), func.min(MentoringLog.on), func.max(MentoringLog.on)).where(
            MentoringLog.mentorship_id == pair_id
        )
    ).one()
    if count and (first < data.starts_on or (data.ends_on is not None and last > data.ends_on)):
        key = "mentoring_starts_on" if first < data.starts_on else "mentoring_ends_on"
        shown = data.starts_on if key == "mentoring_starts_on" else data.ends_on
        reason = messages.text(
            "mentoring.reason.logs_outside", count=count, first=first.isoformat(), last=last.isoformat()
        )
        errors.append(FieldError(key, shown.isoformat() if shown else "", reason))
    low, high = session.execute(
        select(func.min(MenteeEvaluation.year), func.max(MenteeEvaluation.year)).where(
            MenteeEvaluation.mentorship_id == pair_id
        )
    ).one()
    if low is not None and (
        low < data.starts_on.year or (data.ends_on is not None and high > data.ends_on.year)
    ):
        key = "mentoring_starts_on" if low < data.starts_on.year else "mentoring_ends_on"
        shown = data.starts_on if key == "mentoring_starts_on" else data.ends_on
        reason = messages.text("mentoring.reason.evaluations_outside", first=low, last=high)
        errors.append(FieldError(key, shown.isoformat() if shown else "", reason))
    return errors


def _check_pair(session: Session, data: PairData, pair_id: int | None) -> None:
    errors: list[FieldError] = []
    people = _people(session, data, errors)
    _date_errors(data, errors)
    mentor, mentee = people.get("mentoring_mentor"), people.get("mentoring_mentee")
    if data.mentor_id is not None and data.mentor_id == data.mentee_id and mentee is not None:
        errors.append(FieldError("mentoring_mentee", _person(mentee), messages.text("mentoring.reason.self")))
    if errors or mentor is None or mentee is None or data.starts_on is None:
        raise ValidationFailed(errors)
    for key, employee in people.items():
        if (problem := _left_error(key, employee, data.starts_on)) is not None:
            errors.append(problem)
    if (overlap := _overlap_error(session, data, mentor, mentee, pair_id)) is not None:
        errors.append(overlap)
    if pair_id is not None:
        errors.extend(_records_outside(session, pair_id, data))
    if errors:
        raise ValidationFailed(errors)


def save_pair(uow: UnitOfWork, data: PairData, pair_id: int | None = None) -> int:
    """Create (pair_id None) or change a pair after every check; returns its id."""
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        session = uow.session
        pair = _pair(session, pair_id) if pair_id is not None else None
        _check_pair(session, data, pair_id)
        mentor_id, mentee_id, starts_on = data.mentor_id, data.mentee_id, data.starts_on
        assert mentor_id is not None and mentee_id is not None and starts_on is not None  # checked above
        if pair is None:
            pair = Mentorship()
            session.add(pair)
        pair.mentor_id, pair.mentee_id, pair.starts_on = mentor_id, mentee_id, starts_on
        pair.ends_on = data.ends_on
        pair.note = data.note
        session.flush()
        saved = pair.id
        uow.commit()
    return saved


def pair_data(pair: Mentorship) -> PairData:
    return PairData(pair.mentor_id, pair.mentee_id, pair.starts_on, pair.ends_on, pair.note)


def end_pair(uow: UnitOfWork, pair_id: int, on: date) -> None:
    """End a running pair on `on` (its last day); the same checks as an edit (no log after it)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        pair = _pair(session, pair_id)
        if pair.ends_on is not None:
            raise PairEnded(
                mentor=_person(pair.mentor), mentee=_person(pair.mentee), end=pair.ends_on.isoformat()
            )
        data = replace(pair_data(pair), ends_on=on)
        _check_pair(session, data, pair_id)
        pair.ends_on = on
        uow.commit()


def delete_pair(uow: UnitOfWork, pair_id: int) -> None:
    """Delete a pair entered by mistake: only one with no hours logged and no evaluation (else end it)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        pair = _pair(session, pair_id)
        logs = session.scalar(
            select(func.count(MentoringLog.id)).where(MentoringLog.mentorship_id == pair_id)
        )
        evaluations = session.scalar(
            select(func.count(MenteeEvaluation.id)).where(MenteeEvaluation.mentorship_id == pair_id)
        )
        if logs or evaluations:
            raise PairHasRecords(
                mentor=_person(pair.mentor), mentee=_person(pair.mentee), logs=logs, evaluations=evaluations
            )
        session.delete(pair)
        uow.commit()


def _hours_problem(hours: object) -> str | None:
    try:
        value = Decimal(str(hours).strip())
    except InvalidOperation:
        return messages.text("mentoring.reason.hours")
    if (
        not value.is_finite()
        or not Decimal(0) < value <= HOURS_MAX
        or value != value.quantize(validation.CENT)
    ):
        return messages.text("mentoring.reason.hours")
    return None


def log_hours(uow: UnitOfWork, pair_id: int, on: date, hours: Decimal, note: str = "") -> int:
    """Record `hours` (0 < h <= 24, two decimals) spent with the mentee on `on`, a day of the pair's period;
    the mentor's hours of one day, over all pairs, stay at most 24. Returns the log's id."""
    require(uow.principal, Permission.EDIT_RECORDS)
    note = validation.trim(note)
    with uow:
        session = uow.session
        pair = _pair(session, pair_id)
        errors: list[FieldError] = []
        start, end = period_text(pair.starts_on, pair.ends_on)
        if on < pair.starts_on or (pair.ends_on is not None and on > pair.ends_on):
            reason = messages.text("mentoring.reason.outside_period", start=start, end=end)
            errors.append(FieldError("mentoring_on", on.isoformat(), reason))
        if problem := _hours_problem(hours):
            errors.append(FieldError("mentoring_hours", str(hours), problem))
        else:
            logged = session.scalar(
                select(func.sum(MentoringLog.hours))
                .join(Mentorship, Mentorship.id == MentoringLog.mentorship_id)
                .where(Mentorship.mentor_id == pair.mentor_id, MentoringLog.on == on)
            ) or Decimal(0)
            if logged + Decimal(hours) > HOURS_MAX:
                reason = messages.text("mentoring.reason.day_full", logged=logged)
                errors.append(FieldError("mentoring_hours", str(hours), reason))
        if len(note) > NOTE_MAX:
            errors.append(
                FieldError(
                    "mentoring_note", note[:20] + "…", messages.text("reason.too_long", limit=NOTE_MAX)
                )
            )
        if errors:
            raise ValidationFailed(errors)
        log = MentoringLog(mentorship_id=pair_id, on=on, hours=Decimal(hours), note=note)
        session.add(log)
        session.flush()
        log_id = log.id
        uow.commit()
    return log_id


def delete_log(uow: UnitOfWork, log_id: int) -> None:
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        log = uow.session.get(MentoringLog, log_id)
        if log is None:
            raise NotFound(what=table_label("mentoring_log"), key=log_id)
        uow.session.delete(log)
        uow.commit()


def set_evaluation(uow: UnitOfWork, pair_id: int, year: int, score: int, comment: str = "") -> int:
    """The mentee's evaluation (a whole 0-100) of the pair for `year`, a year the pair reaches into; replaces
    that year's evaluation if there is one. Returns its id."""
    require(uow.principal, Permission.EDIT_RECORDS)
    comment = validation.trim(comment)
    with uow:
        session = uow.session
        pair = _pair(session, pair_id)
        errors: list[FieldError] = []
        if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
            errors.append(
                FieldError(
                    "mentoring_year",
                    str(year),
                    messages.text("mentoring.reason.year", low=YEAR_MIN, high=YEAR_MAX),
                )
            )
        elif year < pair.starts_on.year or (pair.ends_on is not None and year > pair.ends_on.year):
            start, end = period_text(pair.starts_on, pair.ends_on)
            reason = messages.text("mentoring.reason.year_outside", start=start, end=end)
            errors.append(FieldError("mentoring_year", str(year), reason))
        if isinstance(score, bool) or not isinstance(score, int) or validation.score_problem(score):
            errors.append(FieldError("mentoring_score", str(score), messages.text("reason.score_range")))
        if len(comment) > NOTE_MAX:
            errors.append(
                FieldError(
                    "mentoring_comment", comment[:20] + "…", messages.text("reason.too_long", limit=NOTE_MAX)
                )
            )
        if errors:
            raise ValidationFailed(errors)
        evaluation = session.scalars(
            select(MenteeEvaluation).where(
                MenteeEvaluation.mentorship_id == pair_id, MenteeEvaluation.year == year
            )
        ).one_or_none()
        if evaluation is None:
            evaluation = MenteeEvaluation(mentorship_id=pair_id, year=year)
            session.add(evaluation)
        evaluation.score = score
        evaluation.comment = comment
        session.flush()
        evaluation_id = evaluation.id
        uow.commit()
    return evaluation_id
