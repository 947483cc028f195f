"""The explicit correction of a sign-in the rules refused (outside the session's window, over a 缺勤/请假 HR
set by hand): it says why it was refused and records it only with a reason, which the audit trail keeps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_hr.services.points.ledger import ReasonRequired
from desktop_hr.views.forms import FieldDialog
from desktop_hr.views.operations import Task

REASON_KEY = "correction_reason"


@dataclass(frozen=True)
class _ReasonForm:
    reason: str

    def cleaned(self) -> _ReasonForm:
        return _ReasonForm(self.reason.strip())


class SignInCorrectionDialog(FieldDialog):
    """`write(reason)` runs on the worker when the clerk records the correction; `saved` carries its result.
    A blank reason is refused by the service and shown under the reason."""

    def __init__(self, problem: str, write: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_correction_dialog")
        self.setWindowTitle(self.tr("Correct a sign-in"))
        self._write = write
        self.problem_label = QLabel(problem, self)
        self.problem_label.setObjectName("correction_problem_label")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.question_label = QLabel(
            self.tr(
                "It is not recorded as it stands. Record it anyway as a correction? "
                "The reason is kept in the audit trail with the sign-in."
            ),
            self,
        )
        self.question_label.setObjectName("correction_question_label")
        self.question_label.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("correction_reason_edit")
        self.reason_edit.setPlaceholderText(
            self.tr("Why this sign-in is correct, e.g. signed the paper sheet, the kiosk was down")
        )
        self.reason_edit.setTabChangesFocus(True)
        form = QFormLayout()
        self.add_field(form, REASON_KEY, self.tr("Reason"), self.reason_edit, required=True)
        self.fallback_key = REASON_KEY
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.question_label)
        layout.addLayout(form)
        layout.addLayout(self.button_row("correction_buttons"))
        self.save_button.setText(self.tr("Record the correction"))
        self.resize(560, 320)
        self.keep_initial()

    def form_data(self) -> _ReasonForm:
        return _ReasonForm(self.reason_edit.toPlainText())

    def store(self, data: _ReasonForm) -> Callable[[Task], object]:
        write, reason = self._write, data.reason
        return lambda _task: write(reason)

    def show_refusal(self, error: BaseException) -> bool:
        if not isinstance(error, ReasonRequired):
            return False
        self.boxes[REASON_KEY].set_error(error.message())
        self.reason_edit.setFocus()
        return True

    def discard_question(self) -> str:
        return self.tr("Close without recording the sign-in?")
