"""The audit trail: append-only entries, each carrying the hash of the one before.

Entries are collected during a transaction (by the unit-of-work guard for every row written, and
by `record()` for sign-ins, prints, exports and backups) and chained on commit, under the write
lock, so the chain never forks. `verify()` recomputes the chain: an entry edited, inserted or
deleted outside the program breaks it, and the first broken entry is named.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, Select, Table, func, insert, or_, select, update
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from desktop_hr.db import Database

from desktop_hr import messages
from desktop_hr.models import AuditEntry, Base, Setting
from desktop_hr.models.base import utcnow
from desktop_hr.services.column_labels import REFERENCES, column_label
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.lookup import contains_pattern
from desktop_hr.services.trust import checkpoints, redaction
from desktop_hr.services.trust.keys import current_key_id

messages.define(
    {
        "audit_intact": (
            "审计记录完整：共 {count} 条，末条 #{last}，校验值 {head}",
            "The audit trail is intact: {count} entries, last #{last}, hash {head}",
        ),
        "audit_empty": ("审计记录为空。", "The audit trail is empty."),
        "audit_broken": (
            "审计记录已被篡改：第 #{entry} 条{problem}",
            "The audit trail has been tampered with: entry #{entry} {problem}",
        ),
        "audit_problem_hash": ("的内容与其校验值不符（被修改过）", "does not match its hash (it was edited)"),
        "audit_problem_link": (
            "与前一条的链接断开（前一条被修改或删除）",
            "no longer links to the entry before it (that one was edited or deleted)",
        ),
        "audit_problem_gap": (
            "之前缺少记录 #{first}–#{last}（被删除）",
            "follows a gap: entries #{first}–#{last} before it were deleted",
        ),
        "audit_problem_head": (
            "之后的记录被删除（最后一条与登记的末条不符）",
            "is the last, but later entries were deleted (the recorded head is #{head})",
        ),
        "audit_export_summary": ("{what}：{rows} 行 → {path}", "{what}: {rows} row(s) → {path}"),
        "audit_change_line": ("{field}：{before} → {after}", "{field}: {before} → {after}"),
        "audit_yes": ("是", "yes"),
        "audit_no": ("否", "no"),
    }
)

# The tables whose rows the trail names (audit_names reads the names).
NAMED_TABLES = frozenset(REFERENCES.values())
_AUDIT_TABLE = cast(Table, AuditEntry.__table__)
_SETTING_TABLE = cast(Table, Setting.__table__)
GENESIS = "0" * 64
HEAD_KEY = "audit.head"  # "id:hash" of the last entry, written with it
PENDING = "audit_pending"  # session.info key: entries of the open transaction
# Lock key for PostgreSQL: one writer at a time appends to the chain.
_PG_LOCK = 0x61756469


class Action:
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SIGN_IN = "login"
    SIGN_IN_FAILED = "login_failed"
    SIGN_OUT = "logout"
    PRINT = "print"
    EXPORT = "export"
    IMPORT = "import"
    BACKUP = "backup"
    RESTORE = "restore"
    PASSWORD = "password"
    MAIL = "mail"  # mail sent through the office's server (reminder notices): to whom, the outcome


ACTION_LABELS: dict[str, tuple[str, str]] = {
    Action.CREATE: ("新增", "create"),
    Action.UPDATE: ("修改", "change"),
    Action.DELETE: ("删除", "delete"),
    Action.SIGN_IN: ("登录", "sign in"),
    Action.SIGN_IN_FAILED: ("登录失败", "failed sign-in"),
    Action.SIGN_OUT: ("退出", "sign out"),
    Action.PRINT: ("打印", "print"),
    Action.EXPORT: ("导出", "export"),
    Action.IMPORT: ("导入", "import"),
    Action.BACKUP: ("备份", "backup"),
    Action.RESTORE: ("恢复", "restore"),
    Action.PASSWORD: ("密码", "password"),
    Action.MAIL: ("发送邮件", "e-mail"),
}


def action_label(action: str) -> str:
    zh, en = ACTION_LABELS.get(action, (action, action))
    return en if messages.language() == "en" else zh


def plain(value: Any) -> Any:
    """A value as it goes into an entry's JSON: stable across databases and runs."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} bytes>"
    if hasattr(value, "value"):  # enum
        return plain(value.value)
    return str(value)


