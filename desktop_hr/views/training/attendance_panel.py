"""The sign-in grid of one session: mark people present/late/absent/excused, sign in by 工号, undo, open the kiosk.

A sign-in the rules refuse (outside the session's window, over a 缺勤/请假 set by hand) is recorded only as a
correction with a reason (correction_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.errors import NotFound
from desktop_hr.models import AttendanceStatus, SignInMethod
from desktop_hr.services.labels import label
from desktop_hr.services.office_settings import (
    GRACE_MAX,
    WINDOW_MAX,
    grace_minutes,
    set_grace_minutes,
    set_sign_in_window_minutes,
    sign_in_window_minutes,
)
from desktop_hr.services.training.attendance import (
    AttendanceChange,
    AttendanceCounts,
    AttendanceMark,
    AttendanceRow,
    NotEnrolled,
    SessionHeading,
    attendance_counts,
    attendance_rows,
    clear_marks,
    mark_all_present,
    mark_attendance,
    restore_marks,
    session_heading,
    set_attendance,
)
from desktop_hr.services.training.sign_in import SignInKind, SignInOutcome, correct_sign_in, record_sign_in
from desktop_hr.services.training.sign_in_window import CorrectionNeeded
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import follow_lazily, open_dialog, reading, refresh_when_shown
from desktop_hr.views.operations import LatestQuery, run_in_background
from desktop_hr.views.roles import allowed, permit
from desktop_hr.views.training.attendance_model import TIME_FORMAT, AttendanceTableModel, StatusDelegate
from desktop_hr.views.training.correction_dialog import SignInCorrectionDialog
from desktop_hr.views.training.kiosk import open_kiosk
from desktop_hr.views.undo_commands import SavedChangeCommand
from desktop_hr.views.widgets import setup_record_table

# Keys that mark the selected rows, as printed on the buttons.
STATUS_KEYS: dict[int, AttendanceStatus] = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_L: AttendanceStatus.LATE,
    Qt.Key.Key_A: AttendanceStatus.ABSENT,
    Qt.Key.Key_E: AttendanceStatus.EXCUSED,
    Qt.Key.Key_C: AttendanceStatus.COMPLETED,
}
# (session id, employee id -> mark to put back): queues restore_marks and refreshes.
ApplyMarks = Callable[[int, dict[int, AttendanceMark | None]], None]
# A grid write: (enrol whoever is not enrolled, the correction's reason or "") -> what it changed.
WriteMarks = Callable[[bool, str], list[AttendanceChange]]


class AttendanceMarksCommand(SavedChangeCommand):
    def __init__(
        self, text: str, session_id: int, changes: list[AttendanceChange], apply: ApplyMarks
    ) -> None:
        super().__init__(text)
        self.session_id = session_id
        self.changes = changes
        self._apply = apply

    def apply_after(self) -> None:
        self._apply(self.session_id, {c.employee_id: c.after for c in self.changes})

    def apply_before(self) -> None:
        self._apply(self.session_id, {c.employee_id: c.before for c in self.changes})


@dataclass(frozen=True)
class _Grid:
    heading: SessionHeading
    rows: list[AttendanceRow]
    counts: AttendanceCounts
    grace: int
    window: int


def _read_grid(session_id: int) -> Callable[[Session], _Grid]:
    def read(session: Session) -> _Grid:
        return _Grid(
            session_heading(session, session_id),
            attendance_rows(session, session_id),
            attendance_counts(session, session_id),
            grace_minutes(session),
            sign_in_window_minutes(session),
        )

    return read


class AttendancePanel(QWidget):
    """A SessionPanel, read in the background; every write here (marks, sign-ins, undo, the kiosk) and
    elsewhere reaches it, the page's header and the other panels through the hub."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance_panel")
        self._db = db
        self._loader = LatestQuery(self)
        self._session_id: int | None = None
        self.clock: Callable[[], datetime] = datetime.now  # tests set a fixed time
        self.kiosk: QWidget | None = None
        self.correction_dialog: SignInCorrectionDialog | None = None  # the last one opened (tests look at it)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("attendance_undo_stack")

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("attendance_counts_label")
        self.grace_spin = QSpinBox(self)
        self.grace_spin.setObjectName("grace_spin")
        self.grace_spin.setRange(0, GRACE_MAX)
        self.grace_spin.setSuffix(self.tr(" min"))
        self.grace_spin.setKeyboardTracking(False)
        self.grace_spin.setToolTip(
            self.tr("Sign-ins up to this many minutes after the start count as on time (for every session)")
        )
        self.grace_spin.valueChanged.connect(self._grace_changed)
        self.window_spin = QSpinBox(self)
        self.window_spin.setObjectName("sign_in_window_spin")
        self.window_spin.setRange(0, WINDOW_MAX)
        self.window_spin.setSingleStep(15)
        self.window_spin.setSuffix(self.tr(" min"))
        self.window_spin.setKeyboardTracking(False)
        self.window_spin.setToolTip(
            self.tr(
                "Sign-ins are accepted from this many minutes before the start until the end (online courses:"
                " their period); others only as a correction with a reason (for every session)"
            )
        )
        self.window_spin.valueChanged.connect(self._window_changed)
        self.kiosk_button = QPushButton(self.tr("Kiosk…"), self)
        self.kiosk_button.setObjectName("kiosk_button")
        self.kiosk_button.setToolTip(self.tr("Full-screen sign-in for badge scanners"))
        self.kiosk_button.clicked.connect(self.open_kiosk)

        self.entry_edit = QLineEdit(self)
        self.entry_edit.setObjectName("sign_in_entry")
        self.entry_edit.setPlaceholderText(self.tr("Sign in by employee no., then Enter"))
        self.entry_edit.setClearButtonEnabled(True)
        self.entry_edit.returnPressed.connect(self._sign_in_by_number)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("sign_in_message")

        self.model = AttendanceTableModel(self)
        self.model.status_edited.connect(lambda employee_id, status: self.mark([employee_id], status))
        self.table = QTableView(self)
        setup_record_table(
            self.table,
            "attendance_table",
            self.model,
            widths=(80, 110, 140, 70, 90),
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            edit_triggers=QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed,
        )
        self.table.setItemDelegateForColumn(AttendanceTableModel.STATUS_COLUMN, StatusDelegate(self.table))
        self.table.installEventFilter(self)

        buttons = QHBoxLayout()
        self.status_buttons: dict[AttendanceStatus, QPushButton] = {}
        texts = {
            AttendanceStatus.PRESENT: self.tr("Present (P)"),
            AttendanceStatus.LATE: self.tr("Late (L)"),
            AttendanceStatus.ABSENT: self.tr("Absent (A)"),
            AttendanceStatus.EXCUSED: self.tr("Excused (E)"),
            AttendanceStatus.COMPLETED: self.tr("Completed (C)"),
        }
        for status, text in texts.items():
            button = QPushButton(text, self)
            button.setObjectName(f"mark_{status.value}_button")
            button.clicked.connect(lambda _checked=False, s=status: self.mark_selected(s))
            self.status_buttons[status] = button
            buttons.addWidget(button)
        self.clear_button = QPushButton(self.tr("Clear (Del)"), self)
        self.clear_button.setObjectName("clear_mark_button")
        self.clear_button.clicked.connect(self.clear_selected)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        self.mark_all_button = QPushButton(self.tr("Mark all unmarked present"), self)
        self.mark_all_button.setObjectName("mark_all_present_button")
        self.mark_all_button.clicked.connect(self.mark_all_present)
        buttons.addWidget(self.mark_all_button)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setObjectName("attendance_undo_action")
        self.undo_button = QToolButton(self)
        self.undo_button.setObjectName("attendance_undo_button")
        self.undo_button.setDefaultAction(self.undo_action)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        buttons.addWidget(self.undo_button)

        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(QLabel(self.tr("Late after start +"), self))
        top.addWidget(self.grace_spin)
        top.addWidget(QLabel(self.tr("Sign-in from start −"), self))
        top.addWidget(self.window_spin)
        top.addWidget(self.kiosk_button)
        entry = QHBoxLayout()
        entry.addWidget(self.entry_edit, 1)
        entry.addWidget(self.message_label, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        # Recording sign-ins is editing records; the grace minutes are an office setting (every session).
        principal = db.principal
        self._markable = permit(
            principal,
            Permission.EDIT_RECORDS,
            self.kiosk_button,
            self.entry_edit,
            *self.status_buttons.values(),
            self.clear_button,
            self.mark_all_button,
            self.undo_action,
            self.undo_button,
        )
        if not self._markable:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grace_spin.setEnabled(allowed(principal, Permission.EDIT_SETTINGS))
        self.window_spin.setEnabled(allowed(principal, Permission.EDIT_SETTINGS))
        self._set_enabled(False)
        # The grace minutes are an office setting shown here too.
        self.follower = follow_lazily(self, ("training", "employees", "settings"), self.refresh)

    # ---- loading ---------------------------------------------------------------------------------

    def session_id(self) -> int | None:
        return self._session_id

    def set_session(self, session_id: int) -> None:
        if session_id != self._session_id:
            self.undo_stack.clear()  # undo history belongs to one session's grid
            self.message_label.clear()
            self.model.set_items([])
            self.counts_label.clear()
            self._set_enabled(False)
        self._session_id = session_id
        self.refresh_when_shown()

    def refresh(self) -> None:
        session_id = self._session_id
        if session_id is None:
            return
        self.follower.stale = False
        self._loader.run(reading(self._db, _read_grid(session_id)), self._show, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        if not isinstance(error, NotFound):  # a session deleted meanwhile: the page goes back to the list
            feedback.show_error(self, error)

    def refresh_when_shown(self) -> None:
        refresh_when_shown(self, self.follower, self.refresh)

    def _show(self, grid: _Grid) -> None:
        selected = set(self.selected_ids())
        self.model.session_day = grid.heading.starts_at
        self.model.set_items(grid.rows)
        self._show_counts(grid.counts)
        for spin, value in ((self.grace_spin, grid.grace), (self.window_spin, grid.window)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._set_enabled(True)
        self._reselect(selected)

    def _reselect(self, employee_ids: set[int]) -> None:
        selection = self.table.selectionModel()
        flags = (
            selection.SelectionFlag.Select
            | selection.SelectionFlag.Rows
            | selection.SelectionFlag.NoUpdate  # keep the current index where the user left it
        )
        for row, item in enumerate(self.model.items()):
            if item.employee_id in employee_ids:
                selection.select(self.model.index(row, 0), flags)

    def _show_counts(self, counts: AttendanceCounts) -> None:
        parts = [f"{label(status)} {counts.by_status.get(status, 0)}" for status in AttendanceStatus]
        parts.append(self.tr("Not marked {count}").format(count=counts.unmarked))
        self.counts_label.setText(
            "  ·  ".join(parts) + "  " + self.tr("(of {count} enrolled)").format(count=counts.enrolled)
        )

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.entry_edit,
            self.table,
            self.mark_all_button,
            self.kiosk_button,
            self.clear_button,
        ):
            widget.setEnabled(enabled)
        for button in self.status_buttons.values():
            button.setEnabled(enabled)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item(row).employee_id for row in rows if row < self.model.rowCount()]

    # ---- keyboard ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            action = self._key_action(event)
            if action is not None:
                # ShortcutOverride accepted: the window's own Ctrl+Z (employees) does not take the key.
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[], None] | None:
        if not self._markable:
            return None
        if event.matches(QKeySequence.StandardKey.Undo):
            return self.undo_stack.undo
        if event.matches(QKeySequence.StandardKey.Redo):
            return self.undo_stack.redo
        if self.table.state() == QAbstractItemView.State.EditingState:
            return None
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return None
        status = STATUS_KEYS.get(event.key())
        if status is not None:
            return lambda: self.mark_selected(status)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return self.clear_selected
        return None

    # ---- writes ----------------------------------------------------------------------------------

    def mark_selected(self, status: AttendanceStatus) -> None:
        ids = self.selected_ids()
        if ids:
            self.mark(ids, status)

    def mark(self, employee_ids: list[int], status: AttendanceStatus) -> None:
        session_id = self._session_id
        if session_id is None:
            return
        text = self.tr("Mark {count} as {status}").format(count=len(employee_ids), status=label(status))

        def write(allow_unenrolled: bool, reason: str) -> list[AttendanceChange]:
            return mark_attendance(
                self._db.uow(),
                session_id,
                employee_ids,
                status,
                allow_unenrolled=allow_unenrolled,
                correction_reason=reason,
            )

        self._write_marks(text, write)

    def clear_selected(self) -> None:
        session_id = self._session_id
        ids = self.selected_ids()
        if session_id is None or not ids:
            return

        def write(_allow_unenrolled: bool, _reason: str) -> list[AttendanceChange]:
            return clear_marks(self._db.uow(), session_id, ids)

        self._write_marks(self.tr("Clear {count} mark(s)").format(count=len(ids)), write)

    def mark_all_present(self) -> None:
        session_id = self._session_id
        if session_id is None:
            return
        self._write_marks(
            self.tr("Mark all unmarked present"),
            lambda _allow, _reason: mark_all_present(self._db.uow(), session_id),
        )

    def _write_marks(self, text: str, write: WriteMarks, *, allow: bool = False) -> None:
        session_id = self._session_id
        if session_id is None:
            return

        def saved(changes: list[AttendanceChange]) -> None:
            changes = [c for c in changes if c.before != c.after]
            if changes:
                self.undo_stack.push(AttendanceMarksCommand(text, session_id, changes, self._apply_marks))

        def failed(error: BaseException) -> None:
            if isinstance(error, NotEnrolled) and not allow and self._confirm_enrol(error.message()):
                self._write_marks(text, write, allow=True)
                return
            if isinstance(error, CorrectionNeeded):
                self._ask_correction(error.params["problem"], lambda reason: write(allow, reason), saved)
                return
            feedback.show_error(self, error)
            self.refresh()

        run_in_background(self, lambda _task: write(allow, ""), success=saved, failure=failed)

    def _ask_correction(
        self, problem: str, write: Callable[[str], Any], saved: Callable[[Any], None]
    ) -> SignInCorrectionDialog:
        """The dialog asking for the reason; `saved` gets what `write(reason)` returned once it is stored."""
        self.correction_dialog = open_dialog(SignInCorrectionDialog(problem, write, self), saved)
        return self.correction_dialog

    def _confirm_enrol(self, reason: str) -> bool:
        return feedback.confirm(
            self,
            self.tr("Not enrolled"),
            reason + "\n" + self.tr("Enrol them in this session and sign them in?"),
        )

    def _apply_marks(self, session_id: int, marks: dict[int, AttendanceMark | None]) -> None:
        run_in_background(
            self, lambda _task: restore_marks(self._db.uow(), session_id, marks), success=lambda _r: None
        )

    def _grace_changed(self, minutes: int) -> None:
        run_in_background(
            self, lambda _task: set_grace_minutes(self._db.uow(), minutes), success=lambda _r: None
        )

    def _window_changed(self, minutes: int) -> None:
        run_in_background(
            self, lambda _task: set_sign_in_window_minutes(self._db.uow(), minutes), success=lambda _r: None
        )

    # ---- sign in by number -------------------------------------------------------------------------

    def _sign_in_by_number(self) -> None:
        session_id = self._session_id
        number = self.entry_edit.text().strip()
        if session_id is None or not number:
            return
        self.entry_edit.clear()
        at = self.clock()
        run_in_background(
            self,
            lambda _task: record_sign_in(self._db.uow(), session_id, number, at, method=SignInMethod.GRID),
            success=lambda outcome: self._signed_in(session_id, outcome, at),
        )

    def _offer_correction(self, session_id: int, outcome: SignInOutcome, at: datetime) -> None:
        """Outside the window or over a hand-set mark: nothing was written; the clerk may correct it."""
        problem = outcome.problem()
        name, time = outcome.employee_name, at.strftime("%Y-%m-%d %H:%M")
        if outcome.kind is SignInKind.OUTSIDE_WINDOW:
            short = self.tr("{name} not signed in: {time} is outside the session's sign-in window")
        else:
            short = self.tr("{name} not signed in: HR marked them {status}")
        self.message_label.setText(short.format(name=name, time=time, status=label(outcome.hand_mark)))
        self.message_label.setToolTip(problem)
        number = outcome.employee_no

        def write(reason: str) -> SignInOutcome:
            return correct_sign_in(self._db.uow(), session_id, number, at, reason, method=SignInMethod.GRID)

        self._ask_correction(problem, write, lambda corrected: self._signed_in(session_id, corrected, at))

    def _signed_in(self, session_id: int, outcome: SignInOutcome, at: datetime) -> None:
        self.message_label.setToolTip("")  # a refusal's full reason, shown below, is for that refusal only
        name = outcome.employee_name
        time = outcome.signed_in_at.strftime(TIME_FORMAT) if outcome.signed_in_at else ""
        if outcome.kind in (SignInKind.SIGNED_IN, SignInKind.LATE) and outcome.employee_id is not None:
            after = AttendanceMark(outcome.status or AttendanceStatus.PRESENT, at, SignInMethod.GRID)
            change = AttendanceChange(outcome.employee_id, outcome.replaced, after)
            text = self.tr("Sign in {name}").format(name=name)
            self.undo_stack.push(AttendanceMarksCommand(text, session_id, [change], self._apply_marks))
            self.message_label.setText(
                self.tr("{name} signed in at {time}: {status}").format(
                    name=name, time=time, status=label(outcome.status)
                )
            )
        elif outcome.kind is SignInKind.ALREADY:
            self.message_label.setText(
                self.tr("{name} already signed in at {time}").format(name=name, time=time)
            )
        elif outcome.kind is SignInKind.NOT_ENROLLED and outcome.employee_id is not None:
            self._offer_enrolment(session_id, outcome, at)
        elif outcome.needs_correction:
            self._offer_correction(session_id, outcome, at)
        elif outcome.kind is SignInKind.UNKNOWN_NO:
            self.message_label.setText(
                self.tr("No employee has the number {no}").format(no=outcome.employee_no)
            )
        else:
            self.message_label.setText(self.tr("This session is cancelled: nobody can sign in"))

    def _offer_enrolment(self, session_id: int, outcome: SignInOutcome, at: datetime) -> None:
        employee_id = outcome.employee_id
        assert employee_id is not None
        reason = self.tr("{name} ({no}) is not enrolled in this session.").format(
            name=outcome.employee_name, no=outcome.employee_no
        )
        if not self._confirm_enrol(reason):
            self.message_label.setText(reason)
            return

        def write(_allow: bool, reason: str) -> list[AttendanceChange]:
            return [
                set_attendance(
                    self._db.uow(),
                    session_id,
                    employee_id,
                    None,
                    at,
                    allow_unenrolled=True,
                    correction_reason=reason,
                )
            ]

        self.message_label.setText(
            self.tr("{name} enrolled and signed in").format(name=outcome.employee_name)
        )
        self._write_marks(self.tr("Sign in {name}").format(name=outcome.employee_name), write, allow=True)

    # ---- kiosk -------------------------------------------------------------------------------------

    def open_kiosk(self) -> None:
        if self._session_id is None:
            return
        # What the kiosk records reaches this grid through the hub, like any other sign-in.
        self.kiosk = open_kiosk(self._db, self._session_id, self)
