"""Courses and their material library: rules on every field, unique codes, deletion, the table, stored files."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from training_data import building, make_session

from desktop_hr.db import Database, read_only
from desktop_hr.errors import StillReferenced
from desktop_hr.models import (
    Course,
    CourseCategory,
    CourseClassification,
    Delivery,
    StoredFile,
    SubjectType,
)
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.files import EmptyFile
from desktop_hr.services.training.courses import (
    CourseData,
    CourseQuery,
    add_material,
    copy_material_out,
    course_rows,
    create_course,
    delete_course,
    get_course,
    hr_general_module,
    list_materials,
    remove_material,
    set_course_competencies,
    update_course,
    validate_course,
)


def course(code: str = "C001", title: str = "安全生产", **changes: object) -> CourseData:
    values: dict[str, object] = {"code": code, "title": title, "category": CourseCategory.REQUIRED}
    values.update(changes)
    return CourseData(**values)  # type: ignore[arg-type]


def department(db: Database, path: str) -> int:
    with db.uow() as uow:
        department_id = ensure_department_path(uow.session, path)
        uow.commit()
    return department_id


def add_session(db: Database, course_id: int, code: str = "S001") -> None:
    with building(db) as s:
        make_session(s, course_id, code, datetime(2026, 3, 2, 9))


def stored_files(db: Database) -> int:
    with read_only(db) as session:
        return session.scalar(select(func.count()).select_from(StoredFile)) or 0


# ---- validation -----------------------------------------------------------------------------------


def test_a_valid_course_has_no_problems() -> None:
    assert validate_course(course(credits=Decimal("1.5"), hours=Decimal("12.25"))) == []


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"code": ""}, "course_code", "必填"),
        ({"code": "X" * 33}, "course_code", "超过 32 个字符"),
        ({"title": ""}, "course_title", "必填"),
        ({"credits": Decimal("-1")}, "course_credits", "不能为负数"),
        ({"credits": Decimal("1.255")}, "course_credits", "最多保留两位小数"),
        ({"hours": Decimal("-0.5")}, "course_hours", "不能为负数"),
        ({"hours": Decimal("0.001")}, "course_hours", "最多保留两位小数"),
    ],
)
def test_each_bad_field_is_named_with_its_value(changes: dict[str, object], field: str, reason: str) -> None:
    errors = validate_course(course(**changes))
    assert [(e.field, e.reason) for e in errors] == [(field, reason)]
    described = errors[0].describe()
    assert {"course_code": "课程编号", "course_title": "课程名称"}.get(field, described) in described


def test_create_trims_and_reads_back(db: Database) -> None:
    owner = department(db, "总公司/华东分部/销售部")
    course_id = create_course(
        db.uow(),
        course(
            code=" C001\u3000",
            title=" 安全生产 ",
            credits=Decimal(2),
            hours=Decimal("3.5"),
            classification=CourseClassification.INITIAL,
            subject=SubjectType.GENERAL,
            delivery=Delivery.ONLINE,
            owner_department_id=owner,
            description="年度必修",
            competencies=("沟通", "安全意识", "沟通"),
        ),
    )
    with read_only(db) as session:
        data = get_course(session, course_id)
    assert data.code == "C001"
    assert data.title == "安全生产"
    assert data.credits == Decimal("2.00")
    assert data.hours == Decimal("3.50")
    assert data.owner_department_id == owner
    assert data.delivery is Delivery.ONLINE
    assert set(data.competencies) == {"沟通", "安全意识"}


def test_invalid_course_writes_nothing(db: Database) -> None:
    with pytest.raises(ValidationFailed) as raised:
        create_course(db.uow(), course(credits=Decimal("-1"), title=""))
    assert {e.field for e in raised.value.errors} == {"course_credits", "course_title"}
    assert "学分“-1”" in raised.value.message()
    with read_only(db) as session:
        assert course_rows(session) == []


def test_a_code_is_used_once_and_the_error_names_it(db: Database) -> None:
    create_course(db.uow(), course("C001", "安全生产"))
    other = create_course(db.uow(), course("C002", "沟通技巧"))
    with pytest.raises(ValidationFailed) as raised:
        create_course(db.uow(), course("C001", "另一门课"))
    assert "C001" in raised.value.message()
    assert "安全生产" in raised.value.message()
    with pytest.raises(ValidationFailed):
        update_course(db.uow(), other, course("C001", "沟通技巧"))
    # Keeping its own code is no clash.
    update_course(db.uow(), other, course("C002", "沟通技巧（新版）"))
    with read_only(db) as session:
        assert [r.title for r in course_rows(session)] == ["安全生产", "沟通技巧（新版）"]


def test_unknown_owner_department_is_refused(db: Database) -> None:
    with pytest.raises(ValidationFailed) as raised:
        create_course(db.uow(), course(owner_department_id=999))
    assert raised.value.errors[0].field == "course_owner"


def test_competencies_are_set_exactly(db: Database) -> None:
    course_id = create_course(db.uow(), course(competencies=("沟通",)))
    set_course_competencies(db.uow(), course_id, ["领导力", " 执行力 ", ""])
    with read_only(db) as session:
        assert sorted(get_course(session, course_id).competencies) == ["执行力", "领导力"]


# ---- deletion --------------------------------------------------------------------------------------


def test_a_course_with_sessions_cannot_be_deleted(db: Database) -> None:
    course_id = create_course(db.uow(), course("C001", "安全生产"))
    add_session(db, course_id)
    with pytest.raises(StillReferenced) as raised:
        delete_course(db.uow(), course_id)
    assert "C001 安全生产" in raised.value.message()
    assert "培训班次" in raised.value.message()
    with read_only(db) as session:
        assert len(course_rows(session)) == 1


def test_deleting_an_unused_course_takes_its_materials_along(db: Database, tmp_path: Path) -> None:
    course_id = create_course(db.uow(), course(competencies=("沟通",)))
    source = tmp_path / "课件.pptx"
    source.write_bytes(b"slides")
    add_material(db.uow(), course_id, source)
    delete_course(db.uow(), course_id)
    with read_only(db) as session:
        assert course_rows(session) == []
        assert session.scalar(select(func.count()).select_from(Course)) == 0
    assert stored_files(db) == 0


# ---- the table --------------------------------------------------------------------------------------


def test_table_search_filters_sort_and_counts(db: Database, tmp_path: Path) -> None:
    safety = create_course(db.uow(), course("C001", "安全生产", credits=Decimal(3)))
    create_course(
        db.uow(), course("C002", "沟通技巧", category=CourseCategory.ELECTIVE, delivery=Delivery.ONLINE)
    )
    create_course(db.uow(), course("X100", "旧课程", active=False, credits=Decimal(1)))
    add_session(db, safety, "S1")
    add_session(db, safety, "S2")
    (tmp_path / "a.pdf").write_bytes(b"a")
    add_material(db.uow(), safety, tmp_path / "a.pdf")
    with read_only(db) as session:
        rows = course_rows(session)
        assert [r.code for r in rows] == ["C001", "C002", "X100"]
        first = rows[0]
        assert (first.session_count, first.material_count) == (2, 1)
        assert first.owner == hr_general_module()
        assert [r.code for r in course_rows(session, CourseQuery(text="沟通"))] == ["C002"]
        assert [r.code for r in course_rows(session, CourseQuery(text="x1"))] == ["X100"]
        assert [r.code for r in course_rows(session, CourseQuery(text="%"))] == []
        elective = CourseQuery(category=CourseCategory.ELECTIVE)
        assert [r.code for r in course_rows(session, elective)] == ["C002"]
        assert [r.code for r in course_rows(session, CourseQuery(delivery=Delivery.ONLINE))] == ["C002"]
        assert [r.code for r in course_rows(session, CourseQuery(active=True))] == ["C001", "C002"]
        by_credits = CourseQuery(sort="credits", descending=True)
        assert [r.code for r in course_rows(session, by_credits)] == ["C001", "X100", "C002"]
        by_sessions = CourseQuery(sort="session_count", descending=True)
        assert course_rows(session, by_sessions)[0].code == "C001"


# ---- materials -----------------------------------------------------------------------------------


def test_materials_keep_their_name_and_are_stored_once(db: Database, tmp_path: Path) -> None:
    course_id = create_course(db.uow(), course())
    other_id = create_course(db.uow(), course("C002", "沟通技巧"))
    first = tmp_path / "one" / "安全课件 2026.pptx"
    first.parent.mkdir()
    first.write_bytes(b"the same slides")
    copy = tmp_path / "copy.pptx"
    copy.write_bytes(b"the same slides")
    material_id = add_material(db.uow(), course_id, first, note="第一版")
    add_material(db.uow(), other_id, copy)
    assert stored_files(db) == 1
    with read_only(db) as session:
        [info] = list_materials(session, course_id)
        assert (info.original_name, info.size, info.note) == ("安全课件 2026.pptx", 15, "第一版")
        out = copy_material_out(session, material_id, tmp_path / "out")
        again = copy_material_out(session, material_id, tmp_path / "out")
    assert out.name == "安全课件 2026.pptx"
    assert out.read_bytes() == b"the same slides"
    assert again != out and again.read_bytes() == b"the same slides"
    # Still used by the other course: the content stays.
    remove_material(db.uow(), material_id)
    assert stored_files(db) == 1
    with read_only(db) as session:
        assert list_materials(session, course_id) == []
        [other] = list_materials(session, other_id)
    remove_material(db.uow(), other.id)
    assert stored_files(db) == 0


def test_an_empty_file_is_refused(db: Database, tmp_path: Path) -> None:
    course_id = create_course(db.uow(), course())
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFile, match=r"empty\.docx"):
        add_material(db.uow(), course_id, empty)
    with read_only(db) as session:
        assert list_materials(session, course_id) == []
