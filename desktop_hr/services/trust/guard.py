"""The unit of work's guard: permissions on every write, a department head's view, audit capture.

Installed on the session factories of every `Database` by `services/trust/database.open_database` (a
database opened without it refuses every session), so it covers every service, tab and command without
each having to remember:

- before a flush, every new, changed and deleted row goes through `permissions.check_write`;
- bulk and conditional INSERT/UPDATE/DELETE statements go through the same check, row by row;
- what the guard could not check row by row is refused for everyone: an UPDATE or DELETE without a WHERE
  clause, an INSERT whose rows are not its parameters (INSERT … SELECT, values inside the statement), and
  SQL text (`text()`, `exec_driver_sql`, even on the session's own connection). Migrations run on the
  engine, without the guard;
- a department head's queries see only the employees of its own department subtree
  (`with_loader_criteria` on Employee, so joins through Employee are narrowed too);
- after a flush, and for each bulk statement, the rows written become audit entries with their
  before → after values; they are chained and written when the transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, event, inspect, select
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext
from sqlalchemy.orm import (
    ORMExecuteState,
    Session,
    SessionTransaction,
    sessionmaker,
    with_loader_criteria,
)
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import Course, Employee, Role
from desktop_hr.services import changes, labels
from desktop_hr.services.changes import Changes
from desktop_hr.services.trust import audit, bulk_inserts, checkpoints, redaction
from desktop_hr.services.trust.permissions import NotSignedIn, Principal, WriteRequest, check_write

messages.define(
    {
        "statement.without_where": (
            "已拒绝：不带条件地{verb}全部{what}的语句不能执行（无法逐条检查权限并记入审计记录），未做任何更改。",
            "Refused: a statement that would {verb} every {what} row without a WHERE clause cannot run (its rows "
            "could not be checked and audited one by one); nothing was changed.",
        ),
        "statement.unseen_insert": (
            "已拒绝：新增{what}的语句须逐行给出数据（INSERT … SELECT 或写在语句中的值无法逐条检查权限并记入审计记录），"
            "未做任何更改。",
            "Refused: a statement adding {what} rows must give them as its parameters (INSERT … SELECT or values "
            "written into the statement could not be checked and audited row by row); nothing was changed.",
        ),
        "statement.text": (
            "已拒绝：程序不执行 SQL 文本（无法检查权限并记入审计记录），未做任何更改：{sql}",
            "Refused: the program does not run SQL text (it could not be checked or audited); nothing was "
            "changed: {sql}",
        ),
    }
)


class StatementRefused(DomainError):
    """A statement the guard cannot check row by row: refused for every role, administrators included."""

    def __init__(self, message_code: str, /, **params: object) -> None:
        self.code = message_code
        super().__init__(**params)


PRINCIPAL = "principal"  # session.info key
_CHANGES = "changes"  # session.info key: what the committing transaction changed
# Never in an entry's changes: bookkeeping, or secrets.
_NOT_AUDITED = frozenset(
    {"created_at", "updated_at", "failed_logins", "locked_until", "last_login_at", "version"}
)
_SECRET = frozenset({"password_hash", "content"})
_CHUNK = 500


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _do_orm_execute)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_rollback", _after_rollback)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_begin", _after_begin)


def principal_of(session: Session) -> Principal | None:
    found = session.info.get(PRINCIPAL)
    return found if isinstance(found, Principal) else None


def _writer(session: Session) -> Principal:
    principal = principal_of(session)
    if principal is None:
        raise NotSignedIn()
    return principal


# ---------------------------------------------------------------- describing rows


def _columns(obj: object) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _value(value: Any, key: str) -> Any:
    """A value as an entry keeps it. Plain JSON values stay as they are (the entry's JSON encoder
    turns dates and decimals into text when the transaction commits); secrets are masked."""
    if key in _SECRET:
        return (
            redaction.marker(value)
            if key == "password_hash"
            else audit.plain(b"" if value is None else value)
        )
    return value


def _record_id(obj: object) -> str:
    state = inspect(obj)
    identity = state.identity  # None for a row just inserted, until the flush is over
    if identity is None:
        identity = tuple(state.mapper.primary_key_from_instance(obj))
    if all(part is None for part in identity):
        return ""
    return "/".join(str(part) for part in identity)


# The columns whose values name a row, in the order a summary lists them; else the ids it is about.
_NAMING = ("employee_no", "code", "serial", "key", "name", "title", "display_name", "document", "subject")
_ABOUT = ("employee_id", "session_id", "course_id")


def summary_of(values: Mapping[str, Any]) -> str:
    """A few words naming the row for people reading the trail."""
    parts = [str(values[key]) for key in _NAMING if values.get(key) not in (None, "")]
    if not parts:
        parts = [f"{key}={values[key]}" for key in _ABOUT if values.get(key)]
    return " ".join(parts)[:200]


def summary_of_rows(columns: Sequence[str]) -> Callable[[Sequence[Any]], str]:
    """summary_of for rows given as values in `columns` order: the columns looked up once per statement."""
    index = {name: i for i, name in enumerate(columns)}
    naming = [index[key] for key in _NAMING if key in index]
    about = [(key, index[key]) for key in _ABOUT if key in index]

    def summary(values: Sequence[Any]) -> str:
        parts = [str(values[i]) for i in naming if values[i] not in (None, "")]
        if not parts:
            parts = [f"{key}={values[i]}" for key, i in about if values[i]]
        return " ".join(parts)[:200]

    return summary


# ---------------------------------------------------------------- permission checks


def _department_of_employee(session: Session, employee_id: Any) -> tuple[int | None, str]:
    """The department of the person a row is about, and the person's 工号 (for the message)."""
    if employee_id is None:
        return None, ""
    with session.no_autoflush:
        found = session.execute(
            select(Employee.department_id, Employee.employee_no)
            .where(Employee.id == employee_id)
            .execution_options(unscoped=True)
        ).first()
    return (found[0], str(found[1])) if found else (None, "")


