"""The fixed `requirements` export: one row per person and requirement, 是/否, the gap in Chinese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from requirement_cases import attended, course, handed_in, person, requirement_id
from training_data import building

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.excel.requirements import REQUIREMENTS_HEADERS, export_requirements


def test_export_lists_every_applicable_requirement_with_verdict_and_gap(db: Database, tmp_path: Path) -> None:
    with building(db) as session:
        forty = course(session, "C40", hours="40", credits="10")
        who = person(session, "1001", "=王芳")  # a name that looks like a formula stays text
        for month in (3, 4):
            handed_in(session, who, attended(session, who, forty, date(2026, month, 1)))
    messages.set_language("en")  # the export is Chinese whatever the window shows
    out = tmp_path / "requirements.xlsx"
    with db.read_session() as session:
        written = export_requirements(
            session,
            out,
            2026,
            requirement_ids=[requirement_id(db, n) for n in ("职称评定", "专业技术人员继续教育")],
        )
    assert written == 2
    workbook = openpyxl.load_workbook(out)
    sheet = workbook.active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert (
        tuple(rows[0]) == REQUIREMENTS_HEADERS == ("工号", "姓名", "部门", "要求", "年度", "是否达标", "差距")
    )
    assert rows[1:] == [
        ["1001", "=王芳", None, "职称评定", 2026, "是", None],
        ["1001", "=王芳", None, "专业技术人员继续教育", 2026, "否", "还差10学时"],
    ]
    assert sheet["B2"].data_type == "s"