@dataclass
class Pending:
    """An entry waiting for its transaction to commit."""

    action: str
    account: str
    table_name: str = ""
    record_id: str = ""
    summary: str = ""
    changes: dict[str, list[Any]] = field(default_factory=dict)
    reason: str = ""


@dataclass
class PendingRows:
    """The entries of one bulk INSERT, one per row, waiting for the commit as the database returned them: the
    shared parts once and each row as a plain tuple, serialised and hashed only when the chain is written
    (an import writes a hundred thousand; a dict of changes per row cost more than the rows themselves).
    Each entry's changes are {column: [null, value]} for the `audited` columns whose value is not None:
    the same text `record` would have stored."""

    action: str
    account: str
    table_name: str
    columns: tuple[str, ...]  # the name of each value of a row
    rows: Sequence[Sequence[Any]]  # plain tuples, or the database's rows as returned
    audited: tuple[str, ...]  # the columns that go into an entry's changes
    record_column: str | None  # the column naming the record (its id), None: the entries name none
    summary: Callable[[Sequence[Any]], str]  # a few words naming a row
    reason_column: str | None = None


# One encoder for every entry: json.dumps with options builds a new one per call.
_CHANGES_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=plain)


def _json(changes: dict[str, list[Any]]) -> str:
    return _CHANGES_ENCODER.encode(changes)


def pending(session: Session) -> list[Pending]:
    """The single entries of the open transaction (those of bulk statements are not listed)."""
    return [entry for entry in _queue(session) if isinstance(entry, Pending)]


def pending_tables(session: Session) -> set[str]:
    """The tables the open transaction's entries name ("" for an entry about no table)."""
    return {entry.table_name for entry in _queue(session)}


def _queue(session: Session) -> list[Pending | PendingRows]:
    found: list[Pending | PendingRows] = session.info.setdefault(PENDING, [])
    return found


