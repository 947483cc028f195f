"""Rewards and redemption: the catalogue, points held at the request and given back, stock on approval."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select
from training_data import building, make_people

from desktop_hr.db import Database, read_only
from desktop_hr.models import PointCategory, PointEntry, Redemption, RedemptionStatus
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.points import ledger
from desktop_hr.services.points.rewards import (
    SOURCE_TYPE,
    RedemptionWrongStatus,
    RewardData,
    RewardFree,
    RewardInactive,
    RewardOutOfStock,
    approve,
    cancel,
    fulfil,
    get_reward,
    list_rewards,
    redemption_rows,
    reject,
    request_redemption,
    save_reward,
    set_active,
)

EARNED = datetime(2026, 3, 1, 9)
T1, T2, T3, T4 = (datetime(2026, 3, d, 10) for d in (10, 11, 12, 13))


def give(db: Database, employee_id: int, points: int) -> None:
    with db.uow() as uow:
        ledger.post(
            uow.session,
            ledger.Posting(
                employee_id, points, PointCategory.PARTICIPATION, EARNED, ledger.MANUAL, reason="t"
            ),
        )
        uow.commit()


def balance(db: Database, employee_id: int) -> int:
    with read_only(db) as s:
        return ledger.balance(s, employee_id)


def stock(db: Database, reward_id: int) -> int | None:
    with read_only(db) as s:
        return get_reward(s, reward_id).stock


def entries(db: Database) -> list[tuple[int, int, int, str, int | None, int | None]]:
    """(id, employee, points, rule code, source id, reverses id) of every ledger line, in order."""
    with read_only(db) as s:
        return [
            (e.id, e.employee_id, e.points, e.rule_code, e.source_id, e.reverses_id)
            for e in s.scalars(select(PointEntry).order_by(PointEntry.id))
        ]


def status(db: Database, redemption_id: int) -> RedemptionStatus:
    with read_only(db) as s:
        return s.get_one(Redemption, redemption_id).status


@pytest.fixture
def people(db: Database) -> tuple[int, int]:
    with building(db) as s:
        first, second = make_people(s, {"00001": "张三", "00002": "李四"})
        return first.id, second.id


@pytest.fixture
def leave(db: Database) -> int:
    """A reward costing 100 points, three in stock."""
    return save_reward(db.uow(), RewardData(" 带薪假2天 ", 100, stock=3, description="两天"))


def test_catalogue_add_edit_deactivate(db: Database, leave: int) -> None:
    with read_only(db) as s:
        seeded = {r.name: r for r in list_rewards(s)}
    assert seeded["带薪假2天"].cost == 100 and seeded["带薪假2天"].stock == 3
    assert {"带薪假1天", "高级外部课程", "免费职业测评"} <= seeded.keys()  # DOMAIN.md's defaults

    save_reward(db.uow(), RewardData("带薪假2天", 150, stock=None, description="改"), leave)
    set_active(db.uow(), leave, False)
    with read_only(db) as s:
        assert get_reward(s, leave) == RewardData("带薪假2天", 150, None, False, "改")
        assert leave not in {r.id for r in list_rewards(s, active_only=True)}


def test_catalogue_refuses_bad_values_naming_the_field(db: Database, leave: int) -> None:
    with pytest.raises(ValidationFailed) as caught:
        save_reward(db.uow(), RewardData("带薪假2天", -1, stock=-2))
    fields = {e.field: e.value for e in caught.value.errors}
    assert fields == {"reward_name": "带薪假2天", "reward_cost": "-1", "reward_stock": "-2"}
    assert "已有同名奖励" in caught.value.message()
    with pytest.raises(ValidationFailed, match="奖励名称"):
        save_reward(db.uow(), RewardData("   ", 10))
    with read_only(db) as s:
        assert get_reward(s, leave).cost == 100


def test_points_held_at_request_and_given_back_on_reject(
    db: Database, people: tuple[int, int], leave: int
) -> None:
    zhang, _li = people
    give(db, zhang, 150)
    assert balance(db, zhang) == 150

    first = request_redemption(db.uow(), zhang, leave, at=T1)
    assert balance(db, zhang) == 150 - 100 == 50
    hold = entries(db)[-1]
    assert hold[1:] == (zhang, -100, ledger.REDEEM, first, None)
    assert stock(db, leave) == 3  # stock moves on approval, not on the request

    reject(db.uow(), first, at=T2)
    assert balance(db, zhang) == 50 + 100 == 150
    back = entries(db)[-1]
    assert back[1:] == (zhang, 100, ledger.REDEEM, first, hold[0])
    assert status(db, first) == RedemptionStatus.REJECTED
    with read_only(db) as s:
        line = s.get_one(PointEntry, back[0])
        assert (line.category, line.source_type, line.occurred_at) == (PointCategory.OTHER, SOURCE_TYPE, T2)
        row = redemption_rows(s, employee_id=zhang)[0]
    assert (row.status, row.points, row.reward_name, row.decided_at, row.actor) == (
        RedemptionStatus.REJECTED,
        100,
        "带薪假2天",
        T2,
        "hr",
    )


def test_cancel_gives_back_points_and_the_stock_of_an_approved_one(
    db: Database, people: tuple[int, int], leave: int
) -> None:
    zhang, _li = people
    give(db, zhang, 150)
    requested = request_redemption(db.uow(), zhang, leave, at=T1)
    approve(db.uow(), requested, at=T2)
    assert (balance(db, zhang), stock(db, leave)) == (50, 2)
    cancel(db.uow(), requested, at=T3)
    assert (balance(db, zhang), stock(db, leave)) == (150, 3)

    waiting = request_redemption(db.uow(), zhang, leave, at=T3)
    assert balance(db, zhang) == 50
    cancel(db.uow(), waiting, at=T4)  # cancelled before any decision: no stock to give back
    assert (balance(db, zhang), stock(db, leave)) == (150, 3)
    assert status(db, waiting) == RedemptionStatus.CANCELLED


def test_fulfilled_keeps_the_points_spent_and_cannot_be_undone(
    db: Database, people: tuple[int, int], leave: int
) -> None:
    zhang, _li = people
    give(db, zhang, 100)
    done = request_redemption(db.uow(), zhang, leave, at=T1)
    approve(db.uow(), done, at=T2)
    fulfil(db.uow(), done, at=T3)
    assert (balance(db, zhang), stock(db, leave)) == (0, 2)
    with read_only(db) as s:
        row = redemption_rows(s, status=RedemptionStatus.FULFILLED)[0]
    assert (row.id, row.fulfilled_at) == (done, T3)
    before = entries(db)
    for step in (approve, reject, fulfil, cancel):
        with pytest.raises(RedemptionWrongStatus, match=f"#{done}.*已兑现"):
            step(db.uow(), done, at=T4)
    assert entries(db) == before
    assert (balance(db, zhang), stock(db, leave)) == (0, 2)


def test_approving_twice_is_refused_naming_the_redemption(
    db: Database, people: tuple[int, int], leave: int
) -> None:
    zhang, _li = people
    give(db, zhang, 100)
    once = request_redemption(db.uow(), zhang, leave, at=T1)
    approve(db.uow(), once, at=T2)
    with pytest.raises(RedemptionWrongStatus) as caught:
        approve(db.uow(), once, at=T3)
    assert f"#{once}" in caught.value.message() and "张三" in caught.value.message()
    assert "已批准" in caught.value.message()
    assert stock(db, leave) == 2  # taken once only
    with pytest.raises(RedemptionWrongStatus, match="已批准"):
        reject(db.uow(), once, at=T3)


def test_a_request_above_the_balance_writes_nothing(
    db: Database, people: tuple[int, int], leave: int
) -> None:
    zhang, _li = people
    give(db, zhang, 99)
    before = entries(db)
    with pytest.raises(ledger.InsufficientPoints, match="99"):
        request_redemption(db.uow(), zhang, leave, at=T1)
    assert entries(db) == before
    assert balance(db, zhang) == 99
    with read_only(db) as s:
        assert s.scalar(select(func.count()).select_from(Redemption)) == 0


def test_stock_never_below_zero(db: Database, people: tuple[int, int]) -> None:
    zhang, li = people
    last = save_reward(db.uow(), RewardData("限量礼品", 10, stock=1))
    for person in people:
        give(db, person, 10)
    first = request_redemption(db.uow(), zhang, last, at=T1)
    second = request_redemption(db.uow(), li, last, at=T1)  # both may ask while one is in stock
    approve(db.uow(), first, at=T2)
    assert stock(db, last) == 0
    with pytest.raises(RewardOutOfStock, match="限量礼品"):
        approve(db.uow(), second, at=T2)
    assert (stock(db, last), status(db, second)) == (0, RedemptionStatus.REQUESTED)
    reject(db.uow(), second, at=T3)
    assert balance(db, li) == 10
    with pytest.raises(RewardOutOfStock):
        request_redemption(db.uow(), li, last, at=T3)
    assert balance(db, li) == 10


def test_inactive_or_free_rewards_cannot_be_requested(
    db: Database, people: tuple[int, int], leave: int
) -> None:
    zhang, _li = people
    give(db, zhang, 500)
    set_active(db.uow(), leave, False)
    with pytest.raises(RewardInactive, match="带薪假2天"):
        request_redemption(db.uow(), zhang, leave, at=T1)
    free = save_reward(db.uow(), RewardData("免费咖啡", 0))
    with pytest.raises(RewardFree):
        request_redemption(db.uow(), zhang, free, at=T1)
    assert balance(db, zhang) == 500


def test_rows_filtered_by_status_and_person_with_counts_on_the_catalogue(
    db: Database, people: tuple[int, int], leave: int
) -> None:
    zhang, li = people
    give(db, zhang, 300)
    give(db, li, 300)
    a = request_redemption(db.uow(), zhang, leave, at=T1)
    b = request_redemption(db.uow(), li, leave, at=T2)
    c = request_redemption(db.uow(), li, leave, at=T3)
    approve(db.uow(), b, at=T3)
    with read_only(db) as s:
        assert [r.id for r in redemption_rows(s)] == [c, b, a]  # newest first
        assert [r.id for r in redemption_rows(s, RedemptionStatus.REQUESTED)] == [c, a]
        assert [r.id for r in redemption_rows(s, employee_id=li)] == [c, b]
        row = next(r for r in list_rewards(s) if r.id == leave)
    assert (row.requested, row.approved, row.stock) == (2, 1, 2)
