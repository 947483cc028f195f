"""Signing in: the first administrator, wrong passwords and the lock-out, a password an administrator set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from tests_gui_helpers import DialogAnswers, is_open, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import Role
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.database import open_database
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.trust.login_dialog import (
    AccountFormDialog,
    ChangePasswordDialog,
    FirstAdminDialog,
    SignInDialog,
    SignInFlow,
)

PASSWORD = "first-pass-2026"


class Outcome:
    """What a SignInFlow ended with: the window opened once signed in, or given up."""

    def __init__(self, db: Database, qtbot: Any) -> None:
        self.db = db
        self.qtbot = qtbot
        self.window: MainWindow | None = None
        self.cancelled = False

    def done(self) -> None:
        self.window = MainWindow(self.db)
        self.qtbot.addWidget(self.window)
        self.window.show()

    def cancel(self) -> None:
        self.cancelled = True


@pytest.fixture
def empty_db(db_location: Any, qtbot: Any) -> Iterator[Database]:
    """A new database: no accounts, nobody signed in (as the window finds it at first start)."""
    database = open_database(db_location)
    yield database
    wait_idle(qtbot)
    database.dispose()


@pytest.fixture
def with_admin(empty_db: Database) -> Database:
    """The database after `init --admin admin`: one administrator, signed out."""
    accounts.create_first_admin(empty_db, "admin", PASSWORD)
    accounts.sign_out(empty_db)
    return empty_db


def _flow(db: Database, qtbot: Any) -> tuple[SignInFlow, Outcome]:
    outcome = Outcome(db, qtbot)
    flow = SignInFlow(db, None, outcome.done, outcome.cancel, cancel_text="Quit")
    flow.start()
    qtbot.waitUntil(lambda: flow.dialog is not None)  # once it is known whether there are accounts
    return flow, outcome


@pytest.fixture(autouse=True)
def _close_sign_in_dialogs() -> Iterator[None]:
    """The flow's dialogs delete themselves once closed; one a test leaves open is closed here."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, AccountFormDialog) and is_open(widget):
            widget.close()


def _press_enter(qtbot: Any, edit: QLineEdit) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_first_start_creates_the_administrator_and_opens_the_window(empty_db: Database, qtbot: Any) -> None:
    flow, outcome = _flow(empty_db, qtbot)
    dialog = flow.dialog
    assert isinstance(dialog, FirstAdminDialog) and is_open(dialog)
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert empty_db.display_name() in dialog.database_label.text()

    dialog.name_edit.setText("zhangwei")
    dialog.display_name_edit.setText("张伟")
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD + "x")
    _press_enter(qtbot, dialog.repeat_edit)
    assert is_open(dialog) and dialog.message(), "two different passwords: said in the dialog"
    assert dialog.repeat_edit.text() == ""

    dialog.password_edit.setText("short")
    dialog.repeat_edit.setText("short")
    _press_enter(qtbot, dialog.repeat_edit)
    assert "至少需要 8 个字符" in dialog.message()
    with read_only(empty_db) as session:
        assert not accounts.has_accounts(session), "nothing written while the form is refused"

    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    _press_enter(qtbot, dialog.repeat_edit)
    assert not is_open(dialog)
    window = outcome.window
    assert window is not None and window.isVisible()
    assert "张伟" in window.account_label.text() and "人事管理员" in window.account_label.text()
    assert window.accounts_action.isVisible() and window.change_password_action.isVisible()
    assert empty_db.principal is not None and empty_db.principal.role is Role.ADMIN
    # And the next start asks for the password of that account.
    accounts.sign_out(empty_db)
    flow, _outcome = _flow(empty_db, qtbot)
    assert isinstance(flow.dialog, SignInDialog)
    flow.dialog.reject()


