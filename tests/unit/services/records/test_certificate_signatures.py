"""Certificates issued before the office key (HMAC codes) keep verifying; the HMAC key is retired."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import Certificate, CertificateKind, Setting
from desktop_hr.services.records import certificate_signatures, certificates, revocation_list, revocations
from desktop_hr.services.records.certificates import VerifyStatus
from desktop_hr.services.trust import keys

OLD_KEY = bytes(range(32))  # the HMAC key an old database kept in its settings (and its audit trail)
AFTER = datetime(2026, 3, 10, 9)


def _old_certificates(db: Database) -> tuple[int, list[Certificate]]:
    """Two certificates as the previous version issued them: HMAC codes, no signature; the second was
    edited in the database afterwards (its code no longer matches)."""
    with building(db) as s:
        course = make_course(s, hours=Decimal(8), credits=Decimal(1))
        people = make_people(s, {"00001": "张三", "00002": "李四", "00003": "王五"})
        training = make_session(s, course, "S01", *full_days(date(2025, 5, 6)))
        for person in people:
            sign_in(s, training, person)
        s.add(Setting(key=certificate_signatures.HMAC_KEY_SETTING, value=base64.b64encode(OLD_KEY).decode()))
        made = []
        for number, person in enumerate(people[:2], start=1):
            content = {
                "kind": "completion",
                "serial": f"JY2025-{number:06d}",
                "name": person.name,
                "employee_no": person.employee_no,
                "course": "安全生产",
                "course_code": "C01",
                "session": "S01",
                "date": "2025-05-06",
                "hours": "8",
                "credits": "1",
                "issued": "2025-05-07",
            }
            text = certificate_signatures.canonical(content)
            cert = Certificate(
                serial=content["serial"],
                kind=CertificateKind.COMPLETION,
                employee_id=person.id,
                session_id=training.id,
                content=text,
                code=certificate_signatures.compute_code(OLD_KEY, text),
                issued_at=datetime(2025, 5, 7),
                issued_by="hr",
            )
            s.add(cert)
            made.append(cert)
        s.flush()
        tampered = json.loads(made[1].content)
        tampered["hours"] = "80"
        made[1].content = certificate_signatures.canonical(tampered)
        return training.id, made


def test_old_codes_verify_before_and_after_the_office_key_signs_them(db: Database) -> None:
    session_id, (good, bad) = _old_certificates(db)
    with db.read_session() as s:
        assert certificates.verify(s, f"{good.serial}|{good.code}").status == VerifyStatus.GENUINE
        assert certificates.verify(s, bad.serial, bad.code).status == VerifyStatus.ALTERED

    new = certificates.issue_completion(db.uow(), session_id, at=AFTER)  # the first signature: upgrade
    assert len(new) == 1  # 王五; 张三 and 李四 already hold one
    with db.read_session() as s:
        assert s.get(Setting, certificate_signatures.HMAC_KEY_SETTING) is None
        rows = {c.serial: c for c in s.scalars(select(Certificate))}
        key_id = keys.current_key_id(s)
        old_paper = certificates.verify(s, f"{good.serial}|{good.code}")
        reprinted = certificates.certificate_views(s, [good.id])[0]
        still_bad = certificates.verify(s, bad.serial, bad.code)
    assert rows[good.serial].key_id == key_id and rows[good.serial].code == good.code  # the paper's code
    assert rows[bad.serial].signature == ""  # an altered record is not laundered by the upgrade
    assert old_paper.status == VerifyStatus.GENUINE
    assert still_bad.status == VerifyStatus.ALTERED
    assert reprinted.qr_payload.startswith(f"DHR1|C|{good.serial}|张三|")  # a reprint carries the signature


def test_the_old_key_from_the_audit_trail_no_longer_vouches_for_anything(db: Database) -> None:
    session_id, (good, _bad) = _old_certificates(db)
    certificates.issue_completion(db.uow(), session_id, at=AFTER)
    forged = json.loads(good.content)
    forged["hours"] = "80"
    with db.uow() as uow:  # someone with the file and the old key re-codes an altered record
        cert = uow.session.scalars(select(Certificate).where(Certificate.serial == good.serial)).one()
        cert.content = certificate_signatures.canonical(forged)
        cert.code = certificate_signatures.compute_code(OLD_KEY, cert.content)
        uow.session.add(
            Setting(key=certificate_signatures.HMAC_KEY_SETTING, value=base64.b64encode(OLD_KEY).decode())
        )
        uow.commit()
    with building(db) as s:  # and adds an unsigned "old" certificate with a valid HMAC code
        content = {**forged, "serial": "JY2025-000099", "name": "王五", "employee_no": "00003"}
        text = certificate_signatures.canonical(content)
        minted = Certificate(
            serial="JY2025-000099",
            kind=CertificateKind.COMPLETION,
            employee_id=3,
            content=text,
            code=certificate_signatures.compute_code(OLD_KEY, text),
        )
        s.add(minted)
    with db.read_session() as s:
        recoded = certificates.verify(s, good.serial, cert.code)
        new = certificates.verify(s, "JY2025-000099", minted.code)
    assert recoded.status == VerifyStatus.ALTERED
    assert new.status == VerifyStatus.ALTERED
    # the next signature does not sign it either
    with building(db) as s:
        other = make_session(s, make_course(s, "C02", "消防"), "S02", *full_days(date(2026, 1, 6)))
        sign_in(s, other, 3)
    certificates.issue_completion(db.uow(), other.id, at=AFTER)
    with db.read_session() as s:
        assert certificates.verify(s, "JY2025-000099", minted.code).status == VerifyStatus.ALTERED


def test_the_exported_revocation_list_is_signed_dated_and_names_the_revoked(
    db: Database, tmp_path: Path
) -> None:
    session_id, (good, _bad) = _old_certificates(db)
    certificates.revoke(db.uow(), good.serial, "姓名有误", at=AFTER)
    out = tmp_path / "撤销清单.json"
    assert revocations.export_revocations(db.uow(), out, at=datetime(2026, 3, 11, 8)) == 1
    with db.read_session() as s:
        public = keys.public_keys(s)
        assert s.get(Setting, certificate_signatures.HMAC_KEY_SETTING) is None
    listed = revocation_list.read(out, public)
    assert listed.issued_at == datetime(2026, 3, 11, 8)
    assert listed.revoked[good.serial].reason == "姓名有误" and session_id
