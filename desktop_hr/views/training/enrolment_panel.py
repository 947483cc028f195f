"""A session's enrolment list (报名): add people or a whole department, cancel, see the waitlist move up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.models import EnrolmentStatus, PersonnelCategory, Rank
from desktop_hr.services.archive.employees import EmployeeQuery, count_employees
from desktop_hr.services.archive.organisation import DepartmentNode, department_tree
from desktop_hr.services.labels import label
from desktop_hr.services.training.enrolment import (
    CURRENT_STATUSES,
    CancelResult,
    EnrolmentRow,
    EnrolResult,
    cancel_enrolment,
    enrol,
    enrol_matching,
    enrolment_rows,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.archive.department_model import DEPARTMENT_ID_ROLE, DepartmentTreeModel
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.forms import follow_lazily, inform_soon, reading, refresh_when_shown
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background, run_query
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import EnumCombo, delete_key_action, setup_record_table


class EnrolmentModel(ListTableModel[EnrolmentRow]):
    numeric_columns = frozenset({4})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Status"),
            self.tr("Waitlist"),
            self.tr("Enrolled by"),
            self.tr("Requested"),
        ]

    def values(self, row: EnrolmentRow) -> list[str]:
        return [
            row.employee_no,
            row.name,
            row.department,
            label(row.status),
            str(row.waitlist_position) if row.waitlist_position is not None else "",
            label(row.source),
            row.requested_at.strftime("%Y-%m-%d %H:%M"),
        ]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            status = self.item(index.row()).status
            if status is EnrolmentStatus.CANCELLED:
                return Qt.GlobalColor.gray
            if status is EnrolmentStatus.WAITLISTED:
                return Qt.GlobalColor.darkYellow
        return super().data(index, role)


def _people_matching(query: EmployeeQuery) -> Callable[[Session], int]:
    return lambda session: sum(count_employees(session, query).values())


class DepartmentPickDialog(QDialog):
    """Enrol a group: a department (or the whole company), optionally narrowed by category and rank.

    `picked(EmployeeQuery)`; the count of people it matches is shown as the choice changes. The tree and
    the counts are read in the background; nothing can be picked before the tree is in.
    """

    picked = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("department_pick_dialog")
        self.setWindowTitle(self.tr("Enrol a department or group"))
        self._db = db
        self._counter = LatestQuery(self)
        self.model = DepartmentTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("department_pick_tree")
        self.tree.setModel(self.model)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.doubleClicked.connect(lambda _i: self.accept())
        self.tree.selectionModel().currentChanged.connect(lambda *_args: self._count())
        hint = QLabel(
            self.tr(
                "Everyone active or on probation in the department and the departments under it is enrolled; "
                "narrow it down by category or rank if needed."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.category_combo = EnumCombo(
            PersonnelCategory, blank=True, blank_text=self.tr("Any category"), parent=self
        )
        self.category_combo.setObjectName("group_category_combo")
        self.rank_combo = EnumCombo(Rank, blank=True, blank_text=self.tr("Any rank"), parent=self)
        self.rank_combo.setObjectName("group_rank_combo")
        for combo in (self.category_combo, self.rank_combo):
            combo.currentIndexChanged.connect(lambda _i: self._count())
        filters = QHBoxLayout()
        filters.addWidget(self.category_combo, 1)
        filters.addWidget(self.rank_combo, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("group_count_label")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("department_pick_buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)
        self.resize(440, 520)
        self.count_label.setText(self.tr("Loading…"))
        run_query(self, reading(db, department_tree), success=self._show_tree)

    def _show_tree(self, nodes: list[DepartmentNode]) -> None:
        self.model.set_departments(nodes, sum(n.employee_count for n in nodes), self.tr("Whole company"))
        self.tree.expandAll()
        self._count()

    def select_department(self, department_id: int | None) -> None:
        self.tree.setCurrentIndex(self.model.index_of(department_id))

    def query(self) -> EmployeeQuery | None:
        """Who the choice means, or None before a department (or the whole company) is chosen."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return EmployeeQuery(
            department_id=index.siblingAtColumn(0).data(DEPARTMENT_ID_ROLE),
            statuses=CURRENT_STATUSES,
            category=self.category_combo.value(),
            rank=self.rank_combo.value(),
        )

    def _count(self) -> None:
        query = self.query()
        if query is None:
            self.count_label.setText(self.tr("Choose a department, or the whole company."))
            return
        self._counter.run(
            reading(self._db, _people_matching(query)),
            lambda count: self.count_label.setText(self.tr("{count} people match").format(count=count)),
        )

    def accept(self) -> None:
        query = self.query()
        if query is None:
            return
        self.picked.emit(query)
        super().accept()


