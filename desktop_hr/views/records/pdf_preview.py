"""A PDF shown inside the program (QtPdf) with page navigation and zoom, and printing a PDF through the
system print dialog: each page rendered at the printer's resolution and painted on the QPrinter."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database
from desktop_hr.printing import catalogue
from desktop_hr.services.records import print_log
from desktop_hr.services.records.printables import Printable, safe_file_name
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import last_folder, remember_folder
from desktop_hr.views.operations import run_in_background

ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 4.0
POINTS_PER_INCH = 72.0


class PdfPreview(QWidget):
    """One PDF at a time: pages one under the other, fitted to the width until the user zooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.document = QPdfDocument(self)
        self.document.setObjectName("preview_document")
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)

        self.placeholder = QLabel(self.tr("Select a document to see it here."), self)
        self.placeholder.setObjectName("preview_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("preview_stack")
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        self.previous_button = self._tool("previous_page", "‹", self.tr("Previous page"), self.previous_page)
        self.next_button = self._tool("next_page", "›", self.tr("Next page"), self.next_page)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("page_label")
        self.zoom_out_button = self._tool("zoom_out", "−", self.tr("Zoom out"), self.zoom_out)
        self.zoom_in_button = self._tool("zoom_in", "+", self.tr("Zoom in"), self.zoom_in)
        self.fit_width_button = self._tool(
            "fit_width", self.tr("Width"), self.tr("Fit the page width"), self.fit_width
        )
        self.fit_page_button = self._tool(
            "fit_page", self.tr("Page"), self.tr("Show whole pages"), self.fit_page
        )

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.view.pageNavigator().currentPageChanged.connect(self._sync)
        self.document.pageCountChanged.connect(self._sync)
        self._path: Path | None = None
        self._sync()

    def _tool(self, name: str, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # ---- the document ---------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The file shown, or None."""
        return self._path

    def load(self, path: Path) -> bool:
        """Show the PDF at `path` from its first page; False (and nothing shown) if it cannot be read."""
        self.document.close()
        self._path = None
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.document.close()
            self._sync()
            return False
        self._path = path
        self.stack.setCurrentWidget(self.view)
        self.go_to(0)
        self._sync()
        return True

    def clear(self, message: str | None = None) -> None:
        """Close the document (its file is then free to delete) and show `message` instead."""
        self.document.close()
        self._path = None
        self.placeholder.setText(message or self.tr("Select a document to see it here."))
        self.stack.setCurrentWidget(self.placeholder)
        self._sync()

    def page_count(self) -> int:
        return self.document.pageCount() if self._path is not None else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    # ---- navigation and zoom --------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        count = self.page_count()
        if count:
            navigator = self.view.pageNavigator()
            navigator.jump(max(0, min(page, count - 1)), QPointF(), navigator.currentZoom())

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def zoom_in(self) -> None:
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            # The fitted zoom is not reported as a factor: start from what is on screen.
            factor = self._fitted_factor() * (factor / max(self.view.zoomFactor(), 1e-6))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))

    def _fitted_factor(self) -> float:
        """The zoom a fitted page has now: viewport width over the page's width on screen at 100%."""
        if not self.page_count():
            return 1.0
        points = self.document.pagePointSize(self.current_page())
        page_pixels = points.width() * self.logicalDpiX() / POINTS_PER_INCH
        return max(self.view.viewport().width() - 12, 1) / max(page_pixels, 1.0)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _sync(self, *_changed: int) -> None:
        if not shiboken6.isValid(self.document) or not shiboken6.isValid(self.page_label):
            return  # the document closes itself while this widget is being destroyed
        count = self.page_count()
        page = self.current_page() if count else -1
        self.page_label.setText(
            self.tr("Page {page} / {pages}").format(page=page + 1, pages=count) if count else ""
        )
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(count > 0 and page < count - 1)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            button.setEnabled(count > 0)


# ---- printing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """What went to the printer: its name (or the file of "print to file") and the pages sent."""

    printer: str
    pages: int


