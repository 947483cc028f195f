"""`print`: the records an inspector asks for, drawn by the same catalogue the Printing tab uses (`verify`
lives in cli/verify.py)."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.cli.session import open_db
from desktop_hr.cli.texts import EXIT_OK
from desktop_hr.db import Database
from desktop_hr.printing import catalogue
from desktop_hr.services.archive.organisation import department_by_path
from desktop_hr.services.records import certificates, print_log, printables
from desktop_hr.services.records.printables import Document, Printable

# `print KIND`: the documents named by a session code, a 工号 or a department path.
_SESSION_DOCUMENTS = {
    "session-report": Document.SESSION_REPORT,
    "certificates": Document.SESSION_CERTIFICATES,
}


def _printable(session: Session, args: argparse.Namespace) -> Printable:
    """What `print KIND ...` names, found by its key (NotFound names the key as typed)."""
    kind = args.print_kind
    if kind == "sign-in-sheet":
        document = Document.SIGN_IN_BLANK if args.blank else Document.SIGN_IN_FILLED
        return printables.session_printable(session, document, args.session)
    if kind in _SESSION_DOCUMENTS:
        return printables.session_printable(session, _SESSION_DOCUMENTS[kind], args.session)
    if kind == "archive" and args.department:
        return printables.department_printable(session, Document.DEPARTMENT_ARCHIVE, args.department)
    if kind == "archive":
        return printables.person_printable(session, Document.ARCHIVE_CARD, args.employee)
    if kind == "eligibility":
        return printables.eligibility_printable(
            session, args.requirement, args.year, department_path=args.department
        )
    if kind == "requirement-report":
        return printables.person_printable(
            session, Document.REQUIREMENT_REPORT, args.employee, year=args.year
        )
    if kind == "needs-analysis":
        department = department_by_path(session, args.department) if args.department else None
        return printables.needs_analysis_printable(session, department_id=department)
    if kind == "trainer-report":
        return printables.trainer_report_printable(args.year)
    if kind == "training-effect":
        return printables.training_effect_by_keys(
            session, year=args.year, course_code=args.course, department_path=args.department
        )
    if kind == "points-statement":
        span = None if args.year is not None else (args.date_from, args.date_to or date.today())
        return printables.person_printable(
            session, Document.POINTS_STATEMENT, args.employee, year=args.year, span=span
        )
    return printables.department_printable(
        session, Document.DEPARTMENT_REPORT, args.department, year=args.year
    )


def _issued(db: Database, args: argparse.Namespace, now: datetime) -> Printable:
    """`trainer-certificate` / `credit-certificate`: the person's certificate for the year, issued first
    when it is not yet (signed by the account the command runs as)."""
    with db.read_session() as session:
        employee_id = printables.employee_id_by_no(session, args.employee)
    issue = (
        certificates.issue_trainer if args.print_kind == "trainer-certificate" else certificates.issue_credits
    )
    certificate_id = issue(db.uow(), employee_id, args.year, at=now)
    with db.read_session() as session:
        return printables.certificate_printable(session, certificate_id)


def cmd_print(args: argparse.Namespace) -> int:
    """`print KIND ... -o OUT.pdf`: the document drawn by the catalogue (a session's completion
    certificates issued first where missing), then recorded in the print log as the window records it."""
    now = datetime.now()
    db = open_db(args)
    try:
        if args.print_kind in ("trainer-certificate", "credit-certificate"):
            item = _issued(db, args, now)
        else:
            with db.read_session() as session:
                item = _printable(session, args)
        out: Path = args.out or Path(f"{messages.text('cli.certificates_file')}_{args.session}.pdf")
        rendered = catalogue.render_document(db, item, out, now=now)
        pages = rendered.pages
        # A requirement document's verdicts go into the print log with it: what the paper said stays known.
        print_log.record(
            db.uow(), [catalogue.output_of(item, rendered, str(out.resolve()))], at=datetime.now()
        )
        if item.document is Document.SESSION_CERTIFICATES:
            with db.read_session() as session:
                count = len(certificates.session_certificate_ids(session, item.subject_id))
    finally:
        db.dispose()
    if item.document is Document.SESSION_CERTIFICATES:
        print(messages.text("cli.certificates_printed", count=count, pages=pages, path=out))
    elif item.document is Document.CERTIFICATE:
        print(messages.text("cli.certificates_printed", count=1, pages=pages, path=out))
    else:
        print(messages.text("cli.document_printed", path=out, pages=pages))
    return EXIT_OK
