"""What each printed record shows (sign-in sheet, archive card, session report, points statement, department
report), gathered in a few set-based queries into plain frozen values the PDF and Excel writers share.

The documents are official records: their labels are Chinese whatever the window's language (like the
Excel formats), so the values here keep enums and numbers and the writers label them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    Course,
    Department,
    Employee,
    EmployeeStatus,
    Enrolment,
    EnrolmentStatus,
    Gender,
    PointCategory,
    Position,
    TrainingRecord,
    TrainingSession,
)
from desktop_hr.services.archive.organisation import department_paths, subtree_ids
from desktop_hr.services.imports import chunks
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.points.point_reports import (
    BalanceRow,
    LedgerLine,
    Period,
    balance_rows,
    employee_ledger,
)
from desktop_hr.services.records import print_settings
from desktop_hr.services.requirements.evaluation import Standing
from desktop_hr.services.requirements.reports import standings_by_person
from desktop_hr.services.training.assessment import (
    FeedbackSummary,
    exam_rows,
    feedback_rows,
    feedback_summary,
)
from desktop_hr.services.training.attendance import attendance_rows
from desktop_hr.services.training.enrolment import enrolment_rows
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.training.history import HistoryRow, YearTotals, employee_history
from desktop_hr.services.training.sessions import SessionRow, session_summary
from desktop_hr.services.training.submissions import SubmissionRow, employee_submission_rows, submission_rows

messages.define(
    {
        "print.empty_session": (
            "班次 {code}（{title}）还没有人报名或签到，无法打印已填写的签到表。可打印空白签到表。",
            "Session {code} ({title}) has nobody enrolled or signed in; a filled sign-in sheet cannot be "
            "printed. Print a blank sheet instead.",
        ),
    }
)

BLANK_ROWS = 20  # a blank sheet of a session without capacity or enrolment
SPARE_ROWS = 5  # empty lines under the enrolled names of a blank sheet, for walk-ins
_ZERO = Decimal("0.00")
_ONE_PLACE = Decimal("0.1")


class EmptySession(DomainError):
    """A filled sign-in sheet of a session nobody is enrolled in or signed in to."""

    code = "print.empty_session"


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage with one decimal place; None when there is no whole."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)


def _mean(values: Sequence[Decimal | int]) -> Decimal | None:
    if not values:
        return None
    return (sum((Decimal(v) for v in values), Decimal(0)) / len(values)).quantize(
        _ONE_PLACE, rounding=ROUND_HALF_UP
    )


# ---- around every page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSettings:
    """What every document prints around its content: whose records they are and when they were printed."""

    organisation: str
    printed_at: datetime


def page_settings(session: Session, printed_at: datetime) -> PageSettings:
    """The organisation as configured in Settings (print_settings: the top of the tree by default)."""
    return PageSettings(print_settings.get(session).organisation, printed_at)


# ---- facts about a person ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFacts:
    employee_id: int
    employee_no: str
    name: str
    department: str  # path of names
    position: str
    gender: Gender | None
    hire_date: date | None
    status: EmployeeStatus


def _person_facts(session: Session, employee_ids: Iterable[int]) -> dict[int, PersonFacts]:
    paths = department_paths(session)
    found: dict[int, PersonFacts] = {}
    for part in chunks(sorted(set(employee_ids))):
        stmt = (
            select(Employee, Position.name)
            .outerjoin(Position, Position.id == Employee.position_id)
            .where(Employee.id.in_(part))
        )
        for employee, position in session.execute(stmt):
            found[employee.id] = PersonFacts(
                employee.id,
                employee.employee_no,
                employee.name,
                paths.get(employee.department_id, "") if employee.department_id else "",
                position or "",
                employee.gender,
                employee.hire_date,
                employee.status,
            )
    return found


# ---- sign-in sheet ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInLine:
    """One line of the sheet; an empty line (blank sheets) has every field empty."""

    number: int
    employee_no: str = ""
    name: str = ""
    department: str = ""
    signed_in_at: datetime | None = None
    status: AttendanceStatus | None = None


@dataclass(frozen=True)
class SignInSheetData:
    session: SessionRow
    blank: bool
    lines: tuple[SignInLine, ...]
    signed_in: int  # lines marked present, late or completed (0 on a blank sheet)


def sign_in_sheet_data(session: Session, session_id: int, *, blank: bool) -> SignInSheetData:
    """The enrolled people (and anyone signed in) by 工号; blank: without times, with spare empty lines.

    A filled sheet of a session nobody is enrolled in is refused (EmptySession); a blank one then has
    empty numbered lines for the capacity (or 20).
    """
    summary = session_summary(session, session_id)
    rows = attendance_rows(session, session_id)
    if not rows and not blank:
        raise EmptySession(code=summary.code, title=summary.course_title)
    lines: list[SignInLine] = []
    for number, row in enumerate(rows, start=1):
        if blank:
            if not row.enrolled:
                continue
            lines.append(SignInLine(len(lines) + 1, row.employee_no, row.name, row.department))
        else:
            lines.append(
                SignInLine(number, row.employee_no, row.name, row.department, row.signed_in_at, row.status)
            )
    if blank:
        spare = SPARE_ROWS if lines else (summary.capacity or BLANK_ROWS)
        lines += [SignInLine(len(lines) + n) for n in range(1, spare + 1)]
    signed = sum(1 for line in lines if line.status in ATTENDED)
    return SignInSheetData(summary, blank, tuple(lines), signed)


# ---- archive card -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveCardData:
    person: PersonFacts
    rows: tuple[HistoryRow, ...]  # every session and historical record, oldest first
    hours: Decimal
    credits: Decimal
    by_year: tuple[YearTotals, ...]  # oldest first
    submissions: tuple[SubmissionRow, ...]
    points: BalanceRow
    year: int = 0  # the year the requirements are measured as of (the year printed in)
    requirements: tuple[Standing, ...] = ()  # every enabled requirement that applies, as of `year`


def _no_points(person: PersonFacts) -> BalanceRow:
    return BalanceRow(
        person.employee_id, person.employee_no, person.name, person.department, 0, 0, 0, 0, 0, 0, 0
    )


def _archive_card(
    session: Session,
    person: PersonFacts,
    balances: dict[int, BalanceRow],
    year: int,
    standings: dict[int, tuple[Standing, ...]],
) -> ArchiveCardData:
    history = employee_history(session, person.employee_id)
    return ArchiveCardData(
        person=person,
        rows=tuple(reversed(history.rows)),
        hours=history.hours,
        credits=history.credits,
        by_year=tuple(reversed(history.by_year)),
        submissions=tuple(employee_submission_rows(session, person.employee_id)),
        points=balances.get(person.employee_id) or _no_points(person),
        year=year,
        requirements=standings.get(person.employee_id, ()),
    )


def archive_card_data(session: Session, employee_id: int, *, year: int | None = None) -> ArchiveCardData:
    """培训档案卡: every session and record, hours and credits (per year), scores, submissions, points, and
    the requirements that apply as of `year` (default: this year)."""
    get_or_raise(session, Employee, employee_id)
    year = year or date.today().year
    person = _person_facts(session, [employee_id])[employee_id]
    balances = {row.employee_id: row for row in balance_rows(session) if row.employee_id == employee_id}
    return _archive_card(session, person, balances, year, standings_by_person(session, [employee_id], year))


def department_archive_data(
    session: Session, department_id: int, *, year: int | None = None
) -> list[ArchiveCardData]:
    """The archive card of everyone in the department and its sub-departments (left people too), by 工号."""
    year = year or date.today().year
    ids = subtree_ids(session, department_id)
    employee_ids = list(session.scalars(select(Employee.id).where(Employee.department_id.in_(ids))))
    people = _person_facts(session, employee_ids)
    balances = {row.employee_id: row for row in balance_rows(session) if row.employee_id in people}
    standings = standings_by_person(session, employee_ids, year)
    ordered = sorted(people.values(), key=lambda p: p.employee_no)
    return [_archive_card(session, person, balances, year, standings) for person in ordered]


# ---- session report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceLine:
    employee_no: str
    name: str
    department: str
    status: AttendanceStatus | None  # None: enrolled, never marked
    signed_in_at: datetime | None
    exam_score: int | None


@dataclass(frozen=True)
class SessionReportData:
    session: SessionRow
    enrolled: int
    waitlisted: int
    cancelled: int
    by_status: dict[AttendanceStatus, int]
    unmarked: int
    attended: int  # present, late or completed
    participation_rate: Decimal | None  # enrolled people who attended / enrolled, percent
    late: int
    lateness_rate: Decimal | None  # late / attended, percent
    attendance: tuple[AttendanceLine, ...]
    submissions: tuple[SubmissionRow, ...]
    submitted_on_time: int
    graded: int
    mean_grade: Decimal | None  # mean of the final grades given
    excellent: int
    exam_count: int
    exam_mean: Decimal | None
    exam_passed: int | None  # None: no pass mark
    feedback: FeedbackSummary
    comments: tuple[tuple[str, str], ...]  # (name, comment) of the forms with a comment

    def counts(self) -> list[int | Decimal | None]:
        """The head counts in the report's order: enrolment, each mark, then participation and lateness rates."""
        mark = self.by_status.get
        return [
            self.enrolled,
            self.waitlisted,
            self.cancelled,
            self.attended,
            self.late,
            mark(AttendanceStatus.ABSENT, 0),
            mark(AttendanceStatus.EXCUSED, 0),
            mark(AttendanceStatus.COMPLETED, 0),
            self.unmarked,
            self.participation_rate,
            self.lateness_rate,
        ]


