"""`desktop-hr`: no argument opens the window; subcommands automate imports, exports, templates and demo data."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_hr import __version__, logs, messages, paths
from desktop_hr.errors import DomainError, known_error
from desktop_hr.models import Role
from desktop_hr.services.exchange import kind_names

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop_hr.db import Database
    from desktop_hr.services.trust.permissions import Principal

EXIT_OK = 0
EXIT_INPUT_ERRORS = 1
EXIT_USAGE = 2
EXPORT_ONLY_KINDS = ("points-summary", "points-ledger")  # cmd_export writes them; nothing imports them
USER_ENV = "DESKTOP_HR_USER"
PASSWORD_ENV = "DESKTOP_HR_PASSWORD"
NEW_PASSWORD_ENV = "DESKTOP_HR_NEW_PASSWORD"  # `account add` / `account reset`: the new account's password


messages.define(
    {
        "cli.description": (
            "desktop_hr：离线的培训与人事档案管理程序。不带子命令时打开窗口。",
            "desktop_hr: offline HR training and personnel archive. With no command it opens the window.",
        ),
        "cli.database": ("数据库：{path}", "Database: {path}"),
        "cli.upgraded": (
            "数据库已从版本 {old} 升级，升级前的副本：{backup}",
            "Database upgraded from revision {old}; the copy taken before: {backup}",
        ),
        "cli.import_done": (
            "导入完成：新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条。",
            "Import finished: {created} created, {updated} updated, {unchanged} unchanged.",
        ),
        "cli.import_skipped": (
            "有 {count} 行有错误，未导入（仅导入了有效行）：",
            "{count} row(s) had errors and were not imported (valid rows only):",
        ),
        "cli.import_rejected": (
            "文件中有 {count} 处错误，未写入任何数据。改正后重新导入，或使用 --valid-only 只导入有效行：",
            "The file has {count} error(s); nothing was written. Correct them and import again, or use --valid-only:",
        ),
        "cli.warning": ("提示：{text}", "Note: {text}"),
        "cli.exported": ("已导出 {count} 行到 {path}", "Exported {count} row(s) to {path}"),
        "cli.template": ("模板已保存到 {path}", "Template saved to {path}"),
        "cli.demo_done": (
            "演示数据已写入：{employees} 名员工，{departments} 个部门，{reviews} 份绩效考核，{goals} 个职业目标；"
            "{courses} 门课程，{sessions} 个培训班次，{sign_ins} 人次签到，{submissions} 份提交，{feedback} 份学员评价，"
            "{records} 条历史培训记录；{awards} 条自动积分，{redemptions} 个兑换申请，{milestones} 个学分里程碑达成。",
            "Demo data written: {employees} employees, {departments} departments, {reviews} reviews, {goals} goals; "
            "{courses} courses, {sessions} sessions, {sign_ins} sign-ins, {submissions} submissions, "
            "{feedback} feedback forms, {records} historical training records; {awards} automatic point awards, "
            "{redemptions} redemptions, {milestones} credit milestones reached.",
        ),
        "cli.certificate_facts": (
            "持证人：{name}（工号 {no}），发证日期 {issued}",
            "Holder: {name} (no. {no}), issued {issued}",
        ),
        "cli.certificates_file": ("结业证书", "certificates"),
        "cli.certificates_printed": (
            "已将 {count} 张证书（{pages} 页）保存到 {path}",
            "Saved {count} certificate(s) ({pages} pages) to {path}",
        ),
        "cli.document_printed": ("已保存 {path}（{pages} 页）", "Saved {path} ({pages} pages)"),
        "cli.file_missing": ("找不到文件：{path}", "File not found: {path}"),
        "cli.cannot_write": ("无法写入 {path}：{detail}", "Cannot write {path}: {detail}"),
        "cli.backup_done": ("备份已保存：{path}（{size} 字节）", "Backup saved: {path} ({size} bytes)"),
        "cli.points_summary": ("积分汇总", "Points summary"),
        "cli.points_ledger": ("积分明细", "Points ledger"),
        "cli.restored": (
            "已从 {backup} 恢复 {path}；原来的文件保留为 {aside}",
            "Restored {path} from {backup}; the previous file was kept as {aside}",
        ),
        "cli.demo_accounts": (
            "演示账号：{names}（管理员、人事专员、部门负责人、审计员），密码均为 {password}",
            "Demo accounts: {names} (administrator, clerk, department head, auditor), password {password} for all",
        ),
        "cli.need_user": (
            "请用 --user 用户名（或环境变量 DESKTOP_HR_USER）指定以哪个账号执行。",
            "Say which account acts with --user NAME (or DESKTOP_HR_USER).",
        ),
        "cli.password_prompt": ("{name} 的密码：", "Password for {name}: "),
        "cli.new_password_prompt": ("“{name}”的新密码：", 'New password for "{name}": '),
        "cli.password_needed": (
            "需要密码：设置环境变量 {env}，或在终端中运行以便输入。",
            "A password is needed: set {env}, or run in a terminal to type it.",
        ),
        "cli.signed_in": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
        "cli.initialised": (
            "已创建管理员账号“{name}”。以后的命令请用 --user {name}。",
            'Administrator "{name}" created. Run later commands with --user {name}.',
        ),
        "cli.account_added": ("已添加账号“{name}”（{role}）", 'Account "{name}" added ({role})'),
        "cli.password_reset": (
            "已重设“{name}”的密码，下次登录时须修改。",
            'The password of "{name}" was reset; it must be changed at the next sign-in.',
        ),
        "cli.unlocked": ("已解锁账号“{name}”", 'Account "{name}" unlocked'),
        "cli.unexpected": (
            "发生意外错误：{detail}\n详细信息已写入日志：{log}",
            "Unexpected error: {detail}\nDetails were written to the log: {log}",
        ),
    }
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desktop-hr", description=messages.text("cli.description"))
    parser.add_argument("--version", action="version", version=f"desktop_hr {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file or SQLAlchemy URL (default: DESKTOP_HR_DB or the data folder)",
    )
    parser.add_argument("--lang", choices=messages.LANGUAGES, help="language of messages (default zh_CN)")
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=os.environ.get(USER_ENV) or None,
        help=f"account to act as (default: {USER_ENV}); the password comes from {PASSWORD_ENV} or a prompt",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create a new database's first account, an HR administrator")
    init.add_argument("--admin", required=True, metavar="NAME")
    init.add_argument("--display-name", default="", metavar="TEXT")

    account = commands.add_parser("account", help="accounts (administrators): list, add, reset, unlock")
    account_actions = account.add_subparsers(dest="account_action", metavar="ACTION", required=True)
    account_actions.add_parser("list", help="every account with its role and state")
    add = account_actions.add_parser(
        "add", help="add an account; its password comes like yours, for it to change"
    )
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument(
        "--department", metavar="PATH", help="a department head's department, e.g. 总公司/财务部"
    )
    add.add_argument("--display-name", default="", metavar="TEXT")
    add.add_argument("--password-env", default=NEW_PASSWORD_ENV, metavar="VAR", help=argparse.SUPPRESS)
    reset = account_actions.add_parser("reset", help="set a new password (to be changed at the next sign-in)")
    reset.add_argument("name")
    unlock = account_actions.add_parser("unlock", help="lift a lock-out after wrong passwords")
    unlock.add_argument("name")

    audit_cmd = commands.add_parser("audit", help="the audit trail: verify the hash chain, or export it")
    audit_actions = audit_cmd.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    audit_actions.add_parser(
        "verify", help='"intact", or the first entry changed outside the program (exit 1)'
    )
    audit_export = audit_actions.add_parser("export", help="every entry to .xlsx")
    audit_export.add_argument("out", type=Path)

    imp = commands.add_parser("import", help="import an Excel file")
    imp.add_argument("kind", choices=kind_names())
    imp.add_argument("file", type=Path)
    imp.add_argument("--valid-only", action="store_true", help="import the valid rows and list the others")

    exp = commands.add_parser("export", help="export to .xlsx")
    exp.add_argument("kind", choices=kind_names() + EXPORT_ONLY_KINDS)
    exp.add_argument("out", type=Path)

    tpl = commands.add_parser("template", help="write an empty import template")
    tpl.add_argument("kind", choices=kind_names())
    tpl.add_argument("out", type=Path)

    demo = commands.add_parser("demo", help="fill an empty database with realistic demo data")
    demo.add_argument("--employees", type=int, default=300)
    demo.add_argument("--seed", type=int, default=2026)

    points = commands.add_parser("points", help="points: recompute the automatic awards")
    points.add_argument("action", choices=("recompute",))

    verify = commands.add_parser("verify", help="check a certificate: genuine, revoked or unknown")
    verify.add_argument("serial", help='serial number, or the QR code\'s text "serial|code"')
    verify.add_argument("code", nargs="?", help="verification code printed on the certificate")

    printing = commands.add_parser("print", help="print a document to PDF")
    print_kinds = printing.add_subparsers(dest="print_kind", metavar="KIND", required=True)
    _add_certificate_kinds(print_kinds)
    _add_document_kinds(print_kinds)

    backup = commands.add_parser("backup", help="back up the SQLite database (checked, rotated)")
    backup.add_argument(
        "folder", nargs="?", type=Path, metavar="DIR", help="default: the chosen backup folder"
    )
    restore = commands.add_parser("restore", help="restore a backup; the current file is kept aside first")
    restore.add_argument("file", type=Path, metavar="FILE")

    commands.add_parser("gui", help="open the window (the default)")
    return parser


def _add_certificate_kinds(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    session = kinds.add_parser("certificates", help="completion certificates of a session (issued if needed)")
    session.add_argument("--session", required=True, metavar="CODE")
    session.add_argument("-o", "--out", type=Path, metavar="OUT.pdf")
    session.set_defaults(print_command=cmd_print_certificates)
    for kind, text in (("trainer-certificate", "excellent trainer"), ("credit-certificate", "annual credit")):
        one = kinds.add_parser(kind, help=f"{text} certificate of an employee for a year (issued if needed)")
        one.add_argument("--employee", required=True, metavar="NO")
        one.add_argument("--year", required=True, type=int)
        one.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.pdf")
        one.set_defaults(print_command=cmd_print_certificates)


def _password(name: str, env: str = PASSWORD_ENV, prompt: str = "cli.password_prompt") -> str:
    """From the environment (scripts), else typed at a terminal without echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PasswordNeeded(env=env)
    return getpass.getpass(messages.text(prompt, name=name))


