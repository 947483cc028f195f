"""The demo's talent development: courses that train trainers, the trainers' yearly uplift, nominations from
the demo head, mentor-mentee pairs with their hours and evaluations, a training-needs pool, and a half-year
review in which people who attended a course score better on what it addresses (so the training-effect report
has something to show)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    Competency,
    Course,
    CourseCategory,
    CourseClassification,
    CourseCompetency,
    Department,
    Employee,
    EmployeeStatus,
    MenteeEvaluation,
    MentoringLog,
    Mentorship,
    NeedStatus,
    NominationStatus,
    PerformanceReview,
    Rank,
    ReviewItem,
    SessionStatus,
    SignInMethod,
    SubjectType,
    TrainerLevel,
    TrainerNomination,
    TrainerTrack,
    TrainerYear,
    TrainingNeed,
    TrainingSession,
)

# code, title, class hours, track
TRAINER_COURSES = (
    ("NX-JC", "内训师基础培训（TTT）", Decimal(12), TrainerTrack.BASIC),
    ("NX-ZX", "内训师专项培训：课程开发与引导", Decimal(24), TrainerTrack.SPECIALISED),
)
NEEDS = (
    (
        "门店店长团队管理能力提升",
        "团队管理",
        NeedStatus.NEW,
        "店长普遍反映新员工带教无方法，希望有系统的带教训练。",
    ),
    ("大客户谈判技巧专题", "谈判技巧", NeedStatus.ADOPTED, "华东区大客户续约谈判连续两单失利。"),
    ("财务共享中心业务流程培训", "财务核算", NeedStatus.NEW, "新系统上线后报销退回率高。"),
    ("安全生产操作规范复训", "安全生产", NeedStatus.CLOSED, "年度安全检查已覆盖，关闭。"),
)


def fill_development(session: Session, rng: random.Random, today: date) -> None:
    """Written in the caller's transaction, after the training year (it reads the sessions just made)."""
    working = list(
        session.scalars(select(Employee).where(Employee.status != EmployeeStatus.LEFT).order_by(Employee.id))
    )
    trainers = [p for p in working if p.is_trainer]
    _trainer_courses(session, rng, today, trainers)
    for person in trainers:
        for year in (today.year - 1, today.year):
            uplift = Decimal(rng.randint(-300, 2500)) / 100
            session.add(TrainerYear(employee_id=person.id, year=year, uplift=uplift, note=""))
    _nominations(session, rng, working)
    _mentoring(session, rng, today, working)
    _needs(session, today)
    _half_year_review(session, rng, today)
    session.flush()


def _trainer_courses(session: Session, rng: random.Random, today: date, trainers: list[Employee]) -> None:
    for index, (code, title, hours, track) in enumerate(TRAINER_COURSES):
        course = Course(
            code=code,
            title=title,
            credits=hours / 8,
            hours=hours,
            category=CourseCategory.ELECTIVE,
            classification=CourseClassification.SPECIALISED,
            subject=SubjectType.PROFESSIONAL,
            description="内训师培养项目",
            active=True,
            trainer_track=track,
        )
        session.add(course)
        session.flush()
        day = today - timedelta(days=200 - 60 * index)
        starts = datetime.combine(day, time(9))
        training = TrainingSession(
            code=f"{code}-{day:%Y%m}",
            course_id=course.id,
            starts_at=starts,
            ends_at=starts + timedelta(hours=8),
            place="总部三楼培训室",
            external_trainer="外聘培训师 周老师",
            status=SessionStatus.FINISHED,
            note="",
        )
        session.add(training)
        session.flush()
        # Most trainers took the basic course; fewer the specialised one.
        share = 0.8 if track is TrainerTrack.BASIC else 0.4
        for person in trainers:
            if rng.random() < share:
                session.add(
                    Attendance(
                        session_id=training.id,
                        employee_id=person.id,
                        status=AttendanceStatus.PRESENT,
                        signed_in_at=starts - timedelta(minutes=rng.randint(1, 20)),
                        method=SignInMethod.GRID,
                        recorded_by="demo",
                    )
                )


def _department_ids(session: Session, path_suffix: str) -> set[int]:
    rows = session.execute(select(Department.id, Department.name, Department.path)).all()
    target = next((r for r in rows if r.name == path_suffix), None)
    if target is None:
        return set()
    return {r.id for r in rows if r.id == target.id or (r.path or "").startswith(target.path)}


