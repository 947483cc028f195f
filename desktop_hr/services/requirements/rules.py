"""Requirements as data (达标规则): who each applies to, over which period, and its conditions.

A requirement's conditions all have to hold: minimum hours and credits, minimums or shares of a slice
(a category, subject, classification, delivery, or the courses addressing a competency), minimum
reflections, a minimum excellent-submission rate, and a checklist of courses. Saving refuses a
requirement that contradicts itself (a share above 100 %, a slice minimum above the total, a checklist
asked for with no course in it, negative numbers…), naming the field; nothing is written then.
Shares and rates are kept as exact fractions: 2/3 is two thirds, not 66.67 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.models import (
    AppliesTo,
    Course,
    CourseCategory,
    CourseClassification,
    Dimension,
    Measure,
    PeriodKind,
    PersonnelCategory,
    Position,
    Rank,
    RequiredCourse,
    Requirement,
    SliceCondition,
    SubjectType,
)
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.labels import label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.requirements.measures import DIMENSION_VALUES, ZERO, Slice
from desktop_hr.services.requirements.wording import (
    amount_text,
    measure_text,
    say,
    share_text,
    slice_text,
)
from desktop_hr.services.trust.permissions import Permission, require

NAME_MAX = 100
VALUE_MAX = 100
CODE_MAX = 32
TITLE_MAX = 200
YEARS_MAX = 50
REFLECTIONS_MAX = 1000

# ---- requirements as plain values ------------------------------------------------------------------


@dataclass(frozen=True)
class SliceData:
    """At least `minimum`, or at least `share` of all, of the hours or credits from one slice."""

    measure: Measure
    dimension: Dimension
    value: str  # the enum value (e.g. "professional") or a competency's name
    minimum: Decimal | None = None
    share: Fraction | None = None

    @property
    def slice(self) -> Slice:
        return Slice(self.dimension, self.value)


@dataclass(frozen=True)
class CourseItem:
    """One course of a checklist: its code, and what it is meant to be (for the gap text and creating it)."""

    course_code: str
    title: str = ""
    credits: Decimal = ZERO


@dataclass(frozen=True)
class RequirementData:
    """A requirement as the dialog edits it. None or empty: the condition is not asked for."""

    name: str
    applies_to: AppliesTo = AppliesTo.EVERYONE
    applies_value: str = ""  # PERSONNEL_CATEGORY and RANK: the enum value; TITLE: the title ("" = any)
    position_id: int | None = None  # POSITION
    period: PeriodKind = PeriodKind.CALENDAR_YEAR
    period_years: int | None = None  # LAST_YEARS
    min_hours: Decimal | None = None
    min_credits: Decimal | None = None
    min_reflections: int | None = None
    excellent_rate: Fraction | None = None
    needs_courses: bool = False
    courses: tuple[CourseItem, ...] = ()
    slices: tuple[SliceData, ...] = ()
    enabled: bool = True
    description: str = ""

    def cleaned(self) -> RequirementData:
        """Text trimmed; what the chosen kinds do not use cleared (a rank left over from an earlier choice)."""
        changes: dict[str, Any] = validation.trimmed_text(self)
        if self.applies_to in (AppliesTo.EVERYONE, AppliesTo.PROBATION, AppliesTo.POSITION):
            changes["applies_value"] = ""
        if self.applies_to is not AppliesTo.POSITION:
            changes["position_id"] = None
        if self.period is not PeriodKind.LAST_YEARS:
            changes["period_years"] = None
        changes["min_hours"] = validation.with_cents(self.min_hours)
        changes["min_credits"] = validation.with_cents(self.min_credits)
        changes["courses"] = tuple(
            replace(
                c,
                course_code=validation.trim(c.course_code),
                title=validation.trim(c.title),
                credits=validation.with_cents(c.credits),
            )
            for c in self.courses
        )
        changes["slices"] = tuple(
            replace(s, value=validation.trim(s.value), minimum=validation.with_cents(s.minimum))
            for s in self.slices
        )
        return replace(self, **changes)

    def minimum(self, measure: Measure) -> Decimal | None:
        return self.min_hours if measure is Measure.HOURS else self.min_credits

    def has_condition(self) -> bool:
        return bool(
            self.min_hours is not None
            or self.min_credits is not None
            or self.min_reflections
            or self.excellent_rate is not None
            or self.needs_courses
            or self.slices
        )


@dataclass(frozen=True)
class RequirementRow:
    id: int
    data: RequirementData

    @property
    def name(self) -> str:
        return self.data.name


def _fraction(numerator: int | None, denominator: int | None) -> Fraction | None:
    return None if numerator is None or not denominator else Fraction(numerator, denominator)


def data_of(requirement: Requirement) -> RequirementData:
    return RequirementData(
        name=requirement.name,
        applies_to=requirement.applies_to,
        applies_value=requirement.applies_value,
        position_id=requirement.position_id,
        period=requirement.period,
        period_years=requirement.period_years,
        min_hours=requirement.min_hours,
        min_credits=requirement.min_credits,
        min_reflections=requirement.min_reflections,
        excellent_rate=_fraction(requirement.excellent_numerator, requirement.excellent_denominator),
        needs_courses=requirement.needs_courses,
        courses=tuple(CourseItem(c.course_code, c.title, c.credits) for c in requirement.courses),
        slices=tuple(
            SliceData(
                s.measure,
                s.dimension,
                s.value,
                s.minimum,
                _fraction(s.share_numerator, s.share_denominator),
            )
            for s in requirement.slices
        ),
        enabled=requirement.enabled,
        description=requirement.description,
    )


def list_requirements(session: Session, *, enabled_only: bool = False) -> list[RequirementRow]:
    """Every requirement in the order it was set up (the shipped ones first), with its conditions."""
    stmt = (
        select(Requirement)
        .options(selectinload(Requirement.slices), selectinload(Requirement.courses))
        .order_by(Requirement.id)
    )
    if enabled_only:
        stmt = stmt.where(Requirement.enabled.is_(True))
    return [RequirementRow(r.id, data_of(r)) for r in session.scalars(stmt)]


def get_requirement(session: Session, requirement_id: int) -> RequirementData:
    return data_of(get_or_raise(session, Requirement, requirement_id))


def find_requirement(session: Session, name: str) -> int | None:
    """The id of the requirement called `name` (the command line names them), else None."""
    found = session.scalar(select(Requirement.id).where(Requirement.name == validation.trim(name)))
    return None if found is None else int(found)


# ---- validation --------------------------------------------------------------------------------------

_APPLIES_VALUES: dict[AppliesTo, type[PersonnelCategory] | type[Rank]] = {
    AppliesTo.PERSONNEL_CATEGORY: PersonnelCategory,
    AppliesTo.RANK: Rank,
}


def _slice_name(piece: SliceData) -> str:
    """How a slice condition is named in a message: 专业科目学时, 实践课学分."""
    return say("slice.named", None, slice=slice_text(piece.slice), measure=measure_text(piece.measure))


def _enum_choices(values: Any) -> str:
    return "/".join(label(member) for member in values)


def validate_requirement(data: RequirementData) -> list[FieldError]:
    """Rules that need no database: every field in range, and no condition contradicting another."""
    errors: list[FieldError] = []

    def bad(key: str, value: object, reason: str) -> None:
        errors.append(FieldError(key, "" if value is None else str(value), reason))

    if not data.name:
        bad("requirement_name", data.name, messages.text("reason.required"))
    elif len(data.name) > NAME_MAX:
        bad("requirement_name", data.name, messages.text("reason.too_long", limit=NAME_MAX))

    enum_values = _APPLIES_VALUES.get(data.applies_to)
    if enum_values is not None and data.applies_value not in {m.value for m in enum_values}:
        bad(
            "requirement_applies_value",
            data.applies_value,
            messages.text("reason.requirement_unknown_value", choices=_enum_choices(enum_values)),
        )
    if data.applies_to is AppliesTo.POSITION and data.position_id is None:
        bad("requirement_applies_value", "", messages.text("reason.requirement_position_missing"))
    if len(data.applies_value) > VALUE_MAX:
        bad(
            "requirement_applies_value", data.applies_value, messages.text("reason.too_long", limit=VALUE_MAX)
        )
    if data.period is PeriodKind.LAST_YEARS and not (
        data.period_years is not None and 1 <= data.period_years <= YEARS_MAX
    ):
        bad(
            "requirement_period_years",
            data.period_years,
            messages.text("reason.requirement_years_range", high=YEARS_MAX),
        )

    for key, amount in (
        ("requirement_min_hours", data.min_hours),
        ("requirement_min_credits", data.min_credits),
    ):
        if amount is not None and (problem := validation.amount_problem(Decimal(amount))):
            bad(key, amount, problem)
    if data.min_reflections is not None and not 0 <= data.min_reflections <= REFLECTIONS_MAX:
        bad(
            "requirement_min_reflections",
            data.min_reflections,
            messages.text("reason.requirement_count_range", high=REFLECTIONS_MAX),
        )
    if data.excellent_rate is not None:
        rate = data.excellent_rate
        if rate > 1:
            bad("requirement_excellent_rate", share_text(rate), messages.text("reason.share_above_whole"))
        elif rate <= 0:
            bad("requirement_excellent_rate", share_text(rate), messages.text("reason.share_not_positive"))

    errors += _slice_errors(data)

    if data.needs_courses and not data.courses:
        bad("requirement_courses", "", messages.text("reason.checklist_empty"))
    seen_codes: set[str] = set()
    for course in data.courses:
        if not course.course_code:
            bad("requirement_course_code", "", messages.text("reason.required"))
        elif len(course.course_code) > CODE_MAX:
            bad(
                "requirement_course_code",
                course.course_code,
                messages.text("reason.too_long", limit=CODE_MAX),
            )
        elif course.course_code in seen_codes:
            bad("requirement_course_code", course.course_code, messages.text("reason.course_twice"))
        seen_codes.add(course.course_code)
        if len(course.title) > TITLE_MAX:
            bad("requirement_course_code", course.title, messages.text("reason.too_long", limit=TITLE_MAX))
        if problem := validation.amount_problem(Decimal(course.credits)):
            bad("requirement_course_credits", course.credits, problem)

    if not data.has_condition():
        bad("requirement_conditions", "", messages.text("reason.no_condition"))
    return errors


def _slice_errors(data: RequirementData) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[tuple[Measure, Dimension, str]] = set()
    shares: dict[tuple[Measure, Dimension], Fraction] = {}

    def bad(value: str, reason: str) -> None:
        errors.append(FieldError("requirement_slice", value, reason))

    for piece in data.slices:
        values = DIMENSION_VALUES[piece.dimension]
        if values is not None and piece.value not in {m.value for m in values}:
            bad(piece.value, messages.text("reason.requirement_unknown_value", choices=_enum_choices(values)))
            continue
        if not piece.value:
            bad("", messages.text("reason.required"))
            continue
        if len(piece.value) > VALUE_MAX:
            bad(piece.value, messages.text("reason.too_long", limit=VALUE_MAX))
            continue
        name = _slice_name(piece)
        key = (piece.measure, piece.dimension, piece.value)
        if key in seen:
            bad(name, messages.text("reason.slice_twice"))
        seen.add(key)
        total = data.minimum(piece.measure)
        measure = measure_text(piece.measure)
        if (piece.minimum is None) == (piece.share is None):
            bad(name, messages.text("reason.slice_empty"))
        elif piece.minimum is not None:
            if problem := validation.amount_problem(Decimal(piece.minimum)):
                bad(f"{name} {piece.minimum}", problem)
            elif total is not None and piece.minimum > total:
                bad(
                    f"{name} {amount_text(piece.minimum)}",
                    messages.text("reason.slice_above_total", measure=measure, total=amount_text(total)),
                )
        elif piece.share is not None:
            shown = f"{name} {share_text(piece.share)}"
            if piece.share > 1:
                bad(shown, messages.text("reason.share_above_whole"))
            elif piece.share <= 0:
                bad(shown, messages.text("reason.share_not_positive"))
            elif total is None:
                bad(shown, messages.text("reason.share_needs_total", measure=measure))
            else:
                group = (piece.measure, piece.dimension)
                shares[group] = shares.get(group, Fraction(0)) + piece.share
    for (measure_of, dimension), total_share in shares.items():
        # Slices of one dimension never overlap (a competency's courses may: they are left out).
        if dimension is not Dimension.COMPETENCY and total_share > 1:
            bad(
                f"{label(dimension)} {measure_text(measure_of)}",
                messages.text(
                    "reason.shares_above_whole", dimension=label(dimension), sum=share_text(total_share)
                ),
            )
    return errors


def _check(session: Session, data: RequirementData, requirement_id: int | None) -> None:
    errors = validate_requirement(data)
    clash = session.scalar(select(Requirement.id).where(Requirement.name == data.name))
    if clash is not None and clash != requirement_id:
        errors.append(
            FieldError("requirement_name", data.name, messages.text("reason.requirement_name_taken"))
        )
    if data.position_id is not None and session.get(Position, data.position_id) is None:
        errors.append(
            FieldError(
                "requirement_applies_value",
                str(data.position_id),
                messages.text("reason.requirement_position_missing"),
            )
        )
    if errors:
        raise ValidationFailed(errors)


# ---- writing -------------------------------------------------------------------------------------------


def _apply(requirement: Requirement, data: RequirementData) -> None:
    requirement.name = data.name
    requirement.description = data.description
    requirement.applies_to = data.applies_to
    requirement.applies_value = data.applies_value
    requirement.position_id = data.position_id
    requirement.period = data.period
    requirement.period_years = data.period_years
    requirement.min_hours = data.min_hours
    requirement.min_credits = data.min_credits
    requirement.min_reflections = data.min_reflections
    rate = data.excellent_rate
    requirement.excellent_numerator = None if rate is None else rate.numerator
    requirement.excellent_denominator = None if rate is None else rate.denominator
    requirement.needs_courses = data.needs_courses
    requirement.enabled = data.enabled
    # Children are matched by their key, so the audit trail shows a changed minimum as a change
    # (before → after), not as one row deleted and another added.
    slices = {(s.measure, s.dimension, s.value): s for s in requirement.slices}
    kept: list[SliceCondition] = []
    for piece in data.slices:
        row = slices.pop((piece.measure, piece.dimension, piece.value), None) or SliceCondition(
            measure=piece.measure, dimension=piece.dimension, value=piece.value
        )
        row.minimum = piece.minimum
        row.share_numerator = None if piece.share is None else piece.share.numerator
        row.share_denominator = None if piece.share is None else piece.share.denominator
        kept.append(row)
    requirement.slices = kept
    courses = {c.course_code: c for c in requirement.courses}
    listed: list[RequiredCourse] = []
    for item in data.courses:
        line = courses.pop(item.course_code, None) or RequiredCourse(course_code=item.course_code)
        line.title, line.credits = item.title, item.credits
        listed.append(line)
    requirement.courses = listed


def save_requirement(uow: UnitOfWork, data: RequirementData, requirement_id: int | None = None) -> int:
    """Add a requirement (`requirement_id` None) or change one; returns its id.

    Verdicts are computed when asked for, so a change applies to every evaluation after it; what a
    printed list said stays in the print log.
    """
    require(uow.principal, Permission.EDIT_REQUIREMENTS)
    data = data.cleaned()
    with uow:
        session = uow.session
        requirement = (
            Requirement() if requirement_id is None else get_or_raise(session, Requirement, requirement_id)
        )
        _check(session, data, requirement_id)
        _apply(requirement, data)
        session.add(requirement)
        session.flush()
        uow.commit()
        return requirement.id


def set_requirement_enabled(uow: UnitOfWork, requirement_id: int, enabled: bool) -> None:
    """Switch a requirement off (kept, no longer evaluated) or on again."""
    require(uow.principal, Permission.EDIT_REQUIREMENTS)
    with uow:
        get_or_raise(uow.session, Requirement, requirement_id).enabled = enabled
        uow.commit()


def delete_requirement(uow: UnitOfWork, requirement_id: int) -> RequirementData:
    """Remove a requirement and its conditions; returns what it held (for an undo or a message)."""
    require(uow.principal, Permission.EDIT_REQUIREMENTS)
    with uow:
        requirement = get_or_raise(uow.session, Requirement, requirement_id)
        data = data_of(requirement)
        uow.session.delete(requirement)
        uow.commit()
        return data


# ---- the checklist's courses ----------------------------------------------------------------------


def missing_courses(session: Session, requirement_id: int) -> list[CourseItem]:
    """Checklist lines whose course code no course has (yet): the dialog offers to create them."""
    items = get_requirement(session, requirement_id).courses
    return _missing(session, items)


def _missing(session: Session, items: Iterable[CourseItem]) -> list[CourseItem]:
    items = list(items)
    codes = [i.course_code for i in items]
    existing = set(session.scalars(select(Course.code).where(Course.code.in_(codes)))) if codes else set()
    return [i for i in items if i.course_code not in existing]


def create_missing_courses(uow: UnitOfWork, requirement_id: int) -> list[int]:
    """Create the checklist's courses that do not exist yet, as listed (required, initial training, HR's
    general module); returns their ids. Courses are training records: a clerk may create them."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        created: list[Course] = []
        for item in _missing(session, get_requirement(session, requirement_id).courses):
            course = Course(
                code=item.course_code,
                title=item.title or item.course_code,
                credits=item.credits,
                hours=ZERO,
                category=CourseCategory.REQUIRED,
                classification=CourseClassification.INITIAL,
                subject=SubjectType.GENERAL,
            )
            session.add(course)
            created.append(course)
        session.flush()
        uow.commit()
        return [c.id for c in created]


