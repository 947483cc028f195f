"""培训档案卡: one employee's whole training record on A4 portrait, or a department's cards in one PDF.

Also the few helpers the other record documents share (sign-in sheet, reports): writing the PDF beside the
target and swapping it in, number and time formats, the section heading and the rare-character check.
"""

from __future__ import annotations

import contextlib
import enum
import os
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Table,
    TableStyle,
)

from desktop_hr import messages
from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import Page, Styles
from desktop_hr.services.errors import DomainError
from desktop_hr.services.history import HistoryRow
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.report_data import ArchiveCardData, PageSettings

messages.define(
    {
        "print.no_cards": ("没有可打印的培训档案卡（{what}）", "No archive cards to print ({what})"),
        "print.cannot_write": (
            "无法保存 “{name}”：{detail}。如果它正在 PDF 阅读器中打开，请先关闭。",
            'Cannot save "{name}": {detail}. If it is open in a PDF viewer, close it first.',
        ),
    }
)

Target = Path | BytesIO
PORTRAIT_WIDTH = 169 * mm  # A4 less the margins and the frame's padding (wider tables overflow)
LANDSCAPE_WIDTH = 256 * mm
NO_VALUE = "—"


class CannotWritePdf(DomainError):
    code = "print.cannot_write"


class NoCards(DomainError):
    code = "print.no_cards"


# ---- shared by the record documents -------------------------------------------------------------


def write_pdf(target: Target, page: Page, story: list[Flowable]) -> int:
    """Render to a file beside `target` and swap it in (a failure leaves no half PDF); returns the pages."""
    if isinstance(target, BytesIO):
        return layout.render(target, page, story)
    target = Path(target)
    temp = target.with_name(f".~{target.stem}.{uuid.uuid4().hex[:8]}.pdf")
    try:
        pages = layout.render(temp, page, story)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise CannotWritePdf(name=target.name, detail=exc.strerror or exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return pages


def ensure_printable(texts: Iterable[tuple[str, str]]) -> None:
    """Refuse (MissingGlyphs, naming the person or field) before anything is drawn or written."""
    check_printable((text, where) for text, where in texts if text)


def amount(value: Decimal | int | None) -> str:
    """3.00 → 3, 1.50 → 1.5: hours, credits and means as a clerk writes them."""
    if value is None:
        return NO_VALUE
    if isinstance(value, int):
        return str(value)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def rate(value: Decimal | None) -> str:
    return NO_VALUE if value is None else f"{amount(value)}%"


def minutes(value: datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"


def span(starts: datetime, ends: datetime) -> str:
    """2025-12-10 14:00 至 18:00, or both dates when the session runs over several days."""
    end = f"{ends:%H:%M}" if ends.date() == starts.date() else minutes(ends)
    return f"{minutes(starts)} 至 {end}"


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def zh(member: enum.Enum | None) -> str:
    """Records are printed in Chinese whatever the window's language, like the Excel formats."""
    return label(member, FORMAT_LANGUAGE)


def yes(flag: bool | None) -> str:
    return "" if flag is None else ("是" if flag else "否")


def ruled_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    *,
    numeric: Iterable[int] = (),
    font_size: float = 9.5,
    row_height: float | None = None,
) -> Table:
    """layout.table's look, at several times the speed on long documents (a department's archive cards).

    A cell that fits on one line is drawn as a plain string in the embedded font; only longer ones become
    wrapping paragraphs (parsing and wrapping a Paragraph per cell is what made 500 pages slow).
    """
    numbers = set(numeric)
    padding = 6.5  # the table's left and right padding with a little to spare
    leading = font_size * 1.35
    cell = styles.style(font_size, leading=leading)
    number = styles.style(font_size, align=TA_RIGHT, leading=leading)
    head = styles.style(font_size, align=TA_CENTER, leading=leading)

    def fits(content: str, index: int) -> bool:
        return "\n" not in content and stringWidth(content, styles.font, font_size) <= widths[index] - padding

    data: list[list[Any]] = [[h if fits(h, i) else layout.text(h, head) for i, h in enumerate(header)]]
    for row in rows:
        line: list[Any] = []
        for index, value in enumerate(row):
            content = "" if value is None else str(value)
            wrapped = number if index in numbers else cell
            line.append(content if fits(content, index) else layout.text(content, wrapped))
        data.append(line)
    result = Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        rowHeights=None if row_height is None else [None] + [row_height] * len(rows),
    )
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("GRID", (0, 0), (-1, -1), 0.5, layout.GRID),
        ("BACKGROUND", (0, 0), (-1, 0), layout.SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in sorted(numbers)]
    result.setStyle(TableStyle(commands))
    result.hAlign = "LEFT"
    return result


def section(title: str, styles: Styles) -> Paragraph:
    return layout.text(title, styles.style(12, leading=22))


def heading_block(title: str, styles: Styles) -> list[Flowable]:
    return [layout.text(title, styles.title), layout.spacer(3)]


def page_of(settings: PageSettings, title: str, *, landscape: bool = False) -> Page:
    return Page(settings.organisation, title, settings.printed_at, landscape=landscape)


def signature_block(roles: Sequence[str], styles: Styles, width: float = PORTRAIT_WIDTH) -> list[Flowable]:
    return [layout.spacer(6), layout.signature_lines(roles, styles, width)]


def signatures(roles: Sequence[str], styles: Styles, width: float = PORTRAIT_WIDTH) -> Flowable:
    """The signature lines kept in one piece (not inside another KeepTogether: it always asks to split)."""
    return KeepTogether(signature_block(roles, styles, width))


