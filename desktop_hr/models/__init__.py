"""SQLAlchemy mapped classes, one module per area; importing this package registers them all."""

from desktop_hr.models.base import Base
from desktop_hr.models.people import (
    CareerGoal,
    Competency,
    Department,
    DepartmentKind,
    Employee,
    EmployeeStatus,
    Gender,
    PerformanceReview,
    PersonnelCategory,
    Position,
    PositionCompetency,
    Rank,
    ReviewItem,
    TrainerLevel,
)

__all__ = [
    "Base",
    "CareerGoal",
    "Competency",
    "Department",
    "DepartmentKind",
    "Employee",
    "EmployeeStatus",
    "Gender",
    "PerformanceReview",
    "PersonnelCategory",
    "Position",
    "PositionCompetency",
    "Rank",
    "ReviewItem",
    "TrainerLevel",
]
