"""The restore refusal: what differs between the backup and the current database, and an explicit choice.

Shown when `restoring.restore` refused a backup (another office's, one that would lose the accounts, one
whose audit trail does not verify). Cancel is the default; "Restore anyway" runs the restore again with
the administrator's confirmation, which the restored database's audit trail then records.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desktop_hr.services.trust.restoring import RestoreRefused


class RestoreRefusalBox(QMessageBox):
    """Open it with `open()` (or `exec()` before the window exists); `confirmed()` once it has closed."""

    def __init__(self, refused: RestoreRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_refusal")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Restore refused"))
        self.setText(
            self.tr("The backup {backup} was not restored. It differs from the current database:").format(
                backup=refused.backup
            )
        )
        self.setInformativeText(
            "\n".join(f"• {difference}" for difference in refused.differences)
            + "\n\n"
            + self.tr(
                "The current database has not been changed. Restore this backup only if you are sure it is "
                "the right one: the current file is kept aside, and the audit trail records your decision."
            )
        )
        self.restore_anyway = self.addButton(
            self.tr("Restore anyway"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.restore_anyway.setObjectName("restore_anyway")
        self.cancel_button = self.addButton(self.tr("Do not restore"), QMessageBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("restore_cancel")
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)

    def confirmed(self) -> bool:
        clicked: QAbstractButton | None = self.clickedButton()
        return clicked is self.restore_anyway