class EnrolmentPanel(QWidget):
    """The page's first tab (a SessionPanel): read in the background, again whenever a write touches
    training or people (its own enrolments and cancellations come back through the hub too)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolment_panel")
        self._db = db
        self._session_id: int | None = None
        self._rows: list[EnrolmentRow] = []
        self._loader = LatestQuery(self)

        self.add_people_button = QPushButton(self.tr("Add people…"), self)
        self.add_people_button.setObjectName("add_people_button")
        self.add_people_button.clicked.connect(self.add_people)
        self.add_department_button = QPushButton(self.tr("Add department or group…"), self)
        self.add_department_button.setObjectName("add_department_button")
        self.add_department_button.clicked.connect(self.add_department)
        self.cancel_button = QPushButton(self.tr("Cancel enrolment…"), self)
        self.cancel_button.setObjectName("cancel_enrolment_button")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.show_cancelled_check = QCheckBox(self.tr("Show cancelled"), self)
        self.show_cancelled_check.setObjectName("show_cancelled_check")
        self.show_cancelled_check.toggled.connect(lambda _on: self._show_rows())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("enrolment_count_label")

        self.model = EnrolmentModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "enrolment_table", self.model, widths=(80, 80, 220, 70, 60, 110, 130))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._sync_buttons())
        self.cancel_action = delete_key_action(
            self.table, self.tr("Cancel enrolment…"), "cancel_enrolment_action", self.cancel_selected
        )
        # Nominating: HR, and department heads for their own people (the picker lists only those).
        permit(
            db.principal,
            Permission.NOMINATE,
            self.add_people_button,
            self.add_department_button,
            self.cancel_button,
            self.cancel_action,
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_people_button)
        buttons.addWidget(self.add_department_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_cancelled_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._sync_buttons()
        self.follower = follow_lazily(self, ("training", "employees"), self.refresh)

    # ---- the page's panel protocol -------------------------------------------------------------

    def set_session(self, session_id: int) -> None:
        if session_id != self._session_id:
            self._rows = []  # not the previous session's list under the new one's header
            self._show_rows()
        self._session_id = session_id
        self.refresh_when_shown()

    def session_id(self) -> int | None:
        return self._session_id

    def refresh(self) -> None:
        session_id = self._session_id
        if session_id is None:
            return
        self.follower.stale = False
        self._loader.run(reading(self._db, lambda session: enrolment_rows(session, session_id)), self._show)

    def refresh_when_shown(self) -> None:
        refresh_when_shown(self, self.follower, self.refresh)

    def _show(self, rows: list[EnrolmentRow]) -> None:
        self._rows = rows
        self._show_rows()

    def _show_rows(self) -> None:
        shown = self._rows
        if not self.show_cancelled_check.isChecked():
            shown = [r for r in shown if r.status is not EnrolmentStatus.CANCELLED]
        self.model.set_items(shown)
        counts = {status: sum(r.status is status for r in self._rows) for status in EnrolmentStatus}
        self.count_label.setText(
            self.tr("{enrolled} enrolled · {waitlisted} waitlisted · {cancelled} cancelled").format(
                enrolled=counts[EnrolmentStatus.ENROLLED],
                waitlisted=counts[EnrolmentStatus.WAITLISTED],
                cancelled=counts[EnrolmentStatus.CANCELLED],
            )
        )
        self._sync_buttons()

    def rows(self) -> list[EnrolmentRow]:
        """Every row of the list, cancelled ones too."""
        return list(self._rows)

    def _sync_buttons(self) -> None:
        has_session = self._session_id is not None
        self.add_people_button.setEnabled(has_session)
        self.add_department_button.setEnabled(has_session)
        row = self.selected_row()
        self.cancel_button.setEnabled(row is not None and row.status is not EnrolmentStatus.CANCELLED)

    def selected_row(self) -> EnrolmentRow | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select_employee_no(self, employee_no: str) -> bool:
        for row, item in enumerate(self.model.items()):
            if item.employee_no == employee_no:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    # ---- adding ------------------------------------------------------------------------------

    def add_people(self) -> EmployeePicker | None:
        if self._session_id is None:
            return None
        listed = {r.employee_id for r in self._rows if r.status is not EnrolmentStatus.CANCELLED}
        picker = EmployeePicker(self._db, self, title=self.tr("Enrol people"), exclude=listed)
        picker.picked.connect(self.enrol_people)
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def enrol_people(self, employee_ids: list[int]) -> None:
        session_id, db, today = self._session_id, self._db, date.today()
        if session_id is None or not employee_ids:
            return
        self._run_enrol(lambda _task: enrol(db.uow(), session_id, employee_ids, today=today))

    def add_department(self) -> DepartmentPickDialog | None:
        if self._session_id is None:
            return None
        dialog = DepartmentPickDialog(self._db, self)
        dialog.picked.connect(self.enrol_department)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def enrol_department(self, choice: EmployeeQuery | int | None) -> None:
        """Everyone `choice` matches: a group from the dialog, a department id, or None for the whole company."""
        session_id, db, today = self._session_id, self._db, date.today()
        if session_id is None:
            return
        query = (
            choice
            if isinstance(choice, EmployeeQuery)
            else EmployeeQuery(department_id=choice, statuses=CURRENT_STATUSES)
        )
        self._run_enrol(lambda _task: enrol_matching(db.uow(), session_id, query, today=today))

    def _run_enrol(self, work: Callable[[Task], EnrolResult]) -> None:
        def done(result: EnrolResult) -> None:
            inform_soon(self, self.tr("Enrolment"), result.summary())

        # Hundreds of people at once take a moment: the progress dialog shows if it lasts.
        run_in_background(
            self, work, success=done, failure=self._refused, progress_label=self.tr("Enrolling…")
        )

    # ---- cancelling --------------------------------------------------------------------------

    def cancel_selected(self) -> None:
        row = self.selected_row()
        session_id = self._session_id
        if row is None or session_id is None or row.status is EnrolmentStatus.CANCELLED:
            return
        waiting = row.status is EnrolmentStatus.WAITLISTED
        question = (
            self.tr("Take {who} off the waitlist?")
            if waiting
            else self.tr("Cancel the enrolment of {who}? The first person on the waitlist takes the place.")
        )
        if not feedback.confirm(
            self,
            self.tr("Cancel enrolment"),
            question.format(who=f"{row.employee_no} {row.name}"),
            destructive=True,
        ):
            return
        db, employee_id = self._db, row.employee_id

        def done(result: CancelResult) -> None:
            inform_soon(self, self.tr("Enrolment cancelled"), result.summary())

        run_in_background(
            self,
            lambda _task: cancel_enrolment(db.uow(), session_id, employee_id),
            success=done,
            failure=self._refused,
        )

    # ---- after a write: the list comes again through the hub -----------------------------------------

    def _refused(self, error: BaseException) -> None:
        feedback.show_refusal(self, self.tr("Enrolment"), error)
        if isinstance(error, DomainError):
            self.refresh()
