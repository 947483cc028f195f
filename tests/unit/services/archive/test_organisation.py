"""Department tree (company > branch > department), positions and competencies."""

from __future__ import annotations

import pytest

from desktop_hr.db import Database
from desktop_hr.errors import DepartmentCycle, InvalidField, StillReferenced
from desktop_hr.models import DepartmentKind
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.archive import organisation as org


def tree(db: Database) -> dict[str, org.DepartmentNode]:
    with db.read_session() as s:
        return {n.path_names: n for n in org.department_tree(s)}


def test_a_path_builds_the_tree_with_kinds(db: Database) -> None:
    with db.uow() as uow:
        org.ensure_department_path(uow.session, "总公司/华东分部/销售部")
        org.ensure_department_path(uow.session, "总公司 / 技术部")
        again = org.ensure_department_path(uow.session, "总公司／华东分部／销售部")  # full-width separators
        uow.commit()
    nodes = tree(db)
    assert list(nodes) == ["总公司", "总公司/华东分部", "总公司/华东分部/销售部", "总公司/技术部"]
    assert nodes["总公司"].kind is DepartmentKind.COMPANY
    assert nodes["总公司/华东分部"].kind is DepartmentKind.BRANCH
    assert nodes["总公司/技术部"].kind is DepartmentKind.DEPARTMENT
    assert again == nodes["总公司/华东分部/销售部"].id


def test_empty_level_in_a_path_is_refused(db: Database) -> None:
    with db.uow() as uow, pytest.raises(InvalidField, match="总公司//销售部"):
        org.ensure_department_path(uow.session, "总公司//销售部")


def test_rename_move_and_delete_rules(db: Database) -> None:
    root = org.create_department(db.uow(), name="总公司", parent_id=None)
    east = org.create_department(db.uow(), name="华东分部", parent_id=root)
    sales = org.create_department(db.uow(), name="销售部", parent_id=east)
    with pytest.raises(InvalidField):
        org.create_department(db.uow(), name="华东分部", parent_id=root)
    with pytest.raises(DepartmentCycle):
        org.move_department(db.uow(), east, sales)
    org.move_department(db.uow(), sales, root)
    org.rename_department(db.uow(), sales, "营销部")
    assert "总公司/营销部" in tree(db)
    with db.read_session() as s:
        assert set(org.subtree_ids(s, root)) == {root, east, sales}
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="张三", department_id=sales))
    with pytest.raises(StillReferenced, match="营销部"):
        org.delete_department(db.uow(), sales)
    with pytest.raises(StillReferenced):
        org.delete_department(db.uow(), root)  # still has sub-departments
    org.delete_department(db.uow(), east)
    assert "总公司/华东分部" not in tree(db)


def test_position_core_competencies(db: Database) -> None:
    org.set_position_competencies(db.uow(), "区域经理", ["谈判技巧", "团队管理", "谈判技巧", " "])
    with db.read_session() as s:
        (info,) = org.list_positions(s)
        assert info.competencies == ("团队管理", "谈判技巧")
        assert org.list_competencies(s) == ["团队管理", "谈判技巧"]


def test_positions_are_created_renamed_and_deleted_only_when_unused(db: Database) -> None:
    pid = org.save_position(db.uow(), None, "销售代表", ["谈判技巧", "客户关系"])
    with pytest.raises(InvalidField, match="已有同名岗位"):
        org.save_position(db.uow(), None, "销售代表", [])
    with pytest.raises(InvalidField, match="必填"):
        org.save_position(db.uow(), pid, "  ", [])
    org.save_position(db.uow(), pid, "客户代表", ["客户关系"])
    with db.read_session() as s:
        assert [(p.name, p.competencies) for p in org.list_positions(s)] == [("客户代表", ("客户关系",))]
    emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="张三", position="客户代表"))
    with pytest.raises(StillReferenced, match="客户代表"):
        org.delete_position(db.uow(), pid)
    unused = org.save_position(db.uow(), None, "实习生", ["学习能力"])
    org.delete_position(db.uow(), unused)  # its competency links go with it
    with db.read_session() as s:
        assert [p.name for p in org.list_positions(s)] == ["客户代表"]
        assert "学习能力" in org.list_competencies(s)  # competencies stay for reviews and courses
