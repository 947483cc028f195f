"""The attendance Excel kind: sign-ins by (班次编号, 工号), written in bulk (a history file holds a hundred
thousand), enrolling on the way whoever was not; late decided by the same rule as the kiosk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import actor_of
from desktop_hr.excel.reader import SheetRow
from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    Course,
    Delivery,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    SessionStatus,
    SignInMethod,
    TrainingSession,
)
from desktop_hr.models.base import utcnow
from desktop_hr.services import imports
from desktop_hr.services.imports import SessionPersonKeys, chunks
from desktop_hr.services.office_settings import grace_minutes, sign_in_window_minutes
from desktop_hr.services.points.awards import sync_awards
from desktop_hr.services.training.attendance import arrival_status
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.training.sign_in_window import SignInWindow, window_of

messages.define(
    {
        "reason.session_cancelled": ("该班次已取消", "this session is cancelled"),
        "reason.sign_in_time_needed": (
            "状态为空时须填写签到时间（据此判断出勤或迟到）",
            "needed when 状态 is blank (it decides present or late)",
        ),
        "import.warn.enrolled_by_import": (
            "{count} 人原未报名对应班次，已随签到一并登记为已报名",
            "{count} people were not enrolled in their session; they were enrolled along with the sign-in",
        ),
    }
)


_WRITE_CHUNK = 5000  # sign-ins per INSERT


@dataclass(frozen=True, slots=True)
class _SessionFacts:
    starts_at: datetime
    delivery: Delivery
    cancelled: bool
    window: SignInWindow


@dataclass(frozen=True, slots=True)
class _Planned:
    session_id: int
    employee_id: int
    status: AttendanceStatus
    signed_in_at: datetime | None
    keep_time: bool  # the file has no 签到时间 column: a stored time stays


class AttendanceImporter(imports.RowImporter[_Planned]):
    """The attendance kind: key (班次编号, 工号). A person not enrolled is imported and enrolled (history
    files must load); `warnings()` says how many."""

    def __init__(self) -> None:
        self._keys = SessionPersonKeys({}, {})
        self._facts: dict[int, _SessionFacts] = {}
        self._grace = 0
        self._enrolled_by_import = 0
        self._session: Session | None = None

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        self._keys = SessionPersonKeys.load(session, rows)
        ids = sorted(set(self._keys.sessions.values()))
        before = sign_in_window_minutes(session)
        for part in chunks(ids):
            for session_id, code, title, starts_at, ends_at, status, delivery in session.execute(
                select(
                    TrainingSession.id,
                    TrainingSession.code,
                    Course.title,
                    TrainingSession.starts_at,
                    TrainingSession.ends_at,
                    TrainingSession.status,
                    Course.delivery,
                )
                .join(Course, Course.id == TrainingSession.course_id)
                .where(TrainingSession.id.in_(part))
            ):
                window = window_of(
                    code,
                    title,
                    delivery=delivery,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    minutes_before=before,
                )
                self._facts[session_id] = _SessionFacts(
                    starts_at, delivery, status is SessionStatus.CANCELLED, window
                )
        self._grace = grace_minutes(session)
        self._session = session

    def _stored_as(self, session_id: int, employee_id: int, status: AttendanceStatus, at: datetime) -> bool:
        """Whether this very sign-in is stored already (asked only of the rare rows outside the window)."""
        assert self._session is not None
        stored = self._session.execute(
            select(Attendance.status, Attendance.signed_in_at).where(
                Attendance.session_id == session_id, Attendance.employee_id == employee_id
            )
        ).one_or_none()
        return stored is not None and tuple(stored) == (status, at)

    def plan(self, row: SheetRow, problems: imports.RowProblems) -> _Planned | None:
        values = row.values
        session_id, employee_id = self._keys.lookup(row, problems)
        facts = self._facts.get(session_id) if session_id is not None else None
        if facts is not None and facts.cancelled:
            problems.add(row, "session_code", messages.text("reason.session_cancelled"))
        status: AttendanceStatus | None = values.get("status")
        signed_in_at: datetime | None = values.get("signed_in_at")
        if status is None and signed_in_at is None:
            if row.cells.get("status") is None and row.cells.get("signed_in_at") is None:
                problems.add(row, "signed_in_at", messages.text("reason.sign_in_time_needed"))
            return None  # or the reader already reported the cell it could not read
        if facts is None or employee_id is None or session_id is None:
            return None
        if status is None:
            assert signed_in_at is not None
            status = arrival_status(facts.delivery, facts.starts_at, signed_in_at, self._grace)
        if (
            signed_in_at is not None
            and status in ATTENDED
            and not facts.window.admits(signed_in_at)
            and not self._stored_as(session_id, employee_id, status, signed_in_at)
        ):
            # Outside its session's window a sign-in is a correction, made in the grid with a reason; one
            # already stored so (an exported correction read back) stays as it is.
            problems.add(row, "signed_in_at", facts.window.problem(signed_in_at))
            return None
        return _Planned(session_id, employee_id, status, signed_in_at, "signed_in_at" not in values)

    def write(
        self, session: Session, plans: list[_Planned], progress: imports.Progress | None
    ) -> imports.Counts:
        session_ids = sorted({p.session_id for p in plans})
        actor = actor_of(session)
        existing: dict[tuple[int, int], tuple[int, AttendanceStatus, datetime | None]] = {}
        enrolments: dict[tuple[int, int], tuple[int, EnrolmentStatus]] = {}
        for part in chunks(session_ids):
            for row_id, session_id, employee_id, status, signed_in_at in session.execute(
                select(
                    Attendance.id,
                    Attendance.session_id,
                    Attendance.employee_id,
                    Attendance.status,
                    Attendance.signed_in_at,
                ).where(Attendance.session_id.in_(part))
            ):
                existing[(session_id, employee_id)] = (row_id, status, signed_in_at)
            for row_id, session_id, employee_id, enrolment_status in session.execute(
                select(Enrolment.id, Enrolment.session_id, Enrolment.employee_id, Enrolment.status).where(
                    Enrolment.session_id.in_(part)
                )
            ):
                enrolments[(session_id, employee_id)] = (row_id, enrolment_status)

        now = utcnow()
        inserts: list[_Planned] = []
        updates: list[dict[str, Any]] = []
        new_enrolments: list[dict[str, Any]] = []
        raised_enrolments: list[dict[str, Any]] = []
        unchanged = 0
        total = len(plans)
        for index, plan in enumerate(plans, start=1):
            if progress is not None and index % imports.PROGRESS_EVERY == 0:
                progress(index, total)
            key = (plan.session_id, plan.employee_id)
            enrolment = enrolments.get(key)
            if enrolment is None:
                new_enrolments.append(
                    {
                        "session_id": plan.session_id,
                        "employee_id": plan.employee_id,
                        "status": EnrolmentStatus.ENROLLED,
                        "source": EnrolmentSource.HR,
                        "requested_at": now,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            elif enrolment[1] is not EnrolmentStatus.ENROLLED:
                raised_enrolments.append(
                    {"id": enrolment[0], "status": EnrolmentStatus.ENROLLED, "updated_at": now}
                )
            stored = existing.get(key)
            if stored is None:
                inserts.append(plan)
                continue
            row_id, status, signed_in_at = stored
            wanted_time = signed_in_at if plan.keep_time else plan.signed_in_at
            if (status, signed_in_at) == (plan.status, wanted_time):
                unchanged += 1
                continue
            updates.append(
                {
                    "id": row_id,
                    "status": plan.status,
                    "signed_in_at": wanted_time,
                    "method": SignInMethod.IMPORT,
                    "recorded_by": actor,
                    "updated_at": now,
                }
            )
        del existing, enrolments  # a hundred thousand keys, not needed while writing and posting points
        # Statements for many rows at once (a history file holds a hundred thousand sign-ins).
        if new_enrolments:
            session.execute(insert(Enrolment), new_enrolments)
        if raised_enrolments:
            session.execute(update(Enrolment), raised_enrolments)
        for start in range(0, len(inserts), _WRITE_CHUNK):
            # A statement per few thousand rows: the rows' dicts, and SQLAlchemy's copies of them, stay small.
            session.execute(
                insert(Attendance),
                [
                    {
                        "session_id": plan.session_id,
                        "employee_id": plan.employee_id,
                        "status": plan.status,
                        "signed_in_at": plan.signed_in_at,
                        "method": SignInMethod.IMPORT,
                        "recorded_by": actor,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for plan in inserts[start : start + _WRITE_CHUNK]
                ],
                execution_options={"render_nulls": True},
            )
        if updates:
            session.execute(update(Attendance), updates)
        self._enrolled_by_import = len(new_enrolments) + len(raised_enrolments)
        sync_awards(session, session_ids=set(session_ids))
        if progress is not None:
            progress(total, total)
        return imports.Counts(created=len(inserts), updated=len(updates), unchanged=unchanged)

    def warnings(self) -> list[str]:
        if not self._enrolled_by_import:
            return []
        return [messages.text("import.warn.enrolled_by_import", count=self._enrolled_by_import)]