def _department_of_course(session: Session, course_id: Any) -> int | None:
    if course_id is None:
        return None
    with session.no_autoflush:
        return session.scalar(select(Course.owner_department_id).where(Course.id == course_id))


def _request(
    session: Session,
    *,
    principal: Principal,
    table: str,
    verb: str,
    record: str,
    values: Mapping[str, Any],
    changed: Iterable[str] = (),
) -> WriteRequest:
    concerns_employee = "employee_id" in values
    employee_department = course_department = None
    person = ""
    if principal.scoped:  # the lookups only matter for a department head
        if concerns_employee:
            employee_department, person = _department_of_employee(session, values.get("employee_id"))
        if "course_id" in values:
            course_department = _department_of_course(session, values.get("course_id"))
    return WriteRequest(
        table=table,
        verb=verb,
        record=record,
        values=values,
        changed=tuple(changed),
        employee_department=employee_department,
        concerns_employee=concerns_employee,
        course_department=course_department,
        person=person,
        row_department=values.get("department_id") if table == "training_need" else None,
    )


def _object_values(obj: object) -> dict[str, Any]:
    """The row's values as held in memory: nothing is loaded from the database to find them."""
    held = inspect(obj).dict
    return {key: held.get(key) for key in _columns(obj)}


def _changed_fields(obj: object) -> list[str]:
    state = inspect(obj)
    return [key for key in _columns(obj) if state.attrs[key].history.has_changes()]


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    principal = _writer(session) if (session.new or session.dirty or session.deleted) else None
    if principal is None:
        return
    if principal.role is Role.ADMIN:
        return  # the administrator may write everything; nothing to look up
    for verb, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in list(objects):
            changed = _changed_fields(obj) if verb == "update" else []
            if verb == "update" and not changed:
                continue
            table = inspect(obj).mapper.local_table.name
            request = _request(
                session,
                principal=principal,
                table=table,
                verb=verb,
                record=_record_id(obj),
                values=_object_values(obj),
                changed=changed,
            )
            check_write(principal, request)


# ---------------------------------------------------------------- audit capture (unit of work)


