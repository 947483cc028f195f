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
from desktop_hr.cli.argparse_text import Parser, parse
from desktop_hr.cli.help_texts import help_text, meta
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
    "verify": lambda: importlib.import_module("desktop_hr.cli.verify"),
    "notices": lambda: importlib.import_module("desktop_hr.cli.notices"),
    "trust": lambda: importlib.import_module("desktop_hr.cli.trust"),
    "keys": lambda: importlib.import_module("desktop_hr.cli.keys"),
}
# Every command: its group and its function there.
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("exchange", "cmd_import"),
    "export": ("exchange", "cmd_export"),
    "template": ("exchange", "cmd_template"),
    "demo": ("points", "cmd_demo"),
    "points": ("points", "cmd_points"),
    "verify": ("verify", "cmd_verify"),
    "print": ("records", "cmd_print"),
    "notices": ("notices", "cmd_notices"),
    "backup": ("trust", "cmd_backup"),
    "restore": ("trust", "cmd_restore"),
    "init": ("trust", "cmd_init"),
    "account": ("trust", "cmd_account"),
    "audit": ("trust", "cmd_audit"),
    "keys": ("keys", "cmd_keys"),
}


def year(text: str) -> int:
    """A --year as typed: a whole number in the years the program handles, else a usage error (exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.text("cli.bad_year", value=text)) from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise argparse.ArgumentTypeError(
            messages.text("cli.year_range", year=value, low=YEAR_MIN, high=YEAR_MAX)
        )
    return value


def whole_number(text: str) -> int:
    """A count as typed, else a usage error in the user's language."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.text("cli.bad_number", value=text)) from None


def iso_date(text: str) -> date:
    """A YYYY-MM-DD date as typed, else a usage error in the user's language."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.text("cli.bad_date", value=text)) from None


def language_of(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line (the parser is built in that language), else None."""
    for number, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and number + 1 < len(argv):
            return argv[number + 1]
    return None


