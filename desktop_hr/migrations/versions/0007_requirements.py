"""Requirements and eligibility, the credit-recognition table, learning form and quantity on training records

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

APPLIES_TO = ("everyone", "personnel_category", "position", "rank", "probation", "title")
PERIODS = ("calendar_year", "last_years", "since_hire")
MEASURES = ("hours", "credits")
DIMENSIONS = ("category", "subject", "classification", "delivery", "competency")

# DOMAIN.md's defaults, written once here (a migration must not change when the code does).
# Amounts are hundredths, as the Hundredths columns store them.
# code, name, 学时 per unit (None: the quantity is in 学时 already), unit, description
RECOGNITION = [
    ("FULL_TIME_DAY", "脱产培训", 600, "天", "全脱产学习，每天6学时"),
    ("FULL_TIME_HALF_DAY", "脱产培训（半天）", 300, "半天", "全脱产学习半天，3学时"),
    ("CONFERENCE_DAY", "学术会议", 600, "天", "参加学术会议或讲座，每天6学时"),
    ("QUALIFICATION_EXAM", "职业资格考试", 4000, "次", "通过专业技术职业资格考试，40学时"),
    ("PAPER", "论文", 2000, "篇", "公开发表论文，每篇20学时"),
    ("CORE_PAPER", "核心期刊论文", 4000, "篇", "在核心期刊发表论文，每篇40学时"),
    ("DEGREE_YEAR", "学历教育", 10000, "学年", "学历（学位）教育，每学年100学时"),
    ("ONLINE", "网络学习", None, "学时", "网络学习按记录的学时认定"),
]

# name, applies_to, applies_value, period, period_years, min_hours, min_credits, min_reflections,
# excellent rate (numerator, denominator) or None, needs_courses, description
REQUIREMENTS: list[tuple[Any, ...]] = [
    (
        "试用期转正",
        "probation",
        "",
        "since_hire",
        None,
        None,
        None,
        None,
        None,
        True,
        "转正前完成入职必修课程：企业文化（2学分）、安全生产（3学分）、部门流程（4学分），共9学分",
    ),
    (
        "晋升主管",
        "everyone",
        "",
        "since_hire",
        None,
        None,
        15000,
        None,
        None,
        False,
        "累计学分不少于150，其中实践类不少于50",
    ),
    (
        "晋升店长",
        "everyone",
        "",
        "since_hire",
        None,
        None,
        20000,
        None,
        None,
        False,
        "累计学分不少于200，其中团队管理类课程学分不少于30%",
    ),
    (
        "职称评定",
        "personnel_category",
        "professional",
        "calendar_year",
        None,
        4000,
        None,
        2,
        None,
        False,
        "事业单位职称评定：当年培训不少于40学时，且提交心得不少于2篇",
    ),
    (
        "岗位晋升",
        "personnel_category",
        "professional",
        "last_years",
        3,
        None,
        None,
        None,
        (4, 5),
        False,
        "事业单位岗位晋升：近3年提交的心得、行动计划和作业中优秀的不少于80%",
    ),
    (
        "专业技术人员继续教育",
        "personnel_category",
        "professional",
        "calendar_year",
        None,
        9000,
        None,
        None,
        None,
        False,
        "每年不少于90学时，其中专业科目不少于三分之二",
    ),
]
# requirement name -> (measure, dimension, value, minimum in hundredths or None, share or None)
SLICES: list[tuple[str, str, str, str, int | None, tuple[int, int] | None]] = [
    ("晋升主管", "credits", "category", "practice", 5000, None),
    ("晋升店长", "credits", "competency", "团队管理", None, (3, 10)),
    ("专业技术人员继续教育", "hours", "subject", "professional", None, (2, 3)),
]
# requirement name, course code, title, credits in hundredths
COURSES = [
    ("试用期转正", "ONB-01", "企业文化", 200),
    ("试用期转正", "ONB-02", "安全生产", 300),
    ("试用期转正", "ONB-03", "部门流程", 400),
]


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    op.create_table(
        "recognition_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("hours_per_unit", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "hours_per_unit IS NULL OR hours_per_unit >= 0",
            name=op.f("ck_recognition_rule_hours_not_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recognition_rule")),
        sa.UniqueConstraint("code", name=op.f("uq_recognition_rule_code")),
        sa.UniqueConstraint("name", name=op.f("uq_recognition_rule_name")),
    )
    op.create_table(
        "requirement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("applies_to", _enum(APPLIES_TO, "applies_to"), nullable=False),
        sa.Column("applies_value", sa.String(length=100), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=True),
        sa.Column("period", _enum(PERIODS, "period_kind"), nullable=False),
        sa.Column("period_years", sa.Integer(), nullable=True),
        sa.Column("min_hours", sa.Integer(), nullable=True),
        sa.Column("min_credits", sa.Integer(), nullable=True),
        sa.Column("min_reflections", sa.Integer(), nullable=True),
        sa.Column("excellent_numerator", sa.Integer(), nullable=True),
        sa.Column("excellent_denominator", sa.Integer(), nullable=True),
        sa.Column("needs_courses", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(excellent_numerator IS NULL AND excellent_denominator IS NULL) OR "
            "(excellent_numerator >= 0 AND excellent_denominator > 0 "
            "AND excellent_numerator <= excellent_denominator)",
            name=op.f("ck_requirement_excellent_rate_fraction"),
        ),
        sa.CheckConstraint(
            "min_credits IS NULL OR min_credits >= 0", name=op.f("ck_requirement_min_credits_not_negative")
        ),
        sa.CheckConstraint(
            "min_hours IS NULL OR min_hours >= 0", name=op.f("ck_requirement_min_hours_not_negative")
        ),
        sa.CheckConstraint(
            "min_reflections IS NULL OR min_reflections >= 0",
            name=op.f("ck_requirement_min_reflections_not_negative"),
        ),
        sa.CheckConstraint(
            "period_years IS NULL OR period_years > 0", name=op.f("ck_requirement_period_years_positive")
        ),
        sa.ForeignKeyConstraint(
            ["position_id"], ["position.id"], name=op.f("fk_requirement_position_id_position")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement")),
        sa.UniqueConstraint("name", name=op.f("uq_requirement_name")),
    )
    with op.batch_alter_table("requirement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_requirement_position_id"), ["position_id"], unique=False)
    op.create_table(
        "requirement_course",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requirement_id", sa.Integer(), nullable=False),
        sa.Column("course_code", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("credits", sa.Integer(), nullable=False),
        sa.CheckConstraint("credits >= 0", name=op.f("ck_requirement_course_credits_not_negative")),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirement.id"],
            name=op.f("fk_requirement_course_requirement_id_requirement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement_course")),
        sa.UniqueConstraint(
            "requirement_id", "course_code", name=op.f("uq_requirement_course_requirement_id_course_code")
        ),
    )
    with op.batch_alter_table("requirement_course", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_requirement_course_requirement_id"), ["requirement_id"], unique=False
        )
    op.create_table(
        "requirement_slice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requirement_id", sa.Integer(), nullable=False),
        sa.Column("measure", _enum(MEASURES, "slice_measure"), nullable=False),
        sa.Column("dimension", _enum(DIMENSIONS, "slice_dimension"), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=True),
        sa.Column("share_numerator", sa.Integer(), nullable=True),
        sa.Column("share_denominator", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(minimum IS NOT NULL AND share_numerator IS NULL AND share_denominator IS NULL) OR "
            "(minimum IS NULL AND share_numerator > 0 AND share_denominator > 0 "
            "AND share_numerator <= share_denominator)",
            name=op.f("ck_requirement_slice_minimum_or_share"),
        ),
        sa.CheckConstraint(
            "minimum IS NULL OR minimum >= 0", name=op.f("ck_requirement_slice_minimum_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirement.id"],
            name=op.f("fk_requirement_slice_requirement_id_requirement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement_slice")),
        sa.UniqueConstraint(
            "requirement_id",
            "measure",
            "dimension",
            "value",
            name=op.f("uq_requirement_slice_requirement_id_measure_dimension_value"),
        ),
    )
    with op.batch_alter_table("requirement_slice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_requirement_slice_requirement_id"), ["requirement_id"], unique=False
        )

    with op.batch_alter_table("training_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("learning_form", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("quantity", sa.Integer(), nullable=True))
        batch_op.create_check_constraint("quantity_not_negative", "quantity IS NULL OR quantity >= 0")
        batch_op.create_foreign_key(
            batch_op.f("fk_training_record_learning_form_recognition_rule"),
            "recognition_rule",
            ["learning_form"],
            ["code"],
        )

    _seed_defaults()


def _seed_defaults() -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    stamps = {"created_at": now, "updated_at": now}
    recognition = sa.table(
        "recognition_rule",
        *(sa.column(c) for c in ("code", "name", "hours_per_unit", "unit", "active", "description")),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    op.bulk_insert(
        recognition,
        [
            {"code": c, "name": n, "hours_per_unit": h, "unit": u, "active": True, "description": d, **stamps}
            for c, n, h, u, d in RECOGNITION
        ],
    )
    requirement = sa.table(
        "requirement",
        sa.column("id", sa.Integer),
        *(
            sa.column(c)
            for c in (
                "name",
                "description",
                "applies_to",
                "applies_value",
                "position_id",
                "period",
                "period_years",
                "min_hours",
                "min_credits",
                "min_reflections",
                "excellent_numerator",
                "excellent_denominator",
                "needs_courses",
                "enabled",
            )
        ),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    op.bulk_insert(
        requirement,
        [
            {
                "name": name,
                "description": description,
                "applies_to": applies_to,
                "applies_value": value,
                "position_id": None,
                "period": period,
                "period_years": years,
                "min_hours": hours,
                "min_credits": credits,
                "min_reflections": reflections,
                "excellent_numerator": rate[0] if rate else None,
                "excellent_denominator": rate[1] if rate else None,
                "needs_courses": courses,
                "enabled": True,
                **stamps,
            }
            for name, applies_to, value, period, years, hours, credits, reflections, rate, courses, description in REQUIREMENTS
        ],
    )
    ids = {
        name: req_id
        for req_id, name in op.get_bind().execute(sa.select(requirement.c.id, requirement.c.name))
    }
    slices = sa.table(
        "requirement_slice",
        *(
            sa.column(c)
            for c in (
                "requirement_id",
                "measure",
                "dimension",
                "value",
                "minimum",
                "share_numerator",
                "share_denominator",
            )
        ),
    )
    op.bulk_insert(
        slices,
        [
            {
                "requirement_id": ids[name],
                "measure": measure,
                "dimension": dimension,
                "value": value,
                "minimum": minimum,
                "share_numerator": share[0] if share else None,
                "share_denominator": share[1] if share else None,
            }
            for name, measure, dimension, value, minimum, share in SLICES
        ],
    )
    courses = sa.table(
        "requirement_course", *(sa.column(c) for c in ("requirement_id", "course_code", "title", "credits"))
    )
    op.bulk_insert(
        courses,
        [
            {"requirement_id": ids[name], "course_code": code, "title": title, "credits": credits}
            for name, code, title, credits in COURSES
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("training_record", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_training_record_learning_form_recognition_rule"), type_="foreignkey"
        )
        batch_op.drop_constraint("quantity_not_negative", type_="check")
        batch_op.drop_column("quantity")
        batch_op.drop_column("learning_form")
    with op.batch_alter_table("requirement_slice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requirement_slice_requirement_id"))
    op.drop_table("requirement_slice")
    with op.batch_alter_table("requirement_course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requirement_course_requirement_id"))
    op.drop_table("requirement_course")
    with op.batch_alter_table("requirement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requirement_position_id"))
    op.drop_table("requirement")
    op.drop_table("recognition_rule")
