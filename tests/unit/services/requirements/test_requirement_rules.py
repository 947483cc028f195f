"""Requirements as data: the shipped ones, contradictions refused naming the field, edits audited."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from requirement_cases import requirement_id
from sqlalchemy import func, select

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.models import AppliesTo, AuditEntry, Course, Dimension, Measure, PeriodKind, Requirement, Role
from desktop_hr.services import changes
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.requirements import rules
from desktop_hr.services.requirements.rules import CourseItem, RequirementData, SliceData, conditions_text
from desktop_hr.services.requirements.wording import parse_share, share_text
from desktop_hr.services.trust.permissions import PermissionDenied, Principal


def _shipped(db: Database) -> dict[str, RequirementData]:
    with db.read_session() as session:
        return {row.name: row.data for row in rules.list_requirements(session)}


def _counts(db: Database) -> tuple[int, int]:
    with db.read_session() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Requirement)) or 0),
            int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0),
        )


def test_every_requirement_of_domain_md_ships_as_editable_data(db: Database) -> None:
    shipped = _shipped(db)
    assert {name: conditions_text(data) for name, data in shipped.items()} == {
        "试用期转正": "入职以来：完成课程：企业文化、安全生产、部门流程",
        "晋升主管": "入职以来：学分≥150；实践课学分≥50",
        "晋升店长": "入职以来：学分≥200；团队管理类课程学分占比≥30%",
        "职称评定": "当年：学时≥40；心得≥2篇",
        "岗位晋升": "近3年：优秀提交率≥80%",
        "专业技术人员继续教育": "当年：学时≥90；专业科目学时占比≥2/3",
    }
    assert {name: (d.applies_to, d.applies_value) for name, d in shipped.items()} == {
        "试用期转正": (AppliesTo.PROBATION, ""),
        "晋升主管": (AppliesTo.EVERYONE, ""),
        "晋升店长": (AppliesTo.EVERYONE, ""),
        "职称评定": (AppliesTo.PERSONNEL_CATEGORY, "professional"),
        "岗位晋升": (AppliesTo.PERSONNEL_CATEGORY, "professional"),
        "专业技术人员继续教育": (AppliesTo.PERSONNEL_CATEGORY, "professional"),
    }
    assert shipped["试用期转正"].courses == (
        CourseItem("ONB-01", "企业文化", Decimal("2.00")),
        CourseItem("ONB-02", "安全生产", Decimal("3.00")),
        CourseItem("ONB-03", "部门流程", Decimal("4.00")),
    )
    messages.set_language("en")
    assert conditions_text(shipped["专业技术人员继续教育"]) == (
        "in the year: hours ≥ 90; hours in professional subjects ≥ 2/3 of all"
    )
    # Every shipped requirement validates and saves back unchanged.
    for name, data in shipped.items():
        assert rules.validate_requirement(data) == []
        rules.save_requirement(db.uow(), data, requirement_id(db, name))
    assert _shipped(db) == shipped


def test_shares_are_exact_fractions() -> None:
    assert parse_share("2/3") == Fraction(2, 3)
    assert parse_share("30%") == parse_share("0.3") == parse_share("30 ％") == Fraction(3, 10)
    assert parse_share("66.67%") == Fraction(6667, 10000)
    assert parse_share("abc") is None and parse_share("1/0") is None
    assert [share_text(f) for f in (Fraction(4, 5), Fraction(1, 8), Fraction(2, 3), Fraction(1))] == [
        "80%",
        "12.5%",
        "2/3",
        "100%",
    ]


BASE = RequirementData(name="继续教育", min_hours=Decimal(90))
PROFESSIONAL = SliceData(Measure.HOURS, Dimension.SUBJECT, "professional", share=Fraction(2, 3))


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (
            replace(BASE, slices=(replace(PROFESSIONAL, share=Fraction(3, 2)),)),
            "分项条件“专业科目学时 150%”：比例不能超过100%",
        ),
        (
            replace(
                BASE, slices=(SliceData(Measure.HOURS, Dimension.CATEGORY, "practice", minimum=Decimal(100)),)
            ),
            "分项条件“实践课学时 100”：不能超过总学时要求 90",
        ),
        (replace(BASE, needs_courses=True), "必修课程清单“”：已要求完成指定课程，但清单中没有课程"),
        (replace(BASE, min_hours=Decimal(-1)), "最低学时“-1.00”：不能为负数"),
        (replace(BASE, min_credits=Decimal("1.234")), "最低学分“1.234”：最多保留两位小数"),
        (replace(BASE, min_reflections=-2), "最少心得篇数“-2”：应为 0 到 1000 之间的整数"),
        (replace(BASE, excellent_rate=Fraction(5, 4)), "最低优秀率“125%”：比例不能超过100%"),
        (
            replace(
                BASE,
                slices=(SliceData(Measure.CREDITS, Dimension.SUBJECT, "professional", share=Fraction(1, 2)),),
            ),
            "分项条件“专业科目学分 50%”：设定占比时须同时设定最低学分",
        ),
        (
            replace(
                BASE,
                slices=(
                    PROFESSIONAL,
                    SliceData(Measure.HOURS, Dimension.SUBJECT, "general", share=Fraction(1, 2)),
                ),
            ),
            "分项条件“科目类型 学时”：同一科目类型的占比合计为 7/6，超过100%",
        ),
        (
            replace(
                BASE, slices=(SliceData(Measure.HOURS, Dimension.CATEGORY, "mandatory", minimum=Decimal(1)),)
            ),
            "分项条件“mandatory”：不是有效的选项（可选：必修/选修/实践）",
        ),
        (
            replace(BASE, applies_to=AppliesTo.PERSONNEL_CATEGORY, applies_value="教师"),
            "适用对象“教师”：不是有效的选项（可选：管理人员/专业技术人员/工勤技能）",
        ),
        (replace(BASE, period=PeriodKind.LAST_YEARS), "年数“”：应为 1 到 50 之间的整数"),
        (RequirementData(name="空规则"), "达标条件“”：至少设定一项条件"),
        (replace(BASE, name="职称评定"), "名称“职称评定”：已有同名的达标规则"),
    ],
)
def test_contradictions_and_bad_numbers_are_refused_naming_the_field_and_nothing_is_written(
    db: Database, data: RequirementData, line: str
) -> None:
    before = _counts(db)
    with pytest.raises(ValidationFailed) as refused:
        rules.save_requirement(db.uow(), data)
    assert line in refused.value.message().splitlines()
    assert _counts(db) == before


def test_refusals_read_in_english_too(db: Database) -> None:
    messages.set_language("en")
    with pytest.raises(ValidationFailed) as refused:
        rules.save_requirement(db.uow(), replace(BASE, slices=(replace(PROFESSIONAL, share=Fraction(3, 2)),)))
    assert "Condition on a part“hours in professional subjects 150%”：a share cannot be above 100%" in (
        refused.value.message()
    )


def test_only_an_administrator_edits_requirements(db: Database) -> None:
    db.principal = Principal(name="clerk", role=Role.CLERK)
    before = _counts(db)
    with pytest.raises(PermissionDenied, match="无权修改达标规则和学时认定表"):
        rules.save_requirement(db.uow(), BASE)
    with pytest.raises(PermissionDenied):
        rules.set_requirement_enabled(db.uow(), requirement_id(db, "职称评定"), False)
    assert _counts(db) == before


def test_requirement_edits_are_in_the_audit_trail_with_before_and_after(db: Database) -> None:
    target = requirement_id(db, "专业技术人员继续教育")
    with db.read_session() as session:
        data = rules.get_requirement(session, target)
    with changes.collecting() as collected:
        rules.save_requirement(
            db.uow(),
            replace(data, min_hours=Decimal(100), slices=(replace(data.slices[0], share=Fraction(3, 4)),)),
            target,
        )
    assert collected.changes.requirements and collected.changes.audit
    with db.read_session() as session:
        entries = {
            e.table_name: e
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.action == "update").order_by(AuditEntry.id)
            )
        }
    assert '"min_hours": ["90.00", "100.00"]' in entries["requirement"].changes
    assert entries["requirement"].summary == "专业技术人员继续教育"
    assert '"share_numerator": [2, 3]' in entries["requirement_slice"].changes
    assert '"share_denominator": [3, 4]' in entries["requirement_slice"].changes

    rules.delete_requirement(db.uow(), target)
    with db.read_session() as session:
        deleted = {
            e.table_name for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "delete"))
        }
    assert deleted == {"requirement", "requirement_slice"}


def test_the_checklists_missing_courses_can_be_created_from_it(db: Database) -> None:
    probation = requirement_id(db, "试用期转正")
    with db.uow() as uow:
        uow.session.add(Course(code="ONB-02", title="安全生产（本单位）", category="required"))
        uow.commit()
    with db.read_session() as session:
        assert [c.course_code for c in rules.missing_courses(session, probation)] == ["ONB-01", "ONB-03"]
    db.principal = Principal(name="clerk", role=Role.CLERK)  # courses are training records: a clerk may
    created = rules.create_missing_courses(db.uow(), probation)
    assert len(created) == 2
    with db.read_session() as session:
        found = {c.code: (c.title, c.credits) for c in session.scalars(select(Course))}
        assert rules.missing_courses(session, probation) == []
    assert found == {
        "ONB-01": ("企业文化", Decimal("2.00")),
        "ONB-02": ("安全生产（本单位）", Decimal("0.00")),
        "ONB-03": ("部门流程", Decimal("4.00")),
    }
