"""The sessions Excel kind: key 班次编号; 课程编号 and 讲师工号 must exist; columns a file lacks keep their values;
a capacity raised lets the waitlist move up, as when a clerk edits the session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.excel.reader import SheetRow
from desktop_hr.models import Employee, EmployeeStatus, Enrolment, EnrolmentStatus, TrainingSession
from desktop_hr.services.imports import Counts, Progress, RowImporter, RowProblems, chunks, course_ids_by_code
from desktop_hr.services.points.awards import sync_awards
from desktop_hr.services.training.enrolment import fill_free_places, lock_session
from desktop_hr.services.training.sessions import (
    NO_ASSIGNMENT,
    SessionData,
    TrainerState,
    apply_data,
    data_of,
    validate_session,
)

# SessionData error field -> the sheet column that shows it (fields the sheet lacks go to the nearest one).
_COLUMN_OF_FIELD = {
    "session.code": "code",
    "session.course": "course_code",
    "session.starts_at": "starts_at",
    "session.ends_at": "ends_at",
    "session.place": "place",
    "session.trainer": "trainer_no",
    "session.external_trainer": "external_trainer",
    "session.capacity": "capacity",
    "session.enrol_deadline": "starts_at",
    "session.assignment_type": "assignment_type",
    "session.assignment_due": "assignment_due",
}


@dataclass(frozen=True)
class _Existing:
    id: int
    data: SessionData
    enrolled: int


@dataclass(frozen=True)
class SessionPlan:
    session_id: int | None
    data: SessionData
    capacity_grew: bool


class SessionImporter(RowImporter[SessionPlan]):
    """The sessions kind: key 班次编号; 课程编号 and 讲师工号 must exist; columns a file lacks keep their values."""

    def __init__(self) -> None:
        self._courses: dict[str, int] = {}
        self._trainers: dict[str, tuple[int, str, bool]] = {}  # 工号 -> (id, name, left)
        self._existing: dict[str, _Existing] = {}

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        def wanted(key: str) -> list[str]:
            return sorted({str(v) for r in rows if (v := r.values.get(key))})

        self._courses = course_ids_by_code(session, wanted("course_code"))
        for part in chunks(wanted("trainer_no")):
            for emp_id, number, name, status in session.execute(
                select(Employee.id, Employee.employee_no, Employee.name, Employee.status).where(
                    Employee.employee_no.in_(part)
                )
            ):
                self._trainers[number] = (emp_id, name, status is EmployeeStatus.LEFT)
        for part in chunks(wanted("code")):
            found = list(session.scalars(select(TrainingSession).where(TrainingSession.code.in_(part))))
            counts = dict(
                session.execute(
                    select(Enrolment.session_id, func.count())
                    .where(
                        Enrolment.session_id.in_([t.id for t in found]),
                        Enrolment.status == EnrolmentStatus.ENROLLED,
                    )
                    .group_by(Enrolment.session_id)
                ).all()
            )
            for training in found:
                self._existing[training.code] = _Existing(
                    training.id, data_of(training), int(counts.get(training.id, 0))
                )

    def plan(self, row: SheetRow, problems: RowProblems) -> SessionPlan | None:
        v = row.values
        code, course_code = v.get("code"), v.get("course_code")
        starts_at, ends_at = v.get("starts_at"), v.get("ends_at")
        course_id = self._courses.get(course_code) if course_code else None
        if course_code and course_id is None:
            problems.add(row, "course_code", messages.text("reason.unknown_course_code"))
        trainer_no = v.get("trainer_no")
        trainer = self._trainers.get(trainer_no) if trainer_no else None
        if trainer_no and trainer is None:
            problems.add(row, "trainer_no", messages.text("reason.unknown_employee_no"))
        if not code or starts_at is None or ends_at is None:
            return None
        existing = self._existing.get(code)
        values: dict[str, Any] = dict(vars(existing.data)) if existing else {}
        # An unknown course is reported above; the row's other rules are still checked and reported.
        values.update(code=code, course_id=course_id or 0, starts_at=starts_at, ends_at=ends_at)
        if "place" in v:
            values["place"] = v["place"] or ""
        if "trainer_no" in v:
            values["trainer_id"] = trainer[0] if trainer else None
            if trainer and "external_trainer" not in v:
                values["external_trainer"] = ""
        if "external_trainer" in v:
            values["external_trainer"] = v["external_trainer"] or ""
            if v["external_trainer"] and "trainer_no" not in v:
                values["trainer_id"] = None
        if "capacity" in v:
            values["capacity"] = v["capacity"]
        if "assignment_type" in v:
            kind = v["assignment_type"]
            values["assignment_type"] = None if kind in (None, NO_ASSIGNMENT) else kind
        if "assignment_due" in v:
            values["assignment_due"] = v["assignment_due"]
        data = SessionData(**values).cleaned()
        before_trainer = existing.data.trainer_id if existing else None
        state = None
        if trainer is not None and trainer[0] != before_trainer:
            state = TrainerState(trainer[1], trainer[2])
        for error in validate_session(data, enrolled=existing.enrolled if existing else 0, trainer=state):
            column = _COLUMN_OF_FIELD.get(error.field, "code")
            problems.add(row, column, error.reason)
        if problems.has_errors(row):
            return None
        if existing is not None and existing.data == data:
            return SessionPlan(existing.id, data, capacity_grew=False)  # unchanged: written as is
        grew = existing is not None and (
            data.capacity is None
            or (existing.data.capacity is not None and data.capacity > existing.data.capacity)
        )
        return SessionPlan(existing.id if existing else None, data, capacity_grew=grew)

    def write(self, session: Session, plans: list[SessionPlan], progress: Progress | None) -> Counts:
        created = updated = unchanged = 0
        before = {e.id: e.data for e in self._existing.values()}
        for done, plan in enumerate(plans, start=1):
            if plan.session_id is None:
                training = TrainingSession()
                apply_data(training, plan.data)
                session.add(training)
                created += 1
            elif before.get(plan.session_id) == plan.data:
                unchanged += 1
            else:
                training = lock_session(session, plan.session_id)
                apply_data(training, plan.data)
                session.flush()
                if plan.capacity_grew:
                    fill_free_places(session, plan.session_id)
                updated += 1
            if progress is not None and done % 100 == 0:
                progress(done, len(plans))
        session.flush()
        changed = {
            p.session_id for p in plans if p.session_id is not None and before.get(p.session_id) != p.data
        }
        sync_awards(session, session_ids=changed)
        return Counts(created=created, updated=updated, unchanged=unchanged)
