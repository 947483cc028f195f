"""Mentoring (导师制): the pairs with a year's hours and evaluation, a pair's logs and evaluations, and the year's
mentor summary with 优秀导师 marked (exported to .xlsx as shown).

Pairs, logs and evaluations are HR's to write; a department head sees the pairs of its own people and an
auditor reads. Everything is read in the background, again whenever a write touches development or people.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.excel import writer
from desktop_hr.services.development.mentoring import delete_log, delete_pair
from desktop_hr.services.development.mentoring_lists import (
    EvaluationRow,
    LogRow,
    MentorRow,
    PairDetail,
    PairRow,
    mentor_summary,
    pair_detail,
    pairs,
)
from desktop_hr.services.development.settings import DevelopmentSettings, load
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.development.mentoring_dialogs import (
    EndPairDialog,
    EvaluationDialog,
    LogHoursDialog,
    PairDialog,
)
from desktop_hr.views.exchange.import_dialog import export_to_file
from desktop_hr.views.forms import follow_lazily, open_dialog, reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, run_in_background
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import icon_button, search_box, setup_record_table

AREAS = ("development", "employees", "organisation", "settings")
YEAR_MIN, YEAR_MAX = 2000, 2100
_EXCELLENT = QColor("#fff3c4")


class PairModel(ListTableModel[PairRow]):
    numeric_columns = frozenset({4, 5})

    def titles(self) -> list[str]:
        return [
            self.tr("Mentor"),
            self.tr("Mentee"),
            self.tr("Start"),
            self.tr("End"),
            self.tr("Hours in the year"),
            self.tr("Evaluation of the year"),
            self.tr("Note"),
        ]

    def values(self, row: PairRow) -> list[str]:
        return [
            row.mentor,
            row.mentee,
            row.starts_on.isoformat(),
            row.ends_on.isoformat() if row.ends_on else self.tr("(running)"),
            f"{row.hours}",
            "" if row.evaluation is None else str(row.evaluation),
            row.note,
        ]

    def sort_value(self, item: PairRow, column: int) -> Any:
        if column == 4:
            return item.hours
        if column == 5:
            return -1 if item.evaluation is None else item.evaluation
        return super().sort_value(item, column)


class LogModel(ListTableModel[LogRow]):
    numeric_columns = frozenset({1})

    def titles(self) -> list[str]:
        return [self.tr("Date"), self.tr("Hours"), self.tr("Note")]

    def values(self, row: LogRow) -> list[str]:
        return [row.on.isoformat(), f"{row.hours}", row.note]

    def sort_value(self, item: LogRow, column: int) -> Any:
        return item.hours if column == 1 else super().sort_value(item, column)


class EvaluationModel(ListTableModel[EvaluationRow]):
    numeric_columns = frozenset({0, 1})

    def titles(self) -> list[str]:
        return [self.tr("Year"), self.tr("Evaluation"), self.tr("Comment")]

    def values(self, row: EvaluationRow) -> list[str]:
        return [str(row.year), str(row.score), row.comment]


class MentorSummaryModel(ListTableModel[MentorRow]):
    numeric_columns = frozenset({3, 4, 5, 6})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Pairs"),
            self.tr("Hours"),
            self.tr("Evaluations"),
            self.tr("Mean evaluation"),
            self.tr("Excellent mentor"),
        ]

    def values(self, row: MentorRow) -> list[str]:
        return [
            row.employee_no,
            row.name,
            row.department,
            str(row.pairs),
            f"{row.hours}",
            str(row.evaluations),
            "" if row.mean_evaluation is None else f"{row.mean_evaluation}",
            self.tr("Excellent mentor") if row.excellent else "",
        ]

    def sort_value(self, item: MentorRow, column: int) -> Any:
        if column == 4:
            return item.hours
        if column == 6:
            return item.mean_evaluation if item.mean_evaluation is not None else Decimal(-1)
        if column == 7:
            return int(item.excellent)
        return super().sort_value(item, column)

    def cells(self, row: MentorRow) -> list[writer.CellValue]:
        """The row for a spreadsheet: numbers as numbers."""
        return [
            row.employee_no,
            row.name,
            row.department,
            row.pairs,
            row.hours,
            row.evaluations,
            row.mean_evaluation,
            self.tr("Excellent mentor") if row.excellent else "",
        ]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount() and self.item(index.row()).excellent:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_EXCELLENT)
            if role == Qt.ItemDataRole.FontRole and index.column() == 7:
                bold = QFont()
                bold.setBold(True)
                return bold
        return super().data(index, role)


@dataclass(frozen=True)
class _Query:
    year: int
    running_only: bool
    text: str


@dataclass(frozen=True)
class _Shown:
    query: _Query
    pairs: list[PairRow]
    summary: list[MentorRow]
    settings: DevelopmentSettings


def _read(query: _Query) -> Callable[[Session], _Shown]:
    def read(session: Session) -> _Shown:
        figures = load(session)
        return _Shown(
            query,
            pairs(session, query.year, active_only=query.running_only, text=query.text),
            mentor_summary(session, query.year, figures),
            figures,
        )

    return read


def _read_detail(pair_id: int) -> Callable[[Session], PairDetail]:
    def read(session: Session) -> PairDetail:
        return pair_detail(session, pair_id)

    return read


def _table(parent: QWidget, name: str, model: ListTableModel[Any], widths: list[int | None]) -> QTableView:
    table = QTableView(parent)
    setup_record_table(table, name, model, widths=widths)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return table


class MentoringPage(QWidget):
    """Pairs and their details on one tab, the year's mentor summary on the other."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mentoring_page")
        self._db = db
        self.shown: _Shown | None = None
        self.detail: PairDetail | None = None
        self._keep: int | None = None  # the pair to select again once the list is read again
        self._loader = LatestQuery(self)
        self._detail_loader = LatestQuery(self)

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("mentoring_year_spin")
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(date.today().year)
        self.year_spin.valueChanged.connect(lambda _year: self.refresh())
        self.running_check = QCheckBox(self.tr("Only pairs running in the year"), self)
        self.running_check.setObjectName("mentoring_running_check")
        self.running_check.setChecked(True)
        self.running_check.toggled.connect(lambda _on: self.refresh())
        self.search_edit, self._search_timer = search_box(
            self,
            "mentoring_search_edit",
            self.tr("Search mentor or mentee (employee no. or name)"),
            self.refresh,
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("mentoring_count_label")

        button = functools.partial(icon_button, self)
        pixmap = QStyle.StandardPixmap
        self.add_button = button("add_pair_button", self.tr("New pair…"), pixmap.SP_FileIcon, self.add_pair)
        self.edit_button = button(
            "edit_pair_button", self.tr("Edit…"), pixmap.SP_FileDialogDetailedView, self.edit_pair
        )
        self.end_button = button("end_pair_button", self.tr("End…"), pixmap.SP_MediaStop, self.end_pair)
        self.delete_button = button(
            "delete_pair_button", self.tr("Delete…"), pixmap.SP_TrashIcon, self.delete_pair
        )
        self.log_button = button(
            "log_hours_button", self.tr("Log hours…"), pixmap.SP_FileDialogNewFolder, self.log_hours
        )
        self.evaluate_button = button(
            "evaluate_button", self.tr("Evaluation…"), pixmap.SP_DialogYesButton, self.evaluate
        )
        self.delete_log_button = button(
            "delete_log_button", self.tr("Delete hours…"), pixmap.SP_TrashIcon, self.delete_log
        )
        self.export_button = button(
            "export_mentor_summary_button", self.tr("Export…"), pixmap.SP_ArrowUp, self.export_summary
        )
        principal = db.principal
        self._may_edit = permit(
            principal,
            Permission.EDIT_RECORDS,
            self.add_button,
            self.edit_button,
            self.end_button,
            self.delete_button,
            self.log_button,
            self.evaluate_button,
            self.delete_log_button,
        )
        permit(principal, Permission.EXPORT, self.export_button)

        self.pair_model = PairModel(self)
        self.pair_table = _table(self, "pairs_table", self.pair_model, [170, 170, 95, 95, 110, 100])
        self.pair_table.selectionModel().selectionChanged.connect(lambda *_a: self._selected_changed())
        self.pair_table.activated.connect(lambda _i: self.edit_pair() if self._may_edit else None)
        self.log_model = LogModel(self)
        self.log_table = _table(self, "logs_table", self.log_model, [100, 70])
        self.log_table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())
        self.evaluation_model = EvaluationModel(self)
        self.evaluation_table = _table(self, "evaluations_table", self.evaluation_model, [70, 80])
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("pair_detail_label")
        self.summary_model = MentorSummaryModel(self)
        self.summary_table = _table(
            self, "mentor_summary_table", self.summary_model, [90, 80, 200, 60, 80, 70, 90]
        )
        self.rule_label = QLabel(self)
        self.rule_label.setObjectName("mentor_rule_label")
        self.rule_label.setWordWrap(True)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mentoring_tabs")
        self.tabs.addTab(self._pairs_tab(), self.tr("Pairs"))
        self.tabs.addTab(self._summary_tab(), self.tr("Mentor summary"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year:"), self))
        top.addWidget(self.year_spin)
        top.addWidget(self.running_check)
        top.addWidget(self.search_edit)
        top.addWidget(self.count_label, 1)
        self.search_edit.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._sync_buttons()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    def _pairs_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("pairs_tab")
        buttons = QHBoxLayout()
        for made in (
            self.add_button,
            self.edit_button,
            self.end_button,
            self.delete_button,
            self.log_button,
            self.evaluate_button,
        ):
            buttons.addWidget(made)
        buttons.addStretch(1)
        logs = QWidget(page)
        logs_layout = QVBoxLayout(logs)
        logs_layout.setContentsMargins(0, 0, 0, 0)
        logs_layout.addWidget(QLabel(self.tr("Hours logged"), logs))
        logs_layout.addWidget(self.log_table, 1)
        logs_buttons = QHBoxLayout()
        logs_buttons.addWidget(self.delete_log_button)
        logs_buttons.addStretch(1)
        logs_layout.addLayout(logs_buttons)
        evaluations = QWidget(page)
        evaluations_layout = QVBoxLayout(evaluations)
        evaluations_layout.setContentsMargins(0, 0, 0, 0)
        evaluations_layout.addWidget(QLabel(self.tr("Mentee's evaluations"), evaluations))
        evaluations_layout.addWidget(self.evaluation_table, 1)
        below = QSplitter(Qt.Orientation.Horizontal, page)
        below.addWidget(logs)
        below.addWidget(evaluations)
        detail = QWidget(page)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(below, 1)
        upper = QWidget(page)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.pair_table, 1)
        upper_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.addWidget(upper)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        return page

    def _summary_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("summary_tab")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.summary_table, 1)
        layout.addLayout(bottom)
        return page

    # ---- reading ---------------------------------------------------------------------------------------

    def query(self) -> _Query:
        return _Query(self.year_spin.value(), self.running_check.isChecked(), self.search_edit.text().strip())

    def refresh(self) -> None:
        self._search_timer.stop()
        self.follower.stale = False
        chosen = self.selected()
        if chosen is not None and self._keep is None:
            self._keep = chosen.id
        self.count_label.setText(self.tr("Loading…"))
        self._loader.run(reading(self._db, _read(self.query())), self._show)

    def loading(self) -> bool:
        return self._loader.running or self._detail_loader.running

    def _show(self, shown: _Shown) -> None:
        self.shown = shown
        keep, self._keep = self._keep, None
        self.pair_model.set_items(shown.pairs)
        self.summary_model.set_items(shown.summary)
        excellent = sum(1 for row in shown.summary if row.excellent)
        self.count_label.setText(
            self.tr("{pairs} pair(s) · {mentors} mentor(s) · {excellent} excellent").format(
                pairs=len(shown.pairs), mentors=len(shown.summary), excellent=excellent
            )
        )
        figures = shown.settings
        self.rule_label.setText(
            self.tr(
                "{year}: an excellent mentor has at least {hours} hours logged with mentees in the year and a mean "
                "evaluation of at least {score} (the settings of the trainer programme)."
            ).format(year=shown.query.year, hours=figures.mentor_hours, score=figures.mentor_evaluation)
        )
        if keep is not None:
            self.select_pair(keep)
        self._selected_changed()

    def select_pair(self, pair_id: int) -> None:
        for row, item in enumerate(self.pair_model.items()):
            if item.id == pair_id:
                self.pair_table.selectRow(row)
                return

    def selected(self) -> PairRow | None:
        rows = self.pair_table.selectionModel().selectedRows()
        return self.pair_model.item(rows[0].row()) if rows else None

    def _selected_changed(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.detail = None
            self.log_model.set_items([])
            self.evaluation_model.set_items([])
            self.detail_label.setText(self.tr("Choose a pair to see its hours and evaluations."))
        else:
            self._detail_loader.run(
                reading(self._db, _read_detail(chosen.id)), self._show_detail, lambda _error: None
            )
        self._sync_buttons()

    def _show_detail(self, detail: PairDetail) -> None:
        chosen = self.selected()
        if chosen is None or chosen.id != detail.id:
            return
        self.detail = detail
        self.log_model.set_items(list(detail.logs))
        self.evaluation_model.set_items(list(detail.evaluations))
        self.detail_label.setText(
            self.tr("{mentor} → {mentee}: {hours} hours logged in all.").format(
                mentor=detail.mentor, mentee=detail.mentee, hours=detail.total_hours
            )
        )
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        chosen = self.selected()
        for made in (self.edit_button, self.delete_button, self.log_button, self.evaluate_button):
            made.setEnabled(chosen is not None)
        self.end_button.setEnabled(chosen is not None and chosen.ends_on is None)
        self.delete_log_button.setEnabled(bool(self.log_table.selectionModel().selectedRows()))
        self.export_button.setEnabled(self.summary_model.rowCount() > 0)

    # ---- writing ---------------------------------------------------------------------------------------

    def _keep_later(self, pair_id: object) -> None:
        if isinstance(pair_id, int):
            self._keep = pair_id

    def add_pair(self) -> PairDialog:
        return open_dialog(PairDialog(self._db, parent=self), self._keep_later)

    def edit_pair(self) -> PairDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        return open_dialog(PairDialog(self._db, chosen, self), self._keep_later)

    def end_pair(self) -> EndPairDialog | None:
        chosen = self.selected()
        if chosen is None or chosen.ends_on is not None:
            return None
        return open_dialog(EndPairDialog(self._db, chosen, self))

    def log_hours(self) -> LogHoursDialog | None:
        chosen = self.selected()
        return None if chosen is None else open_dialog(LogHoursDialog(self._db, chosen, self))

    def evaluate(self) -> EvaluationDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        return open_dialog(EvaluationDialog(self._db, chosen, self.year_spin.value(), self))

    def delete_pair(self) -> None:
        chosen = self.selected()
        if chosen is None or not feedback.confirm(
            self,
            self.tr("Delete pair"),
            self.tr(
                "Delete the pair of mentor {mentor} and mentee {mentee} ({start})? Only a pair with no hours "
                "and no evaluation can be deleted; end it otherwise."
            ).format(mentor=chosen.mentor, mentee=chosen.mentee, start=chosen.starts_on.isoformat()),
            destructive=True,
        ):
            return
        db, pair_id = self._db, chosen.id
        run_in_background(
            self,
            lambda _task: delete_pair(db.uow(), pair_id),
            success=lambda _r: None,
            failure=lambda error: feedback.show_refusal(self, self.tr("Cannot delete"), error),
        )

    def delete_log(self) -> None:
        rows = self.log_table.selectionModel().selectedRows()
        if not rows:
            return
        log = self.log_model.item(rows[0].row())
        if not feedback.confirm(
            self,
            self.tr("Delete hours"),
            self.tr("Delete the {hours} hours logged on {day}?").format(
                hours=log.hours, day=log.on.isoformat()
            ),
            destructive=True,
        ):
            return
        db, log_id = self._db, log.id
        chosen = self.selected()
        if chosen is not None:
            self._keep = chosen.id
        run_in_background(
            self,
            lambda _task: delete_log(db.uow(), log_id),
            success=lambda _r: None,
            failure=lambda error: feedback.show_refusal(self, self.tr("Cannot delete"), error),
        )

    # ---- export ----------------------------------------------------------------------------------------

    def export_summary(self) -> None:
        """The summary as shown (its order too), with the page's column titles."""
        shown = self.shown
        if shown is None or not self.summary_model.rowCount():
            return
        model = self.summary_model
        headers = list(model.titles())
        rows = [model.cells(row) for row in model.items()]
        what = self.tr("Mentor summary {year}").format(year=shown.query.year)

        def export(_session: Session, target: Path, progress: Callable[[int, int], None]) -> int:
            return writer.write_table(target, headers, rows, sheet_title=what, progress=progress)

        export_to_file(self, self._db, what, export)
