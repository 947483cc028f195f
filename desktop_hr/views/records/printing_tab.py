"""The Printing tab: type a name, 工号, session or course and get every printable record for it; preview it,
print it, save it as PDF, send a whole batch out with progress and Cancel, and verify a certificate."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr import paths
from desktop_hr.db import Database, read_only
from desktop_hr.printing.catalogue import export_batch, export_excel, has_excel, render
from desktop_hr.services.records import print_log
from desktop_hr.services.records.certificates import Verification, VerifyStatus, revoke, verify
from desktop_hr.services.records.print_log import Output
from desktop_hr.services.records.printables import Printable, Subject, find_printables
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import export_to_file, last_folder, remember_folder
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import OperationCancelled, Task, run_in_background
from desktop_hr.views.records.pdf_preview import PdfPreview, print_pdf
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import search_box, setup_record_table

GENUINE_COLOUR = QColor("#2e7d32")
REFUSED_COLOUR = QColor("#c62828")


def preview_dir() -> Path:
    """Where previews are written (data folder/preview), created on demand."""
    folder = paths.data_dir() / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):  # still open in a viewer on Windows: left for the next start
            path.unlink()


def _copy_whole(source: Path, target: Path) -> None:
    """Copy beside `target`, then swap it in: the target is never half-written."""
    temp = target.with_name(f".~{target.stem}.{uuid.uuid4().hex[:8]}.pdf")
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    finally:
        _remove(temp)


class PrintablesModel(ListTableModel[Printable]):
    """What, for whom, and the kind of subject (a batch says so)."""

    def titles(self) -> list[str]:
        return [self.tr("Document"), self.tr("For"), self.tr("Kind")]

    def values(self, item: Printable) -> list[str]:
        kinds = {
            Subject.PERSON: self.tr("Person"),
            Subject.SESSION: self.tr("Session"),
            Subject.DEPARTMENT: self.tr("Department"),
        }
        kind = kinds[item.subject]
        if item.batch:
            kind = self.tr("{kind} · batch").format(kind=kind)
        return [item.what, item.whom, kind]


class BatchDialog(QDialog):
    """One PDF, or one file per person in a folder: `chosen(per_person)` once OK is pressed."""

    chosen = Signal(bool)

    def __init__(self, item: Printable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batch_dialog")
        self.setWindowTitle(self.tr("Batch"))
        intro = QLabel(self.tr("{what} — {whom}").format(what=item.what, whom=item.whom), self)
        intro.setObjectName("batch_subject")
        intro.setWordWrap(True)
        self.one_file_radio = QRadioButton(self.tr("All in one PDF file"), self)
        self.one_file_radio.setObjectName("one_file_radio")
        self.per_person_radio = QRadioButton(self.tr("One PDF file per person, into a folder"), self)
        self.per_person_radio.setObjectName("per_person_radio")
        self.one_file_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.one_file_radio)
        group.addButton(self.per_person_radio)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("batch_buttons")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.one_file_radio)
        layout.addWidget(self.per_person_radio)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        self.accept()
        self.chosen.emit(self.per_person_radio.isChecked())


class VerifyDialog(QDialog):
    """Serial and code as printed (or the QR code's text "serial|code") → genuine, revoked, unknown, altered."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle(self.tr("Verify a certificate"))
        self._db = db
        self.serial_edit = QLineEdit(self)
        self.serial_edit.setObjectName("serial_edit")
        self.serial_edit.setPlaceholderText(self.tr("e.g. JY2026-000012, or the QR code's text"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setPlaceholderText(self.tr("e.g. ABCD-EFGH-IJKL-MNOP"))
        self.result_label = QLabel(self)
        self.result_label.setObjectName("verify_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setObjectName("verify_button")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.check)
        self.revoke_button = QPushButton(self.tr("Revoke…"), self)
        self.revoke_button.setObjectName("revoke_button")
        self.revoke_button.setToolTip(self.tr("Withdraw a genuine certificate; its record is kept"))
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_shown)
        permit(db.principal, Permission.ISSUE_CERTIFICATES, self.revoke_button)  # verifying: everyone
        self._shown: Verification | None = None
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.setObjectName("verify_close")
        close.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Serial number"), self.serial_edit)
        form.addRow(self.tr("Verification code"), self.code_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.revoke_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addLayout(bottom)
        self.resize(460, self.sizeHint().height())

    def check(self) -> None:
        serial, code = self.serial_edit.text().strip(), self.code_edit.text().strip()
        if not serial:
            self.serial_edit.setFocus()
            return
        self.verify_button.setEnabled(False)

        def work(_task: Task) -> Verification:
            with read_only(self._db) as session:
                return verify(session, serial, code or None)

        def failed(error: BaseException) -> None:
            self.verify_button.setEnabled(True)
            feedback.show_error(self, error)

        run_in_background(self, work, success=self._show, failure=failed)

    def revoke_shown(self) -> None:
        """Revoke the certificate just verified as genuine, with a reason; then verify it again."""
        result = self._shown
        if result is None or result.status != VerifyStatus.GENUINE:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Revoke certificate"),
            self.tr("Why is {serial} revoked?").format(serial=result.serial),
        )
        if not ok:
            return
        db = self._db

        def work(_task: Task) -> None:
            revoke(db.uow(), result.serial, reason, at=datetime.now())

        run_in_background(
            self,
            work,
            success=lambda _none: self.check(),
            failure=lambda error: feedback.show_refusal(self, self.tr("Not revoked"), error),
        )

    def _show(self, result: Verification) -> None:
        self.verify_button.setEnabled(True)
        self._shown = result
        self.revoke_button.setEnabled(result.status == VerifyStatus.GENUINE)
        lines = [result.message()]
        view = result.certificate
        if view is not None and result.status != VerifyStatus.ALTERED:
            lines.append(
                self.tr("Holder: {name} ({no}), issued {issued}").format(
                    name=view.name, no=view.employee_no, issued=view.issued_on.isoformat()
                )
            )
            if view.course:
                lines.append(self.tr("Course: {course}").format(course=view.course))
        palette = self.result_label.palette()
        colour = GENUINE_COLOUR if result.status == VerifyStatus.GENUINE else REFUSED_COLOUR
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.result_label.setPalette(palette)
        self.result_label.setProperty("status", result.status.value)
        self.result_label.setText("\n".join(lines))


class PrintingTab(QWidget):
    """Find it fast: the search lists every printable for what was typed; the selected one is previewed.

    Print…, Save as PDF… and Batch… log what really came out (services/print_log).
    """

    printed = Signal()  # after anything was logged as printed or saved

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printing_tab")
        self._db = db
        self._search_serial = 0
        self._preview_serial = 0
        self._previewed: Printable | None = None  # what the preview pane shows (and its file holds)

        self.search_edit, self._search_timer = search_box(
            self,
            "printing_search_edit",
            self.tr("Name, employee no., session code or course title"),
            self.search,
            timer_name="printing_search_timer",
        )
        self.verify_button = self._button(
            "verify_certificate_button", self.tr("Verify certificate…"), self.open_verify
        )

        self.model = PrintablesModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "printables_table", self.model, widths=(160, 215))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.found_label = QLabel(self)
        self.found_label.setObjectName("found_label")
        self.found_label.setWordWrap(True)

        self.preview = PdfPreview(self)
        self.print_button = self._button("print_button", self.tr("Print…"), self.print_selected)
        self.save_button = self._button("save_pdf_button", self.tr("Save as PDF…"), self.save_selected)
        self.excel_button = self._button(
            "export_excel_button", self.tr("Export to Excel…"), self.export_selected
        )
        self.batch_button = self._button("batch_button", self.tr("Batch…"), self.batch_selected)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("printing_status")
        self.status_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Find:"), self))
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.verify_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.found_label)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.excel_button)
        buttons.addWidget(self.batch_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.status_label)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("printing_splitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        _clear_previews(preview_dir())
        self._sync_buttons()
        self.found_label.setText(self.tr("Type a name, employee no., session code or course title."))

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ---- searching ------------------------------------------------------------------------------

    def search(self) -> None:
        """List every printable for the search text now (the box calls this once typing pauses)."""
        self._search_timer.stop()
        text = self.search_edit.text().strip()
        self._search_serial += 1
        serial = self._search_serial
        if not text:
            self.model.set_items([])
            self.found_label.setText(self.tr("Type a name, employee no., session code or course title."))
            self._selection_changed()
            return

        def work(_task: Task) -> list[Printable]:
            with read_only(self._db) as session:
                return find_printables(session, text, today=date.today())

        def done(found: list[Printable]) -> None:
            if serial != self._search_serial:
                return  # a later search is on its way
            self.model.set_items(found)
            self.found_label.setText(
                self.tr("{count} document(s) for “{text}”.").format(count=len(found), text=text)
                if found
                else self.tr("Nothing printable for “{text}”.").format(text=text)
            )
            self._selection_changed()

        run_in_background(self, work, success=done)

    def selected(self) -> Printable | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    # ---- preview ----------------------------------------------------------------------------------

    def _selection_changed(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        item = self.selected()
        if item is None:
            self._show_nothing()
            return
        if item == self._previewed:
            return
        self._preview(item)

    def _show_nothing(self, message: str | None = None) -> None:
        self._preview_serial += 1
        old = self.preview.path
        self.preview.clear(message)
        _remove(old)
        self._previewed = None
        self._sync_buttons()

    def _preview(self, item: Printable) -> None:
        self._show_nothing(self.tr("Preparing the preview…"))
        serial = self._preview_serial
        target = preview_dir() / f"{uuid.uuid4().hex}.pdf"
        self.status_label.setText(
            self.tr("Preparing {what} for {whom}…").format(what=item.what, whom=item.whom)
        )

        def work(_task: Task) -> int:
            return render(self._db, item, target, now=datetime.now())

        def done(_pages: int) -> None:
            if serial != self._preview_serial:
                _remove(target)  # the user moved on meanwhile
                return
            if not self.preview.load(target):
                _remove(target)
                self.status_label.setText(self.tr("The preview could not be shown."))
                return
            self._previewed = item
            self.status_label.setText("")
            self._sync_buttons()

        def failed(error: BaseException) -> None:
            _remove(target)
            if serial != self._preview_serial:
                return
            self.preview.clear(self.tr("This document cannot be printed; see the message."))
            self.status_label.setText(feedback.known_problem(error) or "")
            feedback.show_refusal(self, self.tr("Cannot print {what}").format(what=item.what), error)

        run_in_background(self, work, success=done, failure=failed)

    def _sync_buttons(self) -> None:
        ready = self._previewed is not None and self.preview.page_count() > 0
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.excel_button.setEnabled(ready and self._previewed is not None and has_excel(self._previewed))
        self.batch_button.setEnabled(ready and self._previewed is not None and self._previewed.batch)

    # ---- printing, saving, batches ------------------------------------------------------------

    def _log(self, outputs: list[Output], done_text: str) -> None:
        """Record in the print log on the worker (the outputs exist by now), then say `done_text`."""

        def work(_task: Task) -> list[int]:
            return print_log.record(self._db.uow(), outputs, at=datetime.now())

        def done(_ids: list[int]) -> None:
            self.status_label.setText(done_text)
            self.printed.emit()

        run_in_background(self, work, success=done)

    def print_selected(self) -> None:
        item, source = self._previewed, self.preview.path
        if item is None or source is None:
            return
        printed = print_pdf(self, source, title=f"{item.what} {item.whom}")
        if printed is None:
            return  # cancelled, or no printer (said so): nothing recorded
        self._log(
            [Output(item.document.value, item.whom, printed.pages, printed.printer, on_printer=True)],
            self.tr("Sent {pages} page(s) to {printer}.").format(
                pages=printed.pages, printer=printed.printer
            ),
        )

    def _ask_pdf_path(self, title: str, item: Printable) -> Path | None:
        """Where to save, suggesting the document's own name in the last folder used; None if cancelled."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(Path(last_folder()) / item.file_name()), self.tr("PDF document (*.pdf)")
        )
        if not chosen:
            return None
        remember_folder(chosen)
        return Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")

    def save_selected(self) -> None:
        """Save exactly what the preview shows as a PDF where the user says."""
        item, source = self._previewed, self.preview.path
        if item is None or source is None:
            return
        target = self._ask_pdf_path(self.tr("Save as PDF"), item)
        if target is None:
            return
        pages = self.preview.page_count()

        def work(_task: Task) -> list[int]:
            _copy_whole(source, target)
            return print_log.record(
                self._db.uow(),
                [Output(item.document.value, item.whom, pages, str(target))],
                at=datetime.now(),
            )

        def done(_ids: list[int]) -> None:
            self.status_label.setText(self.tr("Saved {path}.").format(path=target))
            self.printed.emit()

        def failed(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Cannot save"), error)

        run_in_background(self, work, success=done, failure=failed)

    def export_selected(self) -> None:
        """The previewed report's content as an Excel workbook."""
        item = self._previewed
        if item is None or not has_excel(item):
            return
        db = self._db
        export_to_file(
            self,
            db,
            item.what,
            lambda _session, target, _progress: export_excel(db, item, Path(target), now=datetime.now()),
        )

    def batch_selected(self) -> None:
        item = self._previewed
        if item is None or not item.batch:
            return
        dialog = BatchDialog(item, self)
        dialog.chosen.connect(lambda per_person: self._run_batch(item, per_person))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _run_batch(self, item: Printable, per_person: bool) -> None:
        if per_person:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the files"), last_folder())
            if not folder:
                return
            target = Path(folder)
            remember_folder(str(target / "x"))
        else:
            one_file = self._ask_pdf_path(self.tr("Save the batch as one PDF"), item)
            if one_file is None:
                return
            target = one_file
        now = datetime.now()

        def work(task: Task) -> list[Output]:
            outputs = export_batch(
                self._db,
                item,
                target,
                per_person=per_person,
                now=now,
                progress=task.progress,
                check_cancelled=task.check_cancelled,
            )
            print_log.record(self._db.uow(), outputs, at=datetime.now())
            return outputs

        def done(outputs: list[Output]) -> None:
            pages = sum(o.pages for o in outputs)
            self.status_label.setText(
                self.tr("Saved {files} file(s), {pages} page(s), to {path}.").format(
                    files=len(outputs), pages=pages, path=target
                )
            )
            self.printed.emit()

        def failed(error: BaseException) -> None:
            if isinstance(error, OperationCancelled):
                self.status_label.setText(self.tr("Batch cancelled: nothing was saved."))
                return
            feedback.show_refusal(self, self.tr("Cannot save the batch"), error)

        run_in_background(
            self,
            work,
            success=done,
            failure=failed,
            progress_label=self.tr("Writing {what} for {whom}…").format(what=item.what, whom=item.whom),
            cancellable=True,
        )

    # ---- verifying ---------------------------------------------------------------------------

    def open_verify(self) -> VerifyDialog:
        dialog = VerifyDialog(self._db, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


def _clear_previews(folder: Path) -> None:
    """Previews are throw-away: remove what an earlier run or this tab left (files still open stay)."""
    for old in folder.glob("*.pdf"):
        _remove(old)
