"""The trainer programme's and mentoring's figures: DOMAIN.md's defaults, saved whole by an administrator, bad
values refused field by field with nothing written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.development import settings
from desktop_hr.services.trust.permissions import PermissionDenied, Principal


def _load(db: Database) -> settings.DevelopmentSettings:
    with db.read_session() as session:
        return settings.load(session)


def test_a_new_office_has_the_defaults_of_domain_md(db: Database) -> None:
    figures = _load(db)
    assert (figures.weight_hours, figures.weight_satisfaction, figures.weight_uplift) == (
        Decimal("0.3"),
        Decimal("0.4"),
        Decimal("0.3"),
    )
    assert figures.excellent_threshold == 40
    assert (figures.basic_hours, figures.intermediate_satisfaction) == (10, 85)
    assert (figures.specialised_hours, figures.senior_uplift) == (20, 10)
    assert (figures.recert_years, figures.recert_hours, figures.recert_satisfaction) == (2, 8, 80)
    assert (figures.mentor_hours, figures.mentor_evaluation) == (40, 90)


def test_the_contribution_value_weighs_hours_satisfaction_and_uplift() -> None:
    # 20 h × 0.3 + 90 × 0.4 + 12.5 % × 0.3 = 6 + 36 + 3.75
    assert settings.DEFAULTS.contribution(Decimal(20), Decimal(90), Decimal("12.5")) == Decimal("45.75")
    # A trainer without feedback or uplift counts them as 0.
    assert settings.DEFAULTS.contribution(Decimal(8), None, None) == Decimal("2.40")


def test_saved_figures_are_read_back_and_change_the_contribution(db: Database) -> None:
    settings.save(db.uow(), {"weight_hours": "1", "weight_satisfaction": "0", "excellent_threshold": "50.5"})
    figures = _load(db)
    assert figures.weight_hours == 1 and figures.weight_satisfaction == 0
    assert figures.weight_uplift == Decimal("0.3")  # not given: kept at its default
    assert figures.excellent_threshold == Decimal("50.5")
    assert figures.contribution(Decimal(30), Decimal(95), Decimal(10)) == Decimal("33.00")


@pytest.mark.parametrize(
    ("values", "field", "shown"),
    [
        ({"weight_hours": "0", "weight_satisfaction": "0", "weight_uplift": "0"}, "weight_hours", "0, 0, 0"),
        ({"weight_uplift": "-0.1"}, "weight_uplift", "-0.1"),
        ({"intermediate_satisfaction": "101"}, "intermediate_satisfaction", "101"),
        ({"basic_hours": "十"}, "basic_hours", "十"),
        ({"recert_years": "1.5"}, "recert_years", "1.5"),
        ({"mentor_hours": "40.005"}, "mentor_hours", "40.005"),
        ({"senior_uplift": "NaN"}, "senior_uplift", "NaN"),
    ],
)
def test_bad_figures_are_refused_by_field_and_nothing_is_written(
    db: Database, values: dict[str, object], field: str, shown: str
) -> None:
    settings.save(db.uow(), {"excellent_threshold": "45"})
    with pytest.raises(ValidationFailed) as refused:
        settings.save(db.uow(), {**values, "excellent_threshold": "60"})
    assert [(e.field, e.value) for e in refused.value.errors] == [(field, shown)]
    assert shown in str(refused.value)
    assert _load(db).excellent_threshold == 45  # the good value of the same save was not written either


def test_only_an_administrator_changes_them(db: Database) -> None:
    db.principal = Principal(name="clerk", role=Role.CLERK)
    with pytest.raises(PermissionDenied):
        settings.save(db.uow(), {"excellent_threshold": "10"})
    assert _load(db).excellent_threshold == 40
