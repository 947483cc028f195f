"""Every printable document, found by what an inspector types (a name, 工号, session code or course title), and
one function per document that gathers its data through the services and writes the PDF.

Batches (all certificates of a session, all archive cards of a department) go out as one PDF or one file
per person; either way nothing half-written is left behind when they fail or are cancelled.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from sqlalchemy import case, or_, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from desktop_hr import messages
from desktop_hr.db import Database, read_only
from desktop_hr.models import Course, Department, Employee, SessionStatus, TrainingSession
from desktop_hr.printing.archive_card import NoCards, archive_texts, render_archive_card, render_archive_cards
from desktop_hr.printing.certificates import check_certificates, render_certificates
from desktop_hr.printing.certificates import title as certificate_title
from desktop_hr.printing.department_report import render_department_report
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.points_statement import render_points_statement
from desktop_hr.printing.session_report import render_session_report
from desktop_hr.printing.sign_in_sheet import render_sign_in_sheet
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.lookup import contains_pattern
from desktop_hr.services.points.point_reports import Period
from desktop_hr.services.records import certificates, print_settings, report_data
from desktop_hr.services.records.print_log import Output
from desktop_hr.services.validation import trim

messages.define(
    {
        "catalogue.archive_card": ("培训档案卡", "Training archive card"),
        "catalogue.points_statement": ("{year} 年积分对账单", "Points statement {year}"),
        "catalogue.certificate": ("{title} {serial}", "{title} {serial}"),
        "catalogue.certificate_course": ("{title} {serial}（{course}）", "{title} {serial} ({course})"),
        "catalogue.sign_in_blank": ("空白签到表", "Blank sign-in sheet"),
        "catalogue.sign_in_filled": ("签到表（已签到）", "Sign-in sheet (filled)"),
        "catalogue.session_report": ("班次总结报告", "Session report"),
        "catalogue.session_certificates": ("全部结业证书", "All completion certificates"),
        "catalogue.department_report": ("{year} 年度部门培训报告", "Department training report {year}"),
        "catalogue.department_archive": ("全部培训档案卡", "All training archive cards"),
        "catalogue.session_subject": ("{code} {title}（{day}）", "{code} {title} ({day})"),
    }
)

T = TypeVar("T")

SUBJECT_LIMIT = 50  # of each kind (people, sessions, departments) per search: enough to pick from
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

Progress = Callable[[int, int], None]
Cancelled = Callable[[], None]  # raises when the user pressed Cancel


class Subject(enum.StrEnum):
    PERSON = "person"
    SESSION = "session"
    DEPARTMENT = "department"


class Document(enum.StrEnum):
    """What a printable is; the value is what the print log says was printed."""

    ARCHIVE_CARD = "archive-card"
    POINTS_STATEMENT = "points-statement"
    CERTIFICATE = "certificate"
    SIGN_IN_BLANK = "sign-in-sheet-blank"
    SIGN_IN_FILLED = "sign-in-sheet"
    SESSION_REPORT = "session-report"
    SESSION_CERTIFICATES = "session-certificates"
    DEPARTMENT_REPORT = "department-report"
    DEPARTMENT_ARCHIVE = "department-archive"


BATCHES = frozenset({Document.SESSION_CERTIFICATES, Document.DEPARTMENT_ARCHIVE})


@dataclass(frozen=True)
class Printable:
    """One document that can be previewed, printed or saved: what it is and for whom, in the user's language.

    `subject_id` is the employee, session or department; `year` the statement's or report's year;
    `certificate_id` the certificate of a CERTIFICATE.
    """

    document: Document
    subject: Subject
    subject_id: int
    what: str
    whom: str
    year: int | None = None
    certificate_id: int | None = None

    @property
    def batch(self) -> bool:
        """One page set per person: can also go out as one file per person."""
        return self.document in BATCHES

    def file_name(self) -> str:
        """A file name that says what it is: "培训档案卡_00012 张三.pdf"."""
        return safe_file_name(f"{self.what}_{self.whom}") + ".pdf"


def safe_file_name(text: str) -> str:
    """`text` without the characters Windows refuses in file names (names keep their Chinese)."""
    cleaned = _UNSAFE_IN_FILE_NAMES.sub("_", text).strip(" .")
    return cleaned[:120] or "document"


# ---- finding ----------------------------------------------------------------------------------------


def _first_exact(column: QueryableAttribute[str], text: str) -> ColumnElement[int]:
    """Order key: the row whose `column` is exactly `text` first (工号 00012 before 000123)."""
    return case((column == text, 0), else_=1)


def _people(session: Session, text: str, today: date) -> list[Printable]:
    like = contains_pattern(text)
    paths = department_paths(session)
    rows = session.execute(
        select(Employee.id, Employee.employee_no, Employee.name, Employee.department_id)
        .where(or_(Employee.employee_no.ilike(like, escape="\\"), Employee.name.ilike(like, escape="\\")))
        .order_by(
            _first_exact(Employee.employee_no, text),
            _first_exact(Employee.name, text),
            Employee.employee_no,
        )
        .limit(SUBJECT_LIMIT)
    ).all()
    found: list[Printable] = []
    for employee_id, employee_no, name, department_id in rows:
        whom = f"{employee_no} {name}"
        if department_id is not None and paths.get(department_id):
            whom += f"（{paths[department_id].rsplit('/', 1)[-1]}）"
        person = (Subject.PERSON, employee_id)
        found.append(Printable(Document.ARCHIVE_CARD, *person, messages.text("catalogue.archive_card"), whom))
        found.append(
            Printable(
                Document.POINTS_STATEMENT,
                *person,
                messages.text("catalogue.points_statement", year=today.year),
                whom,
                year=today.year,
            )
        )
        for cert in certificates.certificate_rows(session, employee_id=employee_id):
            if cert.revoked_at is not None:
                continue  # a revoked certificate is kept on record, never printed again
            what = (
                messages.text(
                    "catalogue.certificate_course",
                    title=certificate_title(cert.kind),
                    serial=cert.serial,
                    course=cert.course,
                )
                if cert.course
                else messages.text(
                    "catalogue.certificate", title=certificate_title(cert.kind), serial=cert.serial
                )
            )
            found.append(Printable(Document.CERTIFICATE, *person, what, whom, certificate_id=cert.id))
    return found


def _sessions(session: Session, text: str) -> list[Printable]:
    like = contains_pattern(text)
    rows = session.execute(
        select(
            TrainingSession.id,
            TrainingSession.code,
            TrainingSession.starts_at,
            TrainingSession.status,
            Course.title,
        )
        .join(Course, Course.id == TrainingSession.course_id)
        .where(
            or_(
                TrainingSession.code.ilike(like, escape="\\"),
                Course.title.ilike(like, escape="\\"),
                Course.code.ilike(like, escape="\\"),
            )
        )
        .order_by(_first_exact(TrainingSession.code, text), TrainingSession.starts_at.desc())
        .limit(SUBJECT_LIMIT)
    ).all()
    found: list[Printable] = []
    for session_id, code, starts_at, status, title in rows:
        whom = messages.text(
            "catalogue.session_subject", code=code, title=title, day=starts_at.date().isoformat()
        )
        documents = [
            Document.SIGN_IN_BLANK,
            Document.SIGN_IN_FILLED,
            Document.SESSION_REPORT,
        ]
        if status != SessionStatus.CANCELLED:
            documents.append(Document.SESSION_CERTIFICATES)
        keys = {
            Document.SIGN_IN_BLANK: "catalogue.sign_in_blank",
            Document.SIGN_IN_FILLED: "catalogue.sign_in_filled",
            Document.SESSION_REPORT: "catalogue.session_report",
            Document.SESSION_CERTIFICATES: "catalogue.session_certificates",
        }
        found += [
            Printable(document, Subject.SESSION, session_id, messages.text(keys[document]), whom)
            for document in documents
        ]
    return found


def _departments(session: Session, text: str, today: date) -> list[Printable]:
    like = contains_pattern(text)
    paths = department_paths(session)
    ids = session.scalars(
        select(Department.id)
        .where(Department.name.ilike(like, escape="\\"))
        .order_by(_first_exact(Department.name, text), Department.path)
        .limit(SUBJECT_LIMIT)
    ).all()
    found: list[Printable] = []
    for department_id in ids:
        whom = paths.get(department_id, "")
        found.append(
            Printable(
                Document.DEPARTMENT_REPORT,
                Subject.DEPARTMENT,
                department_id,
                messages.text("catalogue.department_report", year=today.year),
                whom,
                year=today.year,
            )
        )
        found.append(
            Printable(
                Document.DEPARTMENT_ARCHIVE,
                Subject.DEPARTMENT,
                department_id,
                messages.text("catalogue.department_archive"),
                whom,
            )
        )
    return found


def find_printables(session: Session, text: str, *, today: date) -> list[Printable]:
    """Everything printable for `text`: people by 工号 or name (archive card, this year's points statement,
    their valid certificates), sessions by code, course title or course code (sign-in sheets blank and
    filled, session report, completion certificates), departments by name (this year's report, all
    archive cards). People first, then sessions (newest first), then departments."""
    text = trim(text)
    if not text:
        return []
    return [*_people(session, text, today), *_sessions(session, text), *_departments(session, text, today)]


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
    return _record(
        db, target, now, lambda s: report_data.archive_card_data(s, employee_id), render_archive_card
    )


def save_points_statement(db: Database, employee_id: int, year: int, target: Path, *, now: datetime) -> int:
    period = Period.year(year)
    return _record(
        db,
        target,
        now,
        lambda s: report_data.points_statement_data(s, employee_id, period),
        render_points_statement,
    )


def save_certificate(db: Database, certificate_id: int, target: Path, *, now: datetime) -> int:
    with read_only(db) as session:
        views = certificates.certificate_views(session, [certificate_id])
        settings = print_settings.get(session)
    return render_certificates(target, views, settings, printed_at=now)


def save_sign_in_sheet(db: Database, session_id: int, target: Path, *, blank: bool, now: datetime) -> int:
    return _record(
        db,
        target,
        now,
        lambda s: report_data.sign_in_sheet_data(s, session_id, blank=blank),
        render_sign_in_sheet,
    )


def save_session_report(db: Database, session_id: int, target: Path, *, now: datetime) -> int:
    return _record(
        db, target, now, lambda s: report_data.session_report_data(s, session_id), render_session_report
    )


def session_certificates(
    db: Database, session_id: int, *, now: datetime, actor: str
) -> list[certificates.CertificateView]:
    """The session's valid completion certificates by 工号, issuing first those its attendees lack
    (idempotent; refused for a cancelled session, one not over yet, or one nobody attended)."""
    certificates.issue_completion(db.uow(), session_id, at=now, actor=actor)
    with read_only(db) as session:
        return certificates.certificate_views(
            session, certificates.session_certificate_ids(session, session_id)
        )


def save_session_certificates(
    db: Database, session_id: int, target: Path, *, now: datetime, actor: str
) -> int:
    views = session_certificates(db, session_id, now=now, actor=actor)
    with read_only(db) as session:
        settings = print_settings.get(session)
    return render_certificates(target, views, settings, printed_at=now)


def save_department_report(
    db: Database, department_id: int, year: int, target: Path, *, now: datetime
) -> int:
    return _record(
        db,
        target,
        now,
        lambda s: report_data.department_report_data(s, department_id, year),
        render_department_report,
    )


def save_department_archive(db: Database, department_id: int, target: Path, *, now: datetime) -> int:
    return _record(
        db,
        target,
        now,
        lambda s: report_data.department_archive_data(s, department_id),
        render_archive_cards,
    )


def render(db: Database, item: Printable, target: Path, *, now: datetime, actor: str) -> int:
    """Write `item` as one PDF at `target` (replaced whole, never half-written); returns its pages.

    Completion certificates of a session are issued first where missing (`actor` signs for them).
    Refusals are DomainErrors: MissingGlyphs for rare characters, EmptySession, NoAttendees, …
    """
    document, subject = item.document, item.subject_id
    year = item.year if item.year is not None else now.year
    if document is Document.ARCHIVE_CARD:
        return save_archive_card(db, subject, target, now=now)
    if document is Document.POINTS_STATEMENT:
        return save_points_statement(db, subject, year, target, now=now)
    if document is Document.CERTIFICATE:
        assert item.certificate_id is not None
        return save_certificate(db, item.certificate_id, target, now=now)
    if document in (Document.SIGN_IN_BLANK, Document.SIGN_IN_FILLED):
        return save_sign_in_sheet(db, subject, target, blank=document is Document.SIGN_IN_BLANK, now=now)
    if document is Document.SESSION_REPORT:
        return save_session_report(db, subject, target, now=now)
    if document is Document.SESSION_CERTIFICATES:
        return save_session_certificates(db, subject, target, now=now, actor=actor)
    if document is Document.DEPARTMENT_REPORT:
        return save_department_report(db, subject, year, target, now=now)
    return save_department_archive(db, subject, target, now=now)


def has_excel(item: Printable) -> bool:
    """Every report has an Excel form; certificates do not (their record is the PDF and the register)."""
    return item.document not in (Document.CERTIFICATE, Document.SESSION_CERTIFICATES)


def export_excel(db: Database, item: Printable, target: Path, *, now: datetime) -> int:
    """The same content as the PDF, as an .xlsx workbook (a facts sheet and one sheet per table)."""
    from desktop_hr.excel import reports

    document, subject = item.document, item.subject_id
    year = item.year if item.year is not None else now.year
    with read_only(db) as session:
        if document is Document.ARCHIVE_CARD:
            return reports.export_archive_cards(target, [report_data.archive_card_data(session, subject)])
        if document is Document.DEPARTMENT_ARCHIVE:
            return reports.export_archive_cards(target, report_data.department_archive_data(session, subject))
        if document is Document.POINTS_STATEMENT:
            data = report_data.points_statement_data(session, subject, Period.year(year))
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
    actor: str,
    progress: Progress,
    check_cancelled: Cancelled,
) -> list[Output]:
    """A batch (session certificates, department archive cards) as one PDF at `target`, or with
    `per_person` one PDF per person in the folder `target`; returns what was written, for the print log.

    Every text is checked for rare characters before the first file is written; `check_cancelled` raises
    to stop, and then no file of the batch is left (finished files are moved in only at the end).
    """
    if item.document is Document.SESSION_CERTIFICATES:
        views = session_certificates(db, item.subject_id, now=now, actor=actor)
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
                lambda path: save_department_archive(db, item.subject_id, path, now=now),
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
