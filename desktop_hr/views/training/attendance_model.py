"""The sign-in grid's table: one row per person, the status cell editable through a drop-down of the five
statuses, late / absent / excused in colour."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_hr.models import AttendanceStatus
from desktop_hr.services.labels import choices, label
from desktop_hr.services.training.attendance import AttendanceRow
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.qt_compat import AnyIndex

STATUS_COLOURS = {
    AttendanceStatus.LATE: QColor("#e65100"),
    AttendanceStatus.ABSENT: QColor("#c62828"),
    AttendanceStatus.EXCUSED: QColor("#6a1b9a"),
}
TIME_FORMAT = "%H:%M"
OTHER_DAY_FORMAT = "%m-%d %H:%M"


class AttendanceTableModel(ListTableModel[AttendanceRow]):
    """One row per person; the status column is editable (the delegate offers the five statuses)."""

    STATUS_COLUMN = 3
    # (employee id, status chosen in the cell): the panel writes it and refreshes.
    status_edited = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session_day: datetime | None = None  # times on another day show their date too

    def titles(self) -> list[str]:
        return [
            self.tr("Employee No"),
            self.tr("Name"),
            self.tr("Department"),
            self.tr("Status"),
            self.tr("Signed in at"),
            self.tr("Method"),
        ]

    def values(self, row: AttendanceRow) -> list[str]:
        return [
            row.employee_no,
            row.name if row.enrolled else self.tr("{name} (not enrolled)").format(name=row.name),
            row.department,
            label(row.status),
            self._time(row.signed_in_at),
            label(row.method) if row.method is not None else "",
        ]

    def _time(self, at: datetime | None) -> str:
        if at is None:
            return ""
        same_day = self.session_day is not None and at.date() == self.session_day.date()
        return at.strftime(TIME_FORMAT if same_day else OTHER_DAY_FORMAT)

    def sort_value(self, item: AttendanceRow, column: int) -> Any:
        if column == 4:
            return item.signed_in_at.isoformat() if item.signed_in_at else ""
        return super().sort_value(item, column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.STATUS_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            status = self.item(index.row()).status
            colour = STATUS_COLOURS.get(status) if status is not None else None
            return QBrush(colour) if colour is not None and index.column() == self.STATUS_COLUMN else None
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == self.STATUS_COLUMN:
            status = self.item(index.row()).status if 0 <= index.row() < self.rowCount() else None
            return status.value if status is not None else ""
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.STATUS_COLUMN:
            return False
        try:
            status = AttendanceStatus(value)
        except ValueError:
            return False
        row = self.item(index.row())
        if status is not row.status:
            self.status_edited.emit(row.employee_id, status)
        return True


class StatusDelegate(QStyledItemDelegate):
    """A drop-down of the five statuses in the status cell."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QComboBox(parent)
        editor.setObjectName("status_editor")
        for member, text in choices(AttendanceStatus):
            editor.addItem(text, member.value)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
