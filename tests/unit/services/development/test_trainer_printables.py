"""The trainer contribution report among the printables: found by its name, drawn and exported by the catalogue."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from trainer_cases import students, teach, trainer
from training_data import building

from desktop_hr.db import Database
from desktop_hr.excel.trainers import TRAINERS_HEADERS
from desktop_hr.printing import catalogue
from desktop_hr.services.records.printables import Document, find_printables


def test_found_by_name_drawn_and_exported(db: Database, tmp_path: Path) -> None:
    with building(db) as s:
        pool = students(s, 1)
        teach(s, trainer(s, "00001", "周敏"), "20", date(2026, 3, 3), pool, scores=[85])
        trainer(s, "00002", "吴强")
    with db.read_session() as s:
        found = [
            p
            for p in find_printables(s, "内训师", today=date(2026, 5, 1))
            if p.document is Document.TRAINER_REPORT
        ]
        assert not [
            p
            for p in find_printables(s, "周敏", today=date(2026, 5, 1))
            if p.document is Document.TRAINER_REPORT
        ]
    (item,) = found
    assert (item.what, item.whom, item.year) == ("2026 年度内训师贡献报告", "全部内训师", 2026)
    rendered = catalogue.render_document(db, item, tmp_path / "r.pdf", now=datetime(2026, 5, 1, 9))
    text = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert rendered.pages == 1 and "周敏" in text and "吴强" in text
    assert rendered.details.splitlines()[1:] == [
        "1. 00001 周敏 贡献值 40.00 优秀内训师",
        "2. 00002 吴强 贡献值 0.00",
        "复审：00002 吴强 2 年授课 0 学时，低于 8 学时；无学员评价",
    ]
    assert catalogue.has_excel(item)
    assert catalogue.export_excel(db, item, tmp_path / "r.xlsx", now=datetime(2026, 5, 1)) == 2
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    assert tuple(next(sheet.iter_rows(values_only=True))) == TRAINERS_HEADERS
