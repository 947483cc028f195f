"""Automatic awards computed by hand for a small scenario; idempotency, reversal, versions, presets, manual."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from training_data import building, enrol, hand_in, make_course, make_people, make_session, sign_in
from workbooks import book

from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    Delivery,
    PointCategory,
    PointEntry,
    TrainingRecord,
)
from desktop_hr.services.exchange import kinds
from desktop_hr.services.imports import ImportRejected
from desktop_hr.services.points import awards, manual_awards, point_rules
from desktop_hr.services.points.ledger import InsufficientPoints, ReasonRequired, balance
from desktop_hr.services.training import assessment, attendance, submissions

P, OUT, S, X = PointCategory.PARTICIPATION, PointCategory.OUTPUT, PointCategory.SHARING, PointCategory.OTHER


@dataclass(frozen=True)
class Scenario:
    people: dict[str, int]  # name -> employee id
    s1: int  # offline, 2026-03-02, taught by 陈师
    s2: int  # online, 2026-03-10
    s3: int  # offline, 2026-04-01 (action plans, reflections)
    plan_a: int  # 甲's action plan (day 30, adopted)
    plan_b: int  # 乙's action plan (day 31, adopted)


def _scenario(db: Database) -> Scenario:
    with building(db) as s:
        offline = make_course(s, "C01", "沟通", hours=Decimal("1.5"))
        online = make_course(s, "C02", "线上安全", delivery=Delivery.ONLINE)
        people = make_people(s, {"00001": "甲", "00002": "乙", "00003": "丙", "00004": "丁", "00005": "陈师"})
        a, b, c, d, trainer = people
        s1 = make_session(
            s, offline, "S1", datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 17), trainer_id=trainer.id
        )
        s2 = make_session(s, online, "S2", datetime(2026, 3, 10, 9), datetime(2026, 3, 10, 10))
        s3 = make_session(s, offline, "S3", datetime(2026, 4, 1, 9), datetime(2026, 4, 1, 17))
        enrol(s, s1, a, b, c)
        enrol(s, s2, a, d)
        sign_in(s, s1, a, AttendanceStatus.PRESENT)
        sign_in(s, s1, b, AttendanceStatus.LATE)
        sign_in(s, s1, c, AttendanceStatus.ABSENT)
        sign_in(s, s2, a, AttendanceStatus.COMPLETED, signed_in_at=datetime(2026, 3, 11, 10))
        sign_in(s, s2, d, AttendanceStatus.COMPLETED)
        # day 30 after 2026-04-01 is 2026-05-01 (on time); 05-02 is day 31 (late)
        hand_in(s, s3, a, AssignmentType.ACTION_PLAN, datetime(2026, 5, 1, 23, 59), adopted=True, text="x")
        hand_in(s, s3, b, AssignmentType.ACTION_PLAN, datetime(2026, 5, 2, 0, 1), adopted=True, text="x")
        hand_in(s, s3, c, AssignmentType.REFLECTION, datetime(2026, 4, 3, 9), published=True, text="x")
        hand_in(s, s3, d, AssignmentType.REFLECTION, datetime(2026, 4, 3, 9), published=False, text="x")
        hand_in(s, s3, d, AssignmentType.HOMEWORK, datetime(2026, 4, 3, 9), excellent=True, text="x")
        # History from before the program: never points.
        s.add(TrainingRecord(employee_id=c.id, course_title="旧课", on_date=date(2025, 5, 1)))
        s.flush()
        plans = {row.employee_id: row.id for row in submissions.submission_rows(s, s3.id)}
        return Scenario({p.name: p.id for p in people}, s1.id, s2.id, s3.id, plans[a.id], plans[b.id])


def _split(db: Database) -> dict[int, dict[PointCategory, int]]:
    with db.read_session() as s:
        found: dict[int, dict[PointCategory, int]] = {}
        stmt = select(PointEntry.employee_id, PointEntry.category, func.sum(PointEntry.points)).group_by(
            PointEntry.employee_id, PointEntry.category
        )
        for employee_id, category, total in s.execute(stmt):
            if total:
                found.setdefault(employee_id, {})[category] = int(total)
        return found


def _entries(db: Database) -> list[tuple[str, int, str | None, int | None]]:
    with db.read_session() as s:
        stmt = select(PointEntry.rule_code, PointEntry.points, PointEntry.award_key, PointEntry.reverses_id)
        return [tuple(row) for row in s.execute(stmt.order_by(PointEntry.id))]  # type: ignore[misc]


def _by_name(sc: Scenario, split: dict[int, dict[PointCategory, int]]) -> dict[str, dict[PointCategory, int]]:
    names = {v: k for k, v in sc.people.items()}
    return {names[e]: cats for e, cats in split.items()}


# Worked out by hand from DOMAIN.md's default preset:
# 甲: attended S1 +10, completed S2 online +5 (participation 15); action plan on day 30 +20, adopted +50
#     (output 70).
# 乙: attended S1 late: +10 -2 (participation 8); action plan on day 31: nothing, adopted +50 (output 50).
# 丙: absent: nothing; reflection published +15 (sharing 15); the history record: nothing.
# 丁: completed S2 online +5; reflection not published: nothing; homework: its preset is off.
# 陈师: taught S1 (people came) +30 (sharing).
EXPECTED = {
    "甲": {P: 15, OUT: 70},
    "乙": {P: 8, OUT: 50},
    "丙": {S: 15},
    "丁": {P: 5},
    "陈师": {S: 30},
}


def test_recompute_awards_every_default_rule_as_worked_out_by_hand(db: Database) -> None:
    sc = _scenario(db)
    report = awards.recompute(db.uow())
    assert _by_name(sc, _split(db)) == EXPECTED
    assert report.added == 10 and report.reversed == 0
    assert report.points_added == sum(sum(c.values()) for c in EXPECTED.values())
    with db.read_session() as s:
        assert balance(s, sc.people["甲"]) == 85
        late = s.scalars(select(PointEntry).where(PointEntry.rule_code == awards.LATE)).one()
        assert late.award_key == f"LATE:session:{sc.s1}:{sc.people['乙']}"
        assert late.occurred_at == datetime(2026, 3, 2, 9)
        online = s.scalars(
            select(PointEntry).where(
                PointEntry.award_key == f"COMPLETE_ONLINE:session:{sc.s2}:{sc.people['甲']}"
            )
        ).one()
        assert online.occurred_at == datetime(2026, 3, 11, 10)  # the sign-in time


def test_recompute_and_sync_twice_change_nothing(db: Database) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    before = _entries(db)
    again = awards.recompute(db.uow())
    assert (again.added, again.reversed, again.unchanged) == (0, 0, 10)
    with db.uow() as uow:
        report = awards.sync_awards(uow.session, session_ids={sc.s1, sc.s3})
        uow.commit()
    assert not report.changed
    assert _entries(db) == before


def test_undoing_a_sign_in_reverses_its_award_and_signing_again_awards_again(db: Database) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    a = sc.people["甲"]
    attendance.clear_attendance(db.uow(), sc.s1, a)
    entries = _entries(db)
    key = f"ATTEND_OFFLINE:session:{sc.s1}:{a}"
    assert [e[1] for e in entries if e[2] == key] == [10, -10]
    first_id = _ids_of(db, key)[0]
    assert entries[-1][3] == first_id  # the reversal points at the entry it takes back
    assert _split(db)[a] == {P: 5, OUT: 70}
    # The trainer still taught: 乙 came.
    assert _split(db)[sc.people["陈师"]] == {S: 30}

    attendance.set_attendance(db.uow(), sc.s1, a, AttendanceStatus.PRESENT)
    assert [e[1] for e in _entries(db) if e[2] == key] == [10, -10, 10]
    assert _split(db)[a] == {P: 15, OUT: 70}
    assert len(_entries(db)) == len(entries) + 1  # the ledger only grows


def test_nobody_left_signed_in_takes_back_the_teaching_award(db: Database) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    attendance.clear_marks(db.uow(), sc.s1, [sc.people["甲"], sc.people["乙"]])
    assert sc.people["陈师"] not in _split(db)
    assert _by_name(sc, _split(db))["乙"] == {OUT: 50}  # -10 and +2 back


def test_withdrawn_adoption_and_late_sign_in_follow_at_once(db: Database) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    submissions.set_flags(db.uow(), sc.plan_b, adopted=False)
    assert _by_name(sc, _split(db))["乙"] == {P: 8}
    submissions.set_flags(db.uow(), sc.plan_b, adopted=True)
    assert _by_name(sc, _split(db))["乙"] == {P: 8, OUT: 50}
    # 丙 came after all, late: +10 -2 without any recompute.
    attendance.set_attendance(db.uow(), sc.s1, sc.people["丙"], AttendanceStatus.LATE)
    assert _by_name(sc, _split(db))["丙"] == {P: 8, S: 15}


def test_deleting_a_submission_reverses_what_it_earned(db: Database) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    submissions.delete_submission(db.uow(), sc.plan_a)
    assert _by_name(sc, _split(db))["甲"] == {P: 15}
    assert not awards.recompute(db.uow()).changed


def _ids_of(db: Database, key: str) -> list[int]:
    with db.read_session() as s:
        return list(
            s.scalars(select(PointEntry.id).where(PointEntry.award_key == key).order_by(PointEntry.id))
        )


def _rule_id(db: Database, code: str) -> int:
    with db.read_session() as s:
        (rule,) = [r for r in point_rules.list_rules(s) if r.code == code]
        return rule.id


def test_a_rule_change_from_a_date_applies_to_later_events_only(db: Database) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    rule_id = _rule_id(db, awards.ATTEND_OFFLINE)
    with db.read_session() as s:
        old = next(r for r in point_rules.list_rules(s) if r.id == rule_id)
    assert old.used
    new_id = point_rules.save_rule(
        db.uow(),
        rule_id,
        point_rules.RuleData(**{**vars(old.data()), "points": 12, "valid_from": date(2026, 3, 5)}),
    )
    assert new_id != rule_id
    with db.read_session() as s:
        versions = {r.id: r for r in point_rules.list_rules(s) if r.code == awards.ATTEND_OFFLINE}
        assert versions[rule_id].valid_to == date(2026, 3, 4) and versions[rule_id].points == 10
        assert versions[new_id].valid_from == date(2026, 3, 5) and versions[new_id].points == 12
        assert point_rules.rule_for(s, awards.ATTEND_OFFLINE, date(2026, 3, 4)).points == 10  # type: ignore[union-attr]
        assert point_rules.rule_for(s, awards.ATTEND_OFFLINE, date(2026, 3, 5)).points == 12  # type: ignore[union-attr]
    # S1 (03-02) keeps its 10; a session after the change earns 12.
    assert not awards.recompute(db.uow()).changed
    with building(db) as s:
        later = make_session(s, make_course(s, "C09", "新课"), "S9", datetime(2026, 3, 20, 9))
        enrol(s, later, sc.people["丁"])
        sign_in(s, later, sc.people["丁"])
    report = awards.recompute(db.uow())
    assert (report.added, report.points_added) == (1, 12)


def test_overlapping_versions_and_empty_names_are_refused(db: Database) -> None:
    data = point_rules.RuleData("ATTEND_OFFLINE", "参加线下培训", P, 11, valid_from=date(2026, 1, 1))
    with pytest.raises(point_rules.RuleRefused) as refused:
        point_rules.save_rule(db.uow(), None, data)
    assert "ATTEND_OFFLINE" in refused.value.message() and "2026-01-01" in refused.value.message()
    with pytest.raises(point_rules.RuleRefused, match="名称"):
        point_rules.save_rule(db.uow(), None, point_rules.RuleData("NEW_RULE", "  ", OUT, 5))
    assert point_rules.save_rule(db.uow(), None, point_rules.RuleData("NEW_RULE", "新规则", OUT, 5)) > 0


def test_disabled_presets_award_nothing_until_switched_on(db: Database) -> None:
    sc = _scenario(db)
    with db.read_session() as s:
        assert ("作业激励", 0, 2) in point_rules.presets(s)
        assert ("中层管理积分制", 7, 7) in point_rules.presets(s)
    awards.recompute(db.uow())
    assert _by_name(sc, _split(db))["丁"] == {P: 5}
    assert point_rules.switch_preset(db.uow(), "作业激励", True, on_date=date(2026, 1, 1)) == 2
    assert point_rules.switch_preset(db.uow(), "内训师激励", True, on_date=date(2026, 1, 1)) == 2
    report = awards.recompute(db.uow())
    # 丁's homework: submitted +50, excellent +100; 陈师: 1.5 teaching hours × 10 = 15 (rounded down)
    assert _by_name(sc, _split(db))["丁"] == {P: 5, OUT: 150}
    assert _by_name(sc, _split(db))["陈师"] == {S: 45}
    assert dict((c, a) for c, a, _r in report.by_code) == {
        "HOMEWORK_EXCELLENT": 1,
        "HOMEWORK_SUBMITTED": 1,
        "TEACH_HOUR": 1,
    }
    # Switched off again from a later date: the awards made stay.
    point_rules.switch_preset(db.uow(), "作业激励", False, on_date=date(2026, 6, 1))
    assert not awards.recompute(db.uow()).changed
    with db.read_session() as s:
        assert ("作业激励", 0, 2) in point_rules.presets(s)


def test_manual_awards_need_a_reason_and_never_overdraw(db: Database) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    at = datetime(2026, 6, 1, 12)
    a, d = sc.people["甲"], sc.people["丁"]
    with pytest.raises(ReasonRequired):
        manual_awards.award_manual(db.uow(), [a], 5, "  ", occurred_at=at)
    with pytest.raises(manual_awards.PointsRefused):
        manual_awards.award_manual(db.uow(), [a], 0, "无", occurred_at=at)
    before = _entries(db)
    with pytest.raises(InsufficientPoints, match="丁"):
        manual_awards.award_manual(db.uow(), [a, d], -10, "违纪", occurred_at=at)
    assert _entries(db) == before  # all or nothing: 甲 could pay, nothing was written
    ids = manual_awards.award_manual(db.uow(), [a, d], 3, "分享会", occurred_at=at)
    assert len(ids) == 2
    assert _by_name(sc, _split(db))["丁"] == {P: 5, X: 3}
    assert not awards.recompute(db.uow()).changed  # recompute leaves manual entries alone


def _import(db: Database, path: Path, valid_only: bool = False) -> object:
    kind = kinds()["point-adjustments"]
    return kind.import_parsed(db.uow(), kind.parse(path, None, None), valid_only, None)


def test_adjustments_import_all_or_nothing_and_twice_adds_nothing(db: Database, tmp_path: Path) -> None:
    sc = _scenario(db)
    awards.recompute(db.uow())
    bad = book(
        tmp_path / "bad.xlsx",
        [
            ["工号", "积分", "原因"],
            ["00001", 10, "优秀学员"],
            ["09999", 5, "x"],
            ["00004", -6, "迟交"],
            ["00002", 0, "零"],
        ],
    )
    before = _entries(db)
    with pytest.raises(ImportRejected) as rejected:
        _import(db, bad)
    described = [(e.row, e.value) for e in rejected.value.errors]
    assert described == [(3, "09999"), (4, "-6"), (5, "0")]
    assert "余额 5" in rejected.value.errors[1].describe()
    assert _entries(db) == before

    good = book(
        tmp_path / "good.xlsx",
        [
            ["工号", "积分", "原因"],
            ["00001", 10, "优秀学员"],
            ["00004", -5, "迟交"],
            ["00001", 10, "优秀学员"],
        ],
    )
    report = _import(db, good)
    assert (report.created, report.unchanged) == (3, 0)  # type: ignore[attr-defined]
    assert _by_name(sc, _split(db))["甲"] == {P: 15, OUT: 70, X: 20}
    assert _by_name(sc, _split(db))["丁"] == {P: 5, X: -5}
    again = _import(db, good)
    assert (again.created, again.unchanged) == (0, 3)  # type: ignore[attr-defined]
    assert again.warnings  # type: ignore[attr-defined]
    # The export of manual entries re-imports to nothing new either.
    out = tmp_path / "out.xlsx"
    with db.read_session() as s:
        assert kinds()["point-adjustments"].export(s, out, None) == 3
    assert _import(db, out).created == 0  # type: ignore[attr-defined]


def test_high_satisfaction_follows_feedback_at_once(db: Database) -> None:
    sc = _scenario(db)
    point_rules.switch_preset(db.uow(), "内训师激励", True, on_date=date(2026, 1, 1))
    awards.recompute(db.uow())
    trainer_before = _by_name(sc, _split(db))["陈师"].get(S, 0)
    assessment.record_feedback(db.uow(), sc.s1, sc.people["甲"], trainer_satisfaction=95, course_rating=5)
    assessment.record_feedback(db.uow(), sc.s1, sc.people["乙"], trainer_satisfaction=88, course_rating=4)
    # mean 91.5 >= 90: +20 for the trainer, without a recompute
    assert _by_name(sc, _split(db))["陈师"][S] == trainer_before + 20
    assessment.record_feedback(db.uow(), sc.s1, sc.people["乙"], trainer_satisfaction=80, course_rating=4)
    # mean 87.5: the award is reversed by a new entry, the ledger keeps both
    assert _by_name(sc, _split(db))["陈师"][S] == trainer_before
    assert [points for code, points, *_ in _entries(db) if code == "TEACH_HIGH_SATISFACTION"] == [20, -20]


def test_an_absurd_number_of_points_is_a_named_error_not_a_traceback(db: Database, tmp_path: Path) -> None:
    """Found by the fuzz test: 1.79e308 in 积分 overflowed the decimal context while being read."""
    _scenario(db)
    before = _entries(db)
    absurd = book(
        tmp_path / "absurd.xlsx",
        [["工号", "积分", "原因"], ["00001", 1.79e308, "手误"], ["00002", float("inf"), "手误"]],
    )
    with pytest.raises(ImportRejected) as rejected:
        _import(db, absurd)
    assert [e.row for e in rejected.value.errors] == [2, 3]
    assert _entries(db) == before


def test_a_manual_award_beyond_the_limit_is_refused(db: Database) -> None:
    sc = _scenario(db)
    before = _entries(db)
    with pytest.raises(manual_awards.PointsRefused, match="10000"):
        manual_awards.award_manual(
            db.uow(), [sc.people["甲"]], 10_001, "手误", occurred_at=datetime(2026, 3, 1)
        )
    assert _entries(db) == before
