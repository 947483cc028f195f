"""Sending the reminder notices through a local SMTP server (aiosmtpd): what arrives, what is refused and named,
what the audit trail keeps, and where the password never goes."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from databases import ON_POSTGRESQL
from mail_server import HOST, free_port, smtp_server
from notice_cases import NOW, SOUTH_ADDRESS, TECH_ADDRESS, TODAY, build_office
from pypdf import PdfReader

from desktop_hr.db import Database
from desktop_hr.errors import InvalidField
from desktop_hr.excel.audit import export_audit
from desktop_hr.models import AuditEntry, Role
from desktop_hr.printing import catalogue
from desktop_hr.services import mail
from desktop_hr.services.records.printables import reminder_notices_printable
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import PermissionDenied, Principal

SECRET = "Smtp-Secret-7319"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH:UserWarning")


def _configure(db: Database, port: int, *, user: str = "") -> None:
    mail.save(
        db.uow(),
        mail.MailSettings(
            host=HOST, port=port, security=mail.Security.NONE, user=user, sender="hr@office.example"
        ),
    )


def _send(db: Database, password: str | None = None) -> list[mail.Delivery]:
    with db.read_session() as session:
        item = reminder_notices_printable(session, TODAY)
    return catalogue.send_reminder_notices(db, item, now=NOW, password=password)


def _mail_entries(db: Database) -> list[AuditEntry]:
    with db.read_session() as session:
        return list(session.query(AuditEntry).filter(AuditEntry.action == audit.Action.MAIL))


def test_each_department_gets_its_notice_with_the_pdf(db: Database) -> None:
    build_office(db)
    with smtp_server() as inbox:
        _configure(db, inbox.port)
        results = _send(db)
    by_department = {r.to_label: r for r in results}
    assert by_department["总公司/技术部"].sent and by_department["总公司/华南分部/销售部"].sent
    # 财务部 has no address (nor any department above it): named, not sent.
    finance = by_department["总公司/财务部"]
    assert not finance.sent and "没有设置收件地址" in finance.error
    received = inbox.by_recipient()
    assert sorted(received) == [SOUTH_ADDRESS, TECH_ADDRESS]
    tech = received[TECH_ADDRESS]
    assert tech["Subject"] == "【培训提醒通知】总公司/技术部：3 人 3 项待办（2026-03-01）"
    assert tech["From"] == "hr@office.example"
    text = tech.get_body(("plain",))
    assert text is not None
    body = text.get_content()
    assert body.startswith("技术部负责人（王强）：") and "0002 李娜" in body and "刘洋" not in body
    (attachment,) = list(tech.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "培训提醒通知_技术部_2026-03-01.pdf"
    content = attachment.get_content()
    assert content.startswith(b"%PDF")
    pdf = Path(os.environ["DESKTOP_HR_DATA_DIR"]) / "attached.pdf"
    pdf.write_bytes(content)
    page_text = PdfReader(pdf).pages[0].extract_text()
    assert "张伟" in page_text and "刘洋" not in page_text


def test_a_refused_recipient_is_named_and_the_others_still_go(db: Database) -> None:
    build_office(db)
    with smtp_server(refuse=frozenset({SOUTH_ADDRESS})) as inbox:
        _configure(db, inbox.port)
        results = _send(db)
    assert list(inbox.by_recipient()) == [TECH_ADDRESS]
    (refused,) = [r for r in results if r.addresses == (SOUTH_ADDRESS,)]
    assert refused.to_label == "总公司/华南分部/销售部"
    assert "550" in refused.error and "mailbox unavailable" in refused.error
    (entry,) = _mail_entries(db)
    assert entry.summary == "提醒通知邮件：发出 1 封，失败 2 封"
    assert f"总公司/技术部 → {TECH_ADDRESS}：已发送" in entry.reason
    assert f"总公司/华南分部/销售部 → {SOUTH_ADDRESS}：失败（" in entry.reason and "550" in entry.reason


def test_a_server_that_cannot_be_reached_is_named_for_every_letter(db: Database) -> None:
    build_office(db)
    _configure(db, free_port())  # nobody listens there
    results = _send(db)
    assert [r.sent for r in results] == [False, False, False]
    assert all(r.error for r in results)
    tech = next(r for r in results if r.to_label == "总公司/技术部")
    assert f"无法连接邮件服务器 {HOST}:" in tech.error
    assert _mail_entries(db)[0].summary == "提醒通知邮件：发出 0 封，失败 3 封"


def test_signing_in_with_the_stored_password_which_goes_nowhere_else(db: Database, tmp_path: Path) -> None:
    build_office(db)
    mail.store_password(db, SECRET)
    stored = mail.password_file(db)
    assert stored.read_text(encoding="utf-8") == SECRET
    if os.name == "posix":
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    with smtp_server(user="hr@office.example", password=SECRET) as inbox:
        _configure(db, inbox.port, user="hr@office.example")
        results = _send(db, mail.stored_password(db))
    assert inbox.logins == ["hr@office.example"]
    assert sum(r.sent for r in results) == 2
    # Nowhere in the database (its file and journal), the audit trail or its export.
    if not ON_POSTGRESQL:
        database = Path(str(db.url.database))
        for path in (database, Path(f"{database}-wal")):
            if path.exists():
                assert SECRET.encode() not in path.read_bytes()
    with db.read_session() as session:
        assert all(SECRET not in f"{e.summary}{e.changes}{e.reason}" for e in session.query(AuditEntry))
    exported = tmp_path / "audit.xlsx"
    export_audit(db, exported, audit.AuditQuery())
    with zipfile.ZipFile(exported) as book:
        assert all(SECRET.encode() not in book.read(name) for name in book.namelist())
    mail.store_password(db, None)
    assert not stored.exists()


def test_a_wrong_password_is_named_for_each_letter(db: Database) -> None:
    build_office(db)
    with smtp_server(user="hr@office.example", password=SECRET) as inbox:
        _configure(db, inbox.port, user="hr@office.example")
        results = _send(db, "wrong")
    assert inbox.received == []
    assert all("535" in r.error for r in results if r.addresses)


def test_the_test_mail(db: Database) -> None:
    with smtp_server() as inbox:
        settings = mail.MailSettings(host=HOST, port=inbox.port, sender="hr@office.example")
        assert mail.send_test(settings, None) == "hr@office.example"
    ((to, message),) = inbox.received
    assert to == ["hr@office.example"] and message["Subject"] == "desktop_hr 测试邮件"
    with pytest.raises(mail.CannotConnect, match="无法连接邮件服务器"):
        mail.send_test(mail.MailSettings(host=HOST, port=free_port(), sender="hr@office.example"), None)


def test_settings_are_checked_and_kept_for_administrators(db: Database) -> None:
    with pytest.raises(InvalidField, match="bad host"):
        mail.save(db.uow(), mail.MailSettings(host="bad host", sender="hr@office.example"))
    with pytest.raises(InvalidField, match="70000"):
        mail.save(
            db.uow(), mail.MailSettings(host="smtp.office.example", port=70000, sender="hr@office.example")
        )
    with pytest.raises(InvalidField, match="hr-at-office"):
        mail.save(db.uow(), mail.MailSettings(host="smtp.office.example", sender="hr-at-office"))
    saved = mail.MailSettings(" smtp.office.example ", 465, mail.Security.SSL, "hr", "hr@office.example")
    mail.save(db.uow(), saved)
    with db.read_session() as session:
        assert mail.get(session) == mail.MailSettings(
            "smtp.office.example", 465, mail.Security.SSL, "hr", "hr@office.example"
        )
    db.principal = Principal("clerk", Role.CLERK)
    with pytest.raises(PermissionDenied):
        mail.save(db.uow(), saved)


def test_nothing_is_sent_without_settings(db: Database) -> None:
    build_office(db)
    with pytest.raises(mail.MailNotConfigured):
        _send(db)
    assert _mail_entries(db) == []
