"""The write guard's bulk INSERT on SQLite: each run of parameter rows naming the same columns as one
executemany, without RETURNING, and what each row stored (defaults included, with its id) handed back for
its audit entry. The guard checks every row before (services/trust/guard.py); other databases keep the
ORM's INSERT … RETURNING.

Where every row names the same columns (an import's rows), `driver_insert` goes further: the statement
written once and the rows sent to the driver's executemany as tuples, each column's values converted by its
type once per column (SQLAlchemy's per-row parameter processing cost more than SQLite's writing)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Table, func, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapper, ORMExecuteState
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlalchemy.types import TypeDecorator

from desktop_hr.models.base import Base

# Execution option marking the guard's own driver-level INSERT (driver_insert), written here from the table's
# columns after the guard checked every row: the guard's refusal of SQL text lets it through.
CHECKED_INSERT = "desktop_hr_checked_insert"
CHECKED = object()  # its value: only this module's statement carries it


def is_checked_insert(options: Mapping[str, Any]) -> bool:
    return options.get(CHECKED_INSERT) is CHECKED


Written = Callable[[tuple[str, ...], list[tuple[Any, ...]]], None]


def _primary_key(table: Table) -> Any:
    (column,) = table.primary_key.columns
    return column


@cache
def insert_columns(mapper: Mapper[Any], table: Table) -> tuple[dict[str, str], frozenset[str]]:
    """{attribute key: column key} of the mapper's columns in `table`, and the columns whose type stores
    None as a value of its own (JSON): what the ORM's bulk INSERT makes of a parameter row's keys."""
    names: dict[str, str] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if isinstance(column, Column) and column.table is table:
            names[prop.key] = column.key
    keeps_none = frozenset(c.key for c in table.columns if c.type.should_evaluate_none)
    return names, keeps_none


def groups(
    state: ORMExecuteState, table: Table, rows: Sequence[Mapping[str, Any]]
) -> list[list[dict[str, Any]]] | None:
    """The parameter rows as the ORM's bulk INSERT would send them (column keys; a None dropped so the
    column's default applies, unless render_nulls), in runs of consecutive rows naming the same columns;
    None when a plain executemany could not tell what each row stored (ids a database other than SQLite
    assigns, a default only the database knows)."""
    mapper = state.bind_mapper
    if mapper is None:
        return None
    pk = _primary_key(table).key
    sqlite = state.session.get_bind(mapper=mapper).dialect.name == "sqlite"
    names, keeps_none = insert_columns(mapper, table)
    render_nulls = bool(state.execution_options.get("render_nulls", False))
    database_defaults = {
        c.key for c in table.columns if c.server_default is not None and c.default is None and c.key != pk
    }
    groups: list[list[dict[str, Any]]] = []
    keys: object = None
    as_given: dict[tuple[str, ...], bool] = {}  # key order -> whether rows so keyed go as they are
    for row in rows:
        order = tuple(row)
        plain = as_given.get(order)
        if plain is None:
            plain = as_given[order] = all(names.get(key) == key for key in order)
        if plain and (render_nulls or None not in row.values()):
            params = row if isinstance(row, dict) else dict(row)  # read, never changed
        else:
            params = {
                names[key]: value
                for key, value in row.items()
                if key in names and (value is not None or render_nulls or names[key] in keeps_none)
            }
        if params.keys() != keys:
            keys = params.keys()
            if database_defaults - keys or (pk not in keys and not sqlite):
                return None
            groups.append([])
        groups[-1].append(params)
    return groups


def insert_groups(
    state: ORMExecuteState,
    table: Table,
    groups: list[list[dict[str, Any]]],
    written: Written,
) -> Any:
    """Each run of rows in one executemany (no RETURNING: SQLAlchemy would then build one statement per
    thousand rows and process every value twice); each row's entry holds the values the statement stored,
    its defaults included, with the id SQLite gave it: `written(columns, rows)` per run, id first. Returns the
    last statement's result."""
    session = state.session
    pk = _primary_key(table)
    conn = session.connection(bind_arguments={"mapper": state.bind_mapper})
    result: Any = None
    for params in groups:
        result = conn.execute(table.insert(), params)
        stored: list[dict[str, Any]] = result.context.compiled_parameters
        columns = tuple(key for key in stored[0] if key != pk.key)
        if pk.key in params[0]:
            ids: Sequence[Any] = [row[pk.key] for row in params]
        else:
            ids = _ids_just_inserted(conn, table, len(params))
        rows = [(number, *map(row.__getitem__, columns)) for number, row in zip(ids, stored, strict=True)]
        del stored
        _as_read_back(table, columns, rows, conn.dialect)
        written((pk.key, *columns), rows)
    return result


def _as_read_back(table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]], dialect: Any) -> None:
    """Values of the columns whose type stores something other than it is given (Hundredths: 1.5 is kept
    as 150 and read back as 1.50) replaced by what reading the row back gives, as RETURNING would."""
    changed = [
        (position, kind)
        for position, key in enumerate(columns, start=1)
        if isinstance(kind := table.c[key].type, TypeDecorator)
    ]
    if not changed:
        return
    for index, row in enumerate(rows):
        values = list(row)
        for position, kind in changed:
            if values[position] is not None:
                stored = kind.process_bind_param(values[position], dialect)
                values[position] = kind.process_result_value(stored, dialect)
        rows[index] = tuple(values)


