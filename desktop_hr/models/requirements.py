"""Requirements and eligibility (达标规则) and the credit-recognition table (学时认定), both office data."""

from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_hr.models.base import Base, Hundredths, TimestampMixin
from desktop_hr.models.people import Position, _enum


class AppliesTo(enum.StrEnum):
    """Who a requirement is measured for (people who have left never are)."""

    EVERYONE = "everyone"
    PERSONNEL_CATEGORY = "personnel_category"  # applies_value: a PersonnelCategory value
    POSITION = "position"  # position_id
    RANK = "rank"  # applies_value: a Rank value
    PROBATION = "probation"  # people on probation (试用)
    TITLE = "title"  # applies_value: the title (职称) as recorded; "" = anyone holding one


class PeriodKind(enum.StrEnum):
    """Which training counts, for an evaluation as of a year Y."""

    CALENDAR_YEAR = "calendar_year"  # Y only
    LAST_YEARS = "last_years"  # the `period_years` calendar years ending with Y
    SINCE_HIRE = "since_hire"  # from the hire date (everything, without one) to the end of Y


class Measure(enum.StrEnum):
    HOURS = "hours"  # 学时
    CREDITS = "credits"  # 学分


class Dimension(enum.StrEnum):
    """How a slice of hours or credits is picked out of a person's training."""

    CATEGORY = "category"  # 必修 / 选修 / 实践 (CourseCategory)
    SUBJECT = "subject"  # 专业 / 公需 (SubjectType)
    CLASSIFICATION = "classification"  # 初任 / 任职 / 专门业务 / 在职 (CourseClassification)
    DELIVERY = "delivery"  # 线下 / 线上 (sessions only: historical records carry no delivery)
    COMPETENCY = "competency"  # courses that address a competency, by its name (sessions only)


class Requirement(Base, TimestampMixin):
    """A rule people are measured against: who, over which period, and the conditions, all of which must hold.

    A condition left empty (None, or no rows) is not asked for. Fractions are kept as numerator and
    denominator so that "2/3" stays exactly two thirds.
    """

    __tablename__ = "requirement"
    __table_args__ = (
        CheckConstraint("period_years IS NULL OR period_years > 0", name="period_years_positive"),
        CheckConstraint("min_hours IS NULL OR min_hours >= 0", name="min_hours_not_negative"),
        CheckConstraint("min_credits IS NULL OR min_credits >= 0", name="min_credits_not_negative"),
        CheckConstraint(
            "min_reflections IS NULL OR min_reflections >= 0", name="min_reflections_not_negative"
        ),
        CheckConstraint(
            "(excellent_numerator IS NULL AND excellent_denominator IS NULL) OR "
            "(excellent_numerator >= 0 AND excellent_denominator > 0 "
            "AND excellent_numerator <= excellent_denominator)",
            name="excellent_rate_fraction",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    applies_to: Mapped[AppliesTo] = mapped_column(_enum(AppliesTo, "applies_to"))
    applies_value: Mapped[str] = mapped_column(String(100), default="")
    position_id: Mapped[int | None] = mapped_column(ForeignKey("position.id"), index=True)
    period: Mapped[PeriodKind] = mapped_column(_enum(PeriodKind, "period_kind"))
    period_years: Mapped[int | None] = mapped_column(Integer)
    min_hours: Mapped[Decimal | None] = mapped_column(Hundredths)
    min_credits: Mapped[Decimal | None] = mapped_column(Hundredths)
    min_reflections: Mapped[int | None] = mapped_column(Integer)
    # Excellent submissions / all submissions of the period, at least this fraction.
    excellent_numerator: Mapped[int | None] = mapped_column(Integer)
    excellent_denominator: Mapped[int | None] = mapped_column(Integer)
    # The course checklist is a condition: every listed course attended within the period.
    needs_courses: Mapped[bool] = mapped_column(default=False)
    enabled: Mapped[bool] = mapped_column(default=True)

    position: Mapped[Position | None] = relationship()
    slices: Mapped[list[SliceCondition]] = relationship(
        back_populates="requirement", cascade="all, delete-orphan", order_by="SliceCondition.id"
    )
    courses: Mapped[list[RequiredCourse]] = relationship(
        back_populates="requirement", cascade="all, delete-orphan", order_by="RequiredCourse.id"
    )


class SliceCondition(Base):
    """At least `minimum`, or at least numerator/denominator of all, of a requirement's hours or credits
    from one slice: a category, subject, classification, delivery or competency (exactly one of the two)."""

    __tablename__ = "requirement_slice"
    __table_args__ = (
        UniqueConstraint("requirement_id", "measure", "dimension", "value"),
        CheckConstraint(
            "(minimum IS NOT NULL AND share_numerator IS NULL AND share_denominator IS NULL) OR "
            "(minimum IS NULL AND share_numerator > 0 AND share_denominator > 0 "
            "AND share_numerator <= share_denominator)",
            name="minimum_or_share",
        ),
        CheckConstraint("minimum IS NULL OR minimum >= 0", name="minimum_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requirement_id: Mapped[int] = mapped_column(ForeignKey("requirement.id", ondelete="CASCADE"), index=True)
    measure: Mapped[Measure] = mapped_column(_enum(Measure, "slice_measure"))
    dimension: Mapped[Dimension] = mapped_column(_enum(Dimension, "slice_dimension"))
    # The enum value of the dimension (e.g. "professional"), or a competency's name.
    value: Mapped[str] = mapped_column(String(100))
    minimum: Mapped[Decimal | None] = mapped_column(Hundredths)
    share_numerator: Mapped[int | None] = mapped_column(Integer)
    share_denominator: Mapped[int | None] = mapped_column(Integer)

    requirement: Mapped[Requirement] = relationship(back_populates="slices")


class RequiredCourse(Base):
    """One line of a requirement's course checklist, by course code (课程编号).

    By code rather than by id: a shipped checklist names courses an office may not have created yet,
    and a course created later (by hand, by import, or from the checklist) is found by its code.
    `title` and `credits` say what the course is meant to be, for the gap text and for creating it.
    """

    __tablename__ = "requirement_course"
    __table_args__ = (
        UniqueConstraint("requirement_id", "course_code"),
        CheckConstraint("credits >= 0", name="credits_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requirement_id: Mapped[int] = mapped_column(ForeignKey("requirement.id", ondelete="CASCADE"), index=True)
    course_code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200), default="")
    credits: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal(0))

    requirement: Mapped[Requirement] = relationship(back_populates="courses")


class RecognitionRule(Base, TimestampMixin):
    """One line of the credit-recognition table (学时认定): a learning form and the 学时 one unit of it gives.

    `hours_per_unit` None: the quantity is already in 学时 (online learning, as recorded). Applied when a
    historical record is saved, so a later change of the table never rewrites records already entered.
    """

    __tablename__ = "recognition_rule"
    __table_args__ = (
        CheckConstraint("hours_per_unit IS NULL OR hours_per_unit >= 0", name="hours_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    hours_per_unit: Mapped[Decimal | None] = mapped_column(Hundredths)
    unit: Mapped[str] = mapped_column(String(20), default="")
    active: Mapped[bool] = mapped_column(default=True)
    description: Mapped[str] = mapped_column(Text, default="")
