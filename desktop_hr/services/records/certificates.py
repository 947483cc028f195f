"""Certificates: issued once with a serial unique for ever, signed with the office key, checked offline.

Each certificate's content (sorted-key JSON of everything printed on it) is stored with the Ed25519
signature of its compact claims (`claims.py`, what the QR code carries) and a short verification code
derived from that signature (`certificate_signatures.py`; certificates from before the office key keep
their HMAC code). With the database, an inspector scans the QR code or types the serial and the code: the
program says genuine, revoked, unknown, or altered. Without it, `desktop-hr verify --key` checks the QR
text with the office's public key alone. Certificates are never deleted; revoking keeps the record.
"""

from __future__ import annotations

import enum
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork, actor_of
from desktop_hr.errors import DomainError, InvalidField, NotFound
from desktop_hr.models import (
    Attendance,
    Certificate,
    CertificateKind,
    Employee,
    SessionStatus,
    TrainingSession,
)
from desktop_hr.services.development import settings as development_settings
from desktop_hr.services.development.trainers import trainer_profile
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.records import claims
from desktop_hr.services.records.certificate_signatures import (
    canonical,
    claims_text,
    is_intact,
    legacy_code_holds,
    legacy_key,
    normalise_code,
    office_key,
    sign,
)
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.training.history import employee_history
from desktop_hr.services.trust import keys, signing
from desktop_hr.services.trust.permissions import Permission, require
from desktop_hr.services.validation import trim

log = logging.getLogger(__name__)

messages.define(
    {
        "certificate.no_attendees": (
            "班次 {session}（{course}）没有出勤的学员，无法颁发结业证书。",
            "Session {session} ({course}) has no attendee; there is nobody to give a completion certificate.",
        ),
        "certificate.session_cancelled": (
            "班次 {session}（{course}）已取消，不能颁发结业证书。",
            "Session {session} ({course}) was cancelled; it cannot give completion certificates.",
        ),
        "certificate.session_not_over": (
            "班次 {session}（{course}）到 {ends} 才结束，结束后才能颁发结业证书。",
            "Session {session} ({course}) ends at {ends}; completion certificates can be issued after it.",
        ),
        "certificate.not_excellent": (
            "{name}（{employee_no}）{year} 年度的内训师贡献值为 {value}，未达到优秀内训师标准 {threshold}，"
            "不能颁发优秀内训师证书。",
            "{name} ({employee_no}) has a trainer contribution of {value} in {year}, below the excellent "
            "trainer threshold of {threshold}; no excellent trainer certificate.",
        ),
        "certificate.no_credits": (
            "{name}（{employee_no}）在 {year} 年没有取得学分，不能颁发年度学分证书。",
            "{name} ({employee_no}) earned no credits in {year}; no annual credit certificate.",
        ),
        "certificate.already_revoked": (
            "证书 {serial} 已于 {when} 撤销（{reason}）。",
            "Certificate {serial} was already revoked on {when} ({reason}).",
        ),
        "certificate.what": ("证书", "certificate"),
        "field.revoke_reason": ("撤销原因", "Reason for revoking"),
        "verify.genuine": ("真实有效", "Genuine"),
        "verify.revoked": ("已撤销（{reason}）", "Revoked ({reason})"),
        "verify.unknown": ("查无此证", "No such certificate"),
        "verify.altered": ("校验码不符", "Verification code does not match"),
        "verify.altered_signature": ("签名不符", "Signature does not match"),
        "verify.altered_record": (
            "数据库中的证书记录与其签名不符（记录被改动）",
            "The certificate's record in the database does not match its signature (it was changed)",
        ),
        "verify.unreadable": ("无法核验", "Cannot be verified"),
        "verify.foreign": ("不是本单位签发", "Not issued by this office"),
        "verify.not_here": (
            "签名有效，但本数据库中没有这张证书（数据库可能是较早的备份）。",
            "The signature is valid, but this database has no such certificate (it may be an older backup).",
        ),
        "verify.line": ("证书编号 {serial}：{status}", "Certificate {serial}: {status}"),
    }
)

PREFIXES = {
    CertificateKind.COMPLETION: "JY",  # 结业
    CertificateKind.EXCELLENT_TRAINER: "NX",  # 内训
    CertificateKind.ANNUAL_CREDITS: "XF",  # 学分
}
REASON_MAX = 500
_ZERO = Decimal("0.00")


