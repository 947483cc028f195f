"""Needs analysis (培训需求分析): per department and competency, the latest review scores, flagged where the mean
is below 70 or most score below 70; the related courses, career goals and pool needs of the chosen row; one click
puts it in the needs pool; export and print."""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
from desktop_hr.excel.needs_analysis import export_needs_rows
from desktop_hr.printing import catalogue
from desktop_hr.services.development.needs import NeedChoices, need_choices
from desktop_hr.services.development.needs_analysis import (
    NO_DEPARTMENT,
    NeedsReport,
    NeedsRow,
    need_from_row,
    needs_analysis,
)
from desktop_hr.services.labels import label
from desktop_hr.services.records import print_log
from desktop_hr.services.records.printables import Document, Printable, needs_analysis_printable
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission, report_departments
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import save_export
from desktop_hr.views.forms import follow_lazily, inform_soon, reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background
from desktop_hr.views.records.pdf_preview import print_document, save_document_pdf
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import filter_combos, icon_button, setup_record_table

AREAS = ("development", "employees", "organisation", "training")
MEAN, BELOW, ASSESSED, GOALS, POOL = 2, 3, 4, 6, 7


class NeedsAnalysisModel(ListTableModel[NeedsRow]):
    numeric_columns = frozenset({MEAN, BELOW, ASSESSED, GOALS, POOL})

    def titles(self) -> list[str]:
        return [
            self.tr("Department"),
            self.tr("Competency"),
            self.tr("Mean"),
            self.tr("Below 70"),
            self.tr("Assessed"),
            self.tr("Related courses"),
            self.tr("Career goals"),
            self.tr("In the pool"),
            self.tr("Need"),
        ]

    def values(self, item: NeedsRow) -> list[str]:
        goals = f"{item.goal_people} ({item.goal_share()})" if item.goal_people else "0"
        return [
            item.department or NO_DEPARTMENT,
            item.competency,
            str(item.mean),
            str(item.below),
            str(item.assessed),
            item.courses_text(),
            goals,
            str(len(item.pool)),
            self.tr("Yes") if item.is_need else self.tr("No"),
        ]

    def sort_value(self, item: NeedsRow, column: int) -> Any:
        numbers: dict[int, Decimal | int] = {
            MEAN: item.mean,
            BELOW: item.below,
            ASSESSED: item.assessed,
            GOALS: item.goal_people,
            POOL: len(item.pool),
        }
        return numbers.get(column, self.values(item)[column])


@dataclass(frozen=True)
class _Read:
    department_id: int | None
    report: NeedsReport