def record(
    session: Session,
    action: str,
    *,
    account: str,
    table_name: str = "",
    record_id: object = "",
    summary: str = "",
    reason: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> None:
    """Add an entry to the open transaction; it is written (and chained) when that commits. A secret among
    `changes` (a password hash, a secret setting's value) is written as a marker, never in the clear."""
    key = str(record_id or "")
    if changes and table_name in ("setting", "account"):
        changes = redaction.redact_changes(table_name, key, changes)
    _queue(session).append(Pending(action, account, table_name, key, summary[:200], changes or {}, reason))


def record_rows(session: Session, rows: PendingRows) -> None:
    """Add the entries of a bulk statement, one per row, to the open transaction."""
    if rows.rows:
        _queue(session).append(rows)


def _canonical(row: dict[str, Any]) -> bytes:
    fields = [
        row["id"],
        row["at"].isoformat(timespec="microseconds"),
        row["account"],
        row["action"],
        row["table_name"],
        row["record_id"],
        row["summary"],
        row["changes"],
        row["reason"],
        row["prev_hash"],
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(row: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(row)).hexdigest()


def _head(session: Session) -> tuple[int, str]:
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


# ---------------------------------------------------------------- chaining (the text _canonical hashes)

# An entry's fields as JSON text, built by hand: the same text json.dumps gives in _canonical and _json
# (tests/unit/services/trust/test_audit_chain.py holds them to it), a few times faster over many entries.
_quoted = json.encoder.encode_basestring  # the C function json.dumps uses for every str (ensure_ascii=False)


def _datetime_text(value: datetime) -> str:
    return _quoted(value.isoformat())


_VALUE_TEXT: dict[type, Callable[[Any], str]] = {
    str: _quoted,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    datetime: _datetime_text,
    date: _datetime_text,
}


def _other_text(value: Any) -> str:
    """A value of a type _VALUE_TEXT does not list, as _json writes it."""
    if isinstance(value, str):  # a str enum: json writes its text
        return _quoted(value)
    return _CHANGES_ENCODER.encode(value)


def _created_changes(audited: list[tuple[str, int]], values: Sequence[Any]) -> str:
    """_json({column: [None, value]}) of a created row's audited columns that hold a value."""
    text_of = _VALUE_TEXT.get
    parts = [
        prefix + text_of(type(value), _other_text)(value) + "]"
        for prefix, i in audited
        if (value := values[i]) is not None
    ]
    return "{" + ", ".join(parts) + "}" if parts else ""


def _entries(entries: list[Pending | PendingRows]) -> Iterator[tuple[str, str, str, str, str, str, str]]:
    """(account, action, table, record id, summary, changes, reason) of every entry, as stored, in order."""
    for entry in entries:
        if isinstance(entry, Pending):
            yield (
                entry.account[:50],
                entry.action,
                entry.table_name[:40],
                entry.record_id[:40],
                entry.summary[:200],
                _json(entry.changes) if entry.changes else "",
                entry.reason,
            )
            continue
        index = {name: i for i, name in enumerate(entry.columns)}
        audited = [(f"{_quoted(name)}: [null, ", index[name]) for name in sorted(entry.audited)]
        record = index.get(entry.record_column) if entry.record_column else None
        reason = index.get(entry.reason_column) if entry.reason_column else None
        account, action, table = entry.account[:50], entry.action, entry.table_name[:40]
        summary = entry.summary
        for values in entry.rows:
            yield (
                account,
                action,
                table,
                str(values[record] or "")[:40] if record is not None else "",
                summary(values)[:200],
                _created_changes(audited, values),
                str(values[reason] or "") if reason is not None else "",
            )


_INSERT_CHUNK = 2000
_COLUMNS = ("id", "at", "account", "action", "table_name", "record_id", "summary", "changes", "reason")


TRAIL_WRITE = "desktop_hr_trail_write"  # execution option marking the trail's own driver-level insert


def _writer(conn: Connection) -> Callable[[list[tuple[Any, ...]]], None]:
    """Writes chained entries (tuples in _COLUMNS + prev_hash, hash order) through the driver's executemany:
    SQLAlchemy's per-row parameter processing cost as much as hashing them. `at` goes through its column
    type once, as a constant."""
    dialect = conn.dialect
    names = [*_COLUMNS, "prev_hash", "hash"]
    marks = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
    if marks is None:  # a driver of another style: the statement as SQLAlchemy writes it

        def write_rows(rows: list[tuple[Any, ...]]) -> None:
            conn.execute(insert(_AUDIT_TABLE), [dict(zip(names, row, strict=True)) for row in rows])

        return write_rows
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(_AUDIT_TABLE.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([marks] * len(names))})"
    )

    def write(rows: list[tuple[Any, ...]]) -> None:
        # The guard refuses SQL text on a session's connection, except this statement of the trail's own.
        conn.exec_driver_sql(sql, rows, execution_options={TRAIL_WRITE: True})

    return write