class NoAttendees(DomainError):
    code = "certificate.no_attendees"


class SessionCancelled(DomainError):
    code = "certificate.session_cancelled"


class SessionNotOver(DomainError):
    code = "certificate.session_not_over"


class NotExcellent(DomainError):
    code = "certificate.not_excellent"


class NoCredits(DomainError):
    code = "certificate.no_credits"


class AlreadyRevoked(DomainError):
    code = "certificate.already_revoked"


# ---- the content --------------------------------------------------------------------------------


def certificate_title(kind: CertificateKind) -> str:
    """The heading a certificate of `kind` carries (and its name in the printing search)."""
    return messages.text(f"certificate.title.{kind.value}")


def _amount(value: Decimal) -> str:
    # Fixed-point: normalize() alone writes 20 as "2E+1".
    return f"{value.quantize(Decimal('0.01')).normalize():f}" if value else "0"


# ---- issuing --------------------------------------------------------------------------------------


def _issue(
    session: Session,
    key: keys.OfficeKey,
    kind: CertificateKind,
    employee: Employee,
    facts: dict[str, Any],
    *,
    at: datetime,
    session_id: int | None = None,
    year: int | None = None,
) -> Certificate:
    # The serial holds the row id, known only once inserted: a unique placeholder first.
    cert = Certificate(
        serial=f"~{secrets.token_hex(8)}",
        kind=kind,
        employee_id=employee.id,
        session_id=session_id,
        year=year,
        content="",
        code="",
        issued_at=at,
        issued_by=actor_of(session),
    )
    session.add(cert)
    session.flush()
    cert.serial = f"{PREFIXES[kind]}{at.year}-{cert.id:06d}"
    content = {
        **facts,
        "kind": kind.value,
        "serial": cert.serial,
        "name": employee.name,
        "employee_no": employee.employee_no,
        "issued": at.date().isoformat(),
    }
    cert.content = canonical(content)
    sign(cert, key)
    cert.code = claims.short_code(cert.signature)
    return cert


def _holders(session: Session, kind: CertificateKind, **where: Any) -> set[int]:
    """Employees who already hold a certificate of `kind` (revoked ones do not count: re-issue is allowed)."""
    query = select(Certificate.employee_id).where(Certificate.kind == kind, Certificate.revoked_at.is_(None))
    for column, value in where.items():
        query = query.where(getattr(Certificate, column) == value)
    return set(session.scalars(query))


def issue_completion(uow: UnitOfWork, session_id: int, *, at: datetime) -> list[int]:
    """结业证书 for every attendee (present, late or completed) who has none yet for this session.

    Idempotent: issuing again issues nothing new (returns []). Refused for a cancelled session, one not
    over yet at `at`, or one nobody attended.
    """
    require(uow.principal, Permission.ISSUE_CERTIFICATES)
    with uow:
        session = uow.session
        training = get_or_raise(session, TrainingSession, session_id)
        course = training.course
        names = {"session": training.code, "course": course.title}
        if training.status == SessionStatus.CANCELLED:
            raise SessionCancelled(**names)
        if training.ends_at > at:
            raise SessionNotOver(**names, ends=f"{training.ends_at:%Y-%m-%d %H:%M}")
        attendees = list(
            session.scalars(
                select(Employee)
                .join(Attendance, Attendance.employee_id == Employee.id)
                .where(Attendance.session_id == session_id, Attendance.status.in_(ATTENDED))
                .order_by(Employee.employee_no)
            )
        )
        if not attendees:
            raise NoAttendees(**names)
        holders = _holders(session, CertificateKind.COMPLETION, session_id=session_id)
        facts = {
            "course": course.title,
            "course_code": course.code,
            "session": training.code,
            "date": training.starts_at.date().isoformat(),
            "hours": _amount(course.hours),
            "credits": _amount(course.credits),
        }
        new = [p for p in attendees if p.id not in holders]
        if not new:
            return []
        key = office_key(session)
        certs = [
            _issue(session, key, CertificateKind.COMPLETION, p, facts, at=at, session_id=session_id)
            for p in new
        ]
        session.flush()
        ids = [c.id for c in certs]
        uow.commit()
    return ids


