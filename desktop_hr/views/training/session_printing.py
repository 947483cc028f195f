"""A session's documents on its page: the blank and filled sign-in sheets, the session report and its
completion certificates, each previewed, saved as PDF or printed through the printing catalogue (what goes
out is recorded in the print log, as from the Printing tab)."""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.models import SessionStatus
from desktop_hr.printing import catalogue
from desktop_hr.services.records import print_log
from desktop_hr.services.records.printables import Document, Printable, gives_certificates, session_printable
from desktop_hr.services.training.sessions import SessionRow
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.operations import Task, run_in_background
from desktop_hr.views.records.pdf_preview import PdfPreview, print_document, save_document_pdf
from desktop_hr.views.records.printing_tab import preview_dir
from desktop_hr.views.roles import permit

SESSION_DOCUMENTS = (
    Document.SIGN_IN_BLANK,
    Document.SIGN_IN_FILLED,
    Document.SESSION_REPORT,
    Document.SESSION_CERTIFICATES,
)


def render_session_document(
    db: Database, document: Document, code: str, target: Path, *, log: bool
) -> tuple[Printable, catalogue.Rendered]:
    """The session's `document` as a PDF at `target` (certificates its attendees lack are issued first);
    with `log`, recorded in the print log. Runs on the worker."""
    with read_only(db) as session:
        item = session_printable(session, document, code)
    rendered = catalogue.render_document(db, item, target, now=datetime.now())
    if log:
        print_log.record(db.uow(), [catalogue.output_of(item, rendered, str(target))], at=datetime.now())
    return item, rendered


