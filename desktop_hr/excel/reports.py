"""The printed records as Excel workbooks with the same content: a 概况 sheet of facts, then one sheet per table.

Export only. Headers and labels are Chinese like the PDFs; numbers stay numbers, times stay times.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from desktop_hr.excel import writer
from desktop_hr.excel.writer import CellValue
from desktop_hr.models import PointCategory
from desktop_hr.printing.archive_card import HISTORY_HEADER, POINTS_HEADER, SUBMISSION_HEADER, YEAR_HEADER
from desktop_hr.printing.department_report import CATEGORY_ORDER, PERSON_HEADER, SESSION_HEADER
from desktop_hr.printing.layout import span
from desktop_hr.printing.points_statement import LINE_HEADER
from desktop_hr.printing.session_report import ATTENDANCE_HEADER, COMMENT_HEADER, COUNT_HEADER
from desktop_hr.printing.session_report import SUBMISSION_HEADER as GRADED_HEADER
from desktop_hr.printing.sign_in_sheet import HEADER as SIGN_IN_HEADER
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.records.report_data import (
    ArchiveCardData,
    DepartmentReportData,
    PointsStatementData,
    SessionReportData,
    SignInSheetData,
    percent,
)

Sheet = tuple[str, Sequence[str], Sequence[Sequence[CellValue]]]
FACT_HEADER = ("项目", "内容")
PERSON_COLUMNS = ("工号", "姓名")


def _zh(member: object) -> str:
    return label(member, FORMAT_LANGUAGE) if isinstance(member, Enum) else ""


def write_sheets(path: Path, sheets: Sequence[Sheet]) -> int:
    """Several tables in one workbook, each on its own sheet like writer.write_table's; returns the rows."""
    from openpyxl import Workbook  # here: whoever imports this module without writing skips openpyxl
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    written = 0
    try:
        for title, headers, rows in sheets:
            ws = workbook.create_sheet(title=title[:31])
            sample = list(itertools.islice(rows, writer.WIDTH_SAMPLE_ROWS))
            for index, width in enumerate(writer._fitted_widths(headers, sample), start=1):
                ws.column_dimensions[get_column_letter(index)].width = width
            ws.freeze_panes = "A2"
            ws.append([writer._header_cell(ws, h) for h in headers])
            for row in rows:
                ws.append([writer._cell(ws, v) for v in row])
                written += 1
    except BaseException:
        writer._discard(workbook)
        raise
    writer.save_atomically(workbook, Path(path))
    return written


def _facts(pairs: Sequence[tuple[str, CellValue]]) -> Sheet:
    return ("概况", FACT_HEADER, [[name, value] for name, value in pairs])


def export_sign_in_sheet(path: Path, data: SignInSheetData) -> int:
    summary = data.session
    facts = _facts(
        [
            ("班次编号", summary.code),
            ("课程", f"{summary.course_title}（{summary.course_code}）"),
            ("培训时间", span(summary.starts_at, summary.ends_at)),
            ("地点", summary.place),
            ("讲师", summary.trainer),
            ("应到", summary.enrolled),
            ("名额", summary.capacity),
            ("实到", None if data.blank else data.signed_in),
        ]
    )
    rows = [
        [line.number, line.employee_no, line.name, line.department, line.signed_in_at, _zh(line.status), ""]
        for line in data.lines
    ]
    return write_sheets(path, [facts, ("签到表", SIGN_IN_HEADER, rows)])


def export_archive_cards(path: Path, cards: Sequence[ArchiveCardData]) -> int:
    """One or many people: every sheet starts with 工号 and 姓名, so a department's cards fit together."""
    people: list[list[CellValue]] = []
    history: list[list[CellValue]] = []
    years: list[list[CellValue]] = []
    submissions: list[list[CellValue]] = []
    points: list[list[CellValue]] = []
    for card in cards:
        person = card.person
        who: list[CellValue] = [person.employee_no, person.name]
        people.append(
            [
                *who,
                _zh(person.gender),
                person.department,
                person.position,
                person.hire_date,
                _zh(person.status),
                card.hours,
                card.credits,
            ]
        )
        for row in card.rows:
            history.append(
                [
                    *who,
                    row.on_date,
                    row.session_code or "历史记录",
                    row.course_title,
                    _zh(row.category),
                    _zh(row.attendance),
                    row.hours,
                    row.credits,
                    row.exam_score,
                    row.record_score or row.note,
                ]
            )
        years += [[*who, t.year, t.hours, t.credits] for t in card.by_year]
        submissions += [
            [
                *who,
                s.session_code,
                s.course_title,
                _zh(s.kind),
                s.submitted_at,
                None if s.on_time is None else ("是" if s.on_time else "否"),
                s.final,
                "优秀" if s.excellent else "",
            ]
            for s in card.submissions
        ]
        p = card.points
        points.append([*who, p.participation, p.output, p.sharing, p.other, p.earned, p.redeemed, p.balance])
    person_header = (*PERSON_COLUMNS, "性别", "部门", "岗位", "入职日期", "在职状态", "累计学时", "累计学分")
    return write_sheets(
        path,
        [
            ("人员", person_header, people),
            ("培训记录", (*PERSON_COLUMNS, *HISTORY_HEADER), history),
            ("年度学时学分", (*PERSON_COLUMNS, *YEAR_HEADER), years),
            ("作业提交", (*PERSON_COLUMNS, *SUBMISSION_HEADER), submissions),
            ("积分", (*PERSON_COLUMNS, *POINTS_HEADER), points),
        ],
    )


