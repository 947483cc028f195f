"""Verify a certificate: the scanned QR code's text (signed claims, or an older "serial|code"), or serial and
code as printed → genuine, revoked, altered, unknown, unreadable or not this office's, shown as a coloured
verdict; a genuine one can be revoked here, its record kept."""

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
REVOKED_COLOUR = QColor("#e65100")


class VerifyDialog(QDialog):
    """The QR code's text, or serial and code as printed → a verdict banner and what the certificate states."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle(self.tr("Verify a certificate"))
        self._db = db
        self.serial_edit = QLineEdit(self)
        self.serial_edit.setObjectName("serial_edit")
        self.serial_edit.setPlaceholderText(
            self.tr("Scan the QR code here, or type the serial, e.g. JY2026-000012")
        )
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setPlaceholderText(self.tr("e.g. ABCD-EFGH-IJKL-MNOP"))
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("verify_verdict")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setVisible(False)
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
        form.addRow(self.tr("QR text or serial"), self.serial_edit)
        form.addRow(self.tr("Verification code"), self.code_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.revoke_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.result_label)
        layout.addLayout(bottom)
        self.resize(560, self.sizeHint().height())

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

    def _verdict(self, status: VerifyStatus) -> str:
        """The banner's words: what an inspector must see at a glance."""
        verdicts = {
            VerifyStatus.GENUINE: self.tr("GENUINE: the signature is valid"),
            VerifyStatus.REVOKED: self.tr("REVOKED: this certificate is withdrawn"),
            VerifyStatus.ALTERED: self.tr("ALTERED: does not match its signature"),
            VerifyStatus.UNKNOWN: self.tr("UNKNOWN: no such certificate"),
            VerifyStatus.UNREADABLE: self.tr("UNREADABLE: incomplete or not a certificate's QR text"),
            VerifyStatus.FOREIGN: self.tr("NOT THIS OFFICE'S: signed with another key"),
        }
        return verdicts[status]

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
            if view.fingerprint:
                lines.append(
                    self.tr("Signed with key {key_id} (fingerprint {fingerprint})").format(
                        key_id=view.key_id, fingerprint=view.fingerprint
                    )
                )
        colour = {VerifyStatus.GENUINE: GENUINE_COLOUR, VerifyStatus.REVOKED: REVOKED_COLOUR}.get(
            result.status, REFUSED_COLOUR
        )
        self.verdict_label.setText(self._verdict(result.status))
        self.verdict_label.setStyleSheet(
            f"QLabel {{ background: {colour.name()}; color: white; font-size: 16pt; font-weight: bold;"
            " padding: 10px; border-radius: 4px; }"
        )
        self.verdict_label.setVisible(True)
        palette = self.result_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.result_label.setPalette(palette)
        self.result_label.setProperty("status", result.status.value)
        self.result_label.setText("\n".join(lines))
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
