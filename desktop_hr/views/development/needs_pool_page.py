"""The training-needs pool (培训需求池): every need with its status, filtered and searched; heads and HR submit
needs, HR edits them, moves them along (linking a course or a session) and deletes them."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QStyle, QTableView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models.development import NeedStatus
from desktop_hr.services.development.needs import NeedRow, delete_need, needs
from desktop_hr.services.labels import label
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.development.need_dialogs import NeedDialog, NeedStatusDialog
from desktop_hr.views.forms import QueryTableModel, follow_lazily, open_dialog
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.roles import allowed, permit
from desktop_hr.views.widgets import (
    EnumCombo,
    filter_combos,
    icon_button,
    local_time_text,
    search_box,
    setup_record_table,
)

AREAS = ("development", "organisation", "training")
SUBMITTED = 7  # the column of the time a need was submitted


class NeedsModel(QueryTableModel[NeedRow]):
    """The pool as the account may see it, with the page's status and search filters."""

    def __init__(self, db: Database, owner: QWidget) -> None:
        super().__init__(db, owner)
        self.status: NeedStatus | None = None
        self.text = ""

    def titles(self) -> list[str]:
        return [
            self.tr("Need"),
            self.tr("Department"),
            self.tr("Competency"),
            self.tr("Status"),
            self.tr("Linked course"),
            self.tr("Session"),
            self.tr("Submitted by"),
            self.tr("Submitted"),
        ]

    def values(self, item: NeedRow) -> list[str]:
        return [
            item.title,
            item.department,
            item.competency,
            label(item.status),
            item.course,
            item.session,
            item.submitted_by,
            local_time_text(item.submitted_at),
        ]

    def tooltip(self, item: NeedRow, column: int) -> str:
        return item.detail if column == 0 and item.detail else self.values(item)[column]

    def read(self) -> Callable[[Session], list[NeedRow]]:
        principal, status, text = self._db.principal, self.status, self.text
        return lambda session: needs(session, principal, status=status, text=text)


class NeedsPoolPage(QWidget):
    """Reads the pool in the background when first shown and whenever a write touches it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needs_pool_page")
        self._db = db
        self.status_combo = EnumCombo(NeedStatus, blank=True, blank_text=self.tr("All statuses"), parent=self)
        self.status_combo.setObjectName("need_status_filter")
        self.search_edit, self._search_timer = search_box(
            self,
            "need_search_edit",
            self.tr("Search need, department or competency"),
            self.refresh,
            timer_name="need_search_timer",
        )
        filter_combos(self.refresh, self.status_combo)
        button = functools.partial(icon_button, self)
        pixmap = QStyle.StandardPixmap
        self.new_button = button("new_need_button", self.tr("New need…"), pixmap.SP_FileIcon, self.new_need)
        self.edit_button = button(
            "edit_need_button", self.tr("Edit…"), pixmap.SP_FileDialogDetailedView, self.edit_need
        )
        self.status_button = button(
            "need_status_button",
            self.tr("Change status…"),
            pixmap.SP_BrowserReload,
            self.change_status,
        )
        self.delete_button = button(
            "delete_need_button", self.tr("Delete…"), pixmap.SP_TrashIcon, self.delete_selected
        )
        principal = db.principal
        permit(principal, Permission.SUBMIT_NEEDS, self.new_button)
        permit(principal, Permission.EDIT_RECORDS, self.edit_button, self.status_button, self.delete_button)

        self.model = NeedsModel(db, self)
        self.model.loaded.connect(self._sync)
        self.table = QTableView(self)
        setup_record_table(self.table, "needs_table", self.model, widths=[240, 150, 100, 70, 160, 90, 90])
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SUBMITTED, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.activated.connect(lambda _index: self._activated())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync())
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("need_detail_label")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("need_count_label")

        top = QHBoxLayout()
        top.addWidget(self.status_combo)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for made in (self.new_button, self.edit_button, self.status_button, self.delete_button):
            buttons.addWidget(made)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)
        self._sync()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    # ---- reading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._search_timer.stop()
        self.follower.stale = False
        status = self.status_combo.value()
        self.model.status = status if isinstance(status, NeedStatus) else None
        self.model.text = self.search_edit.text().strip()
        self.model.reload()

    def loading(self) -> bool:
        return self.model.loading()

    def selected(self) -> NeedRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _sync(self) -> None:
        need = self.selected()
        for made in (self.edit_button, self.status_button):
            made.setEnabled(need is not None)
        self.delete_button.setEnabled(need is not None and need.status in (NeedStatus.NEW, NeedStatus.CLOSED))
        self.count_label.setText(self.tr("{count} need(s)").format(count=self.model.rowCount()))
        if need is None:
            self.detail_label.clear()
            return
        parts = [need.detail or self.tr("(no detail)")]
        if need.note:
            parts.append(self.tr("Note: {note}").format(note=need.note))
        self.detail_label.setText("\n".join(parts))

    def _activated(self) -> None:
        if allowed(self._db.principal, Permission.EDIT_RECORDS):
            self.edit_need()

    # ---- writing ------------------------------------------------------------------------------------

    def new_need(self) -> NeedDialog:
        return open_dialog(NeedDialog(self._db, parent=self))

    def edit_need(self) -> NeedDialog | None:
        need = self.selected()
        if need is None:
            return None
        return open_dialog(NeedDialog(self._db, need, parent=self))

    def change_status(self) -> NeedStatusDialog | None:
        need = self.selected()
        if need is None:
            return None
        return open_dialog(NeedStatusDialog(self._db, need, parent=self))

    def delete_selected(self) -> None:
        need = self.selected()
        if need is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Delete need"),
            self.tr("Delete the need “{title}” from the pool?\nReason (kept in the audit trail):").format(
                title=need.title
            ),
        )
        if not ok:
            return
        db, need_id = self._db, need.id

        def refused(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Cannot delete"), error)

        run_in_background(
            self,
            lambda _task: delete_need(db.uow(), need_id, reason),
            success=lambda _done: None,
            failure=refused,
            label=self.tr("Deleting the need"),
        )
