"""Talent development: internal trainers (内训师) and their nominations, mentoring (导师制), the training-needs pool."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_hr.models.base import Base, Hundredths, TimestampMixin, utcnow
from desktop_hr.models.people import Competency, Department, Employee, _enum
from desktop_hr.models.training import Course, TrainingSession


class NominationStatus(enum.StrEnum):
    PENDING = "pending"  # 待审核
    ACCEPTED = "accepted"  # 已接受: the nominee became a 初级 trainer
    DECLINED = "declined"  # 未接受


class NeedStatus(enum.StrEnum):
    NEW = "new"  # 新提交
    ADOPTED = "adopted"  # 已采纳
    SCHEDULED = "scheduled"  # 已排课
    CLOSED = "closed"  # 已关闭


class TrainerYear(Base, TimestampMixin):
    """What HR enters about a trainer for one year: the team performance uplift (团队业绩提升, %)."""

    __tablename__ = "trainer_year"
    __table_args__ = (
        UniqueConstraint("employee_id", "year"),
        CheckConstraint("uplift BETWEEN -10000 AND 100000", name="uplift_range"),  # hundredths of a %
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    uplift: Mapped[Decimal] = mapped_column(Hundredths)
    note: Mapped[str] = mapped_column(Text, default="")

    employee: Mapped[Employee] = relationship()


class TrainerNomination(Base, TimestampMixin):
    """A head's nomination of one of its people as an internal trainer, and HR's decision."""

    __tablename__ = "trainer_nomination"
    __table_args__ = (Index("ix_trainer_nomination_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)  # the nominee
    reason: Mapped[str] = mapped_column(Text)
    nominated_by: Mapped[str] = mapped_column(String(50), default="")  # the account's name
    nominated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[NominationStatus] = mapped_column(
        _enum(NominationStatus, "nomination_status"), default=NominationStatus.PENDING
    )
    decided_by: Mapped[str] = mapped_column(String(50), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")

    employee: Mapped[Employee] = relationship()


class Mentorship(Base, TimestampMixin):
    """A mentor-mentee pair (导师制) over a period; the end is open while it runs."""

    __tablename__ = "mentorship"
    __table_args__ = (
        CheckConstraint("mentor_id <> mentee_id", name="mentor_not_mentee"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="mentorship_dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    mentor: Mapped[Employee] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Employee] = relationship(foreign_keys=[mentee_id])
    logs: Mapped[list[MentoringLog]] = relationship(
        back_populates="mentorship", cascade="all, delete-orphan", order_by="MentoringLog.on"
    )
    evaluations: Mapped[list[MenteeEvaluation]] = relationship(
        back_populates="mentorship", cascade="all, delete-orphan", order_by="MenteeEvaluation.year"
    )


class MentoringLog(Base, TimestampMixin):
    """Hours a mentor spent with the mentee on one day."""

    __tablename__ = "mentoring_log"
    __table_args__ = (CheckConstraint("hours > 0", name="mentoring_hours_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorship.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Hundredths)
    note: Mapped[str] = mapped_column(Text, default="")

    mentorship: Mapped[Mentorship] = relationship(back_populates="logs")


class MenteeEvaluation(Base, TimestampMixin):
    """The mentee's evaluation of the mentor (0-100) for one year of the pair."""

    __tablename__ = "mentee_evaluation"
    __table_args__ = (
        UniqueConstraint("mentorship_id", "year"),
        CheckConstraint("score BETWEEN 0 AND 100", name="evaluation_score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorship.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    mentorship: Mapped[Mentorship] = relationship(back_populates="evaluations")


class TrainingNeed(Base, TimestampMixin):
    """A need in the training-needs pool (培训需求池): from a head, from HR, or from the needs analysis."""

    __tablename__ = "training_need"
    __table_args__ = (Index("ix_training_need_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    competency_id: Mapped[int | None] = mapped_column(ForeignKey("competency.id"), index=True)
    status: Mapped[NeedStatus] = mapped_column(_enum(NeedStatus, "need_status"), default=NeedStatus.NEW)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_session.id"), index=True)
    submitted_by: Mapped[str] = mapped_column(String(50), default="")  # the account's name
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    department: Mapped[Department | None] = relationship()
    competency: Mapped[Competency | None] = relationship()
    course: Mapped[Course | None] = relationship()
    session: Mapped[TrainingSession | None] = relationship()
