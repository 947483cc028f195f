"""Every printable document written as a PDF (or an Excel workbook): one function per document that
gathers its data through the services and draws it. What there is to print, and for whom, is
`services/records/printables.py`; the window and the command line both come here to draw it.

Batches (all certificates of a session, all archive cards of a department) go out as one PDF or one file
per person; either way nothing half-written is left behind when they fail or are cancelled.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import Database, read_only
from desktop_hr.services import mail
from desktop_hr.services.development import trainer_report as trainer_reports
from desktop_hr.services.development.effect import EffectReport, training_effect
from desktop_hr.services.development.needs_analysis import needs_analysis
from desktop_hr.services.points.point_reports import Period
from desktop_hr.services.records import certificates, print_settings, report_data
from desktop_hr.services.records.print_log import Output
from desktop_hr.services.records.printables import Document, Printable, Subject, safe_file_name
from desktop_hr.services.requirements import reports as requirement_reports
from desktop_hr.services.training import notices as reminder_notices
from desktop_hr.services.trust.permissions import Principal, report_departments

T = TypeVar("T")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], None]  # raises when the user pressed Cancel


# ---- one function per document ---------------------------------------------------------------------


def _record(
    db: Database,
    target: Path,
    now: datetime,
    gather: Callable[[Session], T],
    draw: Callable[[Path, T, report_data.PageSettings], int],
) -> int:
    """A record document: its data and page settings read in one session, then drawn (outside it)."""
    with read_only(db) as session:
        data = gather(session)
        settings = report_data.page_settings(session, now)
    return draw(target, data, settings)


def save_archive_card(db: Database, employee_id: int, target: Path, *, now: datetime) -> int:
    from desktop_hr.printing.archive_card import render_archive_card

    return _record(
        db, target, now, lambda s: report_data.archive_card_data(s, employee_id), render_archive_card
    )


def save_points_statement(
    db: Database, employee_id: int, period: Period, target: Path, *, now: datetime
) -> int:
    from desktop_hr.printing.points_statement import render_points_statement

    return _record(
        db,
        target,
        now,
        lambda s: report_data.points_statement_data(s, employee_id, period),
        render_points_statement,
    )


def save_certificate(db: Database, certificate_id: int, target: Path, *, now: datetime) -> int:
    from desktop_hr.printing.certificates import render_certificates

    with read_only(db) as session:
        views = certificates.certificate_views(session, [certificate_id])
        settings = print_settings.get(session)
    return render_certificates(target, views, settings, printed_at=now)


def save_sign_in_sheet(db: Database, session_id: int, target: Path, *, blank: bool, now: datetime) -> int:
    from desktop_hr.printing.sign_in_sheet import render_sign_in_sheet

    return _record(
        db,
        target,
        now,
        lambda s: report_data.sign_in_sheet_data(s, session_id, blank=blank),
        render_sign_in_sheet,
    )


def save_session_report(db: Database, session_id: int, target: Path, *, now: datetime) -> int:
    from desktop_hr.printing.session_report import render_session_report

    return _record(
        db, target, now, lambda s: report_data.session_report_data(s, session_id), render_session_report
    )


def session_certificates(
    db: Database, session_id: int, *, now: datetime
) -> list[certificates.CertificateView]:
    """The session's valid completion certificates by 工号, issuing first those its attendees lack, signed
    by the account `db` acts for (idempotent; refused for a cancelled session, one not over yet, or one
    nobody attended)."""
    certificates.issue_completion(db.uow(), session_id, at=now)
    with read_only(db) as session:
        return certificates.certificate_views(
            session, certificates.session_certificate_ids(session, session_id)
        )


def save_session_certificates(db: Database, session_id: int, target: Path, *, now: datetime) -> int:
    from desktop_hr.printing.certificates import render_certificates

    views = session_certificates(db, session_id, now=now)
    with read_only(db) as session:
        settings = print_settings.get(session)
    return render_certificates(target, views, settings, printed_at=now)


def save_department_report(
    db: Database, department_id: int, year: int, target: Path, *, now: datetime
) -> int:
    from desktop_hr.printing.department_report import render_department_report

    return _record(
        db,
        target,
        now,
        lambda s: report_data.department_report_data(s, department_id, year),
        render_department_report,
    )


def save_department_archive(
    db: Database, department_id: int, target: Path, *, now: datetime, department: str = ""
) -> int:
    """Every archive card of the department (and those under it) in one PDF, its pages headed with the
    `department`'s path."""
    from desktop_hr.printing.archive_card import TITLE as ARCHIVE_TITLE
    from desktop_hr.printing.archive_card import render_archive_cards

    title = f"{ARCHIVE_TITLE} {department}" if department else ARCHIVE_TITLE
    return _record(
        db,
        target,
        now,
        lambda s: report_data.department_archive_data(s, department_id),
        partial(render_archive_cards, title=title),
    )