def _ids_just_inserted(conn: Connection, table: Table, count: int) -> range:
    """The ids SQLite gave the `count` rows the last statement inserted without naming their ids."""
    pk = _primary_key(table)
    # SQLite numbers rows one past the largest id; the transaction holds the write lock since its
    # BEGIN IMMEDIATE, so this statement's rows are the last `count` ids, one after another.
    last = int(conn.execute(select(func.max(pk))).scalar_one())
    first = last - count + 1
    found = conn.execute(select(func.count()).where(pk.between(first, last))).scalar_one()
    if found != count:
        raise RuntimeError(f"{table.name}: the rows inserted are not ids {first}–{last}")
    return range(first, last + 1)


@lru_cache(maxsize=64)  # per table, key order and engine
def _driver_statement(
    table: Table, keys: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[str, ...], tuple[Any, ...], tuple[Any, ...]] | None:
    """For rows naming `keys` (column keys): the INSERT's text, the columns it fills (`keys`, then the missing
    columns with a constant default), those defaults, and each column's conversion (None: sent as given).
    None when a plain executemany could not do what SQLAlchemy's INSERT does: a missing column whose default
    is worked out per row or by the database, a type keeping None as a value of its own."""
    pk = _primary_key(table)
    defaults: dict[str, Any] = {}
    for column in table.columns:
        if column.type.should_evaluate_none:
            return None
        if column.key in keys or column.key == pk.key:
            continue
        if column.server_default is not None or column.server_onupdate is not None:
            return None
        if column.default is not None:
            if not isinstance(column.default, ScalarElementColumnDefault):
                return None  # a callable (the time of writing) or an SQL expression: SQLAlchemy's own path
            defaults[column.key] = column.default.arg
    columns = (*keys, *defaults)
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(table.c[key].name) for key in columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    processors = tuple(table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in columns)
    return sql, columns, tuple(defaults.values()), processors


def driver_insert(
    state: ORMExecuteState, table: Table, rows: Sequence[Mapping[str, Any]], written: Written
) -> Any:
    """On SQLite, rows that all name the same mapped columns (by their column keys) written by one
    executemany of the driver, each row's entry handed to `written` (columns, id first; each value as given
    or the column's default, as the ORM's bulk INSERT stores it). Returns the statement's result, or None
    when these rows need the ORM's bulk INSERT (then nothing was written)."""
    mapper = state.bind_mapper or _mapper_of(table)  # an INSERT into the Table names no mapper of its own
    if mapper is None or not rows:
        return None
    conn = state.session.connection(bind_arguments={"mapper": mapper})
    if conn.dialect.name != "sqlite" or conn.dialect.paramstyle != "qmark":
        return None
    keys = tuple(rows[0])
    names, _keeps_none = insert_columns(mapper, table)
    if any(names.get(key) != key for key in keys):
        return None
    first_keys = rows[0].keys()
    if not all(row.keys() == first_keys for row in rows):
        return None
    found = _driver_statement(table, keys, conn.dialect)
    if found is None:
        return None
    sql, columns, defaults, processors = found
    count = len(rows)
    values: list[list[Any]] = [list(map(itemgetter(key), rows)) for key in keys]
    render_nulls = bool(state.execution_options.get("render_nulls", False))
    pk = _primary_key(table)
    for key, column_values in zip(keys, values, strict=True):
        column = table.c[key]
        if ((column.default is not None and not render_nulls) or column is pk) and None in column_values:
            return None  # the ORM drops a None so the column's default applies (or SQLite gives the id)
    values.extend([value] * count for value in defaults)
    sent = [
        _converted(process, column_values) for process, column_values in zip(processors, values, strict=True)
    ]
    result = conn.exec_driver_sql(
        sql, list(zip(*sent, strict=True)), execution_options={CHECKED_INSERT: CHECKED}
    )
    del sent
    if pk.key in keys:
        position = columns.index(pk.key)
        ids: Sequence[Any] = values.pop(position)
        columns = columns[:position] + columns[position + 1 :]
    else:
        ids = _ids_just_inserted(conn, table, count)
    entries = list(zip(ids, *values, strict=True))
    del values
    _as_read_back(table, columns, entries, conn.dialect)
    written((pk.key, *columns), entries)
    return result


@cache
def _mapper_of(table: Table) -> Mapper[Any] | None:
    """The class mapped to `table` (its column keys are what a Core INSERT's rows name)."""
    return next((mapper for mapper in Base.registry.mappers if mapper.local_table is table), None)


def _converted(process: Callable[[Any], Any] | None, values: list[Any]) -> list[Any]:
    """A column's values as the driver is sent them: its type's conversion, once when every row holds the
    same value (an import's time of writing, its method)."""
    if process is None:
        return values
    if len(set(map(id, values))) == 1:
        return [process(values[0])] * len(values)
    return list(map(process, values))
