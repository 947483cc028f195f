"""`desktop-hr export needs-analysis` and `print needs-analysis` on an office built by hand: the fixed columns
read back, the PDF's figures, goal sentences and pool needs read back, and the print log."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from databases import Location, fresh_database
from needs_cases import person, small_office
from pypdf import PdfReader
from signing import open_as_admin
from test_cli import run
from training_data import building

from desktop_hr.excel.needs_analysis import NEEDS_ANALYSIS_HEADERS
from desktop_hr.models.development import NeedStatus, TrainingNeed
from desktop_hr.services.records.print_log import print_log


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    """销售部: 谈判技巧 60, 65, 80 (a need, two goals mention it, one adopted need in the pool);
    技术部: 团队培养 70, 70 (not a need)."""
    with fresh_database(tmp_path_factory.mktemp("needs"), "needs") as path:
        db = open_as_admin(path)
        try:
            built = small_office(db)
            with building(db) as session:
                person(session, built, "001", "销售部", {"2025": {"谈判技巧": 60}}, goals=("提升谈判技巧",))
                person(session, built, "002", "销售部", {"2025": {"谈判技巧": 65}}, target="谈判技巧带头人")
                person(session, built, "003", "销售部", {"2025": {"谈判技巧": 80}})
                person(session, built, "004", "技术部", {"2025": {"团队培养": 70}})
                person(session, built, "005", "技术部", {"2025": {"团队培养": 70}})
                session.add(
                    TrainingNeed(
                        title="大客户谈判专题",
                        department_id=built.departments["销售部"],
                        competency_id=built.competencies["谈判技巧"],
                        status=NeedStatus.ADOPTED,
                    )
                )
        finally:
            db.dispose()
        yield path


def test_export_needs_analysis(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "needs.xlsx"
    done = run("--db", office, "export", "needs-analysis", out)
    assert done.returncode == 0, done.stderr
    assert f"已导出 1 行到 {out}" in done.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == NEEDS_ANALYSIS_HEADERS
    assert rows[1:] == [["总公司/销售部", "谈判技巧", 68.33, 2, 3, "N01 商务谈判实务", 2]]
    assert Decimal(str(rows[1][2])) == Decimal("68.33")


def test_print_needs_analysis(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "needs.pdf"
    done = run("--db", office, "print", "needs-analysis", "-o", out)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"已保存 {out}（{len(reader.pages)} 页）" in done.stdout
    assert "培训需求分析报告" in text
    assert "总公司/销售部" in text and "68.33" in text and "N01 商务谈判实务" in text
    assert "销售部 67% 的人员（2/3 人）将“谈判技巧”列为职业目标" in text.replace("\n", "")
    assert "大客户谈判专题" in text and "已采纳" in text
    assert "团队培养" in text  # in the summary, though no department needs it
    narrowed = tmp_path / "tech.pdf"
    done = run("--db", office, "print", "needs-analysis", "--department", "总公司/技术部", "-o", narrowed)
    assert done.returncode == 0, done.stderr
    tech = "\n".join(page.extract_text() for page in PdfReader(narrowed).pages)
    assert "没有部门的能力项达到培训需求的标准" in tech and "大客户谈判专题" not in tech
    db = open_as_admin(office)
    try:
        with db.read_session() as session:
            logged = [row for row in print_log(session) if row.document == "needs-analysis"]
    finally:
        db.dispose()
    assert [row.subject for row in logged] == ["总公司/技术部", "全部部门"]


def test_print_needs_analysis_of_an_unknown_department_is_refused(office: Location, tmp_path: Path) -> None:
    done = run(
        "--db", office, "print", "needs-analysis", "--department", "总公司/后勤部", "-o", tmp_path / "x.pdf"
    )
    assert done.returncode != 0 and "总公司/后勤部" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
