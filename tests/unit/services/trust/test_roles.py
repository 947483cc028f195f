"""Accounts and roles in the services: what each role may do, and that a refusal writes nothing."""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from training_data import building, enrol, hand_in, make_course, make_people, make_session

from desktop_hr.db import Database
from desktop_hr.errors import NotFound
from desktop_hr.models import (
    Account,
    AssignmentType,
    AuditEntry,
    Department,
    Employee,
    PointCategory,
    PointEntry,
    Role,
    Setting,
    Submission,
)
from desktop_hr.models.base import utcnow
from desktop_hr.services import office_settings
from desktop_hr.services.archive.employees import EmployeeData, EmployeeQuery, create_employee, employee_ids
from desktop_hr.services.points import ledger, point_rules
from desktop_hr.services.points.manual_awards import award_manual, manual_posting
from desktop_hr.services.records import print_settings
from desktop_hr.services.training import submissions
from desktop_hr.services.training.enrolment import enrol as enrol_people
from desktop_hr.services.trust import accounts, audit
from desktop_hr.services.trust.permissions import (
    NotSignedIn,
    OutsideDepartment,
    PermissionDenied,
    Principal,
    WriteDenied,
)

PASSWORD = "correct-horse-1"


def employees(db: Database) -> int:
    with db.read_session() as session:
        return int(
            session.scalar(select(func.count()).select_from(Employee).execution_options(unscoped=True)) or 0
        )


def entries(db: Database, action: str) -> list[AuditEntry]:
    with db.read_session() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        )


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """总公司 with 财务部 (and its 会计科) and 销售部; one person in each."""
    with building(db) as session:
        company = Department(name="总公司", kind="company", path="")
        session.add(company)
        session.flush()
        company.path = f"{company.id}/"
        ids: dict[str, int] = {"company": company.id}
        for name, parent in (("财务部", "company"), ("销售部", "company"), ("会计科", "财务部")):
            found = session.get_one(Department, ids[parent])
            department = Department(name=name, kind="department", parent_id=found.id, path="")
            session.add(department)
            session.flush()
            department.path = f"{found.path}{department.id}/"
            ids[name] = department.id
        for no, name, where in (
            ("00001", "钱会计", "会计科"),
            ("00002", "孙出纳", "财务部"),
            ("00003", "赵销售", "销售部"),
        ):
            make_people(session, {no: name}, department_id=ids[where])
    return ids


def add_account(db: Database, name: str, role: Role, department_id: int | None = None) -> None:
    accounts.create_account(db.uow(), accounts.AccountData(name, role, department_id=department_id), PASSWORD)


# ---------------------------------------------------------------- accounts and signing in


def test_the_first_administrator_signs_in_and_a_second_init_is_refused(db: Database) -> None:
    db.principal = None
    admin = accounts.create_first_admin(db, "zhang", PASSWORD, "张主任")
    assert admin.role is Role.ADMIN and db.principal == admin
    with pytest.raises(accounts.AccountsExist):
        accounts.create_first_admin(db, "li", PASSWORD)
    with db.read_session() as session:
        stored = session.scalar(select(Account.password_hash).where(Account.name == "zhang"))
    assert stored is not None and stored.startswith("scrypt$") and PASSWORD not in stored


def test_wrong_passwords_count_down_then_lock_the_account_and_an_administrator_unlocks_it(
    db: Database,
) -> None:
    add_account(db, "clerk", Role.CLERK)
    now = utcnow()
    for _try in range(4):
        with pytest.raises(accounts.SignInFailed) as wrong:
            accounts.sign_in(db, "clerk", "guess", now=now)
        assert "连续输错 5 次密码，账号将锁定 15 分钟" in wrong.value.message()
    with pytest.raises(accounts.AccountLocked):
        accounts.sign_in(db, "clerk", "guess", now=now)
    with pytest.raises(accounts.AccountLocked):  # even the right password, while locked
        accounts.sign_in(db, "clerk", PASSWORD, now=now + timedelta(minutes=5))
    assert accounts.sign_in(db, "clerk", PASSWORD, now=now + timedelta(minutes=16)).role is Role.CLERK

    db.principal = Principal(name="hr", role=Role.ADMIN)
    for _ in range(5):
        with pytest.raises((accounts.SignInFailed, accounts.AccountLocked)):
            accounts.sign_in(db, "clerk", "guess", now=now)
    db.principal = Principal(name="hr", role=Role.ADMIN)
    with db.read_session() as session:
        clerk_id = session.scalar(select(Account.id).where(Account.name == "clerk"))
    assert clerk_id is not None
    accounts.unlock(db.uow(), clerk_id)
    assert accounts.sign_in(db, "clerk", PASSWORD, now=now).name == "clerk"
    failed = entries(db, audit.Action.SIGN_IN_FAILED)
    assert len(failed) == 11 and all(e.account == "clerk" for e in failed)
    assert len(entries(db, audit.Action.SIGN_IN)) == 2