def _nominations(session: Session, rng: random.Random, working: list[Employee]) -> None:
    technical = _department_ids(session, "技术部")
    candidates = [p for p in working if p.department_id in technical and not p.is_trainer]
    reasons = (
        "主导完成新平台架构设计，乐于分享，组内技术分享 6 次，反响良好。",
        "带教三名新人顺利转正，表达清晰，适合讲授入职技术课程。",
        "客户现场问题处理经验丰富，可开发“故障排查实战”课程。",
    )
    for person, reason in zip(rng.sample(candidates, k=min(3, len(candidates))), reasons, strict=False):
        session.add(
            TrainerNomination(employee_id=person.id, reason=reason, nominated_by="head", decided_by="")
        )
    # One accepted earlier this year: the nominee is a junior trainer now.
    others = [p for p in working if not p.is_trainer and p.rank is Rank.MIDDLE]
    if others:
        person = rng.choice(others)
        person.is_trainer, person.trainer_level = True, TrainerLevel.JUNIOR
        session.add(
            TrainerNomination(
                employee_id=person.id,
                reason="门店运营经验丰富，多次在区域会议分享经验。",
                nominated_by="head",
                status=NominationStatus.ACCEPTED,
                decided_by="admin",
                decided_at=datetime.now() - timedelta(days=90),
                decision_note="同意，先参加内训师基础培训。",
            )
        )


def _mentoring(session: Session, rng: random.Random, today: date, working: list[Employee]) -> None:
    mentors = [p for p in working if p.rank in (Rank.MIDDLE, Rank.SENIOR)]
    recent = sorted(
        (p for p in working if p.rank is Rank.STAFF and p.hire_date is not None),
        key=lambda p: p.hire_date or today,
        reverse=True,
    )
    pairs = list(zip(rng.sample(mentors, k=min(6, len(mentors))), recent[:6], strict=False))
    for index, (mentor, mentee) in enumerate(pairs):
        start = today - timedelta(days=240 - 20 * index)
        pair = Mentorship(mentor_id=mentor.id, mentee_id=mentee.id, starts_on=start, ends_on=None, note="")
        session.add(pair)
        session.flush()
        # The first mentors meet often (优秀导师 material); the last ones rarely.
        every = 7 if index < 2 else 14 + 7 * index
        day = start + timedelta(days=3)
        while day < today:
            hours = Decimal(rng.choice((150, 200, 250, 300))) / 100
            session.add(MentoringLog(mentorship_id=pair.id, on=day, hours=hours, note="业务带教"))
            day += timedelta(days=every)
        score = rng.randint(90, 98) if index < 2 else rng.randint(75, 92)
        session.add(MenteeEvaluation(mentorship_id=pair.id, year=today.year, score=score, comment=""))


def _needs(session: Session, today: date) -> None:
    departments = {d.name: d.id for d in session.scalars(select(Department))}
    competencies = dict(
        session.execute(select(CourseCompetency.competency_id, CourseCompetency.course_id)).all()
    )
    by_name = {c.name: c.id for c in session.scalars(select(Competency))}
    places = ("门店运营部", "销售部", "财务部", "生产部")
    for (title, competency, status, detail), place in zip(NEEDS, places, strict=True):
        competency_id = by_name.get(competency)
        session.add(
            TrainingNeed(
                title=title,
                detail=detail,
                department_id=departments.get(place),
                competency_id=competency_id,
                status=status,
                course_id=competencies.get(competency_id or 0) if status is NeedStatus.ADOPTED else None,
                submitted_by="head" if place != "财务部" else "admin",
                submitted_at=datetime.combine(today - timedelta(days=30), time(10)),
                note="",
            )
        )


def _half_year_review(session: Session, rng: random.Random, today: date) -> None:
    """This year's first-half review (once that half is over): last year's scores moved a little, and by more
    on the competencies of courses the person attended in the first half."""
    if today < date(today.year, 7, 1):
        return
    half_end = datetime.combine(date(today.year, 6, 30), time(23, 59))
    trained: dict[int, set[int]] = defaultdict(set)
    attended = session.execute(
        select(Attendance.employee_id, CourseCompetency.competency_id)
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(CourseCompetency, CourseCompetency.course_id == TrainingSession.course_id)
        .where(
            Attendance.status.in_((AttendanceStatus.PRESENT, AttendanceStatus.LATE)),
            TrainingSession.ends_at <= half_end,
            TrainingSession.starts_at >= datetime(today.year - 1, 12, 31),
        )
    )
    for employee_id, competency_id in attended:
        trained[employee_id].add(competency_id)
    last_year = session.scalars(
        select(PerformanceReview).where(PerformanceReview.period == str(today.year - 1))
    ).all()
    for review in last_year:
        boost = trained.get(review.employee_id, set())
        items = [
            ReviewItem(
                competency_id=item.competency_id,
                score=max(
                    0,
                    min(
                        100,
                        item.score
                        + rng.randint(-4, 4)
                        + (rng.randint(6, 14) if item.competency_id in boost else 0),
                    ),
                ),
            )
            for item in review.items
        ]
        overall = round(sum(i.score for i in items) / len(items)) if items else review.overall_score
        session.add(
            PerformanceReview(
                employee_id=review.employee_id,
                period=f"{today.year}H1",
                overall_score=overall,
                comment="",
                items=items,
            )
        )
