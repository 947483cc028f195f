"""Sign-in: late against the start and the grace, the kiosk's refusals, grid marks and undo, the grace setting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, func, select
from training_data import building, enrol, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.errors import InvalidField
from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    Delivery,
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
    SignInMethod,
)
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.office_settings import grace_minutes, set_grace_minutes
from desktop_hr.services.training.attendance import (
    AttendanceMark,
    NotEnrolled,
    attendance_counts,
    attendance_rows,
    clear_attendance,
    mark_all_present,
    mark_attendance,
    restore_marks,
    set_attendance,
    status_for,
)
from desktop_hr.services.training.sign_in import SignInKind, correct_sign_in, record_sign_in

START = datetime(2026, 3, 2, 9, 0)


@dataclass(frozen=True)
class Scene:
    session_id: int
    ids: dict[str, int]  # 工号 -> employee id


def scene(
    db: Database,
    *,
    delivery: Delivery = Delivery.OFFLINE,
    status: SessionStatus = SessionStatus.OPEN,
    enrolments: dict[str, EnrolmentStatus] | None = None,
    others: tuple[str, ...] = ("E9",),
) -> Scene:
    """A session at START; E1 and E2 enrolled unless `enrolments` says otherwise, `others` in the archive only."""
    enrolments = (
        enrolments
        if enrolments is not None
        else {"E1": EnrolmentStatus.ENROLLED, "E2": EnrolmentStatus.ENROLLED}
    )
    names = {"E1": "张三", "E2": "李四", "E3": "王五", "E9": "赵六"}
    with building(db) as session:
        department_id = ensure_department_path(session, "总公司/人事行政部")
        people = make_people(
            session, {no: names.get(no, no) for no in [*enrolments, *others]}, department_id=department_id
        )
        ids = {p.employee_no: p.id for p in people}
        course = make_course(session, "C1", delivery=delivery)
        training = make_session(session, course, "S1", START, status=status)
        for no, enrolment in enrolments.items():
            enrol(session, training, ids[no], status=enrolment)
        return Scene(training.id, ids)


def stored(
    db: Database, session_id: int
) -> dict[int, tuple[AttendanceStatus, datetime | None, SignInMethod]]:
    with read_only(db) as session:
        return {
            a.employee_id: (a.status, a.signed_in_at, a.method)
            for a in session.scalars(select(Attendance).where(Attendance.session_id == session_id))
        }


# ---- late ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed_in_at", "grace", "expected"),
    [
        (START - timedelta(minutes=10), 0, AttendanceStatus.PRESENT),
        (START, 0, AttendanceStatus.PRESENT),
        (START + timedelta(seconds=59), 0, AttendanceStatus.PRESENT),  # the screen shows 09:00
        (START + timedelta(minutes=1), 0, AttendanceStatus.LATE),
        (START + timedelta(minutes=5), 5, AttendanceStatus.PRESENT),  # exactly start + grace
        (START + timedelta(minutes=6), 5, AttendanceStatus.LATE),
        (START + timedelta(hours=2), 120, AttendanceStatus.PRESENT),
    ],
)
def test_late_means_after_start_plus_grace(
    signed_in_at: datetime, grace: int, expected: AttendanceStatus
) -> None:
    assert status_for(START, signed_in_at, grace) is expected


def test_grace_is_an_office_setting_from_0_to_120(db: Database) -> None:
    with read_only(db) as session:
        assert grace_minutes(session) == 0
    set_grace_minutes(db.uow(), 10)
    with read_only(db) as session:
        assert grace_minutes(session) == 10
    with pytest.raises(InvalidField) as refused:
        set_grace_minutes(db.uow(), 121)
    assert "121" in refused.value.message()
    with read_only(db) as session:
        assert grace_minutes(session) == 10


def test_the_kiosk_applies_the_grace(db: Database) -> None:
    s = scene(db)
    set_grace_minutes(db.uow(), 5)
    on_time = record_sign_in(db.uow(), s.session_id, "E1", START + timedelta(minutes=5))
    late = record_sign_in(db.uow(), s.session_id, "E2", START + timedelta(minutes=6))
    assert (on_time.kind, on_time.status) == (SignInKind.SIGNED_IN, AttendanceStatus.PRESENT)
    assert (late.kind, late.status) == (SignInKind.LATE, AttendanceStatus.LATE)
    assert late.employee_name == "李四"


# ---- the kiosk -----------------------------------------------------------------------------------


def test_signing_in_twice_keeps_the_first_time(db: Database) -> None:
    s = scene(db)
    first = record_sign_in(db.uow(), s.session_id, "E1", START - timedelta(minutes=3))
    again = record_sign_in(db.uow(), s.session_id, "E1", START + timedelta(minutes=30))
    assert first.kind is SignInKind.SIGNED_IN
    assert again.kind is SignInKind.ALREADY
    assert again.signed_in_at == START - timedelta(minutes=3)
    assert again.status is AttendanceStatus.PRESENT
    assert stored(db, s.session_id) == {
        s.ids["E1"]: (AttendanceStatus.PRESENT, START - timedelta(minutes=3), SignInMethod.KIOSK)
    }


@pytest.mark.parametrize(
    ("number", "enrolment", "kind"),
    [
        ("X404", None, SignInKind.UNKNOWN_NO),
        ("", None, SignInKind.UNKNOWN_NO),
        ("E9", None, SignInKind.NOT_ENROLLED),
        ("E3", EnrolmentStatus.WAITLISTED, SignInKind.NOT_ENROLLED),
        ("E3", EnrolmentStatus.CANCELLED, SignInKind.NOT_ENROLLED),
    ],
)
def test_the_kiosk_refuses_unknown_and_not_enrolled_numbers(
    db: Database, number: str, enrolment: EnrolmentStatus | None, kind: SignInKind
) -> None:
    enrolments = {"E1": EnrolmentStatus.ENROLLED}
    if enrolment is not None:
        enrolments["E3"] = enrolment
    s = scene(db, enrolments=enrolments)
    outcome = record_sign_in(db.uow(), s.session_id, number, START)
    assert outcome.kind is kind
    assert not outcome.accepted
    assert stored(db, s.session_id) == {}


def test_a_cancelled_session_refuses_every_scan(db: Database) -> None:
    s = scene(db, status=SessionStatus.CANCELLED)
    assert record_sign_in(db.uow(), s.session_id, "E1", START).kind is SignInKind.SESSION_CLOSED
    assert stored(db, s.session_id) == {}


def test_full_width_digits_typed_with_an_input_method_are_the_same_number(db: Database) -> None:
    s = scene(db, enrolments={"123": EnrolmentStatus.ENROLLED}, others=())
    assert record_sign_in(db.uow(), s.session_id, " １２３\n", START).kind is SignInKind.SIGNED_IN


def test_online_courses_are_completed(db: Database) -> None:
    s = scene(db, delivery=Delivery.ONLINE)
    outcome = record_sign_in(db.uow(), s.session_id, "E1", START + timedelta(hours=2))
    assert (outcome.kind, outcome.status) == (SignInKind.SIGNED_IN, AttendanceStatus.COMPLETED)
    changes = mark_all_present(db.uow(), s.session_id)
    assert [c.after.status for c in changes if c.after] == [AttendanceStatus.COMPLETED]


def test_someone_marked_absent_who_turns_up_is_signed_in_by_a_correction(db: Database) -> None:
    s = scene(db)
    set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.ABSENT)
    refused = record_sign_in(db.uow(), s.session_id, "E1", START + timedelta(minutes=20))
    assert refused.kind is SignInKind.HAND_MARKED and stored(db, s.session_id)[s.ids["E1"]][0] is (
        AttendanceStatus.ABSENT
    )
    outcome = correct_sign_in(db.uow(), s.session_id, "E1", START + timedelta(minutes=20), "堵车，已到场")
    assert outcome.kind is SignInKind.LATE
    assert outcome.replaced == AttendanceMark(AttendanceStatus.ABSENT)
    assert stored(db, s.session_id)[s.ids["E1"]][0] is AttendanceStatus.LATE


# ---- the grid ------------------------------------------------------------------------------------


def test_an_explicit_correction_overrides_the_first_time(db: Database) -> None:
    s = scene(db)
    record_sign_in(db.uow(), s.session_id, "E1", START + timedelta(minutes=20))
    corrected = START - timedelta(minutes=2)
    change = set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.PRESENT, corrected)
    assert change.before == AttendanceMark(
        AttendanceStatus.LATE, START + timedelta(minutes=20), SignInMethod.KIOSK
    )
    assert stored(db, s.session_id)[s.ids["E1"]] == (AttendanceStatus.PRESENT, corrected, SignInMethod.GRID)


def test_a_time_without_a_status_decides_it_and_a_status_without_a_time_keeps_the_kiosk_time(
    db: Database,
) -> None:
    s = scene(db)
    set_attendance(db.uow(), s.session_id, s.ids["E1"], None, START + timedelta(minutes=7))
    assert stored(db, s.session_id)[s.ids["E1"]][0] is AttendanceStatus.LATE
    set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.PRESENT)  # excused lateness
    assert stored(db, s.session_id)[s.ids["E1"]][:2] == (
        AttendanceStatus.PRESENT,
        START + timedelta(minutes=7),
    )
    set_attendance(db.uow(), s.session_id, s.ids["E1"], AttendanceStatus.EXCUSED)
    assert stored(db, s.session_id)[s.ids["E1"]][:2] == (AttendanceStatus.EXCUSED, None)


def test_marking_someone_not_enrolled_asks_first_then_enrols_them(db: Database) -> None:
    s = scene(db)
    with pytest.raises(NotEnrolled) as refused:
        set_attendance(db.uow(), s.session_id, s.ids["E9"], AttendanceStatus.PRESENT)
    assert "E9" in refused.value.message() and "赵六" in refused.value.message()
    assert stored(db, s.session_id) == {}
    set_attendance(db.uow(), s.session_id, s.ids["E9"], AttendanceStatus.PRESENT, allow_unenrolled=True)
    with read_only(db) as session:
        enrolment = session.scalar(select(Enrolment.status).where(Enrolment.employee_id == s.ids["E9"]))
        rows = {r.employee_no: r for r in attendance_rows(session, s.session_id)}
    assert enrolment is EnrolmentStatus.ENROLLED
    assert rows["E9"].status is AttendanceStatus.PRESENT and rows["E9"].enrolled


def test_a_batch_with_one_person_not_enrolled_writes_nothing(db: Database) -> None:
    s = scene(db)
    with pytest.raises(NotEnrolled):
        mark_attendance(db.uow(), s.session_id, [s.ids["E1"], s.ids["E9"]], AttendanceStatus.ABSENT)
    assert stored(db, s.session_id) == {}


def test_clear_and_restore_undo_a_mistaken_mark(db: Database) -> None:
    s = scene(db)
    record_sign_in(db.uow(), s.session_id, "E1", START)
    changes = mark_attendance(db.uow(), s.session_id, [s.ids["E1"], s.ids["E2"]], AttendanceStatus.ABSENT)
    restore_marks(db.uow(), s.session_id, {c.employee_id: c.before for c in changes})
    assert stored(db, s.session_id) == {s.ids["E1"]: (AttendanceStatus.PRESENT, START, SignInMethod.KIOSK)}
    previous = clear_attendance(db.uow(), s.session_id, s.ids["E1"])
    assert previous == AttendanceMark(AttendanceStatus.PRESENT, START, SignInMethod.KIOSK)
    assert stored(db, s.session_id) == {}
    assert clear_attendance(db.uow(), s.session_id, s.ids["E1"]) is None


def test_mark_all_present_leaves_marked_people_alone(db: Database) -> None:
    s = scene(db, enrolments={no: EnrolmentStatus.ENROLLED for no in ("E1", "E2", "E3")})
    record_sign_in(db.uow(), s.session_id, "E1", START + timedelta(minutes=9))
    set_attendance(db.uow(), s.session_id, s.ids["E2"], AttendanceStatus.EXCUSED)
    changes = mark_all_present(db.uow(), s.session_id)
    assert [c.employee_id for c in changes] == [s.ids["E3"]]
    with read_only(db) as session:
        counts = attendance_counts(session, s.session_id)
    assert counts.by_status == {
        AttendanceStatus.LATE: 1,
        AttendanceStatus.EXCUSED: 1,
        AttendanceStatus.PRESENT: 1,
    }
    assert (counts.enrolled, counts.unmarked, counts.attended) == (3, 0, 2)


def test_the_grid_lists_everyone_enrolled_and_anyone_signed_in(db: Database) -> None:
    s = scene(
        db,
        enrolments={
            "E1": EnrolmentStatus.ENROLLED,
            "E2": EnrolmentStatus.WAITLISTED,
            "E3": EnrolmentStatus.CANCELLED,
        },
    )
    with building(db) as session:  # signed in, then the enrolment was cancelled: the sign-in still shows
        sign_in(session, s.session_id, s.ids["E3"])
    with read_only(db) as session:
        rows = attendance_rows(session, s.session_id)
        counts = attendance_counts(session, s.session_id)
    assert [(r.employee_no, r.name, r.department, r.status, r.enrolled) for r in rows] == [
        ("E1", "张三", "人事行政部", None, True),
        ("E3", "王五", "人事行政部", AttendanceStatus.PRESENT, False),
    ]
    assert (counts.enrolled, counts.unmarked) == (1, 1)


def test_the_grid_of_500_people_is_one_query(db: Database) -> None:
    enrolments = {f"P{n:04d}": EnrolmentStatus.ENROLLED for n in range(500)}
    s = scene(db, enrolments=enrolments, others=())
    mark_all_present(db.uow(), s.session_id, START)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with read_only(db) as session:
            rows = attendance_rows(session, s.session_id)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(rows) == 500 and all(r.status is AttendanceStatus.PRESENT for r in rows)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    with read_only(db) as session:
        assert session.scalar(select(func.count()).select_from(Attendance)) == 500