def test_an_unknown_name_answers_as_slowly_as_a_wrong_password(db: Database) -> None:
    """The time a refusal takes must not tell which names exist (it was 63 ms against 213 ms)."""
    add_account(db, "clerk", Role.CLERK)

    def median_seconds(name: str) -> float:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            with pytest.raises(accounts.SignInFailed):
                accounts.sign_in(db, name, "wrong-password", now=utcnow())
            times.append(time.perf_counter() - started)
            db.principal = Principal(name="hr", role=Role.ADMIN)
            if name == "clerk":  # never reach the lock-out, whose message differs
                with db.read_session() as session:
                    clerk_id = session.scalar(select(Account.id).where(Account.name == "clerk"))
                assert clerk_id is not None
                accounts.unlock(db.uow(), clerk_id)
        return statistics.median(times)

    median_seconds("nobody")  # the first unknown name also makes the stand-in hash
    known, unknown = median_seconds("clerk"), median_seconds("nobody")
    assert unknown >= 0.5 * known, (
        f"unknown name {unknown * 1000:.0f} ms, wrong password {known * 1000:.0f} ms"
    )


def test_unknown_names_and_disabled_accounts_are_refused_without_saying_which(db: Database) -> None:
    add_account(db, "head", Role.CLERK)
    with pytest.raises(accounts.SignInFailed) as unknown:
        accounts.sign_in(db, "nobody", PASSWORD)
    with pytest.raises(accounts.SignInFailed) as wrong:
        accounts.sign_in(db, "head", "not-the-password")
    assert (
        unknown.value.message()
        == wrong.value.message()
        == "用户名或密码错误。连续输错 5 次密码，账号将锁定 15 分钟。"
    )
    db.principal = Principal(name="hr", role=Role.ADMIN)
    with db.read_session() as session:
        row = next(r for r in accounts.list_accounts(session) if r.name == "head")
    accounts.update_account(db.uow(), row.id, accounts.AccountData("head", Role.CLERK, active=False))
    with pytest.raises(accounts.AccountDisabled):
        accounts.sign_in(db, "head", PASSWORD)


def test_a_reset_password_must_be_changed_and_the_last_administrator_stays(db: Database) -> None:
    db.principal = None
    accounts.create_first_admin(db, "admin", PASSWORD)
    add_account(db, "clerk", Role.CLERK)
    with db.read_session() as session:
        rows = {r.name: r for r in accounts.list_accounts(session)}
    with pytest.raises(accounts.LastAdministrator):
        accounts.update_account(db.uow(), rows["admin"].id, accounts.AccountData("admin", Role.CLERK))
    with pytest.raises(accounts.PasswordTooShort):
        accounts.reset_password(db.uow(), rows["clerk"].id, "short")
    accounts.reset_password(db.uow(), rows["clerk"].id, "temporary-9")
    accounts.sign_in(db, "clerk", "temporary-9")
    assert accounts.must_change_password(db)
    with pytest.raises(accounts.PasswordWrong):
        accounts.change_own_password(db, "not-it", "my-own-secret")
    accounts.change_own_password(db, "temporary-9", "my-own-secret")
    assert not accounts.must_change_password(db)
    assert accounts.sign_in(db, "clerk", "my-own-secret").role is Role.CLERK


def test_nothing_is_written_without_signing_in(db: Database) -> None:
    db.principal = None
    with pytest.raises(NotSignedIn):
        create_employee(db.uow(), EmployeeData(employee_no="00009", name="无名"))
    assert employees(db) == 0


# ---------------------------------------------------------------- what each role may not do


def test_a_clerk_keeps_records_but_not_accounts_rules_or_settings(db: Database) -> None:
    add_account(db, "clerk", Role.CLERK)
    accounts.sign_in(db, "clerk", PASSWORD)
    create_employee(db.uow(), EmployeeData(employee_no="00010", name="新员工"))
    assert employees(db) == 1
    with pytest.raises(PermissionDenied) as refused:
        add_account(db, "other", Role.ADMIN)
    assert "clerk" in refused.value.message() and "人事专员" in refused.value.message()
    with db.read_session() as session:
        rule = point_rules.list_rules(session)[0]
    with pytest.raises(PermissionDenied):
        point_rules.set_enabled(db.uow(), rule.id, not rule.enabled, on_date=date(2026, 1, 1))
    with db.read_session() as session:
        current = print_settings.get(session)
    with pytest.raises(PermissionDenied):
        print_settings.save(db.uow(), current)
    # Writing a setting row directly, past the services' own checks, is still refused.
    with db.uow() as uow, pytest.raises(WriteDenied) as direct:
        office_settings.put_text(uow.session, "attendance.late_grace_minutes", "30")
        uow.commit()
    assert "设置" in direct.value.message()
    with db.read_session() as session:
        assert session.scalar(select(Setting).where(Setting.key == "attendance.late_grace_minutes")) is None


