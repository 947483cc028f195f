"""A realistic year of training for the demo: courses with materials, sessions, enrolment, sign-ins, submissions."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr.models import (
    AssignmentType,
    Attendance,
    AttendanceStatus,
    Competency,
    Course,
    CourseCategory,
    CourseClassification,
    CourseMaterial,
    Delivery,
    Employee,
    EmployeeStatus,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    ExamResult,
    Feedback,
    SessionStatus,
    SignInMethod,
    SubjectType,
    Submission,
    TrainingRecord,
    TrainingSession,
)
from desktop_hr.services.files import store_bytes
from desktop_hr.services.training.attendance import status_for
from desktop_hr.services.training.submissions import due_date

R, E, P = CourseCategory.REQUIRED, CourseCategory.ELECTIVE, CourseCategory.PRACTICE
INI, APP, SPE, INS = (
    CourseClassification.INITIAL,
    CourseClassification.APPOINTMENT,
    CourseClassification.SPECIALISED,
    CourseClassification.IN_SERVICE,
)
PRO, GEN = SubjectType.PROFESSIONAL, SubjectType.GENERAL
OFF, ON = Delivery.OFFLINE, Delivery.ONLINE

# code, title, credits, hours, category, classification, subject, delivery, competencies, assignment
COURSES: list[
    tuple[
        str,
        str,
        str,
        str,
        CourseCategory,
        CourseClassification,
        SubjectType,
        Delivery,
        tuple[str, ...],
        AssignmentType | None,
    ]
] = [
    ("C001", "企业文化与规章制度", "2", "4", R, INI, GEN, OFF, ("制度执行",), AssignmentType.REFLECTION),
    ("C002", "安全生产基础", "3", "6", R, INI, PRO, OFF, ("安全生产",), None),
    ("C003", "部门业务流程", "4", "8", R, INI, PRO, OFF, ("问题解决",), AssignmentType.HOMEWORK),
    (
        "C004",
        "商务谈判技巧",
        "6",
        "12",
        E,
        INS,
        PRO,
        OFF,
        ("谈判技巧", "客户关系"),
        AssignmentType.ACTION_PLAN,
    ),
    ("C005", "高效团队管理", "8", "16", R, APP, PRO, OFF, ("团队管理",), AssignmentType.ACTION_PLAN),
    ("C006", "门店运营实务", "10", "20", P, SPE, PRO, OFF, ("门店运营",), AssignmentType.ACTION_PLAN),
    ("C007", "客户关系维护", "4", "8", E, INS, PRO, OFF, ("客户关系", "沟通协调"), AssignmentType.REFLECTION),
    ("C008", "Excel 数据分析", "3", "6", E, INS, PRO, ON, ("办公软件", "市场分析"), AssignmentType.HOMEWORK),
    ("C009", "职业道德与廉洁从业", "2", "3", R, INS, GEN, ON, ("制度执行",), AssignmentType.REFLECTION),
    (
        "C010",
        "内训师基础培训（TTT）",
        "5",
        "10",
        P,
        SPE,
        PRO,
        OFF,
        ("课程设计", "知识分享"),
        AssignmentType.HOMEWORK,
    ),
    (
        "C011",
        "项目管理实战",
        "6",
        "12",
        P,
        INS,
        PRO,
        OFF,
        ("项目管理", "团队管理"),
        AssignmentType.ACTION_PLAN,
    ),
    ("C012", "财务风险防控", "3", "6", E, SPE, PRO, OFF, ("风险意识", "财务核算"), AssignmentType.REFLECTION),
    ("C013", "质量管理体系", "4", "8", R, SPE, PRO, OFF, ("质量意识",), None),
    ("C014", "公文写作与方案撰写", "3", "6", E, INS, GEN, OFF, ("方案写作",), AssignmentType.HOMEWORK),
    ("C015", "心理健康与压力管理", "1", "2", E, INS, GEN, ON, (), AssignmentType.REFLECTION),
    ("C016", "新技术专题讲座", "2", "4", E, INS, PRO, OFF, ("专业技术",), AssignmentType.REFLECTION),
]
PLACES = ["总部三楼培训室", "总部一楼报告厅", "华东分部会议室", "华南分部培训中心", "线上直播"]
EXTERNAL_TRAINERS = ["李明远（外聘讲师）", "王静（咨询公司）", "陈立（大学教授）", "赵晓东（行业协会）"]
COMMENTS = ["讲解清楚，案例贴近实际", "希望多一些练习时间", "内容很实用", "节奏稍快", "讲师互动很好", ""]
REFLECTIONS = [
    "通过本次培训，我认识到沟通前充分准备的重要性，今后会把客户需求整理成清单再去拜访。",
    "课程中的案例让我重新审视了日常工作流程，计划在本月内梳理部门的三个关键环节。",
    "培训内容系统全面，特别是风险识别部分，对我的日常工作帮助很大。",
]
ACTION_PLANS = [
    "一、每周召开一次团队复盘会；二、建立客户分级台账；三、三个月内将转化率提高 5%。",
    "1. 本月完成门店陈列调整；2. 建立新员工带教机制；3. 每月评估一次执行效果。",
]


@dataclass(frozen=True)
class TrainingDemoReport:
    courses: int
    sessions: int
    sign_ins: int
    submissions: int
    feedback: int
    records: int


def _syllabus(title: str, hours: str) -> bytes:
    return (
        f"《{title}》课程大纲\n\n学时：{hours}\n\n一、课程目标\n二、课程内容\n三、考核方式\n\n"
        "（演示数据：素材库中的课件示例）\n"
    ).encode()


def _session_times(rng: random.Random, day: date, hours: Decimal) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(rng.choice([9, 9, 14])))
    length = min(max(int(hours), 2), 8)  # longer courses run over a full day
    end = start + timedelta(hours=length if start.hour == 9 else min(length, 4))
    return start, end


def fill_training(session: Session, rng: random.Random, today: date) -> TrainingDemoReport:
    """A year up to `today` and a month ahead, written in the caller's transaction."""
    competencies = {c.name: c for c in session.scalars(select(Competency))}
    people = list(session.scalars(select(Employee).order_by(Employee.id)))
    working = [p for p in people if p.status is not EmployeeStatus.LEFT]

    courses: list[tuple[Course, AssignmentType | None]] = []
    for (
        code,
        title,
        credits,
        hours,
        category,
        classification,
        subject,
        delivery,
        comps,
        assignment,
    ) in COURSES:
        course = Course(
            code=code,
            title=title,
            credits=Decimal(credits),
            hours=Decimal(hours),
            category=category,
            classification=classification,
            subject=subject,
            delivery=delivery,
            description="",
            active=True,
        )
        course.competencies = [competencies[c] for c in comps if c in competencies]
        session.add(course)
        session.flush()
        file_id = store_bytes(session, _syllabus(title, hours))
        session.add(
            CourseMaterial(
                course_id=course.id, file_id=file_id, original_name=f"{title}-课程大纲.txt", note=""
            )
        )
        courses.append((course, assignment))

    year = _Year(session, rng, today, working)
    day = today - timedelta(days=365)
    number = 0
    while day <= today + timedelta(days=30):
        day += timedelta(days=rng.choice([4, 5, 6, 7, 8]))
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        number += 1
        course, assignment = courses[number % len(courses)] if number > 3 else courses[number - 1]
        year.run_session(day, number, course, assignment)

    seen: set[tuple[int, str, date]] = set()
    for person in rng.sample(working, k=len(working) // 3):
        for _ in range(rng.randint(1, 4)):
            _code, title, credits, hours, category, classification, subject, *_ = rng.choice(COURSES)
            on_date = date(today.year - rng.randint(2, 4), rng.randint(1, 12), rng.randint(1, 28))
            if (person.id, title, on_date) in seen:
                continue
            seen.add((person.id, title, on_date))
            session.add(
                TrainingRecord(
                    employee_id=person.id,
                    course_title=title,
                    on_date=on_date,
                    hours=Decimal(hours),
                    credits=Decimal(credits),
                    category=category,
                    subject=subject,
                    classification=classification,
                    score=rng.choice(["合格", "优秀", "85", "90", ""]),
                    note="纸质档案录入",
                )
            )
    session.flush()
    return TrainingDemoReport(courses=len(courses), records=len(seen), **year.counts)


class _Year:
    """Runs the demo's sessions one by one: who enrols, who comes, who hands in what."""

    def __init__(self, session: Session, rng: random.Random, today: date, working: list[Employee]) -> None:
        self.session = session
        self.rng = rng
        self.today = today
        self.working = working
        self.trainers = [p for p in working if p.is_trainer]
        self.counts = {"sessions": 0, "sign_ins": 0, "submissions": 0, "feedback": 0}

    def run_session(self, day: date, number: int, course: Course, assignment: AssignmentType | None) -> None:
        session, rng, today, working, trainers, counts = (
            self.session,
            self.rng,
            self.today,
            self.working,
            self.trainers,
            self.counts,
        )
        starts_at, ends_at = _session_times(rng, day, course.hours)
        online = course.delivery is Delivery.ONLINE
        internal = trainers and rng.random() < 0.6 and not online
        capacity = rng.choice([20, 25, 30, 40])
        past = ends_at.date() < today
        status = (
            SessionStatus.FINISHED
            if past
            else (SessionStatus.OPEN if day <= today + timedelta(days=14) else SessionStatus.PLANNED)
        )
        if not past and number % 11 == 0:
            status = SessionStatus.CANCELLED
        training = TrainingSession(
            code=f"S{day:%Y%m%d}-{number % 100:02d}",
            course_id=course.id,
            starts_at=starts_at,
            ends_at=ends_at,
            place="线上学习平台" if online else rng.choice(PLACES[:-1]),
            trainer_id=rng.choice(trainers).id if internal else None,
            external_trainer="" if internal or online else rng.choice(EXTERNAL_TRAINERS),
            capacity=None if online else capacity,
            enrol_deadline=day - timedelta(days=2),
            assignment_type=assignment,
            # Reflections and homework are due two weeks after; action plans keep the 30-day rule.
            assignment_due=ends_at.date() + timedelta(days=14)
            if assignment in (AssignmentType.HOMEWORK, AssignmentType.REFLECTION)
            else None,
            pass_mark=60 if course.category is CourseCategory.REQUIRED else None,
            status=status,
            note="",
        )
        session.add(training)
        session.flush()
        counts["sessions"] += 1
        if status is SessionStatus.CANCELLED:
            return

        wanted = rng.randint(capacity // 2, capacity + 4) if not online else rng.randint(30, 60)
        chosen = rng.sample(
            [p for p in working if p.id != training.trainer_id], k=min(wanted, len(working) - 1)
        )
        requested = datetime.combine(training.enrol_deadline or day, time(9)) - timedelta(days=10)
        enrolled: list[Employee] = []
        for index, person in enumerate(chosen):
            full = training.capacity is not None and index >= training.capacity
            session.add(
                Enrolment(
                    session_id=training.id,
                    employee_id=person.id,
                    status=EnrolmentStatus.WAITLISTED if full else EnrolmentStatus.ENROLLED,
                    source=rng.choice(
                        [
                            EnrolmentSource.HR,
                            EnrolmentSource.HR,
                            EnrolmentSource.HEAD,
                            EnrolmentSource.RECOMMENDED,
                        ]
                    ),
                    requested_at=requested + timedelta(minutes=index * 7),
                )
            )
            if not full:
                enrolled.append(person)
        if not past:
            return

        period = int((ends_at - starts_at).total_seconds()) // 60
        for person in enrolled:
            roll = rng.random()
            if online:
                status_now, at = (
                    # Completed within the course's period: a sign-in counts only then.
                    (AttendanceStatus.COMPLETED, starts_at + timedelta(minutes=rng.randint(0, period)))
                    if roll < 0.9
                    else (AttendanceStatus.ABSENT, None)
                )
            elif roll < 0.05:
                status_now, at = AttendanceStatus.ABSENT, None
            elif roll < 0.11:
                status_now, at = AttendanceStatus.EXCUSED, None
            else:
                late = rng.random() < 0.09
                at = starts_at + (
                    timedelta(minutes=rng.randint(1, 25)) if late else -timedelta(minutes=rng.randint(0, 20))
                )
                status_now = status_for(starts_at, at, 0)
            session.add(
                Attendance(
                    session_id=training.id,
                    employee_id=person.id,
                    status=status_now,
                    signed_in_at=at,
                    method=SignInMethod.KIOSK if at is not None and not online else SignInMethod.GRID,
                    recorded_by="demo",
                )
            )
            if status_now in (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED):
                continue
            counts["sign_ins"] += 1
            self.after_session(training, person, assignment)

    def after_session(
        self, training: TrainingSession, person: Employee, assignment: AssignmentType | None
    ) -> None:
        session, rng, today, counts = self.session, self.rng, self.today, self.counts
        if training.pass_mark is not None:
            session.add(
                ExamResult(
                    session_id=training.id,
                    employee_id=person.id,
                    score=min(100, max(35, int(rng.gauss(80, 10)))),
                )
            )
        if rng.random() < 0.75:
            satisfaction = min(100, max(55, int(rng.gauss(88, 8))))
            session.add(
                Feedback(
                    session_id=training.id,
                    employee_id=person.id,
                    trainer_satisfaction=satisfaction,
                    course_rating=min(5, max(2, round(satisfaction / 20))),
                    comment=rng.choice(COMMENTS),
                )
            )
            counts["feedback"] += 1
        due = due_date(training, assignment) if assignment is not None else None
        if assignment is None or due is None:
            return
        # Recent sessions still have people to chase (the Home tab's reminders).
        days_since = (today - training.ends_at.date()).days
        chance = 0.45 if days_since < 30 else 0.85
        if rng.random() > chance:
            return
        lateness = rng.choice([-12, -8, -5, -3, -1, 0, 0, 2, 6])
        submitted_on = min(due + timedelta(days=lateness), today)
        submitted_on = max(submitted_on, training.ends_at.date())
        graded = days_since > 20 and rng.random() < 0.8
        hr = rng.randint(65, 98) if graded else None
        head = max(0, min(100, hr + rng.randint(-6, 6))) if hr is not None and rng.random() < 0.85 else None
        excellent = hr is not None and head is not None and (hr + head) / 2 >= 90
        texts = ACTION_PLANS if assignment is AssignmentType.ACTION_PLAN else REFLECTIONS
        session.add(
            Submission(
                session_id=training.id,
                employee_id=person.id,
                kind=assignment,
                title=f"{training.course.title}{'行动计划' if assignment is AssignmentType.ACTION_PLAN else '学习心得' if assignment is AssignmentType.REFLECTION else '作业'}",
                text=rng.choice(texts),
                submitted_at=datetime.combine(submitted_on, time(rng.randint(8, 21), rng.randint(0, 59))),
                hr_score=hr,
                head_score=head,
                excellent=excellent,
                adopted=assignment is AssignmentType.ACTION_PLAN and excellent and rng.random() < 0.6,
                published=assignment is AssignmentType.REFLECTION
                and hr is not None
                and hr >= 85
                and rng.random() < 0.5,
            )
        )
        counts["submissions"] += 1
