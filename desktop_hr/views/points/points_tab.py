"""The Points tab: balances with each person's ledger, leaderboards, the distribution report, incentive lists,
rewards and redemption; manual awards and the rules from here too.

Each page reads off the GUI thread when first shown and follows the change hub for what it shows, so an
award, a redemption or a renamed employee reaches it without a hand-wired signal; F5 reloads it all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop_hr.db import Database
from desktop_hr.excel.points import export_points_ledger, export_points_summary
from desktop_hr.services.points.point_reports import Period, PeriodKind
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views.exchange.import_dialog import export_to_file
from desktop_hr.views.points.balances_page import BalancesPage
from desktop_hr.views.points.point_dialogs import IncentiveSettingsDialog, ManualAwardDialog
from desktop_hr.views.points.point_rules_dialog import PointRulesDialog
from desktop_hr.views.points.report_pages import DistributionPage, IncentivesPage, LeaderboardPage
from desktop_hr.views.points.rewards_panel import RewardsPanel
from desktop_hr.views.roles import permit


class PointsTab(QWidget):
    """Balances and ledgers, rankings, the distribution report, incentive lists, rewards."""

    BALANCES, LEADERBOARD, DISTRIBUTION, INCENTIVES, REWARDS = range(5)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setObjectName("points_tab")
        self._db = db
        self._today = today
        award = QPushButton(self.tr("Award or deduct…"), self)
        award.setObjectName("manual_award_button")
        award.clicked.connect(self.manual_award)
        settings = QPushButton(self.tr("Incentive settings…"), self)
        settings.setObjectName("incentive_settings_button")
        settings.clicked.connect(self.show_settings)
        rules = QPushButton(self.tr("Point rules…"), self)
        rules.setObjectName("point_rules_button")
        rules.clicked.connect(self.show_rules)
        # Reports and exports are for everyone; awarding by hand is HR's (not a department head's), rules and
        # thresholds are settings.
        permit(db.principal, Permission.AWARD_POINTS, award)
        permit(db.principal, Permission.EDIT_SETTINGS, settings, rules)
        summary = QPushButton(self.tr("Export summary…"), self)
        summary.setObjectName("export_summary_button")
        summary.clicked.connect(
            lambda: export_to_file(self, self._db, self.tr("Points summary"), export_points_summary)
        )
        ledger = QPushButton(self.tr("Export ledger…"), self)
        ledger.setObjectName("export_ledger_button")
        ledger.clicked.connect(
            lambda: export_to_file(self, self._db, self.tr("Points ledger"), export_points_ledger)
        )
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("period_combo")
        for kind, text in (
            (PeriodKind.MONTH, self.tr("This month")),
            (PeriodKind.QUARTER, self.tr("This quarter")),
            (PeriodKind.YEAR, self.tr("This year")),
            (PeriodKind.LAST_12_MONTHS, self.tr("Last 12 months")),
        ):
            self.period_combo.addItem(text, kind.value)
        self.period_combo.setCurrentIndex(1)
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.period_label = QLabel(self.period().describe(), self)
        self.period_label.setObjectName("period_label")
        top = QHBoxLayout()
        top.addWidget(award)
        top.addWidget(rules)
        top.addWidget(settings)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period_combo)
        top.addWidget(self.period_label)
        top.addSpacing(12)
        top.addWidget(summary)
        top.addWidget(ledger)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("points_tabs")
        self.balances = BalancesPage(db, self)
        self.leaderboard = LeaderboardPage(db, self.period, self)
        self.distribution = DistributionPage(db, self.period, self)
        self.incentives = IncentivesPage(db, today, self)
        self.rewards_panel = RewardsPanel(db, self)
        self.tabs.addTab(self.balances, self.tr("Balances"))
        self.tabs.addTab(self.leaderboard, self.tr("Leaderboard"))
        self.tabs.addTab(self.distribution, self.tr("Distribution"))
        self.tabs.addTab(self.incentives, self.tr("Incentive lists"))
        self.tabs.addTab(self.rewards_panel, self.tr("Rewards and redemption"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def period(self) -> Period:
        return Period.of(PeriodKind(self.period_combo.currentData()), self._today())

    # ---- loading ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: every page reads again, the one shown at once, the others when next shown (another seat, or a
        command line, may have written)."""
        for page in (self.balances, self.leaderboard, self.distribution, self.incentives):
            page.loader.reload()
        self.rewards_panel.refresh()

    def focus_search(self) -> None:
        """Ctrl+F: the balances' search box."""
        self.tabs.setCurrentWidget(self.balances)
        self.balances.focus_search()

    def _period_changed(self) -> None:
        self.period_label.setText(self.period().describe())
        for page in (self.leaderboard, self.distribution):
            page.loader.reload()

    def select_employee(self, employee_id: int) -> bool:
        """Show this person's balance and ledger (False if the balances do not list them)."""
        self.tabs.setCurrentWidget(self.balances)
        return self.balances.select_employee(employee_id)

    # ---- actions: what they write reaches every page through the change hub ----------------------------

    def manual_award(self) -> ManualAwardDialog:
        dialog = ManualAwardDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_rules(self) -> PointRulesDialog:
        dialog = PointRulesDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_settings(self) -> IncentiveSettingsDialog:
        dialog = IncentiveSettingsDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
