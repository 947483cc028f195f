"""培训档案卡: one employee's whole training record on A4 portrait, or a department's cards in one PDF.

Also the few helpers the other record documents share (sign-in sheet, reports): writing the PDF beside the
target and swapping it in, number and time formats, the section heading and the rare-character check.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
)

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    NO_VALUE,
    PORTRAIT_WIDTH,
    Styles,
    Target,
    amount,
    day,
    heading_block,
    minutes,
    page_of,
    ruled_table,
    section,
    signature_block,
    write_pdf,
    yes,
    zh,
)
from desktop_hr.services.labels import FORMAT_LANGUAGE
from desktop_hr.services.records.report_data import ArchiveCardData, PageSettings
from desktop_hr.services.requirements.reports import figures_text, verdict_text
from desktop_hr.services.training.history import HistoryRow
from desktop_hr.services.training.submissions import SubmissionRow

messages.define(
    {
        "print.no_cards": ("没有可打印的培训档案卡（{what}）", "No archive cards to print ({what})"),
    }
)


class NoCards(DomainError):
    code = "print.no_cards"


# ---- the archive card ------------------------------------------------------------------------------

TITLE = "员工培训档案卡"
HISTORY_HEADER = ("日期", "班次", "课程", "类别", "出勤", "学时", "学分", "考试", "作业成绩/备注")
HISTORY_WIDTHS = [x * mm for x in (19, 25, 37, 12, 13, 12, 12, 12, 27)]
SUBMISSION_HEADER = ("班次", "课程", "类型", "提交时间", "按时", "最终成绩", "优秀")
SUBMISSION_WIDTHS = [x * mm for x in (27, 43, 18, 30, 13, 22, 16)]
REPORT_SUBMISSION_HEADER = ("班次", "课程", "类型", "提交时间", "最终成绩", "优秀")
REPORT_SUBMISSION_WIDTHS = [x * mm for x in (27, 50, 18, 32, 22, 20)]
YEAR_HEADER = ("年度", "学时", "学分")
POINTS_HEADER = ("参与", "输出", "分享", "其他", "获得合计", "已兑换", "余额")
REQUIREMENT_HEADER = ("达标要求", "完成情况", "结论", "差距")
REQUIREMENT_WIDTHS = [x * mm for x in (30, 55, 16, 68)]


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
    texts += [(s.requirement, "达标要求") for s in card.requirements]
    return texts


def submissions_table(submissions: Sequence[SubmissionRow], styles: Styles, *, on_time: bool) -> Flowable:
    """A person's reflections, action plans and homework as a ruled table (with the 按时 column on the
    archive card), or 无; the requirement report prints the same table without it."""
    if not submissions:
        return layout.text("无", styles.body)
    header: tuple[str, ...] = SUBMISSION_HEADER
    widths = SUBMISSION_WIDTHS
    if not on_time:
        header, widths = REPORT_SUBMISSION_HEADER, REPORT_SUBMISSION_WIDTHS
    rows = [
        [
            s.session_code,
            s.course_title,
            zh(s.kind),
            minutes(s.submitted_at),
            *([yes(s.on_time)] if on_time else []),
            amount(s.final) if s.final is not None else "待评",
            "优秀" if s.excellent else "",
        ]
        for s in submissions
    ]
    return ruled_table(header, rows, widths, styles, numeric=(len(header) - 2,), font_size=8.5)


def requirement_section(card: ArchiveCardData, styles: Styles) -> list[Flowable]:
    """四、达标情况: each requirement that applies as of the card's year, its figures, verdict and gap."""
    story: list[Flowable] = [section(f"四、达标情况（{card.year} 年度）", styles)]
    if not card.requirements:
        story.append(layout.text("没有适用于本人的达标要求。", styles.body))
        return story
    story.append(
        ruled_table(
            REQUIREMENT_HEADER,
            [
                [
                    s.requirement,
                    figures_text(s, FORMAT_LANGUAGE),
                    verdict_text(s.met, FORMAT_LANGUAGE),
                    s.gap(FORMAT_LANGUAGE) or "—",
                ]
                for s in card.requirements
            ],
            REQUIREMENT_WIDTHS,
            styles,
            font_size=8.5,
        )
    )
    return story


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
    story.append(submissions_table(card.submissions, styles, on_time=True))
    story += [layout.spacer(3), CondPageBreak(30 * mm), *requirement_section(card, styles)]
    points = card.points
    # the points and the signatures stay together: a signature alone on the last page looks detached
    story += [
        layout.spacer(3),
        KeepTogether(
            [
                section("五、积分", styles),
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
    check_printable(text for card in cards for text in archive_texts(card))
    styles = Styles()
    story: list[Flowable] = []
    for index, card in enumerate(cards):
        if index:
            story.append(PageBreak())
        story += archive_story(card, styles)
    return write_pdf(target, page_of(settings, title), story)


def render_archive_card(target: Target, card: ArchiveCardData, settings: PageSettings) -> int:
    return render_archive_cards(target, [card], settings, title=f"{TITLE} {card.person.name}")
