"""Departments are never invented by accident: the first roster builds the tree, after that a department the
archive lacks is an error on its row (with the closest names), unless the user confirms creating it; a name
only one department has means that department."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from workbooks import book

from desktop_hr.db import Database
from desktop_hr.excel.employees import parse_employees
from desktop_hr.models import Department, Employee
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.archive.roster_import import import_employees
from desktop_hr.services.imports import ImportRejected

HEADER = ["工号", "姓名", "部门"]
TREE = [
    ["1001", "张伟", "总公司/财务部"],
    ["1002", "王芳", "总公司/华南分部/销售部"],
    ["1003", "李强", "总公司/华东分部/销售部"],
    ["1004", "刘洋", "本部/档案科"],
]


def _roster(tmp_path: Path, rows: list[list[str]], name: str = "roster.xlsx") -> Path:
    return book(tmp_path / name, [HEADER, *rows])


def _paths(db: Database) -> list[str]:
    with db.read_session() as session:
        return sorted(department_paths(session).values())


def _department_of(db: Database, employee_no: str) -> str | None:
    with db.read_session() as session:
        department_id = session.scalar(
            select(Employee.department_id).where(Employee.employee_no == employee_no)
        )
        return department_paths(session).get(department_id) if department_id is not None else None


@pytest.fixture
def tree(db: Database, tmp_path: Path) -> Database:
    report = import_employees(db.uow(), parse_employees(_roster(tmp_path, TREE, "first.xlsx")))
    # The first roster of an empty archive builds the tree and says so.
    assert report.new_departments == sorted(row[2] for row in TREE)
    return db


def test_the_first_roster_builds_the_tree(tree: Database) -> None:
    assert _paths(tree) == sorted(
        [
            "本部",
            "本部/档案科",
            "总公司",
            "总公司/华东分部",
            "总公司/华东分部/销售部",
            "总公司/华南分部",
            "总公司/华南分部/销售部",
            "总公司/财务部",
        ]
    )


def test_a_typo_is_an_error_on_its_row_with_the_closest_name_and_nothing_is_written(
    tree: Database, tmp_path: Path
) -> None:
    before = _paths(tree)
    path = _roster(tmp_path, [["2001", "赵敏", "总公司/华南分部/销售不"], ["2002", "孙丽", "总公司/财务部"]])
    with pytest.raises(ImportRejected) as refused:
        import_employees(tree.uow(), parse_employees(path))
    (error,) = refused.value.errors
    assert (error.row, error.column, error.value) == (2, "部门", "总公司/华南分部/销售不")
    assert "没有这个部门" in error.reason and "是否指 总公司/华南分部/销售部" in error.reason
    assert refused.value.new_departments == ["总公司/华南分部/销售不"]
    assert _paths(tree) == before
    assert _department_of(tree, "2002") is None  # the good row was not written either


def test_a_name_only_one_department_has_means_that_department(tree: Database, tmp_path: Path) -> None:
    path = _roster(
        tmp_path,
        [["2001", "赵敏", "财务部"], ["2002", "孙丽", "档案科"], ["2003", "周杰", "华南分部/销售部"]],
    )
    report = import_employees(tree.uow(), parse_employees(path))
    assert report.new_departments == [] and report.created == 3
    assert _department_of(tree, "2001") == "总公司/财务部"  # not a second top-level company 财务部
    assert _department_of(tree, "2002") == "本部/档案科"
    assert _department_of(tree, "2003") == "总公司/华南分部/销售部"
    with tree.read_session() as session:
        assert (
            session.scalar(
                select(Department.id).where(Department.name == "财务部", Department.parent_id.is_(None))
            )
            is None
        )


def test_a_name_several_departments_have_asks_for_the_full_path(tree: Database, tmp_path: Path) -> None:
    path = _roster(tmp_path, [["2001", "赵敏", "销售部"]])
    with pytest.raises(ImportRejected) as refused:
        import_employees(tree.uow(), parse_employees(path))
    (error,) = refused.value.errors
    assert "有 2 个部门叫这个名字" in error.reason
    assert "总公司/华东分部/销售部" in error.reason and "总公司/华南分部/销售部" in error.reason
    assert refused.value.new_departments == []  # nothing to confirm: the path is unclear, not new


def test_confirmed_new_departments_are_created_and_listed(tree: Database, tmp_path: Path) -> None:
    parsed = parse_employees(
        _roster(tmp_path, [["2001", "赵敏", "总公司/华北分部/销售部"], ["2002", "孙丽", "总公司/财务部"]])
    )
    report = import_employees(tree.uow(), parsed, create_departments=True)
    assert report.new_departments == ["总公司/华北分部/销售部"]
    assert _department_of(tree, "2001") == "总公司/华北分部/销售部"
    assert "总公司/华北分部" in _paths(tree)


def test_valid_rows_only_skips_the_row_with_an_unknown_department(tree: Database, tmp_path: Path) -> None:
    parsed = parse_employees(
        _roster(tmp_path, [["2001", "赵敏", "总公司/研发中心"], ["2002", "孙丽", "财务部"]])
    )
    report = import_employees(tree.uow(), parsed, valid_only=True)
    assert report.skipped_rows == [2] and report.created == 1 and report.new_departments == []
    assert "总公司/研发中心" not in _paths(tree)


def test_a_path_with_a_blank_level_is_refused_by_the_file_check(tree: Database, tmp_path: Path) -> None:
    parsed = parse_employees(_roster(tmp_path, [["2001", "赵敏", "总公司//销售部"]]))
    (error,) = parsed.errors
    assert (error.row, error.column, error.value) == (2, "部门", "总公司//销售部")
    assert "空的层级" in error.reason


def test_the_first_roster_reads_its_own_bare_names_against_its_full_paths(
    db: Database, tmp_path: Path
) -> None:
    path = _roster(tmp_path, [["1001", "张伟", "总公司/财务部"], ["1002", "王芳", "财务部"]])
    report = import_employees(db.uow(), parse_employees(path))
    assert report.new_departments == ["总公司/财务部"]
    assert _paths(db) == sorted(["总公司", "总公司/财务部"])  # no second top-level company 财务部
    assert _department_of(db, "1002") == "总公司/财务部"