def session_report_data(session: Session, session_id: int) -> SessionReportData:
    summary = session_summary(session, session_id)
    enrolment = Counter(row.status for row in enrolment_rows(session, session_id))
    rows = attendance_rows(session, session_id)
    exams = {row.employee_id: row for row in exam_rows(session, session_id)}
    by_status = Counter(row.status for row in rows if row.status is not None)
    attended = sum(by_status[s] for s in ATTENDED)
    # walk-ins (signed in without enrolment) are listed, but the rate is of the people enrolled
    attended_enrolled = sum(1 for row in rows if row.enrolled and row.status in ATTENDED)
    late = by_status[AttendanceStatus.LATE]
    subs = submission_rows(session, session_id)
    finals = [row.final for row in subs if row.final is not None]
    scores = [row.score for row in exams.values() if row.score is not None]
    forms = feedback_rows(session, session_id)
    return SessionReportData(
        session=summary,
        enrolled=enrolment[EnrolmentStatus.ENROLLED],
        waitlisted=enrolment[EnrolmentStatus.WAITLISTED],
        cancelled=enrolment[EnrolmentStatus.CANCELLED],
        by_status=dict(by_status),
        unmarked=sum(1 for row in rows if row.status is None),
        attended=attended,
        participation_rate=percent(attended_enrolled, enrolment[EnrolmentStatus.ENROLLED]),
        late=late,
        lateness_rate=percent(late, attended),
        attendance=tuple(
            AttendanceLine(
                row.employee_no,
                row.name,
                row.department,
                row.status,
                row.signed_in_at,
                exams[row.employee_id].score if row.employee_id in exams else None,
            )
            for row in rows
        ),
        submissions=tuple(subs),
        submitted_on_time=sum(1 for row in subs if row.on_time),
        graded=len(finals),
        mean_grade=_mean(finals),
        excellent=sum(1 for row in subs if row.excellent),
        exam_count=len(scores),
        exam_mean=_mean(scores),
        exam_passed=None if summary.pass_mark is None else sum(1 for row in exams.values() if row.passed),
        feedback=feedback_summary(session, session_id),
        comments=tuple((row.name, row.comment) for row in forms if row.comment.strip()),
    )


