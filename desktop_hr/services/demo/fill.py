"""Realistic demo data: a department tree, a few hundred employees with Chinese names, reviews and goals."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from datetime import date, timedelta

from sqlalchemy import func, select

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import (
    CareerGoal,
    Employee,
    EmployeeStatus,
    Gender,
    PerformanceReview,
    PersonnelCategory,
    Rank,
    ReviewItem,
    Role,
    TrainerLevel,
)
from desktop_hr.services.archive.organisation import (
    ensure_competency,
    ensure_department_paths,
    ensure_position,
    set_competencies_in_session,
)
from desktop_hr.services.demo.marker import mark_demo
from desktop_hr.services.trust.permissions import Permission, require
from desktop_hr.services.validation import id_card_check_char

messages.define(
    {
        "demo_not_empty": (
            "数据库中已有 {count} 名员工，演示数据只写入空数据库。请用 --db 指定一个新文件。",
            "The database already holds {count} employees; demo data only goes into an empty database. Use --db with a new file.",
        ),
    }
)


class DemoNeedsEmptyDatabase(DomainError):
    code = "demo_not_empty"


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁琳晨欣怡佳雪梅婷倩颖露瑶璐婧琪瑾昊然泽睿博文轩子涵思雨"

# department path -> (positions, competencies of those positions)
DEPARTMENTS: dict[str, list[str]] = {
    "总公司/人事行政部": ["人事专员", "培训主管", "行政助理"],
    "总公司/财务部": ["会计", "出纳", "财务经理"],
    "总公司/技术部": ["工程师", "高级工程师", "技术经理"],
    "总公司/生产部": ["生产主管", "质检员", "操作工"],
    "总公司/华东分部/销售部": ["销售代表", "区域经理"],
    "总公司/华东分部/市场部": ["市场专员", "店长"],
    "总公司/华南分部/销售部": ["销售代表", "区域经理"],
    "总公司/华南分部/门店运营部": ["店长", "店员"],
    "总公司/华北分部/销售部": ["销售代表", "区域经理"],
}
COMPETENCIES: dict[str, list[str]] = {
    "人事专员": ["沟通协调", "制度执行"],
    "培训主管": ["课程设计", "沟通协调", "团队管理"],
    "行政助理": ["沟通协调", "办公软件"],
    "会计": ["财务核算", "风险意识"],
    "出纳": ["财务核算", "风险意识"],
    "财务经理": ["财务核算", "团队管理", "风险意识"],
    "工程师": ["专业技术", "问题解决"],
    "高级工程师": ["专业技术", "问题解决", "知识分享"],
    "技术经理": ["专业技术", "团队管理", "项目管理"],
    "生产主管": ["安全生产", "团队管理", "问题解决"],
    "质检员": ["安全生产", "质量意识"],
    "操作工": ["安全生产", "质量意识"],
    "销售代表": ["谈判技巧", "客户关系", "沟通协调"],
    "区域经理": ["谈判技巧", "团队管理", "客户关系"],
    "市场专员": ["市场分析", "方案写作"],
    "店长": ["团队管理", "客户关系", "门店运营"],
    "店员": ["客户关系", "门店运营"],
}
MANAGER_POSITIONS = {"财务经理", "技术经理", "生产主管", "区域经理", "店长", "培训主管"}
# Professional titles (职称) by the kind of work; None: most people hold none.
TITLE_SERIES: dict[str, list[str | None]] = {
    "engineering": ["助理工程师", "工程师", "工程师", "高级工程师"],
    "accounting": ["助理会计师", "会计师", "会计师", "高级会计师"],
    "economics": [None, None, "助理经济师", "经济师"],
}
GOALS = [
    ("提升谈判技巧", "区域经理"),
    ("提升团队管理能力", "部门经理"),
    ("考取中级职称", ""),
    ("成为中级内训师", ""),
    ("熟练掌握数据分析", "市场主管"),
]
AREA_CODES = ["110105", "310104", "440305", "420106", "510107", "330106", "320102"]


@dataclass(frozen=True)
class DemoReport:
    employees: int
    departments: int
    reviews: int
    goals: int
    courses: int = 0
    sessions: int = 0
    sign_ins: int = 0
    submissions: int = 0
    feedback: int = 0
    records: int = 0
    awards: int = 0
    redemptions: int = 0
    milestones: int = 0
    onboarding_courses: int = 0
    onboarding_sessions: int = 0
    onboarding_sign_ins: int = 0


@dataclass(frozen=True)
class Person:
    """A plausible person: valid ID number matching birth date and gender, working age at hire."""

    name: str
    gender: Gender
    birth_date: date
    id_card_no: str
    phone: str
    hire_date: date
    status: EmployeeStatus
    leave_date: date | None


def random_person(rng: random.Random, today: date, *, may_leave: bool = True) -> Person:
    """Also used by the benchmark's roster generator, so demo data and benchmark data look alike."""
    gender = rng.choice([Gender.MALE, Gender.FEMALE])
    birth = date(rng.randint(1966, 2003), rng.randint(1, 12), rng.randint(1, 28))
    hire = max(birth + timedelta(days=365 * 20), today - timedelta(days=rng.randint(10, 365 * 18)))
    status = EmployeeStatus.ACTIVE
    if hire > today - timedelta(days=180):
        status = EmployeeStatus.PROBATION
    elif may_leave and rng.random() < 0.06:
        status = EmployeeStatus.LEFT
    # Sequence digits: the last is odd for men, even for women (GB 11643).
    parity = rng.choice([1, 3, 5, 7, 9] if gender is Gender.MALE else [0, 2, 4, 6, 8])
    first17 = f"{rng.choice(AREA_CODES)}{birth:%Y%m%d}{rng.randrange(100):02d}{parity}"
    return Person(
        name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2]))),
        gender=gender,
        birth_date=birth,
        id_card_no=first17 + id_card_check_char(first17),
        phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
        hire_date=hire,
        status=status,
        leave_date=today - timedelta(days=rng.randint(1, 150)) if status is EmployeeStatus.LEFT else None,
    )