# ---- a requirement in words ------------------------------------------------------------------------


def period_text(data: RequirementData, language: str | None = None) -> str:
    if data.period is PeriodKind.LAST_YEARS:
        return say("requirement.period.last_years", language, years=data.period_years or 1)
    return say(f"requirement.period.{data.period.value}", language)


def conditions_text(data: RequirementData, language: str | None = None) -> str:
    """当年：学时≥90；专业科目学时占比≥2/3 — what the requirement asks, for lists and printed reports."""
    parts: list[str] = []
    for measure in Measure:
        total = data.minimum(measure)
        if total is not None:
            parts.append(
                say(
                    "requirement.cond.min_total",
                    language,
                    measure=measure_text(measure, language),
                    amount=amount_text(total),
                )
            )
    for piece in data.slices:
        common = {
            "slice": slice_text(piece.slice, language),
            "measure": measure_text(piece.measure, language),
        }
        if piece.minimum is not None:
            parts.append(
                say("requirement.cond.slice_min", language, amount=amount_text(piece.minimum), **common)
            )
        elif piece.share is not None:
            parts.append(
                say("requirement.cond.slice_share", language, share=share_text(piece.share), **common)
            )
    if data.min_reflections:
        parts.append(say("requirement.cond.reflections", language, count=data.min_reflections))
    if data.excellent_rate is not None:
        parts.append(say("requirement.cond.excellent", language, rate=share_text(data.excellent_rate)))
    if data.needs_courses:
        listed = (", " if (language or messages.language()) == "en" else "、").join(
            f"{c.title or c.course_code}" for c in data.courses
        )
        parts.append(say("requirement.cond.courses", language, courses=listed))
    english = (language or messages.language()) == "en"
    separator, colon = ("; ", ": ") if english else ("；", "：")
    return f"{period_text(data, language)}{colon}{separator.join(parts)}"
