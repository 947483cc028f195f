"""内训师贡献报告: the year's ranking of internal trainers with their figures, the 优秀内训师 marked, the weights and
threshold stated, and the trainers listed for re-certification (A4 portrait)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    NO_VALUE,
    PORTRAIT_WIDTH,
    Styles,
    Target,
    amount,
    heading_block,
    page_of,
    ruled_table,
    section,
    signatures,
    write_pdf,
    zh,
)
from desktop_hr.services.development.trainer_report import TrainerReport, formula_text
from desktop_hr.services.records.report_data import PageSettings
from desktop_hr.services.requirements.wording import amount_text

TITLE = "内训师贡献报告"
EXCELLENT_MARK = "★优秀"
RANKING_HEADER = (
    "排名",
    "工号",
    "姓名",
    "部门",
    "等级",
    "授课次数",
    "授课学时",
    "满意度",
    "业绩提升%",
    "贡献值",
    "优秀内训师",
)
RANKING_WIDTHS = [x * mm for x in (10, 15, 16, 24, 10, 15, 16, 13, 17, 15, 18)]
RECERT_HEADER = ("序号", "工号", "姓名", "部门", "等级", "授课学时", "满意度", "复审原因")
RECERT_WIDTHS = [x * mm for x in (10, 15, 16, 31, 10, 15, 13, 59)]


def title_of(report: TrainerReport) -> str:
    return f"{report.year} 年度{TITLE}"


def report_texts(report: TrainerReport) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for p in report.profiles:
        texts += [(p.name, f"姓名 工号 {p.employee_no}"), (p.department, f"部门 工号 {p.employee_no}")]
    return texts


def report_story(report: TrainerReport, styles: Styles) -> list[Flowable]:
    settings = report.settings
    excellent = report.excellent
    story = heading_block(title_of(report), styles)
    story += [
        layout.facts(
            [
                ("年度", f"{report.year} 年"),
                ("内训师", f"{len(report.profiles)} 人"),
                ("优秀内训师", f"{len(excellent)} 人"),
                ("待复审", f"{len(report.recertification)} 人"),
            ],
            [27 * mm, 57 * mm, 27 * mm, 58 * mm],
            styles,
        ),
        layout.facts(
            [
                ("计算方法", formula_text(settings)),
                ("优秀标准", f"贡献值 ≥ {amount_text(settings.excellent_threshold)}（含等于）"),
            ],
            [27 * mm, 142 * mm],
            styles,
            columns=1,
        ),
        layout.spacer(2),
        section("一、贡献值排名", styles),
    ]
    if report.profiles:
        rows = [
            [
                p.rank,
                p.employee_no,
                p.name,
                p.department or NO_VALUE,
                zh(p.level) or NO_VALUE,
                p.sessions,
                amount(p.hours),
                amount(p.satisfaction),
                amount(p.uplift),
                f"{p.contribution:.2f}",
                EXCELLENT_MARK if p.excellent else "",
            ]
            for p in report.profiles
        ]
        story.append(
            ruled_table(
                RANKING_HEADER, rows, RANKING_WIDTHS, styles, numeric=(0, 5, 6, 7, 8, 9), font_size=8.5
            )
        )
    else:
        story.append(layout.text("本年度没有内训师或授课记录。", styles.body))
    story += [
        layout.spacer(1),
        layout.text(
            "授课学时为本人授课且至少有一人签到（出勤、迟到或线上完成）的班次的课程学时之和，按班次开始日期计入年度；"
            "满意度为这些班次学员评价中讲师满意度的平均值；团队业绩提升由人事部门按年度录入，未录入按 0 计算。",
            styles.small,
        ),
        layout.spacer(3),
        CondPageBreak(35 * mm),
        section(
            f"二、复审名单（{report.year - settings.recert_years + 1}–{report.year} 年授课不足 "
            f"{amount_text(settings.recert_hours)} 学时或平均满意度低于 {amount_text(settings.recert_satisfaction)}）",
            styles,
        ),
    ]
    if report.recertification:
        story.append(
            ruled_table(
                RECERT_HEADER,
                [
                    [
                        number,
                        r.employee_no,
                        r.name,
                        r.department or NO_VALUE,
                        zh(r.level) or NO_VALUE,
                        amount(r.hours),
                        amount(r.satisfaction),
                        r.reasons_text("zh_CN"),
                    ]
                    for number, r in enumerate(report.recertification, start=1)
                ],
                RECERT_WIDTHS,
                styles,
                numeric=(0, 5, 6),
                font_size=8.5,
            )
        )
    else:
        story.append(layout.text("没有需要复审的内训师。", styles.body))
    story.append(signatures(("经办人", "人事部门负责人"), styles, PORTRAIT_WIDTH, stacked=True))
    return story


def render_trainer_report(target: Target, report: TrainerReport, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages."""
    check_printable(report_texts(report))
    return write_pdf(target, page_of(settings, title_of(report)), report_story(report, Styles()))
