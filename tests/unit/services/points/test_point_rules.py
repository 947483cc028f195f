"""Rule versions: which applies on a day, edits in place or as a new version, enabling, presets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from training_data import building, make_people

from desktop_hr.db import Database
from desktop_hr.models import PointCategory
from desktop_hr.services.points import awards, point_rules
from desktop_hr.services.points.point_rules import RuleData, RuleRefused


def _version(db: Database, code: str, valid_to: date | None = None) -> point_rules.RuleRow:
    with db.read_session() as s:
        return next(r for r in point_rules.list_rules(s) if r.code == code and r.valid_to == valid_to)


def _use(db: Database, code: str) -> None:
    """Make the rule 'used': a ledger entry points at its version."""
    with building(db) as s:
        (person,) = make_people(s, {"00001": "甲"})
        rule = point_rules.rule_for(s, code, date(2026, 1, 1))
        assert rule is not None
        from desktop_hr.services.points.ledger import Posting, post

        post(s, Posting(person.id, rule.points, rule.category, datetime(2026, 1, 1), code, rule.id))


def test_seeded_rules_and_rule_for(db: Database) -> None:
    with db.read_session() as s:
        rules = point_rules.list_rules(s)
        assert len(rules) == 11
        assert point_rules.rule_for(s, "LATE", date(2020, 1, 1)).points == -2  # type: ignore[union-attr]
        assert point_rules.rule_for(s, "TEACH_HOUR", date(2026, 1, 1)) is None  # its preset is off
        assert point_rules.rule_for(s, "NO_SUCH", date(2026, 1, 1)) is None


def test_an_unused_rule_is_edited_in_place(db: Database) -> None:
    rule = _version(db, "TEACH_HOUR")
    assert not rule.used
    same = point_rules.save_rule(db.uow(), rule.id, replace(rule.data(), points=12, enabled=True))
    assert same == rule.id
    with db.read_session() as s:
        assert point_rules.rule_for(s, "TEACH_HOUR", date(2026, 1, 1)).points == 12  # type: ignore[union-attr]


def test_a_used_rule_needs_a_date_and_renaming_stays_in_place(db: Database) -> None:
    _use(db, "ACTION_PLAN")
    rule = _version(db, "ACTION_PLAN")
    assert rule.used
    with pytest.raises(RuleRefused, match="ACTION_PLAN"):
        point_rules.save_rule(db.uow(), rule.id, replace(rule.data(), points=25))
    renamed = point_rules.save_rule(db.uow(), rule.id, replace(rule.data(), name="提交行动计划"))
    assert renamed == rule.id
    with pytest.raises(RuleRefused):
        point_rules.save_rule(db.uow(), rule.id, replace(rule.data(), code="OTHER"))
    new_id = point_rules.save_rule(
        db.uow(), rule.id, replace(rule.data(), points=25, valid_from=date(2026, 7, 1))
    )
    assert _version(db, "ACTION_PLAN", date(2026, 6, 30)).points == 20
    assert _version(db, "ACTION_PLAN").id == new_id
    # A third version starting inside the second's dates, as a new rule, overlaps.
    with pytest.raises(RuleRefused, match="2026-08-01"):
        point_rules.save_rule(db.uow(), None, replace(rule.data(), valid_from=date(2026, 8, 1)))


def test_disabling_a_used_rule_applies_from_the_date_on(db: Database) -> None:
    _use(db, "LATE")
    rule = _version(db, "LATE")
    new_id = point_rules.set_enabled(db.uow(), rule.id, False, on_date=date(2026, 5, 1))
    assert new_id != rule.id
    with db.read_session() as s:
        assert point_rules.rule_for(s, "LATE", date(2026, 4, 30)) is not None
        assert point_rules.rule_for(s, "LATE", date(2026, 5, 1)) is None
        assert ("中层管理积分制", 6, 7) in point_rules.presets(s)


def test_presets_switch_every_rule_of_the_preset(db: Database) -> None:
    assert point_rules.switch_preset(db.uow(), "内训师激励", True, on_date=date(2026, 1, 1)) == 2
    assert point_rules.switch_preset(db.uow(), "内训师激励", True, on_date=date(2026, 1, 1)) == 0
    with db.read_session() as s:
        assert dict((p, (e, t)) for p, e, t in point_rules.presets(s))["内训师激励"] == (2, 2)
        assert point_rules.rule_for(s, awards.TEACH_HOUR, date(2026, 1, 1)) is not None


def test_dates_out_of_order_are_refused(db: Database) -> None:
    data = RuleData("X", "x", PointCategory.OTHER, 1, valid_from=date(2026, 2, 1), valid_to=date(2026, 1, 1))
    with pytest.raises(RuleRefused, match="2026-01-01"):
        point_rules.save_rule(db.uow(), None, data)
