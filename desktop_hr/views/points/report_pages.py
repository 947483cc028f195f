"""The report pages of the Points tab: leaderboards, the distribution report and the incentive lists.

Each reads off the GUI thread when first shown, when the period changes and after a write touching it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.excel.points import export_department_leaderboard, export_incentive_list, export_leaderboard
from desktop_hr.services.labels import label
from desktop_hr.services.points.distribution import DistributionReport, distribution_report
from desktop_hr.services.points.incentives import IncentiveKind, IncentiveList, incentive_list
from desktop_hr.services.points.point_reports import (
    DepartmentLeaderRow,
    Period,
    department_leaderboard,
    leaderboard,
)
from desktop_hr.views.exchange.import_dialog import export_to_file
from desktop_hr.views.home.dashboard import BLUE, DARK, GREY, Bars, bar_chart
from desktop_hr.views.operations import LatestQuery, Task
from desktop_hr.views.points.loading import PEOPLE_AND_POINTS, PageLoader, loading_text
from desktop_hr.views.points.point_models import (
    DepartmentLeaderModel,
    IncentiveModel,
    LeaderModel,
    ShareModel,
    signed,
)
from desktop_hr.views.widgets import setup_record_table


def _sorted_table(parent: QWidget, name: str, widths: tuple[int, ...]) -> QTableView:
    """A read-only table whose header clicks sort its model (lazy models in SQL, short lists in memory)."""
    table = QTableView(parent)
    setup_record_table(table, name, widths=widths)
    return table


def _enable_sorting(table: QTableView, column: int, order: Qt.SortOrder) -> None:
    table.setSortingEnabled(True)
    table.sortByColumn(column, order)


class LeaderboardPage(QWidget):
    """People by points in the period (everyone: lazy, any column's order from SQL), or departments by
    points per person."""

    PEOPLE, DEPARTMENTS = range(2)

    def __init__(self, db: Database, period: Callable[[], Period], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaderboard_page")
        self._db = db
        self._period = period
        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName("board_combo")
        self.board_combo.addItems([self.tr("People"), self.tr("Departments")])
        self.board_combo.currentIndexChanged.connect(lambda _i: self._switch_board())
        export = QPushButton(self.tr("Export…"), self)
        export.setObjectName("export_leaderboard_button")
        export.clicked.connect(self.export)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("leaderboard_count_label")

        self.leader_model = LeaderModel(db, self, period())
        self.leader_table = _sorted_table(self, "leader_table", (60, 90, 100, 260))
        self.leader_table.setModel(self.leader_model)
        _enable_sorting(self.leader_table, 0, Qt.SortOrder.AscendingOrder)  # rank 1 first
        self.leader_model.loading_changed.connect(lambda _loading: self._show_count())
        self.leader_model.answered.connect(self._show_count)

        self.department_model = DepartmentLeaderModel(self)
        self.department_table = _sorted_table(self, "department_board_table", (60, 260, 70, 90))
        self.department_table.setModel(self.department_model)
        _enable_sorting(self.department_table, 0, Qt.SortOrder.AscendingOrder)
        self._departments_query = LatestQuery(self)
        self._departments_loading = False

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("leaderboard_stack")
        self.stack.addWidget(self.leader_table)
        self.stack.addWidget(self.department_table)
        row = QHBoxLayout()
        row.addWidget(self.board_combo)
        row.addStretch(1)
        row.addWidget(self.count_label)
        row.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        self._show_count()
        self.loader = PageLoader(self, PEOPLE_AND_POINTS, self.load)

    def departments(self) -> bool:
        return self.board_combo.currentIndex() == self.DEPARTMENTS

    def current_table(self) -> QTableView:
        return self.department_table if self.departments() else self.leader_table

    def _switch_board(self) -> None:
        self.stack.setCurrentIndex(self.board_combo.currentIndex())
        self.loader.reload()

    def load(self) -> None:
        """The board shown, for the period chosen now."""
        period = self._period()
        if not self.departments():
            self.leader_model.reload(replace(self.leader_model.query, period=period))
            return
        db = self._db

        def work(_task: Task) -> list[DepartmentLeaderRow]:
            with read_only(db) as session:
                return department_leaderboard(session, period)

        def show(rows: list[DepartmentLeaderRow]) -> None:
            self._departments_loading = False
            self.department_model.set_items(rows)
            self._show_count()

        self._departments_loading = True
        self._show_count()
        self._departments_query.run(work, show)

    def _show_count(self) -> None:
        if self.departments():
            text = (
                loading_text()
                if self._departments_loading
                else self.tr("{count} departments").format(count=self.department_model.rowCount())
            )
        elif self.leader_model.loading:
            text = loading_text()
        else:
            text = self.tr("{count} people ranked").format(count=f"{self.leader_model.total():,}")
        self.count_label.setText(text)

    def export(self) -> None:
        """The whole board of the period (not only the rows scrolled to), read when exporting."""
        period, departments = self._period(), self.departments()
        what = self.tr("Leaderboard {period}").format(period=period.describe())
        if departments:
            export_to_file(
                self,
                self._db,
                what,
                lambda session, target, progress: export_department_leaderboard(
                    Path(target), department_leaderboard(session, period), progress
                ),
            )
        else:
            export_to_file(
                self,
                self._db,
                what,
                lambda session, target, progress: export_leaderboard(
                    Path(target), leaderboard(session, period), progress
                ),
            )


class DistributionPage(QWidget):
    """Each category's share of the period's points against its target, as a table and a chart."""

    def __init__(self, db: Database, period: Callable[[], Period], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("distribution_page")
        self._db = db
        self._period = period
        self._query = LatestQuery(self)
        self.share_model = ShareModel(self)
        self.share_table = QTableView(self)
        setup_record_table(self.share_table, "share_table", self.share_model, widths=(120, 100, 120, 100))
        self.share_table.setMaximumHeight(112)  # three categories and the header: no empty band below
        self.distribution_label = QLabel(self)
        self.distribution_label.setObjectName("distribution_label")
        self.distribution_label.setWordWrap(True)
        self.share_chart = QChartView(self)
        self.share_chart.setObjectName("share_chart")
        self.share_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.distribution_label)
        layout.addWidget(self.share_table)
        layout.addWidget(self.share_chart, 1)
        # The targets and the tolerance are settings.
        self.loader = PageLoader(self, ("points", "settings"), self.load)

    def load(self) -> None:
        period, db = self._period(), self._db

        def work(_task: Task) -> DistributionReport:
            with read_only(db) as session:
                return distribution_report(session, period)

        self.distribution_label.setText(loading_text())
        self._query.run(work, self._show)

    def _show(self, report: DistributionReport) -> None:
        self.share_model.set_items(list(report.rows))
        self._show_chart(report)
        if report.total == 0:
            text = self.tr("No points in {period} yet.").format(period=report.period.describe())
        elif report.flagged:
            names = "、".join(label(row.category) for row in report.flagged)
            text = self.tr(
                "{period}: {total} points. Off target by more than {tolerance} points of percentage: {names}. "
                "Check whether their rules are set too high or too low."
            ).format(
                period=report.period.describe(), total=report.total, tolerance=report.tolerance, names=names
            )
        else:
            text = self.tr(
                "{period}: {total} points; every category is within {tolerance} points of its target."
            ).format(period=report.period.describe(), total=report.total, tolerance=report.tolerance)
        if report.other:
            text += " " + self.tr(
                "Manual awards and deductions ({other}) are not part of the shares."
            ).format(other=signed(report.other))
        self.distribution_label.setText(text)

    def _show_chart(self, report: DistributionReport) -> None:
        """Actual against target share per category, side by side: a gap shows at a glance."""
        chart = bar_chart(
            self.tr("Share of points by category, {period}").format(period=report.period.describe()),
            [label(row.category) for row in report.rows],
            [
                Bars(self.tr("Actual share"), BLUE, [float(row.actual) for row in report.rows]),
                Bars(self.tr("Target"), GREY, [float(row.target) for row in report.rows], DARK),
            ],
            percent=True,
        )
        old = self.share_chart.chart()
        self.share_chart.setChart(chart)  # the view takes ownership of the new chart
        if old is not None:
            old.deleteLater()


class IncentivesPage(QWidget):
    """One incentive list (bonus coefficient, welfare, …): who qualifies and the figures that say so."""

    QUALIFYING, EVERYONE = range(2)

    def __init__(self, db: Database, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incentives_page")
        self._db = db
        self._today = today
        self._query = LatestQuery(self)
        self.incentives: IncentiveList | None = None
        self.incentive_combo = QComboBox(self)
        self.incentive_combo.setObjectName("incentive_combo")
        for kind in IncentiveKind:
            self.incentive_combo.addItem(kind.title(), kind.value)
        self.only_qualifying = QComboBox(self)
        self.only_qualifying.setObjectName("incentive_filter_combo")
        self.only_qualifying.addItems([self.tr("Those who qualify"), self.tr("Everyone")])
        self.only_qualifying.currentIndexChanged.connect(lambda _i: self._show_rows())
        export = QPushButton(self.tr("Export…"), self)
        export.setObjectName("export_incentive_button")
        export.clicked.connect(self.export)
        self.incentive_rule = QLabel(self)
        self.incentive_rule.setObjectName("incentive_rule_label")
        self.incentive_rule.setWordWrap(True)
        self.incentive_model = IncentiveModel(self)
        self.incentive_table = _sorted_table(self, "incentive_table", (80, 90, 240, 70, 70))
        self.incentive_table.setModel(self.incentive_model)
        _enable_sorting(self.incentive_table, 0, Qt.SortOrder.AscendingOrder)
        hint = QLabel(self.tr("These are suggestions for HR to confirm; the program pays nothing."), self)
        hint.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.incentive_combo, 1)
        row.addWidget(self.only_qualifying)
        row.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.incentive_rule)
        layout.addWidget(self.incentive_table, 1)
        layout.addWidget(hint)
        # Thresholds are settings; the promotion list counts action plans (training).
        self.loader = PageLoader(self, (*PEOPLE_AND_POINTS, "settings", "training"), self.load)
        self.incentive_combo.currentIndexChanged.connect(lambda _i: self.loader.reload())

    def load(self) -> None:
        kind, today, db = IncentiveKind(self.incentive_combo.currentData()), self._today(), self._db

        def work(_task: Task) -> IncentiveList:
            with read_only(db) as session:
                return incentive_list(session, kind, today)

        def show(incentives: IncentiveList) -> None:
            self.incentives = incentives
            self._show_rows()

        self.incentive_rule.setText(loading_text())
        self._query.run(work, show)

    def _show_rows(self) -> None:
        incentives = self.incentives
        if incentives is None:
            return
        everyone = self.only_qualifying.currentIndex() == self.EVERYONE
        self.incentive_model.set_items(list(incentives.rows if everyone else incentives.qualifying))
        self.incentive_rule.setText(
            self.tr("{title} — {period}. {rule}. {count} qualify.").format(
                title=incentives.title,
                period=incentives.period.describe(),
                rule=incentives.rule,
                count=len(incentives.qualifying),
            )
        )

    def export(self) -> None:
        incentives = self.incentives
        if incentives is None:
            return
        export_to_file(
            self,
            self._db,
            incentives.title,
            lambda _session, target, progress: export_incentive_list(Path(target), incentives, progress),
        )
