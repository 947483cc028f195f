"""Print log: what a printed requirement document said (each person's verdict and gap)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("print_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("print_record", schema=None) as batch_op:
        batch_op.drop_column("details")