# ---- points statement ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointsStatementData:
    person: PersonFacts
    start: date
    end: date  # the last day, inclusive
    opening: int  # the balance before `start`
    lines: tuple[LedgerLine, ...]  # the period's entries, oldest first, with running balances
    by_category: dict[PointCategory, int]  # the period's entries per category (redemptions under OTHER)
    earned: int  # the period's entries except redemptions
    redeemed: int  # positive: held by redemptions, net of what was given back
    closing: int


def points_statement_data(session: Session, employee_id: int, period: Period) -> PointsStatementData:
    """Opening balance, every entry of the period with its running balance, totals, closing balance."""
    get_or_raise(session, Employee, employee_id)
    person = _person_facts(session, [employee_id])[employee_id]
    ledger = employee_ledger(session, employee_id)
    before = [line for line in ledger if line.occurred_at < period.start]
    inside = [line for line in ledger if period.contains(line.occurred_at)]
    opening = before[-1].balance if before else 0
    (row,) = [r for r in balance_rows(session, period=period) if r.employee_id == employee_id] or [
        _no_points(person)
    ]
    return PointsStatementData(
        person=person,
        start=period.start.date(),
        end=period.last_day,
        opening=opening,
        lines=tuple(inside),
        by_category={
            PointCategory.PARTICIPATION: row.participation,
            PointCategory.OUTPUT: row.output,
            PointCategory.SHARING: row.sharing,
            PointCategory.OTHER: row.other,
        },
        earned=row.earned,
        redeemed=row.redeemed,
        closing=opening + row.balance,
    )


