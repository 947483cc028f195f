"""Positions and their core competencies (岗位核心能力): add, rename, choose competencies, delete if unused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services.archive.organisation import (
    PositionInfo,
    delete_position,
    list_competencies,
    list_positions,
    save_position,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import reading
from desktop_hr.views.operations import LatestQuery, run_in_background
from desktop_hr.views.roles import permit, read_only_inputs

POSITION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _read_positions(session: Session) -> tuple[list[PositionInfo], list[str]]:
    return list_positions(session), list_competencies(session)


class PositionsDialog(QDialog):
    """Left: every position with its headcount. Right: the selected one's name and competencies.

    Both are read in the background (at once, and after each of its own saves and deletes); Save and
    Delete wait until the list is in."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("positions_dialog")
        self.setWindowTitle(self.tr("Positions and core competencies"))
        self.resize(760, 480)
        self._db = db
        self._positions: list[PositionInfo] = []
        self._current: int | None = None  # id of the position shown on the right; None = a new one
        self._loader = LatestQuery(self)

        self.position_list = QListWidget(self)
        self.position_list.setObjectName("position_list")
        self.position_list.currentItemChanged.connect(self._show_selected)
        self.new_button = QPushButton(self.tr("New position"), self)
        self.new_button.setObjectName("new_position_button")
        self.new_button.clicked.connect(self.new_position)
        self.delete_button = QPushButton(self.tr("Delete position…"), self)
        self.delete_button.setObjectName("delete_position_button")
        self.delete_button.clicked.connect(self.delete_current)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.position_list)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.new_button)
        buttons_row.addWidget(self.delete_button)
        left_layout.addLayout(buttons_row)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("position_name_edit")
        self.competency_list = QListWidget(self)
        self.competency_list.setObjectName("competency_list")
        self.new_competency_edit = QLineEdit(self)
        self.new_competency_edit.setObjectName("new_competency_edit")
        self.new_competency_edit.setPlaceholderText(self.tr("New competency, e.g. 谈判技巧"))
        self.new_competency_edit.returnPressed.connect(self.add_competency)
        self.add_competency_button = QPushButton(self.tr("Add"), self)
        self.add_competency_button.setObjectName("add_competency_button")
        self.add_competency_button.clicked.connect(self.add_competency)
        self.save_button = QPushButton(self.tr("Save position"), self)
        self.save_button.setObjectName("save_position_button")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_current)
        self.holders_label = QLabel(self)
        self.holders_label.setObjectName("holders_label")
        right = QWidget(self)
        form = QFormLayout(right)
        form.addRow(self.tr("Position:"), self.name_edit)
        form.addRow(self.tr("Core competencies (tick):"), self.competency_list)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_competency_edit, 1)
        add_row.addWidget(self.add_competency_button)
        form.addRow("", add_row)
        form.addRow("", self.holders_label)
        form.addRow("", self.save_button)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(close_box)
        # Everyone may look up a position's competencies; changing them is editing records.
        if not permit(
            db.principal,
            Permission.EDIT_RECORDS,
            self.new_button,
            self.delete_button,
            self.new_competency_edit,
            self.add_competency_button,
            self.save_button,
        ):
            read_only_inputs(right)
        self.reload()

    # ---- loading ----------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.save_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self._loader.run(reading(self._db, _read_positions), lambda answer: self._show(answer, select_id))

    def _show(self, answer: tuple[list[PositionInfo], list[str]], select_id: int | None) -> None:
        self._positions, competencies = answer
        self.save_button.setEnabled(True)
        self.position_list.blockSignals(True)
        self.position_list.clear()
        for position in self._positions:
            item = QListWidgetItem(
                self.tr("{name} ({count} people)").format(name=position.name, count=position.employee_count)
            )
            item.setData(POSITION_ID_ROLE, position.id)
            self.position_list.addItem(item)
        self.position_list.blockSignals(False)
        self._fill_competencies(competencies)
        wanted = select_id if select_id is not None else self._current
        for row in range(self.position_list.count()):
            item = self.position_list.item(row)
            if item is not None and item.data(POSITION_ID_ROLE) == wanted:
                self.position_list.setCurrentRow(row)
                return
        if self.position_list.count():
            self.position_list.setCurrentRow(0)
        else:
            self.new_position()

    def _fill_competencies(self, names: list[str]) -> None:
        self.competency_list.clear()
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.competency_list.addItem(item)

    def _position(self, position_id: int | None) -> PositionInfo | None:
        return next((p for p in self._positions if p.id == position_id), None)

    def _show_selected(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None = None
    ) -> None:
        if current is None:
            return
        position = self._position(current.data(POSITION_ID_ROLE))
        if position is None:
            return
        self._current = position.id
        self.name_edit.setText(position.name)
        self._tick(set(position.competencies))
        self.holders_label.setText(
            self.tr("Held by {count} employee(s).").format(count=position.employee_count)
        )
        self.delete_button.setEnabled(position.employee_count == 0)

    def _tick(self, names: set[str]) -> None:
        for row in range(self.competency_list.count()):
            item = self.competency_list.item(row)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def ticked(self) -> list[str]:
        names = []
        for row in range(self.competency_list.count()):
            item = self.competency_list.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                names.append(item.text())
        return names

    # ---- actions ----------------------------------------------------------------------------------

    def new_position(self) -> None:
        self._current = None
        self.position_list.clearSelection()
        self.name_edit.clear()
        self._tick(set())
        self.holders_label.setText(self.tr("A new position."))
        self.delete_button.setEnabled(False)
        self.name_edit.setFocus()

    def add_competency(self) -> None:
        name = self.new_competency_edit.text().strip()
        if not name:
            return
        existing = self.competency_list.findItems(name, Qt.MatchFlag.MatchExactly)
        item = existing[0] if existing else QListWidgetItem(name)
        if not existing:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.competency_list.addItem(item)
        item.setCheckState(Qt.CheckState.Checked)
        self.competency_list.scrollToItem(item)
        self.new_competency_edit.clear()

    def save_current(self) -> None:
        db, position_id, name, competencies = self._db, self._current, self.name_edit.text(), self.ticked()
        run_in_background(
            self,
            lambda _task: save_position(db.uow(), position_id, name, competencies),
            success=lambda saved_id: self.reload(select_id=saved_id),
            failure=self._refused,
        )

    def delete_current(self) -> None:
        position = self._position(self._current)
        if position is None:
            return
        question = self.tr('Delete the position "{name}"? This cannot be undone.').format(name=position.name)
        if not feedback.confirm(self, self.tr("Delete position"), question, destructive=True):
            return
        db = self._db
        self._current = None
        run_in_background(
            self,
            lambda _task: delete_position(db.uow(), position.id),
            success=lambda _r: self.reload(),
            failure=self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        feedback.show_refusal(self, self.tr("Position not saved"), error)
