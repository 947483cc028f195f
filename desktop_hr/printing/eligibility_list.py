"""达标名单: who meets one requirement as of a year, by department, with the gap of those who do not and signature
lines (A4 portrait)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    PORTRAIT_WIDTH,
    Styles,
    Target,
    heading_block,
    page_of,
    ruled_table,
    section,
    signatures,
    write_pdf,
)
from desktop_hr.services.labels import FORMAT_LANGUAGE
from desktop_hr.services.records.report_data import PageSettings
from desktop_hr.services.requirements.reports import EligibilityReport, rate_text, verdict_text

SUMMARY_HEADER = ("部门", "人数", "达标", "未达标", "达标率")
SUMMARY_WIDTHS = [x * mm for x in (85, 20, 20, 20, 24)]
LIST_HEADER = ("序号", "工号", "姓名", "结论", "差距")
LIST_WIDTHS = [x * mm for x in (12, 22, 24, 17, 94)]
NO_DEPARTMENT = "（未分配部门）"


def title_of(report: EligibilityReport) -> str:
    return f"{report.year} 年度{report.listing.requirement}达标名单"


def eligibility_texts(report: EligibilityReport) -> list[tuple[str, str]]:
    listing = report.listing
    texts = [(listing.requirement, "达标要求"), (listing.conditions, "达标条件"), (report.department, "部门")]
    for group in listing.groups:
        texts.append((group.department, "部门"))
        texts += [(row.name, f"姓名 工号 {row.employee_no}") for row in group.rows]
    return texts


def eligibility_story(report: EligibilityReport, styles: Styles) -> list[Flowable]:
    listing = report.listing
    story = heading_block(title_of(report), styles)
    not_met = listing.total - listing.met
    story += [
        layout.facts(
            [
                ("达标要求", listing.requirement),
                ("年度", f"{report.year} 年"),
                ("适用人员", report.applies),
                ("范围", report.department or "全部部门"),
            ],
            [24 * mm, 60 * mm, 24 * mm, 61 * mm],
            styles,
        ),
        layout.facts([("达标条件", listing.conditions)], [24 * mm, 145 * mm], styles, columns=1),
        layout.facts(
            [
                (
                    "统计",
                    f"共 {listing.total} 人，达标 {listing.met} 人，未达标 {not_met} 人，"
                    f"达标率 {rate_text(listing.met, listing.total)}",
                )
            ],
            [24 * mm, 145 * mm],
            styles,
            columns=1,
        ),
        layout.spacer(2),
        section("一、各部门汇总", styles),
    ]
    summary = [
        [
            group.department or NO_DEPARTMENT,
            len(group.rows),
            group.met,
            len(group.rows) - group.met,
            rate_text(group.met, len(group.rows)),
        ]
        for group in listing.groups
    ]
    summary.append(["合计", listing.total, listing.met, not_met, rate_text(listing.met, listing.total)])
    story.append(ruled_table(SUMMARY_HEADER, summary, SUMMARY_WIDTHS, styles, numeric=(1, 2, 3, 4)))
    story += [layout.spacer(3), section("二、人员名单", styles)]
    if not listing.groups:
        story.append(layout.text("本年度没有适用该要求的人员。", styles.body))
    for group in listing.groups:
        story += [
            CondPageBreak(30 * mm),
            layout.text(
                f"{group.department or NO_DEPARTMENT}（达标 {group.met} 人 / 共 {len(group.rows)} 人）",
                styles.style(10.5, leading=18),
            ),
            ruled_table(
                LIST_HEADER,
                [
                    [
                        number,
                        row.employee_no,
                        row.name,
                        verdict_text(row.met, FORMAT_LANGUAGE),
                        row.gap(FORMAT_LANGUAGE) or "—",
                    ]
                    for number, row in enumerate(group.rows, start=1)
                ],
                LIST_WIDTHS,
                styles,
                numeric=(0,),
                font_size=9,
            ),
            layout.spacer(2),
        ]
    story.append(
        layout.text(
            "说明：按打印时的达标规则与培训记录计算；本名单打印时的结论已记入打印记录，此后规则或记录的变更不改变本名单。",
            styles.small,
        )
    )
    story.append(signatures(("经办人", "部门负责人", "人事部门"), styles, PORTRAIT_WIDTH, stacked=True))
    return story


def render_eligibility_list(target: Target, report: EligibilityReport, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages."""
    check_printable(eligibility_texts(report))
    return write_pdf(target, page_of(settings, title_of(report)), eligibility_story(report, Styles()))
