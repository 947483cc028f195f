"""Trainer profiles: hours and sessions taught (only sessions someone came to), the year's satisfaction, the
uplift HR enters, the contribution value, the 优秀内训师 threshold at its boundary, and the certificate."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from trainer_cases import enter_uplift, students, teach, trainer
from training_data import building

from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.models import AttendanceStatus, Certificate, TrainerLevel, TrainerYear
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.development import settings
from desktop_hr.services.development.trainers import search_profiles, set_uplift, trainer_profiles
from desktop_hr.services.records import certificates
from desktop_hr.services.trust.permissions import PermissionDenied, Principal
from desktop_hr.vocabulary import Role

D = Decimal
DAY = date(2026, 4, 8)


def _by_no(db: Database, year: int = 2026) -> dict[str, object]:
    with db.read_session() as s:
        return {p.employee_no: p for p in trainer_profiles(s, year)}


def test_contribution_values_and_the_threshold_boundary(db: Database) -> None:
    with building(db) as s:
        pool = students(s, 3)
        exact = trainer(s, "00001", "周敏")  # 20 h × 0.3 + 85 × 0.4 = 40.00: excellent
        below = trainer(s, "00002", "吴强")  # 19.97 h × 0.3 + 85 × 0.4 = 39.991 → 39.99: not
        with_uplift = trainer(s, "00003", "郑丽", TrainerLevel.INTERMEDIATE)
        teach(s, exact, "12", DAY, pool[:2], scores=[80, 90])
        teach(s, exact, "8", date(2026, 9, 1), pool[:1], scores=[85])  # mean of 80, 90, 85 = 85
        teach(s, below, "19.97", DAY, pool, scores=[85, 85, 85])
        teach(s, with_uplift, "4", DAY, pool[:1], scores=[90])
        enter_uplift(s, with_uplift, 2026, "12.5")
        enter_uplift(s, with_uplift, 2025, "900")  # another year's uplift: not this one's
    found = _by_no(db)
    one, two, three = found["00001"], found["00002"], found["00003"]
    assert (one.sessions, one.hours, one.satisfaction, one.uplift) == (2, D("20.00"), D("85.00"), None)
    assert (one.contribution, one.excellent, one.level) == (D("40.00"), True, TrainerLevel.JUNIOR)
    assert (two.hours, two.contribution, two.excellent) == (D("19.97"), D("39.99"), False)
    # 4 × 0.3 + 90 × 0.4 + 12.5 × 0.3 = 1.2 + 36 + 3.75
    assert (three.uplift, three.contribution, three.excellent) == (D("12.50"), D("40.95"), True)
    with db.read_session() as s:
        ranking = [(p.rank, p.employee_no) for p in trainer_profiles(s, 2026)]
    assert ranking == [(1, "00003"), (2, "00001"), (3, "00002")]


def test_changed_weights_and_threshold_apply(db: Database) -> None:
    with building(db) as s:
        pool = students(s, 1)
        person = trainer(s, "00001", "周敏")
        teach(s, person, "10", DAY, pool, scores=[70])
    settings.save(db.uow(), {"weight_hours": "1", "weight_satisfaction": "0.5", "excellent_threshold": "45"})
    profile = _by_no(db)["00001"]
    assert (profile.contribution, profile.excellent) == (D("45.00"), True)  # 10 × 1 + 70 × 0.5 + 0
    settings.save(
        db.uow(), {"weight_hours": "1", "weight_satisfaction": "0.5", "excellent_threshold": "45.01"}
    )
    assert _by_no(db)["00001"].excellent is False


def test_sessions_nobody_came_to_are_not_counted(db: Database) -> None:
    with building(db) as s:
        pool = students(s, 2)
        person = trainer(s, "00001", "周敏")
        teach(s, person, "6", DAY, [])  # no sign-in at all
        teach(s, person, "5", DAY, pool, scores=[60, 60], status=AttendanceStatus.ABSENT)
        teach(s, person, "4", DAY, pool[:1], scores=[], status=AttendanceStatus.EXCUSED)
        teach(s, person, "3", DAY, pool[:1], scores=[95], status=AttendanceStatus.LATE)
        teach(s, person, "2", DAY, pool[1:], scores=[85])
    profile = _by_no(db)["00001"]
    assert (profile.sessions, profile.hours, profile.satisfaction) == (2, D("5.00"), D("90.00"))


def test_feedback_and_sessions_of_other_years_are_not_counted(db: Database) -> None:
    with building(db) as s:
        pool = students(s, 2)
        person = trainer(s, "00001", "周敏")
        teach(s, person, "6", date(2025, 12, 31), pool, scores=[10, 20])
        teach(s, person, "3", date(2026, 1, 1), pool[:1], scores=[88])
        teach(s, person, "7", date(2027, 1, 1), pool, scores=[30, 40])
    profile = _by_no(db)["00001"]
    assert (profile.sessions, profile.hours, profile.satisfaction) == (1, D("3.00"), D("88.00"))
    earlier = _by_no(db, 2025)["00001"]
    assert (earlier.sessions, earlier.hours, earlier.satisfaction) == (1, D("6.00"), D("15.00"))


def test_everyone_who_taught_is_listed_and_trainers_without_sessions_too(db: Database) -> None:
    with building(db) as s:
        pool = students(s, 1)
        trainer(s, "00001", "周敏", TrainerLevel.SENIOR)  # taught nothing this year
        guest = trainer(s, "00002", "王工", level=None)  # not a trainer, but taught
        teach(s, guest, "2", DAY, pool, scores=[])
    found = _by_no(db)
    assert set(found) == {"00001", "00002"}
    assert (found["00001"].sessions, found["00001"].satisfaction, found["00001"].contribution) == (
        0,
        None,
        D("0.00"),
    )
    assert (found["00002"].level, found["00002"].hours) == (None, D("2.00"))
    assert [p.employee_no for p in search_profiles(list(found.values()), "王")] == ["00002"]


def test_uplift_out_of_range_is_refused_and_nothing_written(db: Database) -> None:
    with building(db) as s:
        person = trainer(s, "00001", "周敏")
    for bad in ("-100.01", "1000.01", "12.345", "很多", ""):
        with pytest.raises(ValidationFailed) as refused:
            set_uplift(db.uow(), person.id, 2026, bad)
        assert refused.value.errors[0].field == "trainer_uplift"
        assert refused.value.errors[0].value == bad
        assert "团队业绩提升(%)" in refused.value.message()
    with db.read_session() as s:
        assert s.scalar(select(func.count(TrainerYear.id))) == 0
    assert set_uplift(db.uow(), person.id, 2026, "-100") == D("-100.00")
    assert set_uplift(db.uow(), person.id, 2026, D("1000"), "门店业绩") == D("1000.00")  # replaces
    with db.read_session() as s:
        rows = s.execute(select(TrainerYear.year, TrainerYear.uplift, TrainerYear.note)).all()
    assert rows == [(2026, D("1000.00"), "门店业绩")]


def test_only_hr_enters_uplifts(db: Database) -> None:
    with building(db) as s:
        person = trainer(s, "00001", "周敏")
    db.principal = Principal(name="audit", role=Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        set_uplift(db.uow(), person.id, 2026, "5")


def test_excellent_trainer_certificate_only_for_an_excellent_profile(db: Database) -> None:
    with building(db) as s:
        pool = students(s, 1)
        good = trainer(s, "00001", "周敏")
        short = trainer(s, "00002", "吴强")
        teach(s, good, "20", DAY, pool, scores=[85])  # 40.00
        teach(s, short, "19.97", DAY, pool, scores=[85])  # 39.99
    at = datetime(2026, 12, 20)
    cert_id = certificates.issue_trainer(db.uow(), good.id, 2026, at=at)
    with db.read_session() as s:
        view = certificates.certificate_views(s, [cert_id])[0]
    assert (view.sessions, view.hours, view.year) == (1, D(20), 2026)
    with pytest.raises(
        DomainError, match=r"吴强（00002）2026 年度的内训师贡献值为 39\.99，未达到优秀内训师标准 40"
    ):
        certificates.issue_trainer(db.uow(), short.id, 2026, at=at)
    with pytest.raises(DomainError, match="贡献值为 0，"):
        certificates.issue_trainer(db.uow(), good.id, 2025, at=at)
    with db.read_session() as s:
        assert s.scalar(select(func.count(Certificate.id))) == 1
