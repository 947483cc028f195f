"""Undoable employee edits: each command holds the before/after data an EmployeeChange reported."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop_hr.services.employees import EmployeeChange, EmployeeData

# (employee id, data to write): queues update_employee on the worker and refreshes what it touched.
ApplyEmployeeData = Callable[[int, EmployeeData], None]


class EmployeeChangeCommand(QUndoCommand):
    """Pushed after the change has been saved: the first redo() (from push) does nothing."""

    def __init__(self, text: str, change: EmployeeChange, apply: ApplyEmployeeData) -> None:
        super().__init__(text)
        self.change = change
        self._apply = apply
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._apply(self.change.employee_id, self.change.after)

    def undo(self) -> None:
        self._apply(self.change.employee_id, self.change.before)
