"""The training-needs pool: what heads and HR may submit and see, HR's status changes and links, deletion."""

from __future__ import annotations

import pytest
from needs_cases import Office, small_office
from sqlalchemy import func, select
from training_data import building, make_session

from desktop_hr.db import Database
from desktop_hr.models import AuditEntry, Role
from desktop_hr.models.development import NeedStatus, TrainingNeed
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.development.needs import (
    NeedData,
    NeedNotDeletable,
    delete_need,
    needs,
    set_status,
    submit_need,
    update_need,
)
from desktop_hr.services.trust.permissions import PermissionDenied, Principal


@pytest.fixture
def office(db: Database) -> Office:
    return small_office(db)


def count(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(TrainingNeed)) or 0)


def listed(db: Database, principal: Principal | None = None, **kwargs: object) -> list[tuple[str, str]]:
    with db.read_session() as session:
        rows = needs(session, principal or db.principal, **kwargs)  # type: ignore[arg-type]
    return [(row.title, row.department) for row in rows]


def test_hr_submits_a_need_as_new_with_its_account(db: Database, office: Office) -> None:
    need_id = submit_need(
        db.uow(),
        NeedData(
            "  谈判技巧提升  ",
            office.departments["销售部"],
            office.competencies["谈判技巧"],
            "  大客户谈判  ",
        ),
    )
    with db.read_session() as session:
        (row,) = needs(session, db.principal)
    assert row.id == need_id
    assert (row.title, row.detail, row.department, row.competency) == (
        "谈判技巧提升",
        "大客户谈判",
        "总公司/销售部",
        "谈判技巧",
    )
    assert row.status is NeedStatus.NEW and row.submitted_by == db.principal.name  # type: ignore[union-attr]
    # HR may leave the department open (a company-wide need).
    submit_need(db.uow(), NeedData("全员安全意识"))
    assert count(db) == 2


@pytest.mark.parametrize(
    ("title", "field"),
    [("", "需求"), ("长" * 201, "需求")],
)
def test_a_title_is_required_and_at_most_200(db: Database, office: Office, title: str, field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        submit_need(db.uow(), NeedData(title, office.departments["销售部"]))
    assert field in refused.value.message()
    assert count(db) == 0


def test_a_head_submits_for_its_subtree_only_and_nothing_is_written_otherwise(
    db: Database, office: Office
) -> None:
    db.principal = office.head("销售部")
    submit_need(db.uow(), NeedData("华东组带教", office.departments["华东组"]))
    with pytest.raises(ValidationFailed) as refused:
        submit_need(db.uow(), NeedData("技术部的需求", office.departments["技术部"]))
    message = refused.value.message()
    assert "总公司/技术部" in message and "总公司/销售部" in message
    with pytest.raises(ValidationFailed, match="部门负责人提交需求时须选择部门"):
        submit_need(db.uow(), NeedData("没有部门"))
    assert count(db) == 1


def test_heads_see_only_their_subtrees_needs(db: Database, office: Office) -> None:
    for title, department in (("销售", "销售部"), ("华东", "华东组"), ("技术", "技术部")):
        submit_need(db.uow(), NeedData(title, office.departments[department]))
    submit_need(db.uow(), NeedData("全公司"))
    assert sorted(t for t, _ in listed(db)) == ["全公司", "华东", "技术", "销售"]
    assert sorted(t for t, _ in listed(db, office.head("销售部"))) == ["华东", "销售"]
    assert listed(db, office.head("华东组")) == [("华东", "总公司/销售部/华东组")]
    assert sorted(t for t, _ in listed(db, department_id=office.departments["销售部"])) == ["华东", "销售"]
    assert listed(db, text="技术部") == [("技术", "总公司/技术部")]


def test_only_hr_edits_changes_status_and_deletes(db: Database, office: Office) -> None:
    db.principal = office.head("销售部")
    need_id = submit_need(db.uow(), NeedData("销售", office.departments["销售部"]))
    for change in (
        lambda: update_need(db.uow(), need_id, NeedData("改", office.departments["销售部"])),
        lambda: set_status(db.uow(), need_id, NeedStatus.ADOPTED),
        lambda: delete_need(db.uow(), need_id),
    ):
        with pytest.raises(PermissionDenied):
            change()
    auditor = Principal(name="audit", role=Role.AUDITOR)
    db.principal = auditor
    with pytest.raises(PermissionDenied):
        submit_need(db.uow(), NeedData("审计", office.departments["销售部"]))
    assert listed(db) == [("销售", "总公司/销售部")]


def test_scheduling_needs_a_course_or_a_session_whose_course_becomes_the_course(
    db: Database, office: Office
) -> None:
    need_id = submit_need(db.uow(), NeedData("谈判", office.departments["销售部"]))
    with pytest.raises(ValidationFailed, match="已排课"):
        set_status(db.uow(), need_id, NeedStatus.SCHEDULED)
    with building(db) as session:
        session_id = make_session(session, office.courses["T01"], "S-T01").id
    set_status(db.uow(), need_id, NeedStatus.SCHEDULED, session_id=session_id, note="排入三月班")
    with db.read_session() as session:
        (row,) = needs(session, db.principal)
    assert (row.status, row.course, row.session, row.note) == (
        NeedStatus.SCHEDULED,
        "T01 教练式辅导",
        "S-T01",
        "排入三月班",
    )
    # A course instead: the session link goes; closing keeps the course.
    set_status(db.uow(), need_id, NeedStatus.SCHEDULED, course_id=office.courses["N01"])
    set_status(db.uow(), need_id, NeedStatus.CLOSED)
    with db.read_session() as session:
        (row,) = needs(session, db.principal, status=NeedStatus.CLOSED)
    assert (row.course, row.session, row.note) == ("N01 商务谈判实务", "", "排入三月班")


def test_hr_edits_a_need(db: Database, office: Office) -> None:
    need_id = submit_need(db.uow(), NeedData("谈判", office.departments["销售部"]))
    update_need(
        db.uow(), need_id, NeedData("团队培养", office.departments["技术部"], office.competencies["团队培养"])
    )
    with pytest.raises(ValidationFailed):
        update_need(db.uow(), need_id, NeedData(" ", office.departments["技术部"]))
    with db.read_session() as session:
        (row,) = needs(session, db.principal)
    assert (row.title, row.department, row.competency) == ("团队培养", "总公司/技术部", "团队培养")


def test_only_new_or_closed_needs_are_deleted_with_the_reason_in_the_trail(
    db: Database, office: Office
) -> None:
    need_id = submit_need(db.uow(), NeedData("谈判", office.departments["销售部"]))
    set_status(db.uow(), need_id, NeedStatus.ADOPTED)
    with pytest.raises(NeedNotDeletable, match="已采纳"):
        delete_need(db.uow(), need_id, "重复")
    assert count(db) == 1
    set_status(db.uow(), need_id, NeedStatus.CLOSED)
    delete_need(db.uow(), need_id, "与另一条需求重复")
    assert count(db) == 0
    with db.read_session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "training_need", AuditEntry.action == "delete")
        ).one()
    assert entry.reason == "与另一条需求重复" and entry.record_id == str(need_id)
