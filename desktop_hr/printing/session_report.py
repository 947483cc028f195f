"""培训班次总结报告: enrolment, participation and lateness, submissions and grades, feedback and comments."""

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
    minutes,
    page_of,
    rate,
    ruled_table,
    section,
    signatures,
    span,
    write_pdf,
    yes,
    zh,
)
from desktop_hr.services.records.report_data import PageSettings, SessionReportData

TITLE = "培训班次总结报告"
COUNT_HEADER = (
    "报名",
    "候补",
    "取消",
    "出勤",
    "迟到",
    "缺勤",
    "请假",
    "线上完成",
    "未记录",
    "参与率",
    "迟到率",
)
ATTENDANCE_HEADER = ("序号", "工号", "姓名", "部门", "出勤情况", "签到时间", "考试成绩")
ATTENDANCE_WIDTHS = [x * mm for x in (12, 20, 24, 39, 20, 32, 22)]
SUBMISSION_HEADER = (
    "工号",
    "姓名",
    "类型",
    "标题",
    "提交时间",
    "按时",
    "人事评分",
    "部门评分",
    "最终",
    "优秀",
)
SUBMISSION_WIDTHS = [x * mm for x in (17, 18, 16, 30, 26, 11, 14, 14, 12, 11)]
COMMENT_HEADER = ("序号", "学员", "意见与建议")
COMMENT_WIDTHS = [x * mm for x in (12, 24, 133)]


def session_report_texts(data: SessionReportData) -> list[tuple[str, str]]:
    summary = data.session
    texts = [
        (summary.course_title, f"课程 {summary.code}"),
        (summary.place, f"地点 {summary.code}"),
        (summary.trainer, f"讲师 {summary.code}"),
    ]
    texts += [(line.name, f"姓名 工号 {line.employee_no}") for line in data.attendance]
    texts += [(line.department, f"部门 工号 {line.employee_no}") for line in data.attendance]
    texts += [(s.name, f"姓名 工号 {s.employee_no}") for s in data.submissions]
    texts += [(s.title, f"作业标题 工号 {s.employee_no}") for s in data.submissions]
    texts += [(name + comment, f"学员评价 {name}") for name, comment in data.comments]
    return texts


def session_report_story(data: SessionReportData, styles: Styles) -> list[Flowable]:
    summary = data.session
    capacity = "不限" if summary.capacity is None else f"{summary.capacity} 人"
    story = heading_block(TITLE, styles)
    story += [
        layout.facts(
            [
                ("班次编号", summary.code),
                ("课程", f"{summary.course_title}（{summary.course_code}）"),
                ("培训时间", span(summary.starts_at, summary.ends_at)),
                ("地点", summary.place or zh(summary.delivery)),
                ("讲师", summary.trainer),
                ("名额", capacity),
                ("班次状态", zh(summary.status)),
                ("作业要求", zh(summary.assignment_type) or "无"),
            ],
            [24 * mm, 60 * mm, 26 * mm, 59 * mm],
            styles,
        ),
        layout.spacer(3),
        section("一、报名与出勤", styles),
    ]
    heads = data.counts()[:-2]  # the two rates print as percentages
    story.append(
        ruled_table(
            COUNT_HEADER,
            [[*heads, rate(data.participation_rate), rate(data.lateness_rate)]],
            [PORTRAIT_WIDTH / len(COUNT_HEADER)] * len(COUNT_HEADER),
            styles,
            numeric=range(len(COUNT_HEADER)),
            font_size=8.5,
        )
    )
    story.append(
        layout.text(
            "参与率 = 已报名人员中出勤（含迟到、线上完成）人数 ÷ 报名人数；迟到率 = 迟到人数 ÷ 出勤人数。",
            styles.small,
        )
    )
    story.append(layout.spacer(2))
    if data.attendance:
        story.append(
            ruled_table(
                ATTENDANCE_HEADER,
                [
                    [
                        number,
                        line.employee_no,
                        line.name,
                        line.department,
                        zh(line.status) or "未记录",
                        minutes(line.signed_in_at),
                        "" if line.exam_score is None else line.exam_score,
                    ]
                    for number, line in enumerate(data.attendance, start=1)
                ],
                ATTENDANCE_WIDTHS,
                styles,
                numeric=(0, 6),
                font_size=9,
            )
        )
    if data.exam_count or summary.pass_mark is not None:
        passed = "" if data.exam_passed is None else f"，及格（{summary.pass_mark} 分）{data.exam_passed} 人"
        story.append(
            layout.text(
                f"考试：{data.exam_count} 人有成绩，平均 {amount(data.exam_mean)} 分{passed}。", styles.body
            )
        )
    story += [
        layout.spacer(3),
        CondPageBreak(35 * mm),
        section("二、作业提交与评分", styles),
        layout.text(
            f"共提交 {len(data.submissions)} 份，按时 {data.submitted_on_time} 份，已评分 {data.graded} 份，"
            f"平均成绩 {amount(data.mean_grade)}，评为优秀 {data.excellent} 份。",
            styles.body,
        ),
    ]
    if data.submissions:
        story.append(
            ruled_table(
                SUBMISSION_HEADER,
                [
                    [
                        s.employee_no,
                        s.name,
                        zh(s.kind),
                        s.title,
                        minutes(s.submitted_at)[5:],
                        yes(s.on_time),
                        "" if s.hr_score is None else s.hr_score,
                        "" if s.head_score is None else s.head_score,
                        amount(s.final) if s.final is not None else "",
                        "优秀" if s.excellent else "",
                    ]
                    for s in data.submissions
                ],
                SUBMISSION_WIDTHS,
                styles,
                numeric=(6, 7, 8),
                font_size=8.5,
            )
        )
    feedback = data.feedback
    story += [
        layout.spacer(3),
        CondPageBreak(35 * mm),
        section("三、学员评价", styles),
        layout.text(
            f"收回评价表 {feedback.count} 份；讲师满意度平均 {amount(feedback.mean_satisfaction)}（满分 100），"
            f"课程评分平均 {amount(feedback.mean_rating)}（满分 5）。",
            styles.body,
        ),
    ]
    if data.comments:
        story.append(
            ruled_table(
                COMMENT_HEADER,
                [[n, name, comment] for n, (name, comment) in enumerate(data.comments, start=1)],
                COMMENT_WIDTHS,
                styles,
                numeric=(0,),
                font_size=9,
            )
        )
    else:
        story.append(layout.text(f"意见与建议：{NO_VALUE}", styles.body))
    story.append(signatures(("经办人", "部门负责人"), styles))
    return story


def render_session_report(target: Target, data: SessionReportData, settings: PageSettings) -> int:
    """A4 portrait; returns the number of pages."""
    check_printable(session_report_texts(data))
    title = f"{TITLE} {data.session.code}"
    return write_pdf(target, page_of(settings, title), session_report_story(data, Styles()))
