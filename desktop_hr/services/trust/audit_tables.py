"""The security-critical tables against what the audit trail says about them.

Accounts (and their roles), office settings and point rules decide who may do what and what people earn.
Every change the program makes to them is an audit entry with its values; replaying the trail's latest
values row by row gives what each row must hold. A row that differs, one the trail never created, or one
it deleted was changed outside the program (with sqlite3 on the file, say), and `audit verify` names it.

Rows the migrations write (the office identity, the preset point rules) and the chain's own bookkeeping
(`audit.head`) are known without an entry. Bookkeeping columns (sign-in counters, times) are not compared;
secrets are compared by the digest the trail keeps of them (services/trust/redaction.py).
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desktop_hr import messages, migrations
from desktop_hr.models import Account, AuditEntry, PointRule, Setting
from desktop_hr.services.column_labels import column_label
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.trust import audit, redaction
from desktop_hr.services.trust.guard import _NOT_AUDITED
from desktop_hr.services.trust.office_identity import OFFICE_ID

messages.define(
    {
        "audit_table_changed": (
            "{what}“{name}”的{fields}与审计记录不符（记录为 {recorded}，数据库中为 {found}）：在程序之外被修改。",
            '{what} "{name}": {fields} does not match the audit trail (recorded {recorded}, found {found}): '
            "changed outside the program.",
        ),
        "audit_table_added": (
            "{what}“{name}”在审计记录中没有新增记录：在程序之外被加入。",
            '{what} "{name}" was never created through the program (no audit entry): added outside it.',
        ),
        "audit_table_removed": (
            "{what}“{name}”按审计记录应当存在，但数据库中已没有：在程序之外被删除。",
            '{what} "{name}" should exist according to the audit trail but is gone: deleted outside the program.',
        ),
        "audit_tables_intact": (
            "账号、设置和积分规则与审计记录一致。",
            "Accounts, settings and point rules match the audit trail.",
        ),
    }
)

_TABLES: dict[str, Table] = {
    "account": cast(Table, Account.__table__),
    "setting": cast(Table, Setting.__table__),
    "point_rule": cast(Table, PointRule.__table__),
}
# Settings no entry ever writes: the chain's head (written with the entries) and the office identity
# (written by migration 0010).
_UNAUDITED_SETTINGS = frozenset({audit.HEAD_KEY, OFFICE_ID})


@dataclass(frozen=True)
class Difference:
    table: str
    record: str  # the row's key as the trail names it
    name: str  # as people know it: the account's name, the setting's key, the rule's code and name
    kind: str  # changed, added, removed
    fields: tuple[str, ...] = ()
    recorded: str = ""
    found: str = ""

    def message(self) -> str:
        what = table_label(self.table)
        what = what[:1].upper() + what[1:]  # it starts the sentence in English
        if self.kind == "changed":
            labels = "、".join(column_label(self.table, f) for f in self.fields)
            return messages.text(
                "audit_table_changed",
                what=what,
                name=self.name,
                fields=labels,
                recorded=self.recorded,
                found=self.found,
            )
        return messages.text(f"audit_table_{self.kind}", what=what, name=self.name)


def _plain(value: Any) -> Any:
    """A value as an entry's JSON holds it, read back."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=audit.plain))


@cache
def _seeded_rules() -> dict[int, dict[str, Any]]:
    """The preset point rules migration 0004 inserted (ids 1..n in order), as the trail would hold them."""
    path = Path(migrations.__file__).parent / "versions" / "0004_points.py"
    spec = importlib.util.spec_from_file_location("desktop_hr_migration_0004", path)
    if spec is None or spec.loader is None:
        return {}
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    columns = ("code", "name", "category", "points", "enabled", "preset")
    return {
        number: {
            **dict(zip(columns, rule, strict=True)),
            "description": "",
            "valid_from": None,
            "valid_to": None,
        }
        for number, rule in enumerate(module.RULES, start=1)
    }


@dataclass
class _Replayed:
    values: dict[str, Any]
    complete: bool  # created in the trail (or by a migration): every column is known
    exists: bool = True


def _compared(table: Table) -> list[str]:
    pk = {column.name for column in table.primary_key.columns}
    return [c.name for c in table.columns if c.name not in _NOT_AUDITED and c.name not in pk]


def _guarded(table: str, record: str, column: str, value: Any) -> Any:
    if column in redaction.secret_in(table, record) and not redaction.is_marker(value):
        return redaction.marker(value)
    return value


