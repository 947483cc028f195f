"""The employee dialog's second and third tabs: performance reviews and career goals, each saved at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services.archive.organisation import list_competencies, list_positions
from desktop_hr.services.archive.reviews import (
    GoalData,
    GoalInfo,
    ReviewData,
    ReviewInfo,
    delete_goal,
    delete_review,
    goals_of,
    reviews_of,
    save_goal,
    save_review,
)
from desktop_hr.views.forms import RecordDialog, RecordsPanel, reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.widgets import OptionalDateEdit


class ReviewTableModel(ListTableModel[ReviewInfo]):
    """Reviews of one employee, oldest period first."""

    numeric_columns = frozenset({1})

    def titles(self) -> list[str]:
        return [self.tr("Period"), self.tr("Overall score"), self.tr("Competency scores"), self.tr("Comment")]

    def values(self, review: ReviewInfo) -> list[str]:
        items = "；".join(f"{name} {score}" for name, score in review.items.items())
        return [review.period, str(review.overall_score), items, review.comment]


class GoalTableModel(ListTableModel[GoalInfo]):
    def titles(self) -> list[str]:
        return [self.tr("Goal"), self.tr("Target position"), self.tr("Target date")]

    def values(self, goal: GoalInfo) -> list[str]:
        return [goal.text, goal.target_position, goal.target_date.isoformat() if goal.target_date else ""]


class ReviewDialog(RecordDialog):
    """Add or edit one review; saved through save_review on the worker, stays open on a validation error."""

    def __init__(
        self,
        db: Database,
        employee_id: int,
        *,
        review: ReviewInfo | None,
        default_items: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_dialog")
        self._db = db
        self._employee_id = employee_id
        self._review_id = review.id if review else None
        self.setWindowTitle(
            self.tr("Performance review")
            if review is None
            else self.tr("Edit review {period}").format(period=review.period)
        )
        self.period_edit = QLineEdit(self)
        self.period_edit.setObjectName("period_edit")
        self.period_edit.setPlaceholderText(self.tr("e.g. 2025, 2025H1, 2025Q3"))
        self.score_spin = QSpinBox(self)
        self.score_spin.setObjectName("overall_score_spin")
        self.score_spin.setRange(0, 100)
        self.score_spin.setValue(80)
        self.items_table = QTableWidget(0, 2, self)
        self.items_table.setObjectName("review_items_table")
        self.items_table.setHorizontalHeaderLabels([self.tr("Competency"), self.tr("Score")])
        self.items_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items_table.verticalHeader().hide()
        self._competencies: list[str] = []
        add_item = QPushButton(self.tr("Add competency"), self)
        add_item.setObjectName("add_item_button")
        add_item.clicked.connect(lambda: self._add_item("", 80))
        remove_item = QPushButton(self.tr("Remove competency"), self)
        remove_item.setObjectName("remove_item_button")
        remove_item.clicked.connect(self._remove_item)
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("comment_edit")
        self.comment_edit.setFixedHeight(70)

        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period_edit)
        form.addRow(self.tr("Overall score (0-100)"), self.score_spin)
        item_buttons = QHBoxLayout()
        item_buttons.addWidget(add_item)
        item_buttons.addWidget(remove_item)
        item_buttons.addStretch(1)
        items_box = QVBoxLayout()
        items_box.addWidget(self.items_table)
        items_box.addLayout(item_buttons)
        form.addRow(self.tr("Competency scores"), items_box)
        form.addRow(self.tr("Comment"), self.comment_edit)
        self.finish(form, "review_buttons", self._save)
        self.resize(520, 460)
        if review is not None:
            self.period_edit.setText(review.period)
            self.score_spin.setValue(review.overall_score)
            self.comment_edit.setPlainText(review.comment)
        # The competency names the rows offer come from the database; the rows wait for them.
        items = list(review.items.items()) if review is not None else [(name, 80) for name in default_items]

        def show(competencies: list[str]) -> None:
            self._competencies = competencies
            for name, score in items:
                self._add_item(name, score)

        self.load(reading(db, list_competencies), show, self.items_table, add_item, remove_item)

    def _add_item(self, name: str, score: int) -> None:
        row = self.items_table.rowCount()
        self.items_table.insertRow(row)
        combo = QComboBox(self.items_table)
        combo.setObjectName(f"item_name_{row}")
        combo.setEditable(True)
        combo.addItems(self._competencies)
        combo.setCurrentText(name)
        self.items_table.setCellWidget(row, 0, combo)
        spin = QSpinBox(self.items_table)
        spin.setObjectName(f"item_score_{row}")
        spin.setRange(0, 100)
        spin.setValue(score)
        self.items_table.setCellWidget(row, 1, spin)
        self.items_table.setItem(row, 0, QTableWidgetItem())

    def _remove_item(self) -> None:
        row = self.items_table.currentRow()
        if row < 0:
            row = self.items_table.rowCount() - 1
        if row >= 0:
            self.items_table.removeRow(row)

    def review_data(self) -> ReviewData:
        items: dict[str, int] = {}
        for row in range(self.items_table.rowCount()):
            combo = self.items_table.cellWidget(row, 0)
            spin = self.items_table.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and isinstance(spin, QSpinBox) and combo.currentText().strip():
                items[combo.currentText().strip()] = spin.value()
        return ReviewData(
            period=self.period_edit.text(),
            overall_score=self.score_spin.value(),
            items=items,
            comment=self.comment_edit.toPlainText(),
        )

    def _save(self) -> None:
        data = self.review_data()
        db, employee_id, review_id = self._db, self._employee_id, self._review_id
        self.submit(lambda: save_review(db.uow(), employee_id, data, review_id), self.tr("Review not saved"))


class GoalDialog(RecordDialog):
    def __init__(
        self, db: Database, employee_id: int, *, goal: GoalInfo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goal_dialog")
        self._db = db
        self._employee_id = employee_id
        self._goal_id = goal.id if goal else None
        self.setWindowTitle(self.tr("Career goal"))
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("goal_text_edit")
        self.text_edit.setFixedHeight(80)
        self.position_combo = QComboBox(self)
        self.position_combo.setObjectName("target_position_combo")
        self.position_combo.setEditable(True)
        self.date_edit = OptionalDateEdit(self)
        self.date_edit.setObjectName("target_date_edit")
        form = QFormLayout()
        form.addRow(self.tr("Goal"), self.text_edit)
        form.addRow(self.tr("Target position"), self.position_combo)
        form.addRow(self.tr("Target date"), self.date_edit)
        self.finish(form, "goal_buttons", self._save)
        self.resize(460, 260)
        if goal is not None:
            self.text_edit.setPlainText(goal.text)
            self.date_edit.set_value(goal.target_date)
        target = goal.target_position if goal is not None else ""

        def show(positions: list[str]) -> None:
            self.position_combo.addItems(["", *positions])
            self.position_combo.setCurrentText(target)

        self.load(reading(db, _position_names), show, self.position_combo)

    def goal_data(self) -> GoalData:
        return GoalData(
            text=self.text_edit.toPlainText(),
            target_position=self.position_combo.currentText(),
            target_date=self.date_edit.value(),
        )

    def _save(self) -> None:
        data = self.goal_data()
        db, employee_id, goal_id = self._db, self._employee_id, self._goal_id
        self.submit(lambda: save_goal(db.uow(), employee_id, data, goal_id), self.tr("Goal not saved"))


def _position_names(session: Session) -> list[str]:
    return [p.name for p in list_positions(session)]


class ReviewsPanel(RecordsPanel):
    areas = ("archive",)

    def __init__(
        self,
        db: Database,
        employee_id: int,
        position_competencies: Callable[[], list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, parent)
        self._employee_id = employee_id
        self.name_parts("reviews", "review", self.tr("Add review…"))
        self.set_model(ReviewTableModel(self))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._position_competencies = position_competencies
        self.hint.setText(self.tr("Reviews are saved as soon as you confirm them."))

    def records(self) -> Callable[[Session], list[ReviewInfo]]:
        employee_id = self._employee_id
        return lambda session: reviews_of(session, employee_id)

    def show_records(self, records: list[ReviewInfo]) -> None:
        self.model.set_items(records)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def _dialog(self, record: ReviewInfo | None) -> RecordDialog:
        return ReviewDialog(
            self._db,
            self._employee_id,
            review=record,
            default_items=self._position_competencies(),
            parent=self,
        )

    def _deletion(self, review: ReviewInfo) -> tuple[str, str, Callable[[], object]]:
        question = self.tr("Delete the review for {period} (score {score})?").format(
            period=review.period, score=review.overall_score
        )
        db = self._db
        return self.tr("Delete review"), question, lambda: delete_review(db.uow(), review.id)


class GoalsPanel(RecordsPanel):
    areas = ("archive",)

    def __init__(self, db: Database, employee_id: int, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self._employee_id = employee_id
        self.name_parts("goals", "goal", self.tr("Add goal…"))
        self.set_model(GoalTableModel(self))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hint.setText(self.tr("Goals are saved as soon as you confirm them."))

    def records(self) -> Callable[[Session], list[GoalInfo]]:
        employee_id = self._employee_id
        return lambda session: goals_of(session, employee_id)

    def show_records(self, records: list[GoalInfo]) -> None:
        self.model.set_items(records)

    def _dialog(self, record: GoalInfo | None) -> RecordDialog:
        return GoalDialog(self._db, self._employee_id, goal=record, parent=self)

    def _deletion(self, goal: GoalInfo) -> tuple[str, str, Callable[[], object]]:
        question = self.tr("Delete the goal “{text}”?").format(text=goal.text)
        db = self._db
        return self.tr("Delete goal"), question, lambda: delete_goal(db.uow(), goal.id)
