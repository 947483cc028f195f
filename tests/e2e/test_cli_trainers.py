"""`desktop-hr export trainers` and `print trainer-report` on a small database built by hand: the fixed columns
and figures read back with openpyxl, the report's ranking, 优秀内训师 and re-certification read back from the
PDF, the print log entry, and --year where it does not apply refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from databases import Location, fresh_database
from pypdf import PdfReader
from signing import open_as_admin
from test_cli import run
from trainer_cases import enter_uplift, students, teach, trainer
from training_data import building

from desktop_hr.excel.trainers import TRAINERS_HEADERS
from desktop_hr.models import TrainerLevel
from desktop_hr.services.records.print_log import print_log

DAY = date(2025, 6, 3)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    """2025: 周敏 20 h at 85 (40.00, excellent); 吴强 19.97 h at 85 (39.99); 郑丽 4 h at 90 with 12.5 % uplift
    (40.95, excellent, first); 王芳 a senior trainer who taught nothing (re-certification)."""
    with fresh_database(tmp_path_factory.mktemp("trainers"), "trainers") as path:
        db = open_as_admin(path)
        try:
            with building(db) as s:
                pool = students(s, 2)
                exact = trainer(s, "00001", "周敏")
                below = trainer(s, "00002", "吴强")
                lifted = trainer(s, "00003", "郑丽", TrainerLevel.INTERMEDIATE)
                trainer(s, "00004", "王芳", TrainerLevel.SENIOR)
                teach(s, exact, "20", DAY, pool, scores=[80, 90])
                teach(s, below, "19.97", DAY, pool, scores=[85])
                teach(s, lifted, "4", DAY, pool[:1], scores=[90])
                enter_uplift(s, lifted, 2025, "12.5")
        finally:
            db.dispose()
        yield path


def test_export_trainers_for_a_year(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "trainers.xlsx"
    done = run("--db", office, "export", "trainers", out, "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert f"已导出 4 行到 {out}" in done.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == TRAINERS_HEADERS
    figures = [
        [row[0], row[1], row[3], row[4], *(None if v is None else Decimal(str(v)) for v in row[5:9]), row[9]]
        for row in rows[1:]
    ]
    assert figures == [
        ["00003", "郑丽", "中级", 1, Decimal(4), Decimal(90), Decimal("12.5"), Decimal("40.95"), "是"],
        ["00001", "周敏", "初级", 1, Decimal(20), Decimal(85), None, Decimal(40), "是"],
        ["00002", "吴强", "初级", 1, Decimal("19.97"), Decimal(85), None, Decimal("39.99"), "否"],
        ["00004", "王芳", "高级", 0, Decimal(0), None, None, Decimal(0), "否"],
    ]
    default = tmp_path / "this_year.xlsx"
    assert run("--db", office, "export", "trainers", default).returncode == 0
    this_year = [list(r) for r in openpyxl.load_workbook(default).worksheets[0].iter_rows(values_only=True)]
    assert [row[4] for row in this_year[1:]] == [0, 0, 0, 0]  # nobody taught this year


def test_year_is_refused_for_exports_without_one(office: Location, tmp_path: Path) -> None:
    done = run("--db", office, "export", "points-summary", tmp_path / "p.xlsx", "--year", "2025")
    assert done.returncode == 2
    assert "--year 只用于 export requirements / trainers / training-effect" in done.stderr


def test_print_the_trainer_report(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    done = run("--db", office, "print", "trainer-report", "--year", "2025", "-o", out)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2025 年度内训师贡献报告" in text
    assert "贡献值 = 授课学时 × 0.3 + 平均满意度 × 0.4 + 团队业绩提升(%) × 0.3" in text
    assert "贡献值 ≥ 40" in text
    cells = " ".join(text.split())  # one table cell a line in the extracted text
    ranking = cells[cells.index("一、贡献值排名") : cells.index("二、复审名单")]
    assert "1 00003 郑丽 — 中级 1 4 90 12.5 40.95 ★优秀" in ranking
    assert "2 00001 周敏 — 初级 1 20 85 — 40.00 ★优秀" in ranking
    assert "3 00002 吴强 — 初级 1 19.97 85 — 39.99 4 00004 王芳 — 高级 0 0 — — 0.00" in ranking
    # Re-certification over 2024–2025: 吴强 and 郑丽 taught under 8 hours, 王芳 nothing.
    assert "二、复审名单（2024–2025 年授课不足 8 学时或平均满意度低于 80）" in text
    recertification = cells[cells.index("二、复审名单") :].replace(" ", "")
    assert "1 00003 郑丽 — 中级 4 90 2年授课4学时，低于8学时".replace(" ", "") in recertification
    assert "2 00004 王芳 — 高级 0 — 2年授课0学时，低于8学时；无学员评价".replace(" ", "") in recertification
    db = open_as_admin(office)
    try:
        with db.read_session() as s:
            (entry,) = [e for e in print_log(s) if e.document == "trainer-report"]
    finally:
        db.dispose()
    assert entry.pages == len(reader.pages)
    assert "00001 周敏 贡献值 40.00 优秀内训师" in entry.details