class NeedsAnalysisPage(QWidget):
    """Reads the departments and the report in the background when first shown, and again after writes to the
    archive, the courses or the pool."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needs_analysis_page")
        self._db = db
        self.shown: _Read | None = None
        self._choices: NeedChoices | None = None
        self._choices_loader = LatestQuery(self)
        self._report_loader = LatestQuery(self)

        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("analysis_department_combo")
        self.department_combo.setMinimumContentsLength(16)
        self.only_needs_check = QCheckBox(self.tr("Only needs"), self)
        self.only_needs_check.setObjectName("only_needs_check")
        self.only_needs_check.setChecked(True)
        self.only_needs_check.toggled.connect(lambda _on: self._show_rows())
        filter_combos(self.reload_report, self.department_combo)
        button = functools.partial(icon_button, self)
        pixmap = QStyle.StandardPixmap
        self.add_button = button(
            "add_to_pool_button",
            self.tr("Add to needs pool"),
            pixmap.SP_FileDialogNewFolder,
            self.add_to_pool,
        )
        self.export_button = button("export_needs_button", self.tr("Export…"), pixmap.SP_ArrowUp, self.export)
        self.pdf_button = button(
            "save_needs_pdf_button", self.tr("Save as PDF…"), pixmap.SP_DialogSaveButton, self.save_pdf
        )
        self.print_button = button(
            "print_needs_button", self.tr("Print…"), pixmap.SP_FileDialogContentsView, self.print_report
        )
        principal = db.principal
        permit(principal, Permission.SUBMIT_NEEDS, self.add_button)
        permit(principal, Permission.EXPORT, self.export_button)
        permit(principal, Permission.PRINT, self.pdf_button, self.print_button)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("analysis_summary_label")
        self.model = NeedsAnalysisModel(self)
        self.table = QTableView(self)
        setup_record_table(
            self.table, "needs_analysis_table", self.model, widths=[170, 90, 60, 60, 60, 200, 80, 60]
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("analysis_detail")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Department:"), self))
        top.addWidget(self.department_combo, 1)
        top.addWidget(self.only_needs_check)
        top.addWidget(self.summary_label, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._sync()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    # ---- reading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.follower.stale = False
        principal = self._db.principal
        self._choices_loader.run(reading(self._db, lambda s: need_choices(s, principal)), self._show_choices)

    def loading(self) -> bool:
        return self._choices_loader.running or self._report_loader.running

    def _show_choices(self, choices: NeedChoices) -> None:
        self._choices = choices
        keep = self.department_combo.currentData()
        self.department_combo.blockSignals(True)
        self.department_combo.clear()
        principal = self._db.principal
        if (
            principal is None or report_departments(principal, Document.NEEDS_ANALYSIS) is None
        ):  # HEAD_REPORTS
            self.department_combo.addItem(self.tr("All departments"), None)
        for department_id, path in choices.departments:
            self.department_combo.addItem(path, department_id)
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(keep), 0))
        self.department_combo.blockSignals(False)
        self.reload_report()

    def reload_report(self) -> None:
        if self._choices is None or self.department_combo.count() == 0:
            return
        department_id = self.department_combo.currentData()
        self.summary_label.setText(self.tr("Analysing…"))

        def read(session: Session) -> _Read:
            return _Read(department_id, needs_analysis(session, department_id=department_id))

        self._report_loader.run(reading(self._db, read), self._show_report)

    def _show_report(self, read: _Read) -> None:
        self.shown = read
        report = read.report
        self.summary_label.setText(
            self.tr("{needs} need(s) among {rows} department competencies").format(
                needs=len(report.needs), rows=len(report.rows)
            )
        )
        self._show_rows()

    def _show_rows(self) -> None:
        if self.shown is None:
            return
        report = self.shown.report
        self.model.set_items(list(report.needs if self.only_needs_check.isChecked() else report.rows))
        self._show_detail()

    def selected(self) -> NeedsRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _show_detail(self) -> None:
        self._sync()
        row = self.selected()
        if row is None:
            summaries = self.shown.report.summaries if self.shown else ()
            lines = [html.escape(s.line()) for s in summaries]
            self.detail.setHtml("<br>".join(lines))
            return
        courses = [html.escape(str(course)) for course in row.courses] or [
            self.tr("No active course addresses it.")
        ]
        goals = html.escape(row.goal_sentence()) or self.tr("No career goal mentions it.")
        pool = [html.escape(f"{need.title}（{label(need.status)}）") for need in row.pool] or [
            self.tr("None in the pool yet.")
        ]
        heading = html.escape(f"{row.department or NO_DEPARTMENT} · {row.competency}")
        courses_title = html.escape(self.tr("Related courses:"))
        goals_title = html.escape(self.tr("Career goals:"))
        pool_title = html.escape(self.tr("In the pool:"))
        lines = [
            f"<b>{heading}</b>",
            f"<b>{courses_title}</b> {'、'.join(courses)}",
            f"<b>{goals_title}</b> {goals}",
            f"<b>{pool_title}</b> {'；'.join(pool)}",
        ]
        self.detail.setHtml("<br>".join(lines))

    def _sync(self) -> None:
        self.add_button.setEnabled(self.selected() is not None)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        self.pdf_button.setEnabled(self.shown is not None)
        self.print_button.setEnabled(self.shown is not None)

    # ---- the pool, export and print -------------------------------------------------------------------

    def add_to_pool(self) -> None:
        row = self.selected()
        if row is None:
            return
        db = self._db

        def done(_need_id: int) -> None:
            inform_soon(
                self,
                self.tr("Added to the needs pool"),
                self.tr("“{competency}” of {department} is now a need in the pool.").format(
                    competency=row.competency, department=row.department or NO_DEPARTMENT
                ),
            )

        def refused(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Not added"), error)

        run_in_background(
            self,
            lambda _task: need_from_row(db.uow(), row),
            success=done,
            failure=refused,
            label=self.tr("Adding the need to the pool"),
        )

    def export(self) -> None:
        rows, db, what = self.model.items(), self._db, self.tr("Training needs analysis")

        def work(target: Path, task: Task) -> int:
            count = export_needs_rows(target, rows, task.progress)
            audit.note_export(db, what, target, count)
            return count

        save_export(self, what, work)

    def _render(
        self, department_id: int | None, target: Path, *, log: bool
    ) -> tuple[Printable, catalogue.Rendered]:
        """The report of the chosen department (all rows; the "only needs" toggle is the screen's) as a PDF at
        `target`; with `log`, recorded in the print log. Runs on the worker."""
        db = self._db
        with read_only(db) as session:
            item = needs_analysis_printable(session, department_id=department_id)
        rendered = catalogue.render_document(db, item, target, now=datetime.now())
        if log:
            print_log.record(db.uow(), [catalogue.output_of(item, rendered, str(target))], at=datetime.now())
        return item, rendered

    def save_pdf(self) -> None:
        if self.shown is None:
            return
        department_id = self.shown.department_id
        save_document_pdf(
            self,
            lambda target: self._render(department_id, target, log=True),
            what=self.tr("the needs analysis"),
            suggested_name=self.tr("Training needs analysis"),
        )

    def print_report(self) -> None:
        """Drawn in the background, then the system's print dialog; what was printed goes to the print log."""
        if self.shown is None:
            return
        department_id = self.shown.department_id
        print_document(
            self,
            self._db,
            lambda temp: self._render(department_id, temp, log=False),
            title=self.tr("Training needs analysis"),
            progress_label=self.tr("Preparing the needs analysis…"),
        )
