"""Sign-ins only while a session runs: the window's edges, online periods, hand-set 缺勤/请假 kept, corrections
with a reason (in the audit trail), the import's row error, and the kiosk left open for 13 days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from training_data import building, enrol, make_course, make_people, make_session
from workbooks import book

from desktop_hr.db import Database, read_only
from desktop_hr.errors import InvalidField
from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    AuditEntry,
    Certificate,
    Delivery,
    PointEntry,
    SignInMethod,
)
from desktop_hr.services.exchange import kinds
from desktop_hr.services.imports import ImportRejected
from desktop_hr.services.office_settings import set_sign_in_window_minutes, sign_in_window_minutes
from desktop_hr.services.points.ledger import ReasonRequired
from desktop_hr.services.records.certificates import NoAttendees, issue_completion
from desktop_hr.services.training.attendance import AttendanceMark, set_attendance
from desktop_hr.services.training.sign_in import SignInKind, correct_sign_in, record_sign_in
from desktop_hr.services.training.sign_in_window import CorrectionNeeded
from desktop_hr.services.trust.permissions import PermissionDenied, Principal
from desktop_hr.vocabulary import Role

START = datetime(2026, 3, 2, 9, 0)
END = datetime(2026, 3, 2, 12, 0)


@dataclass(frozen=True)
class Scene:
    session_id: int
    ids: dict[str, int]


def scene(db: Database, *, delivery: Delivery = Delivery.OFFLINE, ends_at: datetime = END) -> Scene:
    """安全生产 S1 from START to `ends_at`, 张三 (E1) and 李四 (E2) enrolled."""
    with building(db) as s:
        people = make_people(s, {"E1": "张三", "E2": "李四"})
        course = make_course(s, "C1", delivery=delivery)
        training = make_session(s, course, "S1", START, ends_at)
        enrol(s, training, *people)
        return Scene(training.id, {p.employee_no: p.id for p in people})


def stored(db: Database, s: Scene) -> dict[int, tuple[AttendanceStatus, datetime | None]]:
    with read_only(db) as session:
        rows = session.scalars(select(Attendance).where(Attendance.session_id == s.session_id))
        return {a.employee_id: (a.status, a.signed_in_at) for a in rows}


def points_of(db: Database, employee_id: int) -> int:
    with read_only(db) as session:
        total = session.scalar(
            select(func.sum(PointEntry.points)).where(PointEntry.employee_id == employee_id)
        )
        return int(total or 0)


def corrections(db: Database) -> list[tuple[str, str, str]]:
    """(record id, summary, reason) of the trail's entries that carry a reason on attendance."""
    with read_only(db) as session:
        found = session.execute(
            select(AuditEntry.record_id, AuditEntry.summary, AuditEntry.reason)
            .where(AuditEntry.table_name == "attendance", AuditEntry.reason != "")
            .order_by(AuditEntry.id)
        )
        return [(r, s, why) for r, s, why in found]


# ---- the window ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "kind"),
    [
        (START - timedelta(minutes=61), SignInKind.OUTSIDE_WINDOW),
        (START - timedelta(minutes=60), SignInKind.SIGNED_IN),  # the window opens exactly here
        (START, SignInKind.SIGNED_IN),
        (END, SignInKind.LATE),  # the last minute of the session still counts
        (END + timedelta(seconds=59), SignInKind.LATE),  # the screen still shows 12:00
        (END + timedelta(minutes=1), SignInKind.OUTSIDE_WINDOW),
    ],
)
def test_the_kiosk_accepts_from_60_minutes_before_the_start_until_the_end(
    db: Database, at: datetime, kind: SignInKind
) -> None:
    s = scene(db)
    outcome = record_sign_in(db.uow(), s.session_id, "E1", at)
    assert outcome.kind is kind
    if kind is SignInKind.OUTSIDE_WINDOW:
        assert not outcome.accepted and stored(db, s) == {}
        assert outcome.window is not None and outcome.attempted_at == at
    else:
        assert stored(db, s) == {s.ids["E1"]: (outcome.status, at)}


def test_the_refusal_names_the_session_its_times_and_the_time(db: Database) -> None:
    s = scene(db)
    early = record_sign_in(db.uow(), s.session_id, "E1", datetime(2026, 3, 1, 19, 30))  # the evening before
    assert early.kind is SignInKind.OUTSIDE_WINDOW
    assert early.problem() == (
        "签到时间 2026-03-01 19:30 早于班次 S1「安全生产」的签到时段："
        "该班次 2026-03-02 09:00 开始，2026-03-02 08:00 起方可签到"
    )
    late = record_sign_in(db.uow(), s.session_id, "E1", END + timedelta(days=13))
    assert late.problem() == (
        "签到时间 2026-03-15 12:00 晚于班次 S1「安全生产」的签到时段："
        "该班次 2026-03-02 09:00 开始，已于 2026-03-02 12:00 结束"
    )
    assert stored(db, s) == {}


