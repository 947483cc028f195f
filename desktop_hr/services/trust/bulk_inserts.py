"""The write guard's bulk INSERT on SQLite: each run of parameter rows naming the same columns as one
executemany, without RETURNING, and what each row stored (defaults included, with its id) handed back for
its audit entry. The guard checks every row before (services/trust/guard.py); other databases keep the
ORM's INSERT … RETURNING."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Column, Table, func, select
from sqlalchemy.orm import Mapper, ORMExecuteState
from sqlalchemy.types import TypeDecorator


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
    written: Callable[[tuple[str, ...], list[tuple[Any, ...]]], None],
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
            # SQLite numbers rows one past the largest id; the transaction holds the write lock since its
            # BEGIN IMMEDIATE, so this statement's rows are the last len(params) ids, one after another.
            last = int(conn.execute(select(func.max(pk))).scalar_one())
            first = last - len(params) + 1
            count = conn.execute(select(func.count()).where(pk.between(first, last))).scalar_one()
            if count != len(params):
                raise RuntimeError(f"{table.name}: the rows inserted are not ids {first}–{last}")
            ids = range(first, last + 1)
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
