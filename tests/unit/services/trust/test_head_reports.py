"""Which reports a department head sees, and of whom: the stated table permissions.HEAD_REPORTS, as the
printing code applies it (catalogue.as_allowed, used by every PDF, Excel and batch output)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models import Department, Role
from desktop_hr.printing import catalogue
from desktop_hr.services.records.printables import (
    Document,
    Printable,
    Subject,
    needs_analysis_printable,
    trainer_report_printable,
)
from desktop_hr.services.trust.permissions import (
    HEAD_REPORTS,
    OutsideDepartment,
    PermissionDenied,
    Principal,
    ReportScope,
    head_sees,
)


@pytest.fixture
def departments(db: Database) -> dict[str, int]:
    """总公司 › 财务部 › 会计科, and 销售部."""
    ids: dict[str, int] = {}
    with building(db) as session:
        for name, parent in (
            ("总公司", None),
            ("财务部", "总公司"),
            ("会计科", "财务部"),
            ("销售部", "总公司"),
        ):
            above = session.get_one(Department, ids[parent]) if parent else None
            department = Department(
                name=name, kind="company" if above is None else "department", parent_id=above and above.id
            )
            department.path = ""
            session.add(department)
            session.flush()
            department.path = f"{above.path if above else ''}{department.id}/"
            ids[name] = department.id
    return ids


def _head(ids: dict[str, int]) -> Principal:
    return Principal(
        name="finance_head",
        role=Role.DEPARTMENT_HEAD,
        department_id=ids["财务部"],
        departments=frozenset({ids["财务部"], ids["会计科"]}),
    )


def test_every_printable_document_has_a_stated_scope() -> None:
    assert set(HEAD_REPORTS) == {document.value for document in Document}
    assert HEAD_REPORTS[Document.TRAINER_REPORT] is ReportScope.HIDDEN
    assert HEAD_REPORTS[Document.TRAINING_EFFECT] is ReportScope.SUBTREE


def test_heads_do_not_see_hidden_reports_and_other_roles_see_all() -> None:
    head = Principal(name="h", role=Role.DEPARTMENT_HEAD, department_id=1, departments=frozenset({1}))
    hidden = {key for key, scope in HEAD_REPORTS.items() if scope is ReportScope.HIDDEN}
    assert {key for key in HEAD_REPORTS if not head_sees(head, key)} == hidden
    for role in (Role.ADMIN, Role.CLERK, Role.AUDITOR):
        assert all(head_sees(Principal(name="x", role=role), key) for key in HEAD_REPORTS)
    assert not head_sees(None, Document.ARCHIVE_CARD)


def test_a_heads_company_wide_report_is_narrowed_to_its_own_subtree(
    db: Database, departments: dict[str, int]
) -> None:
    head = _head(departments)
    with db.read_session() as session:
        whole = needs_analysis_printable(session)
    assert catalogue.as_allowed(db.principal, whole).department_id is None  # HR: the whole company
    assert catalogue.as_allowed(head, whole).department_id == departments["财务部"]
    below = Printable(Document.NEEDS_ANALYSIS, Subject.OFFICE, 0, "", "", department_id=departments["会计科"])
    assert catalogue.as_allowed(head, below) == below
    elsewhere = Printable(
        Document.TRAINING_EFFECT, Subject.COURSE, 0, "", "", department_id=departments["销售部"]
    )
    with pytest.raises(OutsideDepartment):
        catalogue.as_allowed(head, elsewhere)


def test_a_head_may_print_its_own_departments_report_but_not_anothers(
    db: Database, departments: dict[str, int]
) -> None:
    head = _head(departments)
    own = Printable(Document.DEPARTMENT_REPORT, Subject.DEPARTMENT, departments["会计科"], "", "", year=2026)
    assert catalogue.as_allowed(head, own) == own
    other = Printable(
        Document.DEPARTMENT_REPORT, Subject.DEPARTMENT, departments["销售部"], "", "", year=2026
    )
    with pytest.raises(OutsideDepartment) as refused:
        catalogue.as_allowed(head, other)
    assert "finance_head" in refused.value.message() and "本部门" in refused.value.message()


def test_printing_a_hidden_report_as_a_head_is_refused_and_writes_no_file(
    db: Database, departments: dict[str, int], tmp_path: Path
) -> None:
    db.principal = _head(departments)
    target = tmp_path / "内训师贡献报告.pdf"
    with pytest.raises(PermissionDenied) as refused:
        catalogue.render(db, trainer_report_printable(2026), target, now=datetime(2026, 3, 1, 9))
    assert "无权查看或打印该报表" in refused.value.message()
    assert not target.exists()
