"""`import`, `export` and `template`: the Excel exchange kinds the window's 文件 menu offers, and the fixed
points and requirements exports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.cli.session import open_db, print_errors
from desktop_hr.cli.texts import EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE
from desktop_hr.excel.points import export_points_ledger, export_points_summary
from desktop_hr.excel.requirements import export_requirements
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.training_effect import export_training_effect
from desktop_hr.services.exchange import kinds
from desktop_hr.services.imports import ImportRejected
from desktop_hr.services.trust import audit


def cmd_import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(messages.text("cli.file_missing", path=args.file), file=sys.stderr)
        return EXIT_INPUT_ERRORS
    kind = kinds()[args.kind]
    parsed = kind.parse(args.file, None, None)
    for warning in parsed.warnings:
        print(messages.text("cli.warning", text=warning), file=sys.stderr)
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
    if report.errors:
        print(messages.text("cli.import_skipped", count=len(report.skipped_rows)), file=sys.stderr)
        print_errors(report.errors)
        return EXIT_INPUT_ERRORS
    return EXIT_OK


def _export_requirements(year: int) -> Callable[[Session, Path, Progress | None], int]:
    def export(session: Session, out: Path, progress: Progress | None) -> int:
        return export_requirements(session, out, year, progress=progress)

    return export


def _export_training_effect(year: int) -> Callable[[Session, Path, Progress | None], int]:
    def export(session: Session, out: Path, progress: Progress | None) -> int:
        return export_training_effect(session, out, year, progress)

    return export


# The exports a --year narrows.
YEAR_KINDS = ("requirements", "training-effect")


def cmd_export(args: argparse.Namespace) -> int:
    if args.year is not None and args.kind not in YEAR_KINDS:
        print(messages.text("cli.year_only_requirements", kinds=" / ".join(YEAR_KINDS)), file=sys.stderr)
        return EXIT_USAGE
    # Reports in a fixed layout (EXCHANGE_FORMATS.md) that are never imported back.
    export_only = {
        "points-summary": export_points_summary,
        "points-ledger": export_points_ledger,
        # Every person against every enabled requirement that applies, as of the year (default: this one).
        "requirements": _export_requirements(args.year or date.today().year),
        # Every course held in the year (default: this one): the four levels, a row per competency.
        "training-effect": _export_training_effect(args.year or date.today().year),
    }
    db = open_db(args)
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
    kinds()[args.kind].write_template(args.out)
    print(messages.text("cli.template", path=args.out))
    return EXIT_OK
