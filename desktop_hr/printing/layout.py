"""The A4 page every document shares: organisation and title at the top, "第 x 页 / 共 y 页" and the print
time at the bottom, Chinese paragraph styles, official-looking tables and signature lines.

Documents build a list of flowables (a "story") and call `render(...)`; nothing here knows what a
certificate or a sign-in sheet is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop_hr import messages
from desktop_hr.printing.fonts import register

messages.define(
    {
        "print.page_of": ("第 {page} 页 / 共 {pages} 页", "Page {page} / {pages}"),
        "print.printed_at": ("打印时间：{time}", "Printed {time}"),
        "print.signature": ("签字：", "Signature:"),
        "print.date_line": ("日期：", "Date:"),
    }
)

MARGIN = 18 * mm
HEADER_LINE = colors.HexColor("#8b0000")  # the dark red of Chinese official documents
GRID = colors.HexColor("#555555")
SHADE = colors.HexColor("#efefef")


@dataclass(frozen=True)
class Page:
    """What every page of one document shows around its content."""

    organisation: str
    title: str
    printed_at: datetime
    landscape: bool = False
    header: bool = True  # certificates draw their own frame instead


@dataclass
class Styles:
    """Paragraph styles in the embedded CJK font (wordWrap CJK: lines may break between any two characters)."""

    font: str = field(default_factory=register)

    def style(
        self, size: float, *, bold: bool = False, align: int = 0, leading: float | None = None
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name=f"s{size}{align}{bold}",
            fontName=self.font,
            fontSize=size,
            leading=leading or size * 1.45,
            alignment=align,
            wordWrap="CJK",
        )

    @property
    def body(self) -> ParagraphStyle:
        return self.style(10.5)

    @property
    def small(self) -> ParagraphStyle:
        return self.style(9)

    @property
    def heading(self) -> ParagraphStyle:
        return self.style(14, align=TA_CENTER, leading=22)

    @property
    def title(self) -> ParagraphStyle:
        return self.style(20, align=TA_CENTER, leading=30)

    @property
    def right(self) -> ParagraphStyle:
        return self.style(10.5, align=TA_RIGHT)


def text(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: a name with "<" or "&" prints as typed)."""
    return Paragraph(escape("" if value is None else str(value)), style)


def nobr(value: str) -> str:
    """Markup that keeps a serial number or code on one line."""
    return f"<nobr>{escape(value)}</nobr>"


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    *,
    numeric: Sequence[int] = (),
    row_height: float | None = None,
    font_size: float = 9.5,
) -> Table:
    """A ruled table with a shaded header repeated on every page; cells wrap, numbers align right."""
    cell = styles.style(font_size, leading=font_size * 1.35)
    number = styles.style(font_size, align=TA_RIGHT, leading=font_size * 1.35)
    head = styles.style(font_size, align=TA_CENTER, leading=font_size * 1.35)
    data: list[list[Any]] = [[text(h, head) for h in header]]
    for row in rows:
        data.append([text(v, number if i in numeric else cell) for i, v in enumerate(row)])
    result = Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        rowHeights=None if row_height is None else [None] + [row_height] * len(rows),
    )
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return result


def facts(
    pairs: Sequence[tuple[str, object]], widths: Sequence[float], styles: Styles, columns: int = 2
) -> Table:
    """Label–value pairs in `columns` columns (姓名 张三 · 工号 00012 …), unruled but aligned."""
    label_style = styles.style(10, leading=15)
    value_style = styles.style(10.5, leading=15)
    cells: list[Any] = []
    for label, value in pairs:
        cells += [text(label + "：", label_style), text(value, value_style)]
    per_row = columns * 2
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    if rows and len(rows[-1]) < per_row:
        rows[-1] += [""] * (per_row - len(rows[-1]))
    result = Table(rows, colWidths=list(widths))
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return result


def signature_lines(roles: Sequence[str], styles: Styles, width: float) -> Table:
    """One signature and date line per role (经办人、部门负责人、人事部门), side by side."""
    style = styles.style(10.5, leading=18)
    cells = [
        text(
            f"{role}{messages.text('print.signature')}________________  {messages.text('print.date_line')}__________",
            style,
        )
        for role in roles
    ]
    result = Table([cells], colWidths=[width / len(roles)] * len(roles))
    result.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.font), ("TOPPADDING", (0, 0), (-1, -1), 14)])
    )
    return result


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def _numbered_canvas(page: Page, font: str) -> type[Canvas]:
    """A canvas that holds every page until the end, so each can say "of y" (ReportLab's two-pass idiom)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#333333"))
            bottom = MARGIN * 0.55
            self.drawString(MARGIN, bottom, page.organisation)
            self.drawCentredString(
                width / 2, bottom, messages.text("print.page_of", page=self._pageNumber, pages=total)
            )
            self.drawRightString(
                width - MARGIN,
                bottom,
                messages.text("print.printed_at", time=f"{page.printed_at:%Y-%m-%d %H:%M}"),
            )
            if page.header:
                top = height - MARGIN * 0.6
                self.setFont(font, 9)
                self.drawString(MARGIN, top, page.organisation)
                self.drawRightString(width - MARGIN, top, page.title)
                self.setStrokeColor(HEADER_LINE)
                self.setLineWidth(0.8)
                self.line(MARGIN, top - 4, width - MARGIN, top - 4)
            self.restoreState()

    return NumberedCanvas


Decorator = Callable[[Canvas, Any], None]


def render(
    target: Path | BytesIO,
    page: Page,
    story: list[Flowable],
    *,
    on_page: Decorator | None = None,
) -> int:
    """Lay `story` out on A4 pages with the shared header and footer; returns the number of pages.

    `on_page` draws extra things under each page's content (a certificate's frame and seal).
    """
    font = register()
    size = landscape(A4) if page.landscape else A4
    doc = SimpleDocTemplate(
        target if isinstance(target, BytesIO) else str(target),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=page.title,
        author=page.organisation,
        creator="desktop_hr",
        initialFontName=font,  # else every page starts in Helvetica, left unembedded in the PDF
    )
    pages = {"count": 0}

    def count(canvas: Canvas, document: Any) -> None:
        pages["count"] = canvas.getPageNumber()
        if on_page is not None:
            on_page(canvas, document)

    doc.build(story, onFirstPage=count, onLaterPages=count, canvasmaker=_numbered_canvas(page, font))
    return pages["count"]