def period_between(start: date, end: date) -> Period:
    """The days `start` to `end`, both included (a statement for any span, e.g. --from/--to)."""
    year = Period.year(start.year)
    return Period(
        year.kind,
        datetime(start.year, start.month, start.day),
        datetime(end.year, end.month, end.day) + timedelta(days=1),
    )


# ---- department annual report -------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentSessionLine:
    session_code: str
    course_title: str
    on_date: date
    hours: Decimal  # the course's hours
    enrolled: int  # people of the department
    attended: int


@dataclass(frozen=True)
class DepartmentPersonLine:
    employee_no: str
    name: str
    department: str  # path below the reported department ("" for the department itself)
    enrolled: int  # sessions of the year
    attended: int
    hours: Decimal  # earned in the year: sessions attended and historical records
    credits: Decimal
    points: int  # earned in the year (redemptions aside)


@dataclass(frozen=True)
class DepartmentReportData:
    department: str  # path of names
    year: int
    headcount: int  # people on the report
    sessions: tuple[DepartmentSessionLine, ...]  # oldest first
    enrolments: int  # person-sessions enrolled
    attendances: int  # person-sessions attended
    participation_rate: Decimal | None  # enrolments attended / enrolments, percent
    hours: Decimal
    credits: Decimal
    points_by_category: dict[PointCategory, int]
    points: int  # earned, the four categories together
    people: tuple[DepartmentPersonLine, ...]  # by 工号


