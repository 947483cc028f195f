"""What the signed-in account may do, as the window shows it: whatever its role cannot do is not offered.

The services refuse forbidden writes whatever the window does (services/guard.py); these helpers only
keep the window from offering them. Every check reads `services.permissions` (the rules live there).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from desktop_hr.errors import DomainError
from desktop_hr.services.trust.permissions import Permission, Principal, WriteRequest, check_write
from desktop_hr.views.forms import FieldDialog, RecordsPanel

Target = QWidget | QAction


def allowed(principal: Principal | None, permission: Permission) -> bool:
    """Whether the account may `permission` (nobody signed in may nothing)."""
    return principal is not None and principal.can(permission)


def show_if(condition: bool, *targets: Target) -> bool:
    """Hide `targets` unless `condition` (a hidden action loses its shortcut too); returns `condition`."""
    if not condition:
        for target in targets:
            target.setVisible(False)
    return condition


def permit(principal: Principal | None, permission: Permission, *targets: Target) -> bool:
    """Hide `targets` unless the account may `permission`; returns whether it may."""
    return show_if(allowed(principal, permission), *targets)


def may_write(
    principal: Principal | None,
    table: str,
    verb: str = "insert",
    *,
    changed: Iterable[str] = (),
    course_department: int | None = None,
) -> bool:
    """Whether the unit of work would let the account write such a row (`changed`: the fields of an
    update), asked of the service's own `check_write` without writing anything."""
    if principal is None:
        return False
    request = WriteRequest(
        table=table,
        verb=verb,
        record="",
        values={},
        changed=tuple(changed),
        course_department=course_department,
    )
    try:
        check_write(principal, request)
    except DomainError:
        return False
    return True


def read_only_inputs(*containers: QWidget) -> None:
    """Every editor inside `containers` still shows its value (and can be copied) but takes no input."""
    for container in containers:
        editors: list[QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox] = [
            *container.findChildren(QLineEdit),
            *container.findChildren(QPlainTextEdit),
            *container.findChildren(QTextEdit),
            *container.findChildren(QAbstractSpinBox),
        ]
        for editor in editors:
            editor.setReadOnly(True)
        choosers: list[QComboBox | QAbstractItemView] = [
            *container.findChildren(QComboBox),
            *container.findChildren(QAbstractItemView),
        ]
        for chooser in choosers:
            chooser.setEnabled(False)
        for button in container.findChildren(QAbstractButton):
            if button.isCheckable():
                button.setEnabled(False)
            elif isinstance(button, QPushButton) and not isinstance(button.parent(), QDialogButtonBox):
                button.setVisible(False)  # "Choose…", "Add": they would change the record


def view_only(dialog: FieldDialog, *pages: QWidget) -> None:
    """A record dialog for an account that may read but not change it: no Save (nor Ctrl+S), Close instead
    of Cancel, the fields on `pages` read-only."""
    dialog.save_button.setVisible(False)
    dialog.save_button.setDefault(False)
    for shortcut in dialog.findChildren(QShortcut):
        shortcut.setEnabled(False)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if cancel is not None:
        cancel.setText(QCoreApplication.translate("Roles", "Close"))
    read_only_inputs(*pages)


def permit_records(principal: Principal | None, permission: Permission, *panels: RecordsPanel) -> bool:
    """A records panel's Add / Edit / Delete only for an account that may `permission`; otherwise the list
    is for reading (a double click or Enter opens nothing to change). Returns whether it may."""
    may = allowed(principal, permission)
    for panel in panels:
        show_if(may, panel.add_button, panel.edit_button, panel.delete_button)
        if not may:
            panel.table.activated.disconnect()
    return may
