"""The reminder-notices dialog from the Home tab: departments with their counts, a PDF and an export of the picked
ones, e-mail through a local SMTP server with the failures named; the mail settings dialog and its test mail."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from mail_server import HOST, smtp_server
from notice_cases import SOUTH_ADDRESS, TECH, TECH_ADDRESS, TODAY, build_office
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from tests_gui_helpers import DialogAnswers, loaded_dialog, shown, type_text, wait_idle

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.services import mail
from desktop_hr.services.training.notices import department_addresses
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.home.home_tab import HomeTab
from desktop_hr.views.home.mail_settings_dialog import MailSettingsDialog
from desktop_hr.views.home.notices_dialog import NoticesDialog

SCREENSHOTS = Path(os.environ.get("DESKTOP_HR_SCREENSHOTS", "/tmp/desktop_hr_screens"))
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH:UserWarning")


def _dialog(qtbot: Any, db: Database) -> NoticesDialog:
    dialog = shown(qtbot, NoticesDialog(db, today=lambda: TODAY))
    wait_idle(qtbot)
    assert dialog.loaded
    return dialog


def _row_of(dialog: NoticesDialog, department: str) -> int:
    return next(
        row for row in range(dialog.model.rowCount()) if dialog.model.item(row).department == department
    )


def _configure(db: Database, port: int) -> None:
    mail.save(db.uow(), mail.MailSettings(HOST, port, mail.Security.NONE, "", "hr@office.example"))


def test_departments_with_their_counts(qtbot: Any, db: Database, qtmodeltester: Any) -> None:
    build_office(db)
    dialog = _dialog(qtbot, db)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    values = {model.item(r).department: model.values(model.item(r)) for r in range(model.rowCount())}
    assert values[TECH] == [TECH, "王强", TECH_ADDRESS, "3", "1", "0", "1", "1"]
    assert values["总公司/华南分部/销售部"][1:4] == ["赵敏", SOUTH_ADDRESS, "1"]
    assert "3" in dialog.summary_label.text() and "5" in dialog.summary_label.text()
    assert dialog.print_button.isEnabled() and dialog.export_button.isEnabled()
    assert not dialog.send_button.isEnabled()  # no mail server yet
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "notices_dialog.png"))


def test_the_home_tab_opens_it(qtbot: Any, db: Database) -> None:
    build_office(db)
    home = shown(qtbot, HomeTab(db, today=lambda: TODAY))
    wait_idle(qtbot)
    qtbot.mouseClick(home.notices_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, home, NoticesDialog)
    assert dialog.model.rowCount() == 3


def test_pdf_and_export_of_the_picked_department(
    qtbot: Any, db: Database, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    build_office(db)
    dialog = _dialog(qtbot, db)
    dialog.table.selectionModel().select(
        dialog.model.index(_row_of(dialog, TECH), 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    dialog_answers.save_file = str(tmp_path / "tech.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    pages = PdfReader(tmp_path / "tech.pdf").pages
    assert len(pages) == 1 and "张伟" in pages[0].extract_text() and "刘洋" not in pages[0].extract_text()
    dialog_answers.save_file = str(tmp_path / "tech.xlsx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    rows = list(load_workbook(tmp_path / "tech.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert sorted(row[3] for row in rows) == ["0001", "0002", "0003"]


def test_send_by_mail_names_what_was_not_sent(
    qtbot: Any, db: Database, dialog_answers: DialogAnswers
) -> None:
    build_office(db)
    with smtp_server(refuse=frozenset({SOUTH_ADDRESS})) as inbox:
        _configure(db, inbox.port)
        dialog = _dialog(qtbot, db)
        assert dialog.send_button.isEnabled()
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot)
    assert list(inbox.by_recipient()) == [TECH_ADDRESS]
    ((kind, _title, text),) = [m for m in dialog_answers.shown if m[0] != "question"]
    assert kind == "warning"
    assert "总公司/财务部" in text and "总公司/华南分部/销售部" in text and "550" in text
    assert "总公司/技术部" not in text


def test_the_mail_settings_dialog(qtbot: Any, db: Database, dialog_answers: DialogAnswers) -> None:
    office = build_office(db, addresses=False)
    with smtp_server(user="hr-mail", password="Dialog-Secret-1") as inbox:
        dialog = shown(qtbot, MailSettingsDialog(db))
        wait_idle(qtbot)
        assert dialog.loaded and dialog.address_table.rowCount() == 5
        dialog.host_edit.setText(HOST)
        dialog.port_spin.setValue(inbox.port)
        dialog.user_edit.setText("hr-mail")
        type_text(dialog.password_edit, "Dialog-Secret-1")
        dialog.sender_edit.setText("hr@office.example")
        tech_row = next(
            r
            for r in range(dialog.address_table.rowCount())
            if dialog.address_table.item(r, 0).text() == TECH
        )
        dialog.address_table.item(tech_row, 1).setText("tech@office.example")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENSHOTS / "mail_settings_dialog.png"))
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot)
        assert [to for to, _message in inbox.received] == [["hr@office.example"]]
        assert dialog_answers.texts("information")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot)
    assert not dialog.isVisible()
    with db.read_session() as session:
        assert mail.get(session) == mail.MailSettings(
            HOST, inbox.port, mail.Security.NONE, "hr-mail", "hr@office.example"
        )
        assert department_addresses(session) == {office.tech: "tech@office.example"}
    assert mail.stored_password(db) == "Dialog-Secret-1"


def test_only_administrators_change_the_mail_settings(qtbot: Any, db: Database) -> None:
    build_office(db)
    db.principal = Principal("clerk", Role.CLERK)
    dialog = _dialog(qtbot, db)
    assert not dialog.settings_button.isEnabled() or not dialog.settings_button.isVisible()
