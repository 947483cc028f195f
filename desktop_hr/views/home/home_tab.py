"""The Home tab, opened first: today's date and every reminder, grouped by kind (each line opens its record),
and under them the dashboard's charts. Both load on the reader pool and follow what they show through the
change hub (training, points, employees, organisation)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.services.training.reminders import Reminder, ReminderKind, reminder_counts, reminders
from desktop_hr.views import feedback, hub, i18n
from desktop_hr.views.home.dashboard import SHOWN_AREAS, DashboardPanel
from desktop_hr.views.home.notices_dialog import NoticesDialog
from desktop_hr.views.operations import LatestQuery, Task
from desktop_hr.views.qt_compat import ROOT_INDEX, AnyIndex
from desktop_hr.views.requirements.at_risk_panel import AtRiskPanel

REMINDER_ROLE = Qt.ItemDataRole.UserRole + 1  # the Reminder behind a line (None on headings and empty lines)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the ReminderKind of a heading or line

_KINDS = list(ReminderKind)
_HEADING = 0  # internal id of a heading; a line's is its heading's row + 1


class ReminderTreeModel(QAbstractItemModel):
    """Headings (one per kind, with the count) and under each its lines, or one "nothing due" line."""

    COLUMNS = 3  # what, when, details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._by_kind: dict[ReminderKind, list[Reminder]] = {kind: [] for kind in _KINDS}
        self._loaded = False

    def set_reminders(self, items: list[Reminder]) -> None:
        self.beginResetModel()
        self._by_kind = {kind: [] for kind in _KINDS}
        for item in items:
            self._by_kind[item.kind].append(item)
        self._loaded = True
        self.endResetModel()

    def heading_title(self, kind: ReminderKind) -> str:
        return {
            ReminderKind.UPCOMING_SESSION: self.tr("Sessions starting within 3 days"),
            ReminderKind.SUBMISSION_DUE: self.tr("Submissions due within 2 days"),
            ReminderKind.ACTION_PLAN_CHASE: self.tr("Action plans to chase"),
            ReminderKind.SUBMISSION_OVERDUE: self.tr("Overdue submissions"),
            ReminderKind.SESSION_NOT_CLOSED: self.tr("Past sessions to mark finished"),
        }[kind]

    def count(self, kind: ReminderKind) -> int:
        return len(self._by_kind[kind])

    def heading_index(self, kind: ReminderKind) -> QModelIndex:
        return self.index(_KINDS.index(kind), 0)

    # ---- structure -----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = ROOT_INDEX) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _HEADING)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = ROOT_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _HEADING:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _HEADING)

    def rowCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        if not parent.isValid():
            return len(_KINDS) if self._loaded else 0
        if parent.internalId() != _HEADING or parent.column() != 0:
            return 0
        return max(len(self._by_kind[_KINDS[parent.row()]]), 1)  # an empty kind shows "nothing due"

    def columnCount(self, parent: AnyIndex = ROOT_INDEX) -> int:
        return self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = [self.tr("Reminder"), self.tr("When"), self.tr("Details")]
            return titles[section] if 0 <= section < len(titles) else None
        return None

    def _line(self, index: AnyIndex) -> tuple[ReminderKind, Reminder | None]:
        """The kind of the line at `index`, and its reminder (None for a heading or an empty kind)."""
        if index.internalId() == _HEADING:
            return _KINDS[index.row()], None
        kind = _KINDS[index.internalId() - 1]
        items = self._by_kind[kind]
        return kind, items[index.row()] if index.row() < len(items) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        _kind, item = self._line(index)
        if index.internalId() != _HEADING and item is None:
            return Qt.ItemFlag.NoItemFlags  # "nothing due": shown, greyed, not selectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, item = self._line(index)
        heading = index.internalId() == _HEADING
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if heading:
                return f"{self.heading_title(kind)} ({self.count(kind)})" if column == 0 else None
            if item is None:
                return self.tr("Nothing due.") if column == 0 else None
            return [item.title, item.when(), item.detail][column]
        if role == Qt.ItemDataRole.ToolTipRole and item is not None:
            return f"{item.title}\n{item.detail}"
        if role == Qt.ItemDataRole.FontRole and heading:
            font = QFont()
            font.setBold(True)
            return font
        if role == REMINDER_ROLE:
            return item
        if role == KIND_ROLE:
            return kind.value
        return None


def format_today(day: date) -> str:
    """ "2026年3月1日 星期日" or "Sunday, 1 March 2026", whatever the system's own locale."""
    qdate = QDate(day.year, day.month, day.day)
    if i18n.current_language() == "en":
        return QLocale(QLocale.Language.English).toString(qdate, "dddd, d MMMM yyyy")
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China).toString(qdate, "yyyy年M月d日 dddd")


