"""Dialogs of the Points tab: manual awards and deductions, the incentive thresholds and distribution targets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.models import PointCategory
from desktop_hr.services.labels import label
from desktop_hr.services.points.distribution import (
    TARGET_CATEGORIES,
    distribution_tolerance,
    set_target_shares,
    target_shares,
)
from desktop_hr.services.points.incentives import (
    RANGES,
    Thresholds,
    set_thresholds,
    threshold_label,
    thresholds,
)
from desktop_hr.services.points.manual_awards import award_manual
from desktop_hr.views import feedback
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.forms import save_cancel_buttons
from desktop_hr.views.operations import Task, run_in_background, run_query
from desktop_hr.views.points.loading import loading_text
from desktop_hr.views.widgets import EnumCombo, from_qdate, to_qdate


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
            lambda _task: award_manual(db.uow(), ids, points, reason, category=category, occurred_at=when),
            success=done,
            failure=refused,
        )


@dataclass(frozen=True)
class _Settings:
    thresholds: Thresholds
    shares: dict[PointCategory, int]
    tolerance: int


class IncentiveSettingsDialog(QDialog):
    """Every threshold of the incentive lists and the distribution targets, saved together.

    The current values are read off the GUI thread; until they are in, the fields are disabled and the
    dialog says it is loading."""

    saved = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incentive_settings_dialog")
        self.setWindowTitle(self.tr("Incentive and target settings"))
        self._db = db
        self.loading_label = QLabel(loading_text(), self)
        self.loading_label.setObjectName("incentive_settings_loading")
        form = QFormLayout()
        self.threshold_spins: dict[str, QSpinBox] = {}
        for key, (low, high) in RANGES.items():
            spin = QSpinBox(self)
            spin.setObjectName(f"threshold_{key}")
            spin.setRange(low, high)
            self.threshold_spins[key] = spin
            form.addRow(threshold_label(key) + "：", spin)
        self.share_spins: dict[PointCategory, QSpinBox] = {}
        for category in TARGET_CATEGORIES:
            spin = QSpinBox(self)
            spin.setObjectName(f"target_{category.value}")
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            self.share_spins[category] = spin
            form.addRow(self.tr("Target share, {category}:").format(category=label(category)), spin)
        self.tolerance_spin = QSpinBox(self)
        self.tolerance_spin.setObjectName("target_tolerance")
        self.tolerance_spin.setRange(0, 100)
        form.addRow(
            self.tr("Flag a category off target by more than (points of percentage):"), self.tolerance_spin
        )
        self.buttons = save_cancel_buttons(self, "incentive_settings_buttons", self.save)
        self._fields = [*self.threshold_spins.values(), *self.share_spins.values(), self.tolerance_spin]
        self._set_ready(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.loading_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

        def work(_task: Task) -> _Settings:
            with read_only(db) as session:
                return _Settings(thresholds(session), target_shares(session), distribution_tolerance(session))

        run_query(self, work, success=self._show)

    def _set_ready(self, ready: bool) -> None:
        for spin in self._fields:
            spin.setEnabled(ready)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(ready)
        self.loading_label.setVisible(not ready)

    def _show(self, current: _Settings) -> None:
        for key, spin in self.threshold_spins.items():
            spin.setValue(getattr(current.thresholds, key))
        for category, spin in self.share_spins.items():
            spin.setValue(current.shares[category])
        self.tolerance_spin.setValue(current.tolerance)
        self._set_ready(True)

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
