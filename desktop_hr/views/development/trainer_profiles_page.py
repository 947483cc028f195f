"""Trainer profiles (内训师档案): a year's ranking of every internal trainer with hours, satisfaction, team
uplift and contribution value, 优秀内训师 highlighted; HR enters the uplift, anyone may export and print the
contribution report, administrators change the figures."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.excel.trainers import export_profiles
from desktop_hr.printing import catalogue
from desktop_hr.services.development import settings as development_settings
from desktop_hr.services.development.trainers import TrainerProfile, search_profiles, trainer_profiles
from desktop_hr.services.records import print_log
from desktop_hr.services.records.printables import Document, Printable, trainer_report_printable
from desktop_hr.services.requirements.wording import amount_text
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission, Principal, head_sees
from desktop_hr.views.development.settings_dialog import DevelopmentSettingsDialog
from desktop_hr.views.development.trainer_models import ProfilesModel
from desktop_hr.views.development.uplift_dialog import UpliftDialog
from desktop_hr.views.exchange.import_dialog import save_export
from desktop_hr.views.forms import follow_lazily, open_dialog, reading
from desktop_hr.views.operations import LatestQuery, Task
from desktop_hr.views.records.pdf_preview import print_document, save_document_pdf
from desktop_hr.views.roles import permit, show_if
from desktop_hr.views.widgets import icon_button, search_box, setup_record_table

AREAS = ("development", "training", "employees", "organisation", "settings")
YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class _Year:
    year: int
    profiles: list[TrainerProfile]  # ranked; a department head's: their subtree only
    threshold: str


def in_scope(principal: Principal | None, department_id: int | None) -> bool:
    """Whether the account sees a person of this department (a department head: its own subtree only)."""
    if principal is None or principal.departments is None:
        return principal is not None
    return department_id is not None and department_id in principal.departments


def _read_year(year: int, principal: Principal | None) -> Callable[[Session], _Year]:
    def read(session: Session) -> _Year:
        profiles = [p for p in trainer_profiles(session, year) if in_scope(principal, p.department_id)]
        threshold = amount_text(development_settings.load(session).excellent_threshold)
        return _Year(year, profiles, threshold)

    return read


class TrainerProfilesPage(QWidget):
    """Reads the year's profiles in the background when first shown and whenever a write touches trainers'
    figures, training, people or the settings; the search narrows what is shown without reading again."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainer_profiles_page")
        self._db = db
        self.shown_year: _Year | None = None
        self._loader = LatestQuery(self)

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("trainer_year_spin")
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setSuffix(self.tr(" year"))
        self.year_spin.valueChanged.connect(lambda _year: self.refresh())
        self.search_edit, self._search_timer = search_box(
            self,
            "trainer_search_edit",
            self.tr("Search employee no., name or department"),
            self._show_rows,
            timer_name="trainer_search_timer",
        )
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("trainer_counts_label")
        self.rule_label = QLabel(self)
        self.rule_label.setObjectName("trainer_rule_label")
        self.rule_label.setEnabled(False)

        button = functools.partial(icon_button, self)
        pixmap = QStyle.StandardPixmap
        self.uplift_button = button(
            "enter_uplift_button",
            self.tr("Enter uplift…"),
            pixmap.SP_FileDialogDetailedView,
            self.enter_uplift,
        )
        self.export_button = button(
            "export_trainers_button", self.tr("Export…"), pixmap.SP_ArrowUp, self.export
        )
        self.pdf_button = button(
            "save_trainer_report_button", self.tr("Save as PDF…"), pixmap.SP_DialogSaveButton, self.save_pdf
        )
        self.print_button = button(
            "print_trainer_report_button",
            self.tr("Print…"),
            pixmap.SP_FileDialogContentsView,
            self.print_report,
        )
        self.settings_button = button(
            "trainer_settings_button", self.tr("Settings…"), pixmap.SP_FileDialogInfoView, self.open_settings
        )
        principal = db.principal
        self._may_enter = permit(principal, Permission.EDIT_RECORDS, self.uplift_button)
        permit(principal, Permission.EXPORT, self.export_button)
        # The report ranks the whole office: HEAD_REPORTS hides it from a department head.
        show_if(head_sees(principal, Document.TRAINER_REPORT), self.pdf_button, self.print_button)
        permit(principal, Permission.EDIT_SETTINGS, self.settings_button)

        self.model = ProfilesModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "trainer_profiles_table", self.model, widths=[50, 80, 80, 180, 60])
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year:"), self))
        top.addWidget(self.year_spin)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.counts_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.rule_label, 1)
        for made in (
            self.uplift_button,
            self.export_button,
            self.pdf_button,
            self.print_button,
            self.settings_button,
        ):
            bottom.addWidget(made)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._sync_buttons()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    # ---- reading ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.follower.stale = False
        self.counts_label.setText(self.tr("Loading…"))
        work = reading(self._db, _read_year(self.year_spin.value(), self._db.principal))
        self._loader.run(work, self._show_year)

    def loading(self) -> bool:
        return self._loader.running

    def _show_year(self, shown: _Year) -> None:
        self.shown_year = shown
        self.rule_label.setText(
            self.tr("Excellent trainer: contribution ≥ {threshold} (the boundary counts)").format(
                threshold=shown.threshold
            )
        )
        self._show_rows()

    def _show_rows(self) -> None:
        self._search_timer.stop()
        shown = self.shown_year
        if shown is None:
            return
        rows = search_profiles(shown.profiles, self.search_edit.text())
        self.model.set_items(rows)
        self.counts_label.setText(
            self.tr("{count} trainer(s) · {excellent} excellent").format(
                count=len(rows), excellent=sum(1 for p in rows if p.excellent)
            )
        )
        self._sync_buttons()

    def selected(self) -> TrainerProfile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _sync_buttons(self) -> None:
        self.uplift_button.setEnabled(self.selected() is not None)
        listed = self.shown_year is not None
        self.export_button.setEnabled(listed and self.model.rowCount() > 0)
        self.pdf_button.setEnabled(listed)
        self.print_button.setEnabled(listed)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # ---- the uplift and the settings -------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self._may_enter:
            self.table.selectRow(index.row())
            self.enter_uplift()

    def enter_uplift(self) -> UpliftDialog | None:
        profile = self.selected()
        if profile is None or not self._may_enter:
            return None
        return open_dialog(UpliftDialog(self._db, profile, self))

    def open_settings(self) -> DevelopmentSettingsDialog:
        return open_dialog(DevelopmentSettingsDialog(self._db, self))

    # ---- export and print ------------------------------------------------------------------------------

    def _title(self) -> str:
        year = self.shown_year.year if self.shown_year is not None else self.year_spin.value()
        return self.tr("{year} trainer contribution").format(year=year)

    def export(self) -> None:
        """The rows as shown (the search applied), in the fixed trainers columns."""
        rows, db, what = self.model.items(), self._db, self._title()

        def work(target: Path, task: Task) -> int:
            count = export_profiles(target, rows, task.progress)
            audit.note_export(db, what, target, count)
            return count

        save_export(self, what, work)

    def _render(self, year: int, target: Path, *, log: bool) -> tuple[Printable, catalogue.Rendered]:
        """The year's whole report as a PDF at `target`; with `log`, recorded in the print log. On the worker."""
        db = self._db
        item = trainer_report_printable(year)
        rendered = catalogue.render_document(db, item, target, now=datetime.now())
        if log:
            print_log.record(db.uow(), [catalogue.output_of(item, rendered, str(target))], at=datetime.now())
        return item, rendered

    def save_pdf(self) -> None:
        if self.shown_year is None:
            return
        year = self.shown_year.year
        save_document_pdf(
            self,
            lambda target: self._render(year, target, log=True),
            what=self.tr("the trainer contribution report"),
            suggested_name=self._title(),
        )

    def print_report(self) -> None:
        """Drawn in the background, then the system's print dialog; what it said goes to the print log."""
        if self.shown_year is None:
            return
        year = self.shown_year.year
        print_document(
            self,
            self._db,
            lambda temp: self._render(year, temp, log=False),
            title=self._title(),
            progress_label=self.tr("Preparing the trainer contribution report…"),
        )
