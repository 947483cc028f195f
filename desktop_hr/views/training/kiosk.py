"""The sign-in kiosk: a full-screen window where a badge scanner (or a person) types a 工号 and Enter.

It shows the session and nothing else: no menus, no way to other data. Leaving it asks for the exit
code the clerk set when opening it (or a plain confirmation when none was set). The input line works at
once; the session's heading and the count are read in the background, and again (through the hub) after
every sign-in, from here or anywhere else.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.services.labels import label
from desktop_hr.services.training.attendance import (
    AttendanceCounts,
    SessionHeading,
    attendance_counts,
    session_heading,
)
from desktop_hr.services.training.sign_in import SignInKind, SignInOutcome, record_sign_in
from desktop_hr.services.training.sign_in_window import SignInWindow
from desktop_hr.views import feedback, hub
from desktop_hr.views.forms import reading
from desktop_hr.views.operations import LatestQuery, run_in_background

log = logging.getLogger(__name__)

PIN_PATTERN = re.compile(r"[0-9]{4}")
RESULT_SHOWN_MS = 6000  # then the screen goes back to waiting for the next person
SECOND_BEEP_MS = 180
RESULT_POINTS = 44
WINDOW_REFUSAL_POINTS = 32
COLOURS = {"ok": "#2e7d32", "late": "#ef6c00", "refused": "#c62828", "idle": "#37474f"}


def _font(points: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def _read_heading(session_id: int) -> Callable[[Session], tuple[SessionHeading, AttendanceCounts]]:
    return lambda session: (session_heading(session, session_id), attendance_counts(session, session_id))


class SignInKioskDialog(QDialog):
    """Scan, see the answer at once, next. Sign-ins are written on the database worker in scan order,
    so the input line never waits for the disk."""

    def __init__(
        self,
        db: Database,
        session_id: int,
        parent: QWidget | None = None,
        *,
        exit_pin: str = "",
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_kiosk")
        self._db = db
        self._session_id = session_id
        self._exit_pin = exit_pin
        self.clock = clock
        # A window of its own (so it can go full screen) that blocks every other window of the program.
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._loader = LatestQuery(self)

        self.title_label = QLabel(self.tr("Loading…"), self)
        self.title_label.setObjectName("kiosk_title")
        self.title_label.setFont(_font(40, bold=True))
        self.session_label = QLabel(self)
        self.session_label.setObjectName("kiosk_session")
        self.session_label.setFont(_font(22))
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("kiosk_clock")
        self.clock_label.setFont(_font(30, bold=True))
        self.prompt_label = QLabel(
            self.tr("Scan your badge or type your employee no., then press Enter"), self
        )
        self.prompt_label.setObjectName("kiosk_prompt")
        self.prompt_label.setFont(_font(22))
        self.input_edit = QLineEdit(self)
        self.input_edit.setObjectName("kiosk_input")
        self.input_edit.setFont(_font(56, bold=True))
        self.input_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.input_edit.setMaxLength(32)
        # Not even the line's own context menu: nothing on this screen leads anywhere else.
        self.input_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.input_edit.returnPressed.connect(self._submit)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("kiosk_result")
        self.result_label.setFont(_font(RESULT_POINTS, bold=True))
        self.result_label.setWordWrap(True)
        self.result_label.setMinimumHeight(160)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("kiosk_count")
        self.count_label.setFont(_font(26))
        self.exit_hint = QLabel(self.tr("Clerk: press Esc to leave the kiosk"), self)
        self.exit_hint.setObjectName("kiosk_exit_hint")
        self.exit_hint.setEnabled(False)
        for widget in (
            self.title_label,
            self.session_label,
            self.clock_label,
            self.prompt_label,
            self.result_label,
        ):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.exit_hint.setAlignment(Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 20)
        layout.addWidget(self.title_label)
        layout.addWidget(self.session_label)
        layout.addWidget(self.clock_label)
        layout.addStretch(1)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.input_edit)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.exit_hint)

        self._tick = QTimer(self)
        self._tick.setObjectName("kiosk_clock_timer")
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_clock)
        self._tick.start()
        self._idle = QTimer(self)
        self._idle.setObjectName("kiosk_idle_timer")
        self._idle.setSingleShot(True)
        self._idle.setInterval(RESULT_SHOWN_MS)
        self._idle.timeout.connect(self._show_waiting)
        self._show_clock()
        self._show_waiting()
        self.setFocusProxy(self.input_edit)
        self.input_edit.setFocus()
        self.follower = hub.follow(self, ("training", "employees"), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """The session's heading and how many signed in, read again."""
        self._loader.run(reading(self._db, _read_heading(self._session_id)), self._show_heading)

    def _show_heading(self, answer: tuple[SessionHeading, AttendanceCounts]) -> None:
        heading, counts = answer
        self.setWindowTitle(self.tr("Sign-in: {title}").format(title=heading.course_title))
        self.title_label.setText(heading.course_title)
        when = f"{heading.starts_at:%Y-%m-%d %H:%M}–{heading.ends_at:%H:%M}"
        self.session_label.setText("  ·  ".join(p for p in (heading.code, when, heading.place) if p))
        self._show_count(counts)

    # ---- scanning ----------------------------------------------------------------------------------

    def _submit(self) -> None:
        number = self.input_edit.text().strip()
        self.input_edit.clear()
        self.input_edit.setFocus()
        if not number:
            return
        at = self.clock()  # the moment of the scan, not when the worker gets to it
        db, session_id = self._db, self._session_id
        # The count follows through the hub, once the sign-in is committed.
        run_in_background(
            self,
            lambda _task: record_sign_in(db.uow(), session_id, number, at),
            success=self._answer,
            failure=self._failed,
        )

    def _answer(self, outcome: SignInOutcome) -> None:
        name, no = outcome.employee_name, outcome.employee_no
        time = outcome.signed_in_at.strftime("%H:%M") if outcome.signed_in_at else ""
        if outcome.kind is SignInKind.SIGNED_IN:
            self._show_result(self.tr("✓ {name} signed in {time}").format(name=name, time=time), "ok")
        elif outcome.kind is SignInKind.LATE:
            self._show_result(
                self.tr("✓ {name} signed in {time} — late").format(name=name, time=time), "late"
            )
        elif outcome.kind is SignInKind.ALREADY:
            self._show_result(
                self.tr("✓ {name} already signed in at {time}").format(name=name, time=time), "ok"
            )
        elif outcome.kind is SignInKind.UNKNOWN_NO:
            self._show_result(self.tr("✗ Employee no. {no} does not exist").format(no=no), "refused")
        elif outcome.kind is SignInKind.NOT_ENROLLED:
            self._show_result(
                self.tr("✗ {name} ({no}) is not enrolled in this session").format(name=name, no=no), "refused"
            )
        elif outcome.kind is SignInKind.OUTSIDE_WINDOW and outcome.window is not None:
            # Three lines (why, the session, the time now): smaller type, so each fits on one line.
            text = self._outside_window_text(outcome.window, outcome.attempted_at)
            self._show_result(text, "refused", points=WINDOW_REFUSAL_POINTS)
        elif outcome.kind is SignInKind.HAND_MARKED and outcome.hand_mark is not None:
            self._show_result(
                self.tr(
                    "✗ {name} ({no}): HR has marked you {status} for this session. Please see HR."
                ).format(name=name, no=no, status=label(outcome.hand_mark)),
                "refused",
            )
        else:
            self._show_result(self.tr("✗ This session is cancelled"), "refused")

    def _outside_window_text(self, window: SignInWindow, at: datetime | None) -> str:
        """The session, its times and the time now: why nobody can sign in at this moment."""
        now = at or self.clock()
        end_format = "%H:%M" if window.ends_at.date() == window.starts_at.date() else "%Y-%m-%d %H:%M"
        session = self.tr("Session {code} {title} {start}–{end}").format(
            code=window.session_code,
            title=window.course_title,
            start=f"{window.starts_at:%Y-%m-%d %H:%M}",
            end=f"{window.ends_at:{end_format}}",
        )
        if window.too_early(now):
            reason = self.tr("sign-in opens at {opens}").format(opens=f"{window.opens_at:%Y-%m-%d %H:%M}")
        else:
            reason = self.tr("the session has ended")
        return self.tr("✗ Not signed in: {reason}\n{session}\nIt is now {now}").format(
            now=f"{now:%Y-%m-%d %H:%M}", session=session, reason=reason
        )

    def _failed(self, error: BaseException) -> None:
        # A locked or full disk must not leave the person thinking they signed in.
        log.warning("kiosk sign-in failed: %r", error)
        text = feedback.known_problem(error) or f"{type(error).__name__}: {error}"
        self._show_result(self.tr("✗ Not saved: {reason}").format(reason=text), "refused")

    def _show_result(self, text: str, tone: str, *, points: int = RESULT_POINTS) -> None:
        self.result_label.setFont(_font(points, bold=True))
        self.result_label.setText(text)
        self.result_label.setProperty("tone", tone)
        self.result_label.setStyleSheet(
            f"color: white; background: {COLOURS[tone]}; border-radius: 12px; padding: 16px;"
        )
        # An audible answer too: one beep when signed in, two for a refusal.
        QApplication.beep()
        if tone == "refused":
            QTimer.singleShot(SECOND_BEEP_MS, QApplication.beep)
        self._idle.start()
        self.input_edit.setFocus()

    def _show_waiting(self) -> None:
        self.result_label.setText("")
        self.result_label.setProperty("tone", "idle")
        self.result_label.setStyleSheet("")

    def _show_count(self, counts: AttendanceCounts) -> None:
        self.count_label.setText(
            self.tr("Signed in: {count} of {enrolled}").format(
                count=counts.attended, enrolled=counts.enrolled
            )
        )

    def _show_clock(self) -> None:
        self.clock_label.setText(self.clock().strftime("%H:%M:%S"))

    def result_tone(self) -> str:
        return str(self.result_label.property("tone"))

    # ---- leaving -----------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc and closing the window come here: only the clerk may leave."""
        if self._may_leave():
            self._tick.stop()
            self._idle.stop()
            super().reject()
        else:
            self.input_edit.setFocus()

    def _may_leave(self) -> bool:
        title = self.tr("Leave the kiosk")
        if not self._exit_pin:
            return feedback.confirm(self, title, self.tr("Close the sign-in kiosk?"))
        text, ok = QInputDialog.getText(
            self, title, self.tr("Exit code set when the kiosk was opened:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return False
        if text.strip() != self._exit_pin:
            self._show_result(self.tr("✗ Wrong exit code"), "refused")
            return False
        return True


def open_kiosk(db: Database, session_id: int, parent: QWidget | None = None) -> SignInKioskDialog | None:
    """Ask the clerk for an exit code (4 digits, or empty for a plain confirmation), then go full screen."""
    text, ok = QInputDialog.getText(
        parent,
        QApplication.translate("SignInKioskDialog", "Open the sign-in kiosk"),
        QApplication.translate(
            "SignInKioskDialog",
            "Set a 4-digit exit code needed to leave the kiosk\n(leave it empty to just confirm on leaving):",
        ),
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return None
    pin = text.strip()
    if pin and not PIN_PATTERN.fullmatch(pin):
        feedback.inform(
            parent,
            QApplication.translate("SignInKioskDialog", "Open the sign-in kiosk"),
            QApplication.translate("SignInKioskDialog", "The exit code must be exactly 4 digits."),
        )
        return None
    kiosk = SignInKioskDialog(db, session_id, parent, exit_pin=pin)
    kiosk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    kiosk.showFullScreen()
    kiosk.activateWindow()
    kiosk.input_edit.setFocus()
    return kiosk
