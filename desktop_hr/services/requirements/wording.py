"""How requirements read: field names, the condition texts in both languages, amounts, shares and slices,
and what a clerk types for a share."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from desktop_hr import messages
from desktop_hr.models import Measure
from desktop_hr.services.labels import label
from desktop_hr.services.requirements.measures import DIMENSION_VALUES, Slice

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "requirement_name": ("名称", "Name"),
    "requirement_applies_to": ("适用范围", "Applies to"),
    "requirement_applies_value": ("适用对象", "Applies to whom"),
    "requirement_period_years": ("年数", "Years"),
    "requirement_min_hours": ("最低学时", "Minimum hours"),
    "requirement_min_credits": ("最低学分", "Minimum credits"),
    "requirement_min_reflections": ("最少心得篇数", "Minimum reflections"),
    "requirement_excellent_rate": ("最低优秀率", "Minimum excellent rate"),
    "requirement_slice": ("分项条件", "Condition on a part"),
    "requirement_courses": ("必修课程清单", "Course checklist"),
    "requirement_course_code": ("课程编号", "Course code"),
    "requirement_course_credits": ("课程学分", "Course credits"),
    "requirement_conditions": ("达标条件", "Conditions"),
}
messages.define({f"field.{key}": pair for key, pair in FIELD_LABELS.items()})
messages.define(
    {
        "reason.requirement_name_taken": ("已有同名的达标规则", "another requirement has this name"),
        "reason.requirement_unknown_value": (
            "不是有效的选项（可选：{choices}）",
            "is not one of the choices ({choices})",
        ),
        "reason.requirement_position_missing": ("请选择岗位", "choose a position"),
        "reason.requirement_years_range": (
            "应为 1 到 {high} 之间的整数",
            "must be a whole number from 1 to {high}",
        ),
        "reason.requirement_count_range": (
            "应为 0 到 {high} 之间的整数",
            "must be a whole number from 0 to {high}",
        ),
        "reason.share_above_whole": ("比例不能超过100%", "a share cannot be above 100%"),
        "reason.share_not_positive": ("比例应大于0", "a share must be above 0"),
        "reason.slice_above_total": (
            "不能超过总{measure}要求 {total}",
            "cannot be more than the {measure} required in all ({total})",
        ),
        "reason.share_needs_total": (
            "设定占比时须同时设定最低{measure}",
            "a share needs a minimum of {measure} in all",
        ),
        "reason.shares_above_whole": (
            "同一{dimension}的占比合计为 {sum}，超过100%",
            "the shares of one {dimension} add up to {sum}, above 100%",
        ),
        "reason.slice_twice": ("同一分项设定了两次", "the same part is given twice"),
        "reason.slice_empty": ("须设定最低值或占比（只能二选一）", "give either a minimum or a share"),
        "reason.checklist_empty": (
            "已要求完成指定课程，但清单中没有课程",
            "the course checklist is a condition but lists no course",
        ),
        "reason.course_twice": ("课程编号重复", "this course code is listed twice"),
        "reason.no_condition": ("至少设定一项条件", "set at least one condition"),
        # How conditions read, in lists and on the printed report.
        "requirement.cond.min_total": ("{measure}≥{amount}", "{measure} ≥ {amount}"),
        "requirement.cond.slice_min": ("{slice}{measure}≥{amount}", "{measure} in {slice} ≥ {amount}"),
        "requirement.cond.slice_share": (
            "{slice}{measure}占比≥{share}",
            "{measure} in {slice} ≥ {share} of all",
        ),
        "requirement.cond.reflections": ("心得≥{count}篇", "reflections ≥ {count}"),
        "requirement.cond.excellent": ("优秀提交率≥{rate}", "excellent submissions ≥ {rate}"),
        "requirement.cond.courses": ("完成课程：{courses}", "courses: {courses}"),
        "requirement.period.calendar_year": ("当年", "in the year"),
        "requirement.period.last_years": ("近{years}年", "over the last {years} years"),
        "requirement.period.since_hire": ("入职以来", "since hire"),
        "slice.named": ("{slice}{measure}", "{measure} in {slice}"),
        "slice.category": ("{label}课", "{label} courses"),
        "slice.subject": ("{label}", "{label} subjects"),
        "slice.classification": ("{label}", "{label} training"),
        "slice.delivery": ("{label}课程", "{label} courses"),
        "slice.competency": ("{label}类课程", "courses on {label}"),
        "measure.hours": ("学时", "hours"),
        "measure.credits": ("学分", "credits"),
    }
)


def say(code: str, language: str | None = None, /, **params: Any) -> str:
    """A message in `language` (default: the user's): exports are always Chinese, whatever the window shows."""
    zh, en = messages.CATALOGUE[code]
    return (en if (language or messages.language()) == "en" else zh).format(**params)


# ---- how amounts, shares and slices read ------------------------------------------------------------


def amount_text(value: Decimal) -> str:
    """10.00 → "10", 6.50 → "6.5", 6.67 → "6.67"."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def share_text(share: Fraction) -> str:
    """4/5 → "80%", 1/8 → "12.5%", 2/3 → "2/3": a percentage only when it is exact with two places."""
    percent = share * 100
    if (percent * 100).denominator == 1:
        return f"{amount_text(Decimal(percent.numerator) / Decimal(percent.denominator))}%"
    return f"{share.numerator}/{share.denominator}"


def measure_text(measure: Measure, language: str | None = None) -> str:
    return say(f"measure.{measure.value}", language)


def slice_text(piece: Slice, language: str | None = None) -> str:
    """专业科目, 实践课, 团队管理类课程 / professional subjects, practice courses, courses on 团队管理."""
    values = DIMENSION_VALUES[piece.dimension]
    if values is None:
        name = piece.value
    else:
        name = label(values(piece.value), language)
        if (language or messages.language()) == "en":
            name = name.lower()
    return say(f"slice.{piece.dimension.value}", language, label=name)


_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]\s*$")
_RATIO = re.compile(r"^\s*([0-9]+)\s*[/／]\s*([0-9]+)\s*$")


def parse_share(text: str) -> Fraction | None:
    """What a clerk types for a share: "2/3", "30%", "0.3" (None when it is none of these)."""
    try:
        if found := _RATIO.match(text):
            return Fraction(int(found.group(1)), int(found.group(2))) if int(found.group(2)) else None
        if found := _PERCENT.match(text):
            return Fraction(Decimal(found.group(1))) / 100
        return Fraction(Decimal(text.strip()))
    except (InvalidOperation, ValueError):
        return None
