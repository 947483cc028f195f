"""The Home tab's list of people at risk of missing a requirement this year: from 1 October, everyone still short
of a calendar-year requirement (title evaluation, continuing education…), each line opening the person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QTableView, QVBoxLayout, QWidget

from desktop_hr.db import Database
from desktop_hr.services.requirements.evaluation import Standing
from desktop_hr.services.requirements.lists import AT_RISK_FROM, at_risk
from desktop_hr.views.forms import reading
from desktop_hr.views.hub import follow
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery
from desktop_hr.views.widgets import setup_record_table

AREAS = ("requirements", "training", "employees", "organisation")


class AtRiskModel(ListTableModel[Standing]):
    def titles(self) -> list[str]:
        return [
            self.tr("Department"),
            self.tr("Employee no."),
            self.tr("Name"),
            self.tr("Requirement"),
            self.tr("Still missing"),
        ]

    def values(self, item: Standing) -> list[str]:
        return [item.department, item.employee_no, item.name, item.requirement, item.gap()]


class AtRiskPanel(QGroupBox):
    """Read on the reader pool; follows requirements, training, employees and the organisation."""

    employee_requested = Signal(int)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setObjectName("at_risk_panel")
        self._db = db
        self._today = today
        self._loader = LatestQuery(self)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("at_risk_note")
        self.note_label.setWordWrap(True)
        self.model = AtRiskModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "at_risk_table", self.model, widths=[180, 80, 80, 140])
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by department, as read (then 工号)
        self.table.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        self.setTitle(self.tr("At risk of missing a requirement this year"))
        follow(self, AREAS, self.refresh)

    def refresh(self) -> None:
        today = self._today()
        self._loader.run(
            reading(self._db, lambda session: at_risk(session, today)), lambda rows: self._show(rows, today)
        )

    def _show(self, rows: list[Standing], today: date) -> None:
        self.model.set_items(rows)
        people = len({s.employee_id for s in rows})
        self.setTitle(self.tr("At risk of missing a requirement this year ({count})").format(count=people))
        month, day = AT_RISK_FROM
        if (today.month, today.day) < AT_RISK_FROM:
            note = self.tr(
                "From {month}/{day}, the people still short of this year's requirements are listed here."
            )
            self.note_label.setText(note.format(month=month, day=day))
        elif not rows:
            self.note_label.setText(self.tr("Everyone meets this year's requirements so far."))
        else:
            self.note_label.setText(
                self.tr(
                    "{people} people are still short of a requirement of {year}; double-click to open one."
                ).format(people=people, year=today.year)
            )
        self.table.setVisible(bool(rows))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.employee_requested.emit(self.model.item(index.row()).employee_id)
