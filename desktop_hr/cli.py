"""`desktop-hr`: no argument opens the window; subcommands automate imports, exports, templates and demo data."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_hr import __version__, logs, messages, paths
from desktop_hr.services.errors import known_error
from desktop_hr.services.exchange import kind_names

if TYPE_CHECKING:
    from desktop_hr.db import Database

EXIT_OK = 0
EXIT_INPUT_ERRORS = 1
EXIT_USAGE = 2
EXPORT_ONLY_KINDS = ("points-summary", "points-ledger")  # cmd_export writes them; nothing imports them


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
        "cli.file_missing": ("找不到文件：{path}", "File not found: {path}"),
        "cli.cannot_write": ("无法写入 {path}：{detail}", "Cannot write {path}: {detail}"),
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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

    commands.add_parser("gui", help="open the window (the default)")
    return parser


def _open_db(args: argparse.Namespace) -> Database:
    from desktop_hr.db import Database

    db = Database.open(args.db)
    report = db.open_report
    if report is not None and report.upgraded_from and report.backup_path:
        print(
            messages.text("cli.upgraded", old=report.upgraded_from, backup=report.backup_path),
            file=sys.stderr,
        )
    return db


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

    # Reports in a fixed layout (EXCHANGE_FORMATS.md) that are never imported back.
    export_only = {"points-summary": export_points_summary, "points-ledger": export_points_ledger}
    db = _open_db(args)
    try:
        with db.read_session() as session:
            if args.kind in export_only:
                count = export_only[args.kind](session, args.out, None)
            else:
                count = kinds()[args.kind].export(session, args.out, None)
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
    from desktop_hr.services.demo import fill_demo

    db = _open_db(args)
    try:
        report = fill_demo(db.uow(), employees=args.employees, seed=args.seed)
    finally:
        db.dispose()
    print(messages.text("cli.demo_done", **vars(report)))
    return EXIT_OK


def cmd_points(args: argparse.Namespace) -> int:
    """`points recompute`: add the missing automatic awards, reverse the unjustified ones, say what changed."""
    from desktop_hr.services.awards import recompute

    db = _open_db(args)
    try:
        report = recompute(db.uow(actor="cli"), actor="cli")
    finally:
        db.dispose()
    print(report.summary())
    for code, added, reversed_ in report.by_code:
        print(f"  {code}: +{added} / -{reversed_}")
    return EXIT_OK


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
