"""Exams (a score per person against the session's pass mark) and feedback (学员评价) with per-session means."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.excel.reader import SheetRow
from desktop_hr.models import Employee, ExamResult, Feedback, TrainingSession
from desktop_hr.services import imports
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.imports import KeyedValues, SessionPersonKeys, chunks, rows_of_sessions, write_keyed
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.points.awards import sync_awards
from desktop_hr.services.training.enrolment import session_people
from desktop_hr.services.training.submissions import score_errors
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "field.exam_score": ("考试成绩", "Exam score"),
        "field.trainer_satisfaction": ("讲师满意度", "Trainer satisfaction"),
        "field.course_rating": ("课程评分", "Course rating"),
        "reason.rating_range": ("应为 1 到 5 的整数", "must be a whole number from 1 to 5"),
    }
)

RATING_MIN, RATING_MAX = 1, 5
ONE_PLACE = Decimal("0.1")


def rating_problem(value: int) -> str | None:
    return None if RATING_MIN <= value <= RATING_MAX else messages.text("reason.rating_range")


def _mean(total: int | None, count: int) -> Decimal | None:
    if not count or total is None:
        return None
    return (Decimal(int(total)) / count).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


_PerPerson = TypeVar("_PerPerson", ExamResult, Feedback)


def _of_person(
    session: Session, model: type[_PerPerson], session_id: int, employee_id: int
) -> _PerPerson | None:
    """The person's one exam result or feedback form for the session, if any."""
    return session.scalar(
        select(model).where(model.session_id == session_id, model.employee_id == employee_id)
    )


def _entry_for(session: Session, model: type[_PerPerson], session_id: int, employee_id: int) -> _PerPerson:
    """The person's exam result or feedback form for the session, added when there is none yet."""
    get_or_raise(session, TrainingSession, session_id)
    get_or_raise(session, Employee, employee_id)
    found = _of_person(session, model, session_id, employee_id)
    if found is None:
        found = model(session_id=session_id, employee_id=employee_id)
        session.add(found)
    return found


# ---- exams -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExamRow:
    """One enrolled person (or anyone with a score) and their result."""

    employee_id: int
    employee_no: str
    name: str
    score: int | None
    passed: bool | None  # None: no score yet, or the session has no pass mark


def record_exam(uow: UnitOfWork, session_id: int, employee_id: int, score: int) -> None:
    """Enter or correct a person's exam score (0-100)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    errors = score_errors(exam_score=score)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        _entry_for(uow.session, ExamResult, session_id, employee_id).score = score
        uow.commit()


def clear_exam(uow: UnitOfWork, session_id: int, employee_id: int) -> None:
    """Remove a score entered by mistake (nothing happens when there is none)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        result = _of_person(uow.session, ExamResult, session_id, employee_id)
        if result is not None:
            uow.session.delete(result)
            uow.commit()


def pass_mark_of(session: Session, session_id: int) -> int | None:
    return get_or_raise(session, TrainingSession, session_id).pass_mark


def exam_rows(session: Session, session_id: int) -> list[ExamRow]:
    """Every enrolled person with their score (None if not yet entered) and whether they passed, by 工号."""
    pass_mark = pass_mark_of(session, session_id)
    scored = {
        employee_id: (no, name, score)
        for employee_id, no, name, score in session.execute(
            select(ExamResult.employee_id, Employee.employee_no, Employee.name, ExamResult.score)
            .join(Employee, Employee.id == ExamResult.employee_id)
            .where(ExamResult.session_id == session_id)
        )
    }
    people: dict[int, tuple[str, str, int | None]] = {
        p.employee_id: (p.employee_no, p.name, None) for p in session_people(session, session_id)
    }
    people.update(scored)  # a score stays visible even if the person's enrolment was cancelled later
    rows = [
        ExamRow(
            employee_id,
            no,
            name,
            score,
            None if score is None or pass_mark is None else score >= pass_mark,
        )
        for employee_id, (no, name, score) in people.items()
    ]
    return sorted(rows, key=lambda r: r.employee_no)


# ---- feedback ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    employee_id: int
    employee_no: str
    name: str
    trainer_satisfaction: int | None
    course_rating: int | None
    comment: str


@dataclass(frozen=True)
class FeedbackSummary:
    count: int  # feedback forms handed in
    mean_satisfaction: Decimal | None  # over the forms that give one; one decimal place
    mean_rating: Decimal | None


def feedback_errors(trainer_satisfaction: int | None, course_rating: int | None) -> list[FieldError]:
    errors = score_errors(trainer_satisfaction=trainer_satisfaction)
    if course_rating is not None and (problem := rating_problem(course_rating)):
        errors.append(FieldError("course_rating", str(course_rating), problem))
    return errors


