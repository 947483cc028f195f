"""`desktop-hr`: no argument opens the window; subcommands automate imports, exports, printing, accounts,
backups and demo data, through the same services and printing catalogue the window uses.

This module holds the argument tree only and stays light: `--help` and argument errors load neither Qt,
SQLAlchemy, ReportLab nor openpyxl. Each command lives in the module of its group (exchange, records,
trust, points), imported when the command runs.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import ModuleType

from desktop_hr import __version__, logs, messages, paths
from desktop_hr.cli.texts import (
    EXIT_INPUT_ERRORS,
    EXPORT_ONLY_KINDS,
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    USER_ENV,
    YEAR_MAX,
    YEAR_MIN,
)
from desktop_hr.errors import known_error
from desktop_hr.vocabulary import EXCHANGE_KINDS, Role

Command = Callable[[argparse.Namespace], int]

# The module of each group of commands, imported when one of its commands runs (each name spelled out, so
# tests/unit/test_import_cycles.py sees these imports too).
GROUPS: dict[str, Callable[[], ModuleType]] = {
    "exchange": lambda: importlib.import_module("desktop_hr.cli.exchange"),
    "points": lambda: importlib.import_module("desktop_hr.cli.points"),
    "records": lambda: importlib.import_module("desktop_hr.cli.records"),
    "notices": lambda: importlib.import_module("desktop_hr.cli.notices"),
    "trust": lambda: importlib.import_module("desktop_hr.cli.trust"),
}
# Every command: its group and its function there.
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("exchange", "cmd_import"),
    "export": ("exchange", "cmd_export"),
    "template": ("exchange", "cmd_template"),
    "demo": ("points", "cmd_demo"),
    "points": ("points", "cmd_points"),
    "verify": ("records", "cmd_verify"),
    "print": ("records", "cmd_print"),
    "notices": ("notices", "cmd_notices"),
    "backup": ("trust", "cmd_backup"),
    "restore": ("trust", "cmd_restore"),
    "init": ("trust", "cmd_init"),
    "account": ("trust", "cmd_account"),
    "audit": ("trust", "cmd_audit"),
}


def year(text: str) -> int:
    """A --year as typed: a whole number in the years the program handles, else a usage error (exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid year: {text!r}") from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise argparse.ArgumentTypeError(
            messages.text("cli.year_range", year=value, low=YEAR_MIN, high=YEAR_MAX)
        )
    return value


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

    imp = commands.add_parser(
        "import", help="import a spreadsheet: .xlsx, .xls, .ods or CSV (UTF-8 or GBK), read by content"
    )
    imp.add_argument("kind", choices=EXCHANGE_KINDS)
    imp.add_argument("file", type=Path)
    imp.add_argument("--valid-only", action="store_true", help="import the valid rows and list the others")
    imp.add_argument(
        "--create-departments",
        action="store_true",
        help="employees: create the departments the file names that do not exist yet (else each is an error)",
    )

    exp = commands.add_parser(
        "export", help="export to .xlsx, or to CSV (UTF-8 with BOM) when OUT ends in .csv"
    )
    exp.add_argument("kind", choices=EXCHANGE_KINDS + EXPORT_ONLY_KINDS)
    exp.add_argument("out", type=Path)
    exp.add_argument(
        "--year",
        type=year,
        help="requirements: the year the verdicts are as of; trainers: the profiles' year; training-effect: the"
        " sessions' year (default: this year)",
    )
    exp.add_argument(
        "--employee", metavar="NO", help="calendar: one person's sessions (enrolled or teaching)"
    )
    exp.add_argument("--department", metavar="PATH", help="calendar: the sessions of a department's people")
    exp.add_argument(
        "--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD", help="calendar"
    )
    exp.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD", help="calendar")

    tpl = commands.add_parser("template", help="write an empty import template")
    tpl.add_argument("kind", choices=EXCHANGE_KINDS)
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

    notices = commands.add_parser(
        "notices", help="today's reminder notices per department: PDF, .xlsx or e-mail"
    )
    notices_how = notices.add_mutually_exclusive_group(required=True)
    notices_how.add_argument(
        "-o", "--out", type=Path, metavar="OUT.pdf", help="one PDF, a notice per department"
    )
    notices_how.add_argument("--export", type=Path, metavar="OUT.xlsx", help="one row per thing to do")
    notices_how.add_argument(
        "--send", action="store_true", help="e-mail each department's notice (SMTP settings)"
    )
    notices.add_argument("--department", metavar="PATH", help="only this department and those under it")

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
    for kind, text in (("trainer-certificate", "excellent trainer"), ("credit-certificate", "annual credit")):
        one = kinds.add_parser(kind, help=f"{text} certificate of an employee for a year (issued if needed)")
        one.add_argument("--employee", required=True, metavar="NO")
        one.add_argument("--year", required=True, type=int)
        one.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.pdf")


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
    eligibility = kinds.add_parser(
        "eligibility", help="eligibility list of a requirement for a year, by department, to sign"
    )
    eligibility.add_argument("--requirement", required=True, metavar="NAME", help="e.g. 职称评定")
    eligibility.add_argument("--year", required=True, type=year)
    eligibility.add_argument(
        "--department", metavar="PATH", help="only this department and those under it, e.g. 总公司/技术部"
    )
    personal = kinds.add_parser(
        "requirement-report", help="an employee's requirement report (职称资格报告) for a year"
    )
    personal.add_argument("--employee", required=True, metavar="NO")
    personal.add_argument("--year", required=True, type=year)
    needs = kinds.add_parser("needs-analysis", help="training needs analysis from the reviews, by department")
    needs.add_argument("--department", metavar="PATH", help="only this department and those under it")
    trainers = kinds.add_parser(
        "trainer-report",
        help="the trainer contribution report (内训师贡献报告) of a year, with re-certification",
    )
    trainers.add_argument("--year", required=True, type=year)
    effect = kinds.add_parser(
        "training-effect", help="training effect report: the four levels per course, and by department"
    )
    effect.add_argument("--year", type=year, help="the year the sessions started in (default: this year)")
    effect.add_argument("--course", metavar="CODE", help="only this course (default: every course)")
    effect.add_argument(
        "--department", metavar="PATH", help="only attendees of this department and those under it"
    )
    for parser in (
        sheet,
        card,
        report,
        statement,
        department,
        eligibility,
        personal,
        needs,
        trainers,
        effect,
    ):
        parser.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.pdf")


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_hr.views.app import run_gui

    return run_gui(args.db)


def command(name: str | None) -> Command:
    """The function that runs `name` (None: no subcommand, the window), its group imported now."""
    if name is None or name == "gui":
        return cmd_gui
    group, function = COMMANDS[name]
    found: Command = getattr(GROUPS[group](), function)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with 2 on a usage error
    if args.lang:
        messages.set_language(args.lang)
    logs.setup_logging()
    try:
        return command(args.command)(args)
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
