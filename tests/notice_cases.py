"""A small office for the reminder-notice tests, built by hand through the models: three departments, their
heads and addresses, and people with a session in 3 days, an overdue reflection and an action plan to chase.

Imported by name like training_data.py (tests/ is on sys.path through tests/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from training_data import building, enrol, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import Account, AssignmentType, EmployeeStatus, Role, SessionStatus
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.training.notices import set_department_addresses
from desktop_hr.services.trust.accounts import hash_password

TODAY = date(2026, 3, 1)
NOW = datetime.combine(TODAY, time(8, 30))
TECH = "总公司/技术部"
FINANCE = "总公司/财务部"
SALES = "总公司/华南分部/销售部"
SOUTH = "总公司/华南分部"
TECH_ADDRESS = "tech-head@office.example"
SOUTH_ADDRESS = "south-head@office.example"


@dataclass(frozen=True)
class Office:
    tech: int
    finance: int
    sales: int
    south: int
    people: dict[str, int]  # 工号 -> id
    upcoming: int  # the session starting in 3 days
    reflection: int  # the session whose reflection is 5 days overdue
    action_plan: int  # the session whose action plan is to chase


def build_office(db: Database, *, addresses: bool = True, today: date = TODAY) -> Office:
    """The office as of `today` (the command-line tests: the real today)."""
    with building(db) as s:
        tech = ensure_department_path(s, TECH)
        finance = ensure_department_path(s, FINANCE)
        sales = ensure_department_path(s, SALES)
        south = ensure_department_path(s, SOUTH)
        ids: dict[str, int] = {}
        for department, names in (
            (tech, {"0001": "张伟", "0002": "李娜", "0003": "王芳"}),
            (sales, {"0004": "刘洋"}),
            (finance, {"0005": "陈静"}),
        ):
            ids.update((p.employee_no, p.id) for p in make_people(s, names, department_id=department))
        (gone,) = make_people(s, {"0006": "周杰"}, department_id=tech, status=EmployeeStatus.LEFT)
        ids["0006"] = gone.id
        s.add_all(
            [
                Account(
                    name="wang",
                    display_name="王强",
                    role=Role.DEPARTMENT_HEAD,
                    department_id=tech,
                    password_hash=hash_password("head-pass-2026"),
                ),
                Account(
                    name="zhao",
                    display_name="赵敏",
                    role=Role.DEPARTMENT_HEAD,
                    department_id=south,
                    password_hash=hash_password("head-pass-2026"),
                ),
            ]
        )
        soon = make_session(
            s,
            make_course(s, "C01", "沟通技巧"),
            "S-UP",
            *full_days(today + timedelta(days=3)),
            place="三楼培训室",
            status=SessionStatus.OPEN,
        )
        enrol(s, soon, ids["0001"], ids["0005"], ids["0006"])
        reflection = make_session(
            s,
            make_course(s, "C02", "公文写作"),
            "S-RF",
            *full_days(today - timedelta(days=20)),
            place="二楼会议室",
            status=SessionStatus.FINISHED,
            assignment_type=AssignmentType.REFLECTION,
            assignment_due=today - timedelta(days=5),
        )
        plan = make_session(
            s,
            make_course(s, "C03", "团队管理"),
            "S-AP",
            *full_days(today - timedelta(days=12)),
            place="二楼会议室",
            status=SessionStatus.FINISHED,
            assignment_type=AssignmentType.ACTION_PLAN,
        )
        for training, people in ((reflection, ("0002", "0004")), (plan, ("0003",))):
            for no in people:
                enrol(s, training, ids[no])
                sign_in(s, training, ids[no])
    if addresses:
        set_department_addresses(db.uow(), {tech: TECH_ADDRESS, south: SOUTH_ADDRESS})
    return Office(tech, finance, sales, south, ids, soon.id, reflection.id, plan.id)