@dataclass(frozen=True)
class Rendered:
    """A document written: its pages, and what it said for the print log (the verdicts of a requirement
    document; "" for the others, whose content the records keep)."""

    pages: int
    details: str = ""


def save_eligibility_list(
    db: Database,
    requirement_id: int,
    year: int,
    target: Path,
    *,
    now: datetime,
    department_id: int | None = None,
) -> Rendered:
    """达标名单 of one requirement as of `year` (everyone, or the department's subtree), with its verdicts."""
    from desktop_hr.printing.eligibility_list import render_eligibility_list

    with read_only(db) as session:
        report = requirement_reports.eligibility_report(
            session, requirement_id, year, department_id=department_id
        )
        settings = report_data.page_settings(session, now)
    pages = render_eligibility_list(target, report, settings)
    return Rendered(pages, requirement_reports.eligibility_verdicts(report))


def save_requirement_report(
    db: Database, employee_id: int, year: int, target: Path, *, now: datetime
) -> Rendered:
    """职称资格报告 of one person for `year`, with its verdicts."""
    from desktop_hr.printing.requirement_report import render_requirement_report

    with read_only(db) as session:
        report = requirement_reports.requirement_report(session, employee_id, year)
        settings = report_data.page_settings(session, now)
    pages = render_requirement_report(target, report, settings)
    return Rendered(pages, requirement_reports.report_verdicts(report))


def save_needs_analysis(
    db: Database, target: Path, *, now: datetime, department_id: int | None = None
) -> int:
    """培训需求分析报告 of the whole office or of the department's subtree."""
    from desktop_hr.printing.needs_report import render_needs_report

    return _record(
        db, target, now, lambda s: needs_analysis(s, department_id=department_id), render_needs_report
    )


def save_trainer_report(db: Database, year: int, target: Path, *, now: datetime) -> Rendered:
    """内训师贡献报告 of `year`, with each trainer's value and the 优秀内训师 for the print log."""
    from desktop_hr.printing.trainer_report import render_trainer_report

    with read_only(db) as session:
        report = trainer_reports.trainer_report(session, year)
        settings = report_data.page_settings(session, now)
    pages = render_trainer_report(target, report, settings)
    return Rendered(pages, trainer_reports.report_verdicts(report))


def effect_report(session: Session, item: Printable, now: datetime) -> EffectReport:
    """The training-effect report a printable names: its course (or all), department, year or span."""
    span = item.span
    return training_effect(
        session,
        year=None if span is not None else (item.year if item.year is not None else now.year),
        date_from=span[0] if span is not None else None,
        date_to=span[1] if span is not None else None,
        course_id=item.course_id,
        department_id=item.department_id,
    )


def save_training_effect(db: Database, item: Printable, target: Path, *, now: datetime) -> int:
    """培训效果报告: the four levels per course with its chart, then by department."""
    from desktop_hr.printing.training_effect_report import render_training_effect

    return _record(db, target, now, lambda s: effect_report(s, item, now), render_training_effect)


def notices_of(
    db: Database, session: Session, item: Printable, now: datetime
) -> list[reminder_notices.Notice]:
    """The reminder notices a printable names, as of the day it is drawn (a department head: its own)."""
    return reminder_notices.reminder_notices(
        session,
        now.date(),
        principal=db.principal,
        department_id=item.department_id,
        departments=item.departments,
    )


