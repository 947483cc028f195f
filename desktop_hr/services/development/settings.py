"""The editable figures of the trainer programme and of mentoring (DOMAIN.md defaults), kept as office settings.

One record, read whole and saved whole by an administrator: contribution weights, the 优秀内训师 threshold,
the level checks, the re-certification bar and the 优秀导师 thresholds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.office_settings import get_text, put_text
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "development.settings": ("内训师与导师参数", "Trainer and mentor settings"),
        "field.weight_hours": ("授课学时权重", "Weight of hours taught"),
        "field.weight_satisfaction": ("满意度权重", "Weight of satisfaction"),
        "field.weight_uplift": ("业绩提升权重", "Weight of team uplift"),
        "field.excellent_threshold": ("优秀内训师贡献值", "Excellent trainer contribution"),
        "field.basic_hours": ("晋升中级所需基础培训学时", "Basic trainer training hours for intermediate"),
        "field.intermediate_satisfaction": ("晋升中级所需满意度", "Satisfaction for intermediate"),
        "field.specialised_hours": ("晋升高级所需专项培训学时", "Specialised training hours for senior"),
        "field.senior_uplift": ("晋升高级所需业绩提升(%)", "Team uplift (%) for senior"),
        "field.recert_years": ("复审统计年数", "Re-certification years"),
        "field.recert_hours": ("复审最低授课学时", "Re-certification minimum hours"),
        "field.recert_satisfaction": ("复审最低满意度", "Re-certification minimum satisfaction"),
        "field.mentor_hours": ("优秀导师年度带教学时", "Excellent mentor hours in a year"),
        "field.mentor_evaluation": ("优秀导师评价均分", "Excellent mentor mean evaluation"),
        "development.reason.number": ("应为数字", "should be a number"),
        "development.reason.range": ("应在 {low} 到 {high} 之间", "should be from {low} to {high}"),
        "development.reason.weights_zero": (
            "三个权重不能都为 0：贡献值将恒为 0",
            "the three weights cannot all be 0: every contribution would be 0",
        ),
    }
)

_PREFIX = "development."
_D = Decimal


@dataclass(frozen=True)
class DevelopmentSettings:
    """Every editable figure, with DOMAIN.md's defaults. Hours and percentages may have two decimals."""

    weight_hours: Decimal = Decimal("0.3")
    weight_satisfaction: Decimal = Decimal("0.4")
    weight_uplift: Decimal = Decimal("0.3")
    excellent_threshold: Decimal = Decimal("40")  # contribution value >= this: 优秀内训师
    basic_hours: Decimal = Decimal("10")  # 初级 → 中级: basic trainer training hours ...
    intermediate_satisfaction: Decimal = Decimal("85")  # ... and the year's mean satisfaction >= this
    specialised_hours: Decimal = Decimal("20")  # 中级 → 高级: specialised trainer training hours ...
    senior_uplift: Decimal = Decimal("10")  # ... and the year's team uplift (%) >= this
    recert_years: int = 2  # re-certification looks at this many years, ending with the year asked for
    recert_hours: Decimal = Decimal("8")  # listed for review below this many hours taught ...
    recert_satisfaction: Decimal = Decimal("80")  # ... or below this mean satisfaction
    mentor_hours: Decimal = Decimal("40")  # 优秀导师: >= these hours with mentees in the year ...
    mentor_evaluation: Decimal = Decimal("90")  # ... and a mean evaluation >= this

    def contribution(self, hours: Decimal, satisfaction: Decimal | None, uplift: Decimal | None) -> Decimal:
        """hours × w1 + satisfaction × w2 + uplift × w3, a missing figure counting 0; two decimals."""
        value = (
            hours * self.weight_hours
            + (satisfaction or _D(0)) * self.weight_satisfaction
            + (uplift or _D(0)) * self.weight_uplift
        )
        return value.quantize(_D("0.01"))


DEFAULTS = DevelopmentSettings()

# field -> (low, high) accepted
_RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "weight_hours": (_D(0), _D(100)),
    "weight_satisfaction": (_D(0), _D(100)),
    "weight_uplift": (_D(0), _D(100)),
    "excellent_threshold": (_D(0), _D(100000)),
    "basic_hours": (_D(0), _D(1000)),
    "intermediate_satisfaction": (_D(0), _D(100)),
    "specialised_hours": (_D(0), _D(1000)),
    "senior_uplift": (_D(-100), _D(1000)),
    "recert_years": (_D(1), _D(10)),
    "recert_hours": (_D(0), _D(1000)),
    "recert_satisfaction": (_D(0), _D(100)),
    "mentor_hours": (_D(0), _D(10000)),
    "mentor_evaluation": (_D(0), _D(100)),
}


def _parse(name: str, raw: object) -> Decimal:
    try:
        value = _D(str(raw).strip())
    except InvalidOperation as exc:
        raise ValueError(messages.text("development.reason.number")) from exc
    if not value.is_finite():
        raise ValueError(messages.text("development.reason.number"))
    low, high = _RANGES[name]
    if not low <= value <= high or value != value.quantize(_D("0.01")):
        raise ValueError(messages.text("development.reason.range", low=low, high=high))
    return value


def validate(values: dict[str, object]) -> tuple[DevelopmentSettings, list[FieldError]]:
    """The settings `values` (field -> text or number) describe, and an error per field it refuses."""
    errors: list[FieldError] = []
    parsed: dict[str, object] = {}
    for f in fields(DevelopmentSettings):
        raw = values.get(f.name, getattr(DEFAULTS, f.name))
        try:
            number = _parse(f.name, raw)
        except ValueError as exc:
            errors.append(FieldError(field=f.name, value=str(raw), reason=str(exc)))
            continue
        if f.name == "recert_years":
            if number != number.to_integral_value():
                errors.append(
                    FieldError(
                        field=f.name, value=str(raw), reason=messages.text("development.reason.number")
                    )
                )
                continue
            parsed[f.name] = int(number)
        else:
            parsed[f.name] = number
    settings = replace(DEFAULTS, **parsed)  # type: ignore[arg-type]
    if not errors and not (settings.weight_hours or settings.weight_satisfaction or settings.weight_uplift):
        errors.append(
            FieldError(
                field="weight_hours",
                value="0, 0, 0",
                reason=messages.text("development.reason.weights_zero"),
            )
        )
    return settings, errors


def load(session: Session) -> DevelopmentSettings:
    """The office's figures; a value never set (or unreadable) keeps its default."""
    found: dict[str, object] = {}
    for f in fields(DevelopmentSettings):
        stored = get_text(session, _PREFIX + f.name, "")
        if stored:
            try:
                value = _parse(f.name, stored)
            except ValueError:
                continue
            found[f.name] = int(value) if f.name == "recert_years" else value
    return replace(DEFAULTS, **found)  # type: ignore[arg-type]


def save(uow: UnitOfWork, values: dict[str, object]) -> DevelopmentSettings:
    """Validate every figure and store them all, or nothing (ValidationFailed names each refused field)."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    settings, errors = validate(values)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        for name, value in asdict(settings).items():
            put_text(uow.session, _PREFIX + name, str(value))
        uow.commit()
    return settings
