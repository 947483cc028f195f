"""What the printed records show, against a scenario worked out by hand.

总公司/甲部: 00001 张三; 总公司/甲部/一组: 00002 李四; 总公司/乙部: 00003 王五; 总公司/甲部: 00004 赵六 (left, idle).
C01 安全生产 (8 h, 2 credits), session S01 on 2026-03-05 09:00, pass mark 60, a reflection due 03-13:
  enrolled 00001-00003; 张三 present 08:55, exam 90, reflection 03-10 graded 80/90 (85, excellent),
  feedback 90 / 5 "很好"; 李四 late 09:20, exam 50, reflection 03-20 ungraded, feedback 80 / 4;
  王五 absent.
C02 谈判技巧 (4 h, 1 credit), session S02 on 2025-12-01: 张三 enrolled and present.
张三 has a historical record 消防演练 on 2026-01-10 (2 h, 0.5 credit, 合格).
Points: 张三 +5 other (2025-12-01), +10 participation (2026-03-05), +20 output (2026-03-10); 李四 +8
participation (2026-03-05).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from training_data import building, enrol, full_days, hand_in, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.excel import reports
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    EmployeeStatus,
    ExamResult,
    Feedback,
    PointCategory,
    TrainingRecord,
)
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.points.ledger import MANUAL, Posting, post
from desktop_hr.services.points.point_reports import Period
from desktop_hr.services.records import report_data
from desktop_hr.services.records.report_data import EmptySession


@dataclass(frozen=True)
class Scenario:
    s01: int
    s02: int
    empty: int
    zhang: int
    li: int
    department: int  # 总公司/甲部


@pytest.fixture
def scenario(db: Database) -> Scenario:
    with building(db) as s:
        jia = ensure_department_path(s, "总公司/甲部")
        group = ensure_department_path(s, "总公司/甲部/一组")
        yi = ensure_department_path(s, "总公司/乙部")
        (zhang,) = make_people(s, {"00001": "张三"}, department_id=jia)
        (li,) = make_people(s, {"00002": "李四"}, department_id=group)
        (wang,) = make_people(s, {"00003": "王五"}, department_id=yi)
        make_people(s, {"00004": "赵六"}, department_id=jia, status=EmployeeStatus.LEFT)
        safety = make_course(s, "C01", "安全生产", hours=Decimal(8), credits=Decimal(2))
        talks = make_course(s, "C02", "谈判技巧", hours=Decimal(4), credits=Decimal(1))
        s01 = make_session(
            s,
            safety,
            "S01",
            *full_days(date(2026, 3, 5)),
            capacity=30,
            pass_mark=60,
            place="一号会议室",
            assignment_type=AssignmentType.REFLECTION,
            assignment_due=date(2026, 3, 13),
        )
        enrol(s, s01, zhang, li, wang)
        sign_in(s, s01, zhang, signed_in_at=datetime(2026, 3, 5, 8, 55))
        sign_in(s, s01, li, AttendanceStatus.LATE, signed_in_at=datetime(2026, 3, 5, 9, 20))
        sign_in(s, s01, wang, AttendanceStatus.ABSENT)
        s.add_all(
            [
                ExamResult(session_id=s01.id, employee_id=zhang.id, score=90),
                ExamResult(session_id=s01.id, employee_id=li.id, score=50),
                Feedback(
                    session_id=s01.id,
                    employee_id=zhang.id,
                    trainer_satisfaction=90,
                    course_rating=5,
                    comment="很好",
                ),
                Feedback(session_id=s01.id, employee_id=li.id, trainer_satisfaction=80, course_rating=4),
                TrainingRecord(
                    employee_id=zhang.id,
                    course_title="消防演练",
                    on_date=date(2026, 1, 10),
                    hours=Decimal(2),
                    credits=Decimal("0.5"),
                    score="合格",
                ),
            ]
        )
        hand_in(
            s,
            s01,
            zhang,
            AssignmentType.REFLECTION,
            datetime(2026, 3, 10, 20),
            hr_score=80,
            head_score=90,
            excellent=True,
        )
        hand_in(s, s01, li, AssignmentType.REFLECTION, datetime(2026, 3, 20, 9))
        s02 = make_session(s, talks, "S02", *full_days(date(2025, 12, 1)))
        enrol(s, s02, zhang)
        sign_in(s, s02, zhang, signed_in_at=datetime(2025, 12, 1, 8, 50))
        empty = make_session(s, talks, "S03", *full_days(date(2026, 4, 1)))
        for person, points, category, when in (
            (zhang, 5, PointCategory.OTHER, datetime(2025, 12, 1, 12)),
            (zhang, 10, PointCategory.PARTICIPATION, datetime(2026, 3, 5, 12)),
            (zhang, 20, PointCategory.OUTPUT, datetime(2026, 3, 10, 12)),
            (li, 8, PointCategory.PARTICIPATION, datetime(2026, 3, 5, 12)),
        ):
            post(s, Posting(person.id, points, category, when, MANUAL, reason="测试"))
        return Scenario(s01.id, s02.id, empty.id, zhang.id, li.id, jia)


def test_filled_sign_in_sheet_lists_everyone_with_their_sign_in(db: Database, scenario: Scenario) -> None:
    with db.read_session() as s:
        sheet = report_data.sign_in_sheet_data(s, scenario.s01, blank=False)
    assert [(line.number, line.name, line.status) for line in sheet.lines] == [
        (1, "张三", AttendanceStatus.PRESENT),
        (2, "李四", AttendanceStatus.LATE),
        (3, "王五", AttendanceStatus.ABSENT),
    ]
    assert sheet.lines[0].signed_in_at == datetime(2026, 3, 5, 8, 55)
    assert sheet.signed_in == 2  # the absent one did not come
    assert sheet.session.code == "S01" and sheet.session.place == "一号会议室"


def test_blank_sign_in_sheet_has_the_names_without_times_and_spare_lines(
    db: Database, scenario: Scenario
) -> None:
    with db.read_session() as s:
        sheet = report_data.sign_in_sheet_data(s, scenario.s01, blank=True)
    assert [line.name for line in sheet.lines] == ["张三", "李四", "王五"] + [""] * report_data.SPARE_ROWS
    assert all(line.signed_in_at is None and line.status is None for line in sheet.lines)
    assert [line.number for line in sheet.lines] == list(range(1, 4 + report_data.SPARE_ROWS))


def test_empty_session_refuses_a_filled_sheet_but_prints_a_blank_one(
    db: Database, scenario: Scenario
) -> None:
    with db.read_session() as s:
        with pytest.raises(EmptySession, match="S03"):
            report_data.sign_in_sheet_data(s, scenario.empty, blank=False)
        sheet = report_data.sign_in_sheet_data(s, scenario.empty, blank=True)
    assert len(sheet.lines) == report_data.BLANK_ROWS and not any(line.name for line in sheet.lines)


def test_archive_card_has_sessions_records_hours_submissions_and_points(
    db: Database, scenario: Scenario
) -> None:
    with db.read_session() as s:
        card = report_data.archive_card_data(s, scenario.zhang)
    assert card.person.name == "张三" and card.person.department == "总公司/甲部"
    assert [(r.on_date, r.session_code or r.course_title) for r in card.rows] == [
        (date(2025, 12, 1), "S02"),
        (date(2026, 1, 10), "消防演练"),
        (date(2026, 3, 5), "S01"),
    ]
    assert (card.hours, card.credits) == (Decimal(14), Decimal("3.5"))
    assert [(t.year, t.hours, t.credits) for t in card.by_year] == [
        (2025, Decimal(4), Decimal(1)),
        (2026, Decimal(10), Decimal("2.5")),
    ]
    assert card.rows[2].exam_score == 90
    assert [(sub.session_code, sub.final, sub.excellent) for sub in card.submissions] == [
        ("S01", Decimal(85), True)
    ]
    assert (card.points.participation, card.points.output, card.points.other, card.points.balance) == (
        10,
        20,
        5,
        35,
    )


def test_department_archive_covers_sub_departments_and_left_people(db: Database, scenario: Scenario) -> None:
    with db.read_session() as s:
        cards = report_data.department_archive_data(s, scenario.department)
    assert [card.person.name for card in cards] == ["张三", "李四", "赵六"]
    assert cards[1].points.balance == 8 and cards[2].points.balance == 0


def test_session_report_counts_participation_lateness_grades_and_feedback(
    db: Database, scenario: Scenario
) -> None:
    with db.read_session() as s:
        report = report_data.session_report_data(s, scenario.s01)
    assert (report.enrolled, report.attended, report.late) == (3, 2, 1)
    assert report.participation_rate == Decimal("66.7")
    assert report.lateness_rate == Decimal("50.0")
    assert [(a.name, a.exam_score) for a in report.attendance] == [("张三", 90), ("李四", 50), ("王五", None)]
    assert (len(report.submissions), report.submitted_on_time, report.graded) == (2, 1, 1)
    assert (report.mean_grade, report.excellent) == (Decimal("85.0"), 1)
    assert (report.exam_count, report.exam_mean, report.exam_passed) == (2, Decimal("70.0"), 1)
    assert report.feedback.count == 2 and report.feedback.mean_rating == Decimal("4.5")
    assert report.comments == (("张三", "很好"),)


def test_points_statement_for_a_year_and_for_any_span(db: Database, scenario: Scenario) -> None:
    with db.read_session() as s:
        year = report_data.points_statement_data(s, scenario.zhang, Period.year(2026))
        span = report_data.points_statement_data(
            s, scenario.zhang, report_data.period_between(date(2026, 3, 6), date(2026, 12, 31))
        )
    assert (year.start, year.end, year.opening, year.closing) == (date(2026, 1, 1), date(2026, 12, 31), 5, 35)
    assert [line.points for line in year.lines] == [10, 20]
    assert year.by_category[PointCategory.PARTICIPATION] == 10 and year.earned == 30
    assert (span.opening, [line.points for line in span.lines], span.closing) == (15, [20], 35)


def test_department_report_sums_the_year_of_the_subtree(db: Database, scenario: Scenario) -> None:
    with db.read_session() as s:
        report = report_data.department_report_data(s, scenario.department, 2026)
    assert report.department == "总公司/甲部" and report.year == 2026
    # 赵六 left and did nothing this year; 王五 is in 乙部; S02 was in 2025
    assert [(p.name, p.department, p.attended, p.hours, p.points) for p in report.people] == [
        ("张三", "", 1, Decimal(10), 30),
        ("李四", "一组", 1, Decimal(8), 8),
    ]
    assert [(line.session_code, line.enrolled, line.attended) for line in report.sessions] == [("S01", 2, 2)]
    assert (report.enrolments, report.attendances, report.participation_rate) == (2, 2, Decimal("100.0"))
    assert (report.hours, report.credits) == (Decimal(18), Decimal("4.5"))
    assert report.points_by_category[PointCategory.PARTICIPATION] == 18
    assert report.points_by_category[PointCategory.OUTPUT] == 20 and report.points == 38


def test_page_settings_name_the_top_of_the_tree_by_default(db: Database, scenario: Scenario) -> None:
    with db.read_session() as s:
        settings = report_data.page_settings(s, datetime(2026, 3, 10, 9))
    assert settings.organisation == "总公司"


def test_every_report_exports_to_excel_with_the_same_content(
    db: Database, scenario: Scenario, tmp_path: Path
) -> None:
    with db.read_session() as s:
        sheet = report_data.sign_in_sheet_data(s, scenario.s01, blank=False)
        cards = report_data.department_archive_data(s, scenario.department)
        report = report_data.session_report_data(s, scenario.s01)
        statement = report_data.points_statement_data(s, scenario.zhang, Period.year(2026))
        annual = report_data.department_report_data(s, scenario.department, 2026)
    reports.export_sign_in_sheet(tmp_path / "sign.xlsx", sheet)
    reports.export_archive_cards(tmp_path / "archive.xlsx", cards)
    reports.export_session_report(tmp_path / "report.xlsx", report)
    reports.export_points_statement(tmp_path / "points.xlsx", statement)
    reports.export_department_report(tmp_path / "dept.xlsx", annual)

    signed = _sheets(tmp_path / "sign.xlsx")
    assert signed["签到表"][0] == ("序号", "工号", "姓名", "部门", "签到时间", "状态", "本人签名")
    assert [(r[2], r[4], r[5]) for r in signed["签到表"][1:]] == [
        ("张三", datetime(2026, 3, 5, 8, 55), "出勤"),
        ("李四", datetime(2026, 3, 5, 9, 20), "迟到"),
        ("王五", None, "缺勤"),
    ]
    archive = _sheets(tmp_path / "archive.xlsx")
    assert [r[1] for r in archive["人员"][1:]] == ["张三", "李四", "赵六"]
    assert [(r[1], r[3]) for r in archive["培训记录"][1:] if r[0] == "00001"] == [
        ("张三", "S02"),
        ("张三", "历史记录"),
        ("张三", "S01"),
    ]
    assert archive["积分"][1][-1] == 35
    facts = dict(_sheets(tmp_path / "report.xlsx")["概况"][1:])
    assert (facts["报名"], facts["出勤"], facts["参与率"], facts["平均成绩"]) == (3, 2, 66.7, 85)
    assert _sheets(tmp_path / "report.xlsx")["学员评价"][1:] == [(1, "张三", "很好")]
    points = _sheets(tmp_path / "points.xlsx")
    assert dict(points["概况"][1:])["期末余额"] == 35
    assert [r[5] for r in points["积分明细"][1:]] == [10, 20]
    dept = _sheets(tmp_path / "dept.xlsx")
    assert dict(dept["概况"][1:])["积分合计"] == 38
    assert [(r[2], r[6]) for r in dept["人员汇总"][1:]] == [("张三", 10), ("李四", 8)]


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
