"""A session's feedback (学员评价) with its means, and its exam scores against the pass mark."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services.training.assessment import (
    ExamRow,
    FeedbackRow,
    FeedbackSummary,
    clear_exam,
    delete_feedback,
    exam_rows,
    feedback_rows,
    feedback_summary,
    pass_mark_of,
    record_exam,
    record_feedback,
)
from desktop_hr.services.training.enrolment import Person, session_people
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import RecordDialog, reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.roles import permit, permit_records
from desktop_hr.views.training.submission_dialog import (
    fill_people,
    fix_person,
    people_combo,
    score_spin,
    spin_value,
)
from desktop_hr.views.training.submissions_panel import SessionRecordsPanel
from desktop_hr.views.widgets import setup_record_table


def _number(value: int | Decimal | None) -> str:
    return "—" if value is None else str(value)


class FeedbackTableModel(ListTableModel[FeedbackRow]):
    numeric_columns = frozenset({2, 3})

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Trainer satisfaction"),
            self.tr("Course rating"),
            self.tr("Comment"),
        ]

    def values(self, row: FeedbackRow) -> list[str]:
        return [
            row.employee_no,
            row.name,
            "" if row.trainer_satisfaction is None else str(row.trainer_satisfaction),
            "" if row.course_rating is None else str(row.course_rating),
            row.comment,
        ]


class ExamTableModel(ListTableModel[ExamRow]):
    numeric_columns = frozenset({2})

    def titles(self) -> list[str]:
        return [self.tr("Employee No"), self.tr("Name"), self.tr("Score"), self.tr("Passed")]

    def values(self, row: ExamRow) -> list[str]:
        passed = "" if row.passed is None else (self.tr("Yes") if row.passed else self.tr("No"))
        return [row.employee_no, row.name, "" if row.score is None else str(row.score), passed]


class FeedbackDialog(RecordDialog):
    """One participant's feedback: trainer satisfaction 0-100, course rating 1-5, comment."""

    def __init__(
        self,
        db: Database,
        session_id: int,
        *,
        row: FeedbackRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedback_dialog")
        self._db = db
        self._session_id = session_id
        self.setWindowTitle(self.tr("Feedback"))
        self.person_combo = people_combo(self, "feedback_person_combo")
        self.satisfaction_spin = score_spin(self, "satisfaction_spin", None)
        self.satisfaction_spin.setSpecialValueText(self.tr("Not given"))
        self.rating_spin = QSpinBox(self)
        self.rating_spin.setObjectName("rating_spin")
        self.rating_spin.setRange(0, 5)
        self.rating_spin.setSpecialValueText(self.tr("Not given"))
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("feedback_comment_edit")
        self.comment_edit.setFixedHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("Person"), self.person_combo)
        form.addRow(self.tr("Trainer satisfaction (0-100)"), self.satisfaction_spin)
        form.addRow(self.tr("Course rating (1-5)"), self.rating_spin)
        form.addRow(self.tr("Comment"), self.comment_edit)
        self.finish(form, "feedback_buttons", self._save)
        self.resize(460, 320)

        def show(people: list[Person]) -> None:
            fill_people(self.person_combo, people)
            if row is not None:
                fix_person(self.person_combo, row.employee_id, f"{row.employee_no} {row.name}")

        self.load(reading(db, lambda session: session_people(session, session_id)), show, self.person_combo)
        if row is not None:
            if row.trainer_satisfaction is not None:
                self.satisfaction_spin.setValue(row.trainer_satisfaction)
            self.rating_spin.setValue(row.course_rating or 0)
            self.comment_edit.setPlainText(row.comment)

    def _save(self) -> None:
        employee_id = self.person_combo.currentData()
        if employee_id is None:
            feedback.inform(
                self, self.tr("Feedback not saved"), self.tr("Nobody is enrolled in this session yet.")
            )
            return
        db, session_id = self._db, self._session_id
        satisfaction = spin_value(self.satisfaction_spin)
        rating = spin_value(self.rating_spin)
        comment = self.comment_edit.toPlainText()
        self.submit(
            lambda: record_feedback(
                db.uow(),
                session_id,
                int(employee_id),
                trainer_satisfaction=satisfaction,
                course_rating=rating,
                comment=comment,
            ),
            self.tr("Feedback not saved"),
        )


@dataclass(frozen=True)
class _Assessment:
    feedback: list[FeedbackRow]
    summary: FeedbackSummary
    exams: list[ExamRow]
    pass_mark: int | None


def _read_assessment(session_id: int) -> Callable[[Session], _Assessment]:
    def read(session: Session) -> _Assessment:
        return _Assessment(
            feedback_rows(session, session_id),
            feedback_summary(session, session_id),
            exam_rows(session, session_id),
            pass_mark_of(session, session_id),
        )

    return read