def _after_flush(session: Session, _context: object) -> None:
    principal = principal_of(session)
    account = principal.name if principal else "?"
    for obj in session.new:
        values = _object_values(obj)
        changes = {
            key: [None, _value(value, key)]
            for key, value in values.items()
            if key not in _NOT_AUDITED and value is not None
        }
        _add(session, account, audit.Action.CREATE, obj, summary=summary_of(values), changes=changes)
    for obj in session.dirty:
        state = inspect(obj)
        changes = {}
        for key in _columns(obj):
            if key in _NOT_AUDITED:
                continue
            history = state.attrs[key].history
            if history.added or history.deleted:
                before = history.deleted[0] if history.deleted else None
                after = history.added[0] if history.added else None
                if before != after:
                    changes[key] = [_value(before, key), _value(after, key)]
        if changes:
            _add(
                session,
                account,
                audit.Action.UPDATE,
                obj,
                summary=summary_of(_object_values(obj)),
                changes=changes,
            )
    for obj in session.deleted:
        values = _object_values(obj)
        changes = {
            key: [_value(value, key), None]
            for key, value in values.items()
            if key not in _NOT_AUDITED and value is not None
        }
        _add(session, account, audit.Action.DELETE, obj, summary=summary_of(values), changes=changes)


def _add(
    session: Session, account: str, action: str, obj: object, *, summary: str, changes: dict[str, list[Any]]
) -> None:
    table = inspect(obj).mapper.local_table.name
    if table == "audit_entry":
        return
    audit.record(
        session,
        action,
        account=account,
        table_name=table,
        record_id=_record_id(obj),
        summary=summary,
        changes=changes,
        reason=str(getattr(obj, "reason", "") or ""),
    )


def _before_commit(session: Session) -> None:
    session.flush()  # commit() flushes after this hook; the trail must see those rows too
    tables = audit.pending_tables(session)
    if tables:
        checkpoints.prepare(session)  # the office key (created on first use: its settings are entries too)
        tables = audit.pending_tables(session)
        # What this transaction changed, reported once it has committed (a failed commit changed nothing).
        session.info[_CHANGES] = Changes.of_tables(tables, audited=True)
    if audit.append_pending(session):
        checkpoints.sign(session)


def _after_commit(session: Session) -> None:
    committed = session.info.pop(_CHANGES, None)
    if committed is not None:
        changes.report(committed)


def _after_rollback(session: Session) -> None:
    session.info.pop(_CHANGES, None)
    audit.discard_pending(session)


# ---------------------------------------------------------------- statements (reads and bulk writes)


