"""Reminder notices per department: who is on whose notice, with what, to whom it is addressed."""

from __future__ import annotations

import pytest
from notice_cases import SALES, SOUTH_ADDRESS, TECH, TECH_ADDRESS, TODAY, build_office

from desktop_hr.db import Database
from desktop_hr.errors import InvalidField
from desktop_hr.models import Role
from desktop_hr.services.training import notices
from desktop_hr.services.training.notices import Notice, department_addresses, reminder_notices
from desktop_hr.services.training.reminders import ReminderKind, reminders
from desktop_hr.services.trust.permissions import PermissionDenied, Principal


def _notices(db: Database, **options: object) -> list[Notice]:
    with db.read_session() as session:
        return reminder_notices(session, TODAY, **options)  # type: ignore[arg-type]


def _by_department(found: list[Notice]) -> dict[str, Notice]:
    return {n.department: n for n in found}


def test_one_notice_per_department_with_its_own_people_only(db: Database) -> None:
    build_office(db)
    found = _by_department(_notices(db))
    assert sorted(found) == ["总公司/华南分部/销售部", "总公司/技术部", "总公司/财务部"]
    tech = found[TECH]
    assert [(p.employee_no, p.name) for p in tech.people] == [
        ("0001", "张伟"),
        ("0002", "李娜"),
        ("0003", "王芳"),
    ]
    # The person of the other departments, and the one who left, are not on the technical department's notice.
    assert {p.employee_no for p in tech.people}.isdisjoint({"0004", "0005", "0006"})
    assert [p.employee_no for p in found[SALES].people] == ["0004"]


def test_each_person_has_their_own_lines(db: Database) -> None:
    build_office(db)
    tech = _by_department(_notices(db))[TECH]
    lines = {p.employee_no: p.items for p in tech.people}
    (session_soon,) = lines["0001"]
    assert session_soon.kind is ReminderKind.UPCOMING_SESSION
    assert session_soon.session_code == "S-UP" and session_soon.place == "三楼培训室"
    assert session_soon.when() == "还有 3 天"
    assert (
        session_soon.line()
        == "培训即将开始：沟通技巧（班次 S-UP） · 2026-03-04 09:00 开始 · 三楼培训室（还有 3 天）"
    )
    (overdue,) = lines["0002"]
    assert overdue.kind is ReminderKind.SUBMISSION_OVERDUE
    assert (overdue.what(), overdue.due.isoformat(), overdue.when()) == (
        "心得已逾期",
        "2026-02-24",
        "逾期 5 天",
    )
    (chase,) = lines["0003"]
    assert chase.kind is ReminderKind.ACTION_PLAN_CHASE
    assert (chase.what(), chase.session_code) == ("行动计划待催交", "S-AP")
    assert tech.count(ReminderKind.UPCOMING_SESSION) == 1 and len(tech.items()) == 3


def test_the_lines_are_the_home_tabs_reminders(db: Database) -> None:
    """Every person line of the Home tab is on exactly one notice, and no notice line is not on the Home tab."""
    build_office(db)
    with db.read_session() as session:
        home = reminders(session, TODAY)
    personal = {(r.kind, r.session_id, r.employee_id) for r in home if r.employee_id is not None}
    found = _notices(db)
    on_notices = {
        (item.kind, item.session_code, person.employee_id)
        for notice in found
        for person, item in notice.items()
        if item.kind is not ReminderKind.UPCOMING_SESSION
    }
    codes = {"S-RF", "S-AP"}
    assert {(k, e) for k, _s, e in personal} == {(k, e) for k, c, e in on_notices if c in codes}
    assert len(on_notices) == len(personal)


def test_heads_and_addresses(db: Database) -> None:
    build_office(db)
    found = _by_department(_notices(db))
    tech, sales, finance = found[TECH], found[SALES], found["总公司/财务部"]
    assert (tech.heads, tech.address) == (("王强",), TECH_ADDRESS)
    assert tech.addressee() == "技术部负责人（王强）"
    # 销售部 has no head and no address of its own: the branch's head sees it, the branch's address serves.
    assert (sales.heads, sales.address) == (("赵敏",), SOUTH_ADDRESS)
    assert (finance.heads, finance.address) == ((), "")


def test_a_department_and_its_subtree_or_exactly_the_picked_ones(db: Database) -> None:
    office = build_office(db)
    assert [n.department for n in _notices(db, department_id=office.south)] == [SALES]
    assert [n.department for n in _notices(db, departments=[office.tech])] == [TECH]
    assert _notices(db, department_id=office.south, departments=[office.tech]) == []


def test_a_department_head_gets_only_its_own_departments(db: Database) -> None:
    office = build_office(db)
    head = Principal(
        "zhao",
        Role.DEPARTMENT_HEAD,
        department_id=office.south,
        departments=frozenset({office.south, office.sales}),
    )
    assert [n.department for n in _notices(db, principal=head)] == [SALES]


def test_nothing_due_no_notice(db: Database) -> None:
    assert _notices(db) == []


def test_the_letter_text(db: Database) -> None:
    build_office(db)
    tech = _by_department(_notices(db))[TECH]
    subject = notices.subject(tech, TODAY)
    assert subject == "【培训提醒通知】总公司/技术部：3 人 3 项待办（2026-03-01）"
    body = notices.body(tech, TODAY, "示例公司")
    assert body.startswith("技术部负责人（王强）：")
    assert "一、3 天内开始的培训（1 项）" in body
    assert "0002 李娜：心得已逾期：公文写作（班次 S-RF） · 截止 2026-02-24（逾期 5 天）" in body
    assert "三、待催交的行动计划（1 项）" in body
    assert "刘洋" not in body
    assert notices.file_name(tech, TODAY) == "培训提醒通知_技术部_2026-03-01.pdf"


def test_addresses_are_checked_and_cleared(db: Database) -> None:
    office = build_office(db, addresses=False)
    with pytest.raises(InvalidField) as refused:
        notices.set_department_addresses(db.uow(), {office.tech: "a@x.cn；not-an-address"})
    assert "not-an-address" in refused.value.message()
    notices.set_department_addresses(db.uow(), {office.tech: "a@x.cn；b@x.cn"})
    with db.read_session() as session:
        assert department_addresses(session) == {office.tech: "a@x.cn, b@x.cn"}
    notices.set_department_addresses(db.uow(), {office.tech: ""})
    with db.read_session() as session:
        assert department_addresses(session) == {}


def test_only_administrators_set_addresses(db: Database) -> None:
    built = build_office(db, addresses=False)
    db.principal = Principal("clerk", Role.CLERK)
    with pytest.raises(PermissionDenied):
        notices.set_department_addresses(db.uow(), {built.tech: "a@x.cn"})