def _existing(session: Session, kind: CertificateKind, employee_id: int, year: int) -> int | None:
    return session.scalar(
        select(Certificate.id).where(
            Certificate.kind == kind,
            Certificate.employee_id == employee_id,
            Certificate.year == year,
            Certificate.revoked_at.is_(None),
        )
    )


def _issue_yearly(
    uow: UnitOfWork,
    kind: CertificateKind,
    employee_id: int,
    year: int,
    earned: Callable[[Session, Employee], dict[str, Any]],
    *,
    at: datetime,
) -> int:
    """A certificate of `year`: the id of the valid one if it exists, else of a new one stating
    `earned(session, employee)` (which raises when the person has not earned it)."""
    require(uow.principal, Permission.ISSUE_CERTIFICATES)
    require(uow.principal, Permission.ISSUE_CERTIFICATES)
    with uow:
        session = uow.session
        employee = get_or_raise(session, Employee, employee_id)
        existing = _existing(session, kind, employee_id, year)
        if existing is not None:
            return existing
        facts = earned(session, employee)
        key = office_key(session)
        cert = _issue(session, key, kind, employee, facts, at=at, year=year)
        session.flush()
        cert_id = cert.id
        uow.commit()
    return cert_id


def issue_trainer(uow: UnitOfWork, employee_id: int, year: int, *, at: datetime) -> int:
    """优秀内训师 certificate for `year`: the id of the valid one if it exists, else of a new one.

    Issued only to someone whose trainer profile of that year is excellent (contribution value at or above
    the threshold of the development settings); refused otherwise, naming the value and the threshold.
    """

    def earned(session: Session, employee: Employee) -> dict[str, Any]:
        profile = trainer_profile(session, employee_id, year)
        if profile is None or not profile.excellent:
            raise NotExcellent(
                name=employee.name,
                employee_no=employee.employee_no,
                year=year,
                value=_amount(profile.contribution if profile is not None else _ZERO),
                threshold=_amount(development_settings.load(session).excellent_threshold),
            )
        return {
            "year": year,
            "sessions": profile.sessions,
            "hours": _amount(profile.hours),
            "contribution": _amount(profile.contribution),
        }

    return _issue_yearly(uow, CertificateKind.EXCELLENT_TRAINER, employee_id, year, earned, at=at)


def issue_credits(uow: UnitOfWork, employee_id: int, year: int, *, at: datetime) -> int:
    """年度学分证书 for `year` (sessions and historical records): the valid one's id, else a new one's.

    Refused when the credits earned that year are zero.
    """

    def earned(session: Session, employee: Employee) -> dict[str, Any]:
        totals = next((t for t in employee_history(session, employee_id).by_year if t.year == year), None)
        if totals is None or totals.credits <= 0:
            raise NoCredits(name=employee.name, employee_no=employee.employee_no, year=year)
        return {"year": year, "hours": _amount(totals.hours), "credits": _amount(totals.credits)}

    return _issue_yearly(uow, CertificateKind.ANNUAL_CREDITS, employee_id, year, earned, at=at)


# ---- revoking and verifying -----------------------------------------------------------------------


def _by_serial(session: Session, serial: str) -> Certificate | None:
    return session.scalar(select(Certificate).where(Certificate.serial == trim(serial).upper()))


def revoke(uow: UnitOfWork, serial: str, reason: str, *, at: datetime) -> None:
    """Mark the certificate revoked with its reason (required); the record stays, verify says REVOKED."""
    require(uow.principal, Permission.ISSUE_CERTIFICATES)
    reason = trim(reason)
    if not reason or len(reason) > REASON_MAX:
        problem = "reason.required" if not reason else "reason.too_long"
        raise InvalidField(
            field=messages.text("field.revoke_reason"),
            value=reason,
            reason=messages.text(problem, limit=REASON_MAX),
        )
    with uow:
        cert = _by_serial(uow.session, serial)
        if cert is None:
            raise NotFound(what=messages.text("certificate.what"), key=serial)
        if cert.revoked_at is not None:
            raise AlreadyRevoked(
                serial=cert.serial, when=f"{cert.revoked_at:%Y-%m-%d}", reason=cert.revoked_reason
            )
        cert.revoked_at = at
        cert.revoked_reason = reason
        uow.commit()
    log.info("certificate %s revoked by %s: %s", serial, uow.actor, reason)


