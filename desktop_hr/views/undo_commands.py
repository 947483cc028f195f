"""Undoable edits: each command holds the before/after data the service reported for a change already saved.

Undo and redo write through operations like any edit, so what they change reaches every view through the
hub (the Employees tab, an open session page, Points): no command refreshes a view itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from desktop_hr.db import Database
from desktop_hr.services.archive.employees import EmployeeChange, EmployeeData, update_employee
from desktop_hr.views.operations import run_in_background

# (employee id, data to write, called with the saved change): queues update_employee on the worker.
ApplyEmployeeData = Callable[[int, EmployeeData, Callable[[EmployeeChange], None]], None]


def employee_writer(db: Database, parent: QWidget) -> ApplyEmployeeData:
    """Writes remembered employee data back through update_employee, as an operation of `parent` (the
    window, which outlives the tabs rebuilt on a language switch); a refusal is shown there."""

    def apply(employee_id: int, data: EmployeeData, saved: Callable[[EmployeeChange], None]) -> None:
        run_in_background(parent, lambda _task: update_employee(db.uow(), employee_id, data), success=saved)

    return apply


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
