"""职称资格报告: one person's year against every requirement that applies (A4 portrait): hours and credits by
subject and category, reflections, each verdict with its gap, and every session and record of the year."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from desktop_hr.models import CourseCategory, Dimension, Measure, SubjectType
from desktop_hr.printing import layout
from desktop_hr.printing.archive_card import submissions_table
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    NO_VALUE,
    PORTRAIT_WIDTH,
    Styles,
    Target,
    amount,
    day,
    heading_block,
    page_of,
    ruled_table,
    section,
    signatures,
    write_pdf,
    zh,
)
from desktop_hr.services.labels import FORMAT_LANGUAGE
from desktop_hr.services.records.report_data import PageSettings
from desktop_hr.services.requirements.measures import Slice
from desktop_hr.services.requirements.reports import RequirementReport, figures_text, verdict_text

TITLE = "职称资格报告"
SPLIT_HEADER = ("分类", "项目", "学时", "学分")
SPLIT_WIDTHS = [x * mm for x in (40, 60, 34, 35)]
VERDICT_HEADER = ("达标要求", "达标条件", "完成情况", "结论", "差距")
VERDICT_WIDTHS = [x * mm for x in (24, 44, 40, 15, 46)]
RECORD_HEADER = ("日期", "班次/来源", "课程", "科目类型", "出勤", "学时", "学分", "成绩/备注")
RECORD_WIDTHS = [x * mm for x in (19, 25, 41, 17, 13, 13, 13, 28)]


def title_of(report: RequirementReport) -> str:
    return f"{report.year} 年度{TITLE}"


def report_texts(report: RequirementReport) -> list[tuple[str, str]]:
    where = f"工号 {report.person.employee_no}"
    texts = [
        (report.person.name, f"姓名 {where}"),
        (report.person.department, f"部门 {where}"),
        (report.person.position, f"岗位 {where}"),
        (report.person.title, f"职称 {where}"),
    ]
    texts += [(s.requirement, "达标要求") for s in report.standings]
    texts += [(row.course_title, f"课程 {where}") for row in report.rows]
    texts += [(row.note + row.record_score, f"培训记录备注 {where}") for row in report.rows]
    return texts


def _split_rows(report: RequirementReport) -> list[list[object]]:
    earned = report.earned
    rows: list[list[object]] = []

    def add(
        kind: str, dimension: Dimension, members: tuple[SubjectType, ...] | tuple[CourseCategory, ...]
    ) -> None:
        hours_left, credits_left = earned.hours, earned.credits
        for index, member in enumerate(members):
            piece = Slice(dimension, member.value)
            hours, credits = earned.of(Measure.HOURS, piece), earned.of(Measure.CREDITS, piece)
            hours_left, credits_left = hours_left - hours, credits_left - credits
            rows.append([kind if index == 0 else "", zh(member), amount(hours), amount(credits)])
        if hours_left or credits_left:
            rows.append(["", "未注明", amount(hours_left), amount(credits_left)])

    add("科目类型", Dimension.SUBJECT, tuple(SubjectType))
    add("课程类别", Dimension.CATEGORY, tuple(CourseCategory))
    rows.append(["合计", "", amount(earned.hours), amount(earned.credits)])
    return rows


def _record_note(report: RequirementReport, index: int) -> str:
    row = report.rows[index]
    if row.is_historical:
        return " ".join(p for p in (row.record_score, row.note) if p)
    return "" if row.exam_score is None else f"考试 {row.exam_score}"


def report_story(report: RequirementReport, styles: Styles) -> list[Flowable]:
    person = report.person
    story = heading_block(title_of(report), styles)
    story.append(
        layout.facts(
            [
                ("姓名", person.name),
                ("工号", person.employee_no),
                ("部门", person.department),
                ("岗位", person.position),
                ("人员类别", zh(person.category) or NO_VALUE),
                ("职称", person.title or NO_VALUE),
                ("在职状态", zh(person.status)),
                ("入职日期", day(person.hire_date) or NO_VALUE),
            ],
            [24 * mm, 60 * mm, 24 * mm, 61 * mm],
            styles,
        )
    )
    submitted = report.submitted
    story += [
        layout.spacer(3),
        section(f"一、{report.year} 年度学时与学分", styles),
        ruled_table(SPLIT_HEADER, _split_rows(report), SPLIT_WIDTHS, styles, numeric=(2, 3)),
        layout.spacer(1),
        layout.text(
            f"心得 {submitted.reflections} 篇；提交心得、行动计划和作业共 {submitted.submissions} 份，"
            f"其中优秀 {submitted.excellent} 份。学时与学分含出勤（含迟到、线上完成）的培训班次和历史培训记录，"
            "按班次开始日期或记录日期计入年度。",
            styles.small,
        ),
        layout.spacer(3),
        CondPageBreak(35 * mm),
        section(f"二、达标情况（适用 {len(report.standings)} 项，达标 {report.met} 项）", styles),
    ]
    if report.standings:
        story.append(
            ruled_table(
                VERDICT_HEADER,
                [
                    [
                        s.requirement,
                        report.conditions.get(s.requirement_id, ""),
                        figures_text(s, FORMAT_LANGUAGE),
                        verdict_text(s.met, FORMAT_LANGUAGE),
                        s.gap(FORMAT_LANGUAGE) or "—",
                    ]
                    for s in report.standings
                ],
                VERDICT_WIDTHS,
                styles,
                font_size=9,
            )
        )
    else:
        story.append(layout.text("没有适用于本人的达标要求。", styles.body))
    story += [
        layout.spacer(3),
        CondPageBreak(35 * mm),
        section(f"三、{report.year} 年度培训记录（{len(report.rows)} 项）", styles),
    ]
    if report.rows:
        lines: list[list[object]] = []
        for index, row in enumerate(report.rows):
            lines.append(
                [
                    day(row.on_date),
                    row.session_code or "历史记录",
                    row.course_title,
                    zh(row.subject),
                    NO_VALUE if row.is_historical else zh(row.attendance) or zh(row.enrolment),
                    amount(row.hours) if row.earned else "0",
                    amount(row.credits) if row.earned else "0",
                    _record_note(report, index),
                ]
            )
        total_hours = sum((r.hours for r in report.rows if r.earned), Decimal(0))
        total_credits = sum((r.credits for r in report.rows if r.earned), Decimal(0))
        lines.append(["合计", "", "", "", "", amount(total_hours), amount(total_credits), ""])
        story.append(ruled_table(RECORD_HEADER, lines, RECORD_WIDTHS, styles, numeric=(5, 6), font_size=8.5))
    else:
        story.append(layout.text("本年度无培训记录。", styles.body))
    story += [
        layout.spacer(3),
        CondPageBreak(30 * mm),
        section(f"四、{report.year} 年度心得、行动计划与作业", styles),
    ]
    story.append(submissions_table(report.submissions, styles, on_time=False))
    story.append(signatures(("本人", "部门负责人", "人事部门"), styles, PORTRAIT_WIDTH, stacked=True))
    return story


def render_requirement_report(target: Target, report: RequirementReport, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages."""
    check_printable(report_texts(report))
    title = f"{title_of(report)} {report.person.name}"
    return write_pdf(target, page_of(settings, title), report_story(report, Styles()))
