"""Edit › Accounts…: the list, adding (a temporary password shown once), editing, resetting, unlocking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from tests_gui_helpers import DialogAnswers, click_header, is_open, shown, type_text, wait_idle

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.accounts import AccountRow
from desktop_hr.services.trust.database import open_database
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.trust.accounts_dialog import (
    AccountDialog,
    AccountsDialog,
    AccountTableModel,
    PasswordShownDialog,
)

SAVE = QDialogButtonBox.StandardButton.Save


def _state(text: str) -> str:
    return QCoreApplication.translate("AccountTableModel", text)


@pytest.fixture
def other(demo_db: Database) -> Iterator[Database]:
    """A second program on the same database: someone signing in elsewhere."""
    second = open_database(demo_db.url, migrate=False)
    yield second
    second.dispose()


@pytest.fixture
def dialog(demo_db: Database, sign_in_as: Any, qtbot: Any) -> AccountsDialog:
    sign_in_as.add(Role.CLERK, name="lihua")
    sign_in_as.add(Role.AUDITOR, name="wang")
    sign_in_as(Role.ADMIN, name="boss")
    opened = shown(qtbot, AccountsDialog(demo_db))
    wait_idle(qtbot)  # the list arrives
    return opened


def _row(dialog: AccountsDialog, name: str) -> int:
    for row in range(dialog.proxy.rowCount()):
        if dialog.proxy.index(row, AccountTableModel.NAME).data() == name:
            return row
    raise AssertionError(f"{name} not listed")


def _cell(dialog: AccountsDialog, name: str, column: int) -> str:
    return str(dialog.proxy.index(_row(dialog, name), column).data())


def _select(dialog: AccountsDialog, name: str) -> AccountRow:
    dialog.table.selectRow(_row(dialog, name))
    row = dialog.selected()
    assert row is not None and row.name == name
    return row


def _shown_password(dialog: AccountsDialog) -> str:
    [box] = [d for d in dialog.findChildren(PasswordShownDialog) if is_open(d)]
    password = box.password_edit.text()
    assert box.password_edit.isReadOnly() and len(password) == 10
    box.copy_button.click()
    assert QGuiApplication.clipboard().text() == password
    box.reject()
    return password


def test_the_list_passes_the_model_tester_sorts_and_searches(
    dialog: AccountsDialog, qtmodeltester: Any, qtbot: Any
) -> None:
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    assert dialog.proxy.rowCount() == 3
    assert _cell(dialog, "lihua", AccountTableModel.ROLE) == "人事专员"
    assert _cell(dialog, "boss", AccountTableModel.STATE) == _state("Active")
    assert _cell(dialog, "lihua", AccountTableModel.LAST_SIGN_IN) == "—"
    assert _cell(dialog, "boss", AccountTableModel.LAST_SIGN_IN)[:2] == "20", "signed in just now, local time"
    names = [dialog.proxy.index(r, 0).data() for r in range(3)]
    assert names == sorted(names)
    click_header(qtbot, dialog.table, AccountTableModel.NAME)
    assert [dialog.proxy.index(r, 0).data() for r in range(3)] == sorted(names, reverse=True)
    type_text(dialog.search_edit, "审计")
    dialog.filter()
    assert dialog.proxy.rowCount() == 1 and dialog.proxy.index(0, 0).data() == "wang"


def test_adding_an_account_shows_its_temporary_password_once(
    dialog: AccountsDialog, other: Database, qtbot: Any
) -> None:
    dialog.add_button.click()
    [editor] = [d for d in dialog.findChildren(AccountDialog) if is_open(d)]
    assert not editor.save_button.isEnabled(), "not before the departments are there"
    wait_idle(qtbot)
    assert editor.save_button.isEnabled()
    assert not editor.department_combo.isVisibleTo(editor), "only a department head has a department"
    editor.name_edit.setText("zhao")
    editor.display_name_edit.setText("赵主任")
    editor.role_combo.set_value(Role.DEPARTMENT_HEAD)
    assert editor.department_combo.isVisibleTo(editor)
    editor.department_combo.setCurrentIndex(2)
    department = editor.department_combo.currentText()
    editor.buttons.button(SAVE).click()
    wait_idle(qtbot)
    assert not is_open(editor)
    password = _shown_password(dialog)
    assert _cell(dialog, "zhao", AccountTableModel.ROLE) == "部门负责人"
    assert _cell(dialog, "zhao", AccountTableModel.DEPARTMENT) == department
    assert dialog.selected() is not None and dialog.selected().name == "zhao"  # type: ignore[union-attr]
    # The new head signs in with it, and must choose a password of its own.
    assert accounts.sign_in(other, "zhao", password).role is Role.DEPARTMENT_HEAD
    assert accounts.must_change_password(other)


def test_editing_an_account_and_the_last_administrator_refused(
    dialog: AccountsDialog, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    _select(dialog, "lihua")
    dialog.edit_button.click()
    [editor] = [d for d in dialog.findChildren(AccountDialog) if is_open(d)]
    wait_idle(qtbot)
    assert editor.name_edit.text() == "lihua"
    editor.role_combo.set_value(Role.AUDITOR)
    editor.active_check.setChecked(False)
    editor.buttons.button(SAVE).click()
    wait_idle(qtbot)
    assert _cell(dialog, "lihua", AccountTableModel.ROLE) == "审计员"
    assert _cell(dialog, "lihua", AccountTableModel.STATE) == _state("Disabled")

    _select(dialog, "boss")  # the only active administrator
    dialog.edit_button.click()
    [editor] = [d for d in dialog.findChildren(AccountDialog) if is_open(d)]
    wait_idle(qtbot)
    editor.role_combo.set_value(Role.CLERK)
    editor.buttons.button(SAVE).click()
    wait_idle(qtbot)
    assert is_open(editor), "refused: the dialog stays open with what was chosen"
    assert "最后一个启用的管理员" in dialog_answers.texts("warning")[-1]
    assert _cell(dialog, "boss", AccountTableModel.ROLE) == "人事管理员"
    editor.reject()


def test_reset_password_asks_first_then_shows_the_new_one(
    dialog: AccountsDialog, other: Database, qtbot: Any, dialog_answers: DialogAnswers, sign_in_as: Any
) -> None:
    _select(dialog, "lihua")
    dialog_answers.questions.append(QMessageBox.StandardButton.No)
    dialog.reset_button.click()
    wait_idle(qtbot)
    assert not [d for d in dialog.findChildren(PasswordShownDialog) if is_open(d)]
    assert accounts.sign_in(other, "lihua", sign_in_as.password).name == "lihua", "No changes nothing"
    accounts.sign_out(other)

    dialog.reset_button.click()  # Yes
    wait_idle(qtbot)
    password = _shown_password(dialog)
    assert accounts.sign_in(other, "lihua", password).name == "lihua"
    assert accounts.must_change_password(other)


def test_unlock_a_locked_account(
    dialog: AccountsDialog, other: Database, qtbot: Any, sign_in_as: Any
) -> None:
    for _try in range(accounts.LOCK_AFTER):
        with pytest.raises(
            accounts.SignInFailed if _try < accounts.LOCK_AFTER - 1 else accounts.AccountLocked
        ):
            accounts.sign_in(other, "wang", "wrong-password")
    dialog.reload()  # another seat's sign-ins reach no hub here: the list is read again by hand
    wait_idle(qtbot)
    assert _cell(dialog, "wang", AccountTableModel.STATE) == _state("Locked")
    _select(dialog, "lihua")
    assert not dialog.unlock_button.isEnabled()
    _select(dialog, "wang")
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    wait_idle(qtbot)
    assert _cell(dialog, "wang", AccountTableModel.STATE) == _state("Active")
    assert accounts.sign_in(other, "wang", sign_in_as.password).role is Role.AUDITOR


def test_only_an_administrator_finds_the_accounts(
    demo_db: Database, sign_in_as: Any, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    sign_in_as(Role.ADMIN, name="boss")
    window = shown(qtbot, MainWindow(demo_db))
    assert window.accounts_action.isVisible()
    window.accounts_action.trigger()
    wait_idle(qtbot)
    opened = window.findChild(AccountsDialog, "accounts_dialog")
    assert opened is not None and is_open(opened) and opened.proxy.rowCount() == 1
    opened.reject()

    sign_in_as(Role.CLERK)
    clerk_window = shown(qtbot, MainWindow(demo_db))
    assert not clerk_window.accounts_action.isVisible()
    # Opened anyway (the hidden entry's slot): adding is refused with the service's message.
    forced = clerk_window.show_accounts()
    forced.add_button.click()
    [editor] = [d for d in forced.findChildren(AccountDialog) if is_open(d)]
    wait_idle(qtbot)
    editor.name_edit.setText("sneaky")
    editor.buttons.button(SAVE).click()
    wait_idle(qtbot)
    assert "无权管理账号" in dialog_answers.texts("warning")[-1]
    forced.reload()
    wait_idle(qtbot)
    assert forced.proxy.rowCount() == 2, "nobody added"
    editor.reject()
    forced.reject()
