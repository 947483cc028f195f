"""The demo's points: every automatic award of its training year, some manual awards, redemptions, milestones."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from desktop_hr.db import Database
from desktop_hr.models import Employee, EmployeeStatus, PointCategory, Reward
from desktop_hr.services.points import rewards
from desktop_hr.services.points.awards import recompute
from desktop_hr.services.points.ledger import balance
from desktop_hr.services.points.manual_awards import award_manual
from desktop_hr.services.points.milestones import check_milestones

MANUAL_AWARDS = [
    (20, "在部门周会上分享客户谈判案例", PointCategory.SHARING),
    (15, "整理并共享门店陈列标准手册", PointCategory.SHARING),
    (10, "协助组织新员工入职培训", PointCategory.PARTICIPATION),
    (30, "提出的流程改进建议被公司采纳", PointCategory.OUTPUT),
]


@dataclass(frozen=True)
class PointsDemoReport:
    awards: int
    redemptions: int
    milestones: int


def fill_points(db: Database, rng: random.Random, today: date) -> PointsDemoReport:
    """Through the services, after the training year is committed: what a clerk would see after a year."""
    awarded = recompute(db.uow())
    with db.read_session() as session:
        people = list(
            session.scalars(
                select(Employee.id).where(Employee.status != EmployeeStatus.LEFT).order_by(Employee.id)
            )
        )
        catalogue = list(session.scalars(select(Reward).where(Reward.active.is_(True)).order_by(Reward.cost)))
    for months_ago, (points, reason, category) in enumerate(MANUAL_AWARDS, start=1):
        when = datetime.combine(today - timedelta(days=30 * months_ago), time(10))
        award_manual(
            db.uow(),
            rng.sample(people, k=min(6, len(people))),
            points,
            reason,
            category=category,
            occurred_at=when,
        )
    redemptions = 0
    for person in rng.sample(people, k=min(40, len(people))):
        with db.read_session() as session:
            points_now = balance(session, person)
        affordable = [r for r in catalogue if r.cost <= points_now]
        if not affordable or redemptions >= 8:
            continue
        reward = rng.choice(affordable)
        asked = datetime.combine(today - timedelta(days=rng.randint(1, 40)), time(rng.randint(9, 17)))
        redemption_id = rewards.request_redemption(db.uow(), person, reward.id, at=asked)
        redemptions += 1
        step = redemptions % 4
        if step == 1:
            continue  # still waiting for approval: something for the clerk to do
        if step == 2:
            rewards.reject(
                db.uow(),
                redemption_id,
                at=asked + timedelta(days=1),
                note="本季度名额已满",
            )
            continue
        rewards.approve(db.uow(), redemption_id, at=asked + timedelta(days=1))
        if step == 3:
            rewards.fulfil(db.uow(), redemption_id, at=asked + timedelta(days=3))
    unlocked = check_milestones(db.uow(), at=datetime.combine(today, time(8)))
    return PointsDemoReport(awards=awarded.added, redemptions=redemptions, milestones=len(unlocked))
