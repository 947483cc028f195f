"""The mentoring page as HR uses it: add a pair through the pickers, an overlapping one refused on its field,
hours and an evaluation logged, the pair's details, ending and deleting, the year's mentor summary with
优秀导师 marked and exported; a head reads its own people's pairs with nothing to change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from test_no_gui_thread_reads import ReadLog, assert_loaded_without_gui_reads, reads  # noqa: F401
from tests_gui_helpers import DialogAnswers, is_open, shown, type_text, wait_idle
from training_data import building, make_people

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.models.development import Mentorship
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.development.mentoring import PairData, log_hours, save_pair, set_evaluation
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.development.mentoring_page import MentoringPage
from desktop_hr.views.widgets import to_qdate

SHOTS = (
    Path(__file__).resolve().parents[2] / "screenshots" / "tmp" / "i14"
)  # git-ignored: looked at, not kept
YEAR = 2026


@pytest.fixture(autouse=True)
def _shots() -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """销售部: 00001 陈静 (mentor), 00002 李雷, 00003 赵敏; 财务部: 00004 王芳 (mentor), 00005 周杰."""
    with building(db) as session:
        sales = ensure_department_path(session, "总公司/销售部")
        finance = ensure_department_path(session, "总公司/财务部")
        people = make_people(
            session, {"00001": "陈静", "00002": "李雷", "00003": "赵敏"}, department_id=sales
        )
        people += make_people(session, {"00004": "王芳", "00005": "周杰"}, department_id=finance)
        return {"sales": sales, **{p.employee_no: p.id for p in people}}


@pytest.fixture
def mentored(db: Database, office: dict[str, int]) -> dict[str, int]:
    """陈静 mentors 李雷 (40 h, evaluation 90: 优秀导师) and 赵敏 (from June, open); 王芳 mentors 周杰 (2 h)."""
    first = save_pair(
        db.uow(), PairData(office["00001"], office["00002"], date(2026, 1, 5), date(2026, 12, 31))
    )
    second = save_pair(db.uow(), PairData(office["00001"], office["00003"], date(2026, 6, 1)))
    third = save_pair(db.uow(), PairData(office["00004"], office["00005"], date(2026, 2, 1)))
    for day in range(1, 6):
        log_hours(db.uow(), first, date(2026, 3, day), Decimal("8"))
    log_hours(db.uow(), third, date(2026, 3, 2), Decimal("2"))
    set_evaluation(db.uow(), first, YEAR, 90, "耐心细致")
    return {"first": first, "second": second, "third": third}


def open_page(qtbot: Any, db: Database) -> MentoringPage:
    page = shown(qtbot, MentoringPage(db), size=(1100, 640))
    page.year_spin.setValue(YEAR)
    wait_idle(qtbot)
    return page


def rows(model: Any, columns: tuple[int, ...]) -> list[tuple[str, ...]]:
    return [tuple(model.index(r, c).data() for c in columns) for r in range(model.rowCount())]


def select_pair(qtbot: Any, page: MentoringPage, mentee_no: str) -> None:
    for row, item in enumerate(page.pair_model.items()):
        if item.mentee_no == mentee_no:
            page.pair_table.selectRow(row)
            wait_idle(qtbot)
            return
    raise AssertionError(mentee_no)


def test_pairs_details_and_the_summary_with_an_excellent_mentor(
    qtbot: Any, db: Database, mentored: dict[str, int], qtmodeltester: Any
) -> None:
    page = open_page(qtbot, db)
    assert rows(page.pair_model, (0, 1, 3, 4, 5)) == [
        ("00001 陈静", "00002 李雷", "2026-12-31", "40.00", "90"),
        ("00001 陈静", "00003 赵敏", "（进行中）", "0.00", ""),
        ("00004 王芳", "00005 周杰", "（进行中）", "2.00", ""),
    ]
    select_pair(qtbot, page, "00002")
    assert rows(page.log_model, (0, 1)) == [(f"2026-03-0{d}", "8.00") for d in range(1, 6)]
    assert rows(page.evaluation_model, (0, 1, 2)) == [("2026", "90", "耐心细致")]
    assert "累计带教 40.00 学时" in page.detail_label.text()
    page.tabs.setCurrentIndex(1)
    assert rows(page.summary_model, (0, 3, 4, 6, 7)) == [
        ("00001", "2", "40.00", "90.00", "优秀导师"),
        ("00004", "1", "2.00", "", ""),
    ]
    assert "不少于 40 学时" in page.rule_label.text() and "不低于 90 分" in page.rule_label.text()
    for model in (page.pair_model, page.log_model, page.evaluation_model, page.summary_model):
        qtmodeltester.check(model)
    page.grab().save(str(SHOTS / "mentoring_summary.png"))
    page.tabs.setCurrentIndex(0)
    page.grab().save(str(SHOTS / "mentoring_pairs.png"))


def test_add_a_pair_through_the_pickers_and_an_overlap_is_refused_on_its_field(
    qtbot: Any, db: Database, mentored: dict[str, int], office: dict[str, int], dialog_answers: DialogAnswers
) -> None:
    page = open_page(qtbot, db)
    dialog = page.add_pair()
    picker = dialog.mentor.choose()
    wait_idle(qtbot)
    picker.select_numbers(["00001"])
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    picker = dialog.mentee.choose()
    wait_idle(qtbot)
    picker.select_numbers(["00003"])
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    assert (dialog.mentor.edit.text(), dialog.mentee.edit.text()) == ("00001 陈静", "00003 赵敏")
    dialog.starts_edit.setDate(to_qdate(date(2026, 1, 1)))
    dialog.ends_edit.set_value(date(2026, 6, 1))  # the running pair starts on 2026-06-01
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert is_open(dialog)
    assert dialog.boxes["mentoring_starts_on"].error_label.text() == (
        "导师 00001 陈静 与学员 00003 赵敏 已有一段结对（2026-06-01 至 未结束），与 2026-01-01 至 2026-06-01 重叠"
    )
    assert dialog_answers.texts("warning")
    dialog.grab().save(str(SHOTS / "pair_dialog_overlap.png"))
    dialog.ends_edit.set_value(date(2026, 5, 31))  # adjacent: fine
    type_text(dialog.note_edit, "上半年")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert ("00001 陈静", "00003 赵敏", "2026-01-01", "2026-05-31") in rows(page.pair_model, (0, 1, 2, 3))
    assert page.selected() is not None and page.selected().starts_on == date(2026, 1, 1)  # type: ignore[union-attr]


def test_a_mentor_with_themself_is_refused_on_the_mentee(
    qtbot: Any, db: Database, office: dict[str, int]
) -> None:
    page = open_page(qtbot, db)
    dialog = page.add_pair()
    dialog.mentor.set_person(office["00001"], "00001 陈静")
    dialog.mentee.set_person(office["00001"], "00001 陈静")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.boxes["mentoring_mentee"].error_label.text() == "导师和学员不能是同一人"
    with db.read_session() as session:
        assert session.query(Mentorship).count() == 0
    dialog.done(0)


def test_log_hours_evaluate_end_and_delete(
    qtbot: Any, db: Database, mentored: dict[str, int], dialog_answers: DialogAnswers
) -> None:
    page = open_page(qtbot, db)
    select_pair(qtbot, page, "00005")
    dialog = page.log_hours()
    assert dialog is not None
    dialog.on_edit.setDate(to_qdate(date(2026, 1, 15)))  # before the pair began
    dialog.hours_spin.setValue(3.5)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.boxes["mentoring_on"].error_label.text() == "不在结对期间（2026-02-01 至 未结束）内"
    dialog.grab().save(str(SHOTS / "log_hours_refused.png"))
    dialog.on_edit.setDate(to_qdate(date(2026, 2, 16)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert rows(page.log_model, (0, 1)) == [("2026-02-16", "3.50"), ("2026-03-02", "2.00")]
    assert page.selected() is not None and page.selected().hours == Decimal("5.50")  # type: ignore[union-attr]

    evaluation = page.evaluate()
    assert evaluation is not None
    evaluation.year_spin.setValue(2025)
    qtbot.mouseClick(evaluation.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "不涉及该年度" in evaluation.boxes["mentoring_year"].error_label.text()
    evaluation.year_spin.setValue(YEAR)
    evaluation.score_spin.setValue(96)
    qtbot.mouseClick(evaluation.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert rows(page.evaluation_model, (0, 1)) == [("2026", "96")]

    page.delete_pair()  # has records: refused, said so
    wait_idle(qtbot)
    assert any(
        "不能删除导师 00004 王芳 与学员 00005 周杰 的结对" in t for t in dialog_answers.texts("warning")
    )

    ending = page.end_pair()
    assert ending is not None
    ending.on_edit.setDate(to_qdate(date(2026, 2, 28)))  # a log on 03-02 falls after it
    qtbot.mouseClick(ending.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert (
        "已有 2 条带教记录在 2026-02-16 至 2026-03-02 之间"
        in ending.boxes["mentoring_ends_on"].error_label.text()
    )
    ending.on_edit.setDate(to_qdate(date(2026, 3, 31)))
    qtbot.mouseClick(ending.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert page.selected() is not None and page.selected().ends_on == date(2026, 3, 31)  # type: ignore[union-attr]
    assert not page.end_button.isEnabled()

    page.log_table.selectRow(0)
    page.delete_log()
    wait_idle(qtbot)
    assert rows(page.log_model, (0,)) == [("2026-03-02",)]


def test_the_summary_exports_as_shown(
    qtbot: Any, db: Database, mentored: dict[str, int], dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    page = open_page(qtbot, db)
    target = tmp_path / "mentors.xlsx"
    dialog_answers.save_file = str(target)
    page.export_summary()
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["工号", "姓名", "部门", "结对", "学时", "评价数", "评价均分", "优秀导师"]
    assert values[1] == ["00001", "陈静", "总公司/销售部", 2, 40, 1, 90, "优秀导师"]
    assert values[2][:6] == ["00004", "王芳", "总公司/财务部", 1, 2, 0]
    assert values[2][6:] == [None, None]


def test_a_head_reads_its_own_peoples_pairs_and_changes_nothing(
    qtbot: Any, db: Database, mentored: dict[str, int], office: dict[str, int]
) -> None:
    db.principal = Principal(
        name="sales_head", role=Role.DEPARTMENT_HEAD, departments=frozenset({office["sales"]})
    )
    page = open_page(qtbot, db)
    assert [(p.mentor_no, p.mentee_no) for p in page.pair_model.items()] == [
        ("00001", "00002"),
        ("00001", "00003"),
    ]
    assert [r.employee_no for r in page.summary_model.items()] == ["00001"]
    for hidden in (page.add_button, page.edit_button, page.end_button, page.delete_button, page.log_button):
        assert hidden.isHidden()
    assert not page.export_button.isHidden()  # on the summary tab
    page.grab().save(str(SHOTS / "mentoring_head.png"))


def test_everything_is_read_off_the_gui_thread(
    qtbot: Any,
    db: Database,
    mentored: dict[str, int],
    reads: ReadLog,  # noqa: F811
) -> None:
    page = open_page(qtbot, db)
    select_pair(qtbot, page, "00002")
    page.tabs.setCurrentIndex(1)
    page.year_spin.setValue(YEAR - 1)
    wait_idle(qtbot)
    assert page.pair_model.rowCount() == 0 and page.summary_model.rowCount() == 0
    assert_loaded_without_gui_reads(reads)
