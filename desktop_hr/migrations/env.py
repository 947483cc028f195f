"""Alembic environment: always driven from runner.py with an open connection."""

from __future__ import annotations

from alembic import context

import desktop_hr.models  # noqa: F401  (registers every table on the metadata)
from desktop_hr.models.base import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the program never runs alembic without a connection
    raise RuntimeError("run migrations through desktop_hr.migrations.runner")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
