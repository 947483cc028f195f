"""Accounts: the first administrator, signing in with lock-out, and account management.

Passwords are kept as salted scrypt hashes (the standard library's `hashlib.scrypt`, about 50 ms
per try here, so guessing offline is slow). Five wrong passwords in a row lock the account for 15
minutes; an administrator can unlock it or reset the password at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import Database, UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import Account, Department, Role
from desktop_hr.models.base import utcnow
from desktop_hr.services.archive.organisation import department_paths, subtree_ids
from desktop_hr.services.trust import audit, checkpoints
from desktop_hr.services.trust.permissions import Permission, Principal, require

messages.define(
    {
        # One message for an unknown name and a wrong password: it must not tell which names exist.
        "sign_in_failed": (
            "用户名或密码错误。连续输错 {after} 次密码，账号将锁定 {minutes} 分钟。",
            "Wrong user name or password. {after} wrong passwords in a row lock the account for {minutes} minutes.",
        ),
        "account_locked": (
            "账号“{name}”因多次输错密码已锁定，请于 {until} 后再试，或请管理员解锁。",
            'Account "{name}" is locked after repeated wrong passwords; try again after {until} '
            "or ask an administrator to unlock it.",
        ),
        "account_disabled": ("账号“{name}”已停用。", 'Account "{name}" is disabled.'),
        "accounts_exist": (
            "数据库已有账号，不能再次初始化；请用管理员账号登录后添加账号。",
            "This database already has accounts; sign in as an administrator to add more.",
        ),
        "no_accounts": (
            "数据库还没有账号：先运行 desktop-hr init --admin 用户名 创建管理员。",
            "This database has no accounts yet: run desktop-hr init --admin NAME to create the administrator.",
        ),
        "account_name_taken": ("用户名“{name}”已被使用。", 'The user name "{name}" is already taken.'),
        "account_name_invalid": (
            "用户名“{name}”无效：需 1–50 个字符，不含空格。",
            'The user name "{name}" is invalid: 1-50 characters without spaces.',
        ),
        "password_too_short": (
            "密码至少需要 {minimum} 个字符。",
            "The password needs at least {minimum} characters.",
        ),
        "password_wrong": ("原密码不正确。", "The current password is wrong."),
        "head_needs_department": (
            "部门负责人账号必须指定所负责的部门。",
            "A department head account needs its department.",
        ),
        "last_admin": (
            "“{name}”是最后一个启用的管理员账号，不能停用或改为其他角色。",
            '"{name}" is the last active administrator; it cannot be disabled or given another role.',
        ),
    }
)

MIN_PASSWORD = 8
LOCK_AFTER = 5  # wrong passwords in a row
LOCK_MINUTES = 15
# scrypt cost: n=2**14, r=8, p=1 uses 16 MB and about 50 ms on this machine.
_N, _R, _P = 2**14, 8, 1


class SignInFailed(DomainError):
    code = "sign_in_failed"

    def __init__(self) -> None:
        super().__init__(after=LOCK_AFTER, minutes=LOCK_MINUTES)


class AccountLocked(DomainError):
    code = "account_locked"


class AccountDisabled(DomainError):
    code = "account_disabled"


class AccountsExist(DomainError):
    code = "accounts_exist"


class NoAccounts(DomainError):
    code = "no_accounts"


class AccountNameTaken(DomainError):
    code = "account_name_taken"


class AccountNameInvalid(DomainError):
    code = "account_name_invalid"


class PasswordTooShort(DomainError):
    code = "password_too_short"


class PasswordWrong(DomainError):
    code = "password_wrong"


class HeadNeedsDepartment(DomainError):
    code = "head_needs_department"


class LastAdministrator(DomainError):
    code = "last_admin"


# ---------------------------------------------------------------- passwords


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def password_matches(stored: str, password: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        found = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(found, expected)


@cache
def _unknown_name_hash() -> str:
    """A hash of no one's password: an unknown name is checked against it, so it answers in the time a
    wrong password takes (a quick answer would tell which names exist)."""
    return hash_password(secrets.token_urlsafe(16))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise PasswordTooShort(minimum=MIN_PASSWORD)


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 50 or any(ch.isspace() for ch in cleaned):
        raise AccountNameInvalid(name=name)
    return cleaned


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class AccountData:
    name: str
    role: Role
    display_name: str = ""
    department_id: int | None = None
    active: bool = True


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    display_name: str
    role: Role
    department_id: int | None
    department: str
    active: bool
    locked_until: datetime | None  # UTC
    must_change_password: bool
    last_login_at: datetime | None  # UTC

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())

    def data(self) -> AccountData:
        return AccountData(self.name, self.role, self.display_name, self.department_id, self.active)


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Account)))


def list_accounts(session: Session) -> list[AccountRow]:
    paths = department_paths(session)
    return [
        AccountRow(
            a.id,
            a.name,
            a.display_name,
            a.role,
            a.department_id,
            paths.get(a.department_id, "") if a.department_id is not None else "",
            a.active,
            a.locked_until,
            a.must_change_password,
            a.last_login_at,
        )
        for a in session.scalars(select(Account).order_by(Account.name))
    ]


def account_names(session: Session) -> list[str]:
    """Active accounts, for the sign-in window's name list."""
    return list(session.scalars(select(Account.name).where(Account.active).order_by(Account.name)))