def _remove(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(
            OSError
        ):  # still open elsewhere on Windows: the Printing tab clears it later
            path.unlink()


class SessionDocumentDialog(QDialog):
    """One session document drawn in the background and shown; Print… and Save as PDF… from here."""

    def __init__(self, bar: SessionDocuments, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("session_document_dialog")
        self.document = document
        self._bar = bar
        self.item: Printable | None = None
        self._file: Path | None = None
        self.setWindowTitle(bar.document_name(document))
        self.resize(780, 660)  # fits a 1366×768 screen; the pages scroll
        self.preview = PdfPreview(self)
        self.preview.clear(self.tr("Preparing the preview…"))
        self.status_label = QLabel(self)
        self.status_label.setObjectName("session_document_status")
        self.status_label.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("session_document_print_button")
        self.print_button.clicked.connect(lambda: bar.print_document(document))
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.setObjectName("session_document_save_button")
        self.save_button.clicked.connect(lambda: bar.save_pdf(document))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.finished.connect(self._closed)
        self._sync()

    def loaded(self) -> bool:
        return self.item is not None

    def show_file(self, item: Printable, path: Path) -> None:
        self._file = path
        if not self.preview.load(path):
            self.status_label.setText(self.tr("The preview could not be shown."))
            return
        self.item = item
        self.setWindowTitle(self.tr("{what} — {whom}").format(what=item.what, whom=item.whom))
        self._sync()

    def show_refusal(self, error: BaseException) -> None:
        self.preview.clear(self.tr("This document cannot be printed; see the message."))
        self.status_label.setText(feedback.known_problem(error) or "")

    def _sync(self) -> None:
        ready = self.item is not None and self.preview.page_count() > 0
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _closed(self, _result: int) -> None:
        path, self._file = self._file, None
        self.preview.clear()  # the file is free to delete once the document is closed
        _remove(path)


class SessionDocuments(QWidget):
    """A button per document; a click previews it, its menu also saves it as PDF or prints it.

    `show_session(summary, now)` offers what the session has at `now`: the blank sheet always, the filled
    sheet and the report once it has started, the certificates once it is over and someone attended (the
    same rule as the Printing tab's search). Printing needs the print permission; the certificates (which
    printing issues) also need the permission to issue certificates.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("session_documents")
        self._db = db
        self.summary: SessionRow | None = None
        names = {
            Document.SIGN_IN_BLANK: self.tr("Blank sign-in sheet"),
            Document.SIGN_IN_FILLED: self.tr("Filled sign-in sheet"),
            Document.SESSION_REPORT: self.tr("Session report"),
            Document.SESSION_CERTIFICATES: self.tr("Certificates"),
        }
        self._names = names
        self.buttons: dict[Document, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Print:"), self)
        caption.setEnabled(False)
        layout.addWidget(caption)
        for document in SESSION_DOCUMENTS:
            button = QToolButton(self)
            button.setObjectName(f"{document.value}-button".replace("-", "_"))
            button.setText(names[document])
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            button.clicked.connect(partial(self.preview, document))
            menu = QMenu(button)
            menu.setObjectName(f"{button.objectName()}_menu")
            menu.addAction(self.tr("Preview…"), partial(self.preview, document))
            menu.addAction(self.tr("Save as PDF…"), partial(self.save_pdf, document))
            menu.addAction(self.tr("Print…"), partial(self.print_document, document))
            button.setMenu(menu)
            self.buttons[document] = button
            layout.addWidget(button)
        layout.addStretch(1)
        principal = db.principal
        permit(principal, Permission.PRINT, self)
        permit(principal, Permission.ISSUE_CERTIFICATES, self.buttons[Document.SESSION_CERTIFICATES])
        self.show_session(None, datetime.now())

    def document_name(self, document: Document) -> str:
        return self._names[document]

    def show_session(self, summary: SessionRow | None, now: datetime) -> None:
        self.summary = summary
        started = (
            summary is not None and summary.status != SessionStatus.CANCELLED and summary.starts_at <= now
        )
        certificates = summary is not None and gives_certificates(
            summary.status, summary.ends_at, summary.attended, now
        )
        offered = {
            Document.SIGN_IN_BLANK: summary is not None,
            Document.SIGN_IN_FILLED: started,
            Document.SESSION_REPORT: started,
            Document.SESSION_CERTIFICATES: certificates,
        }
        whys = {
            Document.SIGN_IN_BLANK: self.tr("The sheet people sign at the session, with everyone enrolled."),
            Document.SIGN_IN_FILLED: self.tr("Who signed in and when; once the session has started."),
            Document.SESSION_REPORT: self.tr(
                "Attendance, results and feedback; once the session has started."
            ),
            Document.SESSION_CERTIFICATES: self.tr(
                "A completion certificate for everyone who attended (issued now where missing); once the "
                "session is over and someone attended."
            ),
        }
        for document, button in self.buttons.items():
            button.setEnabled(offered[document])
            button.setToolTip(whys[document])

    def enabled_documents(self) -> list[Document]:
        """The documents offered now (the buttons enabled, whether shown or not)."""
        return [document for document, button in self.buttons.items() if button.isEnabled()]

    # ---- preview, save, print ---------------------------------------------------------------------

    def _code(self, document: Document) -> str | None:
        summary = self.summary
        if summary is None or document not in self.enabled_documents():
            return None
        return summary.code

    def preview(self, document: Document) -> SessionDocumentDialog | None:
        code = self._code(document)
        if code is None:
            return None
        dialog = SessionDocumentDialog(self, document, self)
        dialog.finished.connect(dialog.deleteLater)
        target = preview_dir() / f"{uuid.uuid4().hex}.pdf"
        db = self._db

        def work(_task: Task) -> tuple[Printable, catalogue.Rendered]:
            return render_session_document(db, document, code, target, log=False)

        def done(result: tuple[Printable, catalogue.Rendered]) -> None:
            if not shiboken6.isValid(dialog) or not dialog.isVisible():
                _remove(target)  # closed meanwhile
                return
            dialog.show_file(result[0], target)

        def failed(error: BaseException) -> None:
            _remove(target)
            if shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.show_refusal(error)
            feedback.show_refusal(
                self, self.tr("Cannot print {what}").format(what=self.document_name(document)), error
            )

        dialog.open()
        # On the writer: the certificates' preview issues those missing (their serial numbers).
        run_in_background(
            self,
            work,
            success=done,
            failure=failed,
            label=self.tr("Preparing {what}").format(what=self.document_name(document)),
        )
        return dialog

    def save_pdf(self, document: Document) -> None:
        code, summary = self._code(document), self.summary
        if code is None or summary is None:
            return
        db, what = self._db, self.document_name(document)
        save_document_pdf(
            self,
            lambda target: render_session_document(db, document, code, target, log=True),
            what=what,
            suggested_name=f"{what}_{code} {summary.course_title}",
        )

    def print_document(self, document: Document) -> None:
        code, summary = self._code(document), self.summary
        if code is None or summary is None:
            return
        db, what = self._db, self.document_name(document)
        print_document(
            self,
            db,
            lambda temp: render_session_document(db, document, code, temp, log=False),
            title=f"{what} {code} {summary.course_title}",
            progress_label=self.tr("Preparing {what}…").format(what=what),
        )
