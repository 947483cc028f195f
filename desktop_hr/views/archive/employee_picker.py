"""Choose people: search by 工号 or name, select several, OK. Reusable wherever a list of people is wanted."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services.archive.employees import EmployeeQuery, EmployeeRow, employee_ids, employee_rows
from desktop_hr.services.labels import label
from desktop_hr.services.training.enrolment import CURRENT_STATUSES
from desktop_hr.views.forms import reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery
from desktop_hr.views.widgets import search_box, setup_record_table

SHOWN_LIMIT = 500  # matches listed at once; a narrower search finds the rest


class EmployeePickModel(ListTableModel[EmployeeRow]):
    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Position"),
            self.tr("Status"),
        ]

    def values(self, row: EmployeeRow) -> list[str]:
        return [row.employee_no, row.name, row.department, row.position, label(row.status)]


def _matching(text: str, exclude: frozenset[int]) -> Callable[[Session], tuple[list[EmployeeRow], int]]:
    """The first SHOWN_LIMIT people working here whose 工号 or name match, and how many match in all."""

    def read(session: Session) -> tuple[list[EmployeeRow], int]:
        query = EmployeeQuery(text=text, statuses=CURRENT_STATUSES)
        ids = [i for i in employee_ids(session, query) if i not in exclude]
        return employee_rows(session, ids[:SHOWN_LIMIT]), len(ids)

    return read


class EmployeePicker(QDialog):
    """`picked(list[int])`: the chosen employees' ids, in the order shown, when the user presses OK.

    Lists people working here now (active and probation); `exclude` hides ids (e.g. those enrolled already).
    The list is read in the background, again as the search changes (the newest search's answer shows).
    """

    picked = Signal(list)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        exclude: Collection[int] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("employee_picker")
        self.setWindowTitle(title or self.tr("Choose people"))
        self._db = db
        self._exclude = frozenset(exclude)
        self._matching = 0
        self._loader = LatestQuery(self)
        self.search_edit, self._timer = search_box(
            self, "picker_search_edit", self.tr("Search employee no. or name"), self.reload
        )

        self.model = EmployeePickModel(self)
        self.table = QTableView(self)
        setup_record_table(
            self.table,
            "picker_table",
            self.model,
            widths=(None, None, 220),
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("picker_count_label")
        self.select_all_button = QPushButton(self.tr("Select all shown"), self)
        self.select_all_button.setObjectName("picker_select_all_button")
        self.select_all_button.clicked.connect(self.table.selectAll)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("picker_buttons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("picker_ok_button")
        self.ok_button.setText(self.tr("Add selected"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync())

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.select_all_button)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(720, 520)
        self.reload()

    def reload(self) -> None:
        self._timer.stop()
        read = _matching(self.search_edit.text().strip(), self._exclude)
        self._loader.run(reading(self._db, read), self._show)

    def _show(self, answer: tuple[list[EmployeeRow], int]) -> None:
        rows, self._matching = answer
        self.model.set_items(rows)
        self._sync()

    def _sync(self) -> None:
        chosen = len(self.selected_ids())
        if self._matching > SHOWN_LIMIT:
            text = self.tr("{shown} of {total} shown; search to narrow. {chosen} selected.")
        else:
            text = self.tr("{total} found, {chosen} selected.")
        self.count_label.setText(text.format(shown=SHOWN_LIMIT, total=f"{self._matching:,}", chosen=chosen))
        self.ok_button.setEnabled(chosen > 0)

    def select_numbers(self, numbers: Collection[str]) -> None:
        """Select the rows of these 工号 (for tests and for callers that know whom they want)."""
        selection = self.table.selectionModel()
        for row, item in enumerate(self.model.items()):
            if item.employee_no in numbers:
                selection.select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.item(row).id for row in rows]

    def accept(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.picked.emit(ids)
        super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the search box searches; it must not press OK with whatever happened to be selected.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search_edit.hasFocus():
            self.reload()
            return
        super().keyPressEvent(event)