def append_pending(session: Session) -> int:
    """Chain and write the transaction's entries (called just before it commits). Returns how many."""
    entries: list[Pending | PendingRows] = session.info.pop(PENDING, [])
    if not entries:
        return 0
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_LOCK)))  # no SQL text: the guard refuses it
    last_id, last_hash = _anchor(session)
    now = utcnow()
    process = _AUDIT_TABLE.c.at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    stored_at = process(now) if process is not None else now
    at_text = "," + _quoted(now.isoformat(timespec="microseconds")) + ","
    write = _writer(conn)
    first_id = last_id
    chunk: list[tuple[Any, ...]] = []
    for account, action, table_name, record_id, summary, changes, reason in _entries(entries):
        last_id += 1
        canonical = (
            f"[{last_id}{at_text}{_quoted(account)},{_quoted(action)},{_quoted(table_name)},"
            f'{_quoted(record_id)},{_quoted(summary)},{_quoted(changes)},{_quoted(reason)},"{last_hash}"]'
        )
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        chunk.append(
            (
                last_id,
                stored_at,
                account,
                action,
                table_name,
                record_id,
                summary,
                changes,
                reason,
                last_hash,
                digest,
            )
        )
        last_hash = digest
        if len(chunk) == _INSERT_CHUNK:
            write(chunk)
            chunk = []
    if chunk:
        write(chunk)
    head = f"{last_id}:{last_hash}"
    if not conn.execute(update(_SETTING_TABLE).where(Setting.key == HEAD_KEY).values(value=head)).rowcount:
        conn.execute(insert(_SETTING_TABLE).values(key=HEAD_KEY, value=head))
    return last_id - first_id


def discard_pending(session: Session) -> None:
    session.info.pop(PENDING, None)


# ---------------------------------------------------------------- verification


@dataclass(frozen=True)
class Verification:
    intact: bool
    count: int
    last_id: int
    head_hash: str
    broken_id: int | None = None
    # hash, link, gap, head; signature, checkpoint_hash, key, checkpoint_missing, unsigned (checkpoints.py)
    problem: str = ""
    signed_through: int = 0  # the last entry a valid signature of the office key covers
    late: tuple[tuple[int, int], ...] = ()  # entries first signed long after they were written
    database_only_keys: tuple[str, ...] = ()  # keys found only in the database, not in a key file

    def message(self) -> str:
        if self.intact:
            if not self.count:
                return messages.text("audit_empty")
            lines = [
                messages.text("audit_intact", count=self.count, last=self.last_id, head=self.head_hash[:16])
            ]
            if self.signed_through < self.last_id:
                lines.append(messages.text("audit_note_never_signed"))
            for first, last in self.late:
                lines.append(messages.text("audit_note_late", first=first, last=last))
            if self.database_only_keys:
                lines.append(messages.text("audit_note_db_keys", keys=", ".join(self.database_only_keys)))
            return "\n".join(lines)
        first = self.last_id + 1 if self.problem == "gap" else self.signed_through + 1
        last = (self.broken_id or 1) - 1 if self.problem == "gap" else self.last_id
        problem = messages.text(f"audit_problem_{self.problem}", head=self.last_id, first=first, last=last)
        return messages.text("audit_broken", entry=self.broken_id, problem=problem)


def _stored_head(session: Session) -> tuple[int, str] | None:
    value = session.scalar(select(Setting.value).where(Setting.key == HEAD_KEY))
    if not value or ":" not in value:
        return None
    number, digest = value.split(":", 1)
    return int(number), digest


def _anchor(session: Session) -> tuple[int, str]:
    """Where the next entry links: to the head the program itself last wrote (setting audit.head), numbered
    after whatever the table holds. Entries deleted from the end (or added) behind the program's back thus
    leave a gap or a broken link that `verify` names, however many entries are written after them."""
    found = _head(session)
    stored = _stored_head(session)
    if stored is None or stored == found:
        return found
    return max(found[0], stored[0]), stored[1]


