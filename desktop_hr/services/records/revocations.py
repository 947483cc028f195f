"""Export the office's signed, dated list of revoked certificates (`desktop-hr export revocations OUT`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop_hr.db import UnitOfWork
from desktop_hr.models import Certificate
from desktop_hr.services.files import write_atomically
from desktop_hr.services.records import revocation_list
from desktop_hr.services.records.certificate_signatures import office_key
from desktop_hr.services.trust.permissions import Permission, require


def export_revocations(uow: UnitOfWork, out: Path, *, at: datetime) -> int:
    """Write every revoked certificate (serial, date, reason) to `out`, dated `at` and signed with the
    office key; returns how many. Signing is a statement of the office, so it needs the right to revoke."""
    require(uow.principal, Permission.ISSUE_CERTIFICATES)
    with uow:
        key = office_key(uow.session)
        rows = uow.session.execute(
            select(Certificate.serial, Certificate.revoked_at, Certificate.revoked_reason).where(
                Certificate.revoked_at.is_not(None)
            )
        ).all()
        revoked = [
            revocation_list.Revocation(serial, f"{when:%Y-%m-%d}", reason) for serial, when, reason in rows
        ]
        text = revocation_list.build(revoked, issued_at=at, key_id=key.key_id, sign=key.sign)
        write_atomically(out, text.encode("utf-8"))
        uow.commit()
    return len(revoked)
