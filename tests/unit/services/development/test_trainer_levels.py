"""Trainer levels at their boundaries (9.99 vs 10 hours, satisfaction 84.99 vs 85, uplift 9.99 vs 10), HR's
confirmation, and the re-certification list at 8 hours / 80 over two years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from trainer_cases import attend_track, enter_uplift, students, teach, trainer
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models import AttendanceStatus, Employee, TrainerLevel, TrainerTrack
from desktop_hr.services.development import settings
from desktop_hr.services.development.levels import (
    NotPromotable,
    NotQualified,
    confirm_promotion,
    promotion_candidates,
    recertification_list,
)
from desktop_hr.services.trust.permissions import PermissionDenied, Principal
from desktop_hr.vocabulary import Role

D = Decimal
JUNIOR, INTERMEDIATE, SENIOR = TrainerLevel.JUNIOR, TrainerLevel.INTERMEDIATE, TrainerLevel.SENIOR
BASIC, SPECIALISED = TrainerTrack.BASIC, TrainerTrack.SPECIALISED
DAY = date(2026, 5, 12)


def _levels(db: Database) -> dict[str, TrainerLevel | None]:
    with db.read_session() as s:
        return {no: level for no, level in s.execute(select(Employee.employee_no, Employee.trainer_level))}


@pytest.fixture
def cases(db: Database) -> Database:
    with building(db) as s:
        pool = students(s, 100)
        ok = trainer(s, "00001", "达标初级")
        attend_track(s, ok, BASIC, "6", date(2025, 3, 1))  # earlier years count: 6 + 4 = 10
        attend_track(s, ok, BASIC, "4", DAY, status=AttendanceStatus.LATE)
        teach(s, ok, "2", DAY, pool[:1], scores=[85])
        short_hours = trainer(s, "00002", "学时不足")
        attend_track(s, short_hours, BASIC, "9.99", DAY)
        attend_track(s, short_hours, SPECIALISED, "30", DAY)  # the other track does not count
        attend_track(s, short_hours, BASIC, "5", date(2027, 1, 5))  # after the year
        attend_track(s, short_hours, BASIC, "5", DAY, status=AttendanceStatus.ABSENT)
        teach(s, short_hours, "2", DAY, pool[:1], scores=[99])
        low = trainer(s, "00003", "满意度不足")
        attend_track(s, low, BASIC, "10", DAY)
        teach(s, low, "2", DAY, pool, scores=[85] * 99 + [84])  # 8499 / 100 = 84.99
        silent = trainer(s, "00004", "无评价")
        attend_track(s, silent, BASIC, "12", DAY)
        senior_ok = trainer(s, "00011", "达标中级", INTERMEDIATE)
        attend_track(s, senior_ok, SPECIALISED, "20", DAY)
        enter_uplift(s, senior_ok, 2026, "10")
        uplift_low = trainer(s, "00012", "提升不足", INTERMEDIATE)
        attend_track(s, uplift_low, SPECIALISED, "25", DAY)
        enter_uplift(s, uplift_low, 2026, "9.99")
        enter_uplift(s, uplift_low, 2025, "50")  # another year's
        no_uplift = trainer(s, "00013", "未录入", INTERMEDIATE)
        attend_track(s, no_uplift, SPECIALISED, "19.99", DAY)
        trainer(s, "00021", "高级", SENIOR)
        trainer(s, "00022", "非内训师", None)
    return db


def test_who_qualifies_at_the_boundaries(cases: Database) -> None:
    with cases.read_session() as s:
        found = {c.employee_no: c for c in promotion_candidates(s, 2026)}
    assert set(found) == {"00001", "00002", "00003", "00004", "00011", "00012", "00013"}
    assert [no for no, c in found.items() if c.qualifies] == ["00001", "00011"]  # qualified first
    ok = found["00001"]
    assert (ok.next_level, ok.training_hours, ok.figure, ok.missing) == (INTERMEDIATE, D(10), D(85), ())
    assert found["00002"].training_hours == D("9.99")
    assert found["00002"].missing == ("内训师基础培训学时 9.99 未达 10",)
    assert (found["00003"].figure, found["00003"].missing) == (D("84.99"), ("年度满意度 84.99 未达 85",))
    assert found["00004"].missing == ("无学员评价",)
    assert (found["00011"].next_level, found["00011"].figure) == (SENIOR, D(10))
    assert found["00012"].missing == ("年度团队业绩提升 9.99% 未达 10%",)
    assert found["00013"].missing == ("内训师专项培训学时 19.99 未达 20", "未录入年度团队业绩提升")


def test_changed_figures_move_the_boundary(cases: Database) -> None:
    settings.save(cases.uow(), {"basic_hours": "9.99", "intermediate_satisfaction": "84.99"})
    with cases.read_session() as s:
        qualified = [c.employee_no for c in promotion_candidates(s, 2026) if c.qualifies]
    assert qualified == ["00001", "00002", "00003", "00011"]


def test_confirming_raises_the_level_by_one_and_refuses_who_does_not_qualify(cases: Database) -> None:
    ids = {no: i for i, no in _ids(cases).items()}
    assert confirm_promotion(cases.uow(), ids["00001"], 2026) is INTERMEDIATE
    assert confirm_promotion(cases.uow(), ids["00011"], 2026) is SENIOR
    with pytest.raises(
        NotQualified, match=r"满意度不足（00003）2026 年度不符合晋升中级内训师的条件：年度满意度 84\.99"
    ):
        confirm_promotion(cases.uow(), ids["00003"], 2026)
    with pytest.raises(NotPromotable):
        confirm_promotion(cases.uow(), ids["00021"], 2026)
    levels = _levels(cases)
    assert (levels["00001"], levels["00011"], levels["00003"], levels["00021"]) == (
        INTERMEDIATE,
        SENIOR,
        JUNIOR,
        SENIOR,
    )
    # Now intermediate, 00001 has no specialised hours: a second confirmation is refused.
    with pytest.raises(NotQualified, match="内训师专项培训学时 0 未达 20"):
        confirm_promotion(cases.uow(), ids["00001"], 2026)
    cases.principal = Principal(name="audit", role=Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        confirm_promotion(cases.uow(), ids["00002"], 2026)


def _ids(db: Database) -> dict[int, str]:
    with db.read_session() as s:
        return {i: no for i, no in s.execute(select(Employee.id, Employee.employee_no))}


def test_recertification_at_8_hours_and_80_over_two_years(db: Database) -> None:
    with building(db) as s:
        pool = students(s, 2)
        fine = trainer(s, "00001", "刚好达标", INTERMEDIATE)
        teach(s, fine, "4", date(2025, 6, 1), pool[:1], scores=[80])
        teach(s, fine, "4", date(2026, 6, 1), pool[:1], scores=[80])
        few = trainer(s, "00002", "学时不足")
        teach(s, few, "7.99", date(2026, 6, 1), pool[:1], scores=[95])
        low = trainer(s, "00003", "满意度偏低")
        teach(s, low, "8", date(2026, 6, 1), pool, scores=[79, 80])  # 79.5
        silent = trainer(s, "00004", "无评价", SENIOR)
        teach(s, silent, "10", date(2026, 6, 1), pool, scores=[])
        old = trainer(s, "00005", "早年授课")
        teach(s, old, "40", date(2024, 12, 31), pool, scores=[100, 100])  # before the two years
        guest = trainer(s, "00006", "非内训师", None)
        teach(s, guest, "1", date(2026, 6, 1), pool[:1], scores=[10])
    with db.read_session() as s:
        rows = recertification_list(s, 2026)
    assert [(r.employee_no, r.reasons) for r in rows] == [
        ("00002", ("2 年授课 7.99 学时，低于 8 学时",)),
        ("00003", ("2 年平均满意度 79.5，低于 80",)),
        ("00004", ("无学员评价",)),
        ("00005", ("2 年授课 0 学时，低于 8 学时", "无学员评价")),
    ]
    assert (rows[0].first_year, rows[0].last_year, rows[1].satisfaction) == (2025, 2026, D("79.50"))
    settings.save(db.uow(), {"recert_years": "3"})
    with db.read_session() as s:
        assert [r.employee_no for r in recertification_list(s, 2026)] == ["00002", "00003", "00004"]
