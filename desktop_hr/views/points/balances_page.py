"""The Balances page of the Points tab: everyone's balance by category, searched and sorted in SQL, and below
it the chosen person's ledger line by line."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from desktop_hr.db import Database, read_only
from desktop_hr.services.points.point_reports import BalanceRow, LedgerLine, employee_ledger
from desktop_hr.views.operations import LatestQuery, Task
from desktop_hr.views.points.loading import PEOPLE_AND_POINTS, PageLoader, loading_text
from desktop_hr.views.points.point_models import BalanceModel, LedgerModel
from desktop_hr.views.widgets import search_box, setup_record_table


class BalancesPage(QWidget):
    """Typing in the search box or clicking a header asks the database again (off the GUI thread); the table
    holds only the rows scrolled to. The ledger of the current row is read when it is chosen."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balances_page")
        self._db = db
        self.search_edit, self._search_timer = search_box(
            self, "points_search_edit", self.tr("Search employee no. or name"), self.search
        )
        self.model = BalanceModel(db, self)
        self.table = QTableView(self)
        setup_record_table(
            self.table, "balance_table", self.model, widths=(80, 90, 240, 64, 64, 64, 64, 80, 80)
        )
        # A header click calls BalanceModel.sort, which asks SQL for the new order.
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self.show_ledger())
        self._keep: int | None = None  # whose row to select again once the answer is shown
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.answered.connect(self._answered)
        self.model.loading_changed.connect(lambda _loading: self._show_count())

        self.ledger_model = LedgerModel(self)
        self.ledger_table = QTableView(self)
        setup_record_table(
            self.ledger_table, "ledger_table", self.ledger_model, widths=(130, 210, 56, 56, 300, 220, 70)
        )
        self.ledger_table.setSortingEnabled(True)
        self.ledger_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self._ledger_query = LatestQuery(self)
        self.ledger_label = QLabel(self)
        self.ledger_label.setObjectName("ledger_label")
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.ledger_label)
        below_layout.addWidget(self.ledger_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("points_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(below)
        splitter.setSizes([380, 260])
        self.count_label = QLabel(self)
        self.count_label.setObjectName("balance_count_label")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        self.show_ledger()
        self._show_count()
        self.loader = PageLoader(self, PEOPLE_AND_POINTS, self.model.reload)

    # ---- the list ----------------------------------------------------------------------------------

    def search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(replace(self.model.query, text=self.search_edit.text().strip()))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _show_count(self) -> None:
        if self.model.loading:
            self.count_label.setText(loading_text())
        else:
            self.count_label.setText(self.tr("{count} people").format(count=f"{self.model.total():,}"))

    def _remember_selection(self) -> None:
        if self._keep is None:
            self._keep = self.selected_employee()

    def _answered(self) -> None:
        keep, self._keep = self._keep, None
        self._show_count()
        # The same person again if the new answer has them among the rows read (a reload keeps as many rows
        # as were read): never read thousands of rows on the GUI thread to find them.
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None and row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.show_ledger()

    def selected_row(self) -> BalanceRow | None:
        index = self.table.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def selected_employee(self) -> int | None:
        row = self.selected_row()
        return row.employee_id if row is not None else None

    def select_employee(self, employee_id: int) -> bool:
        """Make this person's row current (reading blocks down to it if need be); False if not listed."""
        row = self.model.row_of(employee_id)
        if row is None:
            return False
        self.model.ensure_loaded(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # ---- the ledger --------------------------------------------------------------------------------

    def show_ledger(self) -> None:
        row = self.selected_row()
        self.ledger_model.set_items([])
        if row is None:
            self.ledger_label.setText(self.tr("Choose a person to see every entry and where it came from."))
            return
        self.ledger_label.setText(
            self.tr("Ledger of {name} ({no}): loading…").format(name=row.name, no=row.employee_no)
        )
        db, employee_id = self._db, row.employee_id

        def work(_task: Task) -> list[LedgerLine]:
            with read_only(db) as session:
                return employee_ledger(session, employee_id)

        def show(lines: list[LedgerLine]) -> None:
            if self.selected_employee() != employee_id:
                return  # another row was chosen meanwhile, or none
            self.ledger_model.set_items(lines)
            self.ledger_label.setText(
                self.tr("Ledger of {name} ({no}): {count} entries, balance {balance}").format(
                    name=row.name,
                    no=row.employee_no,
                    count=len(lines),
                    balance=lines[-1].balance if lines else 0,
                )
            )

        self._ledger_query.run(work, show)
