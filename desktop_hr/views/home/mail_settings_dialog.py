"""The office's mail server for the reminder notices (administrators): server, port, encryption, account,
sender, each department's address, and a test mail. The password is kept on this computer only, in a file
of the user's own (never in the database), or typed at each sending."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.services import mail
from desktop_hr.services.archive.organisation import department_tree
from desktop_hr.services.training.notices import department_addresses, set_department_addresses
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import save_cancel_buttons
from desktop_hr.views.operations import Task, run_in_background, run_query
from desktop_hr.views.roles import permit, read_only_inputs

DEPARTMENT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class _Current:
    settings: mail.MailSettings
    departments: list[tuple[int, str]]  # (id, path) in the tree's order
    addresses: dict[int, str]
    password_kept: bool


class MailSettingsDialog(QDialog):
    saved = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mail_settings_dialog")
        self.setWindowTitle(self.tr("Mail server"))
        self._db = db
        self.loaded = False
        self._addresses: dict[int, str] = {}

        self.form_part = QWidget(self)
        form = QFormLayout(self.form_part)
        form.setContentsMargins(0, 0, 0, 0)
        self.host_edit = QLineEdit(self)
        self.host_edit.setObjectName("mail_host")
        self.host_edit.setPlaceholderText("smtp.example.com")
        self.security_combo = QComboBox(self)
        self.security_combo.setObjectName("mail_security")
        for security, text in (
            (mail.Security.NONE, self.tr("None")),
            (mail.Security.STARTTLS, self.tr("STARTTLS")),
            (mail.Security.SSL, self.tr("SSL/TLS")),
        ):
            self.security_combo.addItem(text, security.value)
        self.security_combo.currentIndexChanged.connect(self._default_port)
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("mail_port")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(25)
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("mail_user")
        self.user_edit.setPlaceholderText(self.tr("empty: the server takes mail without signing in"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("mail_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(
            self.tr("Keep the password on this computer (never in the database)"), self
        )
        self.remember_box.setObjectName("mail_remember")
        self.remember_box.setChecked(True)
        self.sender_edit = QLineEdit(self)
        self.sender_edit.setObjectName("mail_sender")
        self.sender_edit.setPlaceholderText("hr@example.com")
        form.addRow(self.tr("Server:"), self.host_edit)
        form.addRow(self.tr("Encryption:"), self.security_combo)
        form.addRow(self.tr("Port:"), self.port_spin)
        form.addRow(self.tr("User name:"), self.user_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", self.remember_box)
        form.addRow(self.tr("Sender address:"), self.sender_edit)

        self.address_table = QTableWidget(0, 2, self)
        self.address_table.setObjectName("department_addresses")
        self.address_table.setHorizontalHeaderLabels([self.tr("Department"), self.tr("E-mail address(es)")])
        self.address_table.verticalHeader().setVisible(False)
        self.address_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.address_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 240)
        header.setStretchLastSection(True)
        addresses_hint = QLabel(
            self.tr(
                "Each department's notice goes to its address, or to the address of the department above it. "
                "Several addresses: separate them with commas."
            ),
            self,
        )
        addresses_hint.setWordWrap(True)
        addresses_hint.setEnabled(False)

        self.test_button = QPushButton(self.tr("Send a &test mail"), self)
        self.test_button.setObjectName("mail_test_button")
        self.test_button.setToolTip(self.tr("Sends a short mail to the sender address with the values above"))
        self.test_button.clicked.connect(self.send_test)
        self.error_label = QLabel(self.tr("Loading…"), self)
        self.error_label.setObjectName("mail_settings_errors")
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setWordWrap(True)
        self.buttons = save_cancel_buttons(self, "mail_settings_buttons", self.save)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_part)
        layout.addWidget(self.address_table, 1)
        layout.addWidget(addresses_hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if not permit(db.principal, Permission.EDIT_SETTINGS, self.save_button, self.test_button):
            read_only_inputs(self)
        self.form_part.setEnabled(False)
        self.save_button.setEnabled(False)
        self.resize(620, 560)

        def read(_task: Task) -> _Current:
            with read_only(db) as session:
                tree = [(node.id, node.path_names) for node in department_tree(session)]
                settings, addresses = mail.get(session), department_addresses(session)
            return _Current(settings, tree, addresses, mail.stored_password(db) is not None)

        run_query(self, read, success=self._fill, failure=lambda error: feedback.show_error(self, error))

    def _fill(self, current: _Current) -> None:
        settings = current.settings
        self.host_edit.setText(settings.host)
        self.security_combo.blockSignals(True)
        self.security_combo.setCurrentIndex(self.security_combo.findData(settings.security.value))
        self.security_combo.blockSignals(False)
        self.port_spin.setValue(settings.port)
        self.user_edit.setText(settings.user)
        self.sender_edit.setText(settings.sender)
        if current.password_kept:
            self.password_edit.setPlaceholderText(self.tr("kept on this computer; type to replace"))
        self._addresses = dict(current.addresses)
        self.address_table.setRowCount(len(current.departments))
        for row, (department_id, path) in enumerate(current.departments):
            name = QTableWidgetItem(path)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setData(DEPARTMENT_ROLE, department_id)
            self.address_table.setItem(row, 0, name)
            self.address_table.setItem(row, 1, QTableWidgetItem(current.addresses.get(department_id, "")))
        self.error_label.clear()
        self.form_part.setEnabled(True)
        self.save_button.setEnabled(permit(self._db.principal, Permission.EDIT_SETTINGS))
        self.loaded = True

    def _default_port(self) -> None:
        """Switching the encryption moves a default port along (25, 587, 465); a port typed by hand stays."""
        if self.port_spin.value() in mail.DEFAULT_PORTS.values():
            self.port_spin.setValue(mail.DEFAULT_PORTS[self.security()])

    def security(self) -> mail.Security:
        return mail.Security(self.security_combo.currentData())

    def values(self) -> mail.MailSettings:
        return mail.MailSettings(
            self.host_edit.text(),
            self.port_spin.value(),
            self.security(),
            self.user_edit.text(),
            self.sender_edit.text(),
        )

    def changed_addresses(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for row in range(self.address_table.rowCount()):
            name, address = self.address_table.item(row, 0), self.address_table.item(row, 1)
            if name is None or address is None:
                continue
            department_id, text = name.data(DEPARTMENT_ROLE), address.text().strip()
            if text != self._addresses.get(department_id, ""):
                found[int(department_id)] = text
        return found

    def _password(self) -> str | None:
        typed = self.password_edit.text()
        return typed if typed else mail.stored_password(self._db)

    def save(self) -> None:
        settings, addresses, db = self.values(), self.changed_addresses(), self._db
        typed, remember = self.password_edit.text(), self.remember_box.isChecked()
        self.buttons.setEnabled(False)

        def work(_task: Task) -> mail.MailSettings:
            stored = mail.save(db.uow(), settings)
            if addresses:
                set_department_addresses(db.uow(), addresses)
            if not remember:
                mail.store_password(db, None)
            elif typed:
                mail.store_password(db, typed)
            return stored

        def done(stored: mail.MailSettings) -> None:
            self.saved.emit(stored)
            self.accept()

        def refused(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            feedback.show_refusal(self, self.tr("Settings not saved"), error)

        run_in_background(
            self, work, success=done, failure=refused, label=self.tr("Saving the mail settings")
        )

    def send_test(self) -> None:
        settings, password = self.values(), self._password()
        self.test_button.setEnabled(False)

        def done(address: str) -> None:
            self.test_button.setEnabled(True)
            feedback.inform(
                self,
                self.tr("Test mail sent"),
                self.tr("The server took the test mail for {address}. Check that it arrives.").format(
                    address=address
                ),
            )

        def refused(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            feedback.show_refusal(self, self.tr("Test mail not sent"), error)

        run_query(
            self,
            lambda _task: mail.send_test(settings, password),
            success=done,
            failure=refused,
            progress_label=self.tr("Sending a test mail…"),
        )