def _after_begin(_session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
    # The session's own connection refuses SQL text too (`session.connection().exec_driver_sql(...)`); the
    # engine's other connections (migrations, the begin hooks, backups) are not the guard's.
    event.listen(connection, "before_cursor_execute", _refuse_text_on_connection)


def _refuse_text_on_connection(
    _conn: Connection,
    _cursor: DBAPICursor,
    statement: str,
    _parameters: Any,
    context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    compiled = getattr(context, "compiled", None)
    if compiled is None and context is not None:
        options = context.execution_options
        if options.get(audit.TRAIL_WRITE) or bulk_inserts.is_checked_insert(options):
            return  # the trail's own chained insert (audit._writer), the guard's checked rows (bulk_inserts)
    if compiled is None or isinstance(compiled.statement, TextClause | TextualSelect):
        raise StatementRefused("statement.text", sql=_shortened(statement))


def _shortened(sql: str) -> str:
    flat = " ".join(sql.split())
    return flat if len(flat) <= 120 else flat[:117] + "…"


def _refuse_unchecked(state: ORMExecuteState) -> None:
    """Refuse, for everyone, a statement whose rows the guard could not check and audit one by one."""
    statement = state.statement
    if isinstance(statement, TextClause | TextualSelect):
        raise StatementRefused("statement.text", sql=_shortened(str(statement)))
    if not isinstance(statement, Insert | Update | Delete):
        return
    table = statement.table
    what = labels.table_label(table.name) if isinstance(table, Table) else str(table)
    if isinstance(statement, Insert):
        inline = getattr(statement, "_values", None) or getattr(statement, "_multi_values", None)
        if inline or statement.select is not None:
            raise StatementRefused("statement.unseen_insert", what=what)
        return
    if statement.whereclause is not None:
        return
    rows = _parameter_rows(state) if isinstance(statement, Update) else []
    if rows and isinstance(table, Table) and all(_primary_key(table).name in row for row in rows):
        return  # an ORM bulk UPDATE by primary key: each parameter row names its record
    verb = "update" if isinstance(statement, Update) else "delete"
    raise StatementRefused("statement.without_where", verb=messages.text(f"verb_{verb}"), what=what)


def _do_orm_execute(state: ORMExecuteState) -> Any:
    _refuse_unchecked(state)
    principal = principal_of(state.session)
    if state.is_select:
        if (
            principal is not None
            and principal.scoped
            and not state.is_column_load
            and not state.is_relationship_load
            and not state.execution_options.get("unscoped", False)
        ):
            departments = tuple(sorted(principal.departments or ()))
            # A lambda, so the criterion names each alias (a mentor and a mentee are both Employee) rather
            # than the plain table; the departments are bound as a tracked value, not baked into the cache.
            state.statement = state.statement.options(
                with_loader_criteria(
                    Employee,
                    lambda cls: cls.department_id.in_(departments),
                    include_aliases=True,
                    track_closure_variables=True,
                )
            )
        return None
    statement = state.statement
    if not isinstance(statement, Insert | Update | Delete):
        return None
    mapper = state.bind_mapper
    table = mapper.local_table if mapper is not None else statement.table
    if not isinstance(table, Table) or table.name == "audit_entry":
        return None
    principal = _writer(state.session)
    if isinstance(statement, Insert):
        return _bulk_insert(state, principal, table)
    return _bulk_change(state, principal, table, statement)


def _parameter_rows(state: ORMExecuteState) -> Sequence[Mapping[str, Any]]:
    """The statement's parameter rows as given (not copied: an import passes a hundred thousand)."""
    params: Any = state.parameters
    if isinstance(params, Sequence) and not isinstance(params, Mapping):
        return params
    return [params] if params else []


def _primary_key(table: Table) -> Any:
    (column,) = table.primary_key.columns
    return column


def _bulk_insert(state: ORMExecuteState, principal: Principal, table: Table) -> Any:
    rows = _parameter_rows(state)
    if principal.role is not Role.ADMIN:
        for row in rows:
            check_write(
                principal,
                _request(
                    state.session, principal=principal, table=table.name, verb="insert", record="", values=row
                ),
            )
    if not rows:
        return None
    statement = state.statement
    assert isinstance(statement, Insert)
    pk = _primary_key(table)
    if not getattr(statement, "_returning", ()):

        def record(columns: tuple[str, ...], written: list[tuple[Any, ...]]) -> None:
            _record_rows(state.session, principal, table, columns, written)

        result = bulk_inserts.driver_insert(state, table, rows, record)
        if result is not None:
            return result
        groups = bulk_inserts.groups(state, table, rows)
        if groups is not None:
            return bulk_inserts.insert_groups(state, table, groups, record)
    written: Sequence[Sequence[Any]]
    if getattr(statement, "_returning", ()):
        # The caller asked for columns of its own: keep its result; the entries name no id.
        result = state.invoke_statement()
        columns: tuple[str, ...] = tuple(sorted({key for row in rows for key in row}))
        written = [tuple(row.get(key) for key in columns) for row in rows]
        record_column = None
    else:
        # Every column back, in whatever order the database returns them (asking for parameter
        # order would make SQLite insert row by row): each entry is built from the stored row.
        result = state.invoke_statement(statement=statement.returning(*table.columns))
        columns = tuple(result.keys())
        record_column = pk.name
    frozen = result.freeze()
    if record_column is not None:
        written = frozen.data
    # The trail keeps the statement's rows as they are: each entry is serialised once, when it is chained.
    entries = audit.PendingRows(
        audit.Action.CREATE,
        principal.name,
        table.name,
        columns,
        written,
        audited=tuple(key for key in columns if key not in _NOT_AUDITED and key != pk.name),
        record_column=record_column,
        summary=summary_of_rows(columns),
        reason_column="reason" if "reason" in columns else None,
    )
    if _SECRET & set(columns):
        _record_masked(state.session, entries)
    else:
        audit.record_rows(state.session, entries)
    return frozen()


def _record_rows(
    session: Session,
    principal: Principal,
    table: Table,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    """The entries of rows written by bulk_inserts: `columns` name each row's values, the id first."""
    pk = columns[0]
    entries = audit.PendingRows(
        audit.Action.CREATE,
        principal.name,
        table.name,
        columns,
        rows,
        audited=tuple(key for key in columns[1:] if key not in _NOT_AUDITED),
        record_column=pk,
        summary=summary_of_rows(columns),
        reason_column="reason" if "reason" in columns else None,
    )
    if _SECRET & set(columns):
        _record_masked(session, entries)
    else:
        audit.record_rows(session, entries)


def _record_masked(session: Session, entries: audit.PendingRows) -> None:
    """The rows of a table holding secrets, one entry each with the secrets masked (few rows: accounts)."""
    index = {name: i for i, name in enumerate(entries.columns)}
    for values in entries.rows:
        audit.record(
            session,
            entries.action,
            account=entries.account,
            table_name=entries.table_name,
            record_id=values[index[entries.record_column]] if entries.record_column else "",
            summary=entries.summary(values),
            changes={
                key: [None, _value(values[index[key]], key)]
                for key in entries.audited
                if values[index[key]] is not None
            },
            reason=str(values[index["reason"]] or "") if entries.reason_column else "",
        )


def _current(session: Session, table: Table, where: Any) -> dict[Any, dict[str, Any]]:
    pk = _primary_key(table)
    found = session.execute(select(table).where(where).execution_options(unscoped=True))
    return {row._mapping[pk.name]: dict(row._mapping) for row in found}


def _bulk_change(
    state: ORMExecuteState, principal: Principal, table: Table, statement: Update | Delete
) -> Any:
    session = state.session
    pk = _primary_key(table)
    rows = _parameter_rows(state)
    by_key = isinstance(statement, Update) and len(rows) > 0 and all(pk.name in row for row in rows)
    before: dict[Any, dict[str, Any]] = {}
    if by_key:  # ORM bulk UPDATE by primary key: one parameter row per record
        keys = [row[pk.name] for row in rows]
        for start in range(0, len(keys), _CHUNK):
            before.update(_current(session, table, pk.in_(keys[start : start + _CHUNK])))
    elif statement.whereclause is not None:
        before = _current(session, table, statement.whereclause)
    verb = "update" if isinstance(statement, Update) else "delete"
    if principal.role is not Role.ADMIN:
        for key, values in before.items():
            check_write(
                principal,
                _request(
                    session, principal=principal, table=table.name, verb=verb, record=str(key), values=values
                ),
            )
    result = state.invoke_statement()  # callers read its rowcount
    after: dict[Any, dict[str, Any]] = {}
    if verb == "update" and before:
        keys = list(before)
        for start in range(0, len(keys), _CHUNK):
            after.update(_current(session, table, pk.in_(keys[start : start + _CHUNK])))
    for key, old in before.items():
        new = after.get(key)
        if verb == "update":
            if new is None:
                continue
            changes = {
                name: [_value(old[name], name), _value(value, name)]
                for name, value in new.items()
                if name not in _NOT_AUDITED and old.get(name) != value
            }
            if not changes:
                continue
            action = audit.Action.UPDATE
        else:
            changes = {
                name: [_value(v, name), None]
                for name, v in old.items()
                if name not in _NOT_AUDITED and v is not None
            }
            action = audit.Action.DELETE
        audit.record(
            session,
            action,
            account=principal.name,
            table_name=table.name,
            record_id=key,
            summary=summary_of(new or old),
            changes=changes,
        )
    return result