# ---- the archive card ------------------------------------------------------------------------------

TITLE = "员工培训档案卡"
HISTORY_HEADER = ("日期", "班次", "课程", "类别", "出勤", "学时", "学分", "考试", "作业成绩/备注")
HISTORY_WIDTHS = [x * mm for x in (19, 25, 37, 12, 13, 12, 12, 12, 27)]
SUBMISSION_HEADER = ("班次", "课程", "类型", "提交时间", "按时", "最终成绩", "优秀")
SUBMISSION_WIDTHS = [x * mm for x in (27, 43, 18, 30, 13, 22, 16)]
YEAR_HEADER = ("年度", "学时", "学分")
POINTS_HEADER = ("参与", "输出", "分享", "其他", "获得合计", "已兑换", "余额")


def _score_note(row: HistoryRow) -> str:
    if row.is_historical:
        return " ".join(p for p in (row.record_score, row.note) if p)
    finals = [
        f"{zh(s.kind)}{amount(s.final_score)}" if s.final_score is not None else f"{zh(s.kind)}待评"
        for s in row.submissions
    ]
    return "；".join(finals)


def archive_texts(card: ArchiveCardData) -> list[tuple[str, str]]:
    where = f"工号 {card.person.employee_no}"
    texts = [
        (card.person.name, f"姓名 {where}"),
        (card.person.department, f"部门 {where}"),
        (card.person.position, f"岗位 {where}"),
    ]
    texts += [(row.course_title, f"课程 {where}") for row in card.rows]
    texts += [(row.note + row.record_score, f"培训记录备注 {where}") for row in card.rows]
    return texts


def archive_story(card: ArchiveCardData, styles: Styles) -> list[Flowable]:
    person = card.person
    story = heading_block(TITLE, styles)
    story.append(
        layout.facts(
            [
                ("姓名", person.name),
                ("工号", person.employee_no),
                ("性别", zh(person.gender)),
                ("在职状态", zh(person.status)),
                ("部门", person.department),
                ("岗位", person.position),
                ("入职日期", day(person.hire_date)),
                ("累计学时/学分", f"{amount(card.hours)} / {amount(card.credits)}"),
            ],
            [22 * mm, 60 * mm, 33 * mm, 54 * mm],
            styles,
        )
    )
    story += [layout.spacer(3), section("一、培训记录", styles)]
    rows: list[list[object]] = []
    for row in card.rows:
        rows.append(
            [
                day(row.on_date),
                row.session_code or "历史记录",
                row.course_title,
                zh(row.category),
                zh(row.attendance) if not row.is_historical else NO_VALUE,
                amount(row.hours),
                amount(row.credits),
                "" if row.exam_score is None else row.exam_score,
                _score_note(row),
            ]
        )
    rows.append(
        ["合计", "", f"{len(card.rows)} 项", "", "", amount(card.hours), amount(card.credits), "", ""]
    )
    story.append(ruled_table(HISTORY_HEADER, rows, HISTORY_WIDTHS, styles, numeric=(5, 6, 7), font_size=8.5))
    story += [
        layout.spacer(3),
        CondPageBreak(40 * mm),
        section("二、年度学时学分", styles),
        ruled_table(
            YEAR_HEADER,
            [[t.year, amount(t.hours), amount(t.credits)] for t in card.by_year] or [[NO_VALUE, "0", "0"]],
            [30 * mm, 40 * mm, 40 * mm],
            styles,
            numeric=(1, 2),
        ),
        layout.spacer(3),
        CondPageBreak(30 * mm),
        section("三、作业提交", styles),
    ]
    if card.submissions:
        story.append(
            ruled_table(
                SUBMISSION_HEADER,
                [
                    [
                        s.session_code,
                        s.course_title,
                        zh(s.kind),
                        minutes(s.submitted_at),
                        yes(s.on_time),
                        amount(s.final) if s.final is not None else "待评",
                        "优秀" if s.excellent else "",
                    ]
                    for s in card.submissions
                ],
                SUBMISSION_WIDTHS,
                styles,
                numeric=(5,),
                font_size=8.5,
            )
        )
    else:
        story.append(layout.text("无", styles.body))
    points = card.points
    # the points and the signatures stay together: a signature alone on the last page looks detached
    story += [
        layout.spacer(3),
        KeepTogether(
            [
                section("四、积分", styles),
                ruled_table(
                    POINTS_HEADER,
                    [
                        [
                            points.participation,
                            points.output,
                            points.sharing,
                            points.other,
                            points.earned,
                            points.redeemed,
                            points.balance,
                        ]
                    ],
                    [PORTRAIT_WIDTH / len(POINTS_HEADER)] * len(POINTS_HEADER),
                    styles,
                    numeric=range(len(POINTS_HEADER)),
                ),
                *signature_block(("本人", "人事部门"), styles),
            ]
        ),
    ]
    return story


def render_archive_cards(
    target: Target, cards: Sequence[ArchiveCardData], settings: PageSettings, *, title: str = TITLE
) -> int:
    """Every card in one PDF, each starting on a new page; returns the number of pages."""
    if not cards:
        raise NoCards(what=title)
    ensure_printable(text for card in cards for text in archive_texts(card))
    styles = Styles()
    story: list[Flowable] = []
    for index, card in enumerate(cards):
        if index:
            story.append(PageBreak())
        story += archive_story(card, styles)
    return write_pdf(target, page_of(settings, title), story)


def render_archive_card(target: Target, card: ArchiveCardData, settings: PageSettings) -> int:
    return render_archive_cards(target, [card], settings, title=f"{TITLE} {card.person.name}")
