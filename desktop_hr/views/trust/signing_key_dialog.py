"""Edit › Signing key…: the office key's id and fingerprint, where its file is kept, and what an
administrator does with it (choose the folder, back up, restore a backup, rotate, export the public key).

Everything runs through services/trust/key_management.py off the GUI thread; the dialog opens at once and
fills in when the key's details arrive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database
from desktop_hr.services.trust import key_management
from desktop_hr.services.trust.key_management import KeyInfo
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.operations import LatestQuery, run_in_background
from desktop_hr.views.roles import permit


class SigningKeyDialog(QDialog):
    """Non-modal; every account sees the key and may export the public key, administrators do the rest."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signing_key_dialog")
        self.setWindowTitle(self.tr("Signing key"))
        self._db = db
        self._loads = LatestQuery(self)
        self.info: KeyInfo | None = None

        def value(name: str) -> QLabel:
            label = QLabel(self.tr("Loading…"), self)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return label

        self.key_id_label = value("key_id")
        self.fingerprint_label = value("key_fingerprint")
        self.folder_label = value("key_folder")
        self.file_label = value("key_file_state")
        self.older_label = value("older_keys")
        about = QGroupBox(self.tr("The office's signing key"), self)
        form = QFormLayout(about)
        form.addRow(self.tr("Key id:"), self.key_id_label)
        form.addRow(self.tr("Fingerprint:"), self.fingerprint_label)
        form.addRow(self.tr("Key folder:"), self.folder_label)
        form.addRow(self.tr("Key file:"), self.file_label)
        form.addRow(self.tr("Earlier keys:"), self.older_label)
        hint = QLabel(
            self.tr(
                "Certificates and the audit trail's checkpoints are signed with this key. Its private half "
                "never enters the database or its backups: keep a key backup, and give inspectors the "
                "exported public key."
            ),
            self,
        )
        hint.setObjectName("signing_key_hint")
        hint.setWordWrap(True)

        self.export_button = self._button("export_public_key", self.tr("Export public key…"), self.export)
        self.folder_button = self._button("choose_key_folder", self.tr("Key folder…"), self.choose_folder)
        self.backup_button = self._button("back_up_key", self.tr("Back up key…"), self.back_up)
        self.restore_button = self._button("restore_key", self.tr("Restore key backup…"), self.restore)
        self.rotate_button = self._button("rotate_key", self.tr("New key (rotate)…"), self.rotate)
        permit(
            db.principal,
            Permission.EDIT_SETTINGS,
            self.folder_button,
            self.backup_button,
            self.restore_button,
            self.rotate_button,
        )
        actions = QGridLayout()
        for index, button in enumerate(
            (
                self.export_button,
                self.folder_button,
                self.backup_button,
                self.restore_button,
                self.rotate_button,
            )
        ):
            actions.addWidget(button, index // 3, index % 3)
        self.status = QLabel("", self)
        self.status.setObjectName("signing_key_status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(hint)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, 380)
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ---- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self._db
        self._loads.run(lambda _task: key_management.show(db.uow()), self._show, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText(str(error))

    def _show(self, info: KeyInfo) -> None:
        self.info = info
        none = self.tr("None yet (made with the first signature)")
        self.key_id_label.setText(info.key_id or none)
        self.fingerprint_label.setText(info.fingerprint or "—")
        self.folder_label.setText(str(info.folder))
        if not info.key_id:
            self.file_label.setText("—")
        elif info.file_present:
            self.file_label.setText(self.tr("Present: signing works"))
        else:
            self.file_label.setText(
                self.tr("Missing: nothing is signed until the key's folder is back or a backup is restored")
            )
        self.older_label.setText(", ".join(info.older) or "—")

    # ---- actions ---------------------------------------------------------------------------------

    def _done(self, text: str) -> Callable[[KeyInfo], None]:
        def shown(info: KeyInfo) -> None:
            self._show(info)
            self.status.setText(text)

        return shown

    def _refused(self, title: str) -> Callable[[BaseException], None]:
        return lambda error: feedback.show_refusal(self, title, error)

    def export(self) -> None:
        title = self.tr("Export public key")
        chosen, _ = QFileDialog.getSaveFileName(
            self, title, "office-public-key.pem", self.tr("Public key (*.pem)")
        )
        if not chosen:
            return
        db, target = self._db, Path(chosen)

        def exported(count: int) -> None:
            self.status.setText(
                self.tr("Wrote {count} public key(s) to {path}").format(count=count, path=target)
            )

        run_in_background(
            self,
            lambda _task: key_management.export_public(db.uow(), target),
            success=exported,
            failure=self._refused(title),
            label=title,
        )

    def choose_folder(self) -> None:
        title = self.tr("Key folder")
        current = str(self.info.folder) if self.info is not None else ""
        chosen = QFileDialog.getExistingDirectory(self, title, current)
        if not chosen:
            return
        db, folder = self._db, Path(chosen)
        run_in_background(
            self,
            lambda _task: key_management.move_folder(db.uow(), folder),
            success=self._done(self.tr("The key files are now kept in {folder}").format(folder=folder)),
            failure=self._refused(title),
            label=title,
        )

    def _passphrase(self, title: str) -> str | None:
        typed, accepted = QInputDialog.getText(
            self, title, self.tr("Key backup passphrase (8 characters or more):"), QLineEdit.EchoMode.Password
        )
        return typed if accepted else None

    def back_up(self) -> None:
        title = self.tr("Back up key")
        chosen, _ = QFileDialog.getSaveFileName(
            self, title, "office-signing-key.backup", self.tr("Key backup (*.backup);;All files (*)")
        )
        passphrase = self._passphrase(title) if chosen else None
        if not chosen or passphrase is None:
            return
        db, target = self._db, Path(chosen)
        text = self.tr("Key backed up to {path}; keep the passphrase apart from it.").format(path=target)
        run_in_background(
            self,
            lambda _task: key_management.backup(db.uow(), target, passphrase),
            success=self._done(text),
            failure=self._refused(title),
            label=title,
        )

    def restore(self) -> None:
        title = self.tr("Restore key backup")
        chosen, _ = QFileDialog.getOpenFileName(
            self, title, "", self.tr("Key backup (*.backup);;All files (*)")
        )
        passphrase = self._passphrase(title) if chosen else None
        if not chosen or passphrase is None:
            return
        db, source = self._db, Path(chosen)
        run_in_background(
            self,
            lambda _task: key_management.restore_backup(db.uow(), source, passphrase),
            success=self._done(self.tr("The key was restored from {path}").format(path=source)),
            failure=self._refused(title),
            label=title,
        )

    def rotate(self) -> None:
        title = self.tr("New signing key")
        question = self.tr(
            "Make a new signing key? What was signed before keeps verifying with the old public key, but "
            "inspectors need the newly exported public key file, and the key needs a new backup."
        )
        if not feedback.confirm(self, title, question):
            return
        db = self._db
        run_in_background(
            self,
            lambda _task: key_management.rotate(db.uow()),
            success=self._done(self.tr("A new signing key is in use; export the public key and back it up.")),
            failure=self._refused(title),
            label=title,
        )
