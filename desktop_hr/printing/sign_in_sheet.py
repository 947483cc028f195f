"""培训签到表: a session's list of people with a signature box per line, blank or filled from the sign-ins."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_hr.printing import layout
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import (
    Styles,
    Target,
    heading_block,
    minutes,
    page_of,
    ruled_table,
    signatures,
    span,
    write_pdf,
    zh,
)
from desktop_hr.services.records.report_data import PageSettings, SignInSheetData

TITLE = "培训签到表"
HEADER = ("序号", "工号", "姓名", "部门", "签到时间", "状态", "本人签名")
BLANK_HEADER = (*HEADER[:5], "备注", HEADER[6])
WIDTHS = [x * mm for x in (12, 20, 24, 33, 30, 16, 34)]
SIGNATURE_ROW = 9.5 * mm  # room for a handwritten name


def sign_in_texts(data: SignInSheetData) -> list[tuple[str, str]]:
    summary = data.session
    texts = [
        (summary.course_title, f"课程 {summary.code}"),
        (summary.place, f"地点 {summary.code}"),
        (summary.trainer, f"讲师 {summary.code}"),
    ]
    for line in data.lines:
        texts += [
            (line.name, f"姓名 工号 {line.employee_no}"),
            (line.department, f"部门 工号 {line.employee_no}"),
        ]
    return texts


def sign_in_story(data: SignInSheetData, styles: Styles) -> list[Flowable]:
    summary = data.session
    enrolled_places = "不限" if summary.capacity is None else str(summary.capacity)
    pairs: list[tuple[str, object]] = [
        ("班次编号", summary.code),
        ("课程", f"{summary.course_title}（{summary.course_code}）"),
        ("培训时间", span(summary.starts_at, summary.ends_at)),
        ("地点", summary.place or zh(summary.delivery)),
        ("讲师", summary.trainer),
        ("应到/名额", f"{summary.enrolled} 人 / {enrolled_places}"),
    ]
    if not data.blank:
        pairs.append(("实到", f"{summary.attended} 人"))
    story = heading_block(TITLE if not data.blank else f"{TITLE}（空白）", styles)
    story += [layout.facts(pairs, [24 * mm, 60 * mm, 26 * mm, 59 * mm], styles), layout.spacer(3)]
    rows = [
        [
            line.number,
            line.employee_no,
            line.name,
            line.department,
            "" if data.blank else minutes(line.signed_in_at)[5:],
            "" if data.blank else zh(line.status),
            "",
        ]
        for line in data.lines
    ]
    story.append(
        ruled_table(
            BLANK_HEADER if data.blank else HEADER,
            rows,
            WIDTHS,
            styles,
            numeric=(0,),
            row_height=SIGNATURE_ROW,
        )
    )
    note = (
        "请本人签名；未报名到场者请在空行填写工号、姓名并签名。"
        if data.blank
        else f"实到 {data.signed_in} 人（含迟到、线上完成）；签到时间与状态取自签到记录，请本人签名确认。"
    )
    story += [layout.spacer(2), layout.text(note, styles.small), signatures(("经办人", "讲师"), styles)]
    return story


def render_sign_in_sheet(target: Target, data: SignInSheetData, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages. Rare characters are refused before anything is written."""
    check_printable(sign_in_texts(data))
    title = f"{TITLE} {data.session.code}"
    return write_pdf(target, page_of(settings, title), sign_in_story(data, Styles()))