class PasswordNeeded(DomainError):
    code = "cli.password_needed"


def _open_db(args: argparse.Namespace, *, sign_in: bool = True) -> Database:
    """Open (and migrate) the database and sign in as --user: every command acts for an account."""
    from desktop_hr.services.trust import accounts
    from desktop_hr.services.trust.database import open_database

    db = open_database(args.db)
    report = db.open_report
    if report is not None and report.upgraded_from and report.backup_path:
        print(
            messages.text("cli.upgraded", old=report.upgraded_from, backup=report.backup_path),
            file=sys.stderr,
        )
    if sign_in:
        try:
            if not args.user:
                with db.read_session() as session:
                    if not accounts.has_accounts(session):
                        raise accounts.NoAccounts()
                raise MissingUser()
            accounts.sign_in(db, args.user, _password(args.user))
        except BaseException:
            db.dispose()
            raise
    return db


class MissingUser(DomainError):
    code = "cli.need_user"


def cmd_init(args: argparse.Namespace) -> int:
    from desktop_hr.services.trust import accounts

    db = _open_db(args, sign_in=False)
    try:
        accounts.create_first_admin(db, args.admin, _password(args.admin), args.display_name)
    finally:
        db.dispose()
    print(messages.text("cli.initialised", name=args.admin))
    return EXIT_OK


