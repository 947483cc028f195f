"""Talent development: trainer years (uplift), nominations, mentoring, the training-needs pool; trainer courses

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 01:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:

    op.create_table(
        "mentorship",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_mentorship_mentorship_dates")
        ),
        sa.CheckConstraint("mentor_id <> mentee_id", name=op.f("ck_mentorship_mentor_not_mentee")),
        sa.ForeignKeyConstraint(
            ["mentee_id"], ["employee.id"], name=op.f("fk_mentorship_mentee_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["employee.id"], name=op.f("fk_mentorship_mentor_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship")),
    )
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentorship_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentorship_mentor_id"), ["mentor_id"], unique=False)

    op.create_table(
        "trainer_nomination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("nominated_by", sa.String(length=50), nullable=False),
        sa.Column("nominated_at", sa.DateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="nomination_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("decided_by", sa.String(length=50), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_trainer_nomination_employee_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_nomination")),
    )
    with op.batch_alter_table("trainer_nomination", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trainer_nomination_employee_id"), ["employee_id"], unique=False)
        batch_op.create_index("ix_trainer_nomination_status", ["status"], unique=False)

    op.create_table(
        "trainer_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("uplift", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("uplift BETWEEN -10000 AND 100000", name=op.f("ck_trainer_year_uplift_range")),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_trainer_year_employee_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_year")),
        sa.UniqueConstraint("employee_id", "year", name=op.f("uq_trainer_year_employee_id_year")),
    )
    with op.batch_alter_table("trainer_year", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trainer_year_employee_id"), ["employee_id"], unique=False)

    op.create_table(
        "mentee_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "score BETWEEN 0 AND 100", name=op.f("ck_mentee_evaluation_evaluation_score_range")
        ),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorship.id"],
            name=op.f("fk_mentee_evaluation_mentorship_id_mentorship"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentee_evaluation")),
        sa.UniqueConstraint("mentorship_id", "year", name=op.f("uq_mentee_evaluation_mentorship_id_year")),
    )
    with op.batch_alter_table("mentee_evaluation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentee_evaluation_mentorship_id"), ["mentorship_id"], unique=False
        )

    op.create_table(
        "mentoring_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("hours > 0", name=op.f("ck_mentoring_log_mentoring_hours_positive")),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorship.id"],
            name=op.f("fk_mentoring_log_mentorship_id_mentorship"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_log")),
    )
    with op.batch_alter_table("mentoring_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentoring_log_mentorship_id"), ["mentorship_id"], unique=False)

    op.create_table(
        "training_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("competency_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "adopted",
                "scheduled",
                "closed",
                name="need_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by", sa.String(length=50), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competency_id"], ["competency.id"], name=op.f("fk_training_need_competency_id_competency")
        ),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], name=op.f("fk_training_need_course_id_course")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_training_need_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["training_session.id"], name=op.f("fk_training_need_session_id_training_session")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_need")),
    )
    with op.batch_alter_table("training_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_need_competency_id"), ["competency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_need_course_id"), ["course_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_need_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_need_session_id"), ["session_id"], unique=False)
        batch_op.create_index("ix_training_need_status", ["status"], unique=False)

    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "trainer_track",
                sa.Enum(
                    "basic",
                    "specialised",
                    name="trainer_track",
                    native_enum=False,
                    create_constraint=True,
                    length=20,
                ),
                nullable=True,
            )
        )


def downgrade() -> None:

    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_column("trainer_track")

    with op.batch_alter_table("training_need", schema=None) as batch_op:
        batch_op.drop_index("ix_training_need_status")
        batch_op.drop_index(batch_op.f("ix_training_need_session_id"))
        batch_op.drop_index(batch_op.f("ix_training_need_department_id"))
        batch_op.drop_index(batch_op.f("ix_training_need_course_id"))
        batch_op.drop_index(batch_op.f("ix_training_need_competency_id"))

    op.drop_table("training_need")
    with op.batch_alter_table("mentoring_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentoring_log_mentorship_id"))

    op.drop_table("mentoring_log")
    with op.batch_alter_table("mentee_evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentee_evaluation_mentorship_id"))

    op.drop_table("mentee_evaluation")
    with op.batch_alter_table("trainer_year", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trainer_year_employee_id"))

    op.drop_table("trainer_year")
    with op.batch_alter_table("trainer_nomination", schema=None) as batch_op:
        batch_op.drop_index("ix_trainer_nomination_status")
        batch_op.drop_index(batch_op.f("ix_trainer_nomination_employee_id"))

    op.drop_table("trainer_nomination")
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentorship_mentee_id"))

    op.drop_table("mentorship")