def test_wrong_passwords_are_said_in_the_dialog_and_five_lock_the_account(
    with_admin: Database, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window never signs in from the command line's variables.
    monkeypatch.setenv("DESKTOP_HR_USER", "admin")
    monkeypatch.setenv("DESKTOP_HR_PASSWORD", PASSWORD)
    flow, outcome = _flow(with_admin, qtbot)
    dialog = flow.dialog
    assert isinstance(dialog, SignInDialog) and with_admin.principal is None
    assert [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())] == ["admin"]
    assert dialog.cancel_button.text() == "Quit"

    dialog.user_combo.setCurrentText("nobody")
    dialog.password_edit.setText(PASSWORD)
    _press_enter(qtbot, dialog.password_edit)
    unknown = dialog.message()
    assert unknown == "用户名或密码错误。连续输错 5 次密码，账号将锁定 15 分钟。"

    dialog.user_combo.setCurrentText("admin")
    for _try in range(4):
        dialog.password_edit.setText("wrong-password")
        _press_enter(qtbot, dialog.password_edit)
        assert is_open(dialog)
        assert dialog.message() == unknown, "a wrong password reads like an unknown name"
        assert dialog.password_edit.text() == "" and dialog.focusWidget() is dialog.password_edit
    dialog.password_edit.setText("wrong-password")
    _press_enter(qtbot, dialog.password_edit)
    assert "已锁定" in dialog.message()
    dialog.password_edit.setText(PASSWORD)
    _press_enter(qtbot, dialog.password_edit)
    assert "已锁定" in dialog.message(), "locked: even the right password waits"
    assert is_open(dialog) and with_admin.principal is None and outcome.window is None

    dialog.cancel_button.click()
    assert outcome.cancelled and not is_open(dialog)


def _new_clerk_signs_in(db: Database, qtbot: Any) -> tuple[SignInFlow, Outcome]:
    """The administrator adds lihua with the temporary password "temporary-1"; lihua signs in with it."""
    accounts.sign_in(db, "admin", PASSWORD)
    accounts.create_account(db.uow(), accounts.AccountData("lihua", Role.CLERK), "temporary-1")
    accounts.sign_out(db)
    flow, outcome = _flow(db, qtbot)
    assert isinstance(flow.dialog, SignInDialog)
    flow.dialog.user_combo.setCurrentText("lihua")
    flow.dialog.password_edit.setText("temporary-1")
    _press_enter(qtbot, flow.dialog.password_edit)
    return flow, outcome


def test_a_password_set_by_the_administrator_is_changed_before_going_on(
    with_admin: Database, qtbot: Any
) -> None:
    flow, outcome = _new_clerk_signs_in(with_admin, qtbot)
    change = flow.dialog
    assert isinstance(change, ChangePasswordDialog) and is_open(change)
    assert change.intro_label.isVisibleTo(change), "says why the password must change"
    assert outcome.window is None, "no window before the new password"

    change.current_edit.setText("not-it-at-all")
    change.password_edit.setText("my-own-pass-1")
    change.repeat_edit.setText("my-own-pass-1")
    _press_enter(qtbot, change.repeat_edit)
    assert change.message() == "原密码不正确。"
    change.current_edit.setText("temporary-1")
    change.repeat_edit.setText("my-own-pass-2")
    _press_enter(qtbot, change.repeat_edit)
    assert is_open(change) and change.message()
    change.repeat_edit.setText("my-own-pass-1")
    _press_enter(qtbot, change.repeat_edit)
    assert not is_open(change)
    assert outcome.window is not None and "人事专员" in outcome.window.account_label.text()
    assert not accounts.must_change_password(with_admin)
    accounts.sign_out(with_admin)
    assert accounts.sign_in(with_admin, "lihua", "my-own-pass-1").name == "lihua"


def test_giving_up_the_new_password_signs_out_again(with_admin: Database, qtbot: Any) -> None:
    flow, outcome = _new_clerk_signs_in(with_admin, qtbot)
    assert isinstance(flow.dialog, ChangePasswordDialog)
    flow.dialog.cancel_button.click()
    assert outcome.cancelled and outcome.window is None
    assert with_admin.principal is None


def test_changing_the_password_from_the_menu(
    demo_db: Database, sign_in_as: Any, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    sign_in_as(Role.AUDITOR)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.change_password_action.isVisible()
    dialog = window.change_password()
    dialog.current_edit.setText(sign_in_as.password)
    dialog.password_edit.setText("auditor-own-1")
    dialog.repeat_edit.setText("auditor-own-1")
    dialog.ok_button.click()
    assert not is_open(dialog)
    assert dialog_answers.texts("information"), "the window says the password was changed"
    accounts.sign_out(demo_db)
    assert accounts.sign_in(demo_db, Role.AUDITOR.value, "auditor-own-1").role is Role.AUDITOR