def verify(
    session: Session,
    *,
    batch: int = 5000,
    progress: Callable[[int, int], None] | None = None,
    keys: Mapping[str, Any] | None = None,
) -> Verification:
    """Walk the whole chain; the first entry whose content, link or number is wrong is reported, then the
    signed checkpoints: each must sign an entry of the chain, with its hash, by the office key, and the
    last entry must be signed. `keys` (Ed25519 public keys by key id, from an exported PEM file) makes the
    check independent of the public keys stored in the database. `progress(entries checked, entries)`
    follows the walk."""
    expected_prev, expected_id, count = GENESIS, 1, 0
    total = int(session.scalar(select(func.max(AuditEntry.id))) or 0) if progress is not None else 0
    signatures = checkpoints.checker(session, keys)
    columns = [c for c in AuditEntry.__table__.columns]
    stmt = select(*columns).order_by(AuditEntry.id).execution_options(yield_per=batch)
    for found in session.execute(stmt):
        if progress is not None and count % batch == 0:
            progress(count, total)
        row = dict(found._mapping)
        if row["id"] != expected_id:
            return Verification(False, count, expected_id - 1, expected_prev, int(row["id"]), "gap")
        if row["prev_hash"] != expected_prev:
            return Verification(False, count, row["id"], expected_prev, int(row["id"]), "link")
        if entry_hash(row) != row["hash"]:
            return Verification(False, count, row["id"], expected_prev, int(row["id"]), "hash")
        if not signatures.see(row["id"], row["hash"], row["at"]) and signatures.problem is not None:
            return Verification(False, count, row["id"], expected_prev, *signatures.problem)
        expected_prev, expected_id, count = row["hash"], expected_id + 1, count + 1
    last_id = expected_id - 1
    stored = _stored_head(session)
    if stored is not None and stored != (last_id, expected_prev):
        if stored[0] > last_id:
            return Verification(False, count, stored[0], expected_prev, last_id or 1, "head")
        return Verification(False, count, last_id, expected_prev, stored[0] or 1, "hash")
    missing = signatures.beyond(last_id)
    if missing is not None:
        return Verification(False, count, last_id, expected_prev, missing, "checkpoint_missing")
    signed = signatures.signed_through
    # A trail that was never signed (written before this version) is intact as far as the chain goes; once
    # the office has a key, or an inspector brought one, every entry must be covered by a signature.
    must_be_signed = bool(signatures.checkpoints) or bool(current_key_id(session))
    if signed < last_id and (must_be_signed or keys is not None):
        return Verification(False, count, last_id, expected_prev, signed + 1, "unsigned", signed)
    late, only_db = tuple(signatures.late), tuple(sorted(signatures.database_only_keys))
    return Verification(True, count, last_id, expected_prev, None, "", signed, late, only_db)


# ---------------------------------------------------------------- search and export


@dataclass(frozen=True)
class AuditQuery:
    text: str = ""
    account: str = ""
    action: str = ""
    table_name: str = ""
    since: datetime | None = None  # UTC
    until: datetime | None = None  # UTC, exclusive


# An id named in a summary the guard wrote ("employee_id=49 session_id=11").
_REFERENCE = re.compile(r"\b([a-z_]+_id)=(\d+)\b")


