"""The training-records format: import (idempotent, row errors), export, template."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from training_data import building, make_people
from workbooks import book

from desktop_hr.db import Database
from desktop_hr.excel.reader import read_sheet
from desktop_hr.excel.training_records import TRAINING_RECORD_SHEET, export_training_records
from desktop_hr.models import CourseCategory, CourseClassification, SubjectType
from desktop_hr.services.imports import ImportRejected, ImportReport, import_rows
from desktop_hr.services.training.history import (
    TrainingRecordData,
    TrainingRecordImporter,
    add_training_record,
    employee_history,
)

HEADER = [
    "工号",
    "课程名称",
    "日期",
    "学时",
    "学分",
    "课程类别",
    "科目类型",
    "培训类型",
    "成绩",
    "备注",
    "学习形式",
    "数量",
]


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    with building(db) as s:
        return {p.employee_no: p.id for p in make_people(s, {"00012": "陈静", "1002": "王强"})}


def _import(db: Database, path: Path, *, valid_only: bool = False) -> ImportReport:
    read = read_sheet(path, TRAINING_RECORD_SHEET)
    return import_rows(db.uow(), read, TrainingRecordImporter(), valid_only=valid_only)


def _history(db: Database, employee_id: int) -> list[tuple[str, date, Decimal, Decimal]]:
    with db.read_session() as session:
        rows = employee_history(session, employee_id).rows
    return [(r.course_title, r.on_date, r.hours, r.credits) for r in rows]


def test_import_is_idempotent_and_updates_by_key(
    db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    rows = [
        ["2019年度培训档案"],  # a title row above the header
        HEADER,
        ["00012", "消防安全", "2019-06-01", 4, 1.5, "必修", "公需", "在职", "合格", "补录"],
        ["00012", "沟通技巧", date(2020, 3, 5), "2.5", "", "选修", "", "", 85, ""],
        ["1002", "消防安全", "2019/6/1", 4, 1.5, "", "", "", "", ""],
    ]
    path = book(tmp_path / "records.xlsx", rows)
    first = _import(db, path)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    again = _import(db, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert _history(db, people["00012"]) == [
        ("沟通技巧", date(2020, 3, 5), Decimal("2.50"), Decimal("0.00")),
        ("消防安全", date(2019, 6, 1), Decimal("4.00"), Decimal("1.50")),
    ]
    with db.read_session() as session:
        record = employee_history(session, people["00012"]).rows[1]
    assert (record.category, record.subject, record.record_score, record.note) == (
        CourseCategory.REQUIRED,
        SubjectType.GENERAL,
        "合格",
        "补录",
    )
    # Same key, new hours: an update, not a second record.
    rows[4][3] = 6
    changed = _import(db, book(tmp_path / "changed.xlsx", rows))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert _history(db, people["1002"]) == [("消防安全", date(2019, 6, 1), Decimal("6.00"), Decimal("1.50"))]


def test_unknown_employee_and_bad_cells_are_row_errors(
    db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    path = book(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            ["00012", "消防安全", "2019-06-01", 4, 1, "", "", "", "", ""],
            ["A9", "消防安全", "2019-06-01", 4, 1, "", "", "", "", ""],
            ["1002", "沟通技巧", "2019-13-45", 2, 1, "", "", "", "", ""],
            ["1002", "团队建设", "2019-06-01", -2, 1.234, "", "", "", "", ""],
        ],
    )
    with pytest.raises(ImportRejected) as rejected:
        _import(db, path)
    errors = {(e.row, e.column): (e.value, e.reason) for e in rejected.value.errors}
    assert errors[(3, "工号")] == ("A9", "没有这个工号的员工")
    assert errors[(4, "日期")][0] == "2019-13-45"
    assert "日期" in errors[(4, "日期")][1]
    assert errors[(5, "学时")] == ("-2", "不能为负数")
    assert errors[(5, "学分")][1] == "最多保留两位小数"
    assert _history(db, people["00012"]) == []  # nothing written
    report = _import(db, path, valid_only=True)
    assert (report.created, report.skipped_rows) == (1, [3, 4, 5])
    assert len(_history(db, people["00012"])) == 1


def test_export_is_reimportable(db: Database, people: dict[str, int], tmp_path: Path) -> None:
    data = TrainingRecordData(
        "=消防安全",
        date(2019, 6, 1),
        Decimal(4),
        Decimal("1.5"),
        CourseCategory.REQUIRED,
        SubjectType.GENERAL,
        CourseClassification.INITIAL,
        "优秀",
        "x",
    )
    add_training_record(db.uow(), people["00012"], data)
    out = tmp_path / "export.xlsx"
    with db.read_session() as session:
        assert export_training_records(session, out) == 1
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == HEADER
    assert values[1][:2] == ["00012", "=消防安全"]  # text, never a formula
    assert values[1][5:9] == ["必修", "公需科目", "初任培训", "优秀"]
    again = _import(db, out)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_template_and_registry(tmp_path: Path) -> None:
    from desktop_hr.services.exchange import kinds

    kind = kinds()["training-records"]
    assert kind.spec is TRAINING_RECORD_SHEET
    kind.write_template(tmp_path / "template.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "template.xlsx").active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == HEADER