def test_the_window_is_an_office_setting_from_0_to_1440_minutes(db: Database) -> None:
    s = scene(db)
    with read_only(db) as session:
        assert sign_in_window_minutes(session) == 60
    set_sign_in_window_minutes(db.uow(), 30)
    assert record_sign_in(db.uow(), s.session_id, "E1", START - timedelta(minutes=31)).kind is (
        SignInKind.OUTSIDE_WINDOW
    )
    assert record_sign_in(db.uow(), s.session_id, "E2", START - timedelta(minutes=30)).kind is (
        SignInKind.SIGNED_IN
    )
    for wrong in (-1, 1441):
        with pytest.raises(InvalidField) as refused:
            set_sign_in_window_minutes(db.uow(), wrong)
        assert str(wrong) in refused.value.message() and "1440" in refused.value.message()
    with read_only(db) as session:
        assert sign_in_window_minutes(session) == 30


@pytest.mark.parametrize(
    ("at", "kind"),
    [
        (START - timedelta(minutes=1), SignInKind.OUTSIDE_WINDOW),  # no early minutes: the period itself
        (START, SignInKind.SIGNED_IN),
        (datetime(2026, 3, 20, 22, 15), SignInKind.SIGNED_IN),  # any day of the period
        (datetime(2026, 3, 31, 18, 0), SignInKind.SIGNED_IN),  # its last minute
        (datetime(2026, 3, 31, 18, 1), SignInKind.OUTSIDE_WINDOW),
    ],
)
def test_an_online_course_counts_within_its_period(db: Database, at: datetime, kind: SignInKind) -> None:
    s = scene(db, delivery=Delivery.ONLINE, ends_at=datetime(2026, 3, 31, 18, 0))
    outcome = record_sign_in(db.uow(), s.session_id, "E1", at)
    assert outcome.kind is kind
    if kind is SignInKind.SIGNED_IN:
        assert outcome.status is AttendanceStatus.COMPLETED
    else:
        assert stored(db, s) == {}


# ---- 缺勤 and 请假 set by hand ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "shown"), [(AttendanceStatus.ABSENT, "缺勤"), (AttendanceStatus.EXCUSED, "请假")]
)
def test_a_sign_in_never_replaces_absent_or_excused_set_by_hand(
    db: Database, status: AttendanceStatus, shown: str
) -> None:
    s = scene(db)
    set_attendance(db.uow(), s.session_id, s.ids["E1"], status)
    for method in (SignInMethod.KIOSK, SignInMethod.GRID):  # the kiosk and the typed line alike
        outcome = record_sign_in(db.uow(), s.session_id, "E1", START, method=method)
        assert outcome.kind is SignInKind.HAND_MARKED and outcome.hand_mark is status
        assert outcome.problem() == f"张三（E1）已由人事标记为“{shown}”，签到不能覆盖"
    assert stored(db, s) == {s.ids["E1"]: (status, None)}
    assert corrections(db) == []


# ---- corrections -----------------------------------------------------------------------------------


def test_a_correction_with_a_reason_writes_and_records_the_reason(db: Database) -> None:
    s = scene(db)
    set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.ABSENT)
    at = END + timedelta(minutes=30)
    outcome = correct_sign_in(db.uow(), s.session_id, "E1", at, "  纸质签到表有本人签名，补录  ")
    assert outcome.kind is SignInKind.LATE
    assert outcome.replaced == AttendanceMark(AttendanceStatus.ABSENT)  # what undo puts back
    assert stored(db, s) == {s.ids["E1"]: (AttendanceStatus.LATE, at)}
    ((record_id, summary, reason),) = corrections(db)
    assert reason == "纸质签到表有本人签名，补录"
    assert "张三" in summary and "S1" in summary and "2026-03-02 12:30" in summary and "原为缺勤" in summary
    with read_only(db) as session:
        row_id = session.scalar(select(Attendance.id).where(Attendance.employee_id == s.ids["E1"]))
    assert record_id == str(row_id)


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_correction_without_a_reason_is_refused_and_writes_nothing(db: Database, reason: str) -> None:
    s = scene(db)
    set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.EXCUSED)
    with pytest.raises(ReasonRequired):
        correct_sign_in(db.uow(), s.session_id, "E1", START, reason)
    with pytest.raises(ReasonRequired):
        correct_sign_in(db.uow(), s.session_id, "E2", END + timedelta(days=1), reason)
    assert stored(db, s) == {s.ids["E1"]: (AttendanceStatus.EXCUSED, None)}
    assert corrections(db) == []


def test_the_grid_asks_for_a_correction_for_a_time_outside_the_window(db: Database) -> None:
    s = scene(db)
    late = END + timedelta(days=1)
    for reason in ("", "  "):
        with pytest.raises(CorrectionNeeded) as refused:
            set_attendance(db.uow(), s.session_id, s.ids["E1"], None, late, correction_reason=reason)
        assert "2026-03-03 12:00" in refused.value.message() and "S1" in refused.value.message()
        assert "理由" in refused.value.message()
    assert stored(db, s) == {}
    set_attendance(db.uow(), s.session_id, s.ids["E1"], None, late, correction_reason="系统故障次日补录")
    assert stored(db, s) == {s.ids["E1"]: (AttendanceStatus.LATE, late)}
    assert [reason for _id, _summary, reason in corrections(db)] == ["系统故障次日补录"]
    # A status without a time (from the paper sheet) and a time inside the window need no correction.
    set_attendance(db.uow(), s.session_id, s.ids["E2"], AttendanceStatus.PRESENT)
    set_attendance(db.uow(), s.session_id, s.ids["E2"], None, START - timedelta(minutes=60))
    assert len(corrections(db)) == 1


