"""The trainer pages: the year's ranking with 优秀内训师 shown, search, the uplift entered by HR (refused values
shown on the field), export and the report PDF; the settings dialog; promotions confirmed after a question and
the re-certification list; auditors and heads see without changing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from test_no_gui_thread_reads import ReadLog, assert_loaded_without_gui_reads, reads  # noqa: F401
from tests_gui_helpers import DialogAnswers, is_open, loaded_dialog, shown, type_text, wait_idle
from trainer_cases import attend_track, enter_uplift, students, teach, trainer
from training_data import building

from desktop_hr.db import Database, read_only
from desktop_hr.excel.trainers import TRAINERS_HEADERS
from desktop_hr.models import CourseCategory, Employee, Role, TrainerLevel, TrainerTrack, TrainerYear
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.development import settings
from desktop_hr.services.records.print_log import print_log
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.development.settings_dialog import DevelopmentSettingsDialog
from desktop_hr.views.development.trainer_levels_page import TrainerLevelsPage
from desktop_hr.views.development.trainer_profiles_page import TrainerProfilesPage
from desktop_hr.views.development.uplift_dialog import UpliftDialog

YEAR = 2026
DAY = date(2026, 4, 8)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """技术部: 00001 周敏 20 h at 85 (40.00, excellent), 00003 郑丽 4 h at 90 + 12.5 % (40.95, excellent, first).
    销售部: 00002 吴强 19.97 h at 85 (39.99). 00001 also has 10 h of basic trainer training (qualifies)."""
    with building(db) as s:
        tech = ensure_department_path(s, "总公司/技术部")
        sales = ensure_department_path(s, "总公司/销售部")
        pool = students(s, 2)
        exact = trainer(s, "00001", "周敏", department_id=tech)
        below = trainer(s, "00002", "吴强", department_id=sales)
        lifted = trainer(s, "00003", "郑丽", TrainerLevel.INTERMEDIATE, department_id=tech)
        teach(s, exact, "20", DAY, pool, scores=[80, 90])
        teach(s, below, "19.97", DAY, pool, scores=[85])
        teach(s, lifted, "4", DAY, pool[:1], scores=[90])
        enter_uplift(s, lifted, YEAR, "12.5")
        attend_track(s, exact, TrainerTrack.BASIC, "10", date(2026, 2, 2))
        return {"tech": tech, "zhou": exact.id, "wu": below.id}


@pytest.fixture
def page(qtbot: Any, db: Database, office: dict[str, int]) -> TrainerProfilesPage:
    widget = shown(qtbot, TrainerProfilesPage(db), size=(1200, 600))
    widget.year_spin.setValue(YEAR)
    wait_idle(qtbot)
    return widget


def rows(model: Any, columns: tuple[int, ...]) -> list[tuple[str, ...]]:
    return [tuple(model.index(r, c).data() for c in columns) for r in range(model.rowCount())]


def test_the_ranking_with_excellent_trainers_marked(page: TrainerProfilesPage, qtmodeltester: Any) -> None:
    qtmodeltester.check(page.model)
    assert rows(page.model, (0, 1, 2, 6, 7, 8, 9, 10)) == [
        ("1", "00003", "郑丽", "4.00", "90.00", "12.50", "40.95", "★ 优秀内训师"),
        ("2", "00001", "周敏", "20.00", "85.00", "—", "40.00", "★ 优秀内训师"),
        ("3", "00002", "吴强", "19.97", "85.00", "—", "39.99", ""),
    ]
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert page.counts_label.text() == "3 名内训师 · 优秀 2 名"
    assert "40" in page.rule_label.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "trainer_profiles_page.png"))


def test_search_and_sort(qtbot: Any, page: TrainerProfilesPage) -> None:
    type_text(page.search_edit, "销售")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert rows(page.model, (1,)) == [("00002",)]
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    page.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # hours taught
    assert [r[0] for r in rows(page.model, (1,))] == ["00001", "00002", "00003"]


def test_another_year_has_its_own_figures(qtbot: Any, page: TrainerProfilesPage) -> None:
    page.year_spin.setValue(YEAR - 1)
    wait_idle(qtbot)
    assert {r[1] for r in rows(page.model, (1, 5))} == {"0"}  # trainers listed, nothing taught


def test_entering_an_uplift_refuses_a_bad_value_then_stores_it(
    qtbot: Any, page: TrainerProfilesPage, db: Database, dialog_answers: DialogAnswers
) -> None:
    page.table.selectRow(2)  # 吴强 39.99
    qtbot.mouseClick(page.uplift_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, page, UpliftDialog)
    dialog.uplift_edit.setText("1000.5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    error = dialog.boxes["trainer_uplift"].error_label
    assert error.isVisible() and "-100 到 1000" in error.text()
    assert "团队业绩提升(%)“1000.5”" in dialog_answers.texts("warning")[-1]
    with read_only(db) as s:
        assert s.scalar(select(TrainerYear.id).where(TrainerYear.employee_id == rows_id(s, "00002"))) is None
    dialog.uplift_edit.setText("0.04")  # 39.99 + 0.012 → 40.00: excellent
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "uplift_dialog.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    shown_rows = {r[0]: r for r in rows(page.model, (1, 8, 9, 10))}
    assert shown_rows["00002"] == ("00002", "0.04", "40.00", "★ 优秀内训师")  # the hub reloaded the page


def rows_id(session: Any, employee_no: str) -> int:
    return int(session.scalar(select(Employee.id).where(Employee.employee_no == employee_no)))


def test_export_and_save_the_report(
    qtbot: Any, page: TrainerProfilesPage, db: Database, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    dialog_answers.save_file = str(tmp_path / "trainers.xlsx")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(tmp_path / "trainers.xlsx").active
    assert sheet is not None
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(table[0]) == TRAINERS_HEADERS
    assert [(r[0], Decimal(str(r[8])), r[9]) for r in table[1:]] == [
        ("00003", Decimal("40.95"), "是"),
        ("00001", Decimal(40), "是"),
        ("00002", Decimal("39.99"), "否"),
    ]
    target = tmp_path / "报告.pdf"
    dialog_answers.save_file = str(target)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "2026 年度内训师贡献报告" in text and "郑丽" in text and "★优秀" in text
    with read_only(db) as s:
        (logged,) = print_log(s)
    assert logged.document == "trainer-report" and "00001 周敏 贡献值 40.00 优秀内训师" in logged.details


def test_settings_dialog_shows_refusals_per_field_and_saves_nothing(
    qtbot: Any, page: TrainerProfilesPage, db: Database, dialog_answers: DialogAnswers
) -> None:
    qtbot.mouseClick(page.settings_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, page, DevelopmentSettingsDialog)
    assert dialog.edits["excellent_threshold"].text() == "40"
    assert dialog.edits["recert_years"].text() == "2"
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "development_settings_dialog.png"))
    dialog.edits["excellent_threshold"].setText("39.99")
    dialog.edits["intermediate_satisfaction"].setText("101")
    dialog.edits["weight_uplift"].setText("许多")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.isVisible()
    assert dialog.boxes["intermediate_satisfaction"].error_label.text() == "应在 0 到 100 之间"
    assert dialog.boxes["weight_uplift"].error_label.text() == "应为数字"
    assert not dialog.boxes["excellent_threshold"].error_label.text()
    with read_only(db) as s:
        assert settings.load(s).excellent_threshold == Decimal(40)  # nothing saved
    dialog.edits["intermediate_satisfaction"].setText("85")
    dialog.edits["weight_uplift"].setText("0.3")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert rows(page.model, (1, 10))[2] == ("00002", "★ 优秀内训师")  # 39.99 ≥ 39.99 now


def test_an_auditor_reads_exports_and_prints_but_changes_nothing(
    qtbot: Any, db: Database, office: dict[str, int]
) -> None:
    db.principal = Principal(name="audit", role=Role.AUDITOR)
    widget = shown(qtbot, TrainerProfilesPage(db))
    widget.year_spin.setValue(YEAR)
    wait_idle(qtbot)
    assert widget.model.rowCount() == 3
    assert not widget.uplift_button.isVisible() and not widget.settings_button.isVisible()
    assert widget.export_button.isVisible() and widget.print_button.isVisible()
    widget.table.selectRow(0)
    widget.table.doubleClicked.emit(widget.model.index(0, 0))
    widget.table.activated.emit(widget.model.index(0, 0))
    assert not widget.findChildren(UpliftDialog)


def test_a_head_sees_only_its_own_people(qtbot: Any, db: Database, office: dict[str, int]) -> None:
    db.principal = Principal(
        name="head",
        role=Role.DEPARTMENT_HEAD,
        department_id=office["tech"],
        departments=frozenset({office["tech"]}),
    )
    widget = shown(qtbot, TrainerProfilesPage(db))
    widget.year_spin.setValue(YEAR)
    wait_idle(qtbot)
    assert [r[0] for r in rows(widget.model, (1,))] == ["00003", "00001"]
    assert not widget.print_button.isVisible() and not widget.uplift_button.isVisible()
    levels = shown(qtbot, TrainerLevelsPage(db))
    levels.year_spin.setValue(YEAR)
    wait_idle(qtbot)
    assert [r[0] for r in rows(levels.promotion_model, (0,))] == ["00001", "00003"]
    assert not levels.confirm_button.isVisible()


@pytest.fixture
def levels(qtbot: Any, db: Database, office: dict[str, int]) -> TrainerLevelsPage:
    widget = shown(qtbot, TrainerLevelsPage(db), size=(1200, 650))
    widget.year_spin.setValue(YEAR)
    wait_idle(qtbot)
    return widget


def test_promotions_and_re_certification(levels: TrainerLevelsPage, qtmodeltester: Any) -> None:
    qtmodeltester.check(levels.promotion_model)
    qtmodeltester.check(levels.recert_model)
    assert rows(levels.promotion_model, (0, 4, 5, 7, 8)) == [
        ("00001", "中级", "10.00 / 10.00", "是", ""),
        ("00002", "中级", "0.00 / 10.00", "否", "内训师基础培训学时 0 未达 10"),
        ("00003", "高级", "0.00 / 20.00", "否", "内训师专项培训学时 0 未达 20"),
    ]
    assert rows(levels.recert_model, (0, 6)) == [
        ("00003", "2 年授课 4 学时，低于 8 学时"),
    ]
    assert levels.status_label.text() == "3 名内训师中 1 名符合晋级条件 · 1 名待复审"
    SHOTS.mkdir(parents=True, exist_ok=True)
    levels.grab().save(str(SHOTS / "trainer_levels_page.png"))


def test_confirming_a_promotion_asks_first(
    qtbot: Any, levels: TrainerLevelsPage, db: Database, dialog_answers: DialogAnswers
) -> None:
    levels.promotion_table.selectRow(1)  # 吴强 does not qualify
    assert not levels.confirm_button.isEnabled()
    assert "还不符合" in levels.promotion_hint.text() or "不符合" in levels.promotion_hint.text()
    levels.promotion_table.selectRow(0)
    assert levels.confirm_button.isEnabled()
    dialog_answers.questions = [QMessageBox.StandardButton.No]
    qtbot.mouseClick(levels.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "周敏（00001）" in dialog_answers.texts("question")[-1]
    with read_only(db) as s:
        assert (
            s.scalar(select(Employee.trainer_level).where(Employee.employee_no == "00001"))
            is TrainerLevel.JUNIOR
        )
    qtbot.mouseClick(levels.confirm_button, Qt.MouseButton.LeftButton)  # Yes this time
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: bool(dialog_answers.texts("information")), timeout=5000)
    with read_only(db) as s:
        level = s.scalar(select(Employee.trainer_level).where(Employee.employee_no == "00001"))
    assert level is TrainerLevel.INTERMEDIATE
    # The hub read the lists again: 周敏 is now intermediate and short of specialised training.
    found = {r[0]: r for r in rows(levels.promotion_model, (0, 3, 7))}
    assert found["00001"] == ("00001", "中级", "否")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(TrainerProfilesPage, id="profiles"),
        pytest.param(TrainerLevelsPage, id="levels"),
        pytest.param(DevelopmentSettingsDialog, id="settings"),
    ],
)
def test_pages_and_the_settings_dialog_read_only_in_the_background(
    qtbot: Any,
    db: Database,
    office: dict[str, int],
    reads: ReadLog,  # noqa: F811
    make: Any,
) -> None:
    widget = shown(qtbot, make(db))
    wait_idle(qtbot)
    if isinstance(widget, TrainerProfilesPage | TrainerLevelsPage):
        widget.year_spin.setValue(YEAR - 1)
        wait_idle(qtbot)
        widget.refresh()
        wait_idle(qtbot)
    assert_loaded_without_gui_reads(reads)


def test_the_course_dialog_marks_a_trainer_course(qtbot: Any, db: Database) -> None:
    from desktop_hr.models import Course
    from desktop_hr.views.training.course_dialog import CourseDialog

    with building(db) as s:
        course = Course(
            code="NX01", title="内训师基础班", category=CourseCategory.REQUIRED, hours=Decimal(12)
        )
        s.add(course)
        s.flush()
        course_id = course.id
    dialog = shown(qtbot, CourseDialog(db, course_id))
    wait_idle(qtbot)
    assert dialog.trainer_track_combo.currentText() == "非内训师培训"
    dialog.trainer_track_combo.set_value(TrainerTrack.BASIC)
    assert dialog.trainer_track_combo.currentText() == "内训师基础培训"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with read_only(db) as s:
        assert s.get_one(Course, course_id).trainer_track is TrainerTrack.BASIC
