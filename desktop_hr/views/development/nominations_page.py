"""Trainer nominations (内训师推荐): a head (or HR) nominates someone with a reason; HR accepts or declines.

A head sees and picks only people of its own department subtree (the guard narrows its reads); the
Accept and Decline buttons are HR's. The list follows the hub's development and employees areas.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models.development import NominationStatus
from desktop_hr.services import validation
from desktop_hr.services.development.nominations import (
    NOTE_MAX,
    REASON_MAX,
    NominationRow,
    decide,
    nominate,
    nominations,
)
from desktop_hr.services.labels import label
from desktop_hr.services.trust.permissions import Permission, Principal
from desktop_hr.views import feedback
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.forms import FieldDialog, follow_lazily, open_dialog, reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background
from desktop_hr.views.roles import allowed, permit
from desktop_hr.views.widgets import filter_combos, icon_button, local_time_text, setup_record_table

AREAS = ("development", "employees", "organisation")


class NominationModel(ListTableModel[NominationRow]):
    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Reason"),
            self.tr("Nominated by"),
            self.tr("Nominated at"),
            self.tr("Status"),
            self.tr("Decision"),
        ]

    def values(self, row: NominationRow) -> list[str]:
        decision = ""
        if row.decided_at is not None:
            decision = f"{row.decided_by} {local_time_text(row.decided_at)}"
            if row.decision_note:
                decision += f"：{row.decision_note}"
        return [
            row.employee_no,
            row.name,
            row.department,
            row.reason,
            row.nominated_by,
            local_time_text(row.nominated_at),
            label(row.status),
            decision,
        ]


@dataclass(frozen=True)
class NominationForm:
    employee_id: int | None
    reason: str

    def cleaned(self) -> NominationForm:
        return replace(self, reason=validation.trim(self.reason))


class NominationDialog(FieldDialog):
    """Choose a person (only those the account may pick) and give the reason; `saved` carries the new id."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nomination_dialog")
        self.setWindowTitle(self.tr("Nominate an internal trainer"))
        self._db = db
        self.employee_id: int | None = None
        self.person_edit = QLineEdit(self)
        self.person_edit.setObjectName("nominee_edit")
        self.person_edit.setReadOnly(True)
        self.person_edit.setPlaceholderText(self.tr("Nobody chosen yet"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("choose_nominee_button")
        self.choose_button.clicked.connect(lambda _checked: self.choose())
        person_row = QWidget(self)
        person_row.setObjectName("nominee_row")
        row_layout = QHBoxLayout(person_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.person_edit, 1)
        row_layout.addWidget(self.choose_button)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setPlaceholderText(
            self.tr("Why this person should teach (at most {limit} characters)").format(limit=REASON_MAX)
        )
        form = QFormLayout()
        self.add_field(
            form, "nomination_employee", self.tr("Nominee"), person_row, required=True, watch=self.person_edit
        )
        self.add_field(form, "nomination_reason", self.tr("Reason"), self.reason_edit, required=True)
        self.fallback_key = "nomination_employee"
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.button_row("nomination_buttons"))
        self.resize(520, 300)
        self.keep_initial()

    def choose(self) -> EmployeePicker:
        picker = EmployeePicker(self._db, self, title=self.tr("Choose the nominee"))
        picker.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        picker.select_all_button.hide()
        picker.ok_button.setText(self.tr("Choose"))

        def picked(ids: list[int]) -> None:
            rows = {row.id: row for row in picker.model.items()}
            self.set_nominee(ids[0], f"{rows[ids[0]].employee_no} {rows[ids[0]].name}")

        picker.picked.connect(picked)
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def set_nominee(self, employee_id: int, text: str) -> None:
        self.employee_id = employee_id
        self.person_edit.setText(text)

    def form_data(self) -> NominationForm:
        return NominationForm(self.employee_id, self.reason_edit.toPlainText())

    def store(self, data: NominationForm) -> Callable[[Task], object]:
        db = self._db
        return lambda _task: nominate(db.uow(), data.employee_id, data.reason)

    def discard_question(self) -> str:
        return self.tr("You have started a nomination. Close without saving?")


class DecisionDialog(QDialog):
    """Asks before HR's decision, with an optional note; `decided` once the decision is stored."""

    def __init__(self, db: Database, row: NominationRow, accept: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decision_dialog")
        self._db, self._row, self._accept = db, row, accept
        if accept:
            self.setWindowTitle(self.tr("Accept the nomination"))
            question = self.tr(
                "Accept the nomination of {person} ({department})? They become a junior trainer."
            )
        else:
            self.setWindowTitle(self.tr("Decline the nomination"))
            question = self.tr("Decline the nomination of {person} ({department})?")
        self.question_label = QLabel(question.format(person=row.person, department=row.department), self)
        self.question_label.setObjectName("decision_question")
        self.question_label.setWordWrap(True)
        reason = QLabel(self.tr("Reason given: {reason}").format(reason=row.reason), self)
        reason.setWordWrap(True)
        reason.setEnabled(False)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("decision_note_edit")
        self.note_edit.setPlaceholderText(
            self.tr("Note (optional, at most {limit} characters)").format(limit=NOTE_MAX)
        )
        self.note_edit.setFixedHeight(80)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("decision_buttons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("decision_ok_button")
        self.ok_button.setText(self.tr("Accept") if accept else self.tr("Decline"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question_label)
        layout.addWidget(reason)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)
        self.resize(460, 240)

    def accept(self) -> None:
        db, nomination_id, accept = self._db, self._row.id, self._accept
        note = self.note_edit.toPlainText()
        self.buttons.setEnabled(False)

        def refused(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            feedback.show_refusal(self, self.tr("Cannot decide"), error)

        run_in_background(
            self,
            lambda _task: decide(db.uow(), nomination_id, accept, note),
            success=lambda _status: QDialog.accept(self),
            failure=refused,
        )


def _read(
    principal: Principal | None, status: NominationStatus | None
) -> Callable[[Session], list[NominationRow]]:
    def read(session: Session) -> list[NominationRow]:
        return nominations(session, principal, status)

    return read


class NominationsPage(QWidget):
    """The nominations, newest first, filtered by status; reads in the background when shown and after writes."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nominations_page")
        self._db = db
        self._loader = LatestQuery(self)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("nomination_status_filter")
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in NominationStatus:
            self.status_combo.addItem(label(status), status.value)
        self.status_combo.setCurrentIndex(self.status_combo.findData(NominationStatus.PENDING.value))
        filter_combos(self.refresh, self.status_combo)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("nomination_count_label")

        button = functools.partial(icon_button, self)
        pixmap = QStyle.StandardPixmap
        self.nominate_button = button(
            "nominate_button", self.tr("Nominate…"), pixmap.SP_FileIcon, self.nominate
        )
        self.accept_button = button(
            "accept_nomination_button",
            self.tr("Accept…"),
            pixmap.SP_DialogApplyButton,
            lambda: self.decide(True),
        )
        self.decline_button = button(
            "decline_nomination_button",
            self.tr("Decline…"),
            pixmap.SP_DialogCancelButton,
            lambda: self.decide(False),
        )
        principal = db.principal
        permit(principal, Permission.NOMINATE_TRAINERS, self.nominate_button)
        self._may_decide = permit(principal, Permission.EDIT_RECORDS, self.accept_button, self.decline_button)

        self.model = NominationModel(self)
        self.table = QTableView(self)
        setup_record_table(
            self.table, "nominations_table", self.model, widths=[90, 80, 200, 260, 100, 130, 70]
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())

        hint = QLabel(self._hint(principal), self)
        hint.setObjectName("nomination_hint")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status:"), self))
        top.addWidget(self.status_combo)
        top.addWidget(self.count_label, 1)
        for made in (self.nominate_button, self.accept_button, self.decline_button):
            top.addWidget(made)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self._sync_buttons()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    def _hint(self, principal: Principal | None) -> str:
        if principal is not None and principal.scoped:
            return self.tr(
                "You see and nominate the people of your own department and those under it; HR decides."
            )
        if allowed(principal, Permission.EDIT_RECORDS):
            return self.tr("An accepted nominee becomes a junior internal trainer.")
        return ""

    def refresh(self) -> None:
        self.follower.stale = False
        chosen = self.status_combo.currentData()
        status = NominationStatus(chosen) if chosen else None
        self.count_label.setText(self.tr("Loading…"))
        self._loader.run(reading(self._db, _read(self._db.principal, status)), self._show)

    def loading(self) -> bool:
        return self._loader.running

    def _show(self, rows: list[NominationRow]) -> None:
        self.model.set_items(rows)
        self.count_label.setText(self.tr("{count} nomination(s)").format(count=len(rows)))
        self._sync_buttons()

    def selected(self) -> NominationRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select_number(self, employee_no: str) -> None:
        """Select the first row of this 工号 (for tests and callers that know whom they want)."""
        for row, item in enumerate(self.model.items()):
            if item.employee_no == employee_no:
                self.table.selectRow(row)
                return

    def _sync_buttons(self) -> None:
        chosen = self.selected()
        pending = chosen is not None and chosen.status is NominationStatus.PENDING
        self.accept_button.setEnabled(pending)
        self.decline_button.setEnabled(pending)

    def nominate(self) -> NominationDialog:
        return open_dialog(NominationDialog(self._db, self))

    def decide(self, accept: bool) -> DecisionDialog | None:
        chosen = self.selected()
        if chosen is None or chosen.status is not NominationStatus.PENDING or not self._may_decide:
            return None
        dialog = DecisionDialog(self._db, chosen, accept, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
