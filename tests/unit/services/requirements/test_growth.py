"""The growth view: this year's figures against each requirement, the next milestone, points and rank, and the
upcoming sessions that would close a gap soonest, each with why."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from requirement_cases import attended, course, handed_in, person
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    Competency,
    CourseCategory,
    CourseCompetency,
    Enrolment,
    EnrolmentStatus,
    Measure,
    PerformanceReview,
    PointCategory,
    ReviewItem,
    SessionStatus,
    SubjectType,
    TrainingSession,
)
from desktop_hr.services.points.ledger import MANUAL, Posting, post
from desktop_hr.services.points.milestones import MilestoneData, save_milestone
from desktop_hr.services.requirements.growth import growth

TODAY = date(2026, 10, 12)


def _upcoming(session: object, row: object, code: str, day: date, **overrides: object) -> TrainingSession:
    start = datetime.combine(day, time(9))
    training = TrainingSession(
        code=code,
        course_id=row.id,  # type: ignore[attr-defined]
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        status=SessionStatus.OPEN,
        **overrides,
    )
    session.add(training)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    return training


def test_growth_of_a_professional_short_of_hours(db: Database) -> None:
    with building(db) as s:
        pro20 = course(s, "P20", hours="20", credits="4", subject=SubjectType.PROFESSIONAL, title="专业前沿")
        gen12 = course(s, "G12", hours="12", credits="2", subject=SubjectType.GENERAL, title="公需课")
        talk = course(s, "N08", hours="8", credits="2", category=CourseCategory.ELECTIVE, title="谈判技巧")
        skill = Competency(name="谈判技巧")
        s.add(skill)
        s.flush()
        s.add(CourseCompetency(course_id=talk.id, competency_id=skill.id))
        who = person(s, "1001", "王工")
        handed_in(s, who, attended(s, who, pro20, date(2026, 3, 2)))
        attended(s, who, gen12, date(2026, 4, 2))
        review = PerformanceReview(employee_id=who.id, period="2025", overall_score=72)
        review.items = [ReviewItem(competency_id=skill.id, score=62)]
        s.add(review)
        later_pro = _upcoming(
            s, pro20, "U-PRO", date(2026, 11, 20), assignment_type=AssignmentType.REFLECTION
        )
        soon_gen = _upcoming(s, gen12, "U-GEN", date(2026, 10, 20))
        _upcoming(s, talk, "U-TALK", date(2026, 10, 15))
        cancelled = _upcoming(s, pro20, "U-OFF", date(2026, 10, 14))
        cancelled.status = SessionStatus.CANCELLED
        _upcoming(s, pro20, "PAST", date(2026, 10, 1))  # started before today: not offered
        s.add(Enrolment(session_id=soon_gen.id, employee_id=who.id, status=EnrolmentStatus.ENROLLED))
        post(s, Posting(who.id, 30, PointCategory.SHARING, datetime(2026, 5, 1), MANUAL, reason="演讲"))
        employee_id = who.id
        later_id = later_pro.id
    save_milestone(db.uow(), MilestoneData(5, "一张电影票"))  # reached already (6 credits)

    with db.read_session() as s:
        seen = growth(s, employee_id, TODAY)

    assert (seen.year, seen.hours, seen.credits, seen.total_credits) == (
        2026,
        Decimal("32.00"),
        Decimal("6.00"),
        Decimal("6.00"),
    )
    assert seen.next_milestone is not None and seen.next_milestone[0] == 100  # the first shipped one
    assert (seen.balance, seen.points_12_months, seen.rank, seen.ranked) == (30, 30, 1, 1)
    assert seen.low_competencies == (("谈判技巧", 62),)
    title = next(p for p in seen.progress if p.standing.requirement == "职称评定")
    assert (title.measure, title.have, title.need) == (Measure.HOURS, Decimal("32.00"), Decimal("40.00"))
    continuing = next(p for p in seen.progress if p.standing.requirement == "专业技术人员继续教育")
    assert continuing.standing.gap() == "还差58学时，其中专业科目还差40学时"

    codes = [r.session_code for r in seen.recommendations]
    assert codes == ["U-TALK", "U-GEN", "U-PRO"]  # soonest first; cancelled and past ones left out
    talk_reasons, gen_reasons, pro_reasons = (r.reasons for r in seen.recommendations)
    assert "能力项“谈判技巧”评分 62" in talk_reasons
    assert "职称评定：学时 +8" in talk_reasons
    assert seen.recommendations[1].enrolled and not seen.recommendations[0].enrolled
    # 58 more hours, 40 of them professional: 18 may be general, so the general course helps the total.
    assert "专业技术人员继续教育：学时 +12" in gen_reasons
    assert "专业技术人员继续教育：专业科目学时 +20" in pro_reasons
    assert "职称评定：可写心得" in pro_reasons
    assert seen.recommendations[2].session_id == later_id


def test_growth_with_nothing_to_recommend(db: Database) -> None:
    with building(db) as s:
        employee_id = person(s, "2001", "新人").id
    with db.read_session() as s:
        seen = growth(s, employee_id, TODAY)
    assert seen.hours == seen.credits == Decimal(0)
    assert seen.recommendations == () and seen.rank is None
    assert {p.standing.requirement for p in seen.progress} >= {"职称评定", "专业技术人员继续教育"}