def test_an_auditor_reads_but_writes_nothing(db: Database, office: dict[str, int]) -> None:
    add_account(db, "audit", Role.AUDITOR)
    accounts.sign_in(db, "audit", PASSWORD)
    with db.read_session() as session:
        assert len(employee_ids(session, EmployeeQuery())) == 3
    with pytest.raises(PermissionDenied) as refused:
        create_employee(db.uow(), EmployeeData(employee_no="00011", name="审计员加的人"))
    assert "审计员" in refused.value.message() and "修改人事和培训记录" in refused.value.message()
    assert employees(db) == 3


def test_a_department_head_sees_and_grades_only_its_own_subtree(db: Database, office: dict[str, int]) -> None:
    with building(db) as session:
        course = make_course(session)
        training = make_session(
            session, course, starts_at=datetime(2026, 3, 5, 9), ends_at=datetime(2026, 3, 5, 17)
        )
        people = {e.employee_no: e.id for e in session.scalars(select(Employee))}
        enrol(session, training, *people.values())
        for person in people.values():
            hand_in(session, training, person, AssignmentType.REFLECTION, datetime(2026, 3, 6, 10))
        own, other = (
            session.scalar(select(Submission.id).where(Submission.employee_id == people[no]))
            for no in ("00001", "00003")
        )
        training_id = training.id
    add_account(db, "finance", Role.DEPARTMENT_HEAD, office["财务部"])
    accounts.sign_in(db, "finance", PASSWORD)

    with db.read_session() as session:
        visible = {e.employee_no for e in session.scalars(select(Employee))}
    assert visible == {"00001", "00002"}  # 会计科 is under 财务部; 销售部 is not

    assert own is not None and other is not None
    assert submissions.grade(db.uow(), own, head_score=88).head_score == 88
    with pytest.raises(WriteDenied):  # HR's grade is HR's
        submissions.grade(db.uow(), own, hr_score=90)
    with pytest.raises(OutsideDepartment) as outside:  # 销售部's people are not even visible to it
        submissions.grade(db.uow(), other, head_score=50)
    assert "只能处理本部门" in outside.value.message() and "00003" in outside.value.message()

    with pytest.raises((OutsideDepartment, NotFound)):  # nominating someone of 销售部
        enrol_people(db.uow(), training_id, [people["00003"]], today=date(2026, 3, 1))
    with pytest.raises(PermissionDenied):
        create_employee(
            db.uow(), EmployeeData(employee_no="00012", name="越权", department_id=office["财务部"])
        )
    db.principal = Principal(name="hr", role=Role.ADMIN)
    with db.read_session() as session:
        graded = {s.employee_id: (s.hr_score, s.head_score) for s in session.scalars(select(Submission))}
    assert graded[people["00001"]] == (None, 88) and graded[people["00003"]] == (None, None)


def test_a_department_heads_narrowing_reaches_every_alias_of_an_employee(
    db: Database, office: dict[str, int]
) -> None:
    """A query of two people (a mentor and a mentee, a manager and a report) through aliases runs and is
    narrowed on each alias, not only on the plain table."""
    from sqlalchemy.orm import aliased

    with building(db) as session:
        people = {e.employee_no: e for e in session.scalars(select(Employee))}
        people["00001"].manager_id = people["00002"].id  # 会计科 reports to 财务部: both inside
        people["00003"].manager_id = people["00002"].id  # 销售部 reports to 财务部: one outside
    add_account(db, "finance", Role.DEPARTMENT_HEAD, office["财务部"])
    accounts.sign_in(db, "finance", PASSWORD)
    report, boss = aliased(Employee), aliased(Employee)
    with db.read_session() as session:
        pairs = session.execute(
            select(report.employee_no, boss.employee_no).join(boss, boss.id == report.manager_id)
        ).all()
    assert [tuple(p) for p in pairs] == [("00001", "00002")]


def test_a_department_head_cannot_award_or_deduct_points_by_hand(
    db: Database, office: dict[str, int]
) -> None:
    """A head once gave itself +500 through award_manual; now refused, by the service and by the guard."""
    with db.read_session() as session:
        own = session.scalar(select(Employee.id).where(Employee.employee_no == "00002"))
    assert own is not None
    add_account(db, "finance", Role.DEPARTMENT_HEAD, office["财务部"])
    accounts.sign_in(db, "finance", PASSWORD)
    at = datetime(2026, 3, 1, 9)
    for points in (500, -5):
        with pytest.raises(PermissionDenied) as refused:
            award_manual(db.uow(), [own], points, "自己加分", occurred_at=at)
        assert refused.value.message() == "账号“finance”（部门负责人）无权手工加分或扣分。"
    posting = manual_posting(own, 500, "绕过服务", "MANUAL:x:1", category=PointCategory.OTHER, occurred_at=at)
    with db.uow() as uow, pytest.raises(PermissionDenied):  # written past the service: the guard asks too
        ledger.post(uow.session, posting)
        uow.commit()
    db.principal = Principal(name="hr", role=Role.ADMIN)
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(PointEntry)) == 0
    award_manual(db.uow(), [own], 500, "季度表彰", occurred_at=at)  # HR may
    with db.read_session() as session:
        assert session.scalar(select(func.sum(PointEntry.points))) == 500
