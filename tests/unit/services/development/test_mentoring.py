"""Mentoring: pairs and their periods, hours and evaluations refused with nothing written, and 优秀导师."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from training_data import building, make_people

from desktop_hr.db import Database
from desktop_hr.models import EmployeeStatus, Role
from desktop_hr.models.development import MenteeEvaluation, MentoringLog, Mentorship
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.development import settings
from desktop_hr.services.development.mentoring import (
    PairData,
    PairEnded,
    PairHasRecords,
    delete_log,
    delete_pair,
    end_pair,
    log_hours,
    save_pair,
    set_evaluation,
)
from desktop_hr.services.development.mentoring_lists import mentor_summary, pair_detail, pairs
from desktop_hr.services.trust.permissions import PermissionDenied, Principal

D = Decimal


def _people(db: Database) -> dict[str, int]:
    """00001 陈静 and 00002 王芳 mentor; 00003 李雷, 00004 赵敏 are mentees; 00005 周杰 left on 2025-12-31."""
    with building(db) as session:
        found = make_people(session, {"00001": "陈静", "00002": "王芳", "00003": "李雷", "00004": "赵敏"})
        found += make_people(
            session, {"00005": "周杰"}, status=EmployeeStatus.LEFT, leave_date=date(2025, 12, 31)
        )
        return {p.employee_no: p.id for p in found}


def _count(db: Database, table: type) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _reasons(error: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.reason for e in error.value.errors}


def test_a_mentor_paired_with_themself_is_refused(db: Database) -> None:
    people = _people(db)
    with pytest.raises(ValidationFailed) as refused:
        save_pair(db.uow(), PairData(people["00001"], people["00001"], date(2026, 1, 1)))
    assert _reasons(refused) == {"mentoring_mentee": "导师和学员不能是同一人"}
    assert _count(db, Mentorship) == 0


def test_missing_people_and_dates_are_named_per_field(db: Database) -> None:
    people = _people(db)
    with pytest.raises(ValidationFailed) as refused:
        save_pair(db.uow(), PairData(None, None, None))
    assert set(_reasons(refused)) == {"mentoring_mentor", "mentoring_mentee", "mentoring_starts_on"}
    with pytest.raises(ValidationFailed) as backwards:
        save_pair(db.uow(), PairData(people["00001"], people["00003"], date(2026, 3, 1), date(2026, 2, 28)))
    assert "结束日期“2026-02-28”：不能早于开始日期（2026-03-01）" in backwards.value.message()
    assert _count(db, Mentorship) == 0


def test_someone_who_had_left_by_the_start_is_refused_a_pair_from_before_is_kept(db: Database) -> None:
    people = _people(db)
    with pytest.raises(ValidationFailed) as refused:
        save_pair(db.uow(), PairData(people["00005"], people["00003"], date(2026, 1, 1)))
    assert _reasons(refused) == {
        "mentoring_mentor": "00005 周杰 在开始日期 2026-01-01 前已离职（离职日期 2025-12-31）"
    }
    assert save_pair(
        db.uow(), PairData(people["00005"], people["00003"], date(2025, 1, 1), date(2025, 12, 31))
    )


def test_overlapping_pairs_of_the_same_two_people_are_refused_open_ends_included(db: Database) -> None:
    people = _people(db)
    mentor, mentee = people["00001"], people["00003"]
    save_pair(db.uow(), PairData(mentor, mentee, date(2025, 3, 1), date(2025, 8, 31)))
    with pytest.raises(ValidationFailed) as inside:
        save_pair(db.uow(), PairData(mentor, mentee, date(2025, 8, 31), date(2025, 12, 31)))
    assert _reasons(inside) == {
        "mentoring_starts_on": "导师 00001 陈静 与学员 00003 李雷 已有一段结对（2025-03-01 至 2025-08-31），"
        "与 2025-08-31 至 2025-12-31 重叠"
    }
    with pytest.raises(ValidationFailed) as open_new:  # an open end runs on past the old pair
        save_pair(db.uow(), PairData(mentor, mentee, date(2024, 1, 1), None))
    assert "与 2024-01-01 至 未结束 重叠" in open_new.value.message()
    # Adjacent periods touch but do not overlap.
    running = save_pair(db.uow(), PairData(mentor, mentee, date(2025, 9, 1), None))
    with pytest.raises(ValidationFailed) as after_open:  # the running pair's open end reaches 2027
        save_pair(db.uow(), PairData(mentor, mentee, date(2027, 1, 1), date(2027, 6, 30)))
    assert "（2025-09-01 至 未结束）" in after_open.value.message()
    assert save_pair(db.uow(), PairData(mentor, mentee, date(2024, 1, 1), date(2025, 2, 28)))
    # Another mentee, or another mentor, over the same time is no overlap.
    assert save_pair(db.uow(), PairData(mentor, people["00004"], date(2025, 9, 1), None))
    assert save_pair(db.uow(), PairData(people["00002"], mentee, date(2025, 9, 1), None))
    # Editing a pair does not compare it with itself.
    assert (
        save_pair(db.uow(), PairData(mentor, mentee, date(2025, 9, 1), None, "改了备注"), running) == running
    )
    assert _count(db, Mentorship) == 5


def test_end_pair_then_a_new_pair_may_follow(db: Database) -> None:
    people = _people(db)
    mentor, mentee = people["00001"], people["00003"]
    pair = save_pair(db.uow(), PairData(mentor, mentee, date(2026, 1, 1)))
    end_pair(db.uow(), pair, date(2026, 6, 30))
    with pytest.raises(PairEnded):
        end_pair(db.uow(), pair, date(2026, 7, 31))
    assert save_pair(db.uow(), PairData(mentor, mentee, date(2026, 7, 1)))


def test_hours_are_validated_with_nothing_written(db: Database) -> None:
    people = _people(db)
    pair = save_pair(
        db.uow(), PairData(people["00001"], people["00003"], date(2026, 1, 1), date(2026, 6, 30))
    )
    for hours in (D("0"), D("-1"), D("24.01"), D("1.005"), D("NaN")):
        with pytest.raises(ValidationFailed) as refused:
            log_hours(db.uow(), pair, date(2026, 2, 1), hours)
        assert set(_reasons(refused)) == {"mentoring_hours"}, hours
    for day in (date(2025, 12, 31), date(2026, 7, 1)):
        with pytest.raises(ValidationFailed) as outside:
            log_hours(db.uow(), pair, day, D("2"))
        assert _reasons(outside) == {"mentoring_on": "不在结对期间（2026-01-01 至 2026-06-30）内"}
    assert _count(db, MentoringLog) == 0
    assert log_hours(db.uow(), pair, date(2026, 1, 1), D("24"))
    with pytest.raises(ValidationFailed) as full:  # the mentor's day is full
        log_hours(db.uow(), pair, date(2026, 1, 1), D("0.25"))
    assert "导师当天已记录 24.00 学时" in full.value.message()
    assert log_hours(db.uow(), pair, date(2026, 6, 30), D("1.25"), "季度复盘")
    assert _count(db, MentoringLog) == 2


def test_evaluations_are_validated_and_upserted(db: Database) -> None:
    people = _people(db)
    pair = save_pair(
        db.uow(), PairData(people["00001"], people["00003"], date(2025, 10, 1), date(2026, 3, 31))
    )
    for score in (-1, 101):
        with pytest.raises(ValidationFailed) as refused:
            set_evaluation(db.uow(), pair, 2026, score)
        assert _reasons(refused) == {"mentoring_score": "应为 0 到 100 的整数"}
    with pytest.raises(ValidationFailed) as not_whole:
        set_evaluation(db.uow(), pair, 2026, 90.5)  # type: ignore[arg-type]
    assert set(_reasons(not_whole)) == {"mentoring_score"}
    with pytest.raises(ValidationFailed) as year:
        set_evaluation(db.uow(), pair, 2027, 90)
    assert _reasons(year) == {"mentoring_year": "结对期间（2025-10-01 至 2026-03-31）不涉及该年度"}
    assert _count(db, MenteeEvaluation) == 0
    first = set_evaluation(db.uow(), pair, 2025, 80, "认真")
    assert set_evaluation(db.uow(), pair, 2025, 95) == first
    set_evaluation(db.uow(), pair, 2026, 0)
    with db.read_session() as session:
        detail = pair_detail(session, pair)
    assert [(e.year, e.score, e.comment) for e in detail.evaluations] == [(2025, 95, ""), (2026, 0, "")]


def test_a_pair_with_logs_is_not_deleted_and_its_period_keeps_its_records(db: Database) -> None:
    people = _people(db)
    pair = save_pair(db.uow(), PairData(people["00001"], people["00003"], date(2026, 1, 1)))
    log = log_hours(db.uow(), pair, date(2026, 3, 2), D("3"))
    with pytest.raises(PairHasRecords) as refused:
        delete_pair(db.uow(), pair)
    assert "已有 1 条带教记录、0 条学员评价" in refused.value.message()
    with pytest.raises(ValidationFailed) as shorter:
        end_pair(db.uow(), pair, date(2026, 2, 28))
    assert "已有 1 条带教记录在 2026-03-02 至 2026-03-02 之间" in shorter.value.message()
    delete_log(db.uow(), log)
    delete_pair(db.uow(), pair)
    assert _count(db, Mentorship) == 0


def test_writes_are_hrs(db: Database) -> None:
    people = _people(db)
    db.principal = Principal(name="head", role=Role.DEPARTMENT_HEAD, departments=frozenset())
    with pytest.raises(PermissionDenied):
        save_pair(db.uow(), PairData(people["00001"], people["00003"], date(2026, 1, 1)))


def _summary_case(db: Database, hours: str, scores: list[int]) -> bool:
    """One mentor with two mentees in 2026: `hours` split over the two pairs, `scores` one per pair."""
    people = _people(db)
    first = save_pair(db.uow(), PairData(people["00001"], people["00003"], date(2025, 6, 1)))
    second = save_pair(
        db.uow(), PairData(people["00001"], people["00004"], date(2026, 2, 1), date(2026, 12, 31))
    )
    total = D(hours)
    rest, day = total - D("10"), date(2026, 3, 3)
    while rest > 0:  # a day holds at most 24 hours: 8 a day
        log_hours(db.uow(), first, day, min(rest, D("8")))
        rest, day = rest - min(rest, D("8")), day.replace(day=day.day + 1)
    log_hours(db.uow(), second, date(2026, 3, 2), D("10"))
    log_hours(db.uow(), first, date(2025, 12, 31), D("20"))  # another year: not counted
    for pair, score in zip((first, second), scores, strict=False):
        set_evaluation(db.uow(), pair, 2026, score)
    set_evaluation(db.uow(), first, 2025, 10)  # another year: not counted
    with db.read_session() as session:
        (row,) = mentor_summary(session, 2026)
    assert (row.employee_no, row.pairs, row.hours) == ("00001", 2, total)
    return row.excellent


def test_excellent_mentor_exactly_at_40_hours_and_90(db: Database) -> None:
    assert _summary_case(db, "40", [88, 92]) is True


def test_not_excellent_just_below_40_hours(db: Database) -> None:
    assert _summary_case(db, "39.99", [90, 90]) is False


def test_not_excellent_just_below_90(db: Database) -> None:
    assert _summary_case(db, "40", [89, 90]) is False  # mean 89.5


def test_not_excellent_without_an_evaluation(db: Database) -> None:
    assert _summary_case(db, "100", []) is False


def test_summary_figures_and_edited_thresholds(db: Database) -> None:
    people = _people(db)
    one = save_pair(db.uow(), PairData(people["00001"], people["00003"], date(2026, 1, 1)))
    two = save_pair(db.uow(), PairData(people["00001"], people["00004"], date(2026, 1, 1)))
    other = save_pair(
        db.uow(), PairData(people["00002"], people["00003"], date(2024, 1, 1), date(2024, 12, 31))
    )
    log_hours(db.uow(), one, date(2026, 5, 1), D("12.5"))
    log_hours(db.uow(), two, date(2026, 5, 2), D("8.25"))
    log_hours(db.uow(), other, date(2024, 5, 2), D("8"))
    set_evaluation(db.uow(), one, 2026, 95)
    set_evaluation(db.uow(), two, 2026, 90)
    set_evaluation(db.uow(), two, 2026, 96)  # replaces the 90
    with db.read_session() as session:
        rows = mentor_summary(session, 2026)
        assert [
            (r.employee_no, r.pairs, r.hours, r.evaluations, r.mean_evaluation, r.excellent) for r in rows
        ] == [
            ("00001", 2, D("20.75"), 2, D("95.50"), False)  # 20.75 h < 40
        ]
        # 00002's pair ended in 2024: not a 2026 mentor.
        assert [r.employee_no for r in mentor_summary(session, 2024)] == ["00002"]
    settings.save(db.uow(), {"mentor_hours": "20.75", "mentor_evaluation": "95.5"})
    with db.read_session() as session:
        assert [r.excellent for r in mentor_summary(session, 2026)] == [True]
        shown = pairs(session, 2026)
        assert [(p.mentor, p.mentee, p.hours, p.evaluation) for p in shown] == [
            ("00001 陈静", "00003 李雷", D("12.50"), 95),
            ("00001 陈静", "00004 赵敏", D("8.25"), 96),
        ]
        assert [p.mentee_no for p in pairs(session, 2026, text="赵")] == ["00004"]
        assert len(pairs(session, 2026, active_only=False)) == 3


def test_a_head_reads_only_pairs_of_its_own_people(db: Database) -> None:
    with building(db) as session:
        sales = ensure_department_path(session, "总公司/销售部")
        finance = ensure_department_path(session, "总公司/财务部")
        own = make_people(session, {"00001": "陈静", "00002": "李雷"}, department_id=sales)
        away = make_people(session, {"00003": "王芳"}, department_id=finance)
    save_pair(db.uow(), PairData(own[0].id, own[1].id, date(2026, 1, 1)))
    save_pair(db.uow(), PairData(away[0].id, own[1].id, date(2026, 1, 1)))
    db.principal = Principal(name="head", role=Role.DEPARTMENT_HEAD, departments=frozenset({sales}))
    with db.read_session() as session:
        assert [(p.mentor_no, p.mentee_no) for p in pairs(session, 2026)] == [("00001", "00002")]
        assert [r.employee_no for r in mentor_summary(session, 2026)] == ["00001"]
