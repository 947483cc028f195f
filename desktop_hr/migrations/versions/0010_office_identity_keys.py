"""Office identity, signed certificates (Ed25519 signature and key id), signed audit checkpoints

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 05:40:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

OFFICE_ID = "office.id"


def upgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signature", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("key_id", sa.String(length=16), server_default="", nullable=False))
    op.create_table(
        "audit_checkpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoint")),
    )
    with op.batch_alter_table("audit_checkpoint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_checkpoint_entry_id"), ["entry_id"], unique=False)
    # Every database gets its own identity once, at creation (or at this upgrade): backups and restores
    # tell offices apart by it, never by file name.
    setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.execute(setting.delete().where(setting.c.key == OFFICE_ID))
    op.bulk_insert(setting, [{"key": OFFICE_ID, "value": uuid.uuid4().hex}])


def downgrade() -> None:
    setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.execute(setting.delete().where(setting.c.key == OFFICE_ID))
    with op.batch_alter_table("audit_checkpoint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_checkpoint_entry_id"))
    op.drop_table("audit_checkpoint")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("key_id")
        batch_op.drop_column("signature")
