"""Submissions: due dates and on-time, one per person and kind, grading mean, flags by kind, import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from training_data import building, make_session, reflection_session, sign_in
from workbooks import book

from desktop_hr.db import Database, read_only
from desktop_hr.errors import NotFound
from desktop_hr.excel.reader import read_sheet
from desktop_hr.excel.submissions import SUBMISSION_SHEET
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    StoredFile,
    Submission,
    TrainingSession,
)
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.imports import ImportRejected, ImportReport, import_rows
from desktop_hr.services.training.submissions import (
    FlagRefused,
    NoFile,
    SubmissionImporter,
    SubmissionRow,
    copy_submission_file_out,
    delete_submission,
    due_date,
    employee_submission_rows,
    final_score,
    grade,
    set_flags,
    submission_data,
    submission_rows,
    submit,
)

REFLECTION, ACTION_PLAN, HOMEWORK = (
    AssignmentType.REFLECTION,
    AssignmentType.ACTION_PLAN,
    AssignmentType.HOMEWORK,
)
ENDS = datetime(2026, 3, 6, 17, 0)


@dataclass(frozen=True)
class Setup:
    session_id: int  # reflection due 2026-03-13
    plain_session_id: int  # no assignment set: an action plan is due 30 days after its end
    people: dict[str, int]  # 工号 -> id


@pytest.fixture
def setup(db: Database) -> Setup:
    with building(db) as s:
        session, people = reflection_session(s, enrolled=3)
        plain = make_session(s, session.course_id, "S02", session.starts_at, ENDS)
        sign_in(s, session, people[0], AttendanceStatus.PRESENT)
        sign_in(s, session, people[1], AttendanceStatus.ABSENT)
        return Setup(session.id, plain.id, {p.employee_no: p.id for p in people})


def _submit(
    db: Database, session_id: int, employee_id: int, kind: AssignmentType, at: datetime, **kw: Any
) -> int:
    values: dict[str, Any] = {"title": "心得", "text": "学到了很多", "submitted_at": at}
    values.update(kw)
    return submit(db.uow(), session_id, employee_id, kind, **values)


def _row(db: Database, session_id: int, submission_id: int) -> SubmissionRow:
    with read_only(db) as s:
        return next(r for r in submission_rows(s, session_id) if r.id == submission_id)


def test_due_date_is_the_sessions_for_its_assignment_and_30_days_for_an_action_plan(
    db: Database, setup: Setup
) -> None:
    with read_only(db) as s:
        session = s.get(TrainingSession, setup.session_id)
        plain = s.get(TrainingSession, setup.plain_session_id)
        assert session is not None and plain is not None
        assert due_date(session, REFLECTION) == date(2026, 3, 13)
        assert due_date(session, ACTION_PLAN) == date(2026, 4, 5)
        assert due_date(session, HOMEWORK) is None
        assert due_date(plain, ACTION_PLAN) == date(2026, 4, 5)


def test_on_time_up_to_the_end_of_the_due_day(db: Database, setup: Setup) -> None:
    one, two = setup.people["00001"], setup.people["00002"]
    on_day = _submit(db, setup.session_id, one, REFLECTION, datetime(2026, 3, 13, 23, 59))
    day_after = _submit(db, setup.session_id, two, REFLECTION, datetime(2026, 3, 14, 0, 0))
    assert _row(db, setup.session_id, on_day).on_time is True
    late = _row(db, setup.session_id, day_after)
    assert late.on_time is False and late.late


def test_action_plan_on_day_30_is_on_time_and_day_31_late(db: Database, setup: Setup) -> None:
    one, two = setup.people["00001"], setup.people["00002"]
    day_30 = _submit(db, setup.plain_session_id, one, ACTION_PLAN, datetime(2026, 4, 5, 18, 0))
    day_31 = _submit(db, setup.plain_session_id, two, ACTION_PLAN, datetime(2026, 4, 6, 8, 0))
    assert _row(db, setup.plain_session_id, day_30).on_time is True
    assert _row(db, setup.plain_session_id, day_31).on_time is False


def test_submitting_again_updates_and_keeps_the_first_time_unless_corrected(
    db: Database, setup: Setup
) -> None:
    one = setup.people["00001"]
    first = _submit(db, setup.session_id, one, REFLECTION, datetime(2026, 3, 10, 9, 0))
    again = _submit(
        db, setup.session_id, one, REFLECTION, datetime(2026, 3, 20, 9, 0), title="修改稿", text="第二版"
    )
    assert again == first
    with read_only(db) as s:
        data = submission_data(s, first)
        assert (data.title, data.text, data.submitted_at) == ("修改稿", "第二版", datetime(2026, 3, 10, 9, 0))
        assert s.scalar(select(func.count()).select_from(Submission)) == 1
    _submit(db, setup.session_id, one, REFLECTION, datetime(2026, 3, 11, 8, 0), correct_time=True)
    with read_only(db) as s:
        assert submission_data(s, first).submitted_at == datetime(2026, 3, 11, 8, 0)


def test_text_or_file_required_and_unknown_people_refused(db: Database, setup: Setup) -> None:
    one = setup.people["00001"]
    with pytest.raises(ValidationFailed, match="内容"):
        _submit(db, setup.session_id, one, REFLECTION, datetime(2026, 3, 10), text="  ")
    with pytest.raises(NotFound, match="员工"):
        _submit(db, setup.session_id, 9999, REFLECTION, datetime(2026, 3, 10))
    with pytest.raises(NotFound, match="培训班次"):
        _submit(db, 9999, one, REFLECTION, datetime(2026, 3, 10))
    with read_only(db) as s:
        assert s.scalar(select(func.count()).select_from(Submission)) == 0


def test_attached_file_is_stored_with_its_name_and_copied_out(
    db: Database, setup: Setup, tmp_path: Path
) -> None:
    upload = tmp_path / "行动计划.docx"
    upload.write_bytes(b"plan contents")
    one = setup.people["00001"]
    sid = _submit(db, setup.session_id, one, ACTION_PLAN, datetime(2026, 3, 10), text="", file_path=upload)
    # Handing in again without a file keeps the one attached.
    _submit(db, setup.session_id, one, ACTION_PLAN, datetime(2026, 3, 10), text="")
    assert _row(db, setup.session_id, sid).file_name == "行动计划.docx"
    with read_only(db) as s:
        copied = copy_submission_file_out(s, sid, tmp_path / "out")
        assert s.scalar(select(func.count()).select_from(StoredFile)) == 1
    assert copied.name == "行动计划.docx" and copied.read_bytes() == b"plan contents"
    text_only = _submit(db, setup.session_id, one, REFLECTION, datetime(2026, 3, 10))
    with read_only(db) as s, pytest.raises(NoFile):
        copy_submission_file_out(s, text_only, tmp_path / "out")


def test_submission_by_someone_who_did_not_attend_is_kept_but_flagged(db: Database, setup: Setup) -> None:
    came = _submit(db, setup.session_id, setup.people["00001"], REFLECTION, datetime(2026, 3, 10))
    absent = _submit(db, setup.session_id, setup.people["00002"], REFLECTION, datetime(2026, 3, 10))
    never_signed = _submit(db, setup.session_id, setup.people["00003"], REFLECTION, datetime(2026, 3, 10))
    flags = {r.id: r.not_attended for r in _rows(db, setup.session_id)}
    assert flags == {came: False, absent: True, never_signed: True}


def _rows(db: Database, session_id: int) -> list[SubmissionRow]:
    with read_only(db) as s:
        return submission_rows(s, session_id)


def test_final_score_is_the_mean_of_both_and_pending_with_one() -> None:
    assert final_score(80, 91) == Decimal("85.5")
    assert final_score(80, 90) == Decimal("85.0")
    assert final_score(80, None) is None
    assert final_score(None, None) is None


def test_grading_by_hr_then_head(db: Database, setup: Setup) -> None:
    sid = _submit(db, setup.session_id, setup.people["00001"], REFLECTION, datetime(2026, 3, 10))
    row = grade(db.uow(), sid, hr_score=88)
    assert (row.hr_score, row.head_score, row.final, row.pending) == (88, None, None, True)
    row = grade(db.uow(), sid, head_score=93)
    assert (row.hr_score, row.head_score, row.final, row.pending) == (88, 93, Decimal("90.5"), False)
    row = grade(db.uow(), sid, hr_score=None)
    assert (row.hr_score, row.final) == (None, None)


def test_grade_out_of_range_is_refused_naming_field_and_value_and_nothing_written(
    db: Database, setup: Setup
) -> None:
    sid = _submit(db, setup.session_id, setup.people["00001"], REFLECTION, datetime(2026, 3, 10))
    with pytest.raises(ValidationFailed) as refused:
        grade(db.uow(), sid, hr_score=90, head_score=101)
    assert "部门评分" in str(refused.value) and "101" in str(refused.value)
    with pytest.raises(ValidationFailed, match="HR评分“-1”"):
        grade(db.uow(), sid, hr_score=-1)
    row = _row(db, setup.session_id, sid)
    assert (row.hr_score, row.head_score) == (None, None)


def test_adopted_only_for_action_plans_and_published_only_for_reflections(db: Database, setup: Setup) -> None:
    one = setup.people["00001"]
    reflection = _submit(db, setup.session_id, one, REFLECTION, datetime(2026, 3, 10))
    plan = _submit(db, setup.session_id, one, ACTION_PLAN, datetime(2026, 3, 10))
    homework = _submit(db, setup.session_id, one, HOMEWORK, datetime(2026, 3, 10))
    with pytest.raises(FlagRefused, match="行动计划"):
        set_flags(db.uow(), reflection, adopted=True)
    with pytest.raises(FlagRefused, match="心得"):
        set_flags(db.uow(), plan, published=True)
    with pytest.raises(FlagRefused):
        set_flags(db.uow(), homework, excellent=True, published=True)
    assert not _row(db, setup.session_id, homework).excellent  # refused as a whole
    row = set_flags(db.uow(), plan, excellent=True, adopted=True)
    assert (row.excellent, row.adopted, row.published) == (True, True, False)
    row = set_flags(db.uow(), reflection, published=True)
    assert row.published
    assert set_flags(db.uow(), plan, adopted=False).adopted is False


def test_delete_and_employee_rows(db: Database, setup: Setup) -> None:
    one = setup.people["00001"]
    sid = _submit(db, setup.session_id, one, REFLECTION, datetime(2026, 3, 10))
    other = _submit(db, setup.plain_session_id, one, ACTION_PLAN, datetime(2026, 3, 10))
    with read_only(db) as s:
        assert [r.session_code for r in employee_submission_rows(s, one)] == ["S01", "S02"]
    delete_submission(db.uow(), sid)
    with read_only(db) as s:
        assert [r.id for r in employee_submission_rows(s, one)] == [other]


# ---- import --------------------------------------------------------------------------------------

HEADER = ["班次编号", "工号", "类型", "标题", "提交时间", "HR评分", "部门评分", "优秀", "采纳", "发表"]


def _import(db: Database, path: Path, *, valid_only: bool = False) -> ImportReport:
    read = read_sheet(path, SUBMISSION_SHEET)
    return import_rows(db.uow(), read, SubmissionImporter(), valid_only=valid_only)


def test_import_creates_then_is_idempotent_then_updates(db: Database, setup: Setup, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["S01", "00001", "心得", "我的心得", "2026-03-12 10:00", 80, 90, "是", "", "是"],
        ["S02", "00002", "行动计划", "计划", "2026/4/6 09:00", None, None, "", "是", ""],
    ]
    path = book(tmp_path / "submissions.xlsx", rows)
    report = _import(db, path)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    report = _import(db, path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    rows[1][6] = 70
    report = _import(db, book(tmp_path / "again.xlsx", rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    (reflection,) = _rows(db, setup.session_id)
    assert (reflection.title, reflection.final, reflection.excellent, reflection.published) == (
        "我的心得",
        Decimal("75.0"),
        True,
        True,
    )
    (plan,) = _rows(db, setup.plain_session_id)
    assert (plan.adopted, plan.on_time, plan.final) == (True, False, None)


def test_import_row_errors_name_the_value_and_nothing_is_written(
    db: Database, setup: Setup, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            ["S01", "00001", "心得", "好", "2026-03-12 10:00", 80, 90, "", "", ""],
            ["S99", "00001", "心得", "", "2026-03-12 10:00", None, None, "", "", ""],
            ["S01", "A9", "作业", "", "2026-03-12 10:00", None, None, "", "", ""],
            ["S01", "00002", "心得", "", "2026-03-12 10:00", 101, None, "", "", ""],
            ["S01", "00003", "心得", "", "2026-03-12 10:00", None, None, "", "是", ""],
            ["S01", "00002", "作业", "", None, None, None, "", "", ""],
        ],
    )
    with pytest.raises(ImportRejected) as rejected:
        _import(db, path)
    found = {(e.row, e.column, e.value) for e in rejected.value.errors}
    assert found == {
        (3, "班次编号", "S99"),
        (4, "工号", "A9"),
        (5, "HR评分", "101"),
        (6, "采纳", "是"),
        (7, "提交时间", ""),
    }
    assert "没有这个班次编号" in str(rejected.value)
    with read_only(db) as s:
        assert s.scalar(select(func.count()).select_from(Submission)) == 0
    report = _import(db, path, valid_only=True)
    assert (report.created, report.skipped_rows) == (1, [3, 4, 5, 6, 7])
