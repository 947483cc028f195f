"""培训提醒通知 (A4 portrait): one notice per department, each starting on a new page: to whom, the counts by
kind, and a line per thing each person must do; signed for by the department head."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from desktop_hr import messages
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
    signatures,
    write_pdf,
)
from desktop_hr.services.records.report_data import PageSettings
from desktop_hr.services.training.notices import KIND_HEADINGS, NOTICE_KINDS, TITLE, NoNotices, Notice
from desktop_hr.services.training.reminders import ReminderKind

HEADER = ("工号", "姓名", "事项", "培训班次", "日期", "状态")
WIDTHS = [x * mm for x in (18, 18, 26, 59, 30, 18)]


def notice_texts(notice: Notice) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = [(notice.department, "部门"), (" ".join(notice.heads), "部门负责人")]
    for person, item in notice.items():
        where = f"{person.employee_no}"
        texts += [(person.name, f"姓名 {where}"), (item.session_text(), f"培训班次 {where}")]
        texts.append((item.place, f"地点 {item.session_code}"))
    return texts


def notice_story(notice: Notice, today: date, styles: Styles) -> list[Flowable]:
    story = heading_block(TITLE, styles)
    counts = "，".join(
        f"{KIND_HEADINGS[kind]} {notice.count(kind)} 项" for kind in NOTICE_KINDS if notice.count(kind)
    )
    story += [
        layout.facts(
            [
                ("部门", notice.department),
                ("截至", today.isoformat()),
                ("致", notice.addressee()),
                ("收件地址", notice.address or NO_VALUE),
            ],
            [20 * mm, 64 * mm, 24 * mm, 61 * mm],
            styles,
        ),
        layout.facts(
            [("人数", f"{len(notice.people)} 人，共 {len(notice.items())} 项"), ("其中", counts)],
            [20 * mm, 149 * mm],
            styles,
            columns=1,
        ),
        layout.spacer(2),
        layout.text(
            "以下人员有即将开始的培训，或有到期、逾期、待催交的心得、行动计划和作业，请督促按时参加和提交。",
            styles.body,
        ),
        layout.spacer(2),
    ]
    rows: list[list[object]] = []
    for person, item in notice.items():
        upcoming = item.kind is ReminderKind.UPCOMING_SESSION
        day = f"{item.starts_at:%Y-%m-%d %H:%M}" if upcoming else item.due.isoformat()
        session = item.session_text()
        if upcoming and item.place:
            session += f" · {item.place}"
        rows.append([person.employee_no, person.name, item.what(), session, day, item.when()])
    story.append(ruled_table(HEADER, rows, WIDTHS, styles, font_size=9))
    story.append(layout.spacer(2))
    story.append(
        layout.text(
            "说明：按打印当天的报名、签到和提交记录列出；3 天内开始的培训列出已报名人员，"
            "心得、作业在截止前 2 天内列出，行动计划自培训结束第 10 天起催交，逾期一年以上的不再列出。",
            styles.small,
        )
    )
    story.append(signatures(("部门负责人", "人事部门"), styles, PORTRAIT_WIDTH, stacked=True))
    return story


def render_reminder_notices(
    target: Target, notices: list[Notice], settings: PageSettings, *, today: date, scope: str = ""
) -> int:
    """Every notice in one PDF, each from a new page; returns the pages. NoNotices when there is none."""
    if not notices:
        raise NoNotices(scope=scope or messages.text("notices.everyone"))
    check_printable(text for notice in notices for text in notice_texts(notice))
    styles = Styles()
    story: list[Flowable] = []
    for index, notice in enumerate(notices):
        if index:
            story.append(PageBreak())
        story += notice_story(notice, today, styles)
    return write_pdf(target, page_of(settings, TITLE), story)