def department_report_data(session: Session, department_id: int, year: int) -> DepartmentReportData:
    """The year's training of a department and its sub-departments: sessions, hours, participation, points.

    People who have left are listed only when they took part in something that year.
    """
    paths = department_paths(session)
    root = paths[get_or_raise(session, Department, department_id).id]
    ids = subtree_ids(session, department_id)
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    people = {
        emp_id: (no, name, dept_id, status)
        for emp_id, no, name, dept_id, status in session.execute(
            select(Employee.id, Employee.employee_no, Employee.name, Employee.department_id, Employee.status)
            .where(Employee.department_id.in_(ids))
            .order_by(Employee.employee_no)
        )
    }
    in_year = (TrainingSession.starts_at >= start) & (TrainingSession.starts_at < end)
    in_department = Employee.department_id.in_(ids)
    enrolled_pairs = session.execute(
        select(Enrolment.employee_id, Enrolment.session_id)
        .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .join(Employee, Employee.id == Enrolment.employee_id)
        .where(in_year, in_department, Enrolment.status == EnrolmentStatus.ENROLLED)
    ).all()
    attended_pairs = session.execute(
        select(Attendance.employee_id, Attendance.session_id)
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Employee, Employee.id == Attendance.employee_id)
        .where(in_year, in_department, Attendance.status.in_(ATTENDED))
    ).all()
    session_ids = {s for _e, s in enrolled_pairs} | {s for _e, s in attended_pairs}
    facts: dict[int, tuple[str, str, date, Decimal, Decimal]] = {}
    for part in chunks(sorted(session_ids)):
        for sid, code, starts_at, title, hours, credits in session.execute(
            select(
                TrainingSession.id,
                TrainingSession.code,
                TrainingSession.starts_at,
                Course.title,
                Course.hours,
                Course.credits,
            )
            .join(Course, Course.id == TrainingSession.course_id)
            .where(TrainingSession.id.in_(part))
        ):
            facts[sid] = (code, title, starts_at.date(), hours, credits)
    records: dict[int, list[tuple[Decimal, Decimal]]] = {}
    for emp_id, hours, credits in session.execute(
        select(TrainingRecord.employee_id, TrainingRecord.hours, TrainingRecord.credits)
        .join(Employee, Employee.id == TrainingRecord.employee_id)
        .where(in_department, TrainingRecord.on_date >= start.date(), TrainingRecord.on_date < end.date())
    ):
        records.setdefault(emp_id, []).append((hours, credits))
    balances = {row.employee_id: row for row in balance_rows(session, period=Period.year(year))}

    enrolled_by_session = Counter(s for _e, s in enrolled_pairs)
    attended_by_session = Counter(s for _e, s in attended_pairs)
    enrolled_by_person = Counter(e for e, _s in enrolled_pairs)
    attended_sessions: dict[int, list[int]] = {}
    for emp_id, sid in attended_pairs:
        attended_sessions.setdefault(emp_id, []).append(sid)

    sessions = sorted(
        (
            DepartmentSessionLine(
                facts[sid][0],
                facts[sid][1],
                facts[sid][2],
                facts[sid][3],
                enrolled_by_session[sid],
                attended_by_session[sid],
            )
            for sid in session_ids
        ),
        key=lambda line: (line.on_date, line.session_code),
    )
    lines: list[DepartmentPersonLine] = []
    by_category = dict.fromkeys(PointCategory, 0)
    prefix = root + "/"
    for emp_id, (no, name, dept_id, status) in people.items():
        taken = attended_sessions.get(emp_id, [])
        own = records.get(emp_id, [])
        balance = balances.get(emp_id)
        active = taken or own or enrolled_by_person[emp_id] or (balance is not None and balance.earned)
        if status is EmployeeStatus.LEFT and not active:
            continue
        if balance is not None:
            by_category[PointCategory.PARTICIPATION] += balance.participation
            by_category[PointCategory.OUTPUT] += balance.output
            by_category[PointCategory.SHARING] += balance.sharing
            by_category[PointCategory.OTHER] += balance.other
        path = paths.get(dept_id, "") if dept_id else ""
        lines.append(
            DepartmentPersonLine(
                no,
                name,
                path[len(prefix) :] if path.startswith(prefix) else "",
                enrolled_by_person[emp_id],
                len(taken),
                sum((facts[s][3] for s in taken), _ZERO) + sum((h for h, _c in own), _ZERO),
                sum((facts[s][4] for s in taken), _ZERO) + sum((c for _h, c in own), _ZERO),
                balance.earned if balance is not None else 0,
            )
        )
    return DepartmentReportData(
        department=root,
        year=year,
        headcount=len(lines),
        sessions=tuple(sessions),
        enrolments=len(enrolled_pairs),
        attendances=len(attended_pairs),
        participation_rate=percent(
            len({(e, s) for e, s in attended_pairs} & {(e, s) for e, s in enrolled_pairs}),
            len(enrolled_pairs),
        ),
        hours=sum((line.hours for line in lines), _ZERO),
        credits=sum((line.credits for line in lines), _ZERO),
        points_by_category=by_category,
        points=sum(by_category.values()),
        people=tuple(lines),
    )