class VerifyStatus(enum.StrEnum):
    GENUINE = "genuine"
    REVOKED = "revoked"
    UNKNOWN = "unknown"
    ALTERED = "altered"  # the code or signature does not match the content (or the stored record was changed)
    UNREADABLE = "unreadable"  # a QR text cut short or not in the certificates' format
    FOREIGN = "foreign"  # signed with a key that is not one of this office's


@dataclass(frozen=True)
class CertificateView:
    """What a certificate states, read from its signed content (what is printed is what was signed)."""

    id: int
    kind: CertificateKind
    serial: str
    code: str
    name: str
    employee_no: str
    issued_on: date
    hours: Decimal
    credits: Decimal
    course: str = ""
    course_code: str = ""
    session_code: str = ""
    session_date: date | None = None
    year: int | None = None
    sessions: int = 0  # sessions taught (excellent trainer)
    revoked_at: datetime | None = None
    revoked_reason: str = ""
    signature: str = ""  # Ed25519 of `claims_text` by the office key `key_id` ("" : an unsigned old one)
    key_id: str = ""
    claims_text: str = ""
    fingerprint: str = ""  # of the public key `key_id`, printed on the certificate

    @property
    def qr_payload(self) -> str:
        """The QR code's text: the signed compact claims, or "serial|code" for a certificate never signed."""
        if self.signature and self.claims_text:
            return claims.qr_text(self.claims_text, self.signature)
        return f"{self.serial}|{self.code}"


def _view(cert: Certificate, public_keys: dict[str, Ed25519PublicKey]) -> CertificateView:
    content: dict[str, Any] = json.loads(cert.content)
    session_date = content.get("date")
    public = public_keys.get(cert.key_id)
    return CertificateView(
        id=cert.id,
        kind=cert.kind,
        serial=cert.serial,
        code=cert.code,
        name=str(content.get("name", "")),
        employee_no=str(content.get("employee_no", "")),
        issued_on=date.fromisoformat(content["issued"]),
        hours=Decimal(content.get("hours", "0")),
        credits=Decimal(content.get("credits", "0")),
        course=str(content.get("course", "")),
        course_code=str(content.get("course_code", "")),
        session_code=str(content.get("session", "")),
        session_date=date.fromisoformat(session_date) if session_date else None,
        year=content.get("year"),
        sessions=int(content.get("sessions", 0)),
        revoked_at=cert.revoked_at,
        revoked_reason=cert.revoked_reason,
        signature=cert.signature,
        key_id=cert.key_id,
        claims_text=claims_text(cert.content, cert.key_id) if cert.signature else "",
        fingerprint=signing.fingerprint(public) if public is not None else "",
    )


@dataclass(frozen=True)
class Verification:
    serial: str
    status: VerifyStatus
    certificate: CertificateView | None  # None when unknown or unreadable
    reason: str = ""  # why it is not genuine, in the user's language, when there is more to say
    claims: claims.Claims | None = None  # what a scanned QR text states (even when its signature fails)

    def message(self) -> str:
        """The verdict in the user's language: 真实有效 / 已撤销（原因）/ 查无此证 / 校验码不符 …, then why."""
        if self.status == VerifyStatus.REVOKED and self.certificate is not None:
            status = messages.text("verify.revoked", reason=self.certificate.revoked_reason)
        elif self.status == VerifyStatus.ALTERED and self.claims is not None:  # a scanned text: no code
            status = messages.text("verify.altered_signature")
        else:
            status = messages.text(f"verify.{self.status.value}")
        line = messages.text("verify.line", serial=self.serial or "-", status=status)
        return f"{line}\n{self.reason}" if self.reason else line


def _intact(cert: Certificate, public_keys: dict[str, Ed25519PublicKey], old_key: bytes | None) -> bool:
    """Signed and the signature holds; an old certificate not yet signed: its HMAC code holds."""
    return is_intact(cert, public_keys) if cert.signature else legacy_code_holds(cert, old_key)


def _safe_view(cert: Certificate, public_keys: dict[str, Ed25519PublicKey]) -> CertificateView | None:
    try:
        return _view(cert, public_keys)
    except (ValueError, KeyError, TypeError, ArithmeticError, AttributeError):  # content no longer readable
        return None


