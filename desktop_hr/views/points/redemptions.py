"""Redemption requests: the list with its status filter and decisions, and the dialog that makes a request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.models import RedemptionStatus
from desktop_hr.services.archive.employees import employee_rows
from desktop_hr.services.points import ledger
from desktop_hr.services.points.rewards import (
    RedemptionRow,
    RewardRow,
    approve,
    cancel,
    fulfil,
    list_rewards,
    redemption_rows,
    reject,
    request_redemption,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.forms import open_dialog
from desktop_hr.views.operations import LatestQuery, Task, run_in_background, run_query
from desktop_hr.views.points.loading import PEOPLE_AND_POINTS, PageLoader, loading_text
from desktop_hr.views.points.reward_models import RedemptionTableModel
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import EnumCombo, filter_combos, setup_record_table


@dataclass(frozen=True)
class _Person:
    employee_no: str
    name: str
    balance: int


class RedemptionRequestDialog(QDialog):
    """Who redeems which reward: shows the person's balance and the reward's cost before the request.

    The rewards offered and the chosen person's balance are read off the GUI thread; the request waits for
    both. `saved(int)`: the new redemption's id, once stored; a refusal (balance, stock) keeps the dialog open.
    """

    saved = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redemption_request_dialog")
        self.setWindowTitle(self.tr("New redemption request"))
        self._db = db
        self._employee_id: int | None = None
        self._balance: int | None = None  # None: not read yet
        self._rewards: list[RewardRow] | None = None  # None: not read yet
        self._person_query = LatestQuery(self)
        self.person_label = QLabel(self.tr("Nobody chosen"), self)
        self.person_label.setObjectName("request_person_label")
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("request_choose_button")
        self.choose_button.clicked.connect(self.choose_person)
        self.reward_combo = QComboBox(self)
        self.reward_combo.setObjectName("request_reward_combo")
        self.reward_combo.addItem(loading_text())
        self.reward_combo.setEnabled(False)
        self.reward_combo.currentIndexChanged.connect(lambda _i: self._sync())
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("request_summary_label")
        self.summary_label.setWordWrap(True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("request_note_edit")
        person = QHBoxLayout()
        person.addWidget(self.person_label, 1)
        person.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.tr("Employee"), person)
        form.addRow(self.tr("Reward"), self.reward_combo)
        form.addRow(self.tr("Note"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("request_buttons")
        self.request_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.request_button.setObjectName("request_button")
        self.request_button.setText(self.tr("Request and hold the points"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(480, 240)
        self._sync()

        def offered(_task: Task) -> list[RewardRow]:
            with read_only(db) as session:
                return list_rewards(session, active_only=True)

        run_query(self, offered, success=self._show_rewards)

    def _show_rewards(self, rewards: list[RewardRow]) -> None:
        self._rewards = rewards
        self.reward_combo.blockSignals(True)
        self.reward_combo.clear()
        for reward in rewards:
            stock = self.tr("unlimited") if reward.stock is None else str(reward.stock)
            self.reward_combo.addItem(
                self.tr("{name} — {cost} points (stock {stock})").format(
                    name=reward.name, cost=reward.cost, stock=stock
                )
            )
        self.reward_combo.blockSignals(False)
        self.reward_combo.setEnabled(bool(rewards))
        self._sync()

    def rewards(self) -> list[RewardRow]:
        return list(self._rewards or [])

    def choose_person(self) -> EmployeePicker:
        picker = EmployeePicker(self._db, self, title=self.tr("Who redeems the reward?"))
        picker.picked.connect(lambda ids: self.set_employee(int(ids[0])))
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def set_employee(self, employee_id: int) -> None:
        """Choose the person; their balance is read before a request can be made."""
        self._employee_id, self._balance = employee_id, None
        self.person_label.setText(loading_text())
        self._sync()
        db = self._db

        def work(_task: Task) -> _Person:
            with read_only(db) as session:
                (row,) = employee_rows(session, [employee_id])
                return _Person(row.employee_no, row.name, ledger.balance(session, employee_id))

        def show(person: _Person) -> None:
            self._balance = person.balance
            self.person_label.setText(f"{person.employee_no} {person.name}")
            self._sync()

        self._person_query.run(work, show)

    def reward(self) -> RewardRow | None:
        index, rewards = self.reward_combo.currentIndex(), self._rewards or []
        return rewards[index] if 0 <= index < len(rewards) else None

    def _sync(self) -> None:
        reward = self.reward()
        self.request_button.setEnabled(False)
        if self._rewards is None or (self._employee_id is not None and self._balance is None):
            self.summary_label.setText(loading_text())
            return
        if self._employee_id is None or reward is None:
            self.summary_label.setText(
                self.tr("Choose the employee and the reward.")
                if self._rewards
                else self.tr("No reward is offered; add one to the catalogue first.")
            )
            return
        balance = self._balance or 0
        left = balance - reward.cost
        text = self.tr("Balance {balance} points; “{reward}” costs {cost}; {left} left after the request.")
        if left < 0:
            text = self.tr("Balance {balance} points; “{reward}” costs {cost}: not enough points.")
        self.summary_label.setText(
            text.format(balance=balance, reward=reward.name, cost=reward.cost, left=left)
        )
        self.request_button.setEnabled(left >= 0)

    def accept(self) -> None:
        reward, employee_id = self.reward(), self._employee_id
        if reward is None or employee_id is None or not self.request_button.isEnabled():
            return
        self.request_button.setEnabled(False)
        db, note = self._db, self.note_edit.text()

        def done(new_id: int) -> None:
            self.saved.emit(new_id)
            super(RedemptionRequestDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.set_employee(employee_id)  # the balance may have changed meanwhile
            feedback.show_refusal(self, self.tr("Request refused"), error)

        run_in_background(
            self,
            lambda _task: request_redemption(db.uow(), employee_id, reward.id, at=datetime.now(), note=note),
            success=done,
            failure=failed,
        )


class RedemptionsSection(QWidget):
    """Requests with a status filter; New request…, Approve, Reject, Fulfil, Cancel, each confirmed.

    What a decision writes comes back through the change hub, which reloads this list and the balances."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redemptions_section")
        self._db = db
        self._query = LatestQuery(self)
        self._select_after: int | None = None  # a request just made: selected once the list shows it
        self.status_combo = EnumCombo(
            RedemptionStatus, blank=True, blank_text=self.tr("All statuses"), parent=self
        )
        self.status_combo.setObjectName("redemption_status_combo")
        self.model = RedemptionTableModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "redemptions_table", self.model, widths=(60, 90, 90, 160, 60, 80))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("redemption_count_label")
        self.new_button = self._button(self.tr("New request…"), "new_redemption_button", self.new_request)
        self.approve_button = self._button(self.tr("Approve"), "approve_redemption_button", self.approve)
        self.reject_button = self._button(self.tr("Reject"), "reject_redemption_button", self.reject)
        self.fulfil_button = self._button(self.tr("Fulfil"), "fulfil_redemption_button", self.fulfil)
        self.cancel_button = self._button(self.tr("Cancel request"), "cancel_redemption_button", self.cancel)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status"), self))
        top.addWidget(self.status_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.approve_button,
            self.reject_button,
            self.fulfil_button,
            self.cancel_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        permit(
            db.principal,
            Permission.EDIT_RECORDS,
            self.new_button,
            self.approve_button,
            self.reject_button,
            self.fulfil_button,
            self.cancel_button,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._sync()
        self.loader = PageLoader(self, PEOPLE_AND_POINTS, self.load)
        filter_combos(self.loader.reload, self.status_combo)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def load(self) -> None:
        status, db = self.status_combo.value(), self._db

        def work(_task: Task) -> list[RedemptionRow]:
            with read_only(db) as session:
                return redemption_rows(session, status)

        self.count_label.setText(loading_text())
        self._query.run(work, self._show)

    def _show(self, rows: list[RedemptionRow]) -> None:
        selected = self.selected()
        wanted = self._select_after if self._select_after is not None else selected.id if selected else None
        self._select_after = None
        self.model.set_items(rows)
        self.count_label.setText(self.tr("{count} requests").format(count=len(rows)))
        if wanted is not None:
            self.select(wanted)
        self._sync()

    def select(self, redemption_id: int) -> None:
        for row, item in enumerate(self.model.items()):
            if item.id == redemption_id:
                self.table.selectRow(row)
                return

    def selected(self) -> RedemptionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _sync(self) -> None:
        status = row.status if (row := self.selected()) else None
        self.approve_button.setEnabled(status == RedemptionStatus.REQUESTED)
        self.reject_button.setEnabled(status == RedemptionStatus.REQUESTED)
        self.fulfil_button.setEnabled(status == RedemptionStatus.APPROVED)
        self.cancel_button.setEnabled(status in (RedemptionStatus.REQUESTED, RedemptionStatus.APPROVED))

    def new_request(self) -> RedemptionRequestDialog:
        def stored(new_id: int) -> None:
            self._select_after = new_id  # the hub's reload, right after, shows and selects it

        return open_dialog(RedemptionRequestDialog(self._db, self), stored)

    def _act(
        self, title: str, question: str, step: Callable[..., None], *, destructive: bool = False
    ) -> None:
        row = self.selected()
        if row is None:
            return
        text = question.format(id=row.id, name=row.name, reward=row.reward_name, points=row.points)
        if not feedback.confirm(self, title, text, destructive=destructive):
            return
        db, redemption_id = self._db, row.id

        def refused(error: BaseException) -> None:
            self.loader.reload()  # another clerk may have decided meanwhile: show what is true now
            feedback.show_refusal(self, title, error)

        run_in_background(
            self,
            lambda _task: step(db.uow(), redemption_id, at=datetime.now()),
            success=lambda _result: None,  # the change hub reloads this list and the balances
            failure=refused,
        )

    def approve(self) -> None:
        self._act(
            self.tr("Approve redemption"),
            self.tr("Approve request #{id}: “{reward}” for {name}? One is taken from the stock."),
            approve,
        )

    def reject(self) -> None:
        self._act(
            self.tr("Reject redemption"),
            self.tr("Reject request #{id}: “{reward}” for {name}? The {points} points are given back."),
            reject,
            destructive=True,
        )

    def fulfil(self) -> None:
        self._act(
            self.tr("Fulfil redemption"),
            self.tr("Has {name} received “{reward}” (request #{id})?"),
            fulfil,
        )

    def cancel(self) -> None:
        self._act(
            self.tr("Cancel redemption"),
            self.tr("Cancel request #{id}: “{reward}” for {name}? The {points} points are given back."),
            cancel,
            destructive=True,
        )