def principal_for(session: Session, account: Account) -> Principal:
    departments: frozenset[int] | None = None
    if account.role is Role.DEPARTMENT_HEAD:
        departments = (
            frozenset(subtree_ids(session, account.department_id)) if account.department_id else frozenset()
        )
    return Principal(
        name=account.name,
        role=account.role,
        account_id=account.id,
        display_name=account.display_name,
        department_id=account.department_id,
        departments=departments,
    )


def _local(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).astimezone().strftime("%H:%M")


# ---------------------------------------------------------------- first start and signing in


def create_first_admin(db: Database, name: str, password: str, display_name: str = "") -> Principal:
    """The first account of a new database: an administrator, signed in at once."""
    cleaned = _check_name(name)
    check_password(password)
    bootstrap = Principal(name=cleaned, role=Role.ADMIN)
    with db.uow(principal=bootstrap) as uow:
        if has_accounts(uow.session):
            raise AccountsExist()
        account = Account(
            name=cleaned,
            display_name=display_name.strip(),
            role=Role.ADMIN,
            password_hash=hash_password(password),
            last_login_at=utcnow(),
        )
        uow.session.add(account)
        uow.session.flush()
        audit.record(
            uow.session, audit.Action.SIGN_IN, account=cleaned, table_name="account", record_id=account.id
        )
        checkpoints.start(uow.session)  # a new office's signing key: its trail is signed from the start
        principal = principal_for(uow.session, account)
        uow.commit()
    db.principal = principal
    return principal


def sign_in(db: Database, name: str, password: str, *, now: datetime | None = None) -> Principal:
    """Check the password; on success the database acts for this account from now on.

    Every try is in the audit trail. Wrong passwords count towards the lock-out; an unknown name and a
    wrong password get the same message in about the same time (one password hash each).
    """
    moment = now or utcnow()
    cleaned = name.strip()
    bookkeeping = Principal(name=cleaned or "?", role=Role.ADMIN)  # the sign-in's own writes
    failure: DomainError | None = None
    with db.uow(principal=bookkeeping) as uow:
        session = uow.session
        account = session.scalar(select(Account).where(Account.name == cleaned))
        matches = password_matches(account.password_hash if account else _unknown_name_hash(), password)
        if account is None:
            if not has_accounts(session):
                raise NoAccounts()
            failure = SignInFailed()
        elif account.locked_until is not None and account.locked_until > moment:
            failure = AccountLocked(name=account.name, until=_local(account.locked_until))
        elif not account.active:
            failure = AccountDisabled(name=account.name)
        elif not matches:
            account.failed_logins += 1
            if account.failed_logins >= LOCK_AFTER:
                account.failed_logins = 0
                account.locked_until = moment + timedelta(minutes=LOCK_MINUTES)
                failure = AccountLocked(name=account.name, until=_local(account.locked_until))
            else:
                failure = SignInFailed()
        if failure is not None:
            audit.record(
                session,
                audit.Action.SIGN_IN_FAILED,
                account=cleaned[:50] or "?",
                table_name="account",
                record_id=account.id if account is not None else "",
                reason=failure.message(),
            )
            uow.commit()
            raise failure
        assert account is not None
        account.failed_logins = 0
        account.locked_until = None
        account.last_login_at = moment
        audit.record(
            session, audit.Action.SIGN_IN, account=account.name, table_name="account", record_id=account.id
        )
        principal = principal_for(session, account)
        uow.commit()
    db.principal = principal
    return principal


