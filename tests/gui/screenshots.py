"""Render the README screenshots: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/screenshots.py [folder]`.

Uses a fresh demo database (services.demo.fill_demo, 300 employees) in a temporary folder, and the
same fonts and Chinese translation as the program. Default folder: screenshots/ at the repo root.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import openpyxl  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_hr.db import Database  # noqa: E402
from desktop_hr.services.demo import fill_demo  # noqa: E402
from desktop_hr.services.validation import id_card_check_char  # noqa: E402
from desktop_hr.views import operations  # noqa: E402
from desktop_hr.views.app import create_application  # noqa: E402

SIZE = (1280, 800)


def settle(app: QApplication) -> None:
    """Let background work finish and its results arrive, so the pictures are complete."""
    for _ in range(5):
        operations.wait_for_all()
        app.processEvents()


def bad_roster(path: Path) -> Path:
    first17 = "11010519900101123"
    wrong = "0" if id_card_check_char(first17) != "0" else "1"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年3月 新员工花名册"])
    sheet.append(["工号", "姓名", "性别", "身份证号", "手机", "部门", "岗位", "入职日期", "状态"])
    sheet.append(
        [
            "20001",
            "王晓明",
            "男",
            first17 + id_card_check_char(first17),
            "13800138001",
            "总公司/技术部",
            "工程师",
            date(2026, 2, 1),
            "试用",
        ]
    )
    sheet.append(
        [
            "20002",
            "李娜",
            "女",
            first17 + wrong,
            "13800138002",
            "总公司/财务部",
            "会计",
            date(2026, 2, 1),
            "试用",
        ]
    )
    sheet.append(
        ["20003", "", "男", None, "13800138003", "总公司/生产部", "操作工", date(2026, 2, 3), "试用"]
    )
    sheet.append(["20004", "赵强", "男", None, "1380013", "总公司/生产部", "操作工", "2026/2/30", "试用"])
    sheet.append(
        [
            "20005",
            "孙丽",
            "女",
            None,
            "13800138005",
            "总公司/华东分部/销售部",
            "销售代表",
            date(2026, 2, 5),
            "实习",
        ]
    )
    sheet.append(
        [
            "20006",
            "周杰",
            "男",
            None,
            "13800138006",
            "总公司/华东分部/销售部",
            "销售代表",
            date(2026, 2, 5),
            "试用",
        ]
    )
    book.save(path)
    return path


def render(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="desktop_hr_shots_"))
    os.environ["DESKTOP_HR_DATA_DIR"] = str(work / "data")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application()
    db = Database.open(work / "demo.sqlite3")
    fill_demo(db.uow(), employees=300, today=date(2026, 3, 1))

    from desktop_hr.views.employee_dialog import EmployeeDialog
    from desktop_hr.views.main_window import MainWindow

    window = MainWindow(db)
    window.resize(*SIZE)
    window.show()
    tab = window.employees_tab
    tab.table.selectRow(2)
    settle(app)
    shots = [folder / "employees_tab.png"]
    window.grab().save(str(shots[-1]))

    dialog = EmployeeDialog(db, employee_id=tab.model.employee_id(11), parent=window)
    dialog.show()
    settle(app)
    shots.append(folder / "employee_dialog.png")
    dialog.grab().save(str(shots[-1]))
    dialog.close()

    importer = tab.import_employees()
    importer.start(bad_roster(work / "新员工花名册.xlsx"))
    settle(app)
    shots.append(folder / "import_errors.png")
    importer.grab().save(str(shots[-1]))
    importer.close()

    window.close()
    db.dispose()
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "screenshots"
    for shot in render(target):
        print(shot)
