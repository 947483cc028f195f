"""Small pieces shared by the views: an optional date, a field with its error line, enum combos,
the set-up of a record table (sorted by its headers, if wanted), a debounced search box, filter combos,
a table's Delete action, a stored UTC time shown in local time, and what an empty table says to do first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.services.labels import choices
from desktop_hr.views.column_fit import ColumnFitter
from desktop_hr.views.list_model import SORT_ROLE, ListTableModel

DATE_FORMAT = "yyyy-MM-dd"
SEARCH_DELAY_MS = 150  # typing pauses this long before a search box filters
ROW_HEIGHT = 26


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class OptionalDateEdit(QWidget):
    """A date that may be left blank: the check box says whether there is a date at all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, default: date | None = None) -> None:
        super().__init__(parent)
        self._check = QCheckBox(self)
        self._check.setObjectName("has_date")
        self._check.setToolTip(self.tr("Untick to leave the date blank"))
        self._edit = QDateEdit(self)
        self._edit.setObjectName("date")
        self._edit.setDisplayFormat(DATE_FORMAT)
        self._edit.setCalendarPopup(True)
        self._edit.setMinimumDate(QDate(1900, 1, 1))
        self._edit.setMaximumDate(QDate(2199, 12, 31))
        self._edit.setDate(to_qdate(default or date.today()))
        self._blank = QLabel(self.tr("(blank)"), self)
        self._blank.setObjectName("blank_label")
        self._blank.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._check)
        layout.addWidget(self._edit, 1)
        layout.addWidget(self._blank, 1)
        self._check.toggled.connect(self._sync)
        self._check.toggled.connect(self.changed)
        self._edit.dateChanged.connect(self.changed)
        self._sync(False)

    def _sync(self, checked: bool) -> None:
        self._edit.setVisible(checked)
        self._blank.setVisible(not checked)
        if checked:
            self.setFocusProxy(self._edit)
        else:
            self.setFocusProxy(self._check)

    def value(self) -> date | None:
        return from_qdate(self._edit.date()) if self._check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self._edit.setDate(to_qdate(value))
        self._check.setChecked(value is not None)
        self._sync(value is not None)

    def date_edit(self) -> QDateEdit:
        return self._edit


class EnumCombo(QComboBox):
    """Labels from services.labels.choices; an optional first entry for 'not set' (or 'all' in a filter).

    The members are kept here, not as item data: Qt turns a StrEnum into a plain str on the way in.
    """

    def __init__(
        self, enum_class: type[Any], *, blank: bool, blank_text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._members: list[Any] = []
        if blank:
            self.addItem(blank_text)
            self._members.append(None)
        for member, text in choices(enum_class):
            self.addItem(text)
            self._members.append(member)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._members[index] if 0 <= index < len(self._members) else None

    def set_value(self, member: Any) -> None:
        self.setCurrentIndex(self._members.index(member) if member in self._members else 0)


class FieldBox(QWidget):
    """An editor with a red line under it naming what is wrong (hidden while all is well)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = QLabel(self)
        self.error_label.setObjectName(f"{editor.objectName()}_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)
        self.setFocusProxy(editor)

    def set_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))
        # A dynamic property the style sheet below keys on: the editor gets a red frame.
        self.editor.setProperty("invalid", bool(text))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)


INVALID_FIELD_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"],
QSpinBox[invalid="true"] { border: 1px solid #c62828; }
"""


def setup_record_table(
    view: QTableView,
    name: str,
    model: QAbstractItemModel | None = None,
    *,
    widths: Sequence[int | None] = (),
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
    edit_triggers: QAbstractItemView.EditTrigger = QAbstractItemView.EditTrigger.NoEditTriggers,
) -> QHeaderView:
    """A read-only list of records: whole rows selected, no row numbers, one line a row, the last column
    stretched; `widths` gives the first columns' widths until there are rows (None keeps one as it is),
    then each column fits its contents up to a maximum, a value cut short whole in a tool tip
    (views/column_fit.py). Returns the header."""
    view.setObjectName(name)
    if model is not None:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setEditTriggers(edit_triggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        if width is not None:
            view.setColumnWidth(column, width)
    if view.findChild(ColumnFitter) is None:
        ColumnFitter(view)
    return header


def sorted_table(
    parent: QWidget,
    name: str,
    model: ListTableModel[Any],
    widths: tuple[int, ...],
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A read-only table sorted by clicking its headers (the lists are short: fully loaded models),
    first by its first column in `order`; the proxy also filters, when asked."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView(parent)
    setup_record_table(table, name, proxy, widths=widths)
    table.setSortingEnabled(True)
    table.sortByColumn(0, order)
    return table, proxy


def search_box(
    parent: QWidget, name: str, placeholder: str, search: Callable[[], None], *, timer_name: str = ""
) -> tuple[QLineEdit, QTimer]:
    """A search line that calls `search` once typing pauses (SEARCH_DELAY_MS); the timer is returned so
    that an immediate search can stop a pending one."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    timer = QTimer(parent)
    if timer_name:
        timer.setObjectName(timer_name)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    timer.timeout.connect(search)
    edit.textChanged.connect(lambda _text: timer.start())
    return edit, timer


def filter_combos(changed: Callable[[], None], *combos: QComboBox) -> None:
    """Filter drop-downs: as wide as their texts, `changed` on every choice."""
    for combo in combos:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _index: changed())


def delete_key_action(view: QWidget, text: str, name: str, triggered: Callable[[], object]) -> QAction:
    """An action on `view` for the Delete key, only while the view has the focus (Delete in a search box
    deletes text, not records)."""
    action = QAction(text, view)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda _checked=False: triggered())
    view.addAction(action)
    return action


def local_time_text(utc: datetime) -> str:
    """A time stored in UTC (naive), as the clock on this computer shows it."""
    return utc.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def icon_button(
    parent: QWidget, name: str, text: str, icon: QStyle.StandardPixmap, slot: Callable[[], object]
) -> QPushButton:
    """A tab's command button: named for tests and screenshots, with the style's standard icon."""
    made = QPushButton(text, parent)
    made.setObjectName(name)
    made.setIcon(parent.style().standardIcon(icon))
    made.clicked.connect(lambda _checked: slot())
    return made


class EmptyHint(QFrame):
    """Over an empty table's rows (its header stays): what to do first, and buttons that do it. The owner
    says when it applies (`set_shown`): on a table that is empty, not one a filter emptied."""

    def __init__(self, table: QAbstractItemView, name: str, text: str) -> None:
        super().__init__(table)
        self.setObjectName(name)
        self.setAutoFillBackground(True)
        self._table = table
        self.label = QLabel(text, self)
        self.label.setObjectName(f"{name}_text")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A wrapped label in a box laid out by hand: its size said outright, or the layout squeezes it.
        self.label.setFixedWidth(520)
        self.label.setFixedHeight(self.label.heightForWidth(520))
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addLayout(self._buttons)
        layout.addStretch(2)
        table.viewport().installEventFilter(self)
        self.hide()

    def add_button(self, name: str, text: str, clicked: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: clicked())
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button

    def set_shown(self, shown: bool) -> None:
        if shown:
            self.setGeometry(self._table.viewport().geometry())
            self.raise_()
        self.setVisible(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.setGeometry(self._table.viewport().geometry())
        return False
