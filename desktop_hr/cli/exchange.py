"""`import`, `export` and `template`: the Excel exchange kinds the window's 文件 menu offers, and the fixed
points and requirements exports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.cli.session import open_db, print_errors
from desktop_hr.cli.texts import EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, YEAR_EXPORTS
from desktop_hr.errors import NotFound
from desktop_hr.excel.needs_analysis import export_needs_analysis
from desktop_hr.excel.points import export_points_ledger, export_points_summary
from desktop_hr.excel.requirements import export_requirements
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.trainers import export_trainers
from desktop_hr.excel.training_effect import export_training_effect
from desktop_hr.services.archive.employees import find_by_no
from desktop_hr.services.archive.organisation import department_by_path
from desktop_hr.services.exchange import kinds
from desktop_hr.services.imports import ImportRejected
from desktop_hr.services.labels import table_label
from desktop_hr.services.records.revocations import export_revocations
from desktop_hr.services.training.calendar import CalendarQuery, write_calendar
from desktop_hr.services.trust import audit


def cmd_import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(messages.text("cli.file_missing", path=args.file), file=sys.stderr)
        return EXIT_INPUT_ERRORS
    kind = kinds()[args.kind]
    parsed = kind.parse(args.file, None, None)
    for warning in parsed.warnings:
        print(messages.text("cli.warning", text=warning), file=sys.stderr)
    if getattr(args, "create_departments", False) and hasattr(parsed, "create_departments"):
        parsed.create_departments = True
    db = open_db(args)
    try:
        report = kind.import_parsed(db.uow(), parsed, args.valid_only, None)
    except ImportRejected as rejected:
        print(messages.text("cli.import_rejected", count=len(rejected.errors)), file=sys.stderr)
        print_errors(rejected.errors)
        return EXIT_INPUT_ERRORS
    finally:
        db.dispose()
    print(
        messages.text(
            "cli.import_done", created=report.created, updated=report.updated, unchanged=report.unchanged
        )
    )
    if report.new_departments:
        print(messages.text("import.new_departments", paths="、".join(report.new_departments)))
    if report.errors:
        print(messages.text("cli.import_skipped", count=len(report.skipped_rows)), file=sys.stderr)
        print_errors(report.errors)
        return EXIT_INPUT_ERRORS
    return EXIT_OK


def _export_requirements(year: int) -> Callable[[Session, Path, Progress | None], int]:
    def export(session: Session, out: Path, progress: Progress | None) -> int:
        return export_requirements(session, out, year, progress=progress)

    return export


def _export_trainers(year: int) -> Callable[[Session, Path, Progress | None], int]:
    def export(session: Session, out: Path, progress: Progress | None) -> int:
        return export_trainers(session, out, year, progress)

    return export


def _export_training_effect(year: int) -> Callable[[Session, Path, Progress | None], int]:
    def export(session: Session, out: Path, progress: Progress | None) -> int:
        return export_training_effect(session, out, year, progress)

    return export


def _calendar_query(session: Session, args: argparse.Namespace) -> CalendarQuery:
    employee = find_by_no(session, args.employee) if args.employee else None
    if args.employee and employee is None:
        raise NotFound(what=table_label("employee"), key=args.employee)
    department = department_by_path(session, args.department) if args.department else None
    return CalendarQuery(args.date_from, args.date_to, employee, department)


def cmd_export(args: argparse.Namespace) -> int:
    if args.year is not None and args.kind not in YEAR_EXPORTS:
        print(messages.text("cli.year_only_requirements", kinds=" / ".join(YEAR_EXPORTS)), file=sys.stderr)
        return EXIT_USAGE
    calendar_only = (args.employee, args.department, args.date_from, args.date_to)
    if args.kind != "calendar" and any(value is not None for value in calendar_only):
        print(messages.text("cli.calendar_only"), file=sys.stderr)
        return EXIT_USAGE
    # Reports in a fixed layout (EXCHANGE_FORMATS.md) that are never imported back.
    export_only = {
        "points-summary": export_points_summary,
        "points-ledger": export_points_ledger,
        # Every person against every enabled requirement that applies, as of the year (default: this one).
        "requirements": _export_requirements(args.year or date.today().year),
        # The departments' competencies that need training (mean below 70 or most below 70).
        "needs-analysis": export_needs_analysis,
        # Every trainer's profile of the year (default: this one), ranked by contribution.
        "trainers": _export_trainers(args.year or date.today().year),
        # Every course held in the year (default: this one): the four levels, a row per competency.
        "training-effect": _export_training_effect(args.year or date.today().year),
    }
    if args.kind == "revocations":
        return _export_revocations(args)
    db = open_db(args)
    try:
        with db.read_session() as session:
            if args.kind == "calendar":
                count = write_calendar(session, _calendar_query(session, args), args.out)
                what = messages.text("cli.calendar")
            elif args.kind in export_only:
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


def _export_revocations(args: argparse.Namespace) -> int:
    """The signed, dated list of revoked certificates an inspector uses with `verify --revocations`."""
    now = datetime.now()
    db = open_db(args)
    try:
        count = export_revocations(db.uow(), args.out, at=now)
        audit.note_export(db, messages.text("cli.revocations"), args.out.resolve(), count)
    finally:
        db.dispose()
    print(messages.text("cli.revocations_exported", count=count, path=args.out, at=f"{now:%Y-%m-%d %H:%M}"))
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    kinds()[args.kind].write_template(args.out)
    print(messages.text("cli.template", path=args.out))
    return EXIT_OK
