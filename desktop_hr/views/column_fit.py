"""Columns that show their contents: each record table's columns follow what they hold (within a maximum,
so one long value does not push the others out of a 1366-pixel screen), and a value cut short shows whole
in a tool tip. A column the user has resized keeps the user's width."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QToolTip

from desktop_hr.views.qt_compat import AnyIndex

MAX_WIDTH = 340  # a column wider than this elides its text (the tool tip shows it whole)
MIN_WIDTH = 48
ROWS_MEASURED = 300  # rows sampled for a column's width: lazy tables may hold thousands


class ColumnFitter(QObject):
    """Fits the columns of `view` to their contents when its model is set, reset, re-sorted or grows."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.setObjectName("column_fitter")
        self._view = view
        self._model: QAbstractItemModel | None = None
        self._dragging = False  # the user holds a mouse button on the header
        self._user_sized: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setResizeContentsPrecision(ROWS_MEASURED)
        header.sectionCountChanged.connect(self._follow_model)
        header.sectionResized.connect(self._resized)
        self._cells, self._titles = view.viewport(), header.viewport()
        self._cells.installEventFilter(self)
        self._titles.installEventFilter(self)
        view.installEventFilter(self)  # fit again when shown: fonts are final once the view is polished
        self._follow_model()

    def _follow_model(self) -> None:
        model = self._view.model()
        if model is self._model:
            self._timer.start()
            return
        if self._model is not None:
            for signal in (self._model.modelReset, self._model.layoutChanged, self._model.rowsInserted):
                signal.disconnect(self._timer.start)
        self._model = model
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
                signal.connect(self._timer.start)
        self._timer.start()

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if self._dragging:
            self._user_sized.add(column)

    def fit(self) -> None:
        """Every column but a stretched last one: as wide as its header and its widest value, at most
        MAX_WIDTH."""
        view, model = self._view, self._view.model()
        if model is None or model.rowCount() == 0:
            return
        header = view.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        for column in range(model.columnCount()):
            if (
                column in self._user_sized
                or view.isColumnHidden(column)
                or header.sectionResizeMode(column) is not QHeaderView.ResizeMode.Interactive
                or (header.stretchLastSection() and column == last)
            ):
                continue
            wanted = max(view.sizeHintForColumn(column), title_width(view, column))
            view.setColumnWidth(column, min(max(wanted, MIN_WIDTH), MAX_WIDTH))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not hasattr(self, "_titles"):  # the Python side already cleared while its view is torn down
            return False
        kind = event.type()
        if kind == QEvent.Type.Show and watched is not self._cells and watched is not self._titles:
            self._timer.start()
            return False
        if watched is self._titles:
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self._dragging = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._timer_drag_done()
            return False
        if watched is self._cells and kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._view.indexAt(event.pos())
            text = elided_text(self._view, index)
            if text:
                QToolTip.showText(event.globalPos(), text, self._view.viewport())
                return True
        return super().eventFilter(watched, event)

    def _timer_drag_done(self) -> None:
        # after the header's own handling of the release (which may still resize)
        QTimer.singleShot(0, self, self._drag_done)

    def _drag_done(self) -> None:
        self._dragging = False


def elided_text(view: QAbstractItemView, index: AnyIndex) -> str:
    """The whole text of a cell its column cuts short ("" if it fits, or the model gives its own tip)."""
    if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole) not in (None, ""):
        return ""
    value = index.data()
    if value is None:
        return ""
    return str(value) if view.sizeHintForIndex(index).width() > view.visualRect(index).width() else ""


def title_width(view: QTableView, column: int) -> int:
    """What the header needs to show a column's title whole (with the sort arrow, when sortable)."""
    header = view.horizontalHeader()
    model = view.model()
    title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model is not None else ""
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = (
        style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
        if header.isSortIndicatorShown() or view.isSortingEnabled()
        else 0
    )
    return header.fontMetrics().horizontalAdvance(title) + 4 * margin + arrow