def _page_orientation(document: QPdfDocument, page: int) -> QPageLayout.Orientation:
    size = document.pagePointSize(page)
    if size.width() > size.height():
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def _paint_pages(printer: QPrinter, document: QPdfDocument, pages: list[int]) -> bool:
    """Each page rendered at the printer's resolution, fitted to the paper (the PDF has its own margins)."""
    printer.setFullPage(True)
    printer.setPageOrientation(_page_orientation(document, pages[0]))
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = printer.resolution()
        for index, page in enumerate(pages):
            if index:
                printer.setPageOrientation(_page_orientation(document, page))
                if not printer.newPage():
                    return False
            paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            points = document.pagePointSize(page)
            scale = min(
                paper.width() / (points.width() * dpi / POINTS_PER_INCH),
                paper.height() / (points.height() * dpi / POINTS_PER_INCH),
            )
            width = points.width() * dpi / POINTS_PER_INCH * scale
            height = points.height() * dpi / POINTS_PER_INCH * scale
            image = document.render(page, QSize(round(width), round(height)))
            target = QRectF((paper.width() - width) / 2, (paper.height() - height) / 2, width, height)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def print_pdf(parent: QWidget | None, path: Path, *, title: str = "") -> Printed | None:
    """The system print dialog for the PDF at `path`, then every chosen page on the chosen printer.

    None when nothing was printed: no printer installed (said so), the dialog cancelled (silently),
    or the printer refused to start (said so). Only a non-None result may be logged as printed.
    """
    if not QPrinterInfo.availablePrinters():
        QMessageBox.warning(
            parent,
            QApplication.translate("PdfPrinting", "Cannot print"),
            QApplication.translate(
                "PdfPrinting",
                "No printer is installed on this computer. Install one, or use Save as PDF… and print the file elsewhere.",
            ),
        )
        return None
    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
            QMessageBox.warning(
                parent,
                QApplication.translate("PdfPrinting", "Cannot print"),
                QApplication.translate("PdfPrinting", "The document {path} cannot be read.").format(
                    path=path
                ),
            )
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title or path.stem)
        dialog = QPrintDialog(printer, parent)
        dialog.setObjectName("print_dialog")
        dialog.setWindowTitle(
            QApplication.translate("PdfPrinting", "Print {title}").format(title=title or path.stem)
        )
        dialog.setMinMax(1, document.pageCount())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        first, last = printer.fromPage(), printer.toPage()
        if first == 0 and last == 0:
            first, last = 1, document.pageCount()
        pages = list(range(max(first, 1) - 1, min(last, document.pageCount())))
        if not pages:
            return None
        if not _paint_pages(printer, document, pages):
            QMessageBox.warning(
                parent,
                QApplication.translate("PdfPrinting", "Cannot print"),
                QApplication.translate(
                    "PdfPrinting",
                    "The printer {name} could not start printing. Check that it is on and connected.",
                ).format(name=printer.printerName() or printer.outputFileName()),
            )
            return None
        return Printed(printer.printerName() or printer.outputFileName(), len(pages))
    finally:
        document.close()
        document.deleteLater()


def print_document(
    parent: QWidget,
    db: Database,
    render: Callable[[Path], tuple[Printable, catalogue.Rendered]],
    *,
    title: str,
    progress_label: str,
) -> None:
    """A catalogue document drawn into a temporary PDF in the background (`render(target)`), then the system's
    print dialog; what went to the printer (pages, printer) is recorded in the print log, and the temporary
    file is removed whatever happens."""
    temp = Path(tempfile.gettempdir()) / f"desktop_hr-{uuid.uuid4().hex}.pdf"

    def ready(result: tuple[Printable, catalogue.Rendered]) -> None:
        item, rendered = result
        printed = print_pdf(parent, temp, title=title)
        if printed is None:  # cancelled, or no printer (said so): nothing to record
            temp.unlink(missing_ok=True)
            return
        output = catalogue.output_of(
            item, replace(rendered, pages=printed.pages), printed.printer, on_printer=True
        )
        run_in_background(
            parent,
            lambda _task: print_log.record(db.uow(), [output], at=datetime.now()),
            success=lambda _ids: temp.unlink(missing_ok=True),
        )

    def refused(error: BaseException) -> None:
        temp.unlink(missing_ok=True)
        feedback.show_refusal(parent, QApplication.translate("PdfPrinting", "Cannot print"), error)

    run_in_background(
        parent, lambda _task: render(temp), success=ready, failure=refused, progress_label=progress_label
    )


def save_document_pdf(
    parent: QWidget,
    render: Callable[[Path], tuple[Printable, catalogue.Rendered]],
    *,
    what: str,
    suggested_name: str,
) -> None:
    """Ask where, then draw the catalogue document there in the background (`render(target)` records it in
    the print log) and say how many pages went where."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QApplication.translate("PdfPrinting", "Save {what} as PDF").format(what=what),
        str(Path(last_folder()) / f"{safe_file_name(suggested_name)}.pdf"),
        QApplication.translate("PdfPrinting", "PDF document (*.pdf)"),
    )
    if not chosen:
        return
    remember_folder(chosen)
    target = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")

    def done(result: tuple[Printable, catalogue.Rendered]) -> None:
        feedback.inform(
            parent,
            QApplication.translate("PdfPrinting", "Saved"),
            QApplication.translate("PdfPrinting", "Saved {what} ({pages} page(s)) to\n{path}").format(
                what=what, pages=result[1].pages, path=target
            ),
        )

    run_in_background(
        parent,
        lambda _task: render(target),
        success=done,
        failure=lambda error: feedback.show_refusal(
            parent, QApplication.translate("PdfPrinting", "Cannot save"), error
        ),
        progress_label=QApplication.translate("PdfPrinting", "Writing {what}…").format(what=what),
    )
