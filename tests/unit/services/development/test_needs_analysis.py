"""The needs analysis over a handful of reviews built by hand: the 70 boundary, the majority rule, only the latest
review counting, people who left ignored, courses, career goals and the pool's needs beside each row."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from needs_cases import Office, person, small_office
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models.development import NeedStatus, TrainingNeed
from desktop_hr.printing import catalogue
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.development import needs as pool
from desktop_hr.services.development.needs_analysis import (
    NeedsReport,
    NeedsRow,
    need_from_row,
    needs_analysis,
    period_end,
)
from desktop_hr.services.records.printables import needs_analysis_printable


@pytest.fixture
def office(db: Database) -> Office:
    return small_office(db)


def row(report: NeedsReport, department: str, competency: str) -> NeedsRow:
    found = [r for r in report.rows if r.department.endswith(department) and r.competency == competency]
    assert len(found) == 1, [(r.department, r.competency) for r in report.rows]
    return found[0]


def analyse(db: Database, **kwargs: object) -> NeedsReport:
    with db.read_session() as session:
        return needs_analysis(session, **kwargs)  # type: ignore[arg-type]


def test_periods_are_ordered_by_their_last_day() -> None:
    assert period_end("2025") == date(2025, 12, 31)
    assert period_end("2025H1") == date(2025, 6, 30)
    assert period_end("2025Q3") == date(2025, 9, 30)
    assert period_end("2025年上半年") == date(2025, 6, 30)
    assert period_end("2024-Q4") == date(2024, 12, 31)
    assert period_end("年中") is None
    assert period_end("2025H3") is None


def test_a_mean_of_exactly_70_is_not_a_need_and_just_below_is(db: Database, office: Office) -> None:
    with building(db) as session:
        # 销售部: 70 and 70 → mean 70.00, nobody below: no need.
        person(session, office, "001", "销售部", {"2025": {"谈判技巧": 70}})
        person(session, office, "002", "销售部", {"2025": {"谈判技巧": 70}})
        # 技术部: 70, 70, 69 → 69.66…, shown 69.66 (never rounded up to 70.00): a need.
        for no, score in (("003", 70), ("004", 70), ("005", 69)):
            person(session, office, no, "技术部", {"2025": {"谈判技巧": score}})
    report = analyse(db)
    sales, tech = row(report, "销售部", "谈判技巧"), row(report, "技术部", "谈判技巧")
    assert (sales.mean, sales.below, sales.assessed, sales.is_need) == (Decimal("70.00"), 0, 2, False)
    assert (tech.mean, tech.below, tech.assessed, tech.is_need) == (Decimal("69.66"), 1, 3, True)
    assert tech.low_mean and not tech.mostly_below
    assert report.needs == (tech,)


def test_most_people_below_70_is_a_need_even_with_a_mean_above(db: Database, office: Office) -> None:
    with building(db) as session:
        for no, score in (("001", 69), ("002", 68), ("003", 100)):  # mean 79, two of three below
            person(session, office, no, "销售部", {"2025": {"团队培养": score}})
        for no, score in (("004", 69), ("005", 95)):  # half below is not "most"
            person(session, office, no, "技术部", {"2025": {"团队培养": score}})
    report = analyse(db)
    sales, tech = row(report, "销售部", "团队培养"), row(report, "技术部", "团队培养")
    assert (sales.mean, sales.below, sales.is_need, sales.low_mean) == (Decimal("79.00"), 2, True, False)
    assert (tech.below, tech.assessed, tech.is_need) == (1, 2, False)


def test_only_each_persons_latest_review_of_a_competency_counts(db: Database, office: Office) -> None:
    with building(db) as session:
        # 2025Q3 ends after 2025H1 (not before, as the text would sort) and before 2025 (year end).
        person(
            session,
            office,
            "001",
            "销售部",
            {
                "2025H1": {"谈判技巧": 90, "团队培养": 40},
                "2025Q3": {"谈判技巧": 50},
                "2024": {"谈判技巧": 99},
            },
        )
        person(session, office, "002", "销售部", {"2025Q3": {"谈判技巧": 95}, "2025": {"谈判技巧": 60}})
    report = analyse(db)
    negotiation = row(report, "销售部", "谈判技巧")
    assert (negotiation.assessed, negotiation.total, negotiation.below) == (2, 50 + 60, 2)
    # 团队培养 was scored only in 2025H1: that is 001's latest score of it.
    assert row(report, "销售部", "团队培养").total == 40
    # As of the end of September, 2025 is not over: 002's 2025Q3 review is the latest then.
    earlier = row(analyse(db, as_of=date(2025, 9, 30)), "销售部", "谈判技巧")
    assert (earlier.total, earlier.below) == (50 + 95, 1)


def test_people_who_left_are_ignored(db: Database, office: Office) -> None:
    with building(db) as session:
        person(session, office, "001", "销售部", {"2025": {"谈判技巧": 90}})
        person(session, office, "002", "销售部", {"2025": {"谈判技巧": 10}}, left=True, goals=("谈判技巧",))
    negotiation = row(analyse(db), "销售部", "谈判技巧")
    assert (negotiation.assessed, negotiation.total, negotiation.people, negotiation.goal_people) == (
        1,
        90,
        1,
        0,
    )
    assert not negotiation.is_need


def test_courses_goals_and_pool_needs_beside_each_row(db: Database, office: Office) -> None:
    with building(db) as session:
        person(session, office, "001", "销售部", {"2025": {"谈判技巧": 60}}, goals=("三年内提升谈判技巧",))
        person(
            session,
            office,
            "002",
            "销售部",
            {"2025": {"谈判技巧": 65}},
            goals=("考取资格证",),
            target="谈判技巧专家",
        )
        person(session, office, "003", "销售部", {"2025": {"谈判技巧": 62}}, goals=("团队培养",))
        person(
            session, office, "004", "销售部", goals=("提升谈判技巧", "谈判技巧二")
        )  # not reviewed, still counted
        person(session, office, "005", "销售部")
        session.add(
            TrainingNeed(
                title="谈判培训",
                department_id=office.departments["销售部"],
                competency_id=office.competencies["谈判技巧"],
                status=NeedStatus.ADOPTED,
            )
        )
    report = analyse(db)
    negotiation = row(report, "销售部", "谈判技巧")
    assert [str(c) for c in negotiation.courses] == ["N01 商务谈判实务"]  # N02 is not active
    assert (negotiation.goal_people, negotiation.people) == (3, 5)
    assert negotiation.goal_sentence("zh_CN") == "销售部 60% 的人员（3/5 人）将“谈判技巧”列为职业目标"
    assert [(n.title, n.status) for n in negotiation.pool] == [("谈判培训", NeedStatus.ADOPTED)]
    (summary,) = report.summaries
    assert summary.line() == "谈判技巧：评估 3 人，平均 62.33 分，3 人低于 70 分；1/1 个部门为培训需求"


def test_a_department_filter_takes_its_subtree(db: Database, office: Office) -> None:
    with building(db) as session:
        person(session, office, "001", "销售部", {"2025": {"谈判技巧": 60}})
        person(session, office, "002", "华东组", {"2025": {"谈判技巧": 80}})
        person(session, office, "003", "技术部", {"2025": {"谈判技巧": 50}})
    report = analyse(db, department_id=office.departments["销售部"])
    assert [(r.department, r.mean) for r in report.rows] == [
        ("总公司/销售部", Decimal("60.00")),
        ("总公司/销售部/华东组", Decimal("80.00")),
    ]
    assert report.department == "总公司/销售部"


def test_no_reviews_no_rows(db: Database, office: Office) -> None:
    report = analyse(db)
    assert report.rows == () and report.summaries == ()


def test_a_row_becomes_a_need_once(db: Database, office: Office) -> None:
    with building(db) as session:
        for no, score in (("001", 60), ("002", 71)):
            person(session, office, no, "销售部", {"2025": {"谈判技巧": score}}, goals=("谈判技巧",))
    negotiation = row(analyse(db), "销售部", "谈判技巧")
    need_id = need_from_row(db.uow(), negotiation)
    with db.read_session() as session:
        (listed,) = pool.needs(session, db.principal)
    assert listed.id == need_id and listed.status is NeedStatus.NEW
    assert listed.title == "提升谈判技巧（销售部 平均 65.50 分）"
    assert listed.department == "总公司/销售部" and listed.competency == "谈判技巧"
    assert "评估 2 人，平均 65.50 分，1 人低于 70 分" in listed.detail
    assert "N01 商务谈判实务" in listed.detail and "100% 的人员（2/2 人）" in listed.detail
    with pytest.raises(pool.DuplicateNeed, match=r"总公司/销售部.*谈判技巧.*已有未关闭的需求"):
        need_from_row(db.uow(), negotiation)
    # Once closed, the same row can go into the pool again.
    pool.set_status(db.uow(), need_id, NeedStatus.CLOSED)
    assert need_from_row(db.uow(), negotiation) != need_id


def test_a_head_turns_only_rows_of_its_subtree_into_needs(db: Database, office: Office) -> None:
    with building(db) as session:
        person(session, office, "001", "技术部", {"2025": {"谈判技巧": 50}})
    tech = row(analyse(db), "技术部", "谈判技巧")
    db.principal = office.head("销售部")
    with pytest.raises(ValidationFailed, match="技术部"):
        need_from_row(db.uow(), tech)
    with db.read_session() as session:
        assert session.query(TrainingNeed).count() == 0


def test_goals_match_the_competency_name_ignoring_case(db: Database, office: Office) -> None:
    with building(db) as session:
        person(session, office, "001", "销售部", {"2025": {"Excel": 50}}, goals=("精通 excel 建模",))
        person(
            session, office, "002", "销售部", {"2025": {"Excel": 60}}, goals=("Excel",), target="EXCEL 讲师"
        )
        person(session, office, "003", "销售部", {"2025": {"Excel": 65}}, goals=("Exce",))
    excel = row(analyse(db), "销售部", "Excel")
    assert (excel.goal_people, excel.people) == (2, 3)  # 002 counted once, 003's "Exce" is not the name


def test_the_catalogue_exports_the_report_as_a_workbook(db: Database, office: Office, tmp_path: Path) -> None:
    with building(db) as session:
        person(session, office, "001", "技术部", {"2025": {"团队培养": 50}})
        person(session, office, "002", "销售部", {"2025": {"团队培养": 90}})
    with db.read_session() as session:
        item = needs_analysis_printable(session)
    target = tmp_path / "needs.xlsx"
    assert catalogue.export_excel(db, item, target, now=datetime(2026, 1, 5)) == 1
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    assert [list(r) for r in sheet.iter_rows(values_only=True)][1] == [
        "总公司/技术部",
        "团队培养",
        50,
        1,
        1,
        "T01 教练式辅导",
        0,
    ]
    assert item.whom == "全部部门" and item.file_name() == "培训需求分析报告_全部部门.pdf"
