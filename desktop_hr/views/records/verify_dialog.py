"""Verify a certificate: serial and code as printed (or the QR code's text) → genuine, revoked, unknown, altered;
a genuine one can be revoked here, its record kept."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.services.records.certificates import Verification, VerifyStatus, revoke, verify
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.operations import Task, run_in_background, run_query
from desktop_hr.views.roles import permit

GENUINE_COLOUR = QColor("#2e7d32")
REFUSED_COLOUR = QColor("#c62828")


class VerifyDialog(QDialog):
    """Serial and code as printed (or the QR code's text "serial|code") → genuine, revoked, unknown, altered."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle(self.tr("Verify a certificate"))
        self._db = db
        self.serial_edit = QLineEdit(self)
        self.serial_edit.setObjectName("serial_edit")
        self.serial_edit.setPlaceholderText(self.tr("e.g. JY2026-000012, or the QR code's text"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setPlaceholderText(self.tr("e.g. ABCD-EFGH-IJKL-MNOP"))
        self.result_label = QLabel(self)
        self.result_label.setObjectName("verify_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setObjectName("verify_button")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.check)
        self.revoke_button = QPushButton(self.tr("Revoke…"), self)
        self.revoke_button.setObjectName("revoke_button")
        self.revoke_button.setToolTip(self.tr("Withdraw a genuine certificate; its record is kept"))
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_shown)
        permit(db.principal, Permission.ISSUE_CERTIFICATES, self.revoke_button)  # verifying: everyone
        self._shown: Verification | None = None
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.setObjectName("verify_close")
        close.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Serial number"), self.serial_edit)
        form.addRow(self.tr("Verification code"), self.code_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.revoke_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addLayout(bottom)
        self.resize(460, self.sizeHint().height())

    def check(self) -> None:
        serial, code = self.serial_edit.text().strip(), self.code_edit.text().strip()
        if not serial:
            self.serial_edit.setFocus()
            return
        self.verify_button.setEnabled(False)

        def work(_task: Task) -> Verification:
            with read_only(self._db) as session:
                return verify(session, serial, code or None)

        def failed(error: BaseException) -> None:
            self.verify_button.setEnabled(True)
            feedback.show_error(self, error)

        run_query(self, work, success=self._show, failure=failed)

    def revoke_shown(self) -> None:
        """Revoke the certificate just verified as genuine, with a reason; then verify it again."""
        result = self._shown
        if result is None or result.status != VerifyStatus.GENUINE:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Revoke certificate"),
            self.tr("Why is {serial} revoked?").format(serial=result.serial),
        )
        if not ok:
            return
        db = self._db

        def work(_task: Task) -> None:
            revoke(db.uow(), result.serial, reason, at=datetime.now())

        run_in_background(
            self,
            work,
            success=lambda _none: self.check(),
            failure=lambda error: feedback.show_refusal(self, self.tr("Not revoked"), error),
            label=self.tr("Revoking certificate {serial}").format(serial=result.serial),
        )

    def _show(self, result: Verification) -> None:
        self.verify_button.setEnabled(True)
        self._shown = result
        self.revoke_button.setEnabled(result.status == VerifyStatus.GENUINE)
        lines = [result.message()]
        view = result.certificate
        if view is not None and result.status != VerifyStatus.ALTERED:
            lines.append(
                self.tr("Holder: {name} ({no}), issued {issued}").format(
                    name=view.name, no=view.employee_no, issued=view.issued_on.isoformat()
                )
            )
            if view.course:
                lines.append(self.tr("Course: {course}").format(course=view.course))
        palette = self.result_label.palette()
        colour = GENUINE_COLOUR if result.status == VerifyStatus.GENUINE else REFUSED_COLOUR
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.result_label.setPalette(palette)
        self.result_label.setProperty("status", result.status.value)
        self.result_label.setText("\n".join(lines))