def _replay(session: Session) -> dict[tuple[str, str], _Replayed]:
    state: dict[tuple[str, str], _Replayed] = {}
    for number, values in _seeded_rules().items():
        state[("point_rule", str(number))] = _Replayed(dict(values), complete=True)
    stmt = (
        select(AuditEntry.action, AuditEntry.table_name, AuditEntry.record_id, AuditEntry.changes)
        .where(AuditEntry.table_name.in_(_TABLES))
        .where(AuditEntry.action.in_((audit.Action.CREATE, audit.Action.UPDATE, audit.Action.DELETE)))
        .order_by(AuditEntry.id)
    )
    for action, table, record, changes in session.execute(stmt.execution_options(yield_per=2000)):
        try:
            parsed = json.loads(changes) if changes else {}
        except ValueError:
            continue
        if not isinstance(parsed, dict):
            continue
        after = {
            column: _guarded(table, record, column, pair[1] if isinstance(pair, list) else pair)
            for column, pair in parsed.items()
        }
        key = (table, record)
        if action == audit.Action.CREATE:
            state[key] = _Replayed(after, complete=True)
        elif action == audit.Action.DELETE:
            state[key] = _Replayed({}, complete=True, exists=False)
        else:
            found = state.setdefault(key, _Replayed({}, complete=False))
            found.values.update(after)
            found.exists = True
    return state


def _name(table: str, record: str, values: dict[str, Any]) -> str:
    if table == "account":
        return str(values.get("name") or f"#{record}")
    if table == "point_rule":
        return " ".join(str(values[k]) for k in ("code", "name") if values.get(k)) or f"#{record}"
    return record


def _shown(table: str, column: str, value: Any) -> str:
    kind = audit.enum_of(table, column)
    if kind is not None and isinstance(value, str):
        try:
            return label(kind(value))
        except ValueError:
            return value
    return "∅" if value is None or value == "" else str(value)


def differences(session: Session) -> Iterator[Difference]:
    """Every row of the security-critical tables that is not what the trail says, table by table."""
    replayed = _replay(session)
    seen: set[tuple[str, str]] = set()
    for table_name, table in _TABLES.items():
        (pk,) = table.primary_key.columns
        columns = _compared(table)
        for row in session.execute(select(table).order_by(pk)):
            values = dict(row._mapping)
            record = str(values[pk.name])
            if table_name == "setting" and record in _UNAUDITED_SETTINGS:
                continue
            key = (table_name, record)
            seen.add(key)
            current = {c: _guarded(table_name, record, c, _plain(values[c])) for c in columns}
            expected = replayed.get(key)
            if expected is None or not expected.exists:
                yield Difference(table_name, record, _name(table_name, record, current), "added")
                continue
            differing = [
                c
                for c in columns
                if (expected.complete or c in expected.values)
                and expected.values.get(c) != redaction.MARKER_PREFIX  # an older entry kept no digest
                and expected.values.get(c) != current[c]
            ]
            if differing:
                yield Difference(
                    table_name,
                    record,
                    _name(table_name, record, current),
                    "changed",
                    tuple(differing),
                    ", ".join(_shown(table_name, c, expected.values.get(c)) for c in differing),
                    ", ".join(_shown(table_name, c, current[c]) for c in differing),
                )
    for (table_name, record), expected in replayed.items():
        if expected.exists and expected.complete and (table_name, record) not in seen:
            yield Difference(table_name, record, _name(table_name, record, expected.values), "removed")


@dataclass(frozen=True)
class TrailCheck:
    """What `audit verify` reports: the chain with its signatures, then the tables against the trail."""

    chain: audit.Verification
    differences: tuple[Difference, ...]

    @property
    def ok(self) -> bool:
        return self.chain.intact and not self.differences

    def message(self) -> str:
        lines = [self.chain.message()]
        lines += [difference.message() for difference in self.differences]
        if not self.differences and self.chain.count and self.chain.intact:
            lines.append(messages.text("audit_tables_intact"))
        return "\n".join(lines)


def check(
    session: Session,
    *,
    progress: Callable[[int, int], None] | None = None,
    keys: Mapping[str, Any] | None = None,
) -> TrailCheck:
    """The whole check `audit verify` and the audit tab run (`keys`: see audit.verify)."""
    chain = audit.verify(session, progress=progress, keys=keys)
    return TrailCheck(chain, tuple(differences(session)))