def test_an_auditor_can_neither_sign_in_nor_correct(db: Database) -> None:
    s = scene(db)
    db.principal = Principal(name="审计员", role=Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        record_sign_in(db.uow(), s.session_id, "E1", START)
    with pytest.raises(PermissionDenied):
        correct_sign_in(db.uow(), s.session_id, "E1", END + timedelta(days=1), "补录")
    assert stored(db, s) == {}


# ---- the story of issue 12 -------------------------------------------------------------------------


def test_a_kiosk_left_open_13_days_awards_nothing_and_no_certificate(db: Database) -> None:
    """HR marked 张三 缺勤 by hand; the kiosk stayed open; 13 days after the end his badge is scanned."""
    s = scene(db)
    assert record_sign_in(db.uow(), s.session_id, "E2", START - timedelta(minutes=5)).accepted
    assert points_of(db, s.ids["E2"]) > 0  # a sign-in that counts earns its points at once
    set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.ABSENT)
    entries_before = corrections(db)

    outcome = record_sign_in(db.uow(), s.session_id, "E1", END + timedelta(days=13, minutes=7))

    assert outcome.kind is SignInKind.OUTSIDE_WINDOW and not outcome.accepted
    assert outcome.hand_mark is AttendanceStatus.ABSENT  # both reasons are named
    assert "2026-03-15 12:07" in outcome.problem() and "缺勤" in outcome.problem()
    assert stored(db, s)[s.ids["E1"]] == (AttendanceStatus.ABSENT, None)  # the hand-set 缺勤 remains
    assert points_of(db, s.ids["E1"]) == 0
    assert corrections(db) == entries_before
    # Only 李四 came: the 结业证书 goes to him, none to 张三.
    issued = issue_completion(db.uow(), s.session_id, at=END + timedelta(days=14))
    with read_only(db) as session:
        holders = session.scalars(select(Certificate.employee_id).where(Certificate.id.in_(issued))).all()
    assert holders == [s.ids["E2"]]


def test_without_anyone_who_came_no_certificate_can_be_issued(db: Database) -> None:
    s = scene(db)
    set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.ABSENT)
    record_sign_in(db.uow(), s.session_id, "E1", END + timedelta(days=13))
    record_sign_in(db.uow(), s.session_id, "E2", END + timedelta(days=13))
    with pytest.raises(NoAttendees):
        issue_completion(db.uow(), s.session_id, at=END + timedelta(days=14))


# ---- the import --------------------------------------------------------------------------------------


def test_an_imported_sign_in_a_day_late_is_a_row_error_naming_the_time(db: Database, tmp_path: Path) -> None:
    s = scene(db)
    path = book(
        tmp_path / "签到.xlsx",
        [
            ["班次编号", "工号", "签到时间", "状态"],
            ["S1", "E1", "2026-03-02 08:00", None],  # the window's first minute
            ["S1", "E2", "2026-03-03 12:00", "出勤"],  # a day late
        ],
    )
    kind = kinds()["attendance"]
    with pytest.raises(ImportRejected) as rejected:
        kind.import_parsed(db.uow(), kind.parse(path, None, None), False, None)
    (error,) = rejected.value.errors
    assert (error.row, error.column) == (3, "签到时间")
    assert (
        "2026-03-03 12:00" in error.reason
        and "S1" in error.reason
        and "已于 2026-03-02 12:00 结束" in error.reason
    )
    assert "第3行" in rejected.value.message()
    assert stored(db, s) == {}


def test_a_correction_exported_and_read_back_stays_unchanged(db: Database, tmp_path: Path) -> None:
    s = scene(db)
    late = END + timedelta(days=1)
    correct_sign_in(db.uow(), s.session_id, "E1", late, "签到机故障，次日补录")
    kind = kinds()["attendance"]
    same = book(
        tmp_path / "same.xlsx", [["班次编号", "工号", "签到时间", "状态"], ["S1", "E1", late, "迟到"]]
    )
    report = kind.import_parsed(db.uow(), kind.parse(same, None, None), False, None)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    moved = book(
        tmp_path / "moved.xlsx",
        [["班次编号", "工号", "签到时间", "状态"], ["S1", "E1", late + timedelta(hours=1), "迟到"]],
    )
    with pytest.raises(ImportRejected) as rejected:
        kind.import_parsed(db.uow(), kind.parse(moved, None, None), False, None)
    assert "2026-03-03 13:00" in rejected.value.message()
    assert stored(db, s) == {s.ids["E1"]: (AttendanceStatus.LATE, late)}
