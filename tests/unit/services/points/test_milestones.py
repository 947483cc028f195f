"""Credit milestones: credits counted as on the training history, each milestone unlocked once, nothing spent."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from training_data import building, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.models import AttendanceStatus, CreditMilestone, PointEntry, TrainingRecord
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.points.milestones import (
    MilestoneAlreadyGranted,
    MilestoneData,
    check_milestones,
    credits_earned,
    get_milestone,
    list_milestones,
    mark_granted,
    milestone_rows,
    save_milestone,
    set_milestone_active,
)
from desktop_hr.services.training.history import employee_history

AT = datetime(2026, 4, 1, 8)
LATER = datetime(2026, 5, 1, 8)


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """张三 105 credits (60 present + 30 late + a 15-credit record), 李四 exactly 100 (60 + 40 online;
    absent from the 30), 王五 99.50 (a record only)."""
    with building(db) as s:
        zhang, li, wang = make_people(s, {"00001": "张三", "00002": "李四", "00003": "王五"})
        big = make_session(s, make_course(s, "C1", "领导力", credits=Decimal(60)), "S1")
        mid = make_session(s, make_course(s, "C2", "沟通", credits=Decimal(30)), "S2")
        online = make_session(s, make_course(s, "C3", "在线课", credits=Decimal(40)), "S3")
        sign_in(s, big, zhang)
        sign_in(s, mid, zhang, AttendanceStatus.LATE)
        sign_in(s, big, li)
        sign_in(s, mid, li, AttendanceStatus.ABSENT)
        sign_in(s, online, li, AttendanceStatus.COMPLETED)
        s.add_all(
            [
                TrainingRecord(
                    employee_id=zhang.id, course_title="旧课", on_date=date(2020, 1, 1), credits=15
                ),
                TrainingRecord(
                    employee_id=wang.id,
                    course_title="旧课",
                    on_date=date(2020, 1, 1),
                    credits=Decimal("99.5"),
                ),
            ]
        )
        return {"张三": zhang.id, "李四": li.id, "王五": wang.id}


def unlocked(db: Database) -> list[tuple[str, int, bool]]:
    with read_only(db) as s:
        return sorted((r.name, r.credits, r.granted) for r in milestone_rows(s))


def test_credits_are_those_of_the_training_history(db: Database, people: dict[str, int]) -> None:
    with read_only(db) as s:
        earned = credits_earned(s)
        assert earned == {people["张三"]: 105, people["李四"]: 100, people["王五"]: Decimal("99.5")}
        for employee_id, total in earned.items():
            assert employee_history(s, employee_id).credits == total
        assert credits_earned(s, [people["李四"]]) == {people["李四"]: 100}


def test_each_milestone_reached_is_unlocked_once_and_nothing_is_spent(
    db: Database, people: dict[str, int]
) -> None:
    added = check_milestones(db.uow(), at=AT)
    assert len(added) == 2
    assert unlocked(db) == [("张三", 100, False), ("李四", 100, False)]  # 王五 has 99.5: not yet
    assert check_milestones(db.uow(), at=LATER) == []  # running again adds nothing
    with read_only(db) as s:
        rows = milestone_rows(s)
        assert {r.unlocked_at for r in rows} == {AT}
        assert {r.reward_text for r in rows} == {"带薪假1天"}
        assert s.scalar(select(func.count()).select_from(PointEntry)) == 0

    with building(db) as s:  # 张三 reaches 205: the 200 milestone, and the 100 one stays as it was
        s.add(
            TrainingRecord(
                employee_id=people["张三"], course_title="新课", on_date=date(2026, 4, 2), credits=100
            )
        )
    assert len(check_milestones(db.uow(), [people["张三"], people["王五"]], at=LATER)) == 1
    assert unlocked(db) == [("张三", 100, False), ("张三", 200, False), ("李四", 100, False)]


def test_inactive_milestones_unlock_nothing(db: Database, people: dict[str, int]) -> None:
    with read_only(db) as s:
        hundred = s.scalar(select(CreditMilestone.id).where(CreditMilestone.credits == 100))
    assert hundred is not None
    set_milestone_active(db.uow(), hundred, False)
    assert check_milestones(db.uow(), at=AT) == []
    set_milestone_active(db.uow(), hundred, True)
    assert len(check_milestones(db.uow(), at=AT)) == 2


def test_inside_another_write_it_only_flushes(db: Database, people: dict[str, int]) -> None:
    with db.uow() as uow:
        assert len(check_milestones(uow.session, [people["李四"]], at=AT)) == 1
        # no commit: the caller's transaction decides
    assert unlocked(db) == []


def test_granting_once(db: Database, people: dict[str, int]) -> None:
    first = check_milestones(db.uow(), [people["张三"]], at=AT)[0]
    mark_granted(db.uow(), first, at=LATER)
    with read_only(db) as s:
        row = milestone_rows(s, granted=True)[0]
        assert (row.id, row.granted_at) == (first, LATER)
        assert milestone_rows(s, granted=False) == []
        assert next((m.credits, m.unlocked, m.granted) for m in list_milestones(s)) == (100, 1, 1)
    with pytest.raises(MilestoneAlreadyGranted, match=r"张三.*2026-05-01"):
        mark_granted(db.uow(), first, at=LATER)


def test_milestone_crud(db: Database) -> None:
    with read_only(db) as s:
        assert [(m.credits, m.reward_text) for m in list_milestones(s)] == [
            (100, "带薪假1天"),
            (200, "培训补贴2000元"),
            (300, "出国进修优先资格"),
        ]
    new = save_milestone(db.uow(), MilestoneData(500, " 荣誉证书 "))
    save_milestone(db.uow(), MilestoneData(400, "荣誉证书", active=False), new)
    with read_only(db) as s:
        assert get_milestone(s, new) == MilestoneData(400, "荣誉证书", False)
    with pytest.raises(ValidationFailed) as caught:
        save_milestone(db.uow(), MilestoneData(100, ""))
    assert {e.field for e in caught.value.errors} == {"milestone_credits", "milestone_reward"}
    assert "已有 100 学分的里程碑" in caught.value.message()
    with pytest.raises(ValidationFailed, match="学分"):
        save_milestone(db.uow(), MilestoneData(0, "x"))
