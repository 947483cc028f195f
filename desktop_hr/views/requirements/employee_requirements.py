"""An employee's requirements page (达标与成长): their standing against every requirement that applies as of a
chosen year, and the growth view: this year's credits and hours against each requirement, the next credit
milestone, points and rank, and the upcoming sessions that would close a gap soonest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services.requirements.evaluation import Standing, person_standings
from desktop_hr.services.requirements.growth import Growth, growth
from desktop_hr.services.requirements.wording import measure_text
from desktop_hr.views.forms import follow_lazily, reading, refresh_when_shown
from desktop_hr.views.operations import LatestQuery
from desktop_hr.views.requirements.standing_model import (
    MET_COLOUR,
    NOT_MET_COLOUR,
    PersonStandingModel,
    RecommendationModel,
    amount_text,
)
from desktop_hr.views.widgets import setup_record_table

AREAS = ("requirements", "training", "employees", "points", "archive")
YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class _Page:
    year: int
    standings: list[Standing]
    growth: Growth


def _read(employee_id: int, year: int, today: date) -> Callable[[Session], _Page]:
    def read(session: Session) -> _Page:
        return _Page(year, person_standings(session, employee_id, year), growth(session, employee_id, today))

    return read


class EmployeeRequirementsPanel(QWidget):
    """Reads in the background once shown, and again when a write touches what it shows."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("employee_requirements_panel")
        self._db = db
        self._employee_id: int | None = None
        self._loader = LatestQuery(self)
        self.page: _Page | None = None

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("employee_requirement_year_spin")
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setSuffix(self.tr(" year"))
        self.year_spin.valueChanged.connect(lambda _year: self.refresh())
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("employee_requirement_summary")
        self.model = PersonStandingModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "employee_standing_table", self.model, widths=[150, 240, 70])
        self.table.setMinimumHeight(120)

        self.growth_box = QGroupBox(self.tr("Growth this year"), self)
        self.growth_box.setObjectName("growth_box")
        self.figures_label = QLabel(self.growth_box)
        self.figures_label.setObjectName("growth_figures_label")
        self.figures_label.setWordWrap(True)
        self.progress_grid = QGridLayout()
        self.progress_grid.setColumnStretch(1, 1)
        self.low_label = QLabel(self.growth_box)
        self.low_label.setObjectName("growth_low_label")
        self.low_label.setWordWrap(True)
        self.recommendations = RecommendationModel(self)
        self.recommendation_table = QTableView(self.growth_box)
        setup_record_table(
            self.recommendation_table,
            "recommendation_table",
            self.recommendations,
            widths=[120, 110, 150, 50, 50],
        )
        self.recommendation_table.setMinimumHeight(110)
        growth_layout = QVBoxLayout(self.growth_box)
        growth_layout.addWidget(self.figures_label)
        growth_layout.addLayout(self.progress_grid)
        growth_layout.addWidget(self.low_label)
        caption = QLabel(self.tr("Upcoming sessions that would close a gap, soonest first:"), self.growth_box)
        growth_layout.addWidget(caption)
        growth_layout.addWidget(self.recommendation_table, 1)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Standing as of"), self))
        top.addWidget(self.year_spin)
        top.addWidget(self.summary_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.growth_box, 2)
        self.follower = follow_lazily(self, AREAS, self.refresh)
        self.setEnabled(False)

    def set_employee(self, employee_id: int) -> None:
        self._employee_id = employee_id
        self.setEnabled(True)
        refresh_when_shown(self, self.follower, self.refresh)

    def refresh(self) -> None:
        if self._employee_id is None:
            return
        self.follower.stale = False
        self.summary_label.setText(self.tr("Evaluating…"))
        self._loader.run(
            reading(self._db, _read(self._employee_id, self.year_spin.value(), date.today())),
            self._show,
        )

    def loading(self) -> bool:
        return self._loader.running

    def _show(self, page: _Page) -> None:
        self.page = page
        self.model.set_items(page.standings)
        met = sum(1 for s in page.standings if s.met)
        self.summary_label.setText(
            self.tr("{count} requirement(s) apply, {met} met").format(count=len(page.standings), met=met)
            if page.standings
            else self.tr("No requirement applies.")
        )
        self.table.resizeColumnToContents(1)
        self._show_growth(page.growth)

    def _show_growth(self, seen: Growth) -> None:
        milestone = (
            self.tr("next milestone {credits} credits: {reward} (still {missing})").format(
                credits=seen.next_milestone[0],
                reward=seen.next_milestone[1],
                missing=amount_text(max(seen.next_milestone[0] - seen.total_credits, 0)),
            )
            if seen.next_milestone is not None
            else self.tr("every credit milestone reached")
        )
        rank = (
            self.tr("rank {rank} of {ranked} over the last 12 months").format(
                rank=seen.rank, ranked=seen.ranked
            )
            if seen.rank is not None
            else self.tr("no points in the last 12 months")
        )
        self.figures_label.setText(
            self.tr(
                "{year}: {hours} hours, {credits} credits · {total} credits in all, {milestone} · "
                "{balance} points to spend, {points} earned in the last 12 months, {rank}"
            ).format(
                year=seen.year,
                hours=amount_text(seen.hours),
                credits=amount_text(seen.credits),
                total=amount_text(seen.total_credits),
                milestone=milestone,
                balance=seen.balance,
                points=seen.points_12_months,
                rank=rank,
            )
        )
        while self.progress_grid.count():
            item = self.progress_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, progress in enumerate(seen.progress):
            standing = progress.standing
            name = QLabel(standing.requirement, self.growth_box)
            verdict = QLabel(self.tr("Met") if standing.met else self.tr("Not met"), self.growth_box)
            colour = MET_COLOUR if standing.met else NOT_MET_COLOUR
            verdict.setStyleSheet(f"color: {colour.name()};")
            bar = QProgressBar(self.growth_box)
            bar.setObjectName(f"growth_progress_{row}")
            if progress.need is not None and progress.measure is not None and progress.need > 0:
                bar.setRange(0, 100)
                bar.setValue(min(int(progress.have * 100 / progress.need), 100))
                bar.setFormat(
                    f"{amount_text(progress.have)} / {amount_text(progress.need)} {measure_text(progress.measure)}"
                )
            else:
                bar.setRange(0, 1)
                bar.setValue(1 if standing.met else 0)
                bar.setFormat(standing.gap() or self.tr("Met"))
            bar.setToolTip(standing.gap() or self.tr("Met"))
            self.progress_grid.addWidget(name, row, 0)
            self.progress_grid.addWidget(bar, row, 1)
            self.progress_grid.addWidget(verdict, row, 2, Qt.AlignmentFlag.AlignLeft)
        self.low_label.setText(
            self.tr("Competencies below 70 in the latest review: {items}").format(
                items="、".join(f"{name} {score}" for name, score in seen.low_competencies)
            )
            if seen.low_competencies
            else ""
        )
        self.low_label.setVisible(bool(seen.low_competencies))
        self.recommendations.set_items(list(seen.recommendations))