class FeedbackPanel(SessionRecordsPanel):
    """The feedback tab of a session page: the forms and their means above, exam scores below."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, "feedback", self.tr("Add feedback…"), parent)
        self.set_model(FeedbackTableModel(self))
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.means_label = QLabel(self)
        self.means_label.setObjectName("feedback_means_label")

        self.pass_mark_label = QLabel(self)
        self.pass_mark_label.setObjectName("pass_mark_label")
        self.exam_summary_label = QLabel(self)
        self.exam_summary_label.setObjectName("exam_summary_label")
        self.exam_table = QTableView(self)
        self.exam_model = ExamTableModel(self)
        setup_record_table(self.exam_table, "exam_table", self.exam_model)
        self.exam_table.selectionModel().selectionChanged.connect(lambda *_args: self._exam_selected())
        self.exam_score_spin = QSpinBox(self)
        self.exam_score_spin.setObjectName("exam_score_spin")
        self.exam_score_spin.setRange(0, 100)
        self.record_exam_button = QPushButton(self.tr("Record score"), self)
        self.record_exam_button.setObjectName("record_exam_button")
        self.record_exam_button.clicked.connect(self.record_selected_exam)
        self.clear_exam_button = QPushButton(self.tr("Clear score"), self)
        self.clear_exam_button.setObjectName("clear_exam_button")
        self.clear_exam_button.clicked.connect(self.clear_selected_exam)
        exam_buttons = QHBoxLayout()
        exam_buttons.addWidget(QLabel(self.tr("Score"), self))
        exam_buttons.addWidget(self.exam_score_spin)
        exam_buttons.addWidget(self.record_exam_button)
        exam_buttons.addWidget(self.clear_exam_button)
        exam_buttons.addStretch(1)
        exam_buttons.addWidget(self.exam_summary_label)
        exam_box = QGroupBox(self.tr("Exam"), self)
        exam_box.setObjectName("exam_box")
        exam_layout = QVBoxLayout(exam_box)
        exam_layout.addWidget(self.pass_mark_label)
        exam_layout.addWidget(self.exam_table)
        exam_layout.addLayout(exam_buttons)

        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.means_label)
        layout.addWidget(exam_box)
        principal = db.principal
        permit_records(principal, Permission.EDIT_RECORDS, self)
        permit(
            principal,
            Permission.EDIT_RECORDS,
            self.exam_score_spin,
            self.record_exam_button,
            self.clear_exam_button,
        )
        self.add_button.setEnabled(False)
        self._exam_selected()

    def records(self) -> Callable[[Session], _Assessment] | None:
        return _read_assessment(self._session_id) if self._session_id is not None else None

    def show_records(self, assessment: _Assessment) -> None:
        summary = assessment.summary
        self.model.set_items(assessment.feedback)
        self.means_label.setText(
            self.tr(
                "Trainer satisfaction mean {satisfaction} · course rating mean {rating} · {count} form(s)"
            ).format(
                satisfaction=_number(summary.mean_satisfaction),
                rating=_number(summary.mean_rating),
                count=summary.count,
            )
        )
        exams = assessment.exams
        selected_exam = self._selected_exam()
        self.exam_model.set_items(exams)
        if selected_exam is not None:
            for index, row in enumerate(exams):
                if row.employee_id == selected_exam.employee_id:
                    self.exam_table.selectRow(index)
        pass_mark = assessment.pass_mark
        self.pass_mark_label.setText(
            self.tr("Pass mark: {mark}").format(mark=pass_mark)
            if pass_mark is not None
            else self.tr("Pass mark: not set (set it on the session)")
        )
        scored = [r for r in exams if r.score is not None]
        self.exam_summary_label.setText(
            self.tr("{passed} of {scored} scored passed").format(
                passed=sum(1 for r in scored if r.passed), scored=len(scored)
            )
        )
        self._exam_selected()

    # ---- feedback ----

    def _dialog(self, record: FeedbackRow | None) -> RecordDialog:
        assert self._session_id is not None
        return FeedbackDialog(self._db, self._session_id, row=record, parent=self)

    def _deletion(self, row: FeedbackRow) -> tuple[str, str, Callable[[], object]]:
        question = self.tr("Delete the feedback of {name}?").format(name=row.name)
        db = self._db
        return self.tr("Delete feedback"), question, lambda: delete_feedback(db.uow(), row.id)

    # ---- exams ----

    def _selected_exam(self) -> ExamRow | None:
        rows = self.exam_table.selectionModel().selectedRows()
        return self.exam_model.item(rows[0].row()) if rows else None

    def _exam_selected(self) -> None:
        row = self._selected_exam()
        self.record_exam_button.setEnabled(row is not None)
        self.clear_exam_button.setEnabled(row is not None and row.score is not None)
        if row is not None and row.score is not None:
            self.exam_score_spin.setValue(row.score)

    def record_selected_exam(self) -> None:
        row = self._selected_exam()
        if row is None or self._session_id is None:
            return
        db, session_id, score = self._db, self._session_id, self.exam_score_spin.value()
        run_in_background(
            self,
            lambda _task: record_exam(db.uow(), session_id, row.employee_id, score),
            success=lambda _result: None,
        )

    def clear_selected_exam(self) -> None:
        row = self._selected_exam()
        if row is None or self._session_id is None:
            return
        db, session_id = self._db, self._session_id
        run_in_background(
            self,
            lambda _task: clear_exam(db.uow(), session_id, row.employee_id),
            success=lambda _result: None,
        )
