"""部门年度培训报告 (A4 landscape): sessions, hours, participation, points by category, a line per person."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from desktop_hr.models import PointCategory
from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    LANDSCAPE_WIDTH,
    Styles,
    Target,
    amount,
    day,
    heading_block,
    page_of,
    rate,
    ruled_table,
    section,
    signatures,
    write_pdf,
    zh,
)
from desktop_hr.services.records.report_data import DepartmentReportData, PageSettings, percent

TITLE = "年度部门培训报告"
SUMMARY_HEADER = ("人数", "培训班次", "报名人次", "出勤人次", "参与率", "学时合计", "学分合计", "人均学时")
CATEGORY_ORDER = (
    PointCategory.PARTICIPATION,
    PointCategory.OUTPUT,
    PointCategory.SHARING,
    PointCategory.OTHER,
)
SESSION_HEADER = ("序号", "日期", "班次", "课程", "课程学时", "报名", "出勤", "出勤率")
SESSION_WIDTHS = [x * mm for x in (14, 26, 34, 102, 20, 20, 20, 20)]
PERSON_HEADER = ("序号", "工号", "姓名", "所属部门", "报名班次", "出勤班次", "学时", "学分", "积分")
PERSON_WIDTHS = [x * mm for x in (14, 24, 28, 80, 22, 22, 22, 22, 22)]


def department_texts(data: DepartmentReportData) -> list[tuple[str, str]]:
    texts = [(data.department, "部门")]
    texts += [(line.course_title, f"课程 {line.session_code}") for line in data.sessions]
    texts += [(line.name, f"姓名 工号 {line.employee_no}") for line in data.people]
    texts += [(line.department, f"部门 工号 {line.employee_no}") for line in data.people]
    return texts


def department_story(data: DepartmentReportData, styles: Styles) -> list[Flowable]:
    width = LANDSCAPE_WIDTH
    mean_hours = None if not data.headcount else data.hours / data.headcount
    story = heading_block(f"{data.year} 年度部门培训报告", styles)
    story += [
        layout.facts(
            [("部门", data.department), ("年度", f"{data.year} 年（1 月 1 日至 12 月 31 日）")],
            [18 * mm, 110 * mm, 18 * mm, 110 * mm],
            styles,
        ),
        layout.spacer(2),
        section("一、总体情况", styles),
        ruled_table(
            SUMMARY_HEADER,
            [
                [
                    data.headcount,
                    len(data.sessions),
                    data.enrolments,
                    data.attendances,
                    rate(data.participation_rate),
                    amount(data.hours),
                    amount(data.credits),
                    amount(None if mean_hours is None else round(mean_hours, 1)),
                ]
            ],
            [width / len(SUMMARY_HEADER)] * len(SUMMARY_HEADER),
            styles,
            numeric=range(len(SUMMARY_HEADER)),
        ),
        layout.text(
            "参与率 = 本部门人员报名的班次中出勤（含迟到、线上完成）的人次 ÷ 报名人次；学时与学分含历史培训记录。",
            styles.small,
        ),
        layout.spacer(3),
        section("二、积分分类", styles),
        ruled_table(
            [*(zh(c) for c in CATEGORY_ORDER), "合计"],
            [[*(data.points_by_category[c] for c in CATEGORY_ORDER), data.points]],
            [width / 5] * 5,
            styles,
            numeric=range(5),
        ),
        layout.text(
            "占比："
            + "，".join(
                f"{zh(c)} {rate(percent(data.points_by_category[c], data.points))}" for c in CATEGORY_ORDER
            )
            if data.points
            else "本年度无积分。",
            styles.small,
        ),
        layout.spacer(3),
        CondPageBreak(35 * mm),
        section(f"三、培训班次（{len(data.sessions)} 个）", styles),
    ]
    if data.sessions:
        story.append(
            ruled_table(
                SESSION_HEADER,
                [
                    [
                        n,
                        day(line.on_date),
                        line.session_code,
                        line.course_title,
                        amount(line.hours),
                        line.enrolled,
                        line.attended,
                        rate(percent(line.attended, line.enrolled)),
                    ]
                    for n, line in enumerate(data.sessions, start=1)
                ],
                SESSION_WIDTHS,
                styles,
                numeric=(0, 4, 5, 6, 7),
                font_size=9,
            )
        )
    else:
        story.append(layout.text("本年度本部门无人参加培训班次。", styles.body))
    story += [
        layout.spacer(3),
        CondPageBreak(35 * mm),
        section(f"四、人员汇总（{data.headcount} 人）", styles),
        ruled_table(
            PERSON_HEADER,
            [
                [
                    n,
                    line.employee_no,
                    line.name,
                    line.department or "（本部门）",
                    line.enrolled,
                    line.attended,
                    amount(line.hours),
                    amount(line.credits),
                    line.points,
                ]
                for n, line in enumerate(data.people, start=1)
            ]
            + [
                [
                    "合计",
                    "",
                    "",
                    "",
                    data.enrolments,
                    data.attendances,
                    amount(data.hours),
                    amount(data.credits),
                    data.points,
                ]
            ],
            PERSON_WIDTHS,
            styles,
            numeric=(0, 4, 5, 6, 7, 8),
            font_size=9,
        ),
        signatures(("经办人", "部门负责人"), styles, width),
    ]
    return story


def render_department_report(target: Target, data: DepartmentReportData, settings: PageSettings) -> int:
    """A4 landscape; returns the number of pages."""
    check_printable(department_texts(data))
    title = f"{data.year} 年度部门培训报告 {data.department}"
    return write_pdf(target, page_of(settings, title, landscape=True), department_story(data, Styles()))
