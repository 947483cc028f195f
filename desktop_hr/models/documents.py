"""Printed records: certificates with their serial numbers and verification codes, and the print log."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_hr.models.base import Base, utcnow
from desktop_hr.models.people import Employee, _enum
from desktop_hr.models.training import TrainingSession


class CertificateKind(enum.StrEnum):
    COMPLETION = "completion"  # 结业证书, per session and attendee
    EXCELLENT_TRAINER = "excellent_trainer"  # 优秀内训师
    ANNUAL_CREDITS = "annual_credits"  # 年度学分证书


class Certificate(Base):
    """Issued once, never deleted or changed: revoking sets `revoked_at` and keeps the record.

    `code` is the short verification code printed on it (an HMAC of `content` for certificates issued
    before the office key existed). `signature` is the office's Ed25519 signature (base64url, no padding)
    of the certificate's compact claims, made with the key `key_id` (services/trust/keys.py): an inspector
    with only the office's public key can check the QR code, without this database.
    """

    __tablename__ = "certificate"
    __table_args__ = (Index("ix_certificate_employee_kind", "employee_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[CertificateKind] = mapped_column(_enum(CertificateKind, "certificate_kind"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_session.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # canonical JSON of what the certificate states
    code: Mapped[str] = mapped_column(String(40))
    signature: Mapped[str] = mapped_column(Text, default="", server_default="")
    key_id: Mapped[str] = mapped_column(String(16), default="", server_default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(50), default="")
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")

    employee: Mapped[Employee] = relationship()
    session: Mapped[TrainingSession | None] = relationship()


class PrintRecord(Base):
    """What was printed or saved as PDF, by whom and when (only once the output really exists)."""

    __tablename__ = "print_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[str] = mapped_column(String(40))  # certificate, sign-in-sheet, archive, …
    subject: Mapped[str] = mapped_column(String(200))  # what it was about, as shown in the log
    pages: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(String(400), default="")  # printer name or PDF path
    printed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(50), default="")
    # What a printed requirement document said (each person's verdict and gap): a later change of the
    # requirement or the records never changes what was printed.
    details: Mapped[str] = mapped_column(Text, default="", server_default="")