def title_for(rng: random.Random, position: str, category: PersonnelCategory) -> str | None:
    """A professional title that fits the position: engineers hold engineering titles, and so on."""
    if "工程师" in position or position in {"技术经理", "质检员"}:
        series = "engineering"
    elif position in {"会计", "出纳", "财务经理"}:
        series = "accounting"
    elif category is PersonnelCategory.MANAGEMENT:
        series = "economics"
    else:
        return None
    return rng.choice(TITLE_SERIES[series])


def rank_for(rng: random.Random, *, is_manager: bool) -> Rank:
    """Heads of department are middle managers, a few senior (高层); everyone else is staff."""
    if not is_manager:
        return Rank.STAFF
    return Rank.SENIOR if rng.random() < 0.15 else Rank.MIDDLE


def category_for(position: str, *, is_manager: bool) -> PersonnelCategory:
    if is_manager:
        return PersonnelCategory.MANAGEMENT
    if "工程师" in position or position in {"会计", "出纳", "质检员"}:
        return PersonnelCategory.PROFESSIONAL
    return PersonnelCategory.SKILLED


def fill_demo(
    uow: UnitOfWork,
    *,
    employees: int = 300,
    seed: int = 2026,
    today: date | None = None,
    training: bool = True,
) -> DemoReport:
    """Fill an empty database; refuses a database that already has employees (demo data never mixes with real)."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    rng = random.Random(seed)
    today = today or date.today()
    with uow:
        session = uow.session
        existing = session.scalar(select(func.count()).select_from(Employee)) or 0
        if existing:
            raise DemoNeedsEmptyDatabase(count=existing)
        mark_demo(session)  # never remembered as the office's database; no first-day guide
        dept_ids = ensure_department_paths(session, DEPARTMENTS)
        for position, comps in COMPETENCIES.items():
            set_competencies_in_session(session, position, comps)
        competency_ids = {
            name: ensure_competency(session, name) for comps in COMPETENCIES.values() for name in comps
        }

        people: list[tuple[Employee, str, str]] = []  # (employee, department path, position)
        managers: dict[str, Employee] = {}
        paths = list(DEPARTMENTS)
        for n in range(1, employees + 1):
            # The first of each department is its head, so every department has someone to report to.
            path = paths[n - 1] if n <= len(paths) else rng.choice(paths)
            if n <= len(paths):
                position = next(
                    (p for p in DEPARTMENTS[path] if p in MANAGER_POSITIONS), DEPARTMENTS[path][0]
                )
            else:
                staff = [p for p in DEPARTMENTS[path] if p not in MANAGER_POSITIONS] or DEPARTMENTS[path]
                position = rng.choice(staff) if rng.random() < 0.9 else rng.choice(DEPARTMENTS[path])
            is_manager = position in MANAGER_POSITIONS
            person = random_person(rng, today, may_leave=not is_manager)
            emp = Employee(
                employee_no=f"{n:05d}",
                **{f.name: getattr(person, f.name) for f in fields(person)},
                is_trainer=False,
                note="",
            )
            emp.department_id = dept_ids[path]
            emp.position_id = ensure_position(session, position)
            emp.rank = rank_for(rng, is_manager=is_manager)
            emp.category = category_for(position, is_manager=is_manager)
            emp.title = title_for(rng, position, emp.category)
            if is_manager and rng.random() < 0.5:
                emp.is_trainer = True
                emp.trainer_level = rng.choice(list(TrainerLevel))
            session.add(emp)
            people.append((emp, path, position))
            managers.setdefault(path, emp)
        session.flush()

        reviews = goals = 0
        for emp, path, position in people:
            boss = managers[path]
            if boss is not emp:
                emp.manager_id = boss.id
            for year in (today.year - 2, today.year - 1):
                if emp.hire_date and emp.hire_date.year >= year:
                    continue
                base = rng.randint(58, 95)
                review = PerformanceReview(
                    employee_id=emp.id, period=str(year), overall_score=base, comment=""
                )
                review.items = [
                    ReviewItem(
                        competency_id=competency_ids[c], score=max(40, min(100, base + rng.randint(-15, 10)))
                    )
                    for c in COMPETENCIES[position]
                ]
                session.add(review)
                reviews += 1
            # Seed 000: 80% of middle managers list negotiation skills as a goal.
            if emp.rank is Rank.MIDDLE and rng.random() < 0.8:
                text, target = GOALS[0]
            elif rng.random() < 0.4:
                text, target = rng.choice(GOALS[1:])
            else:
                continue
            session.add(
                CareerGoal(
                    employee_id=emp.id,
                    text=text,
                    target_position=target,
                    target_date=date(today.year + 1, 12, 31),
                )
            )
            goals += 1
        session.flush()
        # Imported here: the training demo needs the attendance and submission rules, which need the archive.
        from desktop_hr.services.demo.training import fill_training

        training_year = fill_training(session, rng, today) if training else None
        if training:
            from desktop_hr.services.demo.development import fill_development

            fill_development(session, random.Random(seed + 2), today)
        uow.commit()
    points = onboarding = None
    if training:
        from desktop_hr.services.demo.points import fill_points
        from desktop_hr.services.demo.requirements import fill_onboarding

        # Before the points: the onboarding sign-ins earn theirs like any other.
        onboarding = fill_onboarding(uow.db, seed + 1, today)

        points = fill_points(uow.db, rng, today)
    departments = len({"/".join(p.split("/")[: i + 1]) for p in DEPARTMENTS for i in range(p.count("/") + 1)})
    return DemoReport(
        employees=len(people),
        departments=departments,
        reviews=reviews,
        goals=goals,
        **(vars(training_year) if training_year is not None else {}),
        **(vars(points) if points is not None else {}),
        **(vars(onboarding) if onboarding is not None else {}),
    )


# One account per role, so a new demo database can be tried as each of them.
DEMO_PASSWORD = "demo-2026"
DEMO_ACCOUNTS: tuple[tuple[str, Role, str, str | None], ...] = (
    ("clerk", Role.CLERK, "人事专员（演示）", None),
    ("head", Role.DEPARTMENT_HEAD, "技术部负责人（演示）", "总公司/技术部"),
    ("auditor", Role.AUDITOR, "审计员（演示）", None),
)


def demo_accounts(uow: UnitOfWork) -> list[str]:
    """The clerk, department head and auditor of the demo (password DEMO_PASSWORD, no change forced)."""
    require(uow.principal, Permission.MANAGE_ACCOUNTS)
    from desktop_hr.services.trust.accounts import AccountData, create_account

    with uow:
        paths = ensure_department_paths(uow.session, DEPARTMENTS)
    made = []
    for name, role, display, department in DEMO_ACCOUNTS:
        data = AccountData(name, role, display, paths[department] if department else None)
        create_account(uow, data, DEMO_PASSWORD, must_change=False)
        made.append(name)
    return made
