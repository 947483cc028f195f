"""Exams against the pass mark, feedback with range checks and per-session means, feedback import."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from training_data import building, exam_session, make_session
from workbooks import book

from desktop_hr.db import Database, read_only
from desktop_hr.excel.reader import read_sheet
from desktop_hr.excel.submissions import FEEDBACK_SHEET
from desktop_hr.models import (
    ExamResult,
    Feedback,
)
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.imports import ImportRejected, ImportReport, import_rows
from desktop_hr.services.training.assessment import (
    FeedbackImporter,
    FeedbackSummary,
    clear_exam,
    delete_feedback,
    exam_rows,
    feedback_rows,
    feedback_summaries,
    feedback_summary,
    record_exam,
    record_feedback,
)


@dataclass(frozen=True)
class Setup:
    session_id: int  # pass mark 60; 00001-00004 enrolled, 00005 waitlisted
    other_session_id: int  # no pass mark
    people: list[int]


@pytest.fixture
def setup(db: Database) -> Setup:
    with building(db) as s:
        session, people = exam_session(s, 5, waitlisted=1)
        other = make_session(s, session.course_id, "S02", session.starts_at, session.ends_at)
        return Setup(session.id, other.id, [p.id for p in people])


def test_exam_pass_at_the_mark_and_fail_below(db: Database, setup: Setup) -> None:
    one, two, three, _four, _five = setup.people
    record_exam(db.uow(), setup.session_id, one, 60)
    record_exam(db.uow(), setup.session_id, two, 59)
    record_exam(db.uow(), setup.session_id, three, 40)
    record_exam(db.uow(), setup.session_id, three, 95)  # corrected, not added
    with read_only(db) as s:
        rows = exam_rows(s, setup.session_id)
    # Every enrolled person has a line; the waitlisted one does not.
    assert [(r.employee_no, r.score, r.passed) for r in rows] == [
        ("00001", 60, True),
        ("00002", 59, False),
        ("00003", 95, True),
        ("00004", None, None),
    ]
    clear_exam(db.uow(), setup.session_id, two)
    with read_only(db) as s:
        assert s.scalar(select(func.count()).select_from(ExamResult)) == 2


def test_exam_without_pass_mark_and_out_of_range(db: Database, setup: Setup) -> None:
    one = setup.people[0]
    record_exam(db.uow(), setup.other_session_id, one, 70)
    with read_only(db) as s:
        (row,) = exam_rows(s, setup.other_session_id)
    assert (row.score, row.passed) == (70, None)
    with pytest.raises(ValidationFailed, match="考试成绩“101”"):
        record_exam(db.uow(), setup.session_id, one, 101)
    with read_only(db) as s:
        assert s.scalar(select(func.count()).select_from(ExamResult)) == 1


def test_feedback_range_checks_name_field_and_value(db: Database, setup: Setup) -> None:
    one = setup.people[0]
    with pytest.raises(ValidationFailed, match="讲师满意度“120”"):
        record_feedback(db.uow(), setup.session_id, one, trainer_satisfaction=120, course_rating=5)
    with pytest.raises(ValidationFailed, match="课程评分“0”"):
        record_feedback(db.uow(), setup.session_id, one, trainer_satisfaction=90, course_rating=0)
    with read_only(db) as s:
        assert s.scalar(select(func.count()).select_from(Feedback)) == 0


def test_feedback_means_to_one_decimal_and_counts(db: Database, setup: Setup) -> None:
    one, two, three, four, _ = setup.people
    record_feedback(db.uow(), setup.session_id, one, trainer_satisfaction=90, course_rating=5, comment="很好")
    record_feedback(db.uow(), setup.session_id, two, trainer_satisfaction=95, course_rating=4)
    record_feedback(db.uow(), setup.session_id, three, trainer_satisfaction=88, course_rating=5)
    fid = record_feedback(db.uow(), setup.session_id, four, trainer_satisfaction=None, course_rating=None)
    # Edit: the same person's second form replaces the first.
    record_feedback(db.uow(), setup.session_id, two, trainer_satisfaction=94, course_rating=4, comment="再来")
    with read_only(db) as s:
        summary = feedback_summary(s, setup.session_id)
        rows = feedback_rows(s, setup.session_id)
        empty = feedback_summary(s, setup.other_session_id)
        both = feedback_summaries(s, [setup.session_id, setup.other_session_id])
    # (90 + 94 + 88) / 3 = 90.67 → 90.7; (5 + 4 + 5) / 3 = 4.67 → 4.7; the blank form counts as handed in.
    assert summary == FeedbackSummary(4, Decimal("90.7"), Decimal("4.7"))
    assert [(r.employee_no, r.trainer_satisfaction, r.comment) for r in rows][:2] == [
        ("00001", 90, "很好"),
        ("00002", 94, "再来"),
    ]
    assert empty == FeedbackSummary(0, None, None)
    assert both == {setup.session_id: summary}
    delete_feedback(db.uow(), fid)
    with read_only(db) as s:
        assert feedback_summary(s, setup.session_id).count == 3


def test_feedback_import_idempotent_with_row_errors(db: Database, setup: Setup, tmp_path: Path) -> None:
    header = ["班次编号", "工号", "讲师满意度", "课程评分", "意见"]
    good = book(
        tmp_path / "good.xlsx",
        [header, ["S01", "00001", 90, 5, "好"], ["S01", "00002", 80, 4, None]],
    )
    bad = book(
        tmp_path / "bad.xlsx",
        [header, ["S01", "00003", 90, 6, ""], ["S9", "00001", 90, 5, ""], ["S01", "00001", 101, 5, ""]],
    )

    def run(path: Path) -> ImportReport:
        return import_rows(db.uow(), read_sheet(path, FEEDBACK_SHEET), FeedbackImporter())

    assert run(good).created == 2
    report = run(good)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    with pytest.raises(ImportRejected) as rejected:
        run(bad)
    assert {(e.row, e.column, e.value) for e in rejected.value.errors} == {
        (2, "课程评分", "6"),
        (3, "班次编号", "S9"),
        (4, "讲师满意度", "101"),
    }
    with read_only(db) as s:
        assert feedback_summary(s, setup.session_id) == FeedbackSummary(2, Decimal("85.0"), Decimal("4.5"))
