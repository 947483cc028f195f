"""The nominations page: a head nominates one of its people through the picker (which lists only them), HR
accepts after a question with a note (the nominee becomes a 初级 trainer) or declines; the status filter and
sorting; a refusal shown on its field with the dialog left open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from signing import ADMIN
from test_no_gui_thread_reads import ReadLog, assert_loaded_without_gui_reads, reads  # noqa: F401
from tests_gui_helpers import DialogAnswers, click_header, is_open, shown, type_text, wait_idle
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models import Employee, Role, TrainerLevel
from desktop_hr.models.development import NominationStatus, TrainerNomination
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.development.nominations import nominate
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.development.nominations_page import DecisionDialog, NominationDialog, NominationsPage

SHOTS = (
    Path(__file__).resolve().parents[2] / "screenshots" / "tmp" / "i14"
)  # git-ignored: looked at, not kept


@pytest.fixture(autouse=True)
def _shots() -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """销售部: 00001 陈静, 00002 李雷; 财务部: 00003 王芳."""
    with building(db) as session:
        sales = ensure_department_path(session, "总公司/销售部")
        finance = ensure_department_path(session, "总公司/财务部")
        people = [
            Employee(employee_no="00001", name="陈静", department_id=sales),
            Employee(employee_no="00002", name="李雷", department_id=sales),
            Employee(employee_no="00003", name="王芳", department_id=finance),
        ]
        session.add_all(people)
        session.flush()
        return {"sales": sales, "finance": finance, **{p.employee_no: p.id for p in people}}


def head_of(department: int) -> Principal:
    return Principal(name="sales_head", role=Role.DEPARTMENT_HEAD, departments=frozenset({department}))


def listed(page: NominationsPage) -> list[tuple[str, str]]:
    model = page.model
    return [(model.index(r, 0).data(), model.index(r, 6).data()) for r in range(model.rowCount())]


def open_page(qtbot: Any, db: Database) -> NominationsPage:
    page = shown(qtbot, NominationsPage(db), size=(1100, 500))
    wait_idle(qtbot)
    return page


def test_a_head_nominates_through_the_picker_which_lists_only_its_people(
    qtbot: Any, db: Database, office: dict[str, int], qtmodeltester: Any
) -> None:
    db.principal = head_of(office["sales"])
    page = open_page(qtbot, db)
    assert page.nominate_button.isVisible()
    assert not page.accept_button.isVisible() and not page.decline_button.isVisible()
    dialog = page.nominate()
    picker = dialog.choose()
    wait_idle(qtbot)
    assert sorted(row.employee_no for row in picker.model.items()) == ["00001", "00002"]  # not 王芳
    picker.select_numbers(["00002"])
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.person_edit.text() == "00002 李雷"
    type_text(dialog.reason_edit, "带新人很有耐心")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert listed(page) == [("00002", "待审核")]
    assert page.model.index(0, 4).data() == "sales_head"
    qtmodeltester.check(page.model)
    page.grab().save(str(SHOTS / "nominations_head.png"))


def test_refusals_show_on_their_fields_and_the_dialog_stays_open(
    qtbot: Any, db: Database, office: dict[str, int], dialog_answers: DialogAnswers
) -> None:
    nominate(db.uow(), office["00001"], "已推荐过")
    page = open_page(qtbot, db)
    dialog = page.nominate()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.isVisible()
    assert dialog.boxes["nomination_employee"].error_label.text() == "必填"
    assert dialog.boxes["nomination_reason"].error_label.text() == "必填"
    dialog.set_nominee(office["00001"], "00001 陈静")
    type_text(dialog.reason_edit, "再推荐一次")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.isVisible()
    assert "已有一条待审核的推荐" in dialog.boxes["nomination_employee"].error_label.text()
    assert dialog_answers.texts("warning")  # and said so
    with db.read_session() as session:
        assert session.query(TrainerNomination).count() == 1
    dialog.grab().save(str(SHOTS / "nomination_dialog_refused.png"))
    dialog.done(0)


def test_hr_accepts_with_a_note_and_the_nominee_becomes_a_junior_trainer(
    qtbot: Any, db: Database, office: dict[str, int]
) -> None:
    db.principal = head_of(office["sales"])
    nominate(db.uow(), office["00001"], "业务骨干")
    nominate(db.uow(), office["00002"], "新人")
    db.principal = ADMIN
    page = open_page(qtbot, db)
    assert not page.accept_button.isEnabled()  # nothing chosen
    page.select_number("00001")
    assert page.accept_button.isEnabled()
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(DecisionDialog)
    assert dialog is not None and dialog.isVisible()
    assert "00001 陈静" in dialog.question_label.text() and "初级内训师" in dialog.question_label.text()
    type_text(dialog.note_edit, "同意")
    dialog.grab().save(str(SHOTS / "nomination_accept.png"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with db.read_session() as session:
        person = session.get(Employee, office["00001"])
        assert person is not None and (person.is_trainer, person.trainer_level) == (True, TrainerLevel.JUNIOR)
    assert listed(page) == [("00002", "待审核")]  # the filter shows pending ones: 00001 is decided
    page.status_combo.setCurrentIndex(page.status_combo.findData(None))
    wait_idle(qtbot)
    assert sorted(listed(page)) == [("00001", "已接受"), ("00002", "待审核")]
    decision = next(
        page.model.index(r, 7).data() for r in range(2) if page.model.index(r, 0).data() == "00001"
    )
    assert decision.startswith("hr ") and decision.endswith("：同意")


def test_hr_declines_after_the_question_and_cancel_changes_nothing(
    qtbot: Any, db: Database, office: dict[str, int]
) -> None:
    nominate(db.uow(), office["00003"], "财务骨干")
    page = open_page(qtbot, db)
    page.select_number("00003")
    cancelled = page.decide(False)
    assert cancelled is not None
    cancelled.reject()
    wait_idle(qtbot)
    assert listed(page) == [("00003", "待审核")]
    page.select_number("00003")
    dialog = page.decide(False)
    assert dialog is not None
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    page.status_combo.setCurrentIndex(page.status_combo.findData(NominationStatus.DECLINED.value))
    wait_idle(qtbot)
    assert listed(page) == [("00003", "未接受")]
    with db.read_session() as session:
        person = session.get(Employee, office["00003"])
        assert person is not None and not person.is_trainer


def test_a_head_sees_only_its_subtree_and_the_table_sorts(
    qtbot: Any, db: Database, office: dict[str, int], qtmodeltester: Any
) -> None:
    for who in ("00003", "00001", "00002"):
        nominate(db.uow(), office[who], "骨干")
    db.principal = head_of(office["sales"])
    page = open_page(qtbot, db)
    assert sorted(listed(page)) == [("00001", "待审核"), ("00002", "待审核")]
    click_header(qtbot, page.table, 0)
    first = page.model.index(0, 0).data()
    click_header(qtbot, page.table, 0)
    assert page.model.index(0, 0).data() != first
    assert {page.model.index(0, 0).data(), first} == {"00001", "00002"}
    qtmodeltester.check(page.model)
    assert not page.findChildren(NominationDialog)


def test_the_list_is_read_off_the_gui_thread(
    qtbot: Any,
    db: Database,
    office: dict[str, int],
    reads: ReadLog,  # noqa: F811
) -> None:
    nominate(db.uow(), office["00001"], "骨干")
    page = open_page(qtbot, db)
    page.status_combo.setCurrentIndex(page.status_combo.findData(None))
    wait_idle(qtbot)
    assert listed(page) == [("00001", "待审核")]
    assert_loaded_without_gui_reads(reads)