def record_feedback(
    uow: UnitOfWork,
    session_id: int,
    employee_id: int,
    *,
    trainer_satisfaction: int | None,
    course_rating: int | None,
    comment: str = "",
) -> int:
    """Enter or replace one person's feedback on the session (satisfaction 0-100, rating 1-5); returns its id."""
    require(uow.principal, Permission.EDIT_RECORDS)
    errors = feedback_errors(trainer_satisfaction, course_rating)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        row = _entry_for(uow.session, Feedback, session_id, employee_id)
        row.trainer_satisfaction = trainer_satisfaction
        row.course_rating = course_rating
        row.comment = comment.strip()
        uow.session.flush()
        # The trainer's high-satisfaction award (内训师激励) follows the session's mean at once.
        sync_awards(uow.session, session_ids={session_id})
        uow.commit()
        return row.id


def delete_feedback(uow: UnitOfWork, feedback_id: int) -> None:
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        feedback = get_or_raise(uow.session, Feedback, feedback_id)
        session_id = feedback.session_id
        uow.session.delete(feedback)
        sync_awards(uow.session, session_ids={session_id})
        uow.commit()


def _feedback_query() -> Any:
    return select(
        Feedback.id,
        Feedback.employee_id,
        Employee.employee_no,
        Employee.name,
        Feedback.trainer_satisfaction,
        Feedback.course_rating,
        Feedback.comment,
    ).join(Employee, Employee.id == Feedback.employee_id)


def feedback_rows(session: Session, session_id: int) -> list[FeedbackRow]:
    stmt = _feedback_query().where(Feedback.session_id == session_id).order_by(Employee.employee_no)
    return [FeedbackRow(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class FeedbackExportRow:
    session_code: str
    row: FeedbackRow


def every_feedback_row(session: Session) -> list[FeedbackExportRow]:
    """All feedback, by session code and 工号 (the Excel export)."""
    stmt = (
        _feedback_query()
        .add_columns(TrainingSession.code)
        .join(TrainingSession, TrainingSession.id == Feedback.session_id)
        .order_by(TrainingSession.code, Employee.employee_no)
    )
    return [FeedbackExportRow(row[-1], FeedbackRow(*row[:-1])) for row in session.execute(stmt)]


def feedback_summaries(session: Session, session_ids: Iterable[int]) -> dict[int, FeedbackSummary]:
    """Count and means per session, summed in SQL (exact integers) and divided as Decimals."""
    found: dict[int, FeedbackSummary] = {}
    for part in chunks(sorted(set(session_ids))):
        stmt = (
            select(
                Feedback.session_id,
                func.count(),
                func.sum(Feedback.trainer_satisfaction),
                func.count(Feedback.trainer_satisfaction),
                func.sum(Feedback.course_rating),
                func.count(Feedback.course_rating),
            )
            .where(Feedback.session_id.in_(part))
            .group_by(Feedback.session_id)
        )
        for session_id, count, sat_sum, sat_n, rating_sum, rating_n in session.execute(stmt):
            found[session_id] = FeedbackSummary(count, _mean(sat_sum, sat_n), _mean(rating_sum, rating_n))
    return found


def feedback_summary(session: Session, session_id: int) -> FeedbackSummary:
    return feedback_summaries(session, [session_id]).get(session_id, FeedbackSummary(0, None, None))


# ---- Excel import ------------------------------------------------------------------------------

_IMPORTED = ("trainer_satisfaction", "course_rating", "comment")


class FeedbackImporter(imports.RowImporter[KeyedValues]):
    """Rows keyed by (班次编号, 工号): created, or updated in the columns the file has."""

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        self.keys = SessionPersonKeys.load(session, rows)
        self.existing: dict[tuple[int, int], Feedback] = {
            (f.session_id, f.employee_id): f
            for f in rows_of_sessions(session, Feedback, self.keys.sessions.values())
        }

    def plan(self, row: SheetRow, problems: imports.RowProblems) -> KeyedValues | None:
        v = row.values
        ids = self.keys.ids(row, problems)
        for error in feedback_errors(v.get("trainer_satisfaction"), v.get("course_rating")):
            problems.add(row, error.field, error.reason)
        if ids is None or problems.has_errors(row):
            return None
        values = {key: v[key] for key in _IMPORTED if key in v}
        if "comment" in values:
            values["comment"] = values["comment"] or ""
        return KeyedValues(ids, values)

    def write(
        self, session: Session, plans: list[KeyedValues], progress: imports.Progress | None
    ) -> imports.Counts:
        def new(key: Any) -> Feedback:
            return Feedback(session_id=key[0], employee_id=key[1], comment="")

        counts = write_keyed(session, self.existing, plans, new, progress)
        sync_awards(session, session_ids={plan.key[0] for plan in plans})
        return counts
