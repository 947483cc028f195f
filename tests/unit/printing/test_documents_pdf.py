"""The record documents read back from their PDFs: Chinese text, figures, page counts, fonts embedded, valid files."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from training_data import building, enrol, full_days, hand_in, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import AssignmentType, AttendanceStatus, Feedback, PointCategory
from desktop_hr.printing.archive_card import render_archive_card, render_archive_cards
from desktop_hr.printing.department_report import render_department_report
from desktop_hr.printing.fonts import MissingGlyphs
from desktop_hr.printing.layout import CannotWritePdf
from desktop_hr.printing.points_statement import render_points_statement
from desktop_hr.printing.session_report import render_session_report
from desktop_hr.printing.sign_in_sheet import render_sign_in_sheet
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.points.ledger import MANUAL, Posting, post
from desktop_hr.services.points.point_reports import Period
from desktop_hr.services.records import report_data
from desktop_hr.services.records.report_data import PageSettings

SETTINGS = PageSettings("华夏示范有限公司", datetime(2026, 3, 10, 9, 30))
PEOPLE = {"00011": "欧阳明华", "00012": "王芳", "00013": "李雷"}


def _scenario(db: Database, names: dict[str, str] = PEOPLE) -> tuple[int, int, list[int]]:
    """营销谈判技巧 S01 (6 h, 1.5 credits) on 2026-03-05 in 总公司/销售部: everyone enrolled, the first
    on time, the second late, the third absent; reflections and feedback from the first two; points."""
    with building(db) as s:
        department = ensure_department_path(s, "总公司/销售部")
        people = make_people(s, names, department_id=department)
        course = make_course(s, "C07", "营销谈判技巧", hours=Decimal(6), credits=Decimal("1.5"))
        training = make_session(
            s,
            course,
            "S01",
            *full_days(date(2026, 3, 5)),
            place="三楼培训室",
            capacity=20,
            assignment_type=AssignmentType.REFLECTION,
        )
        enrol(s, training, *people)
        statuses = [AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT]
        for person, status, minute in zip(people, statuses, (55, 20, 0), strict=False):
            at = (
                None
                if status is AttendanceStatus.ABSENT
                else datetime(2026, 3, 5, 8 if minute > 30 else 9, minute)
            )
            sign_in(s, training, person, status, signed_in_at=at)
        for person, score in zip(people[:2], (88, 76), strict=True):
            hand_in(
                s,
                training,
                person,
                AssignmentType.REFLECTION,
                datetime(2026, 3, 8, 10),
                hr_score=score,
                head_score=score,
            )
            s.add(
                Feedback(
                    session_id=training.id,
                    employee_id=person.id,
                    trainer_satisfaction=95,
                    course_rating=5,
                    comment="案例丰富，收获很大",
                )
            )
            post(
                s,
                Posting(
                    person.id,
                    10,
                    PointCategory.PARTICIPATION,
                    datetime(2026, 3, 5, 12),
                    MANUAL,
                    reason="签到",
                ),
            )
        return training.id, department, [p.id for p in people]


def _text(path: Path | BytesIO) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def _check_file(path: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, fonts
    for row in rows:  # name type encoding emb sub uni object ID
        assert "TrueType" in row and re.search(r"\byes\s+yes\s+yes\b", row), fonts
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_filled_and_blank_sign_in_sheets(db: Database, tmp_path: Path) -> None:
    session_id, _dept, _ids = _scenario(db)
    with db.read_session() as s:
        filled = report_data.sign_in_sheet_data(s, session_id, blank=False)
        blank = report_data.sign_in_sheet_data(s, session_id, blank=True)
    out = tmp_path / "签到表.pdf"
    pages = render_sign_in_sheet(out, filled, SETTINGS)
    text, count = _text(out)
    assert count == pages == 1
    for expected in (
        "培训签到表",
        "营销谈判技巧",
        "S01",
        "三楼培训室",
        "欧阳明华",
        "03-05 08:55",
        "迟到",
        "缺勤",
        "本人签名",
        "经办人",
        "讲师",
        "华夏示范有限公司",
        "第 1 页 / 共 1 页",
        "打印时间：2026-03-10 09:30",
    ):
        assert expected in text, expected
    _check_file(out)

    out = tmp_path / "空白签到表.pdf"
    render_sign_in_sheet(out, blank, SETTINGS)
    text, _count = _text(out)
    assert "王芳" in text and "08:55" not in text and "迟到" not in text
    assert str(len(blank.lines)) in text  # the last line's number
    _check_file(out)


def test_archive_card_session_report_statement_and_department_report(db: Database, tmp_path: Path) -> None:
    session_id, department, ids = _scenario(db)
    with db.read_session() as s:
        card = report_data.archive_card_data(s, ids[0])
        report = report_data.session_report_data(s, session_id)
        statement = report_data.points_statement_data(s, ids[0], Period.year(2026))
        annual = report_data.department_report_data(s, department, 2026)
    documents = {
        "archive": (
            render_archive_card,
            card,
            (
                "员工培训档案卡",
                "欧阳明华",
                "00011",
                "总公司/销售部",
                "营销谈判技巧",
                "心得88",
                "本人",
                "人事部门",
            ),
        ),
        "report": (
            render_session_report,
            report,
            (
                "培训班次总结报告",
                "66.7%",
                "收回评价表 2 份",
                "案例丰富，收获很大",
                "平均成绩 82",
                "经办人",
                "部门负责人",
            ),
        ),
        "statement": (
            render_points_statement,
            statement,
            ("员工积分对账单", "2026-01-01 至 2026-12-31", "+10", "期末余额"),
        ),
        "department": (
            render_department_report,
            annual,
            ("2026 年度部门培训报告", "总公司/销售部", "营销谈判技巧", "李雷", "部门负责人"),
        ),
    }
    for name, (render, data, expected) in documents.items():
        out = tmp_path / f"{name}.pdf"
        pages = render(out, data, SETTINGS)
        text, count = _text(out)
        assert count == pages >= 1, name
        for piece in expected:
            assert piece in text, (name, piece)
        _check_file(out)
    assert PdfReader(tmp_path / "department.pdf").pages[0].mediabox.width > 800  # landscape


def test_a_rare_character_is_refused_naming_the_person_and_nothing_is_written(
    db: Database, tmp_path: Path
) -> None:
    session_id, _dept, ids = _scenario(db, {"00021": "王\U000301cd", "00022": "李雷"})
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "签到表.pdf"
    with db.read_session() as s:
        sheet = report_data.sign_in_sheet_data(s, session_id, blank=False)
        card = report_data.archive_card_data(s, ids[0])
    with pytest.raises(MissingGlyphs, match="00021"):
        render_sign_in_sheet(out, sheet, SETTINGS)
    with pytest.raises(MissingGlyphs, match="00021"):
        render_archive_card(out, card, SETTINGS)
    assert list(folder.iterdir()) == []


def test_a_failed_write_leaves_no_file_behind(db: Database, tmp_path: Path) -> None:
    session_id, _dept, _ids = _scenario(db)
    with db.read_session() as s:
        sheet = report_data.sign_in_sheet_data(s, session_id, blank=True)

    with pytest.raises(CannotWritePdf, match=r"x\.pdf"):
        render_sign_in_sheet(tmp_path / "missing" / "x.pdf", sheet, SETTINGS)
    assert not (tmp_path / "missing").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or p.name.startswith(".~")] == []


@pytest.mark.slow
def test_a_500_person_department_archive_is_one_pdf_of_a_card_each(db: Database, tmp_path: Path) -> None:
    names = {f"{n:05d}": f"员工{n}" for n in range(1, 501)}
    _session_id, department, _ids = _scenario(db, names)
    with db.read_session() as s:
        cards = report_data.department_archive_data(s, department)
    out = tmp_path / "archive.pdf"
    pages = render_archive_cards(out, cards, SETTINGS)
    reader = PdfReader(out)
    assert len(cards) == 500 and pages == len(reader.pages) >= 500
    assert "员工500" in reader.pages[-1].extract_text()
    _check_file(out)