def sign_out(db: Database) -> None:
    principal = db.principal
    if principal is None:
        return
    with db.uow() as uow:
        audit.record(
            uow.session,
            audit.Action.SIGN_OUT,
            account=principal.name,
            table_name="account",
            record_id=principal.account_id,
        )
        uow.commit()
    db.principal = None


def must_change_password(db: Database) -> bool:
    principal = db.principal
    if principal is None or principal.account_id is None:
        return False
    with db.uow() as uow:
        return bool(
            uow.session.scalar(select(Account.must_change_password).where(Account.id == principal.account_id))
        )


def change_own_password(db: Database, old: str, new: str) -> None:
    """Anyone may change their own password (knowing the current one)."""
    principal = db.principal
    if principal is None or principal.account_id is None:
        raise NoAccounts()
    check_password(new)
    own = Principal(name=principal.name, role=Role.ADMIN)  # writing one's own account row
    with db.uow(principal=own) as uow:
        account = uow.session.get_one(Account, principal.account_id)
        if not password_matches(account.password_hash, old):
            raise PasswordWrong()
        account.password_hash = hash_password(new)
        account.must_change_password = False
        uow.commit()


# ---------------------------------------------------------------- managing (administrators)


def _check_department(session: Session, data: AccountData) -> None:
    if data.role is Role.DEPARTMENT_HEAD and (
        data.department_id is None or session.get(Department, data.department_id) is None
    ):
        raise HeadNeedsDepartment()


def _check_name_free(session: Session, name: str, self_id: int | None) -> None:
    other = session.scalar(select(Account.id).where(Account.name == name))
    if other is not None and other != self_id:
        raise AccountNameTaken(name=name)


def create_account(uow: UnitOfWork, data: AccountData, password: str, *, must_change: bool = True) -> int:
    require(uow.principal, Permission.MANAGE_ACCOUNTS)
    with uow:
        name = _check_name(data.name)
        check_password(password)
        session = uow.session
        _check_name_free(session, name, None)
        _check_department(session, data)
        account = Account(
            name=name,
            display_name=data.display_name.strip(),
            role=data.role,
            department_id=data.department_id if data.role is Role.DEPARTMENT_HEAD else None,
            active=data.active,
            password_hash=hash_password(password),
            must_change_password=must_change,
        )
        session.add(account)
        session.flush()
        uow.commit()
        return account.id


def _other_active_admins(session: Session, account_id: int) -> int:
    stmt = select(func.count()).where(Account.role == Role.ADMIN, Account.active, Account.id != account_id)
    return int(session.scalar(stmt) or 0)


def update_account(uow: UnitOfWork, account_id: int, data: AccountData) -> None:
    require(uow.principal, Permission.MANAGE_ACCOUNTS)
    with uow:
        session = uow.session
        account = session.get_one(Account, account_id)
        name = _check_name(data.name)
        _check_name_free(session, name, account_id)
        _check_department(session, data)
        losing_admin = (
            account.role is Role.ADMIN and account.active and (data.role is not Role.ADMIN or not data.active)
        )
        if losing_admin and not _other_active_admins(session, account_id):
            raise LastAdministrator(name=account.name)
        account.name = name
        account.display_name = data.display_name.strip()
        account.role = data.role
        account.department_id = data.department_id if data.role is Role.DEPARTMENT_HEAD else None
        account.active = data.active
        uow.commit()


def reset_password(uow: UnitOfWork, account_id: int, password: str) -> None:
    """An administrator sets a new password; the holder must change it at the next sign-in."""
    require(uow.principal, Permission.MANAGE_ACCOUNTS)
    with uow:
        check_password(password)
        account = uow.session.get_one(Account, account_id)
        account.password_hash = hash_password(password)
        account.must_change_password = True
        account.failed_logins = 0
        account.locked_until = None
        audit.record(
            uow.session,
            audit.Action.PASSWORD,
            account=uow.actor,
            table_name="account",
            record_id=account.id,
            summary=account.name,
        )
        uow.commit()


def unlock(uow: UnitOfWork, account_id: int) -> None:
    require(uow.principal, Permission.MANAGE_ACCOUNTS)
    with uow:
        account = uow.session.get_one(Account, account_id)
        account.failed_logins = 0
        account.locked_until = None
        audit.record(
            uow.session,
            audit.Action.UPDATE,
            account=uow.actor,
            table_name="account",
            record_id=account.id,
            summary=account.name,
            changes={"locked": [True, False]},
        )
        uow.commit()


def generated_password() -> str:
    """A temporary password for a reset: 10 characters, no look-alikes."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))
