"""The Courses tab as a clerk uses it: list, search, filter, sort, create, edit, materials, delete, Excel."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from tests_gui_helpers import (
    DialogAnswers,
    click_header,
    is_open,
    loaded_dialog,
    shown,
    type_text,
    visible_dialog,
    wait_idle,
)
from training_data import building, make_session

from desktop_hr import paths
from desktop_hr.db import Database, read_only
from desktop_hr.models import CourseCategory, Delivery
from desktop_hr.services.archive.organisation import ensure_competency, ensure_department_path
from desktop_hr.services.training.courses import (
    COURSE_COLUMNS,
    CourseData,
    CourseQuery,
    add_material,
    course_rows,
    create_course,
    get_course,
    list_materials,
)
from desktop_hr.views.exchange.import_dialog import ImportDialog
from desktop_hr.views.training.course_dialog import CourseDialog
from desktop_hr.views.training.courses_tab import CoursesTab


@pytest.fixture
def courses(db: Database) -> dict[str, int]:
    with db.uow() as uow:
        ensure_department_path(uow.session, "总公司/华东分部/销售部")
        ensure_competency(uow.session, "沟通")
        ensure_competency(uow.session, "安全意识")
        uow.commit()
    made = {
        "C001": create_course(
            db.uow(), CourseData("C001", "安全生产", CourseCategory.REQUIRED, Decimal(2), Decimal(4))
        ),
        "C002": create_course(
            db.uow(),
            CourseData("C002", "沟通技巧", CourseCategory.ELECTIVE, Decimal("1.5"), delivery=Delivery.ONLINE),
        ),
        "C003": create_course(
            db.uow(), CourseData("C003", "现场急救演练", CourseCategory.PRACTICE, Decimal(1))
        ),
    }
    return made


@pytest.fixture
def tab(qtbot: Any, db: Database, courses: dict[str, int]) -> CoursesTab:
    widget = shown(qtbot, CoursesTab(db), size=(1100, 600))
    wait_idle(qtbot)  # the list is read in the background once shown
    return widget


def codes(tab: CoursesTab) -> list[str]:
    return [tab.model.item(row).code for row in range(tab.model.rowCount())]


def row_of(tab: CoursesTab, code: str) -> int:
    return codes(tab).index(code)


def double_click(qtbot: Any, tab: CoursesTab, code: str) -> CourseDialog:
    index = tab.model.index(row_of(tab, code), COURSE_COLUMNS.index("title"))
    position = tab.table.visualRect(index).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    dialog = loaded_dialog(qtbot, tab, CourseDialog)
    qtbot.addWidget(dialog)
    return dialog


def test_the_table_lists_every_course_with_its_values(
    tab: CoursesTab, db: Database, qtmodeltester: Any
) -> None:
    with read_only(db) as session:
        expected = [r.code for r in course_rows(session, CourseQuery(active=True))]
    assert codes(tab) == expected
    row = row_of(tab, "C002")
    shown = {key: tab.model.index(row, column).data() for column, key in enumerate(COURSE_COLUMNS)}
    assert shown["title"] == "沟通技巧"
    assert shown["credits"] == "1.50"
    assert shown["category"] == "选修"
    assert shown["delivery"] == "线上"
    assert shown["owner"] == "人事通用模块"
    assert shown["session_count"] == "0"
    qtmodeltester.check(tab.model)


def test_search_and_filters_narrow_the_list(qtbot: Any, tab: CoursesTab) -> None:
    type_text(tab.search_edit, "沟通")
    qtbot.waitUntil(lambda: codes(tab) == ["C002"])
    tab.search_edit.clear()
    qtbot.waitUntil(lambda: len(codes(tab)) == 3)
    qtbot.keyClicks(tab.search_edit, "c00")
    qtbot.waitUntil(lambda: codes(tab) == ["C001", "C002", "C003"])
    tab.search_edit.clear()

    tab.category_filter.set_value(CourseCategory.PRACTICE)
    wait_idle(qtbot)
    assert codes(tab) == ["C003"]
    tab.category_filter.set_value(None)
    tab.delivery_filter.set_value(Delivery.ONLINE)
    wait_idle(qtbot)
    assert codes(tab) == ["C002"]


def test_clicking_a_header_sorts(qtbot: Any, tab: CoursesTab) -> None:
    column = COURSE_COLUMNS.index("credits")
    click_header(qtbot, tab.table, column)
    assert tab.model.query.sort == "credits"
    wait_idle(qtbot)
    assert codes(tab) == ["C003", "C002", "C001"]
    click_header(qtbot, tab.table, column)
    wait_idle(qtbot)
    assert codes(tab) == ["C001", "C002", "C003"]


def test_create_a_course_through_the_dialog(qtbot: Any, tab: CoursesTab, db: Database) -> None:
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, tab, CourseDialog)
    qtbot.addWidget(dialog)
    assert not dialog.tabs.isTabEnabled(1)  # materials wait until the course exists
    type_text(dialog.code_edit, "C010")
    type_text(dialog.title_edit, "大客户销售")
    dialog.credits_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.credits_spin, "1.5")
    dialog.hours_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.hours_spin, "6")
    dialog.category_combo.set_value(CourseCategory.ELECTIVE)
    dialog.owner_combo.setCurrentIndex(dialog.owner_combo.findText("总公司/华东分部/销售部"))
    assert dialog.owner_combo.itemData(0) is None  # the HR general module comes first
    dialog.competency_list.findItems("沟通", Qt.MatchFlag.MatchExactly)[0].setCheckState(
        Qt.CheckState.Checked
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert "C010" in codes(tab)  # read again through the hub, the new course selected
    assert tab.selected_course() is not None
    with read_only(db) as session:
        saved = get_course(session, tab.selected_course() or 0)
    assert (saved.code, saved.title, saved.credits, saved.hours) == ("C010", "大客户销售", Decimal("1.5"), 6)
    assert saved.category is CourseCategory.ELECTIVE
    assert saved.owner_department_id is not None
    assert saved.competencies == ("沟通",)


def test_invalid_credits_keep_the_dialog_open_with_a_message(
    qtbot: Any, tab: CoursesTab, db: Database, dialog_answers: DialogAnswers
) -> None:
    dialog = tab.new_course()
    qtbot.addWidget(dialog)
    wait_idle(qtbot)
    type_text(dialog.code_edit, "C011")
    type_text(dialog.title_edit, "财务基础")
    dialog.credits_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.credits_spin, "1.255")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert is_open(dialog)
    error = dialog.boxes["course_credits"].error_label
    assert error.isVisible() and "两位小数" in error.text()
    assert any("学分“1.255”" in text for text in dialog_answers.texts("warning"))
    with read_only(db) as session:
        assert "C011" not in [r.code for r in course_rows(session)]

    # A code already in use is named at the code field.
    dialog.credits_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.credits_spin, "1")
    assert not error.isVisible()
    dialog.code_edit.setText("C001")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert is_open(dialog)
    assert "安全生产" in dialog.boxes["course_code"].error_label.text()
    dialog.done(0)


def test_edit_with_enter_then_add_and_remove_a_material(
    qtbot: Any, tab: CoursesTab, db: Database, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    tab.table.setFocus()
    tab.table.selectRow(row_of(tab, "C001"))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = loaded_dialog(qtbot, tab, CourseDialog)
    qtbot.addWidget(dialog)
    assert dialog.code_edit.text() == "C001"
    assert dialog.credits_spin.text() == "2"
    dialog.tabs.setCurrentIndex(1)
    panel = dialog.materials_panel
    assert panel is not None
    wait_idle(qtbot)  # the files are read once the tab is shown

    source = tmp_path / "安全生产课件.pptx"
    source.write_bytes(b"slides" * 100)
    dialog_answers.open_file = str(source)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == "安全生产课件.pptx"
    assert panel.model.index(0, 1).data() == "600 B"
    assert tab.model.item(row_of(tab, "C001")).material_count == 1  # the tab behind heard it too
    assert panel.table.selectionModel().isRowSelected(0)

    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert panel.model.rowCount() == 0
    assert any("安全生产课件.pptx" in text for text in dialog_answers.texts("question"))
    with read_only(db) as session:
        assert list_materials(session, tab.selected_course() or 0) == []
    dialog.done(0)


@pytest.fixture
def handbook(db: Database, courses: dict[str, int], tmp_path: Path) -> Path:
    """A file in the material library of C002."""
    source = tmp_path / "手册.pdf"
    source.write_bytes(b"%PDF-1.4 handbook")
    add_material(db.uow(), courses["C002"], source)
    return source


def test_double_click_opens_the_course_and_its_files_open_and_save(
    qtbot: Any,
    tab: CoursesTab,
    handbook: Path,
    dialog_answers: DialogAnswers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab.refresh()
    wait_idle(qtbot)
    dialog = double_click(qtbot, tab, "C002")
    assert dialog.title_edit.text() == "沟通技巧"
    panel = dialog.materials_panel
    assert panel is not None
    dialog.tabs.setCurrentWidget(panel)
    wait_idle(qtbot)
    assert panel.model.index(0, 0).data() == "手册.pdf"

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    [url] = opened
    copied = Path(url.toLocalFile())
    assert copied.name == "手册.pdf"
    assert copied.parent == paths.data_dir() / "open"
    assert copied.read_bytes() == handbook.read_bytes()

    target = handbook.parent / "saved" / "copy.pdf"
    target.parent.mkdir()
    dialog_answers.save_file = str(target)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert target.read_bytes() == handbook.read_bytes()
    dialog.done(0)


def test_material_model_is_valid(
    qtbot: Any, db: Database, courses: dict[str, int], handbook: Path, qtmodeltester: Any
) -> None:
    dialog = shown(qtbot, CourseDialog(db, courses["C002"]))
    assert dialog.materials_panel is not None
    dialog.tabs.setCurrentWidget(dialog.materials_panel)
    wait_idle(qtbot)
    assert dialog.materials_panel.model.rowCount() == 1
    qtmodeltester.check(dialog.materials_panel.model)


def test_delete_asks_and_refuses_a_course_that_has_sessions(
    qtbot: Any, tab: CoursesTab, db: Database, courses: dict[str, int], dialog_answers: DialogAnswers
) -> None:
    with building(db) as s:
        make_session(s, courses["C001"], "S001", datetime(2026, 3, 2, 9))
    tab.refresh()
    wait_idle(qtbot)
    tab.table.setFocus()
    tab.table.selectRow(row_of(tab, "C001"))
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    wait_idle(qtbot)
    [refusal] = dialog_answers.texts("warning")
    assert "C001 安全生产" in refusal and "培训班次" in refusal
    assert "C001" in codes(tab)

    tab.table.selectRow(row_of(tab, "C003"))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert codes(tab) == ["C001", "C002"]
    assert "C003" in dialog_answers.texts("question")[-1]


def test_export_template_and_import_buttons(
    qtbot: Any, tab: CoursesTab, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    exported = tmp_path / "courses.xlsx"
    dialog_answers.save_file = str(exported)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(exported).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["C001", "C002", "C003"]

    template = tmp_path / "template.xlsx"
    dialog_answers.save_file = str(template)
    qtbot.mouseClick(tab.template_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    header = next(openpyxl.load_workbook(template).active.iter_rows(max_row=1, values_only=True))  # type: ignore[union-attr]
    assert header[:2] == ("课程编号", "课程名称")

    sheet["B2"] = "安全生产（新版）"
    sheet.parent.save(exported)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(tab, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.start(exported)
    wait_idle(qtbot)
    assert tab.model.item(row_of(tab, "C001")).title == "安全生产（新版）"
    dialog.done(0)
