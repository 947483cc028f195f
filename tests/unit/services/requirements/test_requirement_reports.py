"""What the printed requirement documents show, read back from their PDFs: the eligibility list by department,
the personal requirement report (职称资格报告), the archive card's requirement section, and the verdicts the
print log keeps of what was printed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from requirement_cases import attended, course, handed_in, person, record, requirement_id
from training_data import building

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.errors import NotFound
from desktop_hr.models import AttendanceStatus, PersonnelCategory, SubjectType
from desktop_hr.printing import catalogue
from desktop_hr.printing.archive_card import render_archive_card
from desktop_hr.printing.eligibility_list import render_eligibility_list
from desktop_hr.printing.requirement_report import render_requirement_report
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.records import print_log, report_data
from desktop_hr.services.records.printables import (
    Document,
    eligibility_printable,
    find_printables,
    person_printable,
)
from desktop_hr.services.records.report_data import PageSettings
from desktop_hr.services.requirements import rules
from desktop_hr.services.requirements.reports import (
    eligibility_report,
    eligibility_verdicts,
    rate_text,
    report_verdicts,
    requirement_report,
)

YEAR = 2026
SETTINGS = PageSettings("华夏示范事业单位", datetime(2026, 11, 20, 9, 30))
TITLE = "职称评定"  # ≥ 40 hours in the year and ≥ 2 reflections, for professional staff


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """技术部: 1001 王工 meets 职称评定 (40 hours, 2 reflections); 1002 李工 has 30 hours and 1 reflection (and
    20 hours of 2025 that do not count). 财务部: 2001 赵会计 has a record of 40 hours and no reflection.
    3001 管理员 is management staff: 职称评定 does not apply."""
    with building(db) as s:
        tech = ensure_department_path(s, "总公司/技术部")
        finance = ensure_department_path(s, "总公司/财务部")
        twenty = course(
            s, "P20", hours="20", credits="4", subject=SubjectType.PROFESSIONAL, title="专业技术前沿"
        )
        ten = course(s, "G10", hours="10", credits="2", subject=SubjectType.GENERAL, title="公需课")
        wang = person(s, "1001", "王工", department_id=tech, title="工程师")
        for day in (date(2026, 3, 2), date(2026, 6, 1)):
            handed_in(s, wang, attended(s, wang, twenty, day))
        li = person(s, "1002", "李工", department_id=tech)
        handed_in(s, li, attended(s, li, twenty, date(2026, 4, 7)))
        attended(s, li, ten, date(2026, 5, 6))
        attended(s, li, ten, date(2026, 9, 1), AttendanceStatus.ABSENT)  # absent: earns nothing
        record(s, li, date(2025, 12, 30), hours="20", course_title="去年的培训")
        zhao = person(s, "2001", "赵会计", department_id=finance)
        record(s, zhao, date(2026, 8, 8), hours="40", credits="8", course_title="继续教育网络学习")
        person(s, "3001", "管理员", department_id=tech, category=PersonnelCategory.MANAGEMENT)
        return {"tech": tech, "finance": finance, "wang": wang.id, "li": li.id, "zhao": zhao.id}


def _text(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_the_eligibility_list_by_department_in_chinese_whatever_the_window_says(
    db: Database, office: dict[str, int]
) -> None:
    messages.set_language("en")
    with db.read_session() as s:
        report = eligibility_report(s, requirement_id(db, TITLE), YEAR)
    listing = report.listing
    assert report.applies == "专业技术人员"
    assert listing.conditions == "当年：学时≥40；心得≥2篇"
    assert [g.department for g in listing.groups] == ["总公司/技术部", "总公司/财务部"]
    assert [(s.employee_no, s.met) for g in listing.groups for s in g.rows] == [
        ("1001", True),
        ("1002", False),
        ("2001", False),
    ]
    assert (listing.met, listing.total) == (1, 3)
    assert eligibility_verdicts(report).splitlines() == [
        "职称评定 2026 年度：达标 1 人 / 共 3 人",
        "当年：学时≥40；心得≥2篇",
        "1001 王工 达标",
        "1002 李工 未达标：还差10学时；还差1篇心得",
        "2001 赵会计 未达标：还差2篇心得",
    ]


def test_the_eligibility_list_of_one_department(db: Database, office: dict[str, int]) -> None:
    with db.read_session() as s:
        report = eligibility_report(s, requirement_id(db, TITLE), YEAR, department_id=office["finance"])
    assert report.department == "总公司/财务部"
    assert [s.employee_no for g in report.listing.groups for s in g.rows] == ["2001"]
    assert eligibility_verdicts(report).startswith("职称评定 2026 年度：达标 0 人 / 共 1 人（总公司/财务部）")


def test_the_eligibility_list_pdf(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    with db.read_session() as s:
        report = eligibility_report(s, requirement_id(db, TITLE), YEAR)
    out = tmp_path / "list.pdf"
    assert render_eligibility_list(out, report, SETTINGS) == 1
    text, pages = _text(out)
    assert pages == 1
    for expected in (
        "2026 年度职称评定达标名单",
        "专业技术人员",
        "当年：学时≥40；心得≥2篇",
        "共 3 人，达标 1 人，未达标 2 人，达标率 33.3%",
        "总公司/技术部（达标 1 人 / 共 2 人）",
        "王工",
        "还差10学时；还差1篇心得",
        "经办人签字",
        "部门负责人签字",
        "人事部门签字",
        "第 1 页 / 共 1 页",
        "华夏示范事业单位",
    ):
        assert expected in text, expected
    assert "管理员" not in text  # management staff: the requirement does not apply


def test_a_long_list_runs_over_pages_with_its_header_repeated(db: Database, tmp_path: Path) -> None:
    with building(db) as s:
        for n in range(120):
            person(s, f"{5000 + n}", f"员工{n}")
    with db.read_session() as s:
        report = eligibility_report(s, requirement_id(db, TITLE), YEAR)
    out = tmp_path / "long.pdf"
    pages = render_eligibility_list(out, report, SETTINGS)
    text, counted = _text(out)
    assert pages == counted >= 3
    assert text.count("差距") >= pages  # the table's header on every page
    assert "员工119" in text and f"第 {pages} 页 / 共 {pages} 页" in text


def test_the_personal_report_counts_the_year_only(db: Database, office: dict[str, int]) -> None:
    with db.read_session() as s:
        report = requirement_report(s, office["li"], YEAR)
    assert report.person.department == "总公司/技术部"
    assert (report.earned.hours, report.earned.credits) == (Decimal("30.00"), Decimal("6.00"))
    professional = next(
        v for k, v in report.earned.hours_by.items() if k.value == SubjectType.PROFESSIONAL.value
    )
    assert professional == Decimal("20.00")
    assert report.submitted.reflections == 1
    assert [r.course_title for r in report.rows] == ["专业技术前沿", "公需课", "公需课"]  # not 2025's record
    assert [s.requirement for s in report.standings] == [
        "晋升主管",
        "晋升店长",
        TITLE,
        "岗位晋升",
        "专业技术人员继续教育",
    ]
    assert report_verdicts(report).splitlines()[0] == "1002 李工 2026 年度"
    assert f"{TITLE} 未达标：还差10学时；还差1篇心得" in report_verdicts(report).splitlines()


def test_the_personal_report_pdf(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    with db.read_session() as s:
        report = requirement_report(s, office["li"], YEAR)
    out = tmp_path / "report.pdf"
    pages = render_requirement_report(out, report, SETTINGS)
    text, counted = _text(out)
    assert pages == counted
    for expected in (
        "2026 年度职称资格报告",
        "李工",
        "专业科目",
        "公需科目",
        "心得 1 篇",
        "当年：学时≥40；心得≥2篇",
        "学时30；心得1篇",
        "还差10学时；还差1篇心得",
        "专业技术前沿",
        "缺勤",
        "本人签字",
    ):
        assert expected in text, expected
    assert "去年的培训" not in text


def test_the_archive_card_has_a_requirement_section(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    with db.read_session() as s:
        card = report_data.archive_card_data(s, office["wang"], year=YEAR)
    assert [s.requirement for s in card.requirements if s.met] == [TITLE]
    out = tmp_path / "card.pdf"
    render_archive_card(out, card, SETTINGS)
    text, _pages = _text(out)
    assert "四、达标情况（2026 年度）" in text and "五、积分" in text
    assert "学时40；心得2篇" in text


def test_rates_read_as_percentages() -> None:
    assert [rate_text(1, 3), rate_text(2, 4), rate_text(0, 5), rate_text(0, 0)] == ["33.3%", "50%", "0%", "—"]


# ---- printables, the catalogue and the print log --------------------------------------------------------


def test_requirement_documents_are_found_and_named(db: Database, office: dict[str, int]) -> None:
    with db.read_session() as s:
        found = find_printables(s, "李工", today=date(2026, 11, 20))
        listed = find_printables(s, "职称", today=date(2026, 11, 20))
        named = eligibility_printable(s, TITLE, YEAR, department_path="总公司/财务部")
        with pytest.raises(NotFound, match="不存在的要求"):
            eligibility_printable(s, "不存在的要求", YEAR)
        with pytest.raises(NotFound):
            eligibility_printable(s, TITLE, YEAR, department_path="总公司/无此部门")
    assert "2026 年度职称资格报告" in [p.what for p in found if p.document is Document.REQUIREMENT_REPORT]
    assert [(p.what, p.whom) for p in listed if p.document is Document.ELIGIBILITY_LIST] == [
        ("2026 年度达标名单", TITLE)
    ]
    assert (named.whom, named.department_id) == (f"{TITLE}（总公司/财务部）", office["finance"])


def test_the_print_log_keeps_what_a_printed_list_said(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    """A requirement changed after printing never changes what the log says was printed."""
    with db.read_session() as s:
        item = eligibility_printable(s, TITLE, YEAR)
    out = tmp_path / "list.pdf"
    rendered = catalogue.render_document(db, item, out, now=SETTINGS.printed_at)
    print_log.record(db.uow(), [catalogue.output_of(item, rendered, str(out))], at=SETTINGS.printed_at)
    title = requirement_id(db, TITLE)
    with db.read_session() as s:
        data = rules.get_requirement(s, title)
    easier = rules.RequirementData(**{**vars(data), "min_hours": Decimal(20), "min_reflections": 1})
    rules.save_requirement(db.uow(), easier, title)
    with db.read_session() as s:
        (logged,) = print_log.print_log(s)
        now_met = eligibility_report(s, title, YEAR).listing.met
    assert now_met == 2  # 李工's 30 hours and a reflection: enough now
    assert logged.document == "eligibility-list" and logged.pages == rendered.pages
    assert "1002 李工 未达标：还差10学时；还差1篇心得" in logged.details.splitlines()


def test_the_personal_report_through_the_catalogue_with_its_excel_form(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    with db.read_session() as s:
        item = person_printable(s, Document.REQUIREMENT_REPORT, "1001", year=YEAR)
    rendered = catalogue.render_document(db, item, tmp_path / "r.pdf", now=SETTINGS.printed_at)
    assert rendered.pages >= 1 and f"{TITLE} 达标" in rendered.details.splitlines()
    assert catalogue.has_excel(item)
    rows = catalogue.export_excel(db, item, tmp_path / "r.xlsx", now=SETTINGS.printed_at)
    assert rows == 5  # every requirement that applies to a professional employee