@dataclass(frozen=True)
class AuditRow:
    """An entry as stored, and as people read it: `names` holds who and what its ids are (filled for a
    block of entries at once by audit_names.with_names); the stored entry is never rewritten."""

    id: int
    at: datetime  # UTC
    account: str
    action: str
    table_name: str
    record_id: str
    summary: str
    changes: str
    reason: str
    names: Mapping[tuple[str, int], str] = field(default_factory=dict, compare=False, repr=False)

    def local_time(self) -> datetime:
        return self.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)

    def _changes(self) -> dict[str, Any] | None:
        if not self.changes:
            return {}
        try:
            parsed = json.loads(self.changes)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None

    def references(self) -> Iterator[tuple[str, int]]:
        """(table, id) of every row this entry names by id: its own record, its summary's ids, the ids
        among its changes."""
        if self.table_name in NAMED_TABLES and self.record_id.isdigit():
            yield self.table_name, int(self.record_id)
        for column, number in _REFERENCE.findall(self.summary):
            if column in REFERENCES:
                yield REFERENCES[column], int(number)
        for column, pair in (self._changes() or {}).items():
            if column in REFERENCES:
                for value in pair if isinstance(pair, list) else [pair]:
                    if isinstance(value, int) and not isinstance(value, bool):
                        yield REFERENCES[column], value

    def _named(self, table: str, number: int) -> str:
        return self.names.get((table, number)) or f"{table_label(table)} #{number}"

    def shown_record(self) -> str:
        """The record as people know it ("00049 侯梅雨"), else its id."""
        if self.table_name in NAMED_TABLES and self.record_id.isdigit():
            return self.names.get((self.table_name, int(self.record_id)), self.record_id)
        return self.record_id

    def shown_summary(self) -> str:
        """The summary with the ids it names replaced by names ("00049 侯梅雨 NX-202605 团队管理")."""

        def name(found: re.Match[str]) -> str:
            column, number = found[1], int(found[2])
            return self._named(REFERENCES[column], number) if column in REFERENCES else found[0]

        return _REFERENCE.sub(name, self.summary)

    def change_lines(self) -> list[str]:
        """ "field: before → after" lines for people to read: field labels, people and sessions by name."""
        parsed = self._changes()
        if parsed is None:
            return [self.changes]
        lines = []
        for column, pair in parsed.items():
            before, after = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
            lines.append(
                messages.text(
                    "audit_change_line",
                    field=column_label(self.table_name, column),
                    before=self._value(column, before),
                    after=self._value(column, after),
                )
            )
        return lines

    def _value(self, column: str, value: Any) -> str:
        if column in REFERENCES and isinstance(value, int) and not isinstance(value, bool):
            return self._named(REFERENCES[column], value)
        if isinstance(value, bool):
            return messages.text("audit_yes" if value else "audit_no")
        kind = enum_of(self.table_name, column)
        if kind is not None and isinstance(value, str):
            try:
                return label(kind(value))
            except ValueError:  # a value an older version stored
                return value
        return _shown(value)


@cache
def enum_of(table: str, column: str) -> type[enum.Enum] | None:
    """The enum a stored column holds (its values are shown by their labels), else None."""
    found = Base.metadata.tables.get(table)
    if found is None or column not in found.c:
        return None
    kind = getattr(found.c[column].type, "enum_class", None)
    return kind if isinstance(kind, type) and issubclass(kind, enum.Enum) else None


def _shown(value: Any) -> str:
    return "∅" if value is None or value == "" else str(value)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _contains(column: Any, pattern: str, dialect: str) -> Any:
    # SQLite's LIKE already ignores case (for Latin letters; Chinese has none) and, unlike ILIKE's
    # lower() on both sides, lets it scan 200,000 entries three times faster.
    if dialect == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


def _filtered(query: AuditQuery, dialect: str = "sqlite") -> Select[int]:
    stmt = select(AuditEntry.id)
    if query.account:
        stmt = stmt.where(AuditEntry.account == query.account)
    if query.action:
        stmt = stmt.where(AuditEntry.action == query.action)
    if query.table_name:
        stmt = stmt.where(AuditEntry.table_name == query.table_name)
    if query.since is not None:
        stmt = stmt.where(AuditEntry.at >= query.since)
    if query.until is not None:
        stmt = stmt.where(AuditEntry.at < query.until)
    if query.text.strip():
        pattern = contains_pattern(query.text.strip())
        stmt = stmt.where(
            or_(
                _contains(AuditEntry.summary, pattern, dialect),
                _contains(AuditEntry.record_id, pattern, dialect),
                _contains(AuditEntry.changes, pattern, dialect),
                _contains(AuditEntry.reason, pattern, dialect),
                _contains(AuditEntry.account, pattern, dialect),
            )
        )
    return stmt


