"""Point rules as data: versions of a rule by date, enabling, presets.

A rule (code) has one or more versions, each valid over [valid_from, valid_to] (None: open-ended). A change
to a rule that has already produced ledger entries becomes a new version from a date on, the old version
closing the day before, so the past keeps the points it was given. The versions of one code never overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import PointCategory, PointEntry, PointRule
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "rule.name_required": ("规则 {code} 的名称不能为空", "Rule {code} needs a name"),
        "rule.code_required": ("规则代码不能为空", "A rule needs a code"),
        "rule.overlap": (
            "规则 {code} 的有效期 {start} 至 {end} 与已有版本 {other_start} 至 {other_end} 重叠",
            "Rule {code}: the dates {start} to {end} overlap the version from {other_start} to {other_end}",
        ),
        "rule.dates_order": (
            "规则 {code} 的截止日期 {end} 早于起始日期 {start}",
            "Rule {code}: the end {end} is before the start {start}",
        ),
        "rule.version_date_needed": (
            "规则 {code} 已产生积分记录，修改须从某一日期起生效：请填写晚于 {after} 的起始日期",
            "Rule {code} has already awarded points, so a change applies from a date on: "
            "give a start date after {after}",
        ),
        "rule.code_changed": (
            "规则 {code} 已产生积分记录，不能改代码",
            "Rule {code} has already awarded points; its code cannot change",
        ),
        "rule.open_start": ("不限", "always"),
        "rule.open_end": ("至今", "open"),
    }
)

CODE_MAX = 40
NAME_MAX = 100


class RuleRefused(DomainError):
    """A rule edit the versions cannot take (overlap, missing name or date); `code` is set per case."""

    def __init__(self, message_code: str, /, **params: object) -> None:
        self.code = message_code
        super().__init__(**params)


@dataclass(frozen=True)
class RuleData:
    """One version of a rule as the Settings page edits it."""

    code: str
    name: str
    category: PointCategory
    points: int
    enabled: bool = True
    valid_from: date | None = None  # None: since always
    valid_to: date | None = None  # None: until changed
    preset: str = ""
    description: str = ""

    def cleaned(self) -> RuleData:
        return replace(
            self,
            code=self.code.strip().upper(),
            name=self.name.strip(),
            preset=self.preset.strip(),
            description=self.description.strip(),
        )


@dataclass(frozen=True)
class RuleRow:
    """A stored version, with whether ledger entries point at it (then edits make a new version)."""

    id: int
    code: str
    name: str
    category: PointCategory
    points: int
    enabled: bool
    valid_from: date | None
    valid_to: date | None
    preset: str
    description: str
    used: bool

    def data(self) -> RuleData:
        return RuleData(
            self.code,
            self.name,
            self.category,
            self.points,
            self.enabled,
            self.valid_from,
            self.valid_to,
            self.preset,
            self.description,
        )

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def _row(rule: PointRule, used: bool) -> RuleRow:
    return RuleRow(
        rule.id,
        rule.code,
        rule.name,
        rule.category,
        rule.points,
        rule.enabled,
        rule.valid_from,
        rule.valid_to,
        rule.preset,
        rule.description,
        used,
    )


def _used_ids(session: Session, rule_ids: Iterable[int] | None = None) -> set[int]:
    stmt = select(PointEntry.rule_id).where(PointEntry.rule_id.is_not(None)).distinct()
    if rule_ids is not None:
        stmt = stmt.where(PointEntry.rule_id.in_(list(rule_ids)))
    return {int(i) for i in session.scalars(stmt) if i is not None}


def list_rules(session: Session) -> list[RuleRow]:
    """Every version of every rule: by preset, code, then oldest version first."""
    rules = session.scalars(select(PointRule)).all()
    used = _used_ids(session)
    rows = [_row(rule, rule.id in used) for rule in rules]
    return sorted(rows, key=lambda r: (r.preset, r.code, r.valid_from or date.min))


def versions_of(session: Session, code: str) -> list[PointRule]:
    return list(session.scalars(select(PointRule).where(PointRule.code == code)))


class RuleBook:
    """Every version of some codes, loaded once: which version applies to an event on a given day."""

    def __init__(self, versions: Iterable[PointRule]) -> None:
        self._by_code: dict[str, list[RuleRow]] = {}
        for rule in versions:
            self._by_code.setdefault(rule.code, []).append(_row(rule, False))

    @classmethod
    def load(cls, session: Session, codes: Iterable[str]) -> RuleBook:
        return cls(session.scalars(select(PointRule).where(PointRule.code.in_(sorted(set(codes))))))

    def rule_for(self, code: str, on_date: date) -> RuleRow | None:
        """The version of `code` whose dates contain `on_date` if it is enabled, else None."""
        for version in self._by_code.get(code, ()):
            if version.covers(on_date):
                return version if version.enabled else None
        return None

    def ever_enabled(self, code: str) -> bool:
        return any(v.enabled for v in self._by_code.get(code, ()))


def rule_for(session: Session, code: str, on_date: date) -> PointRule | None:
    """The enabled version of `code` whose dates contain `on_date`; None when none (or it is disabled)."""
    found = RuleBook(versions_of(session, code)).rule_for(code, on_date)
    return None if found is None else session.get(PointRule, found.id)


def _shown(day: date | None, open_code: str) -> str:
    return day.isoformat() if day is not None else messages.text(open_code)


def _overlaps(a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None) -> bool:
    return (a_to is None or b_from is None or b_from <= a_to) and (
        b_to is None or a_from is None or a_from <= b_to
    )


def _check(session: Session, data: RuleData, ignore: set[int]) -> None:
    if not data.code:
        raise RuleRefused("rule.code_required")
    if not data.name:
        raise RuleRefused("rule.name_required", code=data.code)
    if data.valid_from is not None and data.valid_to is not None and data.valid_to < data.valid_from:
        raise RuleRefused(
            "rule.dates_order",
            code=data.code,
            start=data.valid_from.isoformat(),
            end=data.valid_to.isoformat(),
        )
    for other in versions_of(session, data.code):
        if other.id in ignore:
            continue
        if _overlaps(data.valid_from, data.valid_to, other.valid_from, other.valid_to):
            raise RuleRefused(
                "rule.overlap",
                code=data.code,
                start=_shown(data.valid_from, "rule.open_start"),
                end=_shown(data.valid_to, "rule.open_end"),
                other_start=_shown(other.valid_from, "rule.open_start"),
                other_end=_shown(other.valid_to, "rule.open_end"),
            )


def _apply(rule: PointRule, data: RuleData) -> None:
    rule.code = data.code
    rule.name = data.name[:NAME_MAX]
    rule.category = data.category
    rule.points = data.points
    rule.enabled = data.enabled
    rule.valid_from = data.valid_from
    rule.valid_to = data.valid_to
    rule.preset = data.preset
    rule.description = data.description


def _effective(data: RuleData) -> tuple[object, ...]:
    """What decides awards: a change here, on a used version, needs a new version."""
    return (data.category, data.points, data.enabled, data.valid_from)


def _save(session: Session, rule_id: int | None, data: RuleData) -> int:
    if rule_id is None:
        _check(session, data, set())
        rule = PointRule()
        _apply(rule, data)
        session.add(rule)
        session.flush()
        return rule.id
    rule = get_or_raise(session, PointRule, rule_id)
    old = _row(rule, bool(_used_ids(session, [rule.id])))
    if old.used and data.code != old.code:
        raise RuleRefused("rule.code_changed", code=old.code)
    if not old.used or _effective(old.data()) == _effective(data):
        _check(session, data, {rule.id})
        _apply(rule, data)
        session.flush()
        return rule.id
    # Used, and what it awards changes: a new version from data.valid_from, the old one closing before it.
    after = old.valid_from.isoformat() if old.valid_from else messages.text("rule.open_start")
    if data.valid_from is None or (old.valid_from is not None and data.valid_from <= old.valid_from):
        raise RuleRefused("rule.version_date_needed", code=old.code, after=after)
    closing = data.valid_from - timedelta(days=1)
    if old.valid_to is not None and old.valid_to < closing:
        # The old version had ended already: the new one stands on its own dates.
        _check(session, data, set())
    else:
        _check(session, data, {rule.id})
        rule.valid_to = closing
    new = PointRule()
    _apply(new, data)
    session.add(new)
    session.flush()
    return new.id


def save_rule(uow: UnitOfWork, rule_id: int | None, data: RuleData) -> int:
    """Create a rule (version), or edit one; returns the id of the version that now holds `data`.

    Editing a version that already produced ledger entries changes nothing it awarded: when the points,
    category or enabling change, `data.valid_from` (after the old version's start) starts a new version
    and the old one ends the day before. Name and description changes are made in place.
    """
    require(uow.principal, Permission.EDIT_SETTINGS)
    data = data.cleaned()
    with uow:
        new_id = _save(uow.session, rule_id, data)
        uow.commit()
        return new_id


def _set_enabled(session: Session, rule: PointRule, enabled: bool, on_date: date) -> int:
    if rule.enabled == enabled:
        return rule.id
    data = replace(_row(rule, False).data(), enabled=enabled)
    if _used_ids(session, [rule.id]):
        data = replace(data, valid_from=on_date)  # from that day on; refused if not after the version's start
    return _save(session, rule.id, data)


def set_enabled(uow: UnitOfWork, rule_id: int, enabled: bool, *, on_date: date) -> int:
    """Switch one version on or off; when it already awarded points, only from `on_date` on (a new version)."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    with uow:
        session = uow.session
        new_id = _set_enabled(session, get_or_raise(session, PointRule, rule_id), enabled, on_date)
        uow.commit()
        return new_id


def _current(session: Session, preset: str | None = None) -> list[PointRule]:
    """The open-ended version of every code (the one a change applies to), optionally of one preset."""
    stmt = select(PointRule).where(PointRule.valid_to.is_(None))
    if preset is not None:
        stmt = stmt.where(PointRule.preset == preset)
    return list(session.scalars(stmt.order_by(PointRule.code)))


def presets(session: Session) -> list[tuple[str, int, int]]:
    """(preset, rules enabled now, rules) for every preset, by name; counts the open-ended versions."""
    counts: dict[str, list[int]] = {}
    for rule in _current(session):
        if not rule.preset:
            continue
        pair = counts.setdefault(rule.preset, [0, 0])
        pair[0] += int(rule.enabled)
        pair[1] += 1
    return [(name, enabled, total) for name, (enabled, total) in sorted(counts.items())]


def switch_preset(uow: UnitOfWork, preset: str, enabled: bool, *, on_date: date) -> int:
    """Switch every rule of `preset` on or off (from `on_date` for rules that already awarded points);
    returns how many rules changed."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    with uow:
        session = uow.session
        changed = 0
        for rule in _current(session, preset):
            if rule.enabled != enabled:
                _set_enabled(session, rule, enabled, on_date)
                changed += 1
        uow.commit()
        return changed