def cmd_account(args: argparse.Namespace) -> int:
    from desktop_hr.errors import NotFound
    from desktop_hr.services.labels import label, table_label
    from desktop_hr.services.trust import accounts
    from desktop_hr.services.trust.permissions import Permission, require

    db = _open_db(args)
    try:
        require(db.principal, Permission.MANAGE_ACCOUNTS)  # before asking for a new password
        if args.account_action == "list":
            with db.read_session() as session:
                for row in accounts.list_accounts(session):
                    state = "locked" if row.locked() else ("active" if row.active else "disabled")
                    print("\t".join([row.name, row.display_name, label(row.role), row.department, state]))
            return EXIT_OK
        if args.account_action == "add":
            role = Role(args.role)
            department_id = None
            if args.department:
                with db.read_session() as session:
                    department_id = _department_id(session, args.department)
            data = accounts.AccountData(args.name, role, args.display_name, department_id)
            password = _password(args.name, args.password_env, "cli.new_password_prompt")
            accounts.create_account(db.uow(), data, password)
            print(messages.text("cli.account_added", name=args.name, role=label(role)))
            return EXIT_OK
        with db.read_session() as session:
            found = {row.name: row.id for row in accounts.list_accounts(session)}
        if args.name not in found:
            raise NotFound(what=table_label("account"), key=args.name)
        if args.account_action == "reset":
            password = _password(args.name, NEW_PASSWORD_ENV, "cli.new_password_prompt")
            accounts.reset_password(db.uow(), found[args.name], password)
            print(messages.text("cli.password_reset", name=args.name))
        else:
            accounts.unlock(db.uow(), found[args.name])
            print(messages.text("cli.unlocked", name=args.name))
    finally:
        db.dispose()
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    """`audit verify` exits 0 when intact and 1 naming the first broken entry; `audit export OUT.xlsx`."""
    from desktop_hr.excel.audit import export_audit
    from desktop_hr.services.trust import audit
    from desktop_hr.services.trust.permissions import Permission, require

    db = _open_db(args)
    try:
        require(db.principal, Permission.READ_AUDIT)
        if args.audit_action == "verify":
            with db.read_session() as session:
                result = audit.verify(session)
            print(result.message())
            return EXIT_OK if result.intact else EXIT_INPUT_ERRORS
        count = export_audit(db, args.out, audit.AuditQuery())
    finally:
        db.dispose()
    print(messages.text("cli.exported", count=count, path=args.out))
    return EXIT_OK