def save_reminder_notices(db: Database, item: Printable, target: Path, *, now: datetime) -> int:
    """培训提醒通知: one notice per department, each from a new page."""
    from desktop_hr.printing.reminder_notices import render_reminder_notices

    with read_only(db) as session:
        notices = notices_of(db, session, item, now)
        settings = report_data.page_settings(session, now)
    return render_reminder_notices(target, notices, settings, today=now.date(), scope=item.whom)


def send_reminder_notices(
    db: Database,
    item: Printable,
    *,
    now: datetime,
    password: str | None,
    progress: Progress | None = None,
) -> list[mail.Delivery]:
    """Each department's notice e-mailed with its PDF attached (services/training/notices.send_notices)."""
    from desktop_hr.printing.reminder_notices import render_reminder_notices

    with read_only(db) as session:
        settings = report_data.page_settings(session, now)

    def draw(notice: reminder_notices.Notice, pdf: BytesIO) -> int:
        return render_reminder_notices(pdf, [notice], settings, today=now.date())

    return reminder_notices.send_notices(
        db,
        now.date(),
        draw,
        password=password,
        department_id=item.department_id,
        departments=item.departments,
        progress=progress,
    )


def statement_period(item: Printable, now: datetime) -> Period:
    """A points statement's days: its span, else its year (else the year it is printed in)."""
    if item.span is not None:
        return report_data.period_between(*item.span)
    return Period.year(item.year if item.year is not None else now.year)


def render(db: Database, item: Printable, target: Path, *, now: datetime) -> int:
    """Write `item` as one PDF at `target` (replaced whole, never half-written); returns its pages.

    Completion certificates of a session are issued first where missing, signed by the account `db`
    acts for. Refusals are DomainErrors: MissingGlyphs for rare characters, EmptySession, NoAttendees, …
    """
    return render_document(db, item, target, now=now).pages


def as_allowed(principal: Principal | None, item: Printable) -> Printable:
    """`item` as `principal` may have it (permissions.HEAD_REPORTS): a department head's report of the whole
    company narrowed to its own subtree; refused for a department outside it, or a report hidden from it."""
    if item.subject is Subject.DEPARTMENT:
        report_departments(principal, item.document, item.subject_id)
    elif item.subject in (Subject.OFFICE, Subject.COURSE, Subject.REQUIREMENT):
        department_id = report_departments(principal, item.document, item.department_id)
        if department_id != item.department_id:
            return replace(item, department_id=department_id)
    else:  # a person's or a session's: hidden ones refused; the guard narrows the people to its own
        report_departments(principal, item.document)
    return item


def render_document(db: Database, item: Printable, target: Path, *, now: datetime) -> Rendered:
    """`render`, with what the document said for the print log (Output.details)."""
    item = as_allowed(db.principal, item)
    document, subject = item.document, item.subject_id
    year = item.year if item.year is not None else now.year
    if document is Document.ELIGIBILITY_LIST:
        return save_eligibility_list(db, subject, year, target, now=now, department_id=item.department_id)
    if document is Document.REQUIREMENT_REPORT:
        return save_requirement_report(db, subject, year, target, now=now)
    if document is Document.NEEDS_ANALYSIS:
        return Rendered(save_needs_analysis(db, target, now=now, department_id=item.department_id))
    if document is Document.TRAINER_REPORT:
        return save_trainer_report(db, year, target, now=now)
    return Rendered(_render_record(db, item, target, now=now, year=year))


