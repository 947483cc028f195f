"""`notices`: today's reminder notices per department, as one PDF (-o), an .xlsx (--export) or e-mailed to each
department through the office's mail server (--send), by the same catalogue the window uses."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime

from desktop_hr import messages
from desktop_hr.cli.session import open_db
from desktop_hr.cli.texts import EXIT_INPUT_ERRORS, EXIT_OK
from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.printing import catalogue
from desktop_hr.services import mail
from desktop_hr.services.archive.organisation import department_by_path
from desktop_hr.services.records import print_log, printables
from desktop_hr.services.records.printables import Printable
from desktop_hr.services.trust import audit

SMTP_PASSWORD_ENV = "DESKTOP_HR_SMTP_PASSWORD"

messages.define(
    {
        "cli.notices_sent": ("{to} → {addresses}：已发送", "{to} → {addresses}: sent"),
        "cli.notices_failed": (
            "{to} → {addresses}：未发送（{reason}）",
            "{to} → {addresses}: not sent ({reason})",
        ),
        "cli.notices_total": (
            "提醒通知：发出 {sent} 封，失败 {failed} 封。",
            "Reminder notices: {sent} sent, {failed} failed.",
        ),
        "cli.smtp_password_prompt": ("邮件账号 {user} 的密码：", "Password of the mail account {user}: "),
        "cli.smtp_password_needed": (
            "邮件账号 {user} 需要密码：请在窗口的邮件服务器设置中保存，或用环境变量 {env} 提供。",
            "The mail account {user} needs a password: save it in the window's mail settings, or set {env}.",
        ),
        "cli.notices_what": ("提醒通知", "reminder notices"),
    }
)


class SmtpPasswordNeeded(DomainError):
    code = "cli.smtp_password_needed"


def _printable(db: Database, args: argparse.Namespace, now: datetime) -> Printable:
    with db.read_session() as session:
        department = department_by_path(session, args.department) if args.department else None
        return printables.reminder_notices_printable(session, now.date(), department_id=department)


def smtp_password(db: Database) -> str | None:
    """The mail account's password: the environment (scripts), the one kept on this computer, or typed."""
    with db.read_session() as session:
        settings = mail.get(session)
    if not settings.configured:
        raise mail.MailNotConfigured()
    if not settings.user:
        return None
    from_env = os.environ.get(SMTP_PASSWORD_ENV)
    if from_env is not None:
        return from_env
    stored = mail.stored_password(db)
    if stored is not None:
        return stored
    if not sys.stdin.isatty():
        raise SmtpPasswordNeeded(user=settings.user, env=SMTP_PASSWORD_ENV)
    return getpass.getpass(messages.text("cli.smtp_password_prompt", user=settings.user))


def cmd_notices(args: argparse.Namespace) -> int:
    """`notices -o OUT.pdf` / `--export OUT.xlsx` / `--send`, all departments or `--department PATH`'s."""
    now = datetime.now()
    db = open_db(args)
    try:
        item = _printable(db, args, now)
        if args.out is not None:
            rendered = catalogue.render_document(db, item, args.out, now=now)
            print_log.record(db.uow(), [catalogue.output_of(item, rendered, str(args.out.resolve()))], at=now)
            print(messages.text("cli.document_printed", path=args.out, pages=rendered.pages))
            return EXIT_OK
        if args.export is not None:
            count = catalogue.export_excel(db, item, args.export, now=now)
            audit.note_export(db, messages.text("cli.notices_what"), args.export.resolve(), count)
            print(messages.text("cli.exported", count=count, path=args.export))
            return EXIT_OK
        results = catalogue.send_reminder_notices(db, item, now=now, password=smtp_password(db))
    finally:
        db.dispose()
    for result in results:
        addresses = ", ".join(result.addresses) or "—"
        if result.sent:
            print(messages.text("cli.notices_sent", to=result.to_label, addresses=addresses))
        else:
            print(
                messages.text(
                    "cli.notices_failed", to=result.to_label, addresses=addresses, reason=result.error
                ),
                file=sys.stderr,
            )
    sent = sum(1 for r in results if r.sent)
    print(messages.text("cli.notices_total", sent=sent, failed=len(results) - sent))
    return EXIT_OK if sent == len(results) else EXIT_INPUT_ERRORS
