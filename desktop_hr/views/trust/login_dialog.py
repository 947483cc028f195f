"""Signing in: the first administrator of a new database, the sign-in window, changing one's password.

`SignInFlow` chains them the way the program needs at start, after opening another database and when
switching accounts: first start or sign-in, then the new password an administrator's reset asks for.
Passwords are checked by services/accounts.py (a wrong one counts towards the lock-out); what it says
is shown in red inside the dialog, which stays open for another try. What the dialogs need to know first
(whether there are accounts, their names) is read on the reader pool: the sign-in dialog opens with the
last user's name already typed and fills in the list when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.errors import DomainError
from desktop_hr.services.trust import accounts
from desktop_hr.views import feedback
from desktop_hr.views.operations import Task, run_query
from desktop_hr.views.settings import app_settings

LAST_USER_KEY = "accounts/last_user"
ERROR_STYLE = "color: #c62828;"


class AccountFormDialog(QDialog):
    """What the three dialogs share: a form, a red line saying what went wrong, the database in small
    print at the bottom, and OK / Cancel (Enter presses OK)."""

    def __init__(self, db: Database, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._db = db
        self.intro_label = QLabel(self)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        self.intro_label.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        self.database_label = QLabel(db.display_name(), self)
        self.database_label.setObjectName("database_label")
        self.database_label.setWordWrap(True)
        self.database_label.setEnabled(False)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = self.database_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.database_label.setFont(small)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("account_buttons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok_button")
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        layout.addWidget(self.database_label)
        self.setMinimumWidth(420)

    def set_intro(self, text: str) -> None:
        self.intro_label.setText(text)
        self.intro_label.show()

    def line_edit(self, name: str, *, password: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(200 if password else 50)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def message(self) -> str:
        return self.message_label.text() if self.message_label.isVisibleTo(self) else ""

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run `action`; a refusal is shown in red here (the dialog stays open), a bug as the crash dialog."""
        try:
            action()
        except DomainError as error:
            self.show_message(error.message())
            return False
        except Exception as error:
            feedback.show_error(self, error)
            return False
        self.show_message("")
        return True

    def new_password_rows(self, first: str, second: str) -> None:
        """A new password (`password_edit`) and its repetition (`repeat_edit`) on two rows of the form,
        labelled `first` and `second`."""
        self.password_edit = self.line_edit("password_edit", password=True)
        self.password_edit.setPlaceholderText(
            self.tr("At least {count} characters").format(count=accounts.MIN_PASSWORD)
        )
        self.repeat_edit = self.line_edit("repeat_edit", password=True)
        self.form.addRow(first, self.password_edit)
        self.form.addRow(second, self.repeat_edit)

    def passwords_differ(self) -> bool:
        """Says so, and puts the cursor in the second box, when the two entries of the new password differ."""
        if self.password_edit.text() == self.repeat_edit.text():
            return False
        self.show_message(self.tr("The two passwords differ; type the new password twice."))
        self.repeat_edit.clear()
        self.repeat_edit.setFocus()
        return True