def export_session_report(path: Path, data: SessionReportData) -> int:
    summary = data.session
    feedback = data.feedback
    facts = _facts(
        [
            ("班次编号", summary.code),
            ("课程", f"{summary.course_title}（{summary.course_code}）"),
            ("培训时间", span(summary.starts_at, summary.ends_at)),
            ("地点", summary.place),
            ("讲师", summary.trainer),
            ("名额", summary.capacity),
            ("班次状态", _zh(summary.status)),
            *zip(
                COUNT_HEADER,
                data.counts(),
                strict=True,
            ),
            ("作业提交份数", len(data.submissions)),
            ("按时提交份数", data.submitted_on_time),
            ("已评分份数", data.graded),
            ("平均成绩", data.mean_grade),
            ("优秀份数", data.excellent),
            ("考试人数", data.exam_count),
            ("考试平均分", data.exam_mean),
            ("考试及格人数", data.exam_passed),
            ("评价表份数", feedback.count),
            ("讲师满意度平均", feedback.mean_satisfaction),
            ("课程评分平均", feedback.mean_rating),
        ]
    )
    attendance = [
        [n, a.employee_no, a.name, a.department, _zh(a.status) or "未记录", a.signed_in_at, a.exam_score]
        for n, a in enumerate(data.attendance, start=1)
    ]
    graded = [
        [
            s.employee_no,
            s.name,
            _zh(s.kind),
            s.title,
            s.submitted_at,
            None if s.on_time is None else ("是" if s.on_time else "否"),
            s.hr_score,
            s.head_score,
            s.final,
            "优秀" if s.excellent else "",
        ]
        for s in data.submissions
    ]
    comments: list[list[CellValue]] = [
        [n, name, comment] for n, (name, comment) in enumerate(data.comments, start=1)
    ]
    return write_sheets(
        path,
        [
            facts,
            ("出勤", ATTENDANCE_HEADER, attendance),
            ("作业", GRADED_HEADER, graded),
            ("学员评价", COMMENT_HEADER, comments),
        ],
    )


def export_points_statement(path: Path, data: PointsStatementData) -> int:
    person = data.person
    facts = _facts(
        [
            ("姓名", person.name),
            ("工号", person.employee_no),
            ("部门", person.department),
            ("期间开始", data.start),
            ("期间结束", data.end),
            ("期初余额", data.opening),
            *((_zh(c), data.by_category[c]) for c in PointCategory),
            ("获得合计", data.earned),
            ("已兑换", data.redeemed),
            ("期末余额", data.closing),
        ]
    )
    lines: list[list[CellValue]] = [
        [
            line.occurred_at,
            line.rule_name,
            _zh(line.category),
            line.source_text(FORMAT_LANGUAGE),
            line.reason,
            line.points,
            line.balance,
        ]
        for line in data.lines
    ]
    return write_sheets(path, [facts, ("积分明细", LINE_HEADER, lines)])


def export_department_report(path: Path, data: DepartmentReportData) -> int:
    facts = _facts(
        [
            ("部门", data.department),
            ("年度", data.year),
            ("人数", data.headcount),
            ("培训班次", len(data.sessions)),
            ("报名人次", data.enrolments),
            ("出勤人次", data.attendances),
            ("参与率（%）", data.participation_rate),
            ("学时合计", data.hours),
            ("学分合计", data.credits),
            *((f"积分：{_zh(c)}", data.points_by_category[c]) for c in CATEGORY_ORDER),
            ("积分合计", data.points),
        ]
    )
    sessions = [
        [
            n,
            line.on_date,
            line.session_code,
            line.course_title,
            line.hours,
            line.enrolled,
            line.attended,
            percent(line.attended, line.enrolled),
        ]
        for n, line in enumerate(data.sessions, start=1)
    ]
    people: list[list[CellValue]] = [
        [n, p.employee_no, p.name, p.department, p.enrolled, p.attended, p.hours, p.credits, p.points]
        for n, p in enumerate(data.people, start=1)
    ]
    return write_sheets(
        path, [facts, ("培训班次", SESSION_HEADER, sessions), ("人员汇总", PERSON_HEADER, people)]
    )
