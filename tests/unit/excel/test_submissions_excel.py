"""Submissions and feedback sheets: exact headers, exports re-importable as they are, templates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from training_data import building, hand_in, make_course, make_people, make_session

from desktop_hr.db import Database
from desktop_hr.excel.reader import read_sheet
from desktop_hr.excel.submissions import FEEDBACK_SHEET, SUBMISSION_SHEET, export_feedback, export_submissions
from desktop_hr.excel.writer import write_template
from desktop_hr.models import (
    AssignmentType,
    CourseCategory,
    Feedback,
)
from desktop_hr.services.imports import import_rows
from desktop_hr.services.training.assessment import FeedbackImporter
from desktop_hr.services.training.submissions import SubmissionImporter


def _fill(db: Database) -> None:
    with building(db) as s:
        course = make_course(s, title="沟通", category=CourseCategory.ELECTIVE)
        person = make_people(s, {"00012": "张三"})[0]
        session = make_session(s, course, "2026-001", datetime(2026, 3, 5, 9), datetime(2026, 3, 5, 17))
        hand_in(
            s,
            session,
            person,
            AssignmentType.ACTION_PLAN,
            datetime(2026, 3, 20, 14, 30),
            title="=SUM(A1)",  # text, never a formula
            hr_score=85,
            adopted=True,
        )
        s.add(
            Feedback(session_id=session.id, employee_id=person.id, trainer_satisfaction=92, course_rating=5)
        )


def _sheet(path: Path) -> list[tuple[object, ...]]:
    workbook = openpyxl.load_workbook(path)
    try:
        sheet = workbook.active
        assert sheet is not None
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def test_headers_are_exactly_the_exchange_formats() -> None:
    assert SUBMISSION_SHEET.headers == [
        "班次编号",
        "工号",
        "类型",
        "标题",
        "提交时间",
        "HR评分",
        "部门评分",
        "优秀",
        "采纳",
        "发表",
    ]
    assert SUBMISSION_SHEET.key == ("session_code", "employee_no", "kind")
    assert FEEDBACK_SHEET.headers == ["班次编号", "工号", "讲师满意度", "课程评分", "意见"]
    assert FEEDBACK_SHEET.key == ("session_code", "employee_no")


def test_exports_reimport_unchanged(db: Database, tmp_path: Path) -> None:
    _fill(db)
    with db.read_session() as s:
        assert export_submissions(s, tmp_path / "sub.xlsx") == 1
        assert export_feedback(s, tmp_path / "fb.xlsx") == 1
    rows = _sheet(tmp_path / "sub.xlsx")
    assert rows[1] == (
        "2026-001",
        "00012",
        "行动计划",
        "=SUM(A1)",
        datetime(2026, 3, 20, 14, 30),
        85,
        None,
        "否",
        "是",
        "否",
    )
    assert _sheet(tmp_path / "fb.xlsx")[1] == ("2026-001", "00012", 92, 5, None)

    report = import_rows(db.uow(), read_sheet(tmp_path / "sub.xlsx", SUBMISSION_SHEET), SubmissionImporter())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    report = import_rows(db.uow(), read_sheet(tmp_path / "fb.xlsx", FEEDBACK_SHEET), FeedbackImporter())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


def test_templates_read_back_empty(tmp_path: Path) -> None:
    for spec in (SUBMISSION_SHEET, FEEDBACK_SHEET):
        path = tmp_path / f"{spec.kind}.xlsx"
        write_template(path, spec)
        assert _sheet(path)[0] == tuple(spec.headers)
        read = read_sheet(path, spec)
        assert read.rows == [] and read.errors == []