def _render_record(db: Database, item: Printable, target: Path, *, now: datetime, year: int) -> int:
    document, subject = item.document, item.subject_id
    if document is Document.ARCHIVE_CARD:
        return save_archive_card(db, subject, target, now=now)
    if document is Document.POINTS_STATEMENT:
        return save_points_statement(db, subject, statement_period(item, now), target, now=now)
    if document is Document.CERTIFICATE:
        assert item.certificate_id is not None
        return save_certificate(db, item.certificate_id, target, now=now)
    if document in (Document.SIGN_IN_BLANK, Document.SIGN_IN_FILLED):
        return save_sign_in_sheet(db, subject, target, blank=document is Document.SIGN_IN_BLANK, now=now)
    if document is Document.SESSION_REPORT:
        return save_session_report(db, subject, target, now=now)
    if document is Document.SESSION_CERTIFICATES:
        return save_session_certificates(db, subject, target, now=now)
    if document is Document.DEPARTMENT_REPORT:
        return save_department_report(db, subject, year, target, now=now)
    if document is Document.TRAINING_EFFECT:
        return save_training_effect(db, item, target, now=now)
    if document is Document.REMINDER_NOTICES:
        return save_reminder_notices(db, item, target, now=now)
    return save_department_archive(db, subject, target, now=now, department=item.whom)


def output_of(item: Printable, rendered: Rendered, target: str, *, on_printer: bool = False) -> Output:
    """The print log's entry for `item` written as `rendered` to `target` (a PDF path or a printer)."""
    return Output(
        item.document.value,
        item.whom,
        rendered.pages,
        target,
        on_printer=on_printer,
        details=rendered.details,
    )


def has_excel(item: Printable) -> bool:
    """Every report has an Excel form; certificates do not (their record is the PDF and the register)."""
    return item.document not in (Document.CERTIFICATE, Document.SESSION_CERTIFICATES)


def export_excel(db: Database, item: Printable, target: Path, *, now: datetime) -> int:
    """The same content as the PDF, as an .xlsx workbook (a facts sheet and one sheet per table; the
    requirement documents: their verdicts in the fixed `requirements` export's columns)."""
    item = as_allowed(db.principal, item)
    from desktop_hr.excel import reports
    from desktop_hr.excel.needs_analysis import export_needs_analysis
    from desktop_hr.excel.notices import export_notices
    from desktop_hr.excel.requirements import export_standings
    from desktop_hr.excel.trainers import export_trainers
    from desktop_hr.excel.training_effect import export_effect

    document, subject = item.document, item.subject_id
    year = item.year if item.year is not None else now.year
    with read_only(db) as session:
        if document is Document.ELIGIBILITY_LIST:
            listing = requirement_reports.eligibility_report(
                session, subject, year, department_id=item.department_id
            ).listing
            return export_standings(target, [s for group in listing.groups for s in group.rows])
        if document is Document.REQUIREMENT_REPORT:
            personal = requirement_reports.requirement_report(session, subject, year)
            return export_standings(target, list(personal.standings))
        if document is Document.NEEDS_ANALYSIS:
            return export_needs_analysis(session, target, department_id=item.department_id)
        if document is Document.TRAINER_REPORT:
            return export_trainers(session, target, year)
        if document is Document.ARCHIVE_CARD:
            return reports.export_archive_cards(target, [report_data.archive_card_data(session, subject)])
        if document is Document.DEPARTMENT_ARCHIVE:
            return reports.export_archive_cards(target, report_data.department_archive_data(session, subject))
        if document is Document.POINTS_STATEMENT:
            data = report_data.points_statement_data(session, subject, statement_period(item, now))
            return reports.export_points_statement(target, data)
        if document in (Document.SIGN_IN_BLANK, Document.SIGN_IN_FILLED):
            sheet = report_data.sign_in_sheet_data(session, subject, blank=document is Document.SIGN_IN_BLANK)
            return reports.export_sign_in_sheet(target, sheet)
        if document is Document.SESSION_REPORT:
            return reports.export_session_report(target, report_data.session_report_data(session, subject))
        if document is Document.DEPARTMENT_REPORT:
            return reports.export_department_report(
                target, report_data.department_report_data(session, subject, year)
            )
        if document is Document.TRAINING_EFFECT:
            return export_effect(target, list(effect_report(session, item, now).courses))
        if document is Document.REMINDER_NOTICES:
            return export_notices(target, notices_of(db, session, item, now))
    raise ValueError(f"{document} has no Excel form")


# ---- batches -----------------------------------------------------------------------------------------


