"""One session's page: a header with its facts, head counts and print buttons, and a tab per panel."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database
from desktop_hr.errors import NotFound
from desktop_hr.services.labels import label
from desktop_hr.services.training.enrolment import moved_up_text
from desktop_hr.services.training.sessions import SessionChange, SessionRow, session_summary
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback, hub
from desktop_hr.views.forms import inform_soon, open_dialog, reading
from desktop_hr.views.operations import LatestQuery
from desktop_hr.views.roles import permit
from desktop_hr.views.training.enrolment_panel import EnrolmentPanel
from desktop_hr.views.training.session_dialog import SessionDialog
from desktop_hr.views.training.session_printing import SessionDocuments


class SessionPanel(Protocol):
    """A tab of the page: shows one session, reads it in the background and keeps itself current through
    the hub (only while shown: a tab behind another reads when it is next shown)."""

    def set_session(self, session_id: int) -> None: ...

    def refresh(self) -> None: ...

    def refresh_when_shown(self) -> None: ...


class SessionPage(QWidget):
    """`set_session(id)` shows a session; `add_panel(widget, title)` adds a tab (a SessionPanel).

    Nothing here wires one panel to another: a sign-in, an enrolment or an employee renamed in another tab
    reaches the header and every panel through the hub. `back_requested` asks the owner to go back to the
    list (the Back button, Esc, or the session deleted meanwhile).
    """

    back_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("session_page")
        self._db = db
        self._session_id: int | None = None
        self._panels: list[SessionPanel] = []
        self._header_loader = LatestQuery(self)
        self.summary: SessionRow | None = None

        style = self.style()
        self.back_button = QPushButton(self.tr("Back to sessions"), self)
        self.back_button.setObjectName("back_button")
        self.back_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back_button.setToolTip(self.tr("Back to the list of sessions (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button = QPushButton(self.tr("Edit session…"), self)
        self.edit_button.setObjectName("edit_session_button")
        self.edit_button.clicked.connect(self.edit_session)
        permit(db.principal, Permission.EDIT_RECORDS, self.edit_button)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("session_title_label")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._facts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        facts = [
            ("code", self.tr("Code")),
            ("time", self.tr("Time")),
            ("place", self.tr("Place")),
            ("trainer", self.tr("Trainer")),
            ("capacity", self.tr("Capacity")),
            ("counts", self.tr("Enrolled / waitlisted / attended")),
            ("status", self.tr("Status")),
            ("assignment", self.tr("Assignment")),
        ]
        for index, (key, text) in enumerate(facts):
            row, column = divmod(index, 2)
            caption = QLabel(text + self.tr(":"), self)
            caption.setEnabled(False)
            value = QLabel(self)
            value.setObjectName(f"session_{key}_label")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._facts[key] = value
            grid.addWidget(caption, row, column * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        header = QFrame(self)
        header.setObjectName("session_header")
        header.setFrameShape(QFrame.Shape.StyledPanel)
        header_layout = QVBoxLayout(header)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.edit_button)
        header_layout.addLayout(top)
        header_layout.addLayout(grid)
        self.documents = SessionDocuments(db, header)
        header_layout.addWidget(self.documents)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("session_tabs")
        self.enrolment_panel = EnrolmentPanel(db, self)
        self.add_panel(self.enrolment_panel, self.tr("Enrolment"))

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        self.follower = hub.follow(self, ("training", "employees"), self.refresh_header)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc anywhere on the page (a child that has no use for it passes it up) goes back to the list.
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    # ---- public ------------------------------------------------------------------------------------

    def session_id(self) -> int | None:
        return self._session_id

    def set_session(self, session_id: int) -> None:
        self._session_id = session_id
        self.follower.stale = False
        self.refresh_header()
        for panel in self._panels:
            panel.set_session(session_id)

    def add_panel(self, widget: QWidget, title: str) -> int:
        """Add a tab (`widget` is a SessionPanel). Returns the tab's index."""
        panel = cast(SessionPanel, widget)
        self._panels.append(panel)
        if self._session_id is not None:
            panel.set_session(self._session_id)
        return self.tabs.addTab(widget, title)

    def panels(self) -> list[QWidget]:
        return [panel for panel in self._panels if isinstance(panel, QWidget)]

    def refresh(self) -> None:
        """Everything again (View › Refresh): the header and the panel shown; the others when shown."""
        self.refresh_header()
        for panel in self._panels:
            panel.refresh_when_shown()

    def refresh_header(self) -> None:
        session_id = self._session_id
        if session_id is None:
            return
        self._header_loader.run(
            reading(self._db, lambda session: session_summary(session, session_id)),
            self._show_header,
            self._header_failed,
        )

    def _header_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFound):
            # Deleted meanwhile (by the other clerk): nothing to show here any more.
            self.summary = None
            self.documents.show_session(None, datetime.now())
            self.back_requested.emit()
        else:
            feedback.show_error(self, error)

    def _show_header(self, summary: SessionRow) -> None:
        self.summary = summary
        self.title_label.setText(summary.course_title)
        end = summary.ends_at.strftime(
            "%H:%M" if summary.ends_at.date() == summary.starts_at.date() else "%Y-%m-%d %H:%M"
        )
        facts = {
            "code": summary.code,
            "time": f"{summary.starts_at:%Y-%m-%d %H:%M} – {end}",
            "place": summary.place or "—",
            "trainer": summary.trainer or "—",
            "capacity": self.tr("Unlimited") if summary.capacity is None else str(summary.capacity),
            "counts": f"{summary.enrolled} / {summary.waitlisted} / {summary.attended}",
            "status": label(summary.status),
            "assignment": self._assignment_text(summary),
        }
        for key, text in facts.items():
            self._facts[key].setText(text)
        self.documents.show_session(summary, datetime.now())

    def _assignment_text(self, summary: SessionRow) -> str:
        if summary.assignment_type is None:
            return self.tr("None")
        if summary.assignment_due is None:
            return label(summary.assignment_type)
        return self.tr("{kind}, due {due}").format(
            kind=label(summary.assignment_type), due=summary.assignment_due.isoformat()
        )

    def fact(self, key: str) -> str:
        """A header value as shown (code, time, place, trainer, capacity, counts, status, assignment)."""
        return self._facts[key].text()

    # ---- editing ----------------------------------------------------------------------------------

    def edit_session(self) -> SessionDialog | None:
        if self._session_id is None:
            return None
        return edit_session(self, self._db, self._session_id)


def edit_session(owner: QWidget, db: Database, session_id: int) -> SessionDialog:
    """Open the session's dialog; after a save, say who got a place from the waitlist (what the save
    changed reaches the list, the page and its panels through the hub)."""
    return open_dialog(
        SessionDialog(db, session_id=session_id, parent=owner), lambda change: report_moved_up(owner, change)
    )


def report_moved_up(parent: QWidget, change: SessionChange) -> None:
    """After an edit that raised the capacity: who got a place from the waitlist."""
    if change.moved_up:
        inform_soon(
            parent,
            QCoreApplication.translate("SessionPage", "Session saved"),
            moved_up_text(change.moved_up),
        )
