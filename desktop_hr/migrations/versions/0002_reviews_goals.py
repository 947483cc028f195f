"""Performance reviews with per-competency items, career goals

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:43:15.170548
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "career_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_position", sa.String(length=100), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_career_goal_employee_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_career_goal")),
    )
    with op.batch_alter_table("career_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_career_goal_employee_id"), ["employee_id"], unique=False)

    op.create_table(
        "performance_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("overall_score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "overall_score BETWEEN 0 AND 100", name=op.f("ck_performance_review_overall_score_range")
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_performance_review_employee_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_performance_review")),
        sa.UniqueConstraint("employee_id", "period", name=op.f("uq_performance_review_employee_id_period")),
    )
    with op.batch_alter_table("performance_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_performance_review_employee_id"), ["employee_id"], unique=False)

    op.create_table(
        "review_item",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("competency_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name=op.f("ck_review_item_score_range")),
        sa.ForeignKeyConstraint(
            ["competency_id"], ["competency.id"], name=op.f("fk_review_item_competency_id_competency")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["performance_review.id"],
            name=op.f("fk_review_item_review_id_performance_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", "competency_id", name=op.f("pk_review_item")),
    )


def downgrade() -> None:
    op.drop_table("review_item")
    with op.batch_alter_table("performance_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_performance_review_employee_id"))

    op.drop_table("performance_review")
    with op.batch_alter_table("career_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_career_goal_employee_id"))

    op.drop_table("career_goal")
