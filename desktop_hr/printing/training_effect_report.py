"""培训效果报告: per course the four levels (reaction, learning, behaviour, results) with a bar chart of the review
means before and after on each competency, then the same by department (A4 portrait)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    NO_VALUE,
    PORTRAIT_WIDTH,
    Styles,
    Target,
    heading_block,
    page_of,
    rate,
    ruled_table,
    section,
    write_pdf,
)
from desktop_hr.services.development.effect import CourseEffect, EffectReport
from desktop_hr.services.labels import FORMAT_LANGUAGE
from desktop_hr.services.records.report_data import PageSettings
from desktop_hr.services.training.facts import ACTION_PLAN_DAYS

SUMMARY_HEADER = (
    "课程编号",
    "课程名称",
    "班次",
    "人数",
    "满意度",
    "课程评分",
    "通过率",
    "考试均分",
    "计划提交率",
    "采纳",
)
SUMMARY_WIDTHS = [x * mm for x in (18, 33, 10, 11, 14, 15, 16, 16, 20, 11)]
DEPARTMENT_HEADER = ("部门", "课程", "人数", "满意度", "通过率", "计划提交率", "采纳", "能力项训前 → 训后")
DEPARTMENT_WIDTHS = [x * mm for x in (30, 26, 11, 14, 15, 19, 11, 43)]
BEFORE, AFTER = colors.HexColor("#9aa5b1"), colors.HexColor("#1f5fa8")  # 训前 grey, 训后 blue
OTHERS_BEFORE, OTHERS_AFTER = colors.HexColor("#e3c9a0"), colors.HexColor("#c07a1a")  # 未参训: ochre
NO_DEPARTMENT = "（未分配部门）"


def period_text(report: EffectReport) -> str:
    """ "2025 年度", "2025-03-01 至 2025-06-30", or "全部时间"."""
    first, last = report.date_from, report.date_to
    if first is None and last is None:
        return "全部时间"
    if first is not None and (first, last) == (date(first.year, 1, 1), date(first.year, 12, 31)):
        return f"{first.year} 年度"
    return f"{_day(first)} 至 {_day(last)}"


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def title_of(report: EffectReport) -> str:
    return f"培训效果报告（{period_text(report)}）"


def _mean(value: Decimal | None) -> str:
    return NO_VALUE if value is None else str(value)


def effect_texts(report: EffectReport) -> list[tuple[str, str]]:
    texts = [(report.department, "部门")]
    for course in (*report.courses, *report.departments):
        texts += [(course.title, f"课程 {course.code}"), (course.department, "部门")]
        texts += [(line.competency, f"能力项 {course.code}") for line in course.competencies]
    return texts


def level_lines(course: CourseEffect) -> list[tuple[str, str]]:
    """The four levels of one course in words, as the report prints them."""
    return [
        (
            "反应层",
            f"讲师满意度 {_mean(course.satisfaction)}，课程评分 {_mean(course.rating)}（评价 {course.feedback} 份）",
        ),
        (
            "学习层",
            f"考试通过率 {rate(course.pass_rate)}，平均分 {_mean(course.exam_mean)}（成绩 {course.exams} 份）",
        ),
        (
            "行为层",
            f"30 天内提交行动计划 {course.plans_in_time}/{course.plans_expected}（{rate(course.plan_rate)}），"
            f"采纳 {course.plans_adopted} 份",
        ),
        (
            "结果层",
            "；".join(line.line(FORMAT_LANGUAGE) for line in course.competencies) or "课程未关联能力项",
        ),
    ]


def _value(value: Decimal | None) -> float | None:
    return None if value is None else float(value)  # no bar (not a bar at 0) where nobody was scored


def effect_chart(course: CourseEffect, styles: Styles, width: float = PORTRAIT_WIDTH) -> Drawing | None:
    """Bars of the means per competency: attendees before and after, and those not trained before and after
    (None when no competency has scores both before and after)."""
    lines = [line for line in course.competencies if line.before is not None]
    if not lines:
        return None
    height = 62 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = width - 62 * mm, height - 20 * mm
    chart.data = [
        [_value(line.before) for line in lines],
        [_value(line.after) for line in lines],
        [_value(line.others_before) for line in lines],
        [_value(line.others_after) for line in lines],
    ]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = styles.font
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [line.competency for line in lines]
    chart.categoryAxis.labels.fontName = styles.font
    chart.categoryAxis.labels.fontSize = 8
    chart.barSpacing, chart.groupSpacing = 1, 8
    for index, colour in enumerate((BEFORE, AFTER, OTHERS_BEFORE, OTHERS_AFTER)):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = styles.font
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 46 * mm, height - 14 * mm
    legend.fontName, legend.fontSize = styles.font, 8
    legend.alignment = "right"
    legend.columnMaximum = 4
    legend.colorNamePairs = [
        (BEFORE, "参训 训前"),
        (AFTER, "参训 训后"),
        (OTHERS_BEFORE, "未参训 同期前"),
        (OTHERS_AFTER, "未参训 同期后"),
    ]
    drawing.add(legend)
    drawing.add(String(12 * mm, height - 5 * mm, "能力项评分均值", fontName=styles.font, fontSize=8))
    return drawing


def _course_block(course: CourseEffect, styles: Styles) -> list[Flowable]:
    block: list[Flowable] = [
        layout.text(
            f"{course.code} {course.title}（班次 {course.sessions} 个，参训 {course.attendees} 人）",
            styles.style(11, leading=18),
        ),
        layout.facts(level_lines(course), [22 * mm, 147 * mm], styles, columns=1),
    ]
    chart = effect_chart(course, styles)
    if chart is not None:
        block.append(chart)
    return [CondPageBreak(40 * mm), KeepTogether(block), layout.spacer(3)]


def _summary_rows(courses: tuple[CourseEffect, ...]) -> list[list[object]]:
    return [
        [
            c.code,
            c.title,
            c.sessions,
            c.attendees,
            _mean(c.satisfaction),
            _mean(c.rating),
            rate(c.pass_rate),
            _mean(c.exam_mean),
            rate(c.plan_rate),
            c.plans_adopted,
        ]
        for c in courses
    ]


def _department_rows(departments: tuple[CourseEffect, ...]) -> list[list[object]]:
    return [
        [
            d.department or NO_DEPARTMENT,
            f"{d.code} {d.title}",
            d.attendees,
            _mean(d.satisfaction),
            rate(d.pass_rate),
            rate(d.plan_rate),
            d.plans_adopted,
            "\n".join(
                f"{line.competency} {line.before} → {line.after}"
                for line in d.competencies
                if line.before is not None
            )
            or NO_VALUE,
        ]
        for d in departments
    ]


def effect_story(report: EffectReport, styles: Styles) -> list[Flowable]:
    story = heading_block(title_of(report), styles)
    attendees = sum(c.attendees for c in report.courses)
    story += [
        layout.facts(
            [
                ("期间", period_text(report)),
                ("范围", report.department or "全部部门"),
                ("课程", f"{len(report.courses)} 门"),
                ("参训", f"{attendees} 人次（按课程计）"),
            ],
            [16 * mm, 68 * mm, 16 * mm, 69 * mm],
            styles,
        ),
        layout.spacer(2),
        section("一、课程汇总", styles),
    ]
    if not report.courses:
        story.append(layout.text("本期间没有举办的培训班次。", styles.body))
        return story
    story.append(
        ruled_table(
            SUMMARY_HEADER,
            _summary_rows(report.courses),
            SUMMARY_WIDTHS,
            styles,
            numeric=range(2, 10),
            font_size=8.5,
        )
    )
    story += [layout.spacer(3), section("二、各课程四级效果", styles)]
    for course in report.courses:
        story += _course_block(course, styles)
    story += [
        CondPageBreak(40 * mm),
        section("三、按部门", styles),
        ruled_table(
            DEPARTMENT_HEADER,
            _department_rows(report.departments),
            DEPARTMENT_WIDTHS,
            styles,
            numeric=(2, 3, 4, 5, 6),
            font_size=8.5,
        ),
        layout.spacer(2),
        layout.text(
            "说明：训前为班次开始日或之前结束的最近一次考核，训后为班次结束日之后结束的第一次考核；"
            "未参训对照组为同一范围内从未参加该课程、未离职且在参训人员最常见的同一对考核期间均有评分的人员。"
            f"行动计划须在班次结束后 {ACTION_PLAN_DAYS} 天内（含第 {ACTION_PLAN_DAYS} 天）提交。",
            styles.small,
        ),
    ]
    return story


def render_training_effect(target: Target, report: EffectReport, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages."""
    check_printable(effect_texts(report))
    return write_pdf(target, page_of(settings, title_of(report)), effect_story(report, Styles()))
