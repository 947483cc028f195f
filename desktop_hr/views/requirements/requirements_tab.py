"""The Requirements tab (达标): pick a requirement and a year, see by department who meets it and who does not,
with counts, search, a met / not-met filter, export, print, and the requirements themselves to edit."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
from desktop_hr.excel.requirements import export_standings
from desktop_hr.printing import catalogue
from desktop_hr.services.archive.organisation import DepartmentNode, department_tree
from desktop_hr.services.records import print_log
from desktop_hr.services.records.printables import Printable, eligibility_list_printable
from desktop_hr.services.requirements.evaluation import Standing
from desktop_hr.services.requirements.lists import EligibilityList, eligibility
from desktop_hr.services.requirements.reports import applies_text, rate_text
from desktop_hr.services.requirements.rules import (
    RequirementRow,
    conditions_text,
    delete_requirement,
    list_requirements,
)
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import save_export
from desktop_hr.views.forms import follow_lazily, open_dialog, reading
from desktop_hr.views.operations import LatestQuery, Task, run_in_background
from desktop_hr.views.records.pdf_preview import print_document, save_document_pdf
from desktop_hr.views.requirements.recognition_dialog import RecognitionDialog
from desktop_hr.views.requirements.requirement_dialog import RequirementDialog
from desktop_hr.views.requirements.standing_model import EligibilityModel
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import filter_combos, icon_button, search_box, setup_record_table

AREAS = ("requirements", "training", "employees", "organisation")
YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class _Choices:
    requirements: list[RequirementRow]
    departments: list[DepartmentNode]
    applies: dict[int, str]  # requirement id -> who it applies to, in words


@dataclass(frozen=True)
class _Query:
    requirement_id: int
    year: int
    department_id: int | None
    text: str
    only: bool | None  # True: who meets it, False: who does not, None: everyone


@dataclass(frozen=True)
class _Listing:
    query: _Query
    listing: EligibilityList  # everyone matching the department and the search (for the counts)
    rows: list[Standing]  # of whom the ones the met / not-met filter keeps


def _read_choices(session: Session) -> _Choices:
    rows = list_requirements(session)
    return _Choices(rows, department_tree(session), {r.id: applies_text(session, r.data) for r in rows})


def _read_listing(query: _Query) -> Any:
    def read(session: Session) -> _Listing:
        listing = eligibility(
            session, query.requirement_id, query.year, department_id=query.department_id, text=query.text
        )
        rows = [
            s for group in listing.groups for s in group.rows if query.only is None or s.met is query.only
        ]
        return _Listing(query, listing, rows)

    return read


class RequirementsTab(QWidget):
    """Reads its choices (requirements, departments) and the list in the background when first shown, and
    again whenever a write touches requirements, training, employees or the organisation."""

    employee_requested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requirements_tab")
        self._db = db
        self._choices: _Choices | None = None
        self._keep: int | None = None  # the requirement to choose once the choices are read again
        self.shown: _Listing | None = None
        self._choices_loader = LatestQuery(self)
        self._list_loader = LatestQuery(self)

        self.requirement_combo = QComboBox(self)
        self.requirement_combo.setObjectName("requirement_combo")
        self.requirement_combo.setMinimumContentsLength(14)
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("requirement_year_spin")
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setSuffix(self.tr(" year"))
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("requirement_department_combo")
        self.department_combo.addItem(self.tr("All departments"), None)
        self.verdict_combo = QComboBox(self)
        self.verdict_combo.setObjectName("requirement_verdict_filter")
        for text, only in (
            (self.tr("Met and not met"), None),
            (self.tr("Met"), True),
            (self.tr("Not met"), False),
        ):
            self.verdict_combo.addItem(text, only)
        self.search_edit, self._search_timer = search_box(
            self,
            "requirement_search_edit",
            self.tr("Search name or employee no."),
            self.reload_list,
            timer_name="requirement_search_timer",
        )
        filter_combos(self.reload_list, self.requirement_combo, self.department_combo, self.verdict_combo)
        self.year_spin.valueChanged.connect(lambda _year: self.reload_list())

        button = functools.partial(icon_button, self)

        pixmap = QStyle.StandardPixmap
        self.new_button = button(
            "new_requirement_button", self.tr("New requirement…"), pixmap.SP_FileIcon, self.new_requirement
        )
        self.edit_button = button(
            "edit_requirement_button",
            self.tr("Edit…"),
            pixmap.SP_FileDialogDetailedView,
            self.edit_requirement,
        )
        self.delete_button = button(
            "delete_requirement_button", self.tr("Delete…"), pixmap.SP_TrashIcon, self.delete_requirement
        )
        self.recognition_button = button(
            "recognition_button",
            self.tr("Credit recognition table…"),
            pixmap.SP_FileDialogListView,
            self.show_recognition,
        )
        self.export_button = button(
            "export_eligibility_button", self.tr("Export…"), pixmap.SP_ArrowUp, self.export_list
        )
        self.pdf_button = button(
            "save_eligibility_pdf_button", self.tr("Save as PDF…"), pixmap.SP_DialogSaveButton, self.save_pdf
        )
        self.print_button = button(
            "print_eligibility_button", self.tr("Print…"), pixmap.SP_FileDialogContentsView, self.print_list
        )
        principal = db.principal
        if not permit(principal, Permission.EDIT_REQUIREMENTS, self.new_button, self.delete_button):
            self.edit_button.setText(self.tr("Open…"))
        permit(principal, Permission.EXPORT, self.export_button)
        permit(principal, Permission.PRINT, self.pdf_button, self.print_button)

        self.conditions_label = QLabel(self)
        self.conditions_label.setObjectName("requirement_conditions_label")
        self.conditions_label.setWordWrap(True)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("requirement_counts_label")
        bold = self.counts_label.font()
        bold.setBold(True)
        self.counts_label.setFont(bold)

        self.model = EligibilityModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "eligibility_table", self.model, widths=[200, 90, 90, 80])
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Enter and double click open the person (their training history, their status).
        self.table.activated.connect(self._activated)

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(QLabel(self.tr("Requirement:"), self))
        top.addWidget(self.requirement_combo, 1)
        top.addWidget(self.year_spin)
        top.addWidget(self.department_combo, 1)
        for made in (self.new_button, self.edit_button, self.delete_button, self.recognition_button):
            top.addWidget(made)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.verdict_combo)
        filters.addWidget(self.counts_label)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for made in (self.export_button, self.pdf_button, self.print_button):
            bottom.addWidget(made)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.conditions_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._sync_buttons()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    # ---- reading ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the requirements and departments again, then the list (F5, or the hub after a write)."""
        self.follower.stale = False
        self._choices_loader.run(reading(self._db, _read_choices), self._show_choices)

    def loading(self) -> bool:
        return self._choices_loader.running or self._list_loader.running

    def _show_choices(self, choices: _Choices) -> None:
        self._choices = choices
        keep_requirement = self.requirement_combo.currentData()
        keep_department = self.department_combo.currentData()
        for combo in (self.requirement_combo, self.department_combo):
            combo.blockSignals(True)
        self.requirement_combo.clear()
        for row in choices.requirements:
            text = row.name if row.data.enabled else self.tr("{name} (switched off)").format(name=row.name)
            self.requirement_combo.addItem(text, row.id)
        self.department_combo.clear()
        self.department_combo.addItem(self.tr("All departments"), None)
        for node in choices.departments:
            self.department_combo.addItem("　" * node.depth + node.name, node.id)
            self.department_combo.setItemData(
                self.department_combo.count() - 1, node.path_names, Qt.ItemDataRole.ToolTipRole
            )
        if self._keep is not None:
            keep_requirement, self._keep = self._keep, None
        self.requirement_combo.setCurrentIndex(max(self.requirement_combo.findData(keep_requirement), 0))
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(keep_department), 0))
        for combo in (self.requirement_combo, self.department_combo):
            combo.blockSignals(False)
        self.reload_list()

    def current_requirement(self) -> RequirementRow | None:
        chosen = self.requirement_combo.currentData()
        if self._choices is None or chosen is None:
            return None
        return next((r for r in self._choices.requirements if r.id == chosen), None)

    def current_query(self) -> _Query | None:
        requirement = self.current_requirement()
        if requirement is None:
            return None
        only = self.verdict_combo.currentData()
        return _Query(
            requirement.id,
            self.year_spin.value(),
            self.department_combo.currentData(),
            self.search_edit.text().strip(),
            only if isinstance(only, bool) else None,
        )

    def reload_list(self) -> None:
        self._search_timer.stop()
        query = self.current_query()
        self._show_requirement()
        if query is None:
            self.model.set_items([])
            self.shown = None
            waiting = self._choices is None
            self.counts_label.setText(
                self.tr("Loading…") if waiting else self.tr("No requirement yet: add one.")
            )
            self._sync_buttons()
            return
        self.counts_label.setText(self.tr("Evaluating…"))
        self._list_loader.run(reading(self._db, _read_listing(query)), self._show_listing)

    def _show_requirement(self) -> None:
        requirement = self.current_requirement()
        if requirement is None or self._choices is None:
            self.conditions_label.clear()
            return
        self.conditions_label.setText(
            self.tr("Applies to {whom} · {conditions}").format(
                whom=self._choices.applies.get(requirement.id, ""),
                conditions=conditions_text(requirement.data),
            )
        )

    def _show_listing(self, shown: _Listing) -> None:
        self.shown = shown
        self.model.set_items(shown.rows)
        listing = shown.listing
        self.counts_label.setText(
            self.tr("{total} people · {met} met · {not_met} not met ({rate})").format(
                total=listing.total,
                met=listing.met,
                not_met=listing.total - listing.met,
                rate=rate_text(listing.met, listing.total),
            )
        )
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        chosen = self.current_requirement() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        listed = self.shown is not None
        self.export_button.setEnabled(listed and self.model.rowCount() > 0)
        self.pdf_button.setEnabled(listed)
        self.print_button.setEnabled(listed)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.employee_requested.emit(self.model.item(index.row()).employee_id)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # ---- the requirements ------------------------------------------------------------------------------

    def _select_later(self, requirement_id: object) -> None:
        """After a save: the hub reads the choices again; this one is then chosen."""
        if isinstance(requirement_id, int):
            self._keep = requirement_id

    def new_requirement(self) -> RequirementDialog:
        return open_dialog(RequirementDialog(self._db, parent=self), self._select_later)

    def edit_requirement(self) -> RequirementDialog | None:
        requirement = self.current_requirement()
        if requirement is None:
            return None
        return open_dialog(RequirementDialog(self._db, requirement.id, parent=self), self._select_later)

    def delete_requirement(self) -> None:
        requirement = self.current_requirement()
        if requirement is None:
            return
        if not feedback.confirm(
            self,
            self.tr("Delete requirement"),
            self.tr(
                "Delete the requirement “{name}” and its conditions permanently?\n\n"
                "Lists already printed stay in the print log. To stop evaluating it but keep it, "
                "untick “In use” in the requirement instead."
            ).format(name=requirement.name),
            destructive=True,
        ):
            return
        db, requirement_id = self._db, requirement.id

        def refused(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Cannot delete"), error)

        run_in_background(
            self,
            lambda _task: delete_requirement(db.uow(), requirement_id),
            success=lambda _d: None,
            failure=refused,
        )

    def show_recognition(self) -> RecognitionDialog:
        dialog = RecognitionDialog(self._db, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # ---- export and print --------------------------------------------------------------------------

    def _title(self) -> str:
        shown = self.shown
        if shown is None:
            return ""
        return self.tr("{year} {requirement} eligibility").format(
            year=shown.query.year, requirement=shown.listing.requirement
        )

    def export_list(self) -> None:
        """The rows as shown (department, search and filter applied), in the fixed requirements columns."""
        shown = self.shown
        if shown is None:
            return
        rows, db, what = list(self.model.items()), self._db, self._title()

        def work(target: Path, task: Task) -> int:
            count = export_standings(target, rows, task.progress)
            audit.note_export(db, what, target, count)
            return count

        save_export(self, what, work)

    def _render(self, query: _Query, target: Path, *, log: bool) -> tuple[Printable, catalogue.Rendered]:
        """The whole list of the requirement, year and department (the search and the filter are the screen's)
        as a PDF at `target`; with `log`, recorded in the print log with its verdicts. Runs on the worker."""
        db = self._db
        with read_only(db) as session:
            item = eligibility_list_printable(
                session, query.requirement_id, query.year, department_id=query.department_id
            )
        rendered = catalogue.render_document(db, item, target, now=datetime.now())
        if log:
            print_log.record(db.uow(), [catalogue.output_of(item, rendered, str(target))], at=datetime.now())
        return item, rendered

    def save_pdf(self) -> None:
        shown = self.shown
        if shown is None:
            return
        query = shown.query
        save_document_pdf(
            self,
            lambda target: self._render(query, target, log=True),
            what=self.tr("the eligibility list"),
            suggested_name=self._title(),
        )

    def print_list(self) -> None:
        """Drawn in the background, then the system's print dialog; what it said goes to the print log."""
        shown = self.shown
        if shown is None:
            return
        query = shown.query
        print_document(
            self,
            self._db,
            lambda temp: self._render(query, temp, log=False),
            title=self._title(),
            progress_label=self.tr("Preparing the eligibility list…"),
        )
