"""Personnel archive: departments, positions and competencies, employees, reviews, career goals."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_hr.models.base import Base, TimestampMixin


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as the value string with a CHECK constraint: readable in any SQL tool, portable to PostgreSQL.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class DepartmentKind(enum.StrEnum):
    COMPANY = "company"
    BRANCH = "branch"
    DEPARTMENT = "department"


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class Rank(enum.StrEnum):
    STAFF = "staff"
    MIDDLE = "middle"
    SENIOR = "senior"


class PersonnelCategory(enum.StrEnum):
    MANAGEMENT = "management"
    PROFESSIONAL = "professional"
    SKILLED = "skilled"


class EmployeeStatus(enum.StrEnum):
    PROBATION = "probation"
    ACTIVE = "active"
    LEFT = "left"


class TrainerLevel(enum.StrEnum):
    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"


class Department(Base, TimestampMixin):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[DepartmentKind] = mapped_column(_enum(DepartmentKind, "department_kind"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    # Materialised path of ids ("1/5/9/"): a department subtree is one indexed prefix match.
    path: Mapped[str] = mapped_column(String(400), index=True, default="")

    parent: Mapped[Department | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Department]] = relationship(back_populates="parent")


class Competency(Base):
    __tablename__ = "competency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


class PositionCompetency(Base):
    __tablename__ = "position_competency"

    position_id: Mapped[int] = mapped_column(ForeignKey("position.id", ondelete="CASCADE"), primary_key=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id"), primary_key=True)


class Position(Base, TimestampMixin):
    __tablename__ = "position"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")

    competencies: Mapped[list[Competency]] = relationship(
        secondary="position_competency", order_by=Competency.name
    )


class Employee(Base, TimestampMixin):
    __tablename__ = "employee"
    __table_args__ = (
        # A leave date belongs to someone who left; rehiring clears it.
        CheckConstraint("leave_date IS NULL OR status = 'left'", name="leave_date_only_when_left"),
        Index("ix_employee_name", "name"),
        Index("ix_employee_phone", "phone"),
        Index("ix_employee_status_department", "status", "department_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[Gender | None] = mapped_column(_enum(Gender, "gender"))
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_card_no: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str | None] = mapped_column(String(30))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    position_id: Mapped[int | None] = mapped_column(ForeignKey("position.id"), index=True)
    rank: Mapped[Rank | None] = mapped_column(_enum(Rank, "rank"))
    category: Mapped[PersonnelCategory | None] = mapped_column(_enum(PersonnelCategory, "personnel_category"))
    title: Mapped[str | None] = mapped_column(String(50))
    hire_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[EmployeeStatus] = mapped_column(
        _enum(EmployeeStatus, "employee_status"), default=EmployeeStatus.ACTIVE
    )
    leave_date: Mapped[date | None] = mapped_column(Date)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    is_trainer: Mapped[bool] = mapped_column(default=False)
    trainer_level: Mapped[TrainerLevel | None] = mapped_column(_enum(TrainerLevel, "trainer_level"))
    note: Mapped[str] = mapped_column(Text, default="")
    # Raised on every edit: a dialog saving over a record changed since it was opened is refused
    # instead of silently undoing the other clerk's change.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    department: Mapped[Department | None] = relationship()
    position: Mapped[Position | None] = relationship()
    manager: Mapped[Employee | None] = relationship(remote_side=[id])
    reviews: Mapped[list[PerformanceReview]] = relationship(
        back_populates="employee", order_by="PerformanceReview.period", cascade="all, delete-orphan"
    )
    goals: Mapped[list[CareerGoal]] = relationship(
        back_populates="employee", order_by="CareerGoal.id", cascade="all, delete-orphan"
    )


class PerformanceReview(Base, TimestampMixin):
    __tablename__ = "performance_review"
    __table_args__ = (
        UniqueConstraint("employee_id", "period"),
        CheckConstraint("overall_score BETWEEN 0 AND 100", name="overall_score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    period: Mapped[str] = mapped_column(String(20))  # "2025", "2025H1", "2025Q3"
    overall_score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    employee: Mapped[Employee] = relationship(back_populates="reviews")
    items: Mapped[list[ReviewItem]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewItem.competency_id"
    )


class ReviewItem(Base):
    __tablename__ = "review_item"
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),)

    review_id: Mapped[int] = mapped_column(
        ForeignKey("performance_review.id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id"), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)

    review: Mapped[PerformanceReview] = relationship(back_populates="items")
    competency: Mapped[Competency] = relationship()


class CareerGoal(Base, TimestampMixin):
    __tablename__ = "career_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    target_position: Mapped[str] = mapped_column(String(100), default="")
    target_date: Mapped[date | None] = mapped_column(Date)

    employee: Mapped[Employee] = relationship(back_populates="goals")
