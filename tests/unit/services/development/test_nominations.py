"""Trainer nominations: a head nominates its own people only, HR accepts (→ 初级 trainer) or declines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from signing import ADMIN
from sqlalchemy import func, select
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models import Employee, EmployeeStatus, Role, TrainerLevel
from desktop_hr.models.development import NominationStatus, TrainerNomination
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.development.nominations import (
    NominationDecided,
    decide,
    nominate,
    nominations,
)
from desktop_hr.services.trust.permissions import (
    OutsideDepartment,
    PermissionDenied,
    Principal,
)


@dataclass
class Office:
    sales: int
    finance: int
    own: int  # 00001 陈静, 销售部
    own_sub: int  # 00002 李雷, 销售部/一组
    other: int  # 00003 王芳, 财务部
    left: int  # 00004 赵四, 销售部, left
    trainer: int  # 00005 钱五, 销售部, 中级 trainer
    sales_group: int  # 销售部/一组

    def head(self) -> Principal:
        """The head of 销售部 (and so of 一组 under it)."""
        return Principal(
            name="sales_head",
            role=Role.DEPARTMENT_HEAD,
            departments=frozenset({self.sales, self.sales_group}),
        )


def _office(db: Database) -> Office:
    with building(db) as session:
        sales = ensure_department_path(session, "总公司/销售部")
        group = ensure_department_path(session, "总公司/销售部/一组")
        finance = ensure_department_path(session, "总公司/财务部")
        people = [
            Employee(employee_no="00001", name="陈静", department_id=sales),
            Employee(employee_no="00002", name="李雷", department_id=group),
            Employee(employee_no="00003", name="王芳", department_id=finance),
            Employee(
                employee_no="00004",
                name="赵四",
                department_id=sales,
                status=EmployeeStatus.LEFT,
                leave_date=date(2025, 6, 30),
            ),
            Employee(
                employee_no="00005",
                name="钱五",
                department_id=sales,
                is_trainer=True,
                trainer_level=TrainerLevel.INTERMEDIATE,
            ),
        ]
        session.add_all(people)
        session.flush()
        ids = [p.id for p in people]
    return Office(sales, finance, *ids, group)


def _count(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count(TrainerNomination.id))) or 0)


def test_a_head_nominates_its_own_person_with_its_name_recorded(db: Database) -> None:
    office = _office(db)
    db.principal = office.head()
    nomination_id = nominate(db.uow(), office.own_sub, "  带新人很有耐心，课讲得清楚  ")
    with db.read_session() as session:
        row = session.get(TrainerNomination, nomination_id)
        assert row is not None
        assert (row.employee_id, row.reason, row.nominated_by, row.status) == (
            office.own_sub,
            "带新人很有耐心，课讲得清楚",
            "sales_head",
            NominationStatus.PENDING,
        )


def test_a_head_nominating_outside_its_subtree_is_refused_by_name_and_nothing_is_written(
    db: Database,
) -> None:
    office = _office(db)
    db.principal = office.head()
    with pytest.raises(OutsideDepartment) as refused:
        nominate(db.uow(), office.other, "财务分析能力强")
    message = refused.value.message()
    assert "只能处理本部门" in message and "00003 王芳" in message
    assert _count(db) == 0


def test_reason_required_and_limited(db: Database) -> None:
    office = _office(db)
    with pytest.raises(ValidationFailed) as empty:
        nominate(db.uow(), office.own, "  \u3000 ")
    assert [(e.field, e.reason) for e in empty.value.errors] == [("nomination_reason", "必填")]
    with pytest.raises(ValidationFailed) as long:
        nominate(db.uow(), office.own, "很" * 501)
    assert "超过 500 个字符" in long.value.message()
    assert nominate(db.uow(), office.own, "很" * 500) > 0
    assert _count(db) == 1


def test_someone_who_left_or_is_a_trainer_already_is_refused(db: Database) -> None:
    office = _office(db)
    with pytest.raises(ValidationFailed) as left:
        nominate(db.uow(), office.left, "曾是骨干")
    assert "00004 赵四 已离职" in left.value.message()
    with pytest.raises(ValidationFailed) as trainer:
        nominate(db.uow(), office.trainer, "课讲得好")
    assert "00005 钱五 已是内训师（中级）" in trainer.value.message()
    assert _count(db) == 0


def test_a_second_pending_nomination_is_refused_but_after_a_decline_one_may_follow(db: Database) -> None:
    office = _office(db)
    db.principal = office.head()
    first = nominate(db.uow(), office.own, "第一次推荐")
    with pytest.raises(ValidationFailed) as again:
        nominate(db.uow(), office.own, "再推荐一次")
    assert "00001 陈静 已有一条待审核的推荐（sales_head" in again.value.message()
    assert _count(db) == 1
    db.principal = ADMIN
    assert decide(db.uow(), first, accept=False, note="明年再议") is NominationStatus.DECLINED
    db.principal = office.head()
    assert nominate(db.uow(), office.own, "再推荐一次") != first
    assert _count(db) == 2


def test_hr_accepts_and_the_nominee_becomes_a_junior_trainer(db: Database) -> None:
    office = _office(db)
    db.principal = office.head()
    nomination_id = nominate(db.uow(), office.own, "业务骨干")
    with pytest.raises(PermissionDenied):  # deciding is HR's
        decide(db.uow(), nomination_id, accept=True)
    db.principal = ADMIN
    assert decide(db.uow(), nomination_id, accept=True, note="同意") is NominationStatus.ACCEPTED
    with db.read_session() as session:
        person = session.get(Employee, office.own)
        row = session.get(TrainerNomination, nomination_id)
        assert person is not None and row is not None
        assert (person.is_trainer, person.trainer_level) == (True, TrainerLevel.JUNIOR)
        assert (row.status, row.decided_by, row.decision_note) == (NominationStatus.ACCEPTED, "hr", "同意")
        assert row.decided_at is not None
    with pytest.raises(NominationDecided) as twice:
        decide(db.uow(), nomination_id, accept=False)
    assert twice.value.message() == "对 00001 陈静 的推荐已审核（已接受），不能再次审核"


def test_a_decline_leaves_the_person_as_they_were(db: Database) -> None:
    office = _office(db)
    nomination_id = nominate(db.uow(), office.own, "业务骨干")
    decide(db.uow(), nomination_id, accept=False, note="暂不需要")
    with db.read_session() as session:
        person = session.get(Employee, office.own)
        row = session.get(TrainerNomination, nomination_id)
        assert person is not None and row is not None
        assert (person.is_trainer, person.trainer_level) == (False, None)
        assert (row.status, row.decision_note) == (NominationStatus.DECLINED, "暂不需要")


def test_a_head_sees_only_its_subtrees_nominations_and_the_status_filter_works(db: Database) -> None:
    office = _office(db)
    nominate(db.uow(), office.other, "财务骨干")  # HR nominates anyone
    accepted = nominate(db.uow(), office.own, "销售骨干")
    decide(db.uow(), accepted, accept=True)
    db.principal = office.head()
    nominate(db.uow(), office.own_sub, "一组骨干")
    head = office.head()
    with db.read_session() as session:
        seen = nominations(session, head)
        assert [(r.employee_no, r.department, r.status) for r in seen] == [
            ("00002", "总公司/销售部/一组", NominationStatus.PENDING),
            ("00001", "总公司/销售部", NominationStatus.ACCEPTED),
        ]
        assert [r.employee_no for r in nominations(session, head, NominationStatus.PENDING)] == ["00002"]
    db.principal = ADMIN
    with db.read_session() as session:
        everyone = nominations(session, ADMIN)
        assert [r.employee_no for r in everyone] == ["00002", "00001", "00003"]
        assert [r.nominated_by for r in everyone] == ["sales_head", "hr", "hr"]