def entry_ids(
    session: Session, query: AuditQuery, *, limit: int | None = None, before: int | None = None
) -> list[int]:
    """Matching entries, newest first; with `before`, only those older than that entry (the next page)."""
    stmt = _filtered(query, _dialect(session)).order_by(AuditEntry.id.desc())
    if before is not None:
        stmt = stmt.where(AuditEntry.id < before)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def matching_ids(session: Session, query: AuditQuery) -> array[int]:
    """Every matching entry's id, newest first, as a compact array (284,000 ids take 2 MB): the audit tab
    keeps the whole answer of a search and reads the entries themselves a block at a time."""
    stmt = _filtered(query, _dialect(session)).order_by(AuditEntry.id.desc())
    found: array[int] = array("q")
    result = session.connection().execute(stmt)
    try:
        # Straight from the driver's cursor: whole ids need none of SQLAlchemy's row processing, which would
        # take four times as long over a trail of 284,000 entries.
        while rows := result.cursor.fetchmany(20_000):
            found.extend(map(itemgetter(0), rows))
    finally:
        result.close()
    return found


def newest_id(session: Session) -> int | None:
    """The last entry's id (an indexed look-up): whether the trail has grown since it was read."""
    return session.scalar(select(func.max(AuditEntry.id)))


def count(session: Session, query: AuditQuery) -> int:
    return int(
        session.scalar(select(func.count()).select_from(_filtered(query, _dialect(session)).subquery())) or 0
    )


def rows(session: Session, ids: list[int]) -> list[AuditRow]:
    if not ids:
        return []
    found = {e.id: e for e in session.scalars(select(AuditEntry).where(AuditEntry.id.in_(ids)))}
    return [_row(found[i]) for i in ids if i in found]


def _row(e: AuditEntry) -> AuditRow:
    # A secret an older version wrote in the clear stays in the stored entry (the chain is never rewritten)
    # but is hidden wherever the entry is shown or exported.
    changes = redaction.redact_json(e.table_name, e.record_id, e.changes)
    return AuditRow(e.id, e.at, e.account, e.action, e.table_name, e.record_id, e.summary, changes, e.reason)


def iter_rows(session: Session, query: AuditQuery, *, batch: int = 2000) -> Iterator[AuditRow]:
    """Every matching entry, oldest first, for an export."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.id.in_(_filtered(query, _dialect(session))))
        .order_by(AuditEntry.id)
    )
    for entry in session.scalars(stmt.execution_options(yield_per=batch)):
        yield _row(entry)


def hashes(session: Session, query: AuditQuery) -> dict[int, str]:
    stmt = select(AuditEntry.id, AuditEntry.hash).where(
        AuditEntry.id.in_(_filtered(query, _dialect(session)))
    )
    return {int(i): str(h) for i, h in session.execute(stmt)}


def note(
    db: Database,
    action: str,
    *,
    table_name: str = "",
    record_id: object = "",
    summary: str = "",
    reason: str = "",
) -> None:
    """Record, in a transaction of its own, something done that wrote nothing else (an export, a print)."""
    principal = db.principal
    with db.uow() as uow:
        record(
            uow.session,
            action,
            account=principal.name if principal else "?",
            table_name=table_name,
            record_id=record_id,
            summary=summary,
            reason=reason,
        )
        uow.commit()


def note_export(db: Database, what: str, path: Path | str, rows: int, *, table_name: str = "") -> None:
    """Record an export: what was exported, how many rows, and to which file."""
    summary = messages.text("audit_export_summary", what=what, rows=rows, path=path)
    note(db, Action.EXPORT, table_name=table_name, summary=summary)


def local_days(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """AuditQuery's UTC bounds (since, until exclusive) for the local calendar days `first`..`last`."""

    def utc_start(day: date) -> datetime:
        return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None)

    since = utc_start(first) if first is not None else None
    until = utc_start(last + timedelta(days=1)) if last is not None else None
    return since, until


def accounts_seen(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEntry.account).distinct().order_by(AuditEntry.account)))


def tables_seen(session: Session) -> list[str]:
    stmt = select(AuditEntry.table_name).where(AuditEntry.table_name != "").distinct()
    return list(session.scalars(stmt.order_by(AuditEntry.table_name)))
