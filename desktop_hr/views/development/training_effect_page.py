"""Training effect (培训效果): for a year or dates, a course and a department, the four levels per course (or per
department and course) in a sortable table; the selected course's levels, its competency lines and a chart of
the review means before and after; export and print.

Reads off the GUI thread when first shown, when a filter changes and after a write touching what it shows."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
from desktop_hr.excel.training_effect import export_effect
from desktop_hr.models import Course
from desktop_hr.printing import catalogue
from desktop_hr.services.archive.organisation import DepartmentNode, department_tree
from desktop_hr.services.development.effect import CourseEffect, EffectReport, training_effect
from desktop_hr.services.records import print_log
from desktop_hr.services.records.printables import Printable, training_effect_printable
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views.development.effect_widgets import EffectChart, EffectModel, figure, percentage
from desktop_hr.views.exchange.import_dialog import save_export
from desktop_hr.views.forms import follow_lazily, reading
from desktop_hr.views.operations import LatestQuery, Task
from desktop_hr.views.records.pdf_preview import print_document, save_document_pdf
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import filter_combos, from_qdate, icon_button, setup_record_table, to_qdate

AREAS = ("development", "training", "employees", "organisation")
YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class _Choices:
    courses: list[tuple[int, str, str]]  # id, code, title
    departments: list[DepartmentNode]


@dataclass(frozen=True)
class EffectQuery:
    """What the page asks for: a year, or dates (either end open); a course or all; a department or all."""

    year: int | None
    date_from: date | None
    date_to: date | None
    course_id: int | None
    department_id: int | None

    def read(self, session: Session) -> EffectReport:
        return training_effect(
            session,
            year=self.year,
            date_from=self.date_from,
            date_to=self.date_to,
            course_id=self.course_id,
            department_id=self.department_id,
        )

    def printable(self, session: Session) -> Printable:
        span = None
        if self.year is None:
            span = (self.date_from or date(YEAR_MIN, 1, 1), self.date_to or date.today())
        return training_effect_printable(
            session, year=self.year, span=span, course_id=self.course_id, department_id=self.department_id
        )


def _read_choices(session: Session) -> _Choices:
    courses = [
        (c.id, c.code, c.title)
        for c in session.execute(select(Course.id, Course.code, Course.title).order_by(Course.code))
    ]
    return _Choices(courses, department_tree(session))


class TrainingEffectPage(QWidget):
    """The training-effect report of the Needs & effect tab. A department head sees its own subtree only."""

    BY_COURSE, BY_DEPARTMENT = range(2)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_effect_page")
        self._db = db
        self.report: EffectReport | None = None
        self.shown_query: EffectQuery | None = None
        self._choices_loader = LatestQuery(self)
        self._report_loader = LatestQuery(self)
        principal = db.principal
        self._scope = principal.departments if principal is not None and principal.scoped else None

        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("effect_period_combo")
        self.period_combo.addItem(self.tr("Year"), "year")
        self.period_combo.addItem(self.tr("Dates"), "dates")
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("effect_year_spin")
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(date.today().year)
        self.from_edit = self._date_edit("effect_from_edit", date(date.today().year, 1, 1))
        self.to_edit = self._date_edit("effect_to_edit", date.today())
        self.course_combo = QComboBox(self)
        self.course_combo.setObjectName("effect_course_combo")
        self.course_combo.addItem(self.tr("All courses"), None)
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("effect_department_combo")
        if self._scope is None:
            self.department_combo.addItem(self.tr("All departments"), None)
        self.view_combo = QComboBox(self)
        self.view_combo.setObjectName("effect_view_combo")
        self.view_combo.addItems([self.tr("By course"), self.tr("By department")])
        filter_combos(self.reload_report, self.period_combo, self.course_combo, self.department_combo)
        self.view_combo.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.year_spin.valueChanged.connect(lambda _y: self.reload_report())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.reload_report())

        button = functools.partial(icon_button, self)
        pixmap = QStyle.StandardPixmap
        self.export_button = button(
            "export_effect_button", self.tr("Export…"), pixmap.SP_ArrowUp, self.export
        )
        self.pdf_button = button(
            "save_effect_pdf_button", self.tr("Save as PDF…"), pixmap.SP_DialogSaveButton, self.save_pdf
        )
        self.print_button = button(
            "print_effect_button", self.tr("Print…"), pixmap.SP_FileDialogContentsView, self.print_report
        )
        permit(principal, Permission.EXPORT, self.export_button)
        permit(principal, Permission.PRINT, self.pdf_button, self.print_button)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("effect_status_label")

        self.model = EffectModel(self)
        self.table = QTableView(self)
        setup_record_table(
            self.table, "effect_table", self.model, widths=[80, 150, 150, 60, 60, 70, 70, 70, 70, 90, 60]
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(lambda _now, _before: self._show_detail())

        self.detail_title = QLabel(self)
        self.detail_title.setObjectName("effect_detail_title")
        bold = self.detail_title.font()
        bold.setBold(True)
        self.detail_title.setFont(bold)
        self.levels_label = QLabel(self)
        self.levels_label.setObjectName("effect_levels_label")
        self.levels_label.setWordWrap(True)
        self.levels_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines_label = QLabel(self)
        self.lines_label.setObjectName("effect_lines_label")
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = EffectChart(self)

        top = QHBoxLayout()
        top.setSpacing(6)
        for widget in (self.period_combo, self.year_spin, self.from_edit, self.to_edit):
            top.addWidget(widget)
        top.addWidget(self.course_combo, 1)
        top.addWidget(self.department_combo, 1)
        top.addWidget(self.view_combo)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.levels_label)
        detail_layout.addWidget(self.lines_label)
        detail_layout.addWidget(self.chart, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("effect_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._show_period_inputs()
        self.period_combo.currentIndexChanged.connect(lambda _i: self._show_period_inputs())
        self._sync_buttons()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    def _date_edit(self, name: str, value: date) -> QDateEdit:
        edit = QDateEdit(to_qdate(value), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(QDate(YEAR_MIN, 1, 1))
        return edit

    def _show_period_inputs(self) -> None:
        by_year = self.period_combo.currentData() == "year"
        self.year_spin.setVisible(by_year)
        self.from_edit.setVisible(not by_year)
        self.to_edit.setVisible(not by_year)

    # ---- reading ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the courses and departments again, then the report (F5, or the hub after a write)."""
        self.follower.stale = False
        self._choices_loader.run(reading(self._db, _read_choices), self._show_choices)

    def loading(self) -> bool:
        return self._choices_loader.running or self._report_loader.running

    def _show_choices(self, choices: _Choices) -> None:
        keep_course, keep_department = self.course_combo.currentData(), self.department_combo.currentData()
        for combo in (self.course_combo, self.department_combo):
            combo.blockSignals(True)
        while self.course_combo.count() > 1:
            self.course_combo.removeItem(1)
        for course_id, code, title in choices.courses:
            self.course_combo.addItem(f"{code} {title}", course_id)
        self.department_combo.clear()
        if self._scope is None:
            self.department_combo.addItem(self.tr("All departments"), None)
        for node in choices.departments:
            if self._scope is not None and node.id not in self._scope:
                continue
            self.department_combo.addItem("　" * node.depth + node.name, node.id)
            self.department_combo.setItemData(
                self.department_combo.count() - 1, node.path_names, Qt.ItemDataRole.ToolTipRole
            )
        self.course_combo.setCurrentIndex(max(self.course_combo.findData(keep_course), 0))
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(keep_department), 0))
        for combo in (self.course_combo, self.department_combo):
            combo.blockSignals(False)
        self.reload_report()

    def current_query(self) -> EffectQuery | None:
        department = self.department_combo.currentData()
        if self._scope is not None and department is None:
            return None  # a head's departments are not read yet: never everyone's figures
        if self.period_combo.currentData() == "year":
            return EffectQuery(
                self.year_spin.value(), None, None, self.course_combo.currentData(), department
            )
        return EffectQuery(
            None,
            from_qdate(self.from_edit.date()),
            from_qdate(self.to_edit.date()),
            self.course_combo.currentData(),
            department,
        )

    def reload_report(self) -> None:
        query = self.current_query()
        if query is None:
            return
        if query.date_from is not None and query.date_to is not None and query.date_from > query.date_to:
            self.status_label.setText(
                self.tr("The start {start} is after the end {end}: nothing to show.").format(
                    start=query.date_from.isoformat(), end=query.date_to.isoformat()
                )
            )
            self.report, self.shown_query = None, None
            self.model.set_items([])
            self._show_detail()
            self._sync_buttons()
            return
        self.status_label.setText(self.tr("Loading…"))
        self._report_loader.run(
            reading(self._db, query.read), lambda report: self._show_report(query, report)
        )

    def _show_report(self, query: EffectQuery, report: EffectReport) -> None:
        self.report, self.shown_query = report, query
        self._show_rows()

    def by_department(self) -> bool:
        return self.view_combo.currentIndex() == self.BY_DEPARTMENT

    def _show_rows(self) -> None:
        report = self.report
        rows = [] if report is None else list(report.departments if self.by_department() else report.courses)
        self.table.setColumnHidden(EffectModel.DEPARTMENT, not self.by_department())
        self.model.set_items(rows)
        if rows:
            self.table.selectRow(0)
        if report is not None:
            self.status_label.setText(
                self.tr("{courses} course(s) · {attendees} attendee(s)").format(
                    courses=len(report.courses), attendees=sum(c.attendees for c in report.courses)
                )
            )
        self._show_detail()
        self._sync_buttons()

    def selected(self) -> CourseEffect | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _show_detail(self) -> None:
        course = self.selected()
        if course is None:
            self.detail_title.setText(self.tr("No course held in the period") if self.report else "")
            self.levels_label.clear()
            self.lines_label.clear()
            self.chart.set_lines([])
            return
        where = f"（{course.department}）" if course.department else ""
        self.detail_title.setText(f"{course.code} {course.title}{where}")
        self.levels_label.setText(
            "\n".join(
                (
                    self.tr(
                        "Reaction: trainer satisfaction {satisfaction}, course rating {rating} ({count} form(s))"
                    ).format(
                        satisfaction=figure(course.satisfaction),
                        rating=figure(course.rating),
                        count=course.feedback,
                    ),
                    self.tr("Learning: pass rate {rate}, exam mean {mean} ({count} result(s))").format(
                        rate=percentage(course.pass_rate), mean=figure(course.exam_mean), count=course.exams
                    ),
                    self.tr(
                        "Behaviour: {done} of {due} action plans within 30 days ({rate}), {adopted} adopted"
                    ).format(
                        done=course.plans_in_time,
                        due=course.plans_expected,
                        rate=percentage(course.plan_rate),
                        adopted=course.plans_adopted,
                    ),
                )
            )
        )
        lines = [line.line() for line in course.competencies]
        self.lines_label.setText(
            self.tr("Results: {lines}").format(lines="\n".join(lines))
            if lines
            else self.tr("Results: the course addresses no competency")
        )
        self.chart.set_lines(list(course.competencies))

    def _sync_buttons(self) -> None:
        has = self.report is not None
        self.export_button.setEnabled(has and bool(self.report and self.report.courses))
        self.print_button.setEnabled(has)
        self.pdf_button.setEnabled(has)

    # ---- export and print --------------------------------------------------------------------------

    def _title(self) -> str:
        query = self.shown_query
        if query is None:
            return ""
        if query.year is not None:
            return self.tr("Training effect {year}").format(year=query.year)
        return self.tr("Training effect {start} to {end}").format(
            start=query.date_from.isoformat() if query.date_from else "",
            end=query.date_to.isoformat() if query.date_to else "",
        )

    def export(self) -> None:
        """The courses of the report shown, in the fixed training-effect columns (a row per competency)."""
        report = self.report
        if report is None:
            return
        rows, db, what = list(report.courses), self._db, self._title()

        def work(target: Path, task: Task) -> int:
            count = export_effect(target, rows, task.progress)
            audit.note_export(db, what, target, count)
            return count

        save_export(self, what, work)

    def render_pdf(
        self, query: EffectQuery, target: Path, *, log: bool
    ) -> tuple[Printable, catalogue.Rendered]:
        """The report of `query` as a PDF at `target`; with `log`, recorded in the print log. Runs on the worker."""
        db = self._db
        with read_only(db) as session:
            item = query.printable(session)
        rendered = catalogue.render_document(db, item, target, now=datetime.now())
        if log:
            print_log.record(db.uow(), [catalogue.output_of(item, rendered, str(target))], at=datetime.now())
        return item, rendered

    def save_pdf(self) -> None:
        query = self.shown_query
        if query is None:
            return
        save_document_pdf(
            self,
            lambda target: self.render_pdf(query, target, log=True),
            what=self.tr("the training effect report"),
            suggested_name=self._title(),
        )

    def print_report(self) -> None:
        """Drawn in the background, then the system's print dialog; what went out goes to the print log."""
        query = self.shown_query
        if query is None:
            return
        print_document(
            self,
            self._db,
            lambda temp: self.render_pdf(query, temp, log=False),
            title=self._title(),
            progress_label=self.tr("Preparing the training effect report…"),
        )
