"""Performance reviews with per-competency items, and career goals."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_hr.db import Database
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.archive import reviews as rv


@pytest.fixture
def employee(db: Database) -> int:
    return emp.create_employee(db.uow(), emp.EmployeeData(employee_no="00001", name="杜凤勇"))


def test_review_with_items_saved_edited_and_deleted(db: Database, employee: int) -> None:
    rid = rv.save_review(db.uow(), employee, rv.ReviewData("2025", 82, {"谈判技巧": 65, "客户关系": 90}))
    rv.save_review(db.uow(), employee, rv.ReviewData("2025", 85, {"谈判技巧": 70}), review_id=rid)
    with db.read_session() as s:
        (review,) = rv.reviews_of(s, employee)
    assert (review.period, review.overall_score, review.items) == ("2025", 85, {"谈判技巧": 70})
    rv.delete_review(db.uow(), rid)
    with db.read_session() as s:
        assert rv.reviews_of(s, employee) == []


def test_scores_outside_0_100_and_duplicate_periods_are_refused(db: Database, employee: int) -> None:
    with pytest.raises(emp.ValidationFailed, match="101"):
        rv.save_review(db.uow(), employee, rv.ReviewData("2025", 101))
    with pytest.raises(emp.ValidationFailed, match="谈判技巧=-1"):
        rv.save_review(db.uow(), employee, rv.ReviewData("2025", 80, {"谈判技巧": -1}))
    rv.save_review(db.uow(), employee, rv.ReviewData("2025", 80))
    with pytest.raises(emp.ValidationFailed, match="考核期间"):
        rv.save_review(db.uow(), employee, rv.ReviewData("2025", 90))


def test_goals(db: Database, employee: int) -> None:
    gid = rv.save_goal(db.uow(), employee, rv.GoalData("提升谈判技巧", "区域经理", date(2027, 12, 31)))
    with pytest.raises(emp.ValidationFailed, match="目标"):
        rv.save_goal(db.uow(), employee, rv.GoalData("  "))
    with db.read_session() as s:
        assert [(g.id, g.text, g.target_position) for g in rv.goals_of(s, employee)] == [
            (gid, "提升谈判技巧", "区域经理")
        ]
    rv.delete_goal(db.uow(), gid)
    with db.read_session() as s:
        assert rv.goals_of(s, employee) == []
