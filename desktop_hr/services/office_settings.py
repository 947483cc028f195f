"""Office-wide settings kept in the database (the `setting` table), so every PC of the office agrees."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import InvalidField
from desktop_hr.models import Setting
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "field.grace_minutes": ("签到宽限分钟数", "Sign-in grace minutes"),
        "field.sign_in_window": ("开始前可签到分钟数", "Minutes before the start from which sign-in opens"),
        "reason.minutes_range": (
            "应为 {low} 到 {high} 之间的整数",
            "should be a whole number from {low} to {high}",
        ),
    }
)

# Minutes after a session's start during which a sign-in still counts as on time.
LATE_GRACE_MINUTES = "sign_in.grace_minutes"
GRACE_DEFAULT = 0
GRACE_MAX = 120
# Minutes before a session's start from which a sign-in is accepted (it is accepted until the end).
SIGN_IN_WINDOW_MINUTES = "sign_in.window_minutes"
WINDOW_DEFAULT = 60
WINDOW_MAX = 24 * 60


def get_text(session: Session, key: str, default: str) -> str:
    stored = session.get(Setting, key)
    return default if stored is None else stored.value


def put_text(session: Session, key: str, value: str) -> None:
    """Write the setting inside the caller's transaction."""
    stored = session.get(Setting, key)
    if stored is None:
        session.add(Setting(key=key, value=value))
    else:
        stored.value = value


def get_int(session: Session, key: str, default: int) -> int:
    """The setting as an integer; `default` when it was never set (or holds something else)."""
    stored = session.get(Setting, key)
    if stored is None:
        return default
    try:
        return int(stored.value)
    except ValueError:
        return default


def put_int(session: Session, key: str, value: int) -> None:
    """Write the setting inside the caller's transaction."""
    put_text(session, key, str(value))


def set_int(uow: UnitOfWork, key: str, value: int) -> None:
    require(uow.principal, Permission.EDIT_SETTINGS)
    with uow:
        put_int(uow.session, key, value)
        uow.commit()


def grace_minutes(session: Session) -> int:
    return get_int(session, LATE_GRACE_MINUTES, GRACE_DEFAULT)


def set_grace_minutes(uow: UnitOfWork, minutes: int) -> None:
    """0..120 minutes; anything else is refused with a message naming the value."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    if not 0 <= minutes <= GRACE_MAX:
        raise InvalidField(
            field=messages.text("field.grace_minutes"),
            value=minutes,
            reason=messages.text("reason.minutes_range", low=0, high=GRACE_MAX),
        )
    set_int(uow, LATE_GRACE_MINUTES, minutes)


def sign_in_window_minutes(session: Session) -> int:
    return get_int(session, SIGN_IN_WINDOW_MINUTES, WINDOW_DEFAULT)


def set_sign_in_window_minutes(uow: UnitOfWork, minutes: int) -> None:
    """0..1440 minutes (a day); anything else is refused with a message naming the value."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    if not 0 <= minutes <= WINDOW_MAX:
        raise InvalidField(
            field=messages.text("field.sign_in_window"),
            value=minutes,
            reason=messages.text("reason.minutes_range", low=0, high=WINDOW_MAX),
        )
    set_int(uow, SIGN_IN_WINDOW_MINUTES, minutes)
