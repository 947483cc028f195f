"""The Points tab: balances with each person's ledger, leaderboards, the distribution report, incentive lists,
rewards and redemption; manual awards and the rules from here too."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.excel.points import (
    export_department_leaderboard,
    export_incentive_list,
    export_leaderboard,
    export_points_ledger,
    export_points_summary,
)
from desktop_hr.models import PointCategory
from desktop_hr.services.archive.employees import EmployeeQuery
from desktop_hr.services.labels import label
from desktop_hr.services.points.awards import award_manual
from desktop_hr.services.points.distribution import (
    CategoryShare,
    DistributionReport,
    distribution_report,
    distribution_tolerance,
    set_target_shares,
    target_shares,
)
from desktop_hr.services.points.incentives import (
    RANGES,
    IncentiveKind,
    IncentiveList,
    IncentiveRow,
    incentive_list,
    set_thresholds,
    threshold_label,
    thresholds,
)
from desktop_hr.services.points.point_reports import (
    BalanceRow,
    DepartmentLeaderRow,
    LeaderRow,
    LedgerLine,
    Period,
    PeriodKind,
    balance_rows,
    department_leaderboard,
    employee_ledger,
    leaderboard,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.exchange.import_dialog import export_to_file
from desktop_hr.views.forms import save_cancel_buttons
from desktop_hr.views.home.dashboard import BLUE, DARK, GREY, Bars, bar_chart
from desktop_hr.views.list_model import ITEM_ROLE, ListTableModel
from desktop_hr.views.operations import Task, run_in_background
from desktop_hr.views.points.point_rules_dialog import PointRulesDialog
from desktop_hr.views.points.rewards_panel import RewardsPanel
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import (
    EnumCombo,
    from_qdate,
    search_box,
    setup_record_table,
    sorted_table,
    to_qdate,
)

FLAG_COLOUR = QColor("#c62828")


def _signed(points: int) -> str:
    return f"{points:+d}" if points else "0"


# ---- models ------------------------------------------------------------------------------------------


class BalanceModel(ListTableModel[BalanceRow]):
    numeric_columns = frozenset(range(3, 10))

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            label(PointCategory.PARTICIPATION),
            label(PointCategory.OUTPUT),
            label(PointCategory.SHARING),
            label(PointCategory.OTHER),
            self.tr("Earned"),
            self.tr("Redeemed"),
            self.tr("Balance"),
        ]

    def values(self, row: BalanceRow) -> list[str]:
        figures = (
            row.participation,
            row.output,
            row.sharing,
            row.other,
            row.earned,
            row.redeemed,
            row.balance,
        )
        return [row.employee_no, row.name, row.department, *(str(v) for v in figures)]


class LedgerModel(ListTableModel[LedgerLine]):
    numeric_columns = frozenset({3, 7})

    def titles(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Rule"),
            self.tr("Category"),
            self.tr("Points"),
            self.tr("Source"),
            self.tr("Reason"),
            self.tr("By"),
            self.tr("Balance"),
        ]

    def values(self, line: LedgerLine) -> list[str]:
        return [
            f"{line.occurred_at:%Y-%m-%d %H:%M}",
            line.rule_name,
            label(line.category),
            _signed(line.points),
            line.source_text(),
            line.reason,
            line.actor,
            str(line.balance),
        ]

    def sort_value(self, item: LedgerLine, column: int) -> Any:
        return item.points if column == 3 else super().sort_value(item, column)


class LeaderModel(ListTableModel[LeaderRow]):
    numeric_columns = frozenset({0, 4})

    def titles(self) -> list[str]:
        return [
            self.tr("Rank"),
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Points"),
        ]

    def values(self, row: LeaderRow) -> list[str]:
        return [str(row.rank), row.employee_no, row.name, row.department, str(row.points)]


class DepartmentLeaderModel(ListTableModel[DepartmentLeaderRow]):
    numeric_columns = frozenset({0, 2, 3})

    def titles(self) -> list[str]:
        return [
            self.tr("Rank"),
            self.tr("Department"),
            self.tr("People"),
            self.tr("Points"),
            self.tr("Per person"),
        ]

    def values(self, row: DepartmentLeaderRow) -> list[str]:
        return [str(row.rank), row.department, str(row.headcount), str(row.points), f"{row.mean}"]


class ShareModel(ListTableModel[CategoryShare]):
    numeric_columns = frozenset({1})

    def titles(self) -> list[str]:
        return [
            self.tr("Category"),
            self.tr("Points"),
            self.tr("Actual share"),
            self.tr("Target"),
            self.tr("Gap"),
        ]

    def values(self, row: CategoryShare) -> list[str]:
        gap = f"{row.gap:+} " + self.tr("pts")
        return [label(row.category), str(row.points), f"{row.actual} %", f"{row.target} %", gap]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.item(index.row()).flagged:
            return FLAG_COLOUR
        return super().data(index, role)


class IncentiveModel(ListTableModel[IncentiveRow]):
    numeric_columns = frozenset({3})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Points"),
            self.tr("Qualifies"),
            self.tr("Details"),
        ]

    def values(self, row: IncentiveRow) -> list[str]:
        details = []
        if row.rank is not None:
            details.append(self.tr("rank {rank}").format(rank=row.rank))
        if row.coefficient is not None and row.qualifies:
            details.append(self.tr("bonus coefficient +{value}").format(value=row.coefficient))
        if row.bonus_percent is not None:
            details.append(self.tr("quarterly bonus +{value} %").format(value=row.bonus_percent))
        if row.plans_due is not None:
            rate = "—" if row.plan_rate is None else f"{row.plan_rate} %"
            details.append(
                self.tr("action plans {done}/{due} on time ({rate})").format(
                    done=row.plans_on_time or 0, due=row.plans_due, rate=rate
                )
            )
        qualifies = self.tr("Yes") if row.qualifies else self.tr("No")
        return [row.employee_no, row.name, row.department, str(row.points), qualifies, "；".join(details)]


# ---- manual awards -----------------------------------------------------------------------------------


class ManualAwardDialog(QDialog):
    """Award or deduct points by hand, for one person or many; a reason is always required."""

    saved = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manual_award_dialog")
        self.setWindowTitle(self.tr("Award or deduct points"))
        self._db = db
        self.employee_ids: list[int] = []
        self.people_label = QLabel(self.tr("Nobody chosen yet"), self)
        self.people_label.setObjectName("manual_people_label")
        self.people_label.setWordWrap(True)
        choose = QPushButton(self.tr("Choose people…"), self)
        choose.setObjectName("manual_choose_button")
        choose.clicked.connect(self.choose_people)
        self.points_spin = QSpinBox(self)
        self.points_spin.setObjectName("manual_points_spin")
        self.points_spin.setRange(-1000, 1000)
        self.points_spin.setValue(10)
        self.category_combo = EnumCombo(PointCategory, blank=False, parent=self)
        self.category_combo.setObjectName("manual_category_combo")
        self.category_combo.set_value(PointCategory.OTHER)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("manual_reason_edit")
        self.reason_edit.setPlaceholderText(self.tr("Required: why, so the ledger explains itself"))
        self.date_edit = QDateEdit(to_qdate(date.today()), self)
        self.date_edit.setObjectName("manual_date_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        people_row = QHBoxLayout()
        people_row.addWidget(self.people_label, 1)
        people_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("People:"), people_row)
        form.addRow(self.tr("Points (negative deducts):"), self.points_spin)
        form.addRow(self.tr("Category:"), self.category_combo)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        form.addRow(self.tr("Date:"), self.date_edit)
        self.buttons: QDialogButtonBox = save_cancel_buttons(self, "manual_award_buttons", self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(480, 260)

    def choose_people(self) -> EmployeePicker:
        picker = EmployeePicker(self._db, self, title=self.tr("Who gets the points"))
        picker.picked.connect(self.set_people)
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def set_people(self, employee_ids: list[int]) -> None:
        self.employee_ids = list(employee_ids)
        self.people_label.setText(self.tr("{count} people chosen").format(count=len(self.employee_ids)))

    def save(self) -> None:
        if not self.employee_ids:
            feedback.inform(self, self.windowTitle(), self.tr("Choose at least one person."))
            return
        ids, points, reason = list(self.employee_ids), self.points_spin.value(), self.reason_edit.text()
        category = self.category_combo.value()
        when = datetime.combine(
            from_qdate(self.date_edit.date()), datetime.now().time().replace(microsecond=0)
        )
        db = self._db
        self.buttons.setEnabled(False)

        def done(entry_ids: list[int]) -> None:
            self.saved.emit(entry_ids)
            self.accept()

        def refused(error: BaseException) -> None:
            self.buttons.setEnabled(True)  # the dialog stays open with what was typed
            feedback.show_refusal(self, self.tr("Points not saved"), error)

        run_in_background(
            self,
            lambda _task: award_manual(
                db.uow(), ids, points, reason, category=category, occurred_at=when, actor=db.uow().actor
            ),
            success=done,
            failure=refused,
        )


class IncentiveSettingsDialog(QDialog):
    """Every threshold of the incentive lists and the distribution targets, saved together."""

    saved = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incentive_settings_dialog")
        self.setWindowTitle(self.tr("Incentive and target settings"))
        self._db = db
        with read_only(db) as session:
            current = thresholds(session)
            shares = target_shares(session)
            tolerance = distribution_tolerance(session)
        form = QFormLayout()
        self.threshold_spins: dict[str, QSpinBox] = {}
        for key, (low, high) in RANGES.items():
            spin = QSpinBox(self)
            spin.setObjectName(f"threshold_{key}")
            spin.setRange(low, high)
            spin.setValue(getattr(current, key))
            self.threshold_spins[key] = spin
            form.addRow(threshold_label(key) + "：", spin)
        self.share_spins: dict[PointCategory, QSpinBox] = {}
        for category, share in shares.items():
            spin = QSpinBox(self)
            spin.setObjectName(f"target_{category.value}")
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(share)
            self.share_spins[category] = spin
            form.addRow(self.tr("Target share, {category}:").format(category=label(category)), spin)
        self.tolerance_spin = QSpinBox(self)
        self.tolerance_spin.setObjectName("target_tolerance")
        self.tolerance_spin.setRange(0, 100)
        self.tolerance_spin.setValue(tolerance)
        form.addRow(
            self.tr("Flag a category off target by more than (points of percentage):"), self.tolerance_spin
        )
        self.buttons = save_cancel_buttons(self, "incentive_settings_buttons", self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def save(self) -> None:
        values = {key: spin.value() for key, spin in self.threshold_spins.items()}
        shares = {category: spin.value() for category, spin in self.share_spins.items()}
        tolerance, db = self.tolerance_spin.value(), self._db

        def work(_task: Task) -> None:
            # Targets first: they are refused unless they add up to 100, before any threshold changes.
            set_target_shares(db.uow(), shares, tolerance)
            set_thresholds(db.uow(), values)

        def refused(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            feedback.show_refusal(self, self.tr("Settings not saved"), error)

        def done(_none: None) -> None:
            self.saved.emit(None)
            self.accept()

        self.buttons.setEnabled(False)
        run_in_background(self, work, success=done, failure=refused)


# ---- the tab ---------------------------------------------------------------------------------------------


class PointsTab(QWidget):
    """Balances and ledgers, rankings, the distribution report, incentive lists, rewards. `changed` after writes."""

    changed = Signal()

    BALANCES, LEADERBOARD, DISTRIBUTION, INCENTIVES, REWARDS = range(5)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: Any = date.today) -> None:
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
        # Reports and exports are for everyone; awarding is editing records, rules and thresholds settings.
        permit(db.principal, Permission.EDIT_RECORDS, award)
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
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh_reports())
        self.period_label = QLabel(self)
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
        self.tabs.addTab(self._build_balances(), self.tr("Balances"))
        self.tabs.addTab(self._build_leaderboard(), self.tr("Leaderboard"))
        self.tabs.addTab(self._build_distribution(), self.tr("Distribution"))
        self.tabs.addTab(self._build_incentives(), self.tr("Incentive lists"))
        self.rewards_panel = RewardsPanel(db, self)
        self.rewards_panel.changed.connect(self._written)
        self.tabs.addTab(self.rewards_panel, self.tr("Rewards and redemption"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # ---- building ------------------------------------------------------------------------------------

    def _build_balances(self) -> QWidget:
        page = QWidget(self)
        self.search_edit, self._search_timer = search_box(
            page, "points_search_edit", self.tr("Search employee no. or name"), self.refresh_balances
        )
        self.balance_model = BalanceModel(self)
        self.balance_table, self.balance_proxy = sorted_table(
            page, "balance_table", self.balance_model, (80, 90, 240, 64, 64, 64, 64, 80, 80)
        )
        self.balance_table.selectionModel().currentRowChanged.connect(lambda *_args: self.show_ledger())
        self.ledger_model = LedgerModel(self)
        self.ledger_table, _ = sorted_table(
            page,
            "ledger_table",
            self.ledger_model,
            (130, 210, 56, 56, 300, 220, 70),
            Qt.SortOrder.DescendingOrder,
        )
        self.ledger_label = QLabel(
            self.tr("Choose a person to see every entry and where it came from."), page
        )
        self.ledger_label.setObjectName("ledger_label")
        below = QWidget(page)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.ledger_label)
        below_layout.addWidget(self.ledger_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.setObjectName("points_splitter")
        splitter.addWidget(self.balance_table)
        splitter.addWidget(below)
        splitter.setSizes([380, 260])
        self.balance_count = QLabel(page)
        self.balance_count.setObjectName("balance_count_label")
        layout = QVBoxLayout(page)
        layout.addWidget(self.search_edit)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.balance_count)
        return page

    def _build_leaderboard(self) -> QWidget:
        page = QWidget(self)
        self.board_combo = QComboBox(page)
        self.board_combo.setObjectName("board_combo")
        self.board_combo.addItems([self.tr("People"), self.tr("Departments")])
        self.board_combo.currentIndexChanged.connect(lambda _i: self.refresh_reports())
        export = QPushButton(self.tr("Export…"), page)
        export.setObjectName("export_leaderboard_button")
        export.clicked.connect(self.export_leaderboard)
        self.leader_model = LeaderModel(self)
        self.department_model = DepartmentLeaderModel(self)
        self.leader_table = QTableView(page)
        setup_record_table(self.leader_table, "leader_table", self.leader_model, widths=(60, 90, 100, 260))
        row = QHBoxLayout()
        row.addWidget(self.board_combo)
        row.addStretch(1)
        row.addWidget(export)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.leader_table, 1)
        return page

    def _build_distribution(self) -> QWidget:
        page = QWidget(self)
        self.share_model = ShareModel(self)
        self.share_table = QTableView(page)
        setup_record_table(self.share_table, "share_table", self.share_model, widths=(120, 100, 120, 100))
        self.share_table.setMaximumHeight(112)  # three categories and the header: no empty band below
        self.distribution_label = QLabel(page)
        self.distribution_label.setObjectName("distribution_label")
        self.distribution_label.setWordWrap(True)
        self.share_chart = QChartView(page)
        self.share_chart.setObjectName("share_chart")
        self.share_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = QVBoxLayout(page)
        layout.addWidget(self.distribution_label)
        layout.addWidget(self.share_table)
        layout.addWidget(self.share_chart, 1)
        return page

    def _show_share_chart(self, report: DistributionReport) -> None:
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

    def _build_incentives(self) -> QWidget:
        page = QWidget(self)
        self.incentive_combo = QComboBox(page)
        self.incentive_combo.setObjectName("incentive_combo")
        for kind in IncentiveKind:
            self.incentive_combo.addItem(kind.title(), kind.value)
        self.incentive_combo.currentIndexChanged.connect(lambda _i: self.refresh_reports())
        self.only_qualifying = QComboBox(page)
        self.only_qualifying.setObjectName("incentive_filter_combo")
        self.only_qualifying.addItems([self.tr("Those who qualify"), self.tr("Everyone")])
        self.only_qualifying.currentIndexChanged.connect(lambda _i: self._show_incentives())
        export = QPushButton(self.tr("Export…"), page)
        export.setObjectName("export_incentive_button")
        export.clicked.connect(self.export_incentives)
        self.incentive_rule = QLabel(page)
        self.incentive_rule.setObjectName("incentive_rule_label")
        self.incentive_rule.setWordWrap(True)
        self.incentive_model = IncentiveModel(self)
        self.incentive_table, _ = sorted_table(
            page, "incentive_table", self.incentive_model, (80, 90, 240, 70, 70)
        )
        hint = QLabel(self.tr("These are suggestions for HR to confirm; the program pays nothing."), page)
        hint.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.incentive_combo, 1)
        row.addWidget(self.only_qualifying)
        row.addWidget(export)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.incentive_rule)
        layout.addWidget(self.incentive_table, 1)
        layout.addWidget(hint)
        return page

    # ---- loading ---------------------------------------------------------------------------------------

    def period(self) -> Period:
        return Period.of(PeriodKind(self.period_combo.currentData()), self._today())

    def refresh(self) -> None:
        self.refresh_balances()
        self.refresh_reports()
        self.rewards_panel.refresh()

    def refresh_balances(self) -> None:
        self._search_timer.stop()
        query = EmployeeQuery(text=self.search_edit.text().strip())
        db = self._db

        def work(_task: Task) -> list[BalanceRow]:
            with read_only(db) as session:
                return balance_rows(session, query)

        run_in_background(self, work, success=self._show_balances)

    def _show_balances(self, rows: list[BalanceRow]) -> None:
        selected = self.selected_employee()
        self.balance_model.set_items(rows)
        self.balance_count.setText(self.tr("{count} people").format(count=f"{len(rows):,}"))
        if selected is not None:
            self.select_employee(selected)

    def selected_employee(self) -> int | None:
        index = self.balance_table.currentIndex()
        row = index.data(ITEM_ROLE) if index.isValid() else None
        return row.employee_id if isinstance(row, BalanceRow) else None

    def select_employee(self, employee_id: int) -> bool:
        for row in range(self.balance_proxy.rowCount()):
            item = self.balance_proxy.index(row, 0).data(ITEM_ROLE)
            if item.employee_id == employee_id:
                self.balance_table.setCurrentIndex(self.balance_proxy.index(row, 0))
                return True
        return False

    def show_ledger(self) -> None:
        employee_id = self.selected_employee()
        if employee_id is None:
            self.ledger_model.set_items([])
            return
        with read_only(self._db) as session:
            lines = employee_ledger(session, employee_id)
        self.ledger_model.set_items(list(reversed(lines)))  # newest first; the running balance reads upward
        row = self.balance_table.currentIndex().data(ITEM_ROLE)
        self.ledger_label.setText(
            self.tr("Ledger of {name} ({no}): {count} entries, balance {balance}").format(
                name=row.name, no=row.employee_no, count=len(lines), balance=row.balance
            )
        )

    def refresh_reports(self) -> None:
        period, today, db = self.period(), self._today(), self._db
        departments = self.board_combo.currentIndex() == 1
        kind = IncentiveKind(self.incentive_combo.currentData())
        self.period_label.setText(period.describe())

        def work(_task: Task) -> tuple[list[Any], DistributionReport, IncentiveList]:
            with read_only(db) as session:
                board: list[Any] = (
                    list(department_leaderboard(session, period))
                    if departments
                    else list(leaderboard(session, period))
                )
                return board, distribution_report(session, period), incentive_list(session, kind, today)

        run_in_background(self, work, success=self._show_reports)

    def _show_reports(self, result: tuple[list[Any], DistributionReport, IncentiveList]) -> None:
        board, report, incentives = result
        model: ListTableModel[Any] = (
            self.department_model if self.board_combo.currentIndex() == 1 else self.leader_model
        )
        model.set_items(board)
        if self.leader_table.model() is not model:
            self.leader_table.setModel(model)
        self.share_model.set_items(list(report.rows))
        self._show_share_chart(report)
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
            ).format(other=_signed(report.other))
        self.distribution_label.setText(text)
        self._incentives = incentives
        self._show_incentives()

    def _show_incentives(self) -> None:
        incentives = getattr(self, "_incentives", None)
        if incentives is None:
            return
        rows = (
            list(incentives.qualifying) if self.only_qualifying.currentIndex() == 0 else list(incentives.rows)
        )
        self.incentive_model.set_items(rows)
        self.incentive_rule.setText(
            self.tr("{title} — {period}. {rule}. {count} qualify.").format(
                title=incentives.title,
                period=incentives.period.describe(),
                rule=incentives.rule,
                count=len(incentives.qualifying),
            )
        )

    # ---- actions ---------------------------------------------------------------------------------------

    def _written(self) -> None:
        self.refresh_balances()
        self.refresh_reports()
        self.changed.emit()

    def manual_award(self) -> ManualAwardDialog:
        dialog = ManualAwardDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _ids: self._written())
        dialog.open()
        return dialog

    def show_rules(self) -> PointRulesDialog:
        dialog = PointRulesDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._written())
        dialog.open()
        return dialog

    def show_settings(self) -> IncentiveSettingsDialog:
        dialog = IncentiveSettingsDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _none: self.refresh_reports())
        dialog.open()
        return dialog

    def export_leaderboard(self) -> None:
        departments = self.board_combo.currentIndex() == 1
        rows: list[Any] = list((self.department_model if departments else self.leader_model).items())
        writer = export_department_leaderboard if departments else export_leaderboard
        export_to_file(
            self,
            self._db,
            self.tr("Leaderboard {period}").format(period=self.period().describe()),
            lambda _session, target, progress: writer(Path(target), rows, progress),
        )

    def export_incentives(self) -> None:
        incentives = getattr(self, "_incentives", None)
        if incentives is None:
            return
        export_to_file(
            self,
            self._db,
            incentives.title,
            lambda _session, target, progress: export_incentive_list(Path(target), incentives, progress),
        )
