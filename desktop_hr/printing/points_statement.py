"""积分对账单: one employee's points for a period, opening balance, every entry, totals, closing balance."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_hr.models import PointCategory
from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    PORTRAIT_WIDTH,
    Styles,
    Target,
    day,
    heading_block,
    minutes,
    page_of,
    ruled_table,
    section,
    signatures,
    write_pdf,
    zh,
)
from desktop_hr.services.labels import FORMAT_LANGUAGE
from desktop_hr.services.records.report_data import PageSettings, PointsStatementData

TITLE = "员工积分对账单"
LINE_HEADER = ("时间", "规则", "类别", "来源", "原因", "积分", "余额")
LINE_WIDTHS = [x * mm for x in (27, 28, 12, 40, 34, 14, 14)]
TOTAL_HEADER = ("期初余额", "参与", "输出", "分享", "其他", "获得合计", "已兑换", "期末余额")


def statement_texts(data: PointsStatementData) -> list[tuple[str, str]]:
    where = f"工号 {data.person.employee_no}"
    texts = [(data.person.name, f"姓名 {where}"), (data.person.department, f"部门 {where}")]
    for line in data.lines:
        texts += [
            (line.rule_name, f"积分规则 {where}"),
            (line.source_text(FORMAT_LANGUAGE), f"积分来源 {where}"),
        ]
        texts.append((line.reason, f"积分原因 {where}"))
    return texts


def statement_story(data: PointsStatementData, styles: Styles) -> list[Flowable]:
    person = data.person
    story = heading_block(TITLE, styles)
    story += [
        layout.facts(
            [
                ("姓名", person.name),
                ("工号", person.employee_no),
                ("部门", person.department),
                ("期间", f"{day(data.start)} 至 {day(data.end)}"),
            ],
            [16 * mm, 68 * mm, 16 * mm, 69 * mm],
            styles,
        ),
        layout.spacer(3),
        section("一、积分汇总", styles),
        ruled_table(
            TOTAL_HEADER,
            [
                [
                    data.opening,
                    data.by_category[PointCategory.PARTICIPATION],
                    data.by_category[PointCategory.OUTPUT],
                    data.by_category[PointCategory.SHARING],
                    data.by_category[PointCategory.OTHER],
                    data.earned,
                    data.redeemed,
                    data.closing,
                ]
            ],
            [PORTRAIT_WIDTH / len(TOTAL_HEADER)] * len(TOTAL_HEADER),
            styles,
            numeric=range(len(TOTAL_HEADER)),
        ),
        layout.text("期末余额 = 期初余额 + 获得合计 − 已兑换。", styles.small),
        layout.spacer(3),
        section(f"二、积分明细（{len(data.lines)} 笔）", styles),
    ]
    rows: list[list[object]] = [
        ["期初余额", "", "", "", "", "", data.opening],
        *(
            [
                minutes(line.occurred_at),
                line.rule_name,
                zh(line.category),
                line.source_text(FORMAT_LANGUAGE),
                line.reason,
                f"{line.points:+d}",
                line.balance,
            ]
            for line in data.lines
        ),
        ["期末余额", "", "", "", "", "", data.closing],
    ]
    story += [
        ruled_table(LINE_HEADER, rows, LINE_WIDTHS, styles, numeric=(5, 6), font_size=8.5),
        signatures(("经办人", "本人"), styles),
    ]
    return story


def render_points_statement(target: Target, data: PointsStatementData, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages."""
    check_printable(statement_texts(data))
    title = f"{TITLE} {data.person.name}"
    return write_pdf(target, page_of(settings, title), statement_story(data, Styles()))