def build_parser() -> argparse.ArgumentParser:
    """The argument tree, its help in the user's language (messages.language())."""
    parser = Parser(prog="desktop-hr", description=messages.text("cli.description"))
    parser.add_argument(
        "--version", action="version", version=f"desktop_hr {__version__}", help=help_text("version")
    )
    parser.add_argument("--db", metavar=meta("path"), help=help_text("db"))
    parser.add_argument("--lang", choices=messages.LANGUAGES, help=help_text("lang"))
    parser.add_argument(
        "--user",
        metavar=meta("name"),
        default=os.environ.get(USER_ENV) or None,
        help=help_text("user", user_env=USER_ENV, password_env=PASSWORD_ENV),
    )
    commands = parser.add_subparsers(dest="command", metavar=meta("command"))

    init = commands.add_parser("init", help=help_text("init"), description=help_text("init"))
    init.add_argument("--admin", required=True, metavar=meta("name"), help=help_text("admin"))
    init.add_argument("--display-name", default="", metavar=meta("text"), help=help_text("display_name"))

    _add_account_commands(commands)
    _add_exchange_commands(commands)

    demo = commands.add_parser("demo", help=help_text("demo"), description=help_text("demo"))
    demo.add_argument(
        "--employees",
        type=whole_number,
        default=300,
        metavar=meta("number"),
        help=help_text("demo_employees"),
    )
    demo.add_argument(
        "--seed", type=whole_number, default=2026, metavar=meta("number"), help=help_text("demo_seed")
    )

    points = commands.add_parser("points", help=help_text("points"), description=help_text("points"))
    points.add_argument("action", choices=("recompute",), help=help_text("points_action"))

    verify = commands.add_parser("verify", help=help_text("verify"), description=help_text("verify"))
    verify.add_argument("serial", metavar=meta("serial"), help=help_text("serial"))
    verify.add_argument("code", nargs="?", metavar=meta("code"), help=help_text("code"))
    verify.add_argument("--key", type=Path, metavar=meta("public_key"), help=help_text("verify_key"))
    verify.add_argument(
        "--revocations", type=Path, metavar=meta("revocations"), help=help_text("verify_revocations")
    )

    printing = commands.add_parser("print", help=help_text("print"), description=help_text("print"))
    print_kinds = printing.add_subparsers(dest="print_kind", metavar=meta("kind"), required=True)
    _add_certificate_kinds(print_kinds)
    _add_document_kinds(print_kinds)

    notices = commands.add_parser("notices", help=help_text("notices"), description=help_text("notices"))
    notices_how = notices.add_mutually_exclusive_group(required=True)
    notices_how.add_argument("-o", "--out", type=Path, metavar=meta("out_pdf"), help=help_text("notices_out"))
    notices_how.add_argument(
        "--export", type=Path, metavar=meta("out_xlsx"), help=help_text("notices_export")
    )
    notices_how.add_argument("--send", action="store_true", help=help_text("notices_send"))
    notices.add_argument("--department", metavar=meta("department"), help=help_text("notices_department"))

    backup = commands.add_parser("backup", help=help_text("backup"), description=help_text("backup"))
    backup.add_argument("folder", nargs="?", type=Path, metavar=meta("dir"), help=help_text("backup_folder"))
    restore = commands.add_parser("restore", help=help_text("restore"), description=help_text("restore"))
    restore.add_argument("file", type=Path, metavar=meta("file"), help=help_text("restore_file"))
    restore.add_argument("--force", action="store_true", help=help_text("restore_force"))

    gui = commands.add_parser("gui", help=help_text("gui"), description=help_text("gui"))
    # For the frozen bundle's smoke test (installers/smoke_test.py), so not in the help: sign in as --user,
    # open the main window, close it after SECONDS and say what it showed (views/window_check.py).
    gui.add_argument("--check-window", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    gui.add_argument("--screenshot", type=Path, metavar="PNG", help=argparse.SUPPRESS)
    return parser


def _add_account_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    account = commands.add_parser("account", help=help_text("account"), description=help_text("account"))
    account_actions = account.add_subparsers(dest="account_action", metavar=meta("action"), required=True)
    account_actions.add_parser("list", help=help_text("account_list"), description=help_text("account_list"))
    add = account_actions.add_parser(
        "add", help=help_text("account_add"), description=help_text("account_add")
    )
    add.add_argument("name", metavar=meta("name"), help=help_text("account_name"))
    roles = [role.value for role in Role]
    add.add_argument(
        "--role",
        required=True,
        choices=roles,
        metavar=meta("role"),
        help=help_text("role", roles=", ".join(roles)),
    )
    add.add_argument("--department", metavar=meta("department"), help=help_text("account_department"))
    add.add_argument("--display-name", default="", metavar=meta("text"), help=help_text("display_name"))
    add.add_argument("--password-env", default=NEW_PASSWORD_ENV, metavar=meta("var"), help=argparse.SUPPRESS)
    reset = account_actions.add_parser(
        "reset", help=help_text("account_reset"), description=help_text("account_reset")
    )
    reset.add_argument("name", metavar=meta("name"), help=help_text("account_name"))
    unlock = account_actions.add_parser(
        "unlock", help=help_text("account_unlock"), description=help_text("account_unlock")
    )
    unlock.add_argument("name", metavar=meta("name"), help=help_text("account_name"))

    audit_cmd = commands.add_parser("audit", help=help_text("audit"), description=help_text("audit"))
    audit_actions = audit_cmd.add_subparsers(dest="audit_action", metavar=meta("action"), required=True)
    audit_verify = audit_actions.add_parser(
        "verify", help=help_text("audit_verify"), description=help_text("audit_verify")
    )
    audit_verify.add_argument("--key", type=Path, metavar=meta("pem"), help=help_text("audit_verify_key"))
    audit_export = audit_actions.add_parser(
        "export", help=help_text("audit_export"), description=help_text("audit_export")
    )
    audit_export.add_argument("out", type=Path, metavar=meta("out"), help=help_text("audit_out"))
    _add_key_commands(commands)


def _add_key_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    keys = commands.add_parser("keys", help=help_text("keys"), description=help_text("keys"))
    actions = keys.add_subparsers(dest="keys_action", metavar=meta("action"), required=True)

    def action(name: str, key: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, help=help_text(key), description=help_text(key))

    action("show", "keys_show")
    export_public = action("export-public", "keys_export_public")
    export_public.add_argument("out", type=Path, metavar=meta("pem"), help=help_text("keys_out_pem"))
    backup = action("backup", "keys_backup")
    backup.add_argument("out", type=Path, metavar=meta("out"), help=help_text("keys_backup_out"))
    restore = action("restore-backup", "keys_restore")
    restore.add_argument("file", type=Path, metavar=meta("file"), help=help_text("keys_backup_file"))
    for parser in (backup, restore):
        parser.add_argument(
            "--passphrase-file", type=Path, metavar=meta("file"), help=help_text("keys_passphrase_file")
        )
    action("rotate", "keys_rotate")
    folder = action("folder", "keys_folder")
    folder.add_argument("path", type=Path, metavar=meta("dir"), help=help_text("keys_folder"))


def _add_exchange_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    imp = commands.add_parser("import", help=help_text("import"), description=help_text("import"))
    imp.add_argument(
        "kind",
        choices=EXCHANGE_KINDS,
        metavar=meta("kind"),
        help=help_text("kind", kinds=", ".join(EXCHANGE_KINDS)),
    )
    imp.add_argument("file", type=Path, metavar=meta("file"), help=help_text("import_file"))
    imp.add_argument("--valid-only", action="store_true", help=help_text("valid_only"))
    imp.add_argument("--create-departments", action="store_true", help=help_text("create_departments"))

    exp = commands.add_parser("export", help=help_text("export"), description=help_text("export"))
    exported = EXCHANGE_KINDS + EXPORT_ONLY_KINDS
    exp.add_argument(
        "kind", choices=exported, metavar=meta("kind"), help=help_text("kind", kinds=", ".join(exported))
    )
    exp.add_argument("out", type=Path, metavar=meta("out"), help=help_text("export_out"))
    exp.add_argument("--year", type=year, metavar=meta("year"), help=help_text("export_year"))
    exp.add_argument("--employee", metavar=meta("employee"), help=help_text("calendar_employee"))
    exp.add_argument("--department", metavar=meta("department"), help=help_text("calendar_department"))
    exp.add_argument(
        "--from", dest="date_from", type=iso_date, metavar=meta("date"), help=help_text("calendar_from")
    )
    exp.add_argument(
        "--to", dest="date_to", type=iso_date, metavar=meta("date"), help=help_text("calendar_to")
    )

    tpl = commands.add_parser("template", help=help_text("template"), description=help_text("template"))
    tpl.add_argument(
        "kind",
        choices=EXCHANGE_KINDS,
        metavar=meta("kind"),
        help=help_text("kind", kinds=", ".join(EXCHANGE_KINDS)),
    )
    tpl.add_argument("out", type=Path, metavar=meta("out"), help=help_text("template_out"))


def _add_certificate_kinds(kinds: argparse._SubParsersAction[Parser]) -> None:
    session = kinds.add_parser(
        "certificates", help=help_text("print_certificates"), description=help_text("print_certificates")
    )
    session.add_argument("--session", required=True, metavar=meta("session"), help=help_text("session"))
    session.add_argument("-o", "--out", type=Path, metavar=meta("out_pdf"), help=help_text("print_out"))
    for kind, key in (
        ("trainer-certificate", "trainer_certificate"),
        ("credit-certificate", "credit_certificate"),
    ):
        one = kinds.add_parser(kind, help=help_text(key), description=help_text(key))
        one.add_argument("--employee", required=True, metavar=meta("employee"), help=help_text("employee"))
        one.add_argument("--year", required=True, type=year, metavar=meta("year"), help=help_text("year"))
        one.add_argument(
            "-o", "--out", type=Path, required=True, metavar=meta("out_pdf"), help=help_text("print_out")
        )


def _add_document_kinds(kinds: argparse._SubParsersAction[Parser]) -> None:
    """Sign-in sheet, archive card(s), session report, points statement, department report."""

    def kind(name: str, key: str) -> argparse.ArgumentParser:
        return kinds.add_parser(name, help=help_text(key), description=help_text(key))

    def employee(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
        parser.add_argument(
            "--employee", required=required, metavar=meta("employee"), help=help_text("employee")
        )

    def session(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--session", required=True, metavar=meta("session"), help=help_text("session"))

    def in_year(parser: argparse.ArgumentParser, *, required: bool = True, key: str = "year") -> None:
        parser.add_argument("--year", required=required, type=year, metavar=meta("year"), help=help_text(key))

    sheet = kind("sign-in-sheet", "sign_in_sheet")
    session(sheet)
    sheet.add_argument("--blank", action="store_true", help=help_text("blank"))
    card = kind("archive", "archive")
    whose = card.add_mutually_exclusive_group(required=True)
    whose.add_argument("--employee", metavar=meta("employee"), help=help_text("employee"))
    whose.add_argument("--department", metavar=meta("department"), help=help_text("archive_department"))
    report = kind("session-report", "session_report")
    session(report)
    statement = kind("points-statement", "points_statement")
    employee(statement)
    period = statement.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", type=year, metavar=meta("year"), help=help_text("year"))
    period.add_argument(
        "--from", dest="date_from", type=iso_date, metavar=meta("date"), help=help_text("statement_from")
    )
    statement.add_argument(
        "--to", dest="date_to", type=iso_date, metavar=meta("date"), help=help_text("statement_to")
    )
    department = kind("department-report", "department_report")
    department.add_argument(
        "--department", required=True, metavar=meta("department"), help=help_text("department")
    )
    in_year(department)
    eligibility = kind("eligibility", "eligibility")
    eligibility.add_argument(
        "--requirement", required=True, metavar=meta("requirement"), help=help_text("requirement")
    )
    in_year(eligibility)
    eligibility.add_argument("--department", metavar=meta("department"), help=help_text("under_department"))
    personal = kind("requirement-report", "requirement_report")
    employee(personal)
    in_year(personal)
    needs = kind("needs-analysis", "needs_analysis")
    needs.add_argument("--department", metavar=meta("department"), help=help_text("under_department"))
    trainers = kind("trainer-report", "trainer_report")
    in_year(trainers)
    effect = kind("training-effect", "training_effect")
    in_year(effect, required=False, key="effect_year")
    effect.add_argument("--course", metavar=meta("course"), help=help_text("effect_course"))
    effect.add_argument("--department", metavar=meta("department"), help=help_text("effect_department"))
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
        parser.add_argument(
            "-o", "--out", type=Path, required=True, metavar=meta("out_pdf"), help=help_text("print_out")
        )


def cmd_gui(args: argparse.Namespace) -> int:
    if getattr(args, "check_window", None) is not None:
        from desktop_hr.cli.session import MissingUser, password
        from desktop_hr.views.window_check import check_window

        if not args.user:
            raise MissingUser()
        return check_window(
            args.db, args.user, password(args.user), seconds=args.check_window, screenshot=args.screenshot
        )
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
    arguments = sys.argv[1:] if argv is None else list(argv)
    chosen = language_of(arguments)
    if chosen in messages.LANGUAGES:
        messages.set_language(chosen)
    args = parse(build_parser(), arguments)  # exits with 2 on a usage error
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
    arguments = sys.argv[1:]
    chosen = language_of(arguments)
    if chosen in messages.LANGUAGES:
        messages.set_language(chosen)
    args = parse(build_parser(), arguments)
    logs.setup_logging()
    sys.exit(cmd_gui(args))
