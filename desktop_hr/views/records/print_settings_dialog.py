"""Settings of the printed documents: organisation name, logo, certificate wording and signatory.

The dialog opens at once with its form disabled; the settings are read on the reader pool and fill it in.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.records import print_settings
from desktop_hr.services.records.print_settings import PLACEHOLDERS, PrintSettings
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import field_errors, save_cancel_buttons
from desktop_hr.views.operations import Task, run_in_background, run_query
from desktop_hr.views.roles import permit, read_only_inputs

WORDINGS = ("completion_wording", "trainer_wording", "credits_wording")


class PrintSettingsDialog(QDialog):
    """Every field at once; invalid ones are named under the form and nothing is saved until all are valid."""

    saved = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("print_settings_dialog")
        self.setWindowTitle(self.tr("Printed documents"))
        self._db = db
        self.loaded = False
        labels = print_settings.field_names()
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.form_part = QWidget(self)
        self.form_part.setObjectName("print_settings_form")
        form = QFormLayout(self.form_part)
        form.setContentsMargins(0, 0, 0, 0)
        for item in fields(PrintSettings):
            editor: QLineEdit | QPlainTextEdit
            if item.name in WORDINGS:
                editor = QPlainTextEdit(self)
                editor.setFixedHeight(64)
            else:
                editor = QLineEdit(self)
            editor.setObjectName(f"print_{item.name}")
            self.editors[item.name] = editor
            if item.name == "logo_path":
                browse = QPushButton(self.tr("Choose…"), self)
                browse.setObjectName("choose_logo_button")
                browse.clicked.connect(self.choose_logo)
                row = QHBoxLayout()
                row.addWidget(editor, 1)
                row.addWidget(browse)
                form.addRow(labels.get(item.name, item.name) + "：", row)
            else:
                form.addRow(labels.get(item.name, item.name) + "：", editor)
        hint = QLabel(
            self.tr("Placeholders in the wording: {names}").format(
                names="  ".join("{" + name + "}" for name in PLACEHOLDERS)
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.error_label = QLabel(self.tr("Loading…"), self)
        self.error_label.setObjectName("print_settings_errors")
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setWordWrap(True)
        self.buttons = save_cancel_buttons(self, "print_settings_buttons", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_part)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if not permit(db.principal, Permission.EDIT_SETTINGS, self.save_button):
            read_only_inputs(self)
        self.form_part.setEnabled(False)
        self.save_button.setEnabled(False)
        self.resize(640, self.sizeHint().height())

        def read(_task: Task) -> PrintSettings:
            with read_only(db) as session:
                return print_settings.get(session)

        run_query(self, read, success=self._fill, failure=self._not_loaded)

    def _fill(self, current: PrintSettings) -> None:
        for name, editor in self.editors.items():
            value = getattr(current, name)
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value)
            else:
                editor.setText(value)
        self.error_label.clear()
        self.form_part.setEnabled(True)
        self.save_button.setEnabled(True)
        self.loaded = True

    def _not_loaded(self, error: BaseException) -> None:
        self.error_label.setText(self.tr("The settings could not be read."))
        feedback.show_error(self, error)

    def choose_logo(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            editor = self.editors["logo_path"]
            assert isinstance(editor, QLineEdit)
            editor.setText(path)

    def values(self) -> PrintSettings:
        def value(editor: QLineEdit | QPlainTextEdit) -> str:
            return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

        return PrintSettings(**{name: value(editor) for name, editor in self.editors.items()})

    def save(self) -> None:
        settings, db = self.values(), self._db
        self.buttons.setEnabled(False)

        def done(stored: PrintSettings) -> None:
            self.saved.emit(stored)
            self.accept()

        def refused(error: BaseException) -> None:
            self.buttons.setEnabled(True)  # the form keeps what was typed
            if isinstance(error, ValidationFailed):
                labels = print_settings.field_names()
                self.error_label.setText(
                    "\n".join(
                        f"{labels.get(key, key)}：{reason}" for key, reason in field_errors(error).items()
                    )
                )
            else:
                feedback.show_refusal(self, self.tr("Settings not saved"), error)

        run_in_background(
            self,
            lambda _task: print_settings.save(db.uow(), settings),
            success=done,
            failure=refused,
            label=self.tr("Saving the settings of the printed documents"),
        )