@contextlib.contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A hidden folder inside `folder` for the files being written; removed whatever happens."""
    staging = folder / f".~batch-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _one_per_person(
    folder: Path,
    parts: Sequence[tuple[str, str, Callable[[Path], int]]],
    document: Document,
    progress: Progress,
    check_cancelled: Cancelled,
) -> list[Output]:
    """(subject, file name, write) per person into a staging folder, then all moved into `folder` at once."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, str, int]] = []
    with _staging(folder) as staging:
        for done, (subject, name, write) in enumerate(parts):
            check_cancelled()
            progress(done, len(parts))
            written.append((subject, name, write(staging / name)))
        check_cancelled()
        for _subject, name, _pages in written:
            os.replace(staging / name, folder / name)
    progress(len(parts), len(parts))
    return [Output(document.value, subject, pages, str(folder / name)) for subject, name, pages in written]


def _one_file(
    target: Path,
    write: Callable[[Path], int],
    item: Printable,
    progress: Progress,
    check_cancelled: Cancelled,
) -> list[Output]:
    """The whole batch in one PDF, written beside `target` and swapped in unless cancelled meanwhile."""
    check_cancelled()
    progress(0, 0)  # no per-page progress from the layout: a busy bar, Cancel still honoured at the end
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".~{target.stem}.{uuid.uuid4().hex[:8]}.pdf")
    try:
        pages = write(temp)
        check_cancelled()
        os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return [Output(item.document.value, item.whom, pages, str(target))]


def _person_file(employee_no: str, name: str, what: str) -> str:
    return safe_file_name(f"{employee_no}_{name}_{what}") + ".pdf"


def export_batch(
    db: Database,
    item: Printable,
    target: Path,
    *,
    per_person: bool,
    now: datetime,
    progress: Progress,
    check_cancelled: Cancelled,
) -> list[Output]:
    """A batch (session certificates, department archive cards) as one PDF at `target`, or with
    `per_person` one PDF per person in the folder `target`; returns what was written, for the print log.

    Every text is checked for rare characters before the first file is written; `check_cancelled` raises
    to stop, and then no file of the batch is left (finished files are moved in only at the end).
    """
    from desktop_hr.printing.archive_card import NoCards, archive_texts, render_archive_card
    from desktop_hr.printing.certificates import check_certificates, render_certificates
    from desktop_hr.printing.fonts import check_printable

    item = as_allowed(db.principal, item)
    if item.document is Document.SESSION_CERTIFICATES:
        views = session_certificates(db, item.subject_id, now=now)
        with read_only(db) as session:
            settings = print_settings.get(session)
        if not per_person:
            return _one_file(
                target,
                lambda path: render_certificates(path, views, settings, printed_at=now),
                item,
                progress,
                check_cancelled,
            )
        check_certificates(views, settings)
        cert_parts = [
            (
                f"{view.employee_no} {view.name}",
                _person_file(view.employee_no, view.name, view.serial),
                partial(render_certificates, certs=[view], settings=settings, printed_at=now),
            )
            for view in views
        ]
        return _one_per_person(target, cert_parts, Document.CERTIFICATE, progress, check_cancelled)
    if item.document is Document.DEPARTMENT_ARCHIVE:
        if not per_person:
            return _one_file(
                target,
                lambda path: save_department_archive(
                    db, item.subject_id, path, now=now, department=item.whom
                ),
                item,
                progress,
                check_cancelled,
            )
        with read_only(db) as session:
            cards = report_data.department_archive_data(session, item.subject_id)
            settings_page = report_data.page_settings(session, now)
        if not cards:
            raise NoCards(what=item.whom)
        check_printable(text for card in cards for text in archive_texts(card))
        what = messages.text("catalogue.archive_card")
        card_parts = [
            (
                f"{card.person.employee_no} {card.person.name}",
                _person_file(card.person.employee_no, card.person.name, what),
                partial(render_archive_card, card=card, settings=settings_page),
            )
            for card in cards
        ]
        return _one_per_person(target, card_parts, Document.ARCHIVE_CARD, progress, check_cancelled)
    raise ValueError(f"{item.document} is not a batch")
