"""Enrolment: capacity and waitlist order, moving up, deadline, who is refused, departments, two clerks at once."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from test_sessions import TODAY, Seed, make_session, seed
from training_data import building, make_people

from desktop_hr.db import Database
from desktop_hr.models import Employee, EmployeeStatus, EnrolmentSource, EnrolmentStatus, SessionStatus
from desktop_hr.services.archive.employees import EmployeeQuery
from desktop_hr.services.training import enrolment as enr
from desktop_hr.services.training import sessions as ses


@pytest.fixture
def world(db: Database) -> Seed:
    return seed(db)


def numbers(people: tuple[enr.Person, ...] | list[enr.Person]) -> list[str]:
    return [p.employee_no for p in people]


def statuses(db: Database, session_id: int) -> dict[str, tuple[EnrolmentStatus, int | None]]:
    with db.read_session() as s:
        return {r.employee_no: (r.status, r.waitlist_position) for r in enr.enrolment_rows(s, session_id)}


def test_beyond_capacity_people_wait_in_request_order(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=3)
    order = [world.people[i] for i in (4, 0, 2, 1, 3)]  # E005, E001, E003, E002, E004
    result = enr.enrol(db.uow(), sid, order, today=TODAY)
    assert numbers(result.enrolled) == ["E005", "E001", "E003"]
    assert numbers(result.waitlisted) == ["E002", "E004"]
    more = enr.enrol(db.uow(), sid, [world.people[5], world.people[0]], today=TODAY)
    assert numbers(more.waitlisted) == ["E006"] and numbers(more.already) == ["E001"]
    assert statuses(db, sid)["E006"] == (EnrolmentStatus.WAITLISTED, 3)
    assert "已报名 0 人，候补 1 人，原已在名单中 1 人" in more.summary()


def test_cancelling_moves_the_first_waiting_up_and_says_who(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=2)
    enr.enrol(db.uow(), sid, world.people[:4], today=TODAY)
    result = enr.cancel_enrolment(db.uow(), sid, world.people[0])
    assert numbers(result.moved_up) == ["E003"]
    assert "E003 员工3" in result.summary()
    found = statuses(db, sid)
    assert found["E001"] == (EnrolmentStatus.CANCELLED, None)
    assert found["E003"] == (EnrolmentStatus.ENROLLED, None)
    assert found["E004"] == (EnrolmentStatus.WAITLISTED, 1)
    # Cancelling someone who waits frees no place: nobody moves.
    assert enr.cancel_enrolment(db.uow(), sid, world.people[3]).moved_up == ()
    with pytest.raises(enr.NothingToCancel, match="E004"):
        enr.cancel_enrolment(db.uow(), sid, world.people[3])


def test_re_enrolling_a_cancelled_person_reactivates_the_row_at_the_end(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=1)
    enr.enrol(db.uow(), sid, world.people[:2], today=TODAY)
    enr.cancel_enrolment(db.uow(), sid, world.people[0])  # E002 moves up
    again = enr.enrol(db.uow(), sid, [world.people[0]], today=TODAY, source=EnrolmentSource.HEAD)
    assert numbers(again.waitlisted) == ["E001"]
    with db.read_session() as s:
        rows = enr.enrolment_rows(s, sid)
    assert len(rows) == 2
    assert [(r.employee_no, r.status, r.source) for r in rows] == [
        ("E002", EnrolmentStatus.ENROLLED, EnrolmentSource.HR),
        ("E001", EnrolmentStatus.WAITLISTED, EnrolmentSource.HEAD),
    ]


def test_nobody_overtakes_the_waitlist(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=1)
    enr.enrol(db.uow(), sid, world.people[:3], today=TODAY)
    # A place frees and someone new asks in the same breath: the one waiting longest gets it.
    enr.cancel_enrolment(db.uow(), sid, world.people[0])
    newcomer = enr.enrol(db.uow(), sid, [world.people[5]], today=TODAY)
    assert numbers(newcomer.waitlisted) == ["E006"]
    assert statuses(db, sid)["E002"][0] is EnrolmentStatus.ENROLLED


def test_left_employees_deadline_and_closed_sessions_are_refused(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, enrol_deadline=date(2026, 3, 10))
    result = enr.enrol(db.uow(), sid, [world.people[0], world.left_id], today=TODAY)
    assert numbers(result.enrolled) == ["E001"]
    assert [(r.person.employee_no, r.reason) for r in result.refused] == [("E099", "已离职")]
    late = enr.enrol(db.uow(), sid, [world.people[1]], today=date(2026, 3, 11))
    assert not late.changed and "2026-03-10 截止" in late.refused[0].reason
    on_the_day = enr.enrol(db.uow(), sid, [world.people[1]], today=date(2026, 3, 10))
    assert numbers(on_the_day.enrolled) == ["E002"]
    ses.set_status(db.uow(), sid, SessionStatus.CANCELLED)
    closed = enr.enrol(db.uow(), sid, [world.people[2]], today=TODAY)
    assert "已取消" in closed.refused[0].reason and "E003" in closed.summary()
    assert "E003" not in statuses(db, sid)


def test_by_department_takes_the_subtree_of_current_people(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id)
    with db.uow() as uow:
        # Someone who left, filed in the branch: not enrolled, and not listed as refused either.
        uow.session.get_one(Employee, world.left_id).department_id = world.sales_id
        uow.commit()
    result = enr.enrol_department(db.uow(), sid, world.branch_id, today=TODAY)
    assert len(result.enrolled) == 12 and not result.refused
    assert numbers(result.enrolled)[:2] == ["E001", "E002"]
    only_sales = enr.enrol_department(
        db.uow(), make_session(db, world.course_id, code="S2"), world.sales_id, today=TODAY
    )
    assert len(only_sales.enrolled) == 10


def test_by_filter_reuses_the_employee_query(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id)
    query = EmployeeQuery(text="E01", statuses=frozenset({EmployeeStatus.ACTIVE}))
    result = enr.enrol_matching(db.uow(), sid, query, today=TODAY)
    assert numbers(result.enrolled) == ["E010", "E011", "E012"]


def test_enrolment_rows_show_department_path_and_waitlist_position(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=1)
    enr.enrol(db.uow(), sid, world.people[:3], today=TODAY, now=datetime(2026, 3, 1, 10, 0))
    with db.read_session() as s:
        rows = enr.enrolment_rows(s, sid)
    assert [(r.employee_no, r.waitlist_position) for r in rows] == [("E001", None), ("E002", 1), ("E003", 2)]
    assert rows[0].department == "总公司/华东分部/销售部"
    assert rows[0].requested_at.replace(microsecond=0) == datetime(2026, 3, 1, 10, 0)


def test_two_clerks_at_once_never_overfill(db: Database, world: Seed) -> None:
    sid = make_session(db, world.course_id, capacity=5)
    halves = [world.people[:6], world.people[6:12]]
    results: list[enr.EnrolResult] = []
    errors: list[BaseException] = []

    def clerk(ids: list[int]) -> None:
        try:
            results.append(enr.enrol(db.uow(), sid, ids, today=TODAY))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=clerk, args=(ids,)) for ids in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(len(r.enrolled) for r in results) == 5
    assert sum(len(r.waitlisted) for r in results) == 7
    with db.read_session() as s:
        assert ses.session_summary(s, sid).enrolled == 5


def test_five_hundred_people_in_one_go(db: Database, world: Seed) -> None:
    with building(db) as s:
        make_people(s, ((f"P{n:04d}", f"学员{n}") for n in range(500)), department_id=world.sales_id)
    sid = make_session(db, world.course_id, capacity=450)
    result = enr.enrol_matching(db.uow(), sid, EmployeeQuery(text="P"), today=TODAY)
    assert (len(result.enrolled), len(result.waitlisted)) == (450, 50)
    with db.read_session() as s:
        rows = enr.enrolment_rows(s, sid)
    assert len(rows) == 500 and rows[-1].waitlist_position == 50
