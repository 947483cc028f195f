"""Personnel archive: departments, positions, competencies, employees

Revision ID: 0001
Revises:
Create Date: 2026-11-22 16:43:15.170548
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "competency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competency")),
        sa.UniqueConstraint("name", name=op.f("uq_competency_name")),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "company",
                "branch",
                "department",
                name="department_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["department.id"], name=op.f("fk_department_parent_id_department")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("parent_id", "name", name=op.f("uq_department_parent_id_name")),
    )
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_department_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_department_path"), ["path"], unique=False)

    op.create_table(
        "position",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_position")),
        sa.UniqueConstraint("name", name=op.f("uq_position_name")),
    )
    op.create_table(
        "employee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_no", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column(
            "gender",
            sa.Enum("male", "female", name="gender", native_enum=False, create_constraint=True, length=20),
            nullable=True,
        ),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_card_no", sa.String(length=18), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("position_id", sa.Integer(), nullable=True),
        sa.Column(
            "rank",
            sa.Enum(
                "staff", "middle", "senior", name="rank", native_enum=False, create_constraint=True, length=20
            ),
            nullable=True,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "management",
                "professional",
                "skilled",
                name="personnel_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("title", sa.String(length=50), nullable=True),
        sa.Column("hire_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "probation",
                "active",
                "left",
                name="employee_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("leave_date", sa.Date(), nullable=True),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("is_trainer", sa.Boolean(), nullable=False),
        sa.Column(
            "trainer_level",
            sa.Enum(
                "junior",
                "intermediate",
                "senior",
                name="trainer_level",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "leave_date IS NULL OR status = 'left'", name=op.f("ck_employee_leave_date_only_when_left")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_employee_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["employee.id"], name=op.f("fk_employee_manager_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["position_id"], ["position.id"], name=op.f("fk_employee_position_id_position")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee")),
        sa.UniqueConstraint("employee_no", name=op.f("uq_employee_employee_no")),
    )
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employee_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_employee_manager_id"), ["manager_id"], unique=False)
        batch_op.create_index("ix_employee_name", ["name"], unique=False)
        batch_op.create_index("ix_employee_phone", ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_employee_position_id"), ["position_id"], unique=False)
        batch_op.create_index("ix_employee_status_department", ["status", "department_id"], unique=False)

    op.create_table(
        "position_competency",
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("competency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competency_id"], ["competency.id"], name=op.f("fk_position_competency_competency_id_competency")
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["position.id"],
            name=op.f("fk_position_competency_position_id_position"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("position_id", "competency_id", name=op.f("pk_position_competency")),
    )


def downgrade() -> None:
    op.drop_table("position_competency")
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_index("ix_employee_status_department")
        batch_op.drop_index(batch_op.f("ix_employee_position_id"))
        batch_op.drop_index("ix_employee_phone")
        batch_op.drop_index("ix_employee_name")
        batch_op.drop_index(batch_op.f("ix_employee_manager_id"))
        batch_op.drop_index(batch_op.f("ix_employee_department_id"))

    op.drop_table("employee")
    op.drop_table("position")
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_department_path"))
        batch_op.drop_index(batch_op.f("ix_department_parent_id"))

    op.drop_table("department")
    op.drop_table("competency")
