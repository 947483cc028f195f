"""Balances and the leaderboard a page at a time: the order and the search are SQL's, the figures those of the
whole lists, and a department head sees only its own subtree.

People (Q1 2026):
  00001 张三 总公司/甲部      ATTEND +10, MANUAL +40, a redemption hold -30 → earned 50, redeemed 30, balance 20
  00002 李四 总公司/甲部/一组  ACTION_PLAN +20, TEACH +30                   → 50 (tied with 张三 on the board)
  00003 王五 总公司/乙部      ATTEND +10                                    → 10
  00004 赵六 总公司/乙部, left MANUAL +100                                  → on balances, never on a board
  00005 孙七 总公司/甲部      nothing                                       → zeros
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from training_data import building, make_people

from desktop_hr.db import Database, read_only
from desktop_hr.models import EmployeeStatus, PointCategory, Role
from desktop_hr.services.archive.organisation import ensure_department_path, subtree_ids
from desktop_hr.services.points.ledger import MANUAL, REDEEM, Posting, post
from desktop_hr.services.points.point_reports import BalanceRow, Period, balance_rows, leaderboard
from desktop_hr.services.points.standings import (
    BALANCE_SORTS,
    LEADER_SORTS,
    BalanceQuery,
    LeaderQuery,
    balance_ids,
    balance_page,
    leader_page,
    leader_standings,
)
from desktop_hr.services.trust.permissions import Principal

Q1 = Period.quarter(date(2026, 2, 1))
WHEN = datetime(2026, 2, 3, 9)


@dataclass(frozen=True)
class Office:
    ids: dict[str, int]  # 工号 -> id
    dept_a: int  # 总公司/甲部, with 一组 under it


@pytest.fixture
def office(db: Database) -> Office:
    with building(db) as session:
        dept_a = ensure_department_path(session, "总公司/甲部")
        group = ensure_department_path(session, "总公司/甲部/一组")
        dept_b = ensure_department_path(session, "总公司/乙部")
        (zhang,) = make_people(session, {"00001": "张三"}, department_id=dept_a)
        (li,) = make_people(session, {"00002": "李四"}, department_id=group)
        (wang,) = make_people(session, {"00003": "王五"}, department_id=dept_b)
        (zhao,) = make_people(session, {"00004": "赵六"}, department_id=dept_b, status=EmployeeStatus.LEFT)
        (sun,) = make_people(session, {"00005": "孙七"}, department_id=dept_a)
        for person, points, category, code in (
            (zhang, 10, PointCategory.PARTICIPATION, "ATTEND_OFFLINE"),
            (zhang, 40, PointCategory.OTHER, MANUAL),
            (zhang, -30, PointCategory.OTHER, REDEEM),
            (li, 20, PointCategory.OUTPUT, "ACTION_PLAN"),
            (li, 30, PointCategory.SHARING, "TEACH_SESSION"),
            (wang, 10, PointCategory.PARTICIPATION, "ATTEND_OFFLINE"),
            (zhao, 100, PointCategory.OTHER, MANUAL),
        ):
            post(session, Posting(person.id, points, category, WHEN, code, reason="t"))
        ids = {p.employee_no: p.id for p in (zhang, li, wang, zhao, sun)}
    return Office(ids, dept_a)


def numbers(db: Database, ids: list[int]) -> list[str]:
    with read_only(db) as session:
        rows = balance_page(session, ids)
    return [rows[i].employee_no for i in ids]


def test_a_page_of_balances_has_the_figures_of_the_whole_list(db: Database, office: Office) -> None:
    with read_only(db) as session:
        whole = {row.employee_id: row for row in balance_rows(session)}
        ids = balance_ids(session, BalanceQuery())
        page = balance_page(session, ids[1:4])
    assert ids == [office.ids[no] for no in ("00001", "00002", "00003", "00004", "00005")]
    assert list(page) == ids[1:4]
    assert all(page[i] == whole[i] for i in page)
    zhang = balance_page_of(db, office.ids["00001"])
    assert (zhang.earned, zhang.redeemed, zhang.balance, zhang.other) == (50, 30, 20, 40)
    assert zhang.department == "总公司/甲部"


def balance_page_of(db: Database, employee_id: int) -> BalanceRow:
    with read_only(db) as session:
        return balance_page(session, [employee_id])[employee_id]


@pytest.mark.parametrize("sort", BALANCE_SORTS)
def test_every_column_sorts_in_sql_both_ways_with_ties_by_employee_no(
    db: Database, office: Office, sort: str
) -> None:
    with read_only(db) as session:
        rows = balance_rows(session)
        for descending in (False, True):
            ids = balance_ids(session, BalanceQuery(sort=sort, descending=descending))
            if sort == "department":
                continue  # below: the tree's order, not the names'
            expected = sorted(rows, key=lambda r: (getattr(r, sort), r.employee_no), reverse=descending)
            assert ids == [r.employee_id for r in expected], (sort, descending)


def test_departments_sort_in_the_trees_order(db: Database, office: Office) -> None:
    """A department's people, then those of its sub-departments, then the next department's."""
    with read_only(db) as session:
        ascending = balance_ids(session, BalanceQuery(sort="department"))
        descending = balance_ids(session, BalanceQuery(sort="department", descending=True))
    assert numbers(db, ascending) == ["00001", "00005", "00002", "00003", "00004"]
    assert numbers(db, descending) == ["00004", "00003", "00002", "00005", "00001"]


def test_the_search_matches_employee_no_or_name_literally(db: Database, office: Office) -> None:
    with read_only(db) as session:
        assert numbers(db, balance_ids(session, BalanceQuery(text="李"))) == ["00002"]
        assert numbers(db, balance_ids(session, BalanceQuery(text="0000"))) == [
            "00001",
            "00002",
            "00003",
            "00004",
            "00005",
        ]
        assert balance_ids(session, BalanceQuery(text="%")) == []  # a wildcard typed is a character
        by_balance = balance_ids(session, BalanceQuery(text="张", sort="balance", descending=True))
    assert numbers(db, by_balance) == ["00001"]


def test_leader_standings_rank_like_the_whole_leaderboard_whatever_the_order(
    db: Database, office: Office
) -> None:
    with read_only(db) as session:
        whole = leaderboard(session, Q1)
        standings = leader_standings(session, LeaderQuery(Q1))
        page = leader_page(session, standings)
        by_name = leader_standings(session, LeaderQuery(Q1, sort="name"))
        worst_first = leader_standings(session, LeaderQuery(Q1, sort="rank", descending=True))
        q2 = leader_standings(session, LeaderQuery(Period.quarter(date(2026, 5, 1))))
    assert (
        [(s.rank, s.points) for s in standings]
        == [(r.rank, r.points) for r in whole]
        == [
            (1, 50),
            (1, 50),
            (3, 10),
        ]
    )
    assert [page[s.employee_id] for s in standings] == whole  # 赵六 left: not ranked
    assert [s.employee_id for s in by_name] == [
        office.ids[no] for no in sorted(("00001", "00002", "00003"), key=lambda n: page[office.ids[n]].name)
    ]
    assert {s.employee_id: s.rank for s in by_name} == {s.employee_id: s.rank for s in standings}
    assert [s.rank for s in worst_first] == [3, 1, 1]
    assert q2 == []
    assert set(LEADER_SORTS) >= {"rank", "points", "name"}


def test_a_department_head_pages_through_its_own_subtree_only(db: Database, office: Office) -> None:
    with read_only(db) as session:
        subtree = frozenset(subtree_ids(session, office.dept_a))
    db.principal = Principal(
        name="head", role=Role.DEPARTMENT_HEAD, department_id=office.dept_a, departments=subtree
    )
    with read_only(db) as session:
        ids = balance_ids(session, BalanceQuery(sort="balance", descending=True))
        outside = balance_page(session, [office.ids["00003"], office.ids["00004"]])
        standings = leader_standings(session, LeaderQuery(Q1))
        searched = balance_ids(session, BalanceQuery(text="王"))
    assert ids == [office.ids[no] for no in ("00002", "00001", "00005")]  # 50, 20, 0
    assert outside == {}  # 乙部's people are not even read
    assert [(s.employee_id, s.rank) for s in standings] == [
        (office.ids["00001"], 1),
        (office.ids["00002"], 1),
    ]
    assert searched == []
