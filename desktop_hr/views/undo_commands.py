"""Undoable edits: each command holds the before/after data the service reported for a change already saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from desktop_hr.services.archive.employees import EmployeeChange, EmployeeData

# (employee id, data to write, called with the saved change): queues update_employee on the worker and
# refreshes what it touched.
ApplyEmployeeData = Callable[[int, EmployeeData, Callable[[EmployeeChange], None]], None]


class SavedChangeCommand(QUndoCommand):
    """Pushed after the change has been saved: the first redo() (from push) does nothing; later ones call
    `apply_after`, undo() calls `apply_before`."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._pushed = False

    def apply_after(self) -> None:
        raise NotImplementedError

    def apply_before(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.apply_after()

    def undo(self) -> None:
        self.apply_before()


class EmployeeChangeCommand(SavedChangeCommand):
    """Undo and redo write back with the version this command last saved: if another clerk has changed
    the employee since, the service refuses (and says so) instead of overwriting their change."""

    def __init__(self, text: str, change: EmployeeChange, apply: ApplyEmployeeData) -> None:
        super().__init__(text)
        self.change = change
        self.version = change.version
        self._apply = apply

    def _saved(self, change: EmployeeChange) -> None:
        self.version = change.version

    def apply_after(self) -> None:
        self._apply(self.change.employee_id, replace(self.change.after, version=self.version), self._saved)

    def apply_before(self) -> None:
        self._apply(self.change.employee_id, replace(self.change.before, version=self.version), self._saved)