class FirstAdminDialog(AccountFormDialog):
    """A database without accounts: create the HR administrator, who is then signed in."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, "first_admin_dialog", parent)
        self.setWindowTitle(self.tr("Create the administrator"))
        self.set_intro(
            self.tr(
                "This database has no accounts yet. Create the account of the HR administrator: it may do "
                "everything, and adds the accounts of the other users."
            )
        )
        self.name_edit = self.line_edit("user_name_edit")
        self.name_edit.setPlaceholderText(self.tr("Sign-in name, without spaces, e.g. zhangwei"))
        self.display_name_edit = self.line_edit("display_name_edit")
        self.display_name_edit.setPlaceholderText(self.tr("Shown in the window and the audit trail"))
        self.form.addRow(self.tr("User name:"), self.name_edit)
        self.form.addRow(self.tr("Display name:"), self.display_name_edit)
        self.new_password_rows(self.tr("Password:"), self.tr("Password again:"))
        self.ok_button.setText(self.tr("Create and sign in"))
        self.name_edit.setFocus()

    def accept(self) -> None:
        if self.passwords_differ():
            return
        db, name, password = self._db, self.name_edit.text(), self.password_edit.text()
        display_name = self.display_name_edit.text()
        if self.attempt(lambda: accounts.create_first_admin(db, name, password, display_name)):
            app_settings().setValue(LAST_USER_KEY, name.strip())
            super().accept()


class SignInDialog(AccountFormDialog):
    """User name (the active accounts, or typed) and password; Enter signs in. A wrong password, a locked
    or disabled account is said in red and the dialog stays open."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        cancel_text: str = "",
        names: list[str] | None = None,
    ) -> None:
        """`names`: the active accounts when the opener has read them already; else they are read here, in
        the background, and the list fills in when they arrive (the name can be typed meanwhile)."""
        super().__init__(db, "sign_in_dialog", parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.user_combo = QComboBox(self)
        self.user_combo.setObjectName("user_combo")
        self.user_combo.setEditable(True)
        self.user_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.password_edit = self.line_edit("password_edit", password=True)
        self.form.addRow(self.tr("User name:"), self.user_combo)
        self.form.addRow(self.tr("Password:"), self.password_edit)
        self.ok_button.setText(self.tr("Sign in"))
        if cancel_text:
            self.cancel_button.setText(cancel_text)
        # The last user's name at once (from the settings): most mornings it is the right one.
        self._last = str(app_settings().value(LAST_USER_KEY, "") or "")
        self.user_combo.setCurrentText(self._last)
        if self._last:
            self.password_edit.setFocus()
        else:
            self.user_combo.setFocus()
        self.names_loaded = False
        if names is not None:
            self.fill_names(names)
            return

        def read(_task: Task) -> list[str]:
            with read_only(db) as session:
                return accounts.account_names(session)

        run_query(self, read, success=self.fill_names)

    def fill_names(self, names: list[str]) -> None:
        """The active accounts in the list; what was typed meanwhile stays (a last user no longer there goes)."""
        typed = self.user_combo.currentText()
        untouched = typed == self._last
        self.user_combo.blockSignals(True)
        self.user_combo.addItems(names)
        if untouched and typed not in names:
            typed = names[0] if len(names) == 1 else ""
        self.user_combo.setCurrentText(typed)
        self.user_combo.blockSignals(False)
        self.names_loaded = True
        if untouched and self.user_combo.hasFocus() and typed:
            self.password_edit.setFocus()

    def user_name(self) -> str:
        return self.user_combo.currentText().strip()

    def accept(self) -> None:
        db, name, password = self._db, self.user_name(), self.password_edit.text()
        if not name:
            self.show_message(self.tr("Type or choose your user name."))
            self.user_combo.setFocus()
            return
        if self.attempt(lambda: accounts.sign_in(db, name, password)):
            app_settings().setValue(LAST_USER_KEY, name)
            super().accept()
            return
        self.password_edit.clear()
        self.password_edit.setFocus()


class ChangePasswordDialog(AccountFormDialog):
    """The signed-in account's own password: the current one, the new one twice. `forced` after an
    administrator set the password (a new account, a reset): the user chooses their own before going on."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(db, "change_password_dialog", parent)
        self.setWindowTitle(self.tr("Change password"))
        if forced:
            self.set_intro(
                self.tr(
                    "Your password was set by an administrator. Choose your own password before you go on."
                )
            )
        self.current_edit = self.line_edit("current_password_edit", password=True)
        self.form.addRow(self.tr("Current password:"), self.current_edit)
        self.new_password_rows(self.tr("New password:"), self.tr("New password again:"))
        self.ok_button.setText(self.tr("Change password"))
        self.current_edit.setFocus()

    def accept(self) -> None:
        if self.passwords_differ():
            return
        db, old, new = self._db, self.current_edit.text(), self.password_edit.text()
        if self.attempt(lambda: accounts.change_own_password(db, old, new)):
            super().accept()


class SignInFlow:
    """First start or sign-in, then a password change when an administrator set the password.

    `on_done()` once someone is signed in; `on_cancel()` when the user gives up (nobody is then signed in).
    `dialog` is the dialog showing now. The dialogs are opened with open() (never a nested event loop).
    """

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        on_done: Callable[[], object],
        on_cancel: Callable[[], object],
        *,
        cancel_text: str = "",
    ) -> None:
        self.db = db
        self._parent = parent
        self._on_done = on_done
        self._on_cancel = on_cancel
        self._cancel_text = cancel_text
        self.dialog: AccountFormDialog | None = None

    def start(self) -> None:
        """Read (in the background) whether the database has accounts, then open the sign-in, or the first
        administrator's dialog (`dialog` is None until then)."""
        db = self.db

        def read(_task: Task) -> tuple[bool, list[str]]:
            with read_only(db) as session:
                return accounts.has_accounts(session), accounts.account_names(session)

        def unreadable(error: BaseException) -> None:
            feedback.show_error(self._parent, error)
            self._on_cancel()

        run_query(self._parent, read, success=self._open, failure=unreadable)

    def _open(self, found: tuple[bool, list[str]]) -> None:
        has_accounts, names = found
        dialog: AccountFormDialog
        if has_accounts:
            dialog = SignInDialog(self.db, self._parent, cancel_text=self._cancel_text, names=names)
        else:
            dialog = FirstAdminDialog(self.db, self._parent)
            if self._cancel_text:
                dialog.cancel_button.setText(self._cancel_text)
        self._show(dialog, self._signed_in, self._on_cancel)

    def _show(
        self, dialog: AccountFormDialog, accepted: Callable[[], object], rejected: Callable[[], object]
    ) -> AccountFormDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _signed_in(self) -> None:
        if not accounts.must_change_password(self.db):
            self.dialog = None
            self._on_done()
            return
        self._show(ChangePasswordDialog(self.db, self._parent, forced=True), self._changed, self._gave_up)

    def _changed(self) -> None:
        self.dialog = None
        self._on_done()

    def _gave_up(self) -> None:
        """No own password, no entry: signed out again."""
        self.dialog = None
        try:
            accounts.sign_out(self.db)
        finally:
            self.db.principal = None
        self._on_cancel()
