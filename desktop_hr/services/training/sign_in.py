"""Sign-in by 工号 (签到): the kiosk's scans and the grid's typed line, within the session's window only.

A scan outside the window (sign_in_window.py), or for someone HR marked 缺勤 or 请假 by hand, is refused
and writes nothing: the kiosk says why; the typed line offers a correction (correct_sign_in), written with
its reason in the audit trail in one transaction.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.models import AttendanceStatus, Employee, EnrolmentStatus, SessionStatus, SignInMethod
from desktop_hr.services.office_settings import grace_minutes
from desktop_hr.services.points.awards import sync_awards
from desktop_hr.services.points.ledger import require_reason
from desktop_hr.services.training.attendance import (
    AttendanceMark,
    arrival_status,
    attendance_of,
    clean_employee_no,
    enrolment_status,
    mark_of,
    put_mark,
    session_heading,
    sign_in_window,
)
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.training.sign_in_window import (
    HAND_MARKS,
    SignInWindow,
    hand_marked_text,
    note_correction,
)
from desktop_hr.services.trust.permissions import Permission, require


class SignInKind(enum.Enum):
    SIGNED_IN = "signed_in"
    LATE = "late"
    ALREADY = "already"  # signed in before: the first time stands, nothing written
    NOT_ENROLLED = "not_enrolled"
    UNKNOWN_NO = "unknown_no"
    SESSION_CLOSED = "session_closed"  # cancelled
    OUTSIDE_WINDOW = "outside_window"  # before the window opens or after the session's end: nothing written
    HAND_MARKED = "hand_marked"  # HR set 缺勤 or 请假 by hand: a sign-in does not replace it


@dataclass(frozen=True)
class SignInOutcome:
    """What a scan did, for the kiosk to show at once. `signed_in_at` is the first sign-in's time.

    A refusal says why: `window` when the scan's time `attempted_at` is outside it, `hand_mark` when HR
    marked the person absent or excused (both may be set; `kind` then names the window)."""

    kind: SignInKind
    employee_no: str
    employee_id: int | None = None
    employee_name: str = ""
    status: AttendanceStatus | None = None
    signed_in_at: datetime | None = None
    replaced: AttendanceMark | None = None  # the absent or excused mark a correction replaced (for undo)
    attempted_at: datetime | None = None
    window: SignInWindow | None = None
    hand_mark: AttendanceStatus | None = None

    @property
    def accepted(self) -> bool:
        return self.kind in (SignInKind.SIGNED_IN, SignInKind.LATE, SignInKind.ALREADY)

    @property
    def needs_correction(self) -> bool:
        return self.kind in (SignInKind.OUTSIDE_WINDOW, SignInKind.HAND_MARKED)

    def problem(self) -> str:
        """Why it was refused (the window, the hand-set mark), in the user's language; "" when it was not."""
        parts: list[str] = []
        if self.window is not None and self.attempted_at is not None:
            parts.append(self.window.problem(self.attempted_at))
        if self.hand_mark is not None:
            parts.append(hand_marked_text(self.employee_name, self.employee_no, self.hand_mark))
        return ("; " if messages.language() == "en" else "；").join(parts)


def record_sign_in(
    uow: UnitOfWork,
    session_id: int,
    employee_no: str,
    at: datetime,
    *,
    method: SignInMethod = SignInMethod.KIOSK,
) -> SignInOutcome:
    """A scan or a typed 工号 at `at`. Refusals (unknown, not enrolled, cancelled session, outside the
    session's window, someone HR marked absent or excused) write nothing; a second sign-in keeps the first
    time."""
    require(uow.principal, Permission.EDIT_RECORDS)
    return _sign_in(uow, session_id, employee_no, at, method, correction=None)


def correct_sign_in(
    uow: UnitOfWork,
    session_id: int,
    employee_no: str,
    at: datetime,
    reason: str,
    *,
    method: SignInMethod = SignInMethod.GRID,
) -> SignInOutcome:
    """A sign-in the clerk records although it is outside the window or over a hand-set 缺勤/请假: written,
    with `reason` in the audit trail in the same transaction. ReasonRequired (nothing written) when blank."""
    require(uow.principal, Permission.EDIT_RECORDS)
    return _sign_in(uow, session_id, employee_no, at, method, correction=require_reason(reason))


def _sign_in(
    uow: UnitOfWork,
    session_id: int,
    employee_no: str,
    at: datetime,
    method: SignInMethod,
    *,
    correction: str | None,
) -> SignInOutcome:
    number = clean_employee_no(employee_no)
    with uow:
        session = uow.session
        heading = session_heading(session, session_id)
        if heading.status is SessionStatus.CANCELLED:
            return SignInOutcome(SignInKind.SESSION_CLOSED, number)
        person = session.execute(
            select(Employee.id, Employee.name).where(Employee.employee_no == number)
        ).one_or_none()
        if not number or person is None:
            return SignInOutcome(SignInKind.UNKNOWN_NO, number)
        employee_id, name = person
        if enrolment_status(session, session_id, employee_id) is not EnrolmentStatus.ENROLLED:
            return SignInOutcome(SignInKind.NOT_ENROLLED, number, employee_id, name)
        existing = attendance_of(session, session_id, employee_id)
        if existing is not None and existing.status in ATTENDED:
            return SignInOutcome(
                SignInKind.ALREADY, number, employee_id, name, existing.status, existing.signed_in_at
            )
        window = sign_in_window(session, heading)
        outside = None if window.admits(at) else window
        hand_mark = existing.status if existing is not None and existing.status in HAND_MARKS else None
        refused = outside is not None or hand_mark is not None
        if refused and correction is None:
            return SignInOutcome(
                SignInKind.OUTSIDE_WINDOW if outside is not None else SignInKind.HAND_MARKED,
                number,
                employee_id,
                name,
                attempted_at=at,
                window=outside,
                hand_mark=hand_mark,
            )
        status = arrival_status(heading.delivery, heading.starts_at, at, grace_minutes(session))
        replaced = mark_of(existing)
        row = put_mark(
            session, session_id, employee_id, AttendanceMark(status, at, method), existing=existing
        )
        if refused and correction is not None and row is not None:
            session.flush()  # the entry names the row
            note_correction(
                session,
                record_id=row.id,
                session_code=heading.code,
                employee_no=number,
                name=name,
                status=status,
                at=at,
                before=hand_mark,
                reason=correction,
            )
        sync_awards(session, session_ids={session_id})
        uow.commit()
    kind = SignInKind.LATE if status is AttendanceStatus.LATE else SignInKind.SIGNED_IN
    return SignInOutcome(kind, number, employee_id, name, status, at, replaced, attempted_at=at)
