"""Certificates on the command line: print a session's certificates, then an auditor verifies them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from databases import Location
from pypdf import PdfReader
from signing import cli_env, open_as_admin
from sqlalchemy import select
from test_cli import run
from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.models import AttendanceStatus, Certificate, Role
from desktop_hr.services.records import certificates, print_log
from desktop_hr.services.trust import accounts


def _session_with_attendees(path: Location) -> None:
    db = open_as_admin(path)
    with building(db) as s:
        course = make_course(s, title="安全生产", hours=Decimal(8), credits=Decimal(1))
        people = make_people(s, {"00012": "欧阳明华", "00013": "王芳", "00014": "李雷"})
        training = make_session(s, course, "B01", *full_days(date(2025, 3, 5)))
        sign_in(s, training, people[0])
        sign_in(s, training, people[1], AttendanceStatus.LATE)
        sign_in(s, training, people[2], AttendanceStatus.ABSENT)
    db.dispose()


def _first(path: Location) -> certificates.CertificateView:
    db = open_as_admin(path)
    with db.read_session() as s:
        found = certificates.certificate_rows(s)[0]
    db.dispose()
    return found


def test_print_certificates_then_verify_genuine_altered_unknown_and_revoked(
    db_location: Location, tmp_path: Path
) -> None:
    path = db_location
    _session_with_attendees(path)
    out = tmp_path / "B01.pdf"
    printed = run("--db", path, "print", "certificates", "--session", "B01", "-o", out)
    assert printed.returncode == 0, printed.stderr
    assert "2 张证书" in printed.stdout
    assert len(PdfReader(out).pages) == 2
    again = run("--db", path, "print", "certificates", "--session", "B01", "-o", out)  # nothing new issued
    assert again.returncode == 0 and "2 张证书" in again.stdout

    cert = _first(path)
    genuine = run("--db", path, "verify", cert.serial, cert.code)
    assert genuine.returncode == 0, genuine.stderr
    assert "真实有效" in genuine.stdout and "欧阳明华" in genuine.stdout
    scanned = run("--db", path, "verify", cert.qr_payload)
    assert scanned.returncode == 0 and "真实有效" in scanned.stdout

    altered = run("--db", path, "verify", cert.serial, "ABCD-EFGH-IJKL-MNOP")
    assert altered.returncode == 1 and "校验码不符" in altered.stdout
    unknown = run("--db", path, "verify", "JY2099-000999")
    assert unknown.returncode == 1 and "查无此证" in unknown.stdout

    db = open_as_admin(path)
    certificates.revoke(db.uow(), cert.serial, "重复发放", at=datetime(2026, 1, 5, 10))
    db.dispose()
    revoked = run("--db", path, "--lang", "en", "verify", cert.serial, cert.code)
    assert revoked.returncode == 1 and "Revoked (重复发放)" in revoked.stdout


def test_unknown_session_and_empty_session_are_refused_with_nothing_written(
    db_location: Location, tmp_path: Path
) -> None:
    path = db_location
    _session_with_attendees(path)
    out = tmp_path / "none.pdf"
    missing = run("--db", path, "print", "certificates", "--session", "ZZ9", "-o", out)
    assert missing.returncode == 1 and "ZZ9" in missing.stderr
    nobody = run(
        "--db", path, "print", "credit-certificate", "--employee", "00014", "--year", "2025", "-o", out
    )
    assert nobody.returncode == 1 and "没有取得学分" in nobody.stderr
    assert not out.exists()
    credits = run(
        "--db", path, "print", "credit-certificate", "--employee", "00012", "--year", "2025", "-o", out
    )
    assert credits.returncode == 0, credits.stderr
    assert "年度学分证书" in PdfReader(out).pages[0].extract_text().replace("\u2002", "").replace(" ", "")


def test_a_certificate_printed_by_a_clerk_names_the_clerk_as_its_issuer(
    db_location: Location, tmp_path: Path
) -> None:
    path = db_location
    _session_with_attendees(path)
    db = open_as_admin(path)
    accounts.create_account(
        db.uow(), accounts.AccountData("wangzy", Role.CLERK, "王专员"), "clerk-pass-2026", must_change=False
    )
    db.dispose()
    clerk = cli_env("wangzy", "clerk-pass-2026")

    session_pdf, credits_pdf = tmp_path / "B01.pdf", tmp_path / "credits.pdf"
    printed = run(
        "--db",
        path,
        "print",
        "certificates",
        "--session",
        "B01",
        "-o",
        session_pdf,
        env=clerk,
        as_admin=False,
    )
    assert printed.returncode == 0, printed.stderr
    credits = run(
        "--db",
        path,
        "print",
        "credit-certificate",
        "--employee",
        "00012",
        "--year",
        "2025",
        "-o",
        credits_pdf,
        env=clerk,
        as_admin=False,
    )
    assert credits.returncode == 0, credits.stderr

    db = open_as_admin(path)
    with db.read_session() as s:
        issued = s.execute(select(Certificate.kind, Certificate.issued_by).order_by(Certificate.id)).all()
        log = print_log.print_log(s)
    db.dispose()
    assert [kind.value for kind, _by in issued] == ["completion", "completion", "annual_credits"]
    assert {by for _kind, by in issued} == {"wangzy"}
    assert sorted((row.document, row.actor, row.target) for row in log) == [
        ("certificate", "wangzy", str(credits_pdf.resolve())),
        ("session-certificates", "wangzy", str(session_pdf.resolve())),
    ]
