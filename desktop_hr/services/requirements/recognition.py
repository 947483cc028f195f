"""The credit-recognition table (学时认定): learning forms and the 学时 a unit of each gives, edited by the office.

Applied when a historical record is saved (by hand or by import): a record with a learning form, a
quantity and no 学时 gets quantity × 学时 per unit; a record whose 学时 were entered keeps them. A change
of the table therefore applies to records saved after it and never rewrites those already entered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import StillReferenced
from desktop_hr.models import RecognitionRule, TrainingRecord
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.labels import fold, table_label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.trust.permissions import Permission, require

CODE_MAX = 40
NAME_MAX = 100
UNIT_MAX = 20
_CODE = re.compile(r"^[A-Z0-9_]+$")

# The two fields a historical record gains (history.py lists them with its other fields).
LEARNING_FORM_LABELS: dict[str, tuple[str, str]] = {
    "record_learning_form": ("学习形式", "Learning form"),
    "record_quantity": ("数量", "Quantity"),
}
messages.define({f"field.{key}": pair for key, pair in LEARNING_FORM_LABELS.items()})
messages.define(
    {
        "field.recognition_code": ("代码", "Code"),
        "field.recognition_name": ("学习形式", "Learning form"),
        "field.recognition_hours": ("每单位学时", "Hours per unit"),
        "field.recognition_unit": ("单位", "Unit"),
        "reason.recognition_code_format": (
            "只能包含大写字母、数字和下划线",
            "may only contain capital letters, digits and underscores",
        ),
        "reason.recognition_code_taken": ("已被学习形式“{name}”使用", 'is already used by "{name}"'),
        "reason.recognition_name_taken": ("已有同名的学习形式", "another learning form has this name"),
        "reason.recognition_code_used": (
            "已有 {count} 条培训记录使用该学习形式，代码不能再改",
            "{count} training record(s) use this learning form: its code cannot change",
        ),
        "reason.unknown_learning_form": (
            "不是学时认定表中的学习形式（可填：{choices}）",
            "is not a learning form of the recognition table (one of: {choices})",
        ),
        "reason.inactive_learning_form": ("该学习形式已停用", "this learning form is no longer in use"),
        "reason.quantity_needs_form": ("填写数量时须同时填写学习形式", "a quantity needs a learning form"),
        "reason.form_needs_quantity": (
            "未填学时时须填写数量，以便按学时认定表折算",
            "without hours, give a quantity so the recognition table can convert it",
        ),
        "reason.recognised_too_large": (
            "折算后为 {hours} 学时，超过 {limit}",
            "converts to {hours} hours, more than {limit}",
        ),
        "recognition.as_recorded": ("按记录学时", "as recorded"),
    }
)


@dataclass(frozen=True)
class RecognitionData:
    """One line of the table as the settings page edits it."""

    code: str
    name: str
    hours_per_unit: Decimal | None  # None: the quantity is in 学时 already (online learning, as recorded)
    unit: str = ""
    active: bool = True
    description: str = ""

    def cleaned(self) -> RecognitionData:
        changes: dict[str, Any] = validation.trimmed_text(self)
        changes["code"] = changes["code"].upper()
        changes["hours_per_unit"] = validation.with_cents(self.hours_per_unit)
        return replace(self, **changes)


@dataclass(frozen=True)
class RecognitionRow:
    id: int
    code: str
    name: str
    hours_per_unit: Decimal | None
    unit: str
    active: bool
    description: str
    used: int  # historical records that name it

    def data(self) -> RecognitionData:
        return RecognitionData(
            self.code, self.name, self.hours_per_unit, self.unit, self.active, self.description
        )

    def hours_for(self, quantity: Decimal) -> Decimal:
        """The 学时 `quantity` units give, to the hundredth (half up)."""
        if self.hours_per_unit is None:
            return Decimal(quantity).quantize(validation.CENT, ROUND_HALF_UP)
        return (Decimal(quantity) * self.hours_per_unit).quantize(validation.CENT, ROUND_HALF_UP)


def _use_counts(session: Session) -> dict[str, int]:
    return {
        str(code): int(count)
        for code, count in session.execute(
            select(TrainingRecord.learning_form, func.count())
            .where(TrainingRecord.learning_form.is_not(None))
            .group_by(TrainingRecord.learning_form)
        )
    }


def list_recognition(session: Session) -> list[RecognitionRow]:
    """The table in the order it was set up (the shipped defaults first)."""
    used = _use_counts(session)
    return [
        RecognitionRow(
            r.id, r.code, r.name, r.hours_per_unit, r.unit, r.active, r.description, used.get(r.code, 0)
        )
        for r in session.scalars(select(RecognitionRule).order_by(RecognitionRule.id))
    ]


def validate_recognition(data: RecognitionData) -> list[FieldError]:
    errors: list[FieldError] = []
    if not data.code:
        errors.append(FieldError("recognition_code", "", messages.text("reason.required")))
    elif len(data.code) > CODE_MAX:
        errors.append(
            FieldError("recognition_code", data.code, messages.text("reason.too_long", limit=CODE_MAX))
        )
    elif not _CODE.match(data.code):
        errors.append(
            FieldError("recognition_code", data.code, messages.text("reason.recognition_code_format"))
        )
    if not data.name:
        errors.append(FieldError("recognition_name", "", messages.text("reason.required")))
    elif len(data.name) > NAME_MAX:
        errors.append(
            FieldError("recognition_name", data.name, messages.text("reason.too_long", limit=NAME_MAX))
        )
    if data.hours_per_unit is not None:
        problem = validation.amount_problem(Decimal(data.hours_per_unit))
        if problem:
            errors.append(FieldError("recognition_hours", str(data.hours_per_unit), problem))
    if len(data.unit) > UNIT_MAX:
        errors.append(
            FieldError("recognition_unit", data.unit, messages.text("reason.too_long", limit=UNIT_MAX))
        )
    return errors


def save_recognition(uow: UnitOfWork, data: RecognitionData, rule_id: int | None = None) -> int:
    """Add a line to the table (`rule_id` None) or change one; returns its id.

    Records already saved keep their 学时. A line's code cannot change once records use it.
    """
    require(uow.principal, Permission.EDIT_REQUIREMENTS)
    data = data.cleaned()
    with uow:
        session = uow.session
        rule = RecognitionRule() if rule_id is None else get_or_raise(session, RecognitionRule, rule_id)
        errors = validate_recognition(data)
        if data.code or data.name:
            for other_id, code, name in session.execute(
                select(RecognitionRule.id, RecognitionRule.code, RecognitionRule.name).where(
                    (RecognitionRule.code == data.code) | (RecognitionRule.name == data.name)
                )
            ):
                if other_id == rule_id:
                    continue
                if data.code and code == data.code:
                    errors.append(
                        FieldError(
                            "recognition_code",
                            data.code,
                            messages.text("reason.recognition_code_taken", name=name),
                        )
                    )
                if data.name and name == data.name:
                    errors.append(
                        FieldError(
                            "recognition_name", data.name, messages.text("reason.recognition_name_taken")
                        )
                    )
        if rule_id is not None and rule.code != data.code:
            used = _use_counts(session).get(rule.code, 0)
            if used:
                errors.append(
                    FieldError(
                        "recognition_code",
                        data.code,
                        messages.text("reason.recognition_code_used", count=used),
                    )
                )
        if errors:
            raise ValidationFailed(errors)
        rule.code, rule.name, rule.hours_per_unit = data.code, data.name, data.hours_per_unit
        rule.unit, rule.active, rule.description = data.unit, data.active, data.description
        session.add(rule)
        session.flush()
        uow.commit()
        return rule.id


def delete_recognition(uow: UnitOfWork, rule_id: int) -> RecognitionData:
    """Remove a line no record uses (one in use can be switched off instead); returns what it held."""
    require(uow.principal, Permission.EDIT_REQUIREMENTS)
    with uow:
        session = uow.session
        rule = get_or_raise(session, RecognitionRule, rule_id)
        used = _use_counts(session).get(rule.code, 0)
        if used:
            raise StillReferenced(
                what=table_label("recognition_rule"),
                name=rule.name,
                count=used,
                by=table_label("training_record"),
            )
        data = RecognitionData(
            rule.code, rule.name, rule.hours_per_unit, rule.unit, rule.active, rule.description
        )
        session.delete(rule)
        uow.commit()
        return data


class RecognitionTable:
    """The table as loaded once for a dialog or an import: finds a learning form as a clerk writes it."""

    def __init__(self, rows: Iterable[RecognitionRow]) -> None:
        self.rows = list(rows)
        self._by_spelling: dict[str, RecognitionRow] = {}
        for row in self.rows:
            self._by_spelling.setdefault(fold(row.code), row)
            self._by_spelling.setdefault(fold(row.name), row)

    @classmethod
    def load(cls, session: Session) -> RecognitionTable:
        return cls(list_recognition(session))

    def find(self, text: str | None) -> RecognitionRow | None:
        """The line called `text` (its name or code, spaces and width folded), else None."""
        if not text:
            return None
        return self._by_spelling.get(fold(text))

    def choices(self) -> str:
        return "/".join(row.name for row in self.rows if row.active)

    def apply(
        self, form: str | None, quantity: Decimal | None, hours: Decimal, *, current_form: str | None = None
    ) -> tuple[str | None, Decimal, list[FieldError]]:
        """(learning form code, the record's 学时, problems) for what a clerk entered on a historical record.

        `hours` other than zero were entered and are kept (negative ones are refused by the record's own
        checks); at zero, a form and a quantity give them.
        `current_form` is the code the record already has: a switched-off form stays valid on it.
        """
        errors: list[FieldError] = []
        if quantity is not None:
            problem = validation.amount_problem(Decimal(quantity))
            if problem:
                errors.append(FieldError("record_quantity", str(quantity), problem))
        if not form:
            if quantity is not None:
                errors.append(
                    FieldError("record_learning_form", "", messages.text("reason.quantity_needs_form"))
                )
            return None, hours, errors
        row = self.find(form)
        if row is None:
            errors.append(
                FieldError(
                    "record_learning_form",
                    form,
                    messages.text("reason.unknown_learning_form", choices=self.choices()),
                )
            )
            return None, hours, errors
        if not row.active and row.code != current_form:
            errors.append(
                FieldError("record_learning_form", form, messages.text("reason.inactive_learning_form"))
            )
        if hours != 0 or errors:
            return row.code, hours, errors
        if quantity is None:
            errors.append(
                FieldError("record_learning_form", form, messages.text("reason.form_needs_quantity"))
            )
            return row.code, hours, errors
        recognised = row.hours_for(quantity)
        if recognised > validation.AMOUNT_MAX:
            errors.append(
                FieldError(
                    "record_quantity",
                    str(quantity),
                    messages.text(
                        "reason.recognised_too_large", hours=recognised, limit=validation.AMOUNT_MAX
                    ),
                )
            )
        return row.code, recognised, errors