def _print_errors(errors: Sequence[object]) -> None:
    for error in errors:
        describe = getattr(error, "describe", None)
        print(describe() if callable(describe) else str(error), file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_hr.services.exchange import kinds
    from desktop_hr.services.imports import ImportRejected

    if not args.file.is_file():
        print(messages.text("cli.file_missing", path=args.file), file=sys.stderr)
        return EXIT_INPUT_ERRORS
    kind = kinds()[args.kind]
    parsed = kind.parse(args.file, None, None)
    for warning in parsed.warnings:
        print(messages.text("cli.warning", text=warning), file=sys.stderr)
    db = _open_db(args)
    try:
        report = kind.import_parsed(db.uow(), parsed, args.valid_only, None)
    except ImportRejected as rejected:
        print(messages.text("cli.import_rejected", count=len(rejected.errors)), file=sys.stderr)
        _print_errors(rejected.errors)
        return EXIT_INPUT_ERRORS
    finally:
        db.dispose()
    print(
        messages.text(
            "cli.import_done", created=report.created, updated=report.updated, unchanged=report.unchanged
        )
    )
    if report.errors:
        print(messages.text("cli.import_skipped", count=len(report.skipped_rows)), file=sys.stderr)
        _print_errors(report.errors)
        return EXIT_INPUT_ERRORS
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_hr.excel.points import export_points_ledger, export_points_summary
    from desktop_hr.services.exchange import kinds
    from desktop_hr.services.trust import audit

    # Reports in a fixed layout (EXCHANGE_FORMATS.md) that are never imported back.
    export_only = {"points-summary": export_points_summary, "points-ledger": export_points_ledger}
    db = _open_db(args)
    try:
        with db.read_session() as session:
            if args.kind in export_only:
                count = export_only[args.kind](session, args.out, None)
                what = messages.text("cli." + args.kind.replace("-", "_"))
            else:
                count = kinds()[args.kind].export(session, args.out, None)
                what = kinds()[args.kind].label()
        audit.note_export(db, what, args.out.resolve(), count)
    finally:
        db.dispose()
    print(messages.text("cli.exported", count=count, path=args.out))
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from desktop_hr.services.exchange import kinds

    kinds()[args.kind].write_template(args.out)
    print(messages.text("cli.template", path=args.out))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_hr.services.demo.fill import DEMO_PASSWORD, demo_accounts, fill_demo
    from desktop_hr.services.trust import accounts

    db = _open_db(args, sign_in=False)
    try:
        with db.read_session() as session:
            new = not accounts.has_accounts(session)
        if new:  # a new demo database: an account per role to try it as, all with the same password
            accounts.create_first_admin(db, "admin", DEMO_PASSWORD, "管理员（演示）")
        else:
            db.dispose()
            db = _open_db(args)
        report = fill_demo(db.uow(), employees=args.employees, seed=args.seed)
        names = ["admin", *demo_accounts(db.uow())] if new else []
    finally:
        db.dispose()
    print(messages.text("cli.demo_done", **vars(report)))
    if names:
        print(messages.text("cli.demo_accounts", names=", ".join(names), password=DEMO_PASSWORD))
    return EXIT_OK


def cmd_points(args: argparse.Namespace) -> int:
    """`points recompute`: add the missing automatic awards, reverse the unjustified ones, say what changed."""
    from desktop_hr.services.points.awards import recompute

    db = _open_db(args)
    try:
        report = recompute(db.uow(), actor="cli")
    finally:
        db.dispose()
    print(report.summary())
    for code, added, reversed_ in report.by_code:
        print(f"  {code}: +{added} / -{reversed_}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """`verify SERIAL [CODE]`: 真实有效 exits 0; revoked, unknown or a code that does not match exit 1."""
    from desktop_hr.services.records.certificates import VerifyStatus, verify

    db = _open_db(args)
    try:
        with db.read_session() as session:
            result = verify(session, args.serial, args.code)
    finally:
        db.dispose()
    print(result.message())
    view = result.certificate
    if view is not None and result.status != VerifyStatus.ALTERED:
        print(
            messages.text("cli.certificate_facts", name=view.name, no=view.employee_no, issued=view.issued_on)
        )
    return EXIT_OK if result.status == VerifyStatus.GENUINE else EXIT_INPUT_ERRORS


def _employee_id(session: Session, employee_no: str) -> int:
    from desktop_hr.errors import NotFound
    from desktop_hr.services.archive.employees import find_by_no
    from desktop_hr.services.labels import table_label

    found = find_by_no(session, employee_no)
    if found is None:
        raise NotFound(what=table_label("employee"), key=employee_no)
    return found


def _session_id(session: Session, code: str) -> int:
    from desktop_hr.errors import NotFound
    from desktop_hr.services.imports import session_ids_by_code
    from desktop_hr.services.labels import table_label

    found = session_ids_by_code(session, [code]).get(code)
    if found is None:
        raise NotFound(what=table_label("training_session"), key=code)
    return found


def cmd_print_certificates(args: argparse.Namespace) -> int:
    """Issue what is missing, then print: a session's completion certificates, or one person's for a year."""
    from datetime import datetime

    from desktop_hr.printing.catalogue import Document
    from desktop_hr.printing.certificates import render_certificates
    from desktop_hr.services.records import certificates, print_settings

    now = datetime.now()
    db = _open_db(args)
    try:
        with db.read_session() as session:
            if args.print_kind == "certificates":
                subject = _session_id(session, args.session)
            else:
                subject = _employee_id(session, args.employee)
        uow = db.uow()
        if args.print_kind == "certificates":
            certificates.issue_completion(uow, subject, at=now, actor="cli")
            with db.read_session() as session:
                ids = certificates.session_certificate_ids(session, subject)
        elif args.print_kind == "trainer-certificate":
            ids = [certificates.issue_trainer(uow, subject, args.year, at=now, actor="cli")]
        else:
            ids = [certificates.issue_credits(uow, subject, args.year, at=now, actor="cli")]
        with db.read_session() as session:
            views = certificates.certificate_views(session, ids)
            settings = print_settings.get(session)
        out = args.out or Path(f"{messages.text('cli.certificates_file')}_{args.session}.pdf")
        pages = render_certificates(out, views, settings, printed_at=now)
        if args.print_kind == "certificates":
            _log_print(db, Document.SESSION_CERTIFICATES, args.session, pages, out)
        else:
            _log_print(db, Document.CERTIFICATE, f"{args.employee} {args.year}", pages, out)
    finally:
        db.dispose()
    print(messages.text("cli.certificates_printed", count=len(views), pages=pages, path=out))
    return EXIT_OK


def _log_print(db: Database, document: str, subject: str, pages: int, out: Path) -> None:
    """The print log (and with it the audit trail) records what the command saved, as the window does."""
    from datetime import datetime

    from desktop_hr.services.records import print_log

    output = print_log.Output(document, subject, pages, str(out.resolve()))
    print_log.record(db.uow(), [output], at=datetime.now())


def _add_document_kinds(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Sign-in sheet, archive card(s), session report, points statement, department report."""
    sheet = kinds.add_parser("sign-in-sheet", help="sign-in sheet of a session, filled or --blank")
    sheet.add_argument("--session", required=True, metavar="CODE")
    sheet.add_argument("--blank", action="store_true", help="without sign-in times, spare lines to sign")
    card = kinds.add_parser("archive", help="training archive card of an employee or of a whole department")
    whose = card.add_mutually_exclusive_group(required=True)
    whose.add_argument("--employee", metavar="NO")
    whose.add_argument("--department", metavar="PATH", help="e.g. 总公司/华东分部 (sub-departments included)")
    report = kinds.add_parser("session-report", help="summary report of a session")
    report.add_argument("--session", required=True, metavar="CODE")
    statement = kinds.add_parser("points-statement", help="points statement of an employee for a period")
    statement.add_argument("--employee", required=True, metavar="NO")
    period = statement.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", type=int)
    period.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD")
    statement.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD")
    department = kinds.add_parser("department-report", help="annual training report of a department")
    department.add_argument("--department", required=True, metavar="PATH")
    department.add_argument("--year", required=True, type=int)
    for parser in (sheet, card, report, statement, department):
        parser.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.pdf")
        parser.set_defaults(print_command=cmd_print_document)


def _department_id(session: Session, path: str) -> int:
    from desktop_hr.errors import NotFound
    from desktop_hr.services.archive.organisation import department_paths, split_department_path
    from desktop_hr.services.labels import table_label

    wanted = "/".join(split_department_path(path))
    for department_id, names in department_paths(session).items():
        if names == wanted:
            return department_id
    raise NotFound(what=table_label("department"), key=path)


def cmd_print_document(args: argparse.Namespace) -> int:
    """`print sign-in-sheet|archive|session-report|points-statement|department-report ... -o OUT.pdf`."""
    from datetime import datetime

    from desktop_hr.printing import (
        archive_card,
        department_report,
        points_statement,
        session_report,
        sign_in_sheet,
    )
    from desktop_hr.printing.catalogue import Document
    from desktop_hr.services.points.point_reports import Period
    from desktop_hr.services.records import report_data

    kind = args.print_kind
    db = _open_db(args)
    try:
        with db.read_session() as session:
            settings = report_data.page_settings(session, datetime.now())
            if kind == "sign-in-sheet":
                sheet = report_data.sign_in_sheet_data(
                    session, _session_id(session, args.session), blank=args.blank
                )
                pages = sign_in_sheet.render_sign_in_sheet(args.out, sheet, settings)
                document = Document.SIGN_IN_BLANK if args.blank else Document.SIGN_IN_FILLED
                subject = args.session
            elif kind == "archive" and args.department:
                cards = report_data.department_archive_data(session, _department_id(session, args.department))
                pages = archive_card.render_archive_cards(
                    args.out, cards, settings, title=f"{archive_card.TITLE} {args.department}"
                )
                document, subject = Document.DEPARTMENT_ARCHIVE, args.department
            elif kind == "archive":
                card = report_data.archive_card_data(session, _employee_id(session, args.employee))
                pages = archive_card.render_archive_card(args.out, card, settings)
                document, subject = Document.ARCHIVE_CARD, args.employee
            elif kind == "session-report":
                report = report_data.session_report_data(session, _session_id(session, args.session))
                pages = session_report.render_session_report(args.out, report, settings)
                document, subject = Document.SESSION_REPORT, args.session
            elif kind == "points-statement":
                if args.year is not None:
                    period = Period.year(args.year)
                else:
                    period = report_data.period_between(args.date_from, args.date_to or date.today())
                data = report_data.points_statement_data(
                    session, _employee_id(session, args.employee), period
                )
                pages = points_statement.render_points_statement(args.out, data, settings)
                when = (
                    args.year if args.year is not None else f"{args.date_from}–{args.date_to or date.today()}"
                )
                document, subject = Document.POINTS_STATEMENT, f"{args.employee} {when}"
            else:
                annual = report_data.department_report_data(
                    session, _department_id(session, args.department), args.year
                )
                pages = department_report.render_department_report(args.out, annual, settings)
                document, subject = Document.DEPARTMENT_REPORT, f"{args.department} {args.year}"
        _log_print(db, document, subject, pages, args.out)
    finally:
        db.dispose()
    print(messages.text("cli.document_printed", path=args.out, pages=pages))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from datetime import datetime

    from desktop_hr.services.trust.backups import back_up

    db = _open_db(args)
    try:
        made = back_up(db, datetime.now(), args.folder)
    finally:
        db.dispose()
    print(messages.text("cli.backup_done", path=made.path, size=made.size))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Only an administrator restores: signed in against the current file, or against the backup's own
    accounts when the current file is missing, damaged or has no accounts (the case restoring is for)."""
    from datetime import datetime

    from desktop_hr.db import resolve_url
    from desktop_hr.services.trust.backups import BackupsNeedSqlite, restore

    url = resolve_url(args.db)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupsNeedSqlite(database=url.render_as_string(hide_password=True))
    path = Path(url.database)
    principal = _restorer(args, path)
    done = restore(path, args.file, datetime.now(), principal=principal)
    print(messages.text("cli.restored", path=path, backup=args.file, aside=done.kept_aside or "-"))
    return EXIT_OK


def _restorer(args: argparse.Namespace, path: Path) -> Principal:
    from sqlalchemy.exc import SQLAlchemyError

    from desktop_hr.errors import DatabaseUnavailable
    from desktop_hr.services.trust import accounts, backups
    from desktop_hr.services.trust.database import open_database
    from desktop_hr.services.trust.permissions import Permission, require

    if not args.user:
        raise MissingUser()
    password = _password(args.user)
    current: Database | None = None
    if path.is_file() and backups.quick_problem(path) is None:
        try:
            current = open_database(path)
        except (DatabaseUnavailable, SQLAlchemyError):
            current = None  # not a database this program can open: the backup's accounts decide
    if current is not None:
        try:
            with current.read_session() as session:
                if accounts.has_accounts(session):
                    return require(accounts.sign_in(current, args.user, password), Permission.BACKUP)
        finally:
            current.dispose()
    return require(backups.restorer_in_backup(args.file, args.user, password), Permission.BACKUP)


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_hr.views.app import run_gui

    return run_gui(args.db)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui,
    "gui": cmd_gui,
    "import": cmd_import,
    "export": cmd_export,
    "template": cmd_template,
    "demo": cmd_demo,
    "points": cmd_points,
    "verify": cmd_verify,
    "print": lambda args: int(args.print_command(args)),
    "backup": cmd_backup,
    "restore": cmd_restore,
    "init": cmd_init,
    "account": cmd_account,
    "audit": cmd_audit,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with 2 on a usage error
    if args.lang:
        messages.set_language(args.lang)
    logs.setup_logging()
    try:
        return COMMANDS[args.command](args)
    except Exception as error:
        known = known_error(
            error, getattr(error, "filename", None) or str(args.db or paths.default_db_path())
        )
        if known is not None:
            print(known.message(), file=sys.stderr)
            return EXIT_INPUT_ERRORS
        if isinstance(error, OSError):
            target = error.filename or ""
            print(
                messages.text("cli.cannot_write", path=target, detail=error.strerror or error),
                file=sys.stderr,
            )
            return EXIT_INPUT_ERRORS
        logging.getLogger(__name__).exception("unexpected error in %s", args.command)
        print(messages.text("cli.unexpected", detail=error, log=paths.log_path()), file=sys.stderr)
        return EXIT_INPUT_ERRORS


def gui_main() -> None:
    """Windows' windowed entry point (no console): same arguments, always the window."""
    args = build_parser().parse_args()
    logs.setup_logging()
    sys.exit(cmd_gui(args))


if __name__ == "__main__":
    sys.exit(main())
