"""Rewards: the catalogue, redemption requests with their approval, and credit milestones with who reached them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.models import RedemptionStatus
from desktop_hr.services.archive.employees import employee_rows
from desktop_hr.services.labels import label
from desktop_hr.services.points import ledger
from desktop_hr.services.points.milestones import (
    CREDITS_MAX,
    MilestoneData,
    MilestoneRow,
    MilestoneUnlockRow,
    check_milestones,
    list_milestones,
    mark_granted,
    milestone_rows,
    save_milestone,
    set_milestone_active,
)
from desktop_hr.services.points.rewards import (
    COST_MAX,
    STOCK_MAX,
    RedemptionRow,
    RewardData,
    RewardRow,
    approve,
    cancel,
    fulfil,
    list_rewards,
    redemption_rows,
    reject,
    request_redemption,
    save_reward,
    set_active,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.forms import RecordDialog, RecordsPanel, open_dialog
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.roles import permit, permit_records
from desktop_hr.views.widgets import EnumCombo, filter_combos, setup_record_table


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


# ---- models -------------------------------------------------------------------------------------


class RewardTableModel(ListTableModel[RewardRow]):
    numeric_columns = frozenset({1, 2, 4, 5})

    def titles(self) -> list[str]:
        return [
            self.tr("Reward"),
            self.tr("Cost"),
            self.tr("Stock"),
            self.tr("Active"),
            self.tr("Requested"),
            self.tr("Approved"),
            self.tr("Description"),
        ]

    def values(self, row: RewardRow) -> list[str]:
        return [
            row.name,
            str(row.cost),
            self.tr("Unlimited") if row.stock is None else str(row.stock),
            self.tr("Yes") if row.active else self.tr("No"),
            str(row.requested),
            str(row.approved),
            row.description,
        ]


class RedemptionTableModel(ListTableModel[RedemptionRow]):
    numeric_columns = frozenset({0, 4})

    def titles(self) -> list[str]:
        return [
            self.tr("No."),
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Reward"),
            self.tr("Points"),
            self.tr("Status"),
            self.tr("Requested at"),
            self.tr("Decided at"),
            self.tr("Fulfilled at"),
            self.tr("By"),
            self.tr("Note"),
        ]

    def values(self, row: RedemptionRow) -> list[str]:
        return [
            str(row.id),
            row.employee_no,
            row.name,
            row.reward_name,
            str(row.points),
            label(row.status),
            _when(row.requested_at),
            _when(row.decided_at),
            _when(row.fulfilled_at),
            row.actor,
            row.note,
        ]


class MilestoneTableModel(ListTableModel[MilestoneRow]):
    numeric_columns = frozenset({0, 3, 4})

    def titles(self) -> list[str]:
        return [
            self.tr("Credits"),
            self.tr("Reward"),
            self.tr("Active"),
            self.tr("Reached by"),
            self.tr("Granted"),
        ]

    def values(self, row: MilestoneRow) -> list[str]:
        return [
            str(row.credits),
            row.reward_text,
            self.tr("Yes") if row.active else self.tr("No"),
            str(row.unlocked),
            str(row.granted),
        ]


class UnlockTableModel(ListTableModel[MilestoneUnlockRow]):
    numeric_columns = frozenset({2})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Credits"),
            self.tr("Reward"),
            self.tr("Reached at"),
            self.tr("Granted"),
        ]

    def values(self, row: MilestoneUnlockRow) -> list[str]:
        granted = self.tr("Yes, {when}").format(when=_when(row.granted_at)) if row.granted else self.tr("No")
        return [row.employee_no, row.name, str(row.credits), row.reward_text, _when(row.unlocked_at), granted]


# ---- the catalogue ------------------------------------------------------------------------------


class RewardDialog(RecordDialog):
    """Add or edit a reward: name, cost in points, stock (or unlimited), active, description."""

    def __init__(self, db: Database, row: RewardRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reward_dialog")
        self.setWindowTitle(self.tr("Edit reward") if row else self.tr("Add reward"))
        self._db = db
        self._reward_id = row.id if row else None
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("reward_name_edit")
        self.cost_spin = QSpinBox(self)
        self.cost_spin.setObjectName("reward_cost_spin")
        self.cost_spin.setRange(0, COST_MAX)
        self.unlimited_check = QCheckBox(self.tr("Unlimited"), self)
        self.unlimited_check.setObjectName("reward_unlimited_check")
        self.stock_spin = QSpinBox(self)
        self.stock_spin.setObjectName("reward_stock_spin")
        self.stock_spin.setRange(0, STOCK_MAX)
        self.unlimited_check.toggled.connect(lambda on: self.stock_spin.setEnabled(not on))
        self.active_check = QCheckBox(self.tr("Offered to employees"), self)
        self.active_check.setObjectName("reward_active_check")
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("reward_description_edit")
        self.description_edit.setFixedHeight(80)
        stock = QHBoxLayout()
        stock.addWidget(self.stock_spin, 1)
        stock.addWidget(self.unlimited_check)
        form = QFormLayout()
        form.addRow(self.tr("Name") + " *", self.name_edit)
        form.addRow(self.tr("Cost in points"), self.cost_spin)
        form.addRow(self.tr("Stock"), stock)
        form.addRow(self.tr("Active"), self.active_check)
        form.addRow(self.tr("Description"), self.description_edit)
        self.finish(form, "reward_buttons", self._save)
        self.resize(440, 300)
        self.name_edit.setText(row.name if row else "")
        self.cost_spin.setValue(row.cost if row else 0)
        self.unlimited_check.setChecked(row is None or row.stock is None)
        self.stock_spin.setValue(row.stock or 0 if row else 0)
        self.active_check.setChecked(row.active if row else True)
        self.description_edit.setPlainText(row.description if row else "")

    def _save(self) -> None:
        data = RewardData(
            name=self.name_edit.text(),
            cost=self.cost_spin.value(),
            stock=None if self.unlimited_check.isChecked() else self.stock_spin.value(),
            active=self.active_check.isChecked(),
            description=self.description_edit.toPlainText(),
        )
        db, reward_id = self._db, self._reward_id
        self.submit(lambda: save_reward(db.uow(), data, reward_id), self.tr("Reward not saved"))


class _ToggledRecords(RecordsPanel):
    """A list whose third button switches a record on or off (records are referenced, never deleted)."""

    changed = Signal()

    def connect_toggle(self) -> None:
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_toggle())
        self._sync_toggle()

    def is_active(self, record: object) -> bool:
        return bool(getattr(record, "active", False))

    def _sync_toggle(self) -> None:
        row = self.selected_row()
        active = row is None or self.is_active(self.model.item(row))
        self.delete_button.setText(self.tr("Deactivate") if active else self.tr("Activate"))
        self.delete_button.setEnabled(row is not None)
        self.edit_button.setEnabled(row is not None)

    def refresh(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """After a write: load again and tell the panel."""
        self.refresh()
        self.changed.emit()


class CatalogueSection(_ToggledRecords):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.name_parts("rewards", "reward", self.tr("Add reward…"))
        self.set_model(RewardTableModel(self))
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.hint.setText(self.tr("Stock goes down when a redemption is approved."))
        permit_records(db.principal, Permission.EDIT_RECORDS, self)
        self.connect_toggle()
        self.refresh()

    def refresh(self) -> None:
        with read_only(self._db) as session:
            self.model.set_items(list_rewards(session))
        self.table.resizeColumnToContents(0)
        self._sync_toggle()

    def _dialog(self, record: RewardRow | None) -> RecordDialog:
        return RewardDialog(self._db, record, self)

    def _deletion(self, record: RewardRow) -> tuple[str, str, Callable[[], object]]:
        db, wanted = self._db, not record.active
        if wanted:
            title = self.tr("Activate reward")
            question = self.tr("Offer “{name}” to employees again?")
        else:
            title = self.tr("Deactivate reward")
            question = self.tr("Stop offering “{name}”? Requests already made go on.")
        return title, question.format(name=record.name), lambda: set_active(db.uow(), record.id, wanted)


# ---- redemptions --------------------------------------------------------------------------------


class RedemptionRequestDialog(QDialog):
    """Who redeems which reward: shows the person's balance and the reward's cost before the request.

    `saved(int)`: the new redemption's id, once stored; a refusal (balance, stock) keeps the dialog open.
    """

    saved = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redemption_request_dialog")
        self.setWindowTitle(self.tr("New redemption request"))
        self._db = db
        self._employee_id: int | None = None
        self._balance = 0
        self.person_label = QLabel(self.tr("Nobody chosen"), self)
        self.person_label.setObjectName("request_person_label")
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("request_choose_button")
        self.choose_button.clicked.connect(self.choose_person)
        self.reward_combo = QComboBox(self)
        self.reward_combo.setObjectName("request_reward_combo")
        self._rewards: list[RewardRow] = []
        with read_only(db) as session:
            self._rewards = list_rewards(session, active_only=True)
        for reward in self._rewards:
            stock = self.tr("unlimited") if reward.stock is None else str(reward.stock)
            self.reward_combo.addItem(
                self.tr("{name} — {cost} points (stock {stock})").format(
                    name=reward.name, cost=reward.cost, stock=stock
                )
            )
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

    def choose_person(self) -> EmployeePicker:
        picker = EmployeePicker(self._db, self, title=self.tr("Who redeems the reward?"))
        picker.picked.connect(lambda ids: self.set_employee(int(ids[0])))
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def set_employee(self, employee_id: int) -> None:
        with read_only(self._db) as session:
            (row,) = employee_rows(session, [employee_id])
            self._balance = ledger.balance(session, employee_id)
        self._employee_id = employee_id
        self.person_label.setText(f"{row.employee_no} {row.name}")
        self._sync()

    def reward(self) -> RewardRow | None:
        index = self.reward_combo.currentIndex()
        return self._rewards[index] if 0 <= index < len(self._rewards) else None

    def _sync(self) -> None:
        reward = self.reward()
        if self._employee_id is None or reward is None:
            self.summary_label.setText(
                self.tr("Choose the employee and the reward.")
                if self._rewards
                else self.tr("No reward is offered; add one to the catalogue first.")
            )
            self.request_button.setEnabled(False)
            return
        left = self._balance - reward.cost
        text = self.tr("Balance {balance} points; “{reward}” costs {cost}; {left} left after the request.")
        if left < 0:
            text = self.tr("Balance {balance} points; “{reward}” costs {cost}: not enough points.")
        self.summary_label.setText(
            text.format(balance=self._balance, reward=reward.name, cost=reward.cost, left=left)
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
    """Requests with a status filter; New request…, Approve, Reject, Fulfil, Cancel, each confirmed."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redemptions_section")
        self._db = db
        self.status_combo = EnumCombo(
            RedemptionStatus, blank=True, blank_text=self.tr("All statuses"), parent=self
        )
        self.status_combo.setObjectName("redemption_status_combo")
        filter_combos(self.refresh, self.status_combo)
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
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def refresh(self) -> None:
        selected = self.selected()
        with read_only(self._db) as session:
            rows = redemption_rows(session, self.status_combo.value())
        self.model.set_items(rows)
        self.count_label.setText(self.tr("{count} requests").format(count=len(rows)))
        if selected is not None:
            self.select(selected.id)
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
            self._written()
            self.select(new_id)

        return open_dialog(RedemptionRequestDialog(self._db, self), stored)

    def _written(self) -> None:
        self.refresh()
        self.changed.emit()

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
            self.refresh()  # another clerk may have decided meanwhile: show what is true now
            feedback.show_refusal(self, title, error)

        run_in_background(
            self,
            lambda _task: step(db.uow(), redemption_id, at=datetime.now()),
            success=lambda _result: self._written(),
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


# ---- credit milestones --------------------------------------------------------------------------


class MilestoneDialog(RecordDialog):
    def __init__(self, db: Database, row: MilestoneRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("milestone_dialog")
        self.setWindowTitle(self.tr("Edit milestone") if row else self.tr("Add milestone"))
        self._db = db
        self._milestone_id = row.id if row else None
        self.credits_spin = QSpinBox(self)
        self.credits_spin.setObjectName("milestone_credits_spin")
        self.credits_spin.setRange(1, CREDITS_MAX)
        self.reward_edit = QLineEdit(self)
        self.reward_edit.setObjectName("milestone_reward_edit")
        self.active_check = QCheckBox(self.tr("Unlocks when reached"), self)
        self.active_check.setObjectName("milestone_active_check")
        form = QFormLayout()
        form.addRow(self.tr("Credits"), self.credits_spin)
        form.addRow(self.tr("Reward") + " *", self.reward_edit)
        form.addRow(self.tr("Active"), self.active_check)
        self.finish(form, "milestone_buttons", self._save)
        self.credits_spin.setValue(row.credits if row else 100)
        self.reward_edit.setText(row.reward_text if row else "")
        self.active_check.setChecked(row.active if row else True)

    def _save(self) -> None:
        data = MilestoneData(
            self.credits_spin.value(), self.reward_edit.text(), self.active_check.isChecked()
        )
        db, milestone_id = self._db, self._milestone_id
        self.submit(lambda: save_milestone(db.uow(), data, milestone_id), self.tr("Milestone not saved"))


class MilestoneList(_ToggledRecords):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.name_parts("milestones", "milestone", self.tr("Add milestone…"))
        self.set_model(MilestoneTableModel(self))
        self.hint.setText(self.tr("Credits are never spent: each milestone is reached once."))
        permit_records(db.principal, Permission.EDIT_SETTINGS, self)  # the milestones are point rules
        self.connect_toggle()
        self.refresh()

    def refresh(self) -> None:
        with read_only(self._db) as session:
            self.model.set_items(list_milestones(session))
        self._sync_toggle()

    def _dialog(self, record: MilestoneRow | None) -> RecordDialog:
        return MilestoneDialog(self._db, record, self)

    def _deletion(self, record: MilestoneRow) -> tuple[str, str, Callable[[], object]]:
        db, wanted = self._db, not record.active
        if wanted:
            title = self.tr("Activate milestone")
            question = self.tr("Unlock “{reward}” at {credits} credits again?")
        else:
            title = self.tr("Deactivate milestone")
            question = self.tr(
                "Stop unlocking “{reward}” at {credits} credits? Those who reached it keep it."
            )
        return (
            title,
            question.format(reward=record.reward_text, credits=record.credits),
            lambda: set_milestone_active(db.uow(), record.id, wanted),
        )


class MilestonesSection(QWidget):
    """The milestones above; below, who reached which and whether HR handed the reward over."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("milestones_section")
        self._db = db
        self.milestones = MilestoneList(db, self)
        self.milestones.changed.connect(self._written)
        self.pending_check = QCheckBox(self.tr("Only not yet granted"), self)
        self.pending_check.setObjectName("unlock_pending_check")
        self.pending_check.toggled.connect(lambda _on: self.refresh())
        self.unlock_model = UnlockTableModel(self)
        self.unlock_table = QTableView(self)
        setup_record_table(
            self.unlock_table, "unlocks_table", self.unlock_model, widths=(90, 90, 60, 180, 130)
        )
        self.unlock_table.selectionModel().selectionChanged.connect(lambda *_a: self._sync())
        self.check_button = QPushButton(self.tr("Check now"), self)
        self.check_button.setObjectName("check_milestones_button")
        self.check_button.clicked.connect(self.check_now)
        self.grant_button = QPushButton(self.tr("Mark granted"), self)
        self.grant_button.setObjectName("mark_granted_button")
        self.grant_button.clicked.connect(self.grant_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.grant_button)
        buttons.addStretch(1)
        permit(db.principal, Permission.EDIT_RECORDS, self.check_button, self.grant_button)
        buttons.addWidget(self.pending_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.milestones, 1)
        layout.addWidget(QLabel(self.tr("Reached"), self))
        layout.addWidget(self.unlock_table, 2)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.milestones.refresh()
        with read_only(self._db) as session:
            rows = milestone_rows(session, granted=False if self.pending_check.isChecked() else None)
        self.unlock_model.set_items(rows)
        self._sync()

    def _written(self) -> None:
        self.refresh()
        self.changed.emit()

    def selected(self) -> MilestoneUnlockRow | None:
        rows = self.unlock_table.selectionModel().selectedRows()
        return self.unlock_model.item(rows[0].row()) if rows else None

    def _sync(self) -> None:
        row = self.selected()
        self.grant_button.setEnabled(row is not None and not row.granted)

    def check_now(self) -> None:
        db = self._db

        def done(added: list[int]) -> None:
            self._written()
            feedback.inform(
                self,
                self.tr("Credit milestones"),
                self.tr("{count} new milestones reached.").format(count=len(added))
                if added
                else self.tr("Nobody reached a new milestone."),
            )

        run_in_background(self, lambda _task: check_milestones(db.uow(), at=datetime.now()), success=done)

    def grant_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        title = self.tr("Mark granted")
        question = self.tr("Has {name} received “{reward}” ({credits} credits)?").format(
            name=row.name, reward=row.reward_text, credits=row.credits
        )
        if not feedback.confirm(self, title, question):
            return
        db, unlock_id = self._db, row.id
        run_in_background(
            self,
            lambda _task: mark_granted(db.uow(), unlock_id, at=datetime.now()),
            success=lambda _result: self._written(),
            failure=lambda error: feedback.show_refusal(self, title, error),
        )


# ---- the panel ----------------------------------------------------------------------------------


class RewardsPanel(QWidget):
    """奖励目录, 兑换申请, 学分里程碑 in tabs; `changed` after anything was written (balances may differ)."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rewards_panel")
        self.catalogue = CatalogueSection(db, self)
        self.redemptions = RedemptionsSection(db, self)
        self.milestones = MilestonesSection(db, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("rewards_tabs")
        self.tabs.addTab(self.catalogue, self.tr("Reward catalogue"))
        self.tabs.addTab(self.redemptions, self.tr("Redemptions"))
        self.tabs.addTab(self.milestones, self.tr("Credit milestones"))
        for section in (self.catalogue, self.redemptions, self.milestones):
            section.changed.connect(self._section_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        self.catalogue.refresh()
        self.redemptions.refresh()
        self.milestones.refresh()

    def _section_changed(self) -> None:
        # A redemption changes the catalogue's counts and stock, a catalogue change the request choices.
        self.refresh()
        self.changed.emit()
