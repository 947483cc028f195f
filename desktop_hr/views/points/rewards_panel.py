"""Rewards: the catalogue, redemption requests with their approval, and credit milestones with who reached them.

Each section reads off the GUI thread when first shown and follows the change hub: a decision, a new reward
or a renamed employee reloads what shows it (this panel, the balances), with no signal wired between them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
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
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
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
    RewardData,
    RewardRow,
    list_rewards,
    save_reward,
    set_active,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import RecordDialog, RecordsPanel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background
from desktop_hr.views.points.loading import PEOPLE_AND_POINTS, PageLoader, loading_text
from desktop_hr.views.points.redemptions import RedemptionsSection
from desktop_hr.views.points.reward_models import MilestoneTableModel, RewardTableModel, UnlockTableModel
from desktop_hr.views.roles import permit, permit_records
from desktop_hr.views.widgets import setup_record_table

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
    """A list whose third button switches a record on or off (records are referenced, never deleted).

    `read(session)` says what the list holds; it is read off the GUI thread by `load`."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self._query = LatestQuery(self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("records_status_label")
        self.button_row.addWidget(self.status_label)

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

    def read(self, session: Session) -> list[object]:
        raise NotImplementedError

    def load(self) -> None:
        db, read = self._db, self.read

        def work(_task: Task) -> list[object]:
            with read_only(db) as session:
                return read(session)

        self.status_label.setText(loading_text())
        self._query.run(work, self.show_records)

    def show_records(self, records: list[object]) -> None:
        self.model.set_items(records)
        self.status_label.clear()
        self._sync_toggle()

    def reload(self) -> None:
        """After a write from this list: nothing to do here, the change hub reloads whatever shows it."""


class CatalogueSection(_ToggledRecords):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.name_parts("rewards", "reward", self.tr("Add reward…"))
        self.set_model(RewardTableModel(self))
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.hint.setText(self.tr("Stock goes down when a redemption is approved."))
        permit_records(db.principal, Permission.EDIT_RECORDS, self)
        self.connect_toggle()
        # The counts of requests follow the redemptions (points).
        self.loader = PageLoader(self, ("points",), self.load)

    def read(self, session: Session) -> list[object]:
        return list(list_rewards(session))

    def show_records(self, records: list[object]) -> None:
        super().show_records(records)
        self.table.resizeColumnToContents(0)

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
    """The milestones themselves; MilestonesSection reads them together with who reached them."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.name_parts("milestones", "milestone", self.tr("Add milestone…"))
        self.set_model(MilestoneTableModel(self))
        self.hint.setText(self.tr("Credits are never spent: each milestone is reached once."))
        permit_records(db.principal, Permission.EDIT_SETTINGS, self)  # the milestones are point rules
        self.connect_toggle()

    def read(self, session: Session) -> list[object]:
        return list(list_milestones(session))

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


@dataclass(frozen=True)
class _Milestones:
    milestones: list[MilestoneRow]
    unlocks: list[MilestoneUnlockRow]


class MilestonesSection(QWidget):
    """The milestones above; below, who reached which and whether HR handed the reward over."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("milestones_section")
        self._db = db
        self._query = LatestQuery(self)
        self.milestones = MilestoneList(db, self)
        self.pending_check = QCheckBox(self.tr("Only not yet granted"), self)
        self.pending_check.setObjectName("unlock_pending_check")
        self.unlock_model = UnlockTableModel(self)
        self.unlock_table = QTableView(self)
        setup_record_table(
            self.unlock_table, "unlocks_table", self.unlock_model, widths=(90, 90, 60, 180, 130)
        )
        self.unlock_table.selectionModel().selectionChanged.connect(lambda *_a: self._sync())
        self.unlock_count = QLabel(self)
        self.unlock_count.setObjectName("unlock_count_label")
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
        reached = QHBoxLayout()
        reached.addWidget(QLabel(self.tr("Reached"), self))
        reached.addStretch(1)
        reached.addWidget(self.unlock_count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.milestones, 1)
        layout.addLayout(reached)
        layout.addWidget(self.unlock_table, 2)
        layout.addLayout(buttons)
        self._sync()
        self.loader = PageLoader(self, PEOPLE_AND_POINTS, self.load)
        self.pending_check.toggled.connect(lambda _on: self.loader.reload())

    def load(self) -> None:
        db, granted = self._db, False if self.pending_check.isChecked() else None

        def work(_task: Task) -> _Milestones:
            with read_only(db) as session:
                return _Milestones(list_milestones(session), milestone_rows(session, granted=granted))

        self.unlock_count.setText(loading_text())
        self.milestones.status_label.setText(loading_text())
        self._query.run(work, self._show)

    def _show(self, answer: _Milestones) -> None:
        self.milestones.show_records(list(answer.milestones))
        self.unlock_model.set_items(answer.unlocks)
        self.unlock_count.setText(self.tr("{count} reached").format(count=len(answer.unlocks)))
        self._sync()

    def selected(self) -> MilestoneUnlockRow | None:
        rows = self.unlock_table.selectionModel().selectedRows()
        return self.unlock_model.item(rows[0].row()) if rows else None

    def _sync(self) -> None:
        row = self.selected()
        self.grant_button.setEnabled(row is not None and not row.granted)

    def check_now(self) -> None:
        db = self._db

        def done(added: list[int]) -> None:
            # Something written: the change hub reloads the list right after this.
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
            success=lambda _result: None,  # the change hub reloads the list
            failure=lambda error: feedback.show_refusal(self, title, error),
        )


# ---- the panel ----------------------------------------------------------------------------------


class RewardsPanel(QWidget):
    """奖励目录, 兑换申请, 学分里程碑 in tabs; each section loads when shown and follows the change hub."""

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        """F5: the section shown reads again now, the others when next shown."""
        for section in (self.catalogue, self.redemptions, self.milestones):
            section.loader.reload()