class HomeTab(QWidget):
    """What needs doing today. The window connects the two signals to the Sessions tab and the employee dialog."""

    session_requested = Signal(int)
    employee_requested = Signal(int)
    loaded = Signal(int)  # after each refresh: how many reminders there are

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setObjectName("home_tab")
        self._db = db
        self._today = today
        self._reminders = LatestQuery(self)

        self.welcome_label = QLabel(self.tr("Welcome back. Here is what needs doing."), self)
        self.welcome_label.setObjectName("welcome_label")
        heading = self.welcome_label.font()
        heading.setPointSizeF(heading.pointSizeF() * 1.4)
        heading.setBold(True)
        self.welcome_label.setFont(heading)
        self.date_label = QLabel(self)
        self.date_label.setObjectName("date_label")
        self.summary_label = QLabel(self.tr("Loading reminders…"), self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)

        self.model = ReminderTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("reminder_tree")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 380)
        header.resizeSection(1, 110)
        self.tree.activated.connect(self.open_line)
        self.tree.selectionModel().selectionChanged.connect(self._sync_buttons)

        style = self.style()
        self.open_session_button = QPushButton(self.tr("Open session"), self)
        self.open_session_button.setObjectName("open_session_button")
        self.open_session_button.clicked.connect(self._open_selected_session)
        self.open_employee_button = QPushButton(self.tr("Open employee"), self)
        self.open_employee_button.setObjectName("open_employee_button")
        self.open_employee_button.clicked.connect(self._open_selected_employee)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refresh_button")
        self.refresh_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.refresh_button.setToolTip(self.tr("Reload the reminders and the charts (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        # Only while the Home tab has the focus: other tabs may give F5 a meaning of their own.
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.notices_button = QPushButton(self.tr("Reminder &notices…"), self)
        self.notices_button.setObjectName("notices_button")
        self.notices_button.setToolTip(
            self.tr("Each department's people with work due or overdue: print, export or e-mail to the heads")
        )
        self.notices_button.clicked.connect(self.show_notices)
        self.updated_label = QLabel(self)
        self.updated_label.setObjectName("updated_label")
        self.updated_label.setEnabled(False)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.welcome_label)
        titles.addWidget(self.date_label)
        top.addLayout(titles, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_session_button)
        buttons.addWidget(self.open_employee_button)
        buttons.addWidget(self.notices_button)
        buttons.addStretch(1)
        buttons.addWidget(self.updated_label)
        hint = QLabel(self.tr("Double-click a line or press Enter to open it."), self)
        hint.setObjectName("home_hint")
        hint.setEnabled(False)
        reminders_part = QWidget(self)
        reminders_layout = QVBoxLayout(reminders_part)
        reminders_layout.setContentsMargins(0, 0, 0, 0)
        reminders_layout.addWidget(self.summary_label)
        reminders_layout.addWidget(self.tree, 1)
        reminders_layout.addLayout(buttons)
        reminders_layout.addWidget(hint)
        self.dashboard = DashboardPanel(db, self, today=today)
        # From 1 October: the people still short of a requirement of this year, each line opening the person.
        self.at_risk = AtRiskPanel(db, self, today=today)
        self.at_risk.employee_requested.connect(self.employee_requested)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("home_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(reminders_part)
        self.splitter.addWidget(self.at_risk)
        self.splitter.addWidget(self.dashboard)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._sync_buttons()
        # The dashboard follows the same areas on its own; a change reloads each part once.
        hub.follow(self, SHOWN_AREAS, self.reload_reminders)
        self.refresh()

    # ---- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the reminders and the charts on the reader pool (F5, the Refresh button); only the newest
        answer is shown."""
        self.dashboard.refresh()
        self.at_risk.refresh()
        self.reload_reminders()

    def reload_reminders(self) -> None:
        today = self._today()
        self.date_label.setText(self.tr("Today {date}").format(date=format_today(today)))
        db = self._db

        def work(_task: Task) -> list[Reminder]:
            with read_only(db) as session:
                return reminders(session, today)

        self._reminders.run(work, self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.summary_label.setText(self.tr("The reminders could not be loaded."))
        feedback.show_error(self, error)

    def _show(self, items: list[Reminder]) -> None:
        self.model.set_reminders(items)
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        counts = reminder_counts(items)
        if not items:
            self.summary_label.setText(self.tr("Nothing due today. Everything is up to date."))
        else:
            self.summary_label.setText(
                self.tr(
                    "{upcoming} session(s) start soon, {due} submission(s) are due, "
                    "{chase} action plan(s) to chase, {overdue} overdue, {stale} session(s) to close."
                ).format(
                    upcoming=counts[ReminderKind.UPCOMING_SESSION],
                    due=counts[ReminderKind.SUBMISSION_DUE],
                    chase=counts[ReminderKind.ACTION_PLAN_CHASE],
                    overdue=counts[ReminderKind.SUBMISSION_OVERDUE],
                    stale=counts[ReminderKind.SESSION_NOT_CLOSED],
                )
            )
        self.updated_label.setText(self.tr("Updated {time}").format(time=f"{datetime.now():%H:%M}"))
        self._sync_buttons()
        self.loaded.emit(len(items))

    def show_notices(self) -> NoticesDialog:
        dialog = NoticesDialog(self._db, self, today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ---- opening records -----------------------------------------------------------------------

    def selected_reminder(self) -> Reminder | None:
        rows = self.tree.selectionModel().selectedRows()
        item = rows[0].data(REMINDER_ROLE) if rows else None
        return item if isinstance(item, Reminder) else None

    def _sync_buttons(self) -> None:
        item = self.selected_reminder()
        self.open_session_button.setEnabled(item is not None)
        self.open_employee_button.setEnabled(item is not None and item.employee_id is not None)

    def open_line(self, index: QModelIndex) -> None:
        """A line about one person opens that employee; a line about a session opens the session."""
        item = index.siblingAtColumn(0).data(REMINDER_ROLE)
        if not isinstance(item, Reminder):
            if index.isValid() and index.parent() == QModelIndex():
                self.tree.setExpanded(index.siblingAtColumn(0), not self.tree.isExpanded(index))
            return
        if item.employee_id is not None:
            self.employee_requested.emit(item.employee_id)
        else:
            self.session_requested.emit(item.session_id)

    def _open_selected_session(self) -> None:
        item = self.selected_reminder()
        if item is not None:
            self.session_requested.emit(item.session_id)

    def _open_selected_employee(self) -> None:
        item = self.selected_reminder()
        if item is not None and item.employee_id is not None:
            self.employee_requested.emit(item.employee_id)