def _verify_scanned(session: Session, text: str) -> Verification:
    """A scanned QR text with signed claims: the signature (with this office's keys), then the record."""
    public_keys = keys.public_keys(session)
    checked = claims.check(text, public_keys)
    stated = checked.claims
    serial = stated.serial if stated is not None else ""
    if checked.outcome in (claims.Outcome.TRUNCATED, claims.Outcome.MALFORMED):
        return Verification(serial, VerifyStatus.UNREADABLE, None, checked.message(), stated)
    if checked.outcome is claims.Outcome.UNKNOWN_KEY:
        return Verification(serial, VerifyStatus.FOREIGN, None, checked.message(), stated)
    if not checked.valid:
        return Verification(serial, VerifyStatus.ALTERED, None, checked.message(), stated)
    cert = _by_serial(session, serial)
    if cert is None:
        return Verification(serial, VerifyStatus.UNKNOWN, None, messages.text("verify.not_here"), stated)
    view = _safe_view(cert, public_keys)
    same = (
        cert.signature == checked.signature and view is not None and view.claims_text == checked.signed_text
    )
    if not same or not is_intact(cert, public_keys):
        return Verification(
            serial, VerifyStatus.ALTERED, view, messages.text("verify.altered_record"), stated
        )
    status = VerifyStatus.REVOKED if cert.revoked_at is not None else VerifyStatus.GENUINE
    return Verification(serial, status, view, "", stated)


def verify(session: Session, serial: str, code: str | None = None) -> Verification:
    """Check a certificate against this database. `serial` may be a scanned QR text: the signed claims
    ("DHR1|…"), or an older certificate's "serial|code".

    ALTERED when the given code differs from the certificate's, when the stored content no longer matches
    its signature (someone edited the database), or when a scanned text's signature fails.
    """
    if code is None and trim(serial).startswith(claims.PREFIX + claims.SEP):
        return _verify_scanned(session, serial)
    if code is None and "|" in serial:
        serial, code = serial.split("|", 1)
    serial = trim(serial).upper()
    cert = _by_serial(session, serial)
    if cert is None:
        return Verification(serial, VerifyStatus.UNKNOWN, None)
    public_keys = keys.public_keys(session)
    view = _safe_view(cert, public_keys)
    intact = view is not None and _intact(cert, public_keys, legacy_key(session))
    if not intact:
        return Verification(serial, VerifyStatus.ALTERED, view, messages.text("verify.altered_record"))
    if code is not None and not hmac.compare_digest(normalise_code(code), cert.code):
        return Verification(serial, VerifyStatus.ALTERED, view)
    if cert.revoked_at is not None:
        return Verification(serial, VerifyStatus.REVOKED, view)
    return Verification(serial, VerifyStatus.GENUINE, view)


# ---- listing --------------------------------------------------------------------------------------


def certificate_views(session: Session, ids: Iterable[int]) -> list[CertificateView]:
    """The certificates with these ids, in the order given (for printing)."""
    wanted = list(ids)
    found: dict[int, CertificateView] = {}
    public_keys = keys.public_keys(session)
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        for cert in session.scalars(select(Certificate).where(Certificate.id.in_(part))):
            found[cert.id] = _view(cert, public_keys)
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFound(what=messages.text("certificate.what"), key=missing[0])
    return [found[i] for i in wanted]


def certificate_rows(
    session: Session, employee_id: int | None = None, session_id: int | None = None
) -> list[CertificateView]:
    """Issued certificates (revoked ones too), oldest first; of one employee and/or one session."""
    query = select(Certificate).order_by(Certificate.id)
    if employee_id is not None:
        query = query.where(Certificate.employee_id == employee_id)
    if session_id is not None:
        query = query.where(Certificate.session_id == session_id)
    public_keys = keys.public_keys(session)
    return [_view(cert, public_keys) for cert in session.scalars(query)]


def session_certificate_ids(session: Session, session_id: int) -> list[int]:
    """The valid (not revoked) completion certificates of a session, by 工号: what a batch prints."""
    return list(
        session.scalars(
            select(Certificate.id)
            .join(Employee, Employee.id == Certificate.employee_id)
            .where(
                Certificate.session_id == session_id,
                Certificate.kind == CertificateKind.COMPLETION,
                Certificate.revoked_at.is_(None),
            )
            .order_by(Employee.employee_no, Certificate.id)
        )
    )
