"""Accounts that sign in, and the append-only, hash-chained audit trail of what they did."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_hr.models.base import Base, TimestampMixin, utcnow
from desktop_hr.models.people import _enum
from desktop_hr.vocabulary import Role


class Account(Base, TimestampMixin):
    """A person who signs in. The password is kept only as a salted scrypt hash."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)  # the sign-in name
    display_name: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[Role] = mapped_column(_enum(Role, "account_role"))
    # Department heads see and act on this department and everything under it.
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    must_change_password: Mapped[bool] = mapped_column(default=False)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC


class AuditEntry(Base):
    """One thing that happened. Never updated or deleted; `hash` chains it to the entry before.

    `id` is assigned by the program as previous id + 1 (not by the database), so a gap, a fork or a
    deleted entry shows up as a break in the numbering as well as in the chain.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)  # UTC, naive
    account: Mapped[str] = mapped_column(String(50), index=True)
    action: Mapped[str] = mapped_column(String(20), index=True)  # create, update, delete, login, print...
    table_name: Mapped[str] = mapped_column(String(40), default="", index=True)
    record_id: Mapped[str] = mapped_column(String(40), default="")
    summary: Mapped[str] = mapped_column(String(200), default="")  # who or what, for people to read
    changes: Mapped[str] = mapped_column(Text, default="")  # JSON {field: [before, after]}
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditCheckpoint(Base):
    """The office key's signature over the audit chain's head at some entry.

    Someone who has only the database file can recompute every entry's hash after an edit, but cannot
    sign the new head: `audit verify` checks each checkpoint against the chain with the public key.
    """

    __tablename__ = "audit_checkpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer, index=True)  # the last entry the signature covers
    entry_hash: Mapped[str] = mapped_column(String(64))  # that entry's hash
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(Text)  # base64url Ed25519 over "entry_id:entry_hash"
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive
