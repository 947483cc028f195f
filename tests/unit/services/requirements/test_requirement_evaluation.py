"""Every shipped requirement on small hand-built cases: verdicts and gap texts, compared exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from requirement_cases import addresses, attended, course, handed_in, person, record, requirement_id, standing
from training_data import building

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    CourseCategory,
    Department,
    Dimension,
    EmployeeStatus,
    Measure,
    PersonnelCategory,
    Role,
    SubjectType,
)
from desktop_hr.services.requirements import rules
from desktop_hr.services.requirements.evaluation import evaluate, person_standings
from desktop_hr.services.requirements.lists import at_risk, eligibility
from desktop_hr.services.requirements.rules import RequirementData, SliceData
from desktop_hr.services.trust.permissions import Principal

YEAR = 2026


# ---- 试用期转正: the onboarding checklist -----------------------------------------------------------


def test_probation_needs_the_three_onboarding_courses_since_hire(db: Database) -> None:
    with building(db) as session:
        culture = course(session, "ONB-01", title="企业文化", credits="2")
        safety = course(session, "ONB-02", title="安全生产", credits="3")
        process = course(session, "ONB-03", title="部门流程", credits="4")
        new = person(session, "1001", "新员工", status=EmployeeStatus.PROBATION, hire_date=date(2026, 3, 1))
        attended(session, new, culture, date(2026, 3, 2))
        attended(session, new, safety, date(2026, 3, 3), AttendanceStatus.COMPLETED)  # online counts
        attended(session, new, process, date(2026, 2, 20))  # before hire: another job's induction
        done = person(session, "1002", "已完成", status=EmployeeStatus.PROBATION, hire_date=date(2026, 1, 5))
        for row in (culture, safety, process):
            attended(session, done, row, date(2026, 1, 6), AttendanceStatus.LATE)
        person(session, "1003", "正式员工", status=EmployeeStatus.ACTIVE)

    short = standing(db, "试用期转正", "1001", YEAR)
    assert short is not None and not short.met
    assert short.gap() == "还差课程：部门流程（ONB-03）"
    assert short.figures.courses_done == ("ONB-01", "ONB-02")
    passed = standing(db, "试用期转正", "1002", YEAR)
    assert passed is not None and passed.met and passed.gap() == ""
    assert standing(db, "试用期转正", "1003", YEAR) is None  # applies to people on probation only


def test_probation_checklist_names_courses_not_created_yet(db: Database) -> None:
    with building(db) as session:
        person(session, "1001", "新员工", status=EmployeeStatus.PROBATION)
    found = standing(db, "试用期转正", "1001", YEAR)
    assert found is not None
    assert found.gap() == "还差课程：企业文化（ONB-01）、安全生产（ONB-02）、部门流程（ONB-03）"
    messages.set_language("en")
    assert found.gap() == "courses still to attend: 企业文化 (ONB-01), 安全生产 (ONB-02), 部门流程 (ONB-03)"


def test_excused_and_absent_sessions_do_not_count(db: Database) -> None:
    with building(db) as session:
        new = person(session, "1001", "新员工", status=EmployeeStatus.PROBATION)
        for code, status in (
            ("ONB-01", AttendanceStatus.PRESENT),
            ("ONB-02", AttendanceStatus.EXCUSED),
            ("ONB-03", AttendanceStatus.ABSENT),
        ):
            attended(session, new, course(session, code, credits="2"), date(2026, 4, 1), status)
    found = standing(db, "试用期转正", "1001", YEAR)
    assert found is not None and not found.met
    assert found.gap() == "还差课程：安全生产（ONB-02）、部门流程（ONB-03）"


# ---- 晋升主管 and 晋升店长: credits since hire ------------------------------------------------------


def test_supervisor_needs_150_credits_of_which_50_practice(db: Database) -> None:
    with building(db) as session:
        required = course(session, "R1", credits="100")
        practice = course(session, "P1", credits="50", category=CourseCategory.PRACTICE)
        small_practice = course(session, "P2", credits="30", category=CourseCategory.PRACTICE)
        met = person(session, "1001", "达标", hire_date=date(2020, 1, 1))
        attended(session, met, required, date(2021, 5, 1))
        attended(session, met, practice, date(2026, 5, 1))
        short_practice = person(session, "1002", "实践不足")
        attended(session, short_practice, required, date(2025, 5, 1))
        record(session, short_practice, date(2019, 3, 1), credits="10")  # history counts, any year
        attended(session, short_practice, small_practice, date(2026, 5, 1))
        short_both = person(session, "1003", "都不足")
        attended(session, short_both, course(session, "R2", credits="55"), date(2026, 5, 1))
        attended(
            session,
            short_both,
            course(session, "P3", credits="45", category=CourseCategory.PRACTICE),
            date(2026, 6, 1),
        )

    assert (found := standing(db, "晋升主管", "1001", YEAR)) is not None and found.met
    assert found.figures.credits == Decimal("150.00")
    # 140 credits, 30 practice: 20 more practice credits also make up the 10 missing in all.
    found = standing(db, "晋升主管", "1002", YEAR)
    assert found is not None and found.gap() == "实践课还差20学分"
    found = standing(db, "晋升主管", "1003", YEAR)
    assert found is not None and found.gap() == "还差50学分，其中实践课还差5学分"
    messages.set_language("en")
    assert found.gap() == "50 more credits, of which 5 in practice courses"


def test_store_manager_needs_200_credits_30_percent_team_management(db: Database) -> None:
    with building(db) as session:
        general = course(session, "G1", credits="140")
        team = course(session, "T1", credits="60")
        addresses(session, team, "团队管理")
        almost = course(session, "T2", credits="59.99")
        addresses(session, almost, "团队管理")
        met = person(session, "1001", "达标")
        attended(session, met, general, date(2024, 3, 1))
        attended(session, met, team, date(2026, 3, 1))
        short = person(session, "1002", "差一点")
        attended(session, short, general, date(2024, 3, 1))
        attended(session, short, almost, date(2026, 3, 1))
        record(session, short, date(2025, 1, 1), credits="0.01")  # 200 in all, 59.99 of them team management

    assert (found := standing(db, "晋升店长", "1001", YEAR)) is not None and found.met
    found = standing(db, "晋升店长", "1002", YEAR)
    assert found is not None and not found.met
    assert found.gap() == "团队管理类课程还差0.02学分"  # 60.01 of 200.02 is at least 30 %


# ---- 职称评定: hours in the year and reflections --------------------------------------------------


def test_title_evaluation_counts_the_year_only(db: Database) -> None:
    with building(db) as session:
        ten = course(session, "C10", hours="10")
        met = person(session, "1001", "达标")
        for month in (2, 4, 6, 8):
            training = attended(session, met, ten, date(YEAR, month, 1))
            if month < 6:
                handed_in(session, met, training)
        short = person(session, "1002", "不足")
        last_year = attended(session, short, ten, date(YEAR - 1, 12, 31))
        handed_in(session, short, last_year)  # a reflection of last year's session: last year's
        record(session, short, date(YEAR - 1, 6, 1), hours="40")  # last year's record: not this year
        record(session, short, date(YEAR + 1, 1, 1), hours="40")  # next year's neither
        this_year = attended(session, short, ten, date(YEAR, 1, 1))
        handed_in(session, short, this_year)
        record(session, short, date(YEAR, 12, 31), hours="20")
        person(session, "1003", "管理人员", category=PersonnelCategory.MANAGEMENT)

    assert (found := standing(db, "职称评定", "1001", YEAR)) is not None and found.met
    found = standing(db, "职称评定", "1002", YEAR)
    assert found is not None and found.figures.hours == Decimal("30.00")
    assert found.gap() == "还差10学时；还差1篇心得"
    messages.set_language("en")
    assert found.gap() == "10 more hours; 1 more reflection(s)"
    assert standing(db, "职称评定", "1003", YEAR) is None  # 专业技术人员 only


# ---- 岗位晋升: the excellent-submission rate over three years -------------------------------------


def test_post_promotion_needs_80_percent_excellent_over_three_years(db: Database) -> None:
    with building(db) as session:
        row = course(session, "C1", hours="2")
        met = person(session, "1001", "达标")
        short = person(session, "1002", "不足")
        for n in range(5):
            for who, excellent in ((met, n < 4), (short, n < 3)):
                training = attended(session, who, row, date(YEAR - 2 + n % 3, 3, 1 + n))
                handed_in(session, who, training, AssignmentType.HOMEWORK, excellent=excellent)
        old = attended(session, short, row, date(YEAR - 3, 12, 31))  # four years back: does not count
        handed_in(session, short, old, AssignmentType.ACTION_PLAN, excellent=True)
        person(session, "1003", "无提交")

    assert (found := standing(db, "岗位晋升", "1001", YEAR)) is not None and found.met
    found = standing(db, "岗位晋升", "1002", YEAR)
    assert found is not None and (found.figures.excellent, found.figures.submissions) == (3, 5)
    assert found.gap() == "还差5篇优秀提交（现为3/5，优秀率须不低于80%）"
    found = standing(db, "岗位晋升", "1003", YEAR)
    assert found is not None and found.gap() == "还差1篇优秀提交（现为0/0，优秀率须不低于80%）"


# ---- 专业技术人员继续教育: 90 hours, professional subjects at least 2/3 -----------------------------


@pytest.mark.parametrize(
    ("professional", "met", "gap"),
    [
        ("60", True, ""),  # 60 of 90 is exactly 2/3
        ("59.99", False, "专业科目还差0.03学时"),  # 60.02 of 90.03 is 2/3 again
    ],
)
def test_continuing_education_compares_the_share_exactly(
    db: Database, professional: str, met: bool, gap: str
) -> None:
    with building(db) as session:
        who = person(session, "1001", "专技人员")
        attended(
            session,
            who,
            course(session, "P", hours=professional, subject=SubjectType.PROFESSIONAL),
            date(YEAR, 3, 1),
        )
        general = Decimal(90) - Decimal(professional)
        record(session, who, date(YEAR, 6, 1), hours=str(general), subject=SubjectType.GENERAL)
    found = standing(db, "专业技术人员继续教育", "1001", YEAR)
    assert found is not None and found.figures.hours == Decimal("90.00")
    assert (found.met, found.gap()) == (met, gap)


def test_the_gap_of_hours_of_a_share_and_of_reflections_reads_as_one_sentence(db: Database) -> None:
    rules.save_requirement(
        db.uow(),
        RequirementData(
            name="继续教育（含心得）",
            min_hours=Decimal(90),
            min_reflections=1,
            slices=(SliceData(Measure.HOURS, Dimension.SUBJECT, "professional", share=Fraction(2, 3)),),
        ),
    )
    with building(db) as session:
        who = person(session, "1001", "专技人员")
        attended(
            session, who, course(session, "P", hours="54", subject=SubjectType.PROFESSIONAL), date(YEAR, 3, 1)
        )
        attended(
            session, who, course(session, "G", hours="26", subject=SubjectType.GENERAL), date(YEAR, 4, 1)
        )
    found = standing(db, "继续教育（含心得）", "1001", YEAR)
    assert found is not None
    assert found.gap() == "还差10学时，其中专业科目还差6学时；还差1篇心得"
    messages.set_language("en")
    assert found.gap() == "10 more hours, of which 6 in professional subjects; 1 more reflection(s)"


# ---- who is evaluated, who sees what ------------------------------------------------------------------


def test_people_who_left_before_the_year_ended_are_not_evaluated(db: Database) -> None:
    with building(db) as session:
        person(session, "1001", "在职")
        person(session, "1002", "年内离职", status=EmployeeStatus.LEFT, leave_date=date(YEAR, 6, 30))
        person(session, "1003", "次年离职", status=EmployeeStatus.LEFT, leave_date=date(YEAR + 1, 2, 1))
        person(session, "1004", "次年入职", hire_date=date(YEAR + 1, 1, 1))
    with db.read_session() as session:
        numbers = {
            s.employee_no for s in evaluate(session, YEAR, requirement_ids=[requirement_id(db, "晋升主管")])
        }
    assert numbers == {"1001", "1003"}


def test_a_department_head_sees_only_its_own_subtree(db: Database) -> None:
    with building(db) as session:
        company = Department(name="总公司", kind="company", path="")
        session.add(company)
        session.flush()
        company.path = f"{company.id}/"
        ids = {"总公司": company.id}
        for name, parent in (("财务部", "总公司"), ("会计科", "财务部"), ("销售部", "总公司")):
            parent_row = session.get_one(Department, ids[parent])
            row = Department(name=name, kind="department", parent_id=parent_row.id, path="")
            session.add(row)
            session.flush()
            row.path = f"{parent_row.path}{row.id}/"
            ids[name] = row.id
        ten = course(session, "C10", hours="50", credits="10")
        for no, where in (("1001", "会计科"), ("1002", "财务部"), ("1003", "销售部")):
            who = person(session, no, f"员工{no}", department_id=ids[where])
            attended(session, who, ten, date(YEAR, 3, 1))
        finance = frozenset({ids["财务部"], ids["会计科"]})
    db.principal = Principal(
        name="head", role=Role.DEPARTMENT_HEAD, department_id=ids["财务部"], departments=finance
    )
    with db.read_session() as session:
        seen = evaluate(session, YEAR)
        listed = eligibility(session, requirement_id(db, "职称评定"), YEAR)
    assert {s.employee_no for s in seen} == {"1001", "1002"}
    assert [g.department for g in listed.groups] == ["总公司/财务部", "总公司/财务部/会计科"]
    assert (listed.met, listed.total) == (0, 2)  # 50 hours each, but no reflections


def test_eligibility_list_groups_by_department_with_counts_and_search(db: Database) -> None:
    with building(db) as session:
        forty = course(session, "C40", hours="40")
        for no, name, reflections in (("1001", "王芳", 2), ("1002", "李雷", 0), ("1003", "王强", 2)):
            who = person(session, no, name)
            training = attended(session, who, forty, date(YEAR, 5, 1))
            for _ in range(reflections):
                handed_in(session, who, training)
                training = attended(session, who, forty, date(YEAR, 6, 1))
    with db.read_session() as session:
        everyone = eligibility(session, requirement_id(db, "职称评定"), YEAR)
        found = eligibility(session, requirement_id(db, "职称评定"), YEAR, text="王")
        short = eligibility(session, requirement_id(db, "职称评定"), YEAR, only=False)
    assert (everyone.met, everyone.total) == (2, 3)
    assert everyone.conditions == "当年：学时≥40；心得≥2篇"
    assert [r.employee_no for g in found.groups for r in g.rows] == ["1001", "1003"]
    assert [r.name for g in short.groups for r in g.rows] == ["李雷"]


def test_one_persons_standing_against_every_requirement_that_applies(db: Database) -> None:
    with building(db) as session:
        who = person(session, "1001", "专技人员")
    with db.read_session() as session:
        names = [s.requirement for s in person_standings(session, who.id, YEAR)]
    assert names == ["晋升主管", "晋升店长", "职称评定", "岗位晋升", "专业技术人员继续教育"]


def test_people_at_risk_are_listed_from_the_first_of_october(db: Database) -> None:
    with building(db) as session:
        short = person(session, "1001", "不足")
        attended(session, short, course(session, "C1", hours="30"), date(YEAR, 3, 1))
        enough = person(session, "1002", "足够")
        training = attended(
            session,
            enough,
            course(session, "C2", hours="90", subject=SubjectType.PROFESSIONAL),
            date(YEAR, 3, 1),
        )
        handed_in(session, enough, training)
        handed_in(session, enough, training, AssignmentType.HOMEWORK)
        person(session, "1003", "管理人员", category=PersonnelCategory.MANAGEMENT)
    with db.read_session() as session:
        assert at_risk(session, date(YEAR, 9, 30)) == []
        risky = at_risk(session, date(YEAR, 10, 1))
    # Only this year's duties (职称评定, 继续教育), not eligibility for a promotion; 1002 reflects once only.
    assert [(s.employee_no, s.requirement, s.gap()) for s in risky] == [
        ("1001", "职称评定", "还差10学时；还差2篇心得"),
        ("1001", "专业技术人员继续教育", "还差60学时，其中专业科目还差30学时"),
        ("1002", "职称评定", "还差1篇心得"),
    ]


def test_applies_to_a_position_a_rank_a_title_and_switched_off_requirements_are_not_evaluated(
    db: Database,
) -> None:
    from desktop_hr.models import AppliesTo, Position, Rank

    with building(db) as session:
        manager = Position(name="店长")
        session.add(manager)
        session.flush()
        person(session, "1001", "店长甲", position_id=manager.id)
        person(session, "1002", "中层乙", rank=Rank.MIDDLE)
        person(session, "1003", "工程师丙", title="高级工程师")
        person(session, "1004", "无职称丁")
        position_id = manager.id
    base = RequirementData(name="x", min_credits=Decimal(1))
    for name, applies_to, value, position in (
        ("店长培训", AppliesTo.POSITION, "", position_id),
        ("中层培训", AppliesTo.RANK, "middle", None),
        ("高工继续教育", AppliesTo.TITLE, "高级工程师", None),
        ("职称人员培训", AppliesTo.TITLE, "", None),
    ):
        rules.save_requirement(
            db.uow(),
            RequirementData(
                **{
                    **base.__dict__,
                    "name": name,
                    "applies_to": applies_to,
                    "applies_value": value,
                    "position_id": position,
                }
            ),
        )
    rules.set_requirement_enabled(db.uow(), requirement_id(db, "晋升主管"), False)
    with db.read_session() as session:
        found = {(s.requirement, s.employee_no) for s in evaluate(session, YEAR)}
    assert {
        pair for pair in found if pair[0] not in ("晋升店长", "职称评定", "岗位晋升", "专业技术人员继续教育")
    } == {
        ("店长培训", "1001"),
        ("中层培训", "1002"),
        ("高工继续教育", "1003"),
        ("职称人员培训", "1003"),
    }


def test_a_share_of_all_and_a_rate_of_all_that_cannot_be_reached_say_so(db: Database) -> None:
    rules.save_requirement(
        db.uow(),
        RequirementData(
            name="全部专业",
            min_hours=Decimal(10),
            excellent_rate=Fraction(1),
            slices=(SliceData(Measure.HOURS, Dimension.SUBJECT, "professional", share=Fraction(1)),),
        ),
    )
    with building(db) as session:
        who = person(session, "1001", "专技人员")
        attended(
            session, who, course(session, "P", hours="8", subject=SubjectType.PROFESSIONAL), date(YEAR, 3, 1)
        )
        training = attended(
            session, who, course(session, "G", hours="4", subject=SubjectType.GENERAL), date(YEAR, 4, 1)
        )
        handed_in(session, who, training)
    found = standing(db, "全部专业", "1001", YEAR)
    assert found is not None
    assert found.gap() == "学时须全部为专业科目，已有4学时不是；优秀率须为100%，已有1篇未评为优秀"
