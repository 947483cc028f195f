"""Edit › Accounts… (administrators): who may sign in, with which role; add, edit, reset a password, unlock.

A new account and a reset get a generated temporary password, shown once in a field that can be copied;
its holder must choose their own at the next sign-in. The rules (last administrator, a department head's
department, names) are the service's: what it refuses is shown as a message and the dialog stays open.
The lists (accounts, departments) are read on the reader pool; the list follows the hub's "accounts" area.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.models import Role
from desktop_hr.services.archive.organisation import department_tree
from desktop_hr.services.labels import label
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.accounts import AccountData, AccountRow
from desktop_hr.views import feedback, hub
from desktop_hr.views.forms import RecordDialog, open_dialog
from desktop_hr.views.list_model import ITEM_ROLE, ListTableModel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background, run_query
from desktop_hr.views.widgets import EnumCombo, local_time_text, search_box, sorted_table


class AccountTableModel(ListTableModel[AccountRow]):
    """One row an account: user name, display name, role, department, state, last sign-in (local time)."""

    NAME, DISPLAY_NAME, ROLE, DEPARTMENT, STATE, LAST_SIGN_IN = range(6)

    def titles(self) -> list[str]:
        return [
            self.tr("User name"),
            self.tr("Display name"),
            self.tr("Role"),
            self.tr("Department"),
            self.tr("State"),
            self.tr("Last sign-in"),
        ]

    def state(self, row: AccountRow) -> str:
        if not row.active:
            return self.tr("Disabled")
        if row.locked():
            return self.tr("Locked")
        return self.tr("Active")

    def values(self, item: AccountRow) -> list[str]:
        return [
            item.name,
            item.display_name,
            label(item.role),
            item.department,
            self.state(item),
            local_time_text(item.last_login_at) if item.last_login_at is not None else "—",
        ]

    def tooltip(self, item: AccountRow, column: int) -> str:
        if column == self.STATE and item.must_change_password:
            return self.tr("Must choose a new password at the next sign-in")
        return super().tooltip(item, column)


class AccountDialog(RecordDialog):
    """Add or edit one account; the department is asked only of a department head. A new account's
    temporary password (`password`) is made here and stored with it."""

    def __init__(self, db: Database, row: AccountRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_dialog")
        self.setWindowTitle(self.tr("Edit account") if row is not None else self.tr("Add account"))
        self._db = db
        self._account_id = row.id if row is not None else None
        self._department_id = row.department_id if row is not None else None
        self.password = accounts.generated_password() if row is None else ""
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("account_name_edit")
        self.name_edit.setMaxLength(50)
        self.display_name_edit = QLineEdit(self)
        self.display_name_edit.setObjectName("account_display_name_edit")
        self.display_name_edit.setMaxLength(50)
        self.role_combo = EnumCombo(Role, blank=False, parent=self)
        self.role_combo.setObjectName("role_combo")
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("account_department_combo")
        self.department_combo.setPlaceholderText(self.tr("Loading the departments…"))
        self.department_combo.setEnabled(False)
        self.active_check = QCheckBox(self.tr("May sign in"), self)
        self.active_check.setObjectName("account_active_check")
        self.form = QFormLayout()
        self.form.addRow(self.tr("User name *"), self.name_edit)
        self.form.addRow(self.tr("Display name"), self.display_name_edit)
        self.form.addRow(self.tr("Role"), self.role_combo)
        self.form.addRow(self.tr("Department"), self.department_combo)
        self.form.addRow("", self.active_check)
        below: list[QWidget] = []
        if row is None:
            hint = QLabel(
                self.tr(
                    "A temporary password is made when you save and shown once; the new user chooses "
                    "their own at the first sign-in."
                ),
                self,
            )
            hint.setWordWrap(True)
            hint.setEnabled(False)
            below.append(hint)
        self.finish(self.form, "account_buttons", self._save, *below)
        if row is not None:
            self.name_edit.setText(row.name)
            self.display_name_edit.setText(row.display_name)
            self.role_combo.set_value(row.role)
            self.active_check.setChecked(row.active)
        else:
            self.role_combo.set_value(Role.CLERK)
            self.active_check.setChecked(True)
        self.role_combo.currentIndexChanged.connect(lambda _index: self._sync_department())
        self._sync_department()
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the departments are there to choose from
        self.resize(460, self.sizeHint().height())

        def read(_task: Task) -> list[tuple[int, str]]:
            with read_only(db) as session:
                return [(node.id, node.path_names) for node in department_tree(session)]

        run_query(self, read, success=self._fill_departments)

    def _fill_departments(self, departments: list[tuple[int, str]]) -> None:
        for department_id, path in departments:
            self.department_combo.addItem(path, department_id)
        index = self.department_combo.findData(self._department_id) if self._department_id is not None else 0
        self.department_combo.setCurrentIndex(max(index, 0))
        self.department_combo.setEnabled(True)
        self.save_button.setEnabled(True)

    def _sync_department(self) -> None:
        self.form.setRowVisible(self.department_combo, self.role_combo.value() is Role.DEPARTMENT_HEAD)

    def account_data(self) -> AccountData:
        role = self.role_combo.value()
        department = self.department_combo.currentData() if role is Role.DEPARTMENT_HEAD else None
        return AccountData(
            name=self.name_edit.text(),
            role=role,
            display_name=self.display_name_edit.text(),
            department_id=department,
            active=self.active_check.isChecked(),
        )

    def _save(self) -> None:
        db, data, account_id, password = self._db, self.account_data(), self._account_id, self.password

        def store() -> int:
            if account_id is None:
                return accounts.create_account(db.uow(), data, password)
            accounts.update_account(db.uow(), account_id, data)
            return account_id

        self.submit(store, self.tr("Account not saved"))


class PasswordShownDialog(QDialog):
    """A temporary password, shown once: selected in a read-only field, with a Copy button."""

    def __init__(self, name: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("password_shown_dialog")
        self.setWindowTitle(self.tr("Temporary password"))
        intro = QLabel(self.tr("The temporary password of {name}:").format(name=name), self)
        intro.setWordWrap(True)
        self.password_edit = QLineEdit(password, self)
        self.password_edit.setObjectName("shown_password_edit")
        self.password_edit.setReadOnly(True)
        font = self.password_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.password_edit.setFont(font)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copy_password_button")
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout()
        row.addWidget(self.password_edit, 1)
        row.addWidget(self.copy_button)
        note = QLabel(
            self.tr(
                "It is shown only this once: give it to {name}, who must choose their own password at the "
                "next sign-in."
            ).format(name=name),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("password_shown_buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())
        self.password_edit.selectAll()
        self.password_edit.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password_edit.text())


class AccountsDialog(QDialog):
    """The accounts, sortable and searchable, with Add / Edit / Reset password / Unlock under them."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accounts_dialog")
        self.setWindowTitle(self.tr("Accounts"))
        self._db = db
        self.model = AccountTableModel(self)
        self.search_edit, self._search_timer = search_box(
            self,
            "account_search_edit",
            self.tr("Search user name, display name, role or department"),
            self.filter,
        )
        self.table, self.proxy = sorted_table(self, "accounts_table", self.model, (110, 110, 100, 200, 70))
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())
        self._loads = LatestQuery(self)
        self._keep: int | None = None  # the account to select once the list under way arrives

        def button(name: str, text: str, slot: Callable[[], object]) -> QPushButton:
            made = QPushButton(text, self)
            made.setObjectName(name)
            made.clicked.connect(lambda _checked=False: slot())
            return made

        self.add_button = button("add_account_button", self.tr("Add…"), self.add)
        self.edit_button = button("edit_account_button", self.tr("Edit…"), self.edit_selected)
        self.reset_button = button("reset_password_button", self.tr("Reset password…"), self.reset_selected)
        self.unlock_button = button("unlock_account_button", self.tr("Unlock"), self.unlock_selected)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("account_count_label")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.setObjectName("accounts_close")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for made in (self.add_button, self.edit_button, self.reset_button, self.unlock_button):
            buttons.addWidget(made)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(860, 440)
        self.count_label.setText(self.tr("Loading…"))
        hub.follow(self, ("accounts",), self.reload)
        self.reload()

    # ---- the list -------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the accounts again on the reader pool; `select` (else the account selected now) is selected
        once they arrive."""
        if select is not None:
            self._keep = select
        elif self._keep is None and (row := self.selected()) is not None:
            self._keep = row.id
        db = self._db

        def read(_task: Task) -> list[AccountRow]:
            with read_only(db) as session:
                return accounts.list_accounts(session)

        self._loads.run(read, self._show_accounts)

    def _show_accounts(self, rows: list[AccountRow]) -> None:
        keep, self._keep = self._keep, None
        self.model.set_items(rows)
        self.count_label.setText(self.tr("{count} account(s)").format(count=len(rows)))
        if keep is not None:
            self.select(keep)
        self._sync_buttons()

    def filter(self) -> None:
        self._search_timer.stop()
        self.proxy.setFilterFixedString(self.search_edit.text().strip())
        self._sync_buttons()

    def select(self, account_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            item = self.proxy.index(row, 0).data(ITEM_ROLE)
            if isinstance(item, AccountRow) and item.id == account_id:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        item = rows[0].data(ITEM_ROLE) if rows else None
        return item if isinstance(item, AccountRow) else None

    def _sync_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.reset_button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and row.locked())

    # ---- actions --------------------------------------------------------------------------------

    def add(self) -> AccountDialog:
        dialog = AccountDialog(self._db, parent=self)
        password = dialog.password

        def added(account_id: int) -> None:
            self.reload(select=account_id)
            self.show_password(dialog.account_data().name.strip(), password)

        return open_dialog(dialog, added)

    def edit_selected(self) -> AccountDialog | None:
        row = self.selected()
        if row is None:
            return None
        return open_dialog(
            AccountDialog(self._db, row, self), lambda account_id: self.reload(select=account_id)
        )

    def reset_selected(self) -> None:
        row = self.selected()
        if row is None or not feedback.confirm(
            self,
            self.tr("Reset password"),
            self.tr(
                "Give {name} a new temporary password? The current one stops working at once, and {name} "
                "must choose their own at the next sign-in."
            ).format(name=row.name),
            destructive=True,
        ):
            return
        db, password = self._db, accounts.generated_password()

        def done(_none: None) -> None:
            self.reload(select=row.id)
            self.show_password(row.name, password)

        run_in_background(
            self,
            lambda _task: accounts.reset_password(db.uow(), row.id, password),
            success=done,
            label=self.tr("Resetting the password of {name}").format(name=row.name),
        )

    def unlock_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        db = self._db
        run_in_background(
            self,
            lambda _task: accounts.unlock(db.uow(), row.id),
            success=lambda _none: self.reload(select=row.id),
            label=self.tr("Unlocking {name}").format(name=row.name),
        )

    def show_password(self, name: str, password: str) -> PasswordShownDialog:
        dialog = PasswordShownDialog(name, password, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
