"""Who still points at a record: found from the schema's foreign keys, so new tables are covered too."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr.models import Base


def count_references(
    session: Session, table_name: str, row_id: int, *, ignore: frozenset[str] = frozenset()
) -> dict[str, int]:
    """Rows in other tables (or self-references) whose foreign key points at `table_name.id == row_id`.

    `ignore` lists referencing tables that are owned by the record and go with it.
    Returns {referencing table: count} for the non-zero ones.
    """
    found: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in ignore:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name != table_name or fk.column.name != "id":
                continue
            count = session.scalar(select(func.count()).select_from(table).where(fk.parent == row_id)) or 0
            if count:
                found[table.name] = found.get(table.name, 0) + count
    return found


def refuse_if_referenced(
    session: Session, table_name: str, row_id: int, name: str, *, ignore: frozenset[str] = frozenset()
) -> None:
    """Raise StillReferenced naming the record and what refers to it most; deletion is for unused records only."""
    from desktop_hr.errors import StillReferenced
    from desktop_hr.services.labels import table_label

    refs = count_references(session, table_name, row_id, ignore=ignore)
    if refs:
        most = max(refs.items(), key=lambda kv: kv[1])[0]
        raise StillReferenced(
            what=table_label(table_name), name=name, count=sum(refs.values()), by=table_label(most)
        )
