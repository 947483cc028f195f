"""培训需求分析报告 (A4 portrait): the competencies each department needs training in, with the courses that
address them, the career goals that mention them and the needs already in the pool."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    NO_VALUE,
    PORTRAIT_WIDTH,
    Styles,
    Target,
    heading_block,
    page_of,
    ruled_table,
    section,
    signatures,
    write_pdf,
    zh,
)
from desktop_hr.services.development.needs_analysis import NO_DEPARTMENT, THRESHOLD, NeedsReport
from desktop_hr.services.records.report_data import PageSettings

TITLE = "培训需求分析报告"
SUMMARY_HEADER = ("能力项", "评估人数", "平均分", f"低于{THRESHOLD}分人数", "需求部门/评估部门")
SUMMARY_WIDTHS = [x * mm for x in (49, 26, 26, 32, 36)]
NEEDS_HEADER = ("部门", "能力项", "平均分", f"低于{THRESHOLD}分", "评估人数", "相关课程", "职业目标")
NEEDS_WIDTHS = [x * mm for x in (36, 22, 15, 15, 15, 48, 18)]
POOL_HEADER = ("部门", "能力项", "需求池中的需求", "状态")
POOL_WIDTHS = [x * mm for x in (40, 26, 83, 20)]


def title_of(report: NeedsReport) -> str:
    return f"{TITLE}（{report.department}）" if report.department else TITLE


def needs_texts(report: NeedsReport) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = [(report.department, "部门")]
    for row in report.needs:
        texts += [(row.department, "部门"), (row.competency, "能力项"), (row.courses_text(), "相关课程")]
        texts += [(need.title, "需求池") for need in row.pool]
    return texts


def needs_story(report: NeedsReport, styles: Styles) -> list[Flowable]:
    needs = report.needs
    story = heading_block(title_of(report), styles)
    story += [
        layout.facts(
            [
                ("范围", report.department or "全部部门"),
                ("统计截至", report.as_of.isoformat() if report.as_of else "全部考核期间"),
            ],
            [20 * mm, 64 * mm, 24 * mm, 61 * mm],
            styles,
        ),
        layout.facts(
            [
                (
                    "判定标准",
                    f"每人取各能力项最近一次考核得分；部门平均分低于 {THRESHOLD} 分（恰为 {THRESHOLD} 分不计），"
                    f"或半数以上人员低于 {THRESHOLD} 分，即为培训需求。离职人员不计。",
                ),
                ("统计", f"评估 {len(report.rows)} 个部门能力项，其中培训需求 {len(needs)} 项"),
            ],
            [24 * mm, 145 * mm],
            styles,
            columns=1,
        ),
        layout.spacer(2),
        section("一、各能力项汇总", styles),
    ]
    if report.summaries:
        story.append(
            ruled_table(
                SUMMARY_HEADER,
                [
                    [s.competency, s.assessed, s.mean, s.below, f"{s.need_departments}/{s.departments}"]
                    for s in report.summaries
                ],
                SUMMARY_WIDTHS,
                styles,
                numeric=(1, 2, 3),
            )
        )
    else:
        story.append(layout.text("没有考核得分可供分析。", styles.body))
    story += [layout.spacer(3), section("二、培训需求", styles)]
    if needs:
        story.append(
            ruled_table(
                NEEDS_HEADER,
                [
                    [
                        row.department or NO_DEPARTMENT,
                        row.competency,
                        row.mean,
                        row.below,
                        row.assessed,
                        row.courses_text() or "（暂无相关课程）",
                        f"{row.goal_people} 人" if row.goal_people else NO_VALUE,
                    ]
                    for row in needs
                ],
                NEEDS_WIDTHS,
                styles,
                numeric=(2, 3, 4),
                font_size=9,
            )
        )
    else:
        story.append(layout.text("没有部门的能力项达到培训需求的标准。", styles.body))
    sentences = [row.goal_sentence("zh_CN") for row in needs if row.goal_people]
    story += [layout.spacer(3), section("三、职业目标", styles)]
    if sentences:
        story += [layout.text(f"· {sentence}。", styles.body) for sentence in sentences]
    else:
        story.append(layout.text("培训需求涉及的能力项未见于职业目标。", styles.body))
    pooled = [(row, need) for row in needs for need in row.pool]
    story += [layout.spacer(3), section("四、需求池中的相关需求", styles)]
    if pooled:
        story.append(
            ruled_table(
                POOL_HEADER,
                [
                    [row.department or NO_DEPARTMENT, row.competency, need.title, zh(need.status)]
                    for row, need in pooled
                ],
                POOL_WIDTHS,
                styles,
                font_size=9,
            )
        )
    else:
        story.append(layout.text("需求池中尚无这些培训需求。", styles.body))
    story.append(layout.spacer(2))
    story.append(
        layout.text(
            "说明：按打印时的考核记录、课程与需求池计算；此后记录变更不改变本报告。",
            styles.small,
        )
    )
    story.append(signatures(("经办人", "人事部门"), styles, PORTRAIT_WIDTH, stacked=True))
    return story


def render_needs_report(target: Target, report: NeedsReport, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages."""
    check_printable(needs_texts(report))
    return write_pdf(target, page_of(settings, title_of(report)), needs_story(report, styles=Styles()))
