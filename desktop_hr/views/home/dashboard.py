"""The Home tab's charts: participation by month, points by category against targets, hours and credits by department.

Each chart can be saved as a PNG image; a chart without data says so instead of showing empty axes. The
figures are read on the reader pool, again whenever a write touches what they count (SHOWN_AREAS).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.services.labels import label
from desktop_hr.services.training.dashboard import Dashboard, dashboard
from desktop_hr.views import feedback, hub, i18n
from desktop_hr.views.exchange.import_dialog import last_folder, remember_folder
from desktop_hr.views.operations import LatestQuery, Task

BLUE = "#1f77b4"
ORANGE = "#ff7f0e"
GREY = "#b0b0b0"
DARK = "#303030"
# What the Home tab shows depends on: sessions, sign-ins and work; points; people and their departments.
SHOWN_AREAS = ("training", "points", "employees", "organisation")


@dataclass(frozen=True)
class Bars:
    """One bar set: its legend name, colour and a value per category."""

    name: str
    color: str
    values: Sequence[float]
    label_color: str = "white"


def bar_chart(
    title: str,
    categories: Sequence[str],
    bars: Sequence[Bars],
    *,
    horizontal: bool = False,
    percent: bool = False,
    upright_labels: bool = False,
) -> QChart:
    """Bars per category (grouped when several sets), the values written inside the bars' ends, legend below.

    `percent`: the value axis runs from 0 to 100 %; else from 0 to a little over the largest value.
    `upright_labels`: the values run up the bars, for many narrow bars.
    """
    series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    for bar in bars:
        bar_set = QBarSet(bar.name)
        bar_set.setColor(QColor(bar.color))
        # thin horizontal bars have their values beside them, on the chart's background
        bar_set.setLabelColor(QColor(DARK if horizontal else bar.label_color))
        bar_set.append([float(v) for v in bar.values])
        series.append(bar_set)
    series.setBarWidth(0.8)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value %" if percent else "@value")
    series.setLabelsPosition(
        QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd
        if horizontal
        else QAbstractBarSeries.LabelsPosition.LabelsInsideEnd
    )
    if upright_labels:
        series.setLabelsAngle(-90)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(chart.margins() * 0)
    axis = QBarCategoryAxis()
    axis.append(list(categories))
    if len(categories) > 6:  # twelve months fit under their bars
        small = axis.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        axis.setLabelsFont(small)
    values = QValueAxis()
    if percent:
        values.setRange(0, 100)
        values.setLabelFormat("%d %%")
    else:
        top = max((float(v) for bar in bars for v in bar.values), default=0.0)
        values.setRange(0, top * 1.15 or 1)
        values.setLabelFormat("%d")
        values.applyNiceNumbers()
    category_side, value_side = (
        (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if horizontal
        else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
    )
    chart.addAxis(axis, category_side)
    chart.addAxis(values, value_side)
    series.attachAxis(axis)
    series.attachAxis(values)
    chart.legend().setVisible(len(bars) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class ChartCard(QWidget):
    """A chart, or "No data yet" in its place, and an "Export image…" button under it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_card")
        self.view = QChartView(self)
        self.view.setObjectName(f"{name}_chart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(280, 220)
        self.empty_label = QLabel(self.tr("No data yet"), self)
        self.empty_label.setObjectName(f"{name}_empty_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.title_label = QLabel(self)  # the chart's title stays readable when there is no chart
        self.title_label.setObjectName(f"{name}_title_label")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setVisible(False)
        empty_page = QWidget(self)
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addWidget(self.title_label)
        empty_layout.addWidget(self.empty_label, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(empty_page)
        self.stack.setCurrentIndex(1)
        self.export_button = QPushButton(self.tr("Export image…"), self)
        self.export_button.setObjectName(f"export_{name}_button")
        self.export_button.setToolTip(self.tr("Save this chart as a PNG image"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_image)
        self._file_name = f"{name}.png"
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

    def show_chart(self, chart: QChart, file_name: str) -> None:
        old = self.view.chart()
        self.view.setChart(chart)  # the view takes ownership of the new chart
        if old is not None:
            old.deleteLater()
        self._file_name = file_name
        self.stack.setCurrentWidget(self.view)
        self.export_button.setEnabled(True)

    def show_empty(self, title: str) -> None:
        self.title_label.setText(title)
        self.title_label.setVisible(True)
        self.stack.setCurrentIndex(1)
        self.export_button.setEnabled(False)

    def has_chart(self) -> bool:
        return self.stack.currentWidget() is self.view

    def export_image(self) -> Path | None:
        """Ask where, then save what the chart shows as a PNG; the path written, or None."""
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export chart image"),
            str(Path(last_folder()) / self._file_name),
            self.tr("PNG image (*.png)"),
        )
        if not path:
            return None
        remember_folder(path)
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        if not self.view.grab().save(str(target), "PNG"):
            feedback.inform(
                self,
                self.tr("Export chart image"),
                self.tr("The image could not be saved to {path}.").format(path=str(target)),
            )
            return None
        return target


def month_label(first: date) -> str:
    """ "4月" or "Apr": the chart's title says which twelve months."""
    qdate = QDate(first.year, first.month, 1)
    if i18n.current_language() == "en":
        return QLocale(QLocale.Language.English).toString(qdate, "MMM")
    return f"{first.month}月"


class DashboardPanel(QWidget):
    """Three charts about the archive; `refresh()` reloads them on the worker."""

    loaded = Signal()  # after each refresh has shown its figures

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_panel")
        self._db = db
        self._today = today
        self._figures = LatestQuery(self)
        self.figures: Dashboard | None = None
        self.participation_card = ChartCard("participation", self)
        self.points_card = ChartCard("points", self)
        self.departments_card = ChartCard("departments", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.participation_card, 4)  # twelve months need the room
        layout.addWidget(self.points_card, 3)
        layout.addWidget(self.departments_card, 3)
        hub.follow(self, SHOWN_AREAS, self.refresh)

    def cards(self) -> list[ChartCard]:
        return [self.participation_card, self.points_card, self.departments_card]

    def refresh(self) -> None:
        """Reload on the reader pool; only the newest answer is shown."""
        db = self._db
        today = self._today()

        def work(_task: Task) -> Dashboard:
            with read_only(db) as session:
                return dashboard(session, today)

        self._figures.run(work, self._show, lambda error: feedback.show_error(self, error))

    def _show(self, figures: Dashboard) -> None:
        self.figures = figures
        self._show_participation(figures)
        self._show_points(figures)
        self._show_departments(figures)
        self.loaded.emit()

    def _show_participation(self, figures: Dashboard) -> None:
        months = figures.participation
        title = self.tr("Participation rate by month, {start} to {end}").format(
            start=f"{months[0].month:%Y-%m}", end=f"{months[-1].month:%Y-%m}"
        )
        if not any(m.enrolled for m in months):
            self.participation_card.show_empty(title)
            return
        chart = bar_chart(
            title,
            [month_label(m.month) for m in months],
            [Bars(self.tr("Attended / enrolled"), BLUE, [float(m.rate) for m in months])],
            percent=True,
            upright_labels=True,
        )
        self.participation_card.show_chart(chart, f"participation-{figures.today:%Y-%m}.png")

    def _show_points(self, figures: Dashboard) -> None:
        report = figures.points
        title = self.tr("Points by category against targets, {period}").format(
            period=report.period.describe()
        )
        if report.total <= 0:
            self.points_card.show_empty(title)
            return
        chart = bar_chart(
            title,
            [label(row.category) for row in report.rows],
            [
                Bars(self.tr("Actual share"), BLUE, [float(row.actual) for row in report.rows]),
                Bars(self.tr("Target"), GREY, [float(row.target) for row in report.rows], DARK),
            ],
            percent=True,
        )
        self.points_card.show_chart(chart, f"points-{figures.today.year}.png")

    def _show_departments(self, figures: Dashboard) -> None:
        title = self.tr("Class hours and credits by department, {year}").format(year=figures.today.year)
        rows = list(reversed(figures.departments))  # a horizontal chart draws its first category lowest
        if not rows:
            self.departments_card.show_empty(title)
            return
        chart = bar_chart(
            title,
            [row.name or self.tr("No department") for row in rows],
            [
                Bars(self.tr("Class hours"), BLUE, [float(row.hours) for row in rows]),
                Bars(self.tr("Credits"), ORANGE, [float(row.credits) for row in rows]),
            ],
            horizontal=True,
        )
        self.departments_card.show_chart(chart, f"hours-credits-{figures.today.year}.png")
