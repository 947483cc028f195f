"""The Printing tab: type a name, 工号, session or course and get every printable record for it; preview it,
print it, save it as PDF, send a whole batch out with progress and Cancel, and verify a certificate.

The search runs on the reader pool (only the newest answer is shown) and again whenever a write touches
what the documents show (records, training, employees, points), keeping the document selected."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr import paths
from desktop_hr.db import Database, read_only
from desktop_hr.printing.catalogue import Rendered, export_batch, export_excel, has_excel, render_document
from desktop_hr.services.records import print_log
from desktop_hr.services.records.print_log import Output
from desktop_hr.services.records.printables import Printable, Subject, find_printables
from desktop_hr.views import feedback, hub
from desktop_hr.views.exchange.import_dialog import export_to_file, last_folder, remember_folder
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, OperationCancelled, Task, run_in_background
from desktop_hr.views.records.pdf_preview import PdfPreview, print_pdf
from desktop_hr.views.records.verify_dialog import VerifyDialog
from desktop_hr.views.widgets import search_box, setup_record_table

# What the documents show: certificates and the print log, training, people, points.
SHOWN_AREAS = ("records", "training", "employees", "points")


def same_document(a: Printable, b: Printable) -> bool:
    """The same document of the same subject (its texts may have changed: a person renamed)."""
    return (a.document, a.subject, a.subject_id, a.year, a.certificate_id) == (
        b.document,
        b.subject,
        b.subject_id,
        b.year,
        b.certificate_id,
    )


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
            Subject.REQUIREMENT: self.tr("Requirement"),
            Subject.OFFICE: self.tr("Whole office"),
            Subject.COURSE: self.tr("Course"),
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


class PrintingTab(QWidget):
    """Find it fast: the search lists every printable for what was typed; the selected one is previewed.

    Print…, Save as PDF… and Batch… log what really came out (services/print_log).
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printing_tab")
        self._db = db
        self._searches = LatestQuery(self)
        self._preview_serial = 0
        self._previewed: Printable | None = None  # what the preview pane shows (and its file holds)
        self._previewed_details = ""  # what it says, for the print log (a requirement document's verdicts)

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
        hub.follow(self, SHOWN_AREAS, self.refresh)

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ---- searching ------------------------------------------------------------------------------

    def search(self, *, keep: Printable | None = None) -> None:
        """List every printable for the search text now (the box calls this once typing pauses); `keep`
        stays selected if the new list has it."""
        self._search_timer.stop()
        text = self.search_edit.text().strip()
        if not text:
            self._searches.run(lambda _task: [], lambda _found: None)  # drops a search still on its way
            self.model.set_items([])
            self.found_label.setText(self.tr("Type a name, employee no., session code or course title."))
            self._selection_changed()
            return
        db = self._db

        def work(_task: Task) -> list[Printable]:
            with read_only(db) as session:
                return find_printables(session, text, today=date.today(), now=datetime.now())

        def done(found: list[Printable]) -> None:
            self.model.set_items(found)
            self.found_label.setText(
                self.tr("{count} document(s) for “{text}”.").format(count=len(found), text=text)
                if found
                else self.tr("Nothing printable for “{text}”.").format(text=text)
            )
            row = next((r for r, item in enumerate(found) if keep and same_document(item, keep)), None)
            if row is not None:
                self.table.selectRow(row)  # the preview is made again only if the document changed
            else:
                self._selection_changed()

        self._searches.run(work, done)

    def refresh(self) -> None:
        """Search again (what was written may change the list or the selected document's texts)."""
        self.search(keep=self.selected() or self._previewed)

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

        def work(_task: Task) -> Rendered:
            return render_document(self._db, item, target, now=datetime.now())

        def done(rendered: Rendered) -> None:
            if serial != self._preview_serial:
                _remove(target)  # the user moved on meanwhile
                return
            if not self.preview.load(target):
                _remove(target)
                self.status_label.setText(self.tr("The preview could not be shown."))
                return
            self._previewed = item
            self._previewed_details = rendered.details
            self.status_label.setText("")
            self._sync_buttons()

        def failed(error: BaseException) -> None:
            _remove(target)
            if serial != self._preview_serial:
                return
            self.preview.clear(self.tr("This document cannot be printed; see the message."))
            self.status_label.setText(feedback.known_problem(error) or "")
            feedback.show_refusal(self, self.tr("Cannot print {what}").format(what=item.what), error)

        # On the writer: a certificate's preview issues it (its serial number) the first time.
        label = self.tr("Preparing {what} for {whom}").format(what=item.what, whom=item.whom)
        run_in_background(self, work, success=done, failure=failed, label=label)

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

        run_in_background(self, work, success=done, label=self.tr("Recording what was printed"))

    def print_selected(self) -> None:
        item, source = self._previewed, self.preview.path
        if item is None or source is None:
            return
        printed = print_pdf(self, source, title=f"{item.what} {item.whom}")
        if printed is None:
            return  # cancelled, or no printer (said so): nothing recorded
        self._log(
            [
                Output(
                    item.document.value,
                    item.whom,
                    printed.pages,
                    printed.printer,
                    on_printer=True,
                    details=self._previewed_details,
                )
            ],
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
        pages, details = self.preview.page_count(), self._previewed_details

        def work(_task: Task) -> list[int]:
            _copy_whole(source, target)
            return print_log.record(
                self._db.uow(),
                [Output(item.document.value, item.whom, pages, str(target), details=details)],
                at=datetime.now(),
            )

        def done(_ids: list[int]) -> None:
            self.status_label.setText(self.tr("Saved {path}.").format(path=target))

        def failed(error: BaseException) -> None:
            feedback.show_refusal(self, self.tr("Cannot save"), error)

        label = self.tr("Saving {what} as {path}").format(what=item.what, path=target)
        run_in_background(self, work, success=done, failure=failed, label=label)

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
