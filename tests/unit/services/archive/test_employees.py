"""The employee archive service: create, validate, edit with undo data, leave, delete only when unreferenced."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_hr.db import Database
from desktop_hr.errors import DuplicateEmployeeNo, StillReferenced
from desktop_hr.models import EmployeeStatus, Gender, PersonnelCategory, Rank
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.archive import organisation as org
from desktop_hr.services.archive.reviews import GoalData, ReviewData, save_goal, save_review


def make(db: Database, no: str, name: str, **kw: object) -> int:
    return emp.create_employee(db.uow(), emp.EmployeeData(employee_no=no, name=name, **kw))  # type: ignore[arg-type]


def test_create_keeps_leading_zeros_and_trims_full_width_spaces(db: Database) -> None:
    new_id = make(db, " 00012\u3000", "\u3000徐梅芬 ", phone=" 15997528820 ")
    with db.read_session() as s:
        data = emp.get_employee(s, new_id)
    assert (data.employee_no, data.name, data.phone) == ("00012", "徐梅芬", "15997528820")


def test_duplicate_employee_no_is_refused_naming_the_holder(db: Database) -> None:
    make(db, "00001", "杜凤勇")
    with pytest.raises(DuplicateEmployeeNo, match=r"00001.*杜凤勇"):
        make(db, "00001", "赵菲勇")
    with db.read_session() as s:
        assert len(emp.employee_ids(s, emp.EmployeeQuery())) == 1


def test_validation_lists_every_bad_field_and_writes_nothing(db: Database) -> None:
    with pytest.raises(emp.ValidationFailed) as caught:
        make(
            db,
            "",
            "张三",
            id_card_no="510107197304019708",
            birth_date=date(1973, 4, 1),
            hire_date=date(1970, 1, 1),
            phone="abc",
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"employee_no", "id_card_no", "hire_date", "phone"}
    assert "身份证号" in caught.value.message() and "510107197304019708" in caught.value.message()
    with db.read_session() as s:
        assert emp.employee_ids(s, emp.EmployeeQuery()) == []


def test_update_returns_before_and_after_for_undo(db: Database) -> None:
    eid = make(db, "00003", "韩琬", rank=Rank.MIDDLE)
    with db.read_session() as s:
        before = emp.get_employee(s, eid)
    change = emp.update_employee(db.uow(), eid, replace(before, phone="19543231948"))
    assert change.changed and change.before.phone is None and change.after.phone == "19543231948"
    emp.update_employee(db.uow(), eid, change.before)  # undo
    with db.read_session() as s:
        assert emp.get_employee(s, eid).phone is None


def test_leaving_keeps_the_record_and_rehire_clears_the_date(db: Database) -> None:
    eid = make(db, "00007", "林岚荔", hire_date=date(2012, 2, 24))
    emp.mark_left(db.uow(), eid, date(2026, 3, 1))
    with db.read_session() as s:
        data = emp.get_employee(s, eid)
        assert (data.status, data.leave_date) == (EmployeeStatus.LEFT, date(2026, 3, 1))
        assert emp.employee_ids(s, emp.EmployeeQuery(statuses=frozenset({EmployeeStatus.LEFT}))) == [eid]
    emp.rehire(db.uow(), eid)
    with db.read_session() as s:
        assert emp.get_employee(s, eid).leave_date is None


def test_leave_date_before_hire_date_is_refused(db: Database) -> None:
    eid = make(db, "1", "张三", hire_date=date(2020, 5, 1))
    with pytest.raises(emp.ValidationFailed, match="入职日期"):
        emp.mark_left(db.uow(), eid, date(2019, 1, 1))


def test_manager_must_exist_and_no_reporting_loop(db: Database) -> None:
    boss = make(db, "1", "老板")
    with pytest.raises(emp.ValidationFailed, match="直属上级工号"):
        make(db, "2", "员工", manager_no="404")
    worker = make(db, "2", "员工", manager_no="1")
    with db.read_session() as s:
        boss_data = emp.get_employee(s, boss)
    with pytest.raises(emp.ValidationFailed, match="循环"):
        emp.update_employee(db.uow(), boss, replace(boss_data, manager_no="2"))
    assert worker


def test_delete_only_when_nothing_refers_to_it(db: Database) -> None:
    lonely = make(db, "9", "误录")
    emp.delete_employee(db.uow(), lonely)
    reviewed = make(db, "10", "有档案")
    save_review(db.uow(), reviewed, ReviewData(period="2025", overall_score=88, items={"谈判技巧": 70}))
    with pytest.raises(StillReferenced, match="绩效考核"):
        emp.delete_employee(db.uow(), reviewed)
    boss = make(db, "11", "上级")
    make(db, "12", "下属", manager_no="11")
    with pytest.raises(StillReferenced):
        emp.delete_employee(db.uow(), boss)
    save_goal(db.uow(), make(db, "13", "有目标"), GoalData(text="提升谈判技巧"))
    with db.read_session() as s:
        assert sorted(
            r.employee_no for r in emp.employee_rows(s, emp.employee_ids(s, emp.EmployeeQuery()))
        ) == ["10", "11", "12", "13"]


def test_search_filters_and_sorting_happen_in_sql(db: Database) -> None:
    with db.uow() as uow:
        east = org.ensure_department_path(uow.session, "总公司/华东分部/销售部")
        org.ensure_department_path(uow.session, "总公司/华东分部/市场部")
        tech = org.ensure_department_path(uow.session, "总公司/技术部")
        uow.commit()
    with db.read_session() as s:
        branch = next(n.id for n in org.department_tree(s) if n.name == "华东分部")
    make(db, "00001", "杜凤勇", department_id=east, phone="13830166131", rank=Rank.STAFF, gender=Gender.MALE)
    make(db, "00002", "赵菲勇", department_id=tech, phone="15819482199", rank=Rank.SENIOR)
    make(
        db,
        "00003",
        "韩琬",
        department_id=tech,
        category=PersonnelCategory.PROFESSIONAL,
        status=EmployeeStatus.PROBATION,
    )
    with db.read_session() as s:

        def nos(**kw: object) -> list[str]:
            ids = emp.employee_ids(s, emp.EmployeeQuery(**kw))  # type: ignore[arg-type]
            return [r.employee_no for r in emp.employee_rows(s, ids)]

        assert nos(text="勇") == ["00001", "00002"]
        assert nos(text="1581") == ["00002"]
        assert nos(text="0003") == ["00003"]
        assert nos(text="%") == [] and nos(text="_") == []  # typed wildcards are plain characters
        assert nos(department_id=branch) == ["00001"]  # the whole subtree of 华东分部
        assert nos(statuses=frozenset({EmployeeStatus.PROBATION})) == ["00003"]
        assert nos(category=PersonnelCategory.PROFESSIONAL) == ["00003"]
        assert nos(rank=Rank.SENIOR) == ["00002"]
        assert nos(sort="employee_no", descending=True) == ["00003", "00002", "00001"]
        assert nos(sort="department") == ["00001", "00002", "00003"]  # 华东分部 was created before 技术部
        assert nos(text="%") == []  # wildcards are literal
        counts = emp.count_employees(s, emp.EmployeeQuery())
        assert counts == {EmployeeStatus.ACTIVE: 2, EmployeeStatus.PROBATION: 1}
        row = emp.employee_rows(s, emp.employee_ids(s, emp.EmployeeQuery(text="杜凤勇")))[0]
        assert row.department == "总公司/华东分部/销售部"
        assert row.display("gender") == "男" and row.display("status") == "在职"


def test_search_ignores_letter_case_on_every_database(db: Database) -> None:
    # SQLite's LIKE folds ASCII case and PostgreSQL's does not: the search must not depend on which.
    make(db, "A0009", "Lily Wang")
    with db.read_session() as s:
        found = emp.employee_rows(s, emp.employee_ids(s, emp.EmployeeQuery(text="a000")))
        assert [r.employee_no for r in found] == ["A0009"]
        found = emp.employee_rows(s, emp.employee_ids(s, emp.EmployeeQuery(text="LILY")))
        assert [r.employee_no for r in found] == ["A0009"]


def test_current_names_are_the_people_working_here_by_employee_no(db: Database) -> None:
    make(db, "00020", "周二")
    make(db, "00010", "郑一", status=EmployeeStatus.PROBATION)
    gone = make(db, "00005", "吴五", hire_date=date(2015, 1, 5))
    emp.mark_left(db.uow(), gone, date(2025, 12, 31))
    with db.read_session() as s:
        assert emp.current_names(s) == [("00010", "郑一"), ("00020", "周二")]
