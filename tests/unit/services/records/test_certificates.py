"""Certificates: issued once per attendee, serials unique and stable, HMAC codes an inspector checks offline."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update
from training_data import building, full_days, make_course, make_people, make_session, numbered, sign_in

from desktop_hr.db import Database
from desktop_hr.errors import DomainError, InvalidField
from desktop_hr.models import (
    AttendanceStatus,
    Certificate,
    CertificateKind,
    Feedback,
    Setting,
    TrainerYear,
    TrainingRecord,
)
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.records import certificate_signatures, certificates, print_settings
from desktop_hr.services.records.certificates import VerifyStatus
from desktop_hr.services.trust import keys, signing

AFTER = datetime(2026, 3, 10, 9)


def _session(db: Database, statuses: list[AttendanceStatus]) -> int:
    """安全生产 S01 on 2026-03-05 (16 h, 2 credits); 00001.. signed in with `statuses`."""
    with building(db) as s:
        course = make_course(s, hours=Decimal(16), credits=Decimal(2))
        people = make_people(s, numbered(max(len(statuses), 1)))
        training = make_session(s, course, "S01", *full_days(date(2026, 3, 5)))
        for person, status in zip(people, statuses, strict=False):
            sign_in(s, training, person, status)
        return int(training.id)


def _issue(db: Database, session_id: int) -> list[int]:
    return certificates.issue_completion(db.uow(), session_id, at=AFTER)


def test_attendees_get_one_certificate_each_and_issuing_again_adds_nothing(db: Database) -> None:
    statuses = [
        AttendanceStatus.PRESENT,
        AttendanceStatus.LATE,
        AttendanceStatus.ABSENT,
        AttendanceStatus.EXCUSED,
    ]
    session_id = _session(db, statuses)
    issued = _issue(db, session_id)
    assert len(issued) == 2  # present and late; absent and excused get none
    assert _issue(db, session_id) == []
    with db.read_session() as s:
        rows = certificates.certificate_rows(s, session_id=session_id)
    assert [(r.employee_no, r.name, r.course, r.hours, r.credits) for r in rows] == [
        ("00001", "员工1", "安全生产", Decimal(16), Decimal(2)),
        ("00002", "员工2", "安全生产", Decimal(16), Decimal(2)),
    ]


def test_serials_are_unique_stable_and_carry_kind_and_year(db: Database) -> None:
    session_id = _session(db, [AttendanceStatus.PRESENT] * 3)
    _issue(db, session_id)
    with db.read_session() as s:
        first = [(r.serial, r.code) for r in certificates.certificate_rows(s)]
        again = [(r.serial, r.code) for r in certificates.certificate_rows(s)]
    assert first == again
    serials = [serial for serial, _ in first]
    assert len(set(serials)) == 3
    assert all(serial.startswith("JY2026-") and len(serial) == len("JY2026-000001") for serial in serials)
    assert all(len(code) == 19 and code.count("-") == 3 for _, code in first)


def test_a_session_nobody_attended_is_refused_with_a_clear_message(db: Database) -> None:
    session_id = _session(db, [AttendanceStatus.ABSENT])
    with pytest.raises(DomainError, match=r"S01.*没有出勤的学员"):
        _issue(db, session_id)
    with pytest.raises(DomainError, match="结束后才能颁发"):
        certificates.issue_completion(db.uow(), session_id, at=datetime(2026, 3, 5, 12))


def test_a_genuine_certificate_verifies_and_a_wrong_code_does_not(db: Database) -> None:
    _issue(db, _session(db, [AttendanceStatus.PRESENT]))
    with db.read_session() as s:
        cert = certificates.certificate_rows(s)[0]
        genuine = certificates.verify(s, cert.serial, cert.code)
        typed = certificates.verify(s, cert.serial.lower(), cert.code.replace("-", " ").lower())
        scanned = certificates.verify(s, cert.qr_payload)
        forged = certificates.verify(s, cert.serial, "AAAA-BBBB-CCCC-DDDD")
        unknown = certificates.verify(s, "JY2026-999999", cert.code)
    assert genuine.status == typed.status == scanned.status == VerifyStatus.GENUINE
    assert genuine.message() == f"证书编号 {cert.serial}：真实有效"
    assert genuine.certificate is not None and genuine.certificate.name == "员工1"
    assert forged.status == VerifyStatus.ALTERED and "校验码不符" in forged.message()
    assert unknown.status == VerifyStatus.UNKNOWN and "查无此证" in unknown.message()


def test_content_changed_in_the_database_no_longer_matches_its_code(db: Database) -> None:
    _issue(db, _session(db, [AttendanceStatus.PRESENT]))
    with db.read_session() as s:
        cert = certificates.certificate_rows(s)[0]
    with db.uow() as uow:
        stored = uow.session.scalars(select(Certificate)).one()
        content = json.loads(stored.content)
        content["name"] = "李四"
        stored.content = certificate_signatures.canonical(content)
        uow.commit()
    with db.read_session() as s:
        result = certificates.verify(s, cert.serial, cert.code)
    assert result.status == VerifyStatus.ALTERED


def test_certificates_are_signed_by_the_office_key_and_a_copy_with_another_key_cannot_vouch(
    db: Database,
) -> None:
    session_id = _session(db, [AttendanceStatus.PRESENT])
    _issue(db, session_id)
    with db.read_session() as s:
        key_id = keys.current_key_id(s)
        cert = certificates.certificate_rows(s)[0]
        assert s.get(Setting, certificate_signatures.HMAC_KEY_SETTING) is None  # no shared secret any more
    assert cert.key_id == key_id and len(cert.signature) == 86
    assert cert.qr_payload.startswith(f"DHR1|C|{cert.serial}|员工1|00001|安全生产|16|2|2026-03-05|")
    assert cert.fingerprint.replace(" ", "").startswith(key_id)
    other = Ed25519PrivateKey.generate()
    with db.uow() as uow:  # someone with the database file swaps the public key for one they hold
        uow.session.execute(
            update(Setting)
            .where(Setting.key == keys.PUBLIC_PREFIX + key_id)
            .values(value=signing.public_pem(other.public_key()))
        )
        uow.commit()
    with db.read_session() as s:
        assert certificates.verify(s, cert.serial, cert.code).status == VerifyStatus.ALTERED


def test_a_scanned_qr_text_is_checked_against_signature_and_record(db: Database) -> None:
    session_id = _session(db, [AttendanceStatus.PRESENT, AttendanceStatus.PRESENT])
    _issue(db, session_id)
    with db.read_session() as s:
        first, second = certificates.certificate_rows(s)
        genuine = certificates.verify(s, first.qr_payload)
        altered = certificates.verify(s, first.qr_payload.replace("员工1", "员工9"))
        cut = certificates.verify(s, first.qr_payload[:-30])
        foreign = certificates.verify(s, first.qr_payload.replace(f"|{first.key_id}|", "|0000ABCD|"))
    assert genuine.status == VerifyStatus.GENUINE and genuine.certificate is not None
    assert altered.status == VerifyStatus.ALTERED and "内容已被改动" in altered.message()
    assert cut.status == VerifyStatus.UNREADABLE and "不完整" in cut.message()
    assert foreign.status == VerifyStatus.FOREIGN and "0000ABCD" in foreign.message()
    certificates.revoke(db.uow(), second.serial, "重复发放", at=AFTER)
    with db.read_session() as s:
        revoked = certificates.verify(s, second.qr_payload)
    assert revoked.status == VerifyStatus.REVOKED and "已撤销（重复发放）" in revoked.message()


def test_revoking_keeps_the_record_and_verify_says_revoked_with_the_reason(db: Database) -> None:
    session_id = _session(db, [AttendanceStatus.PRESENT])
    _issue(db, session_id)
    with db.read_session() as s:
        cert = certificates.certificate_rows(s)[0]
    with pytest.raises(InvalidField, match="撤销原因"):
        certificates.revoke(db.uow(), cert.serial, "  ", at=AFTER)
    certificates.revoke(db.uow(), cert.serial, "姓名有误", at=AFTER)
    with pytest.raises(DomainError, match="已于 2026-03-10 撤销"):
        certificates.revoke(db.uow(), cert.serial, "again", at=AFTER)
    with db.read_session() as s:
        result = certificates.verify(s, cert.serial, cert.code)
        rows = certificates.certificate_rows(s)
    assert result.status == VerifyStatus.REVOKED
    assert result.message() == f"证书编号 {cert.serial}：已撤销（姓名有误）"
    assert len(rows) == 1 and rows[0].revoked_reason == "姓名有误"
    # a revoked certificate does not count: issuing again gives a new one with a new serial
    reissued = _issue(db, session_id)
    with db.read_session() as s:
        assert certificates.session_certificate_ids(s, session_id) == reissued
        assert certificates.certificate_views(s, reissued)[0].serial != cert.serial


def test_annual_credits_count_sessions_and_records_and_zero_is_refused(db: Database) -> None:
    session_id = _session(db, [AttendanceStatus.PRESENT, AttendanceStatus.ABSENT])
    with building(db) as s:
        s.add(
            TrainingRecord(
                employee_id=1,
                course_title="消防演练",
                on_date=date(2026, 1, 8),
                hours=Decimal(4),
                credits=Decimal("0.5"),
            )
        )
    first = certificates.issue_credits(db.uow(), 1, 2026, at=AFTER)
    assert certificates.issue_credits(db.uow(), 1, 2026, at=AFTER) == first
    with db.read_session() as s:
        view = certificates.certificate_views(s, [first])[0]
    assert (view.kind, view.year, view.hours, view.credits) == (
        CertificateKind.ANNUAL_CREDITS,
        2026,
        Decimal(20),
        Decimal("2.5"),
    )
    assert view.serial.startswith("XF2026-")
    with pytest.raises(DomainError, match="员工2（00002）在 2026 年没有取得学分"):
        certificates.issue_credits(db.uow(), 2, 2026, at=AFTER)
    assert session_id


def test_excellent_trainer_needs_an_excellent_profile_that_year(db: Database) -> None:
    with building(db) as s:
        course = make_course(s, hours=Decimal(3))
        trainer, other, student = make_people(s, {"00100": "周老师", "00101": "吴明", "00102": "学员"})
        for code, day in (("T1", date(2026, 2, 3)), ("T2", date(2026, 5, 6)), ("T3", date(2025, 5, 6))):
            taught = make_session(s, course, code, *full_days(day), trainer_id=trainer.id)
            sign_in(s, taught, student)
            s.add(Feedback(session_id=taught.id, employee_id=student.id, trainer_satisfaction=95))
        # 6 h × 0.3 + 95 × 0.4 + 10 % × 0.3 = 42.8 ≥ 40
        s.add(TrainerYear(employee_id=trainer.id, year=2026, uplift=Decimal(10)))
        make_session(s, course, "T4", *full_days(date(2026, 6, 1)), trainer_id=other.id)  # nobody came
    cert_id = certificates.issue_trainer(db.uow(), trainer.id, 2026, at=datetime(2026, 12, 20))
    with db.read_session() as s:
        view = certificates.certificate_views(s, [cert_id])[0]
    assert (view.sessions, view.hours, view.year) == (2, Decimal(6), 2026)
    assert view.serial.startswith("NX2026-")
    with pytest.raises(DomainError, match="贡献值为 0，未达到优秀内训师标准 40"):
        certificates.issue_trainer(db.uow(), other.id, 2026, at=datetime(2026, 12, 20))


def test_print_settings_default_to_official_wording_and_refuse_bad_values(db: Database) -> None:
    with db.read_session() as s:
        settings = print_settings.get(s)
    assert settings.organisation == "（请在设置中填写单位名称）"
    assert "{name}" in settings.completion_wording and settings.signatory_title == "人力资源部负责人"
    bad = print_settings.PrintSettings(
        organisation=" ",
        logo_path="/nowhere/logo.png",
        completion_wording="{name} 完成 {unknown}",
        trainer_wording="{name",
        credits_wording=settings.credits_wording,
        signatory_name="𠮷",
        signatory_title="",
    )
    with pytest.raises(ValidationFailed) as refused:
        print_settings.save(db.uow(), bad)
    fields = {e.field for e in refused.value.errors}
    assert fields == {
        "organisation",
        "logo_path",
        "completion_wording",
        "trainer_wording",
        "signatory_name",
        "signatory_title",
    }
    saved = print_settings.save(
        db.uow(), print_settings.PrintSettings(**{**vars(settings), "organisation": " 华东电力公司 "})
    )
    with db.read_session() as s:
        assert print_settings.get(s) == saved
    assert saved.organisation == "华东电力公司"
