"""When a sign-in counts (签到时段): from the office's set minutes before a session's start until its end
(online courses: their period, start to end). Outside it, or over a 缺勤/请假 HR set by hand, only an
explicit correction with a reason writes (attendance.py); the import refuses the row (attendance_import.py).

Times are naive local wall-clock times counted in whole minutes, as the kiosk shows them: a scan at
11:00:40 for a session ending at 11:00 is on the last minute and counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import actor_of
from desktop_hr.errors import DomainError
from desktop_hr.models import AttendanceStatus, Delivery
from desktop_hr.services.labels import label
from desktop_hr.services.office_settings import sign_in_window_minutes
from desktop_hr.services.trust import audit

messages.define(
    {
        "sign_in.too_early": (
            "签到时间 {at} 早于班次 {code}「{title}」的签到时段：该班次 {starts} 开始，{opens} 起方可签到",
            "the sign-in time {at} is before the sign-in window of session {code} ({title}): "
            "it starts at {starts}, sign-in opens at {opens}",
        ),
        "sign_in.too_late": (
            "签到时间 {at} 晚于班次 {code}「{title}」的签到时段：该班次 {starts} 开始，已于 {ends} 结束",
            "the sign-in time {at} is after the sign-in window of session {code} ({title}): "
            "it started at {starts} and ended at {ends}",
        ),
        "sign_in.hand_marked": (
            "{name}（{no}）已由人事标记为“{status}”，签到不能覆盖",
            '{name} ({no}) was marked "{status}" by HR; a sign-in does not replace that',
        ),
        "sign_in.correction_needed": (
            "{problem}。如确需登记，须作为更正并填写理由（记入审计记录）。",
            "{problem}. To record it anyway, make a correction with a reason (kept in the audit trail).",
        ),
        "sign_in.correction_summary": (
            "签到更正：{name}（{no}），班次 {code}，{at} 记为{status}{was}",
            "Sign-in correction: {name} ({no}), session {code}, {at} recorded as {status}{was}",
        ),
        "sign_in.correction_was": ("（原为{status}）", " (was {status})"),
    }
)

TIME_SHOWN = "%Y-%m-%d %H:%M"
# What HR sets by hand and a kiosk or typed sign-in never replaces.
HAND_MARKS = frozenset({AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED})


def minute_of(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def shown(at: datetime) -> str:
    return f"{at:{TIME_SHOWN}}"


@dataclass(frozen=True)
class SignInWindow:
    """One session's sign-in window and what a refusal names: the session and its times."""

    session_code: str
    course_title: str
    starts_at: datetime
    ends_at: datetime
    opens_at: datetime

    def admits(self, at: datetime) -> bool:
        """From `opens_at` to `ends_at`, both minutes included."""
        return self.opens_at <= minute_of(at) <= self.ends_at

    def too_early(self, at: datetime) -> bool:
        return minute_of(at) < self.opens_at

    def problem(self, at: datetime) -> str:
        """Why `at` is refused, naming the session, its times and `at` (in the user's language)."""
        return messages.text(
            "sign_in.too_early" if self.too_early(at) else "sign_in.too_late",
            at=shown(at),
            code=self.session_code,
            title=self.course_title,
            starts=shown(self.starts_at),
            ends=shown(self.ends_at),
            opens=shown(self.opens_at),
        )


def window_of(
    code: str,
    title: str,
    *,
    delivery: Delivery,
    starts_at: datetime,
    ends_at: datetime,
    minutes_before: int,
) -> SignInWindow:
    """Offline sessions open `minutes_before` their start; an online course counts within its period only."""
    opens_at = starts_at if delivery is Delivery.ONLINE else starts_at - timedelta(minutes=minutes_before)
    return SignInWindow(code, title, starts_at, ends_at, opens_at)


def office_window(
    session: Session,
    code: str,
    title: str,
    *,
    delivery: Delivery,
    starts_at: datetime,
    ends_at: datetime,
) -> SignInWindow:
    """The window by the office's setting (default 60 minutes before the start)."""
    return window_of(
        code,
        title,
        delivery=delivery,
        starts_at=starts_at,
        ends_at=ends_at,
        minutes_before=sign_in_window_minutes(session),
    )


class CorrectionNeeded(DomainError):
    """A sign-in outside its window (or over a hand-set mark) without a correction's reason: nothing written."""

    code = "sign_in.correction_needed"


def hand_marked_text(name: str, employee_no: str, status: AttendanceStatus) -> str:
    return messages.text("sign_in.hand_marked", name=name, no=employee_no, status=label(status))


def note_correction(
    session: Session,
    *,
    record_id: object,
    session_code: str,
    employee_no: str,
    name: str,
    status: AttendanceStatus,
    at: datetime | None,
    before: AttendanceStatus | None,
    reason: str,
) -> None:
    """The trail's entry for a correction, added to the transaction that writes the mark it explains:
    who, which session, the time and status recorded (and what it replaced), and the reason."""
    was = (
        messages.text("sign_in.correction_was", status=label(before))
        if before is not None and before is not status
        else ""
    )
    audit.record(
        session,
        audit.Action.UPDATE,
        account=actor_of(session),
        table_name="attendance",
        record_id=record_id,
        summary=messages.text(
            "sign_in.correction_summary",
            name=name,
            no=employee_no,
            code=session_code,
            at=shown(at) if at is not None else "",
            status=label(status),
            was=was,
        ),
        reason=reason,
    )
