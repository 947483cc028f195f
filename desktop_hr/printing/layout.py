"""The A4 page every document shares: organisation and title at the top, "第 x 页 / 共 y 页" and the print
time at the bottom, Chinese paragraph styles, official-looking tables and signature lines.

Documents build a list of flowables (a "story") and call `render(...)`; nothing here knows what a
certificate or a sign-in sheet is.
"""

from __future__ import annotations

import contextlib
import enum
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.printing.fonts import register
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.records.report_data import PageSettings

messages.define(
    {
        "print.page_of": ("第 {page} 页 / 共 {pages} 页", "Page {page} / {pages}"),
        "print.printed_at": ("打印时间：{time}", "Printed {time}"),
        "print.signature": ("签字：", "Signature:"),
        "print.date_line": ("日期：", "Date:"),
        "print.cannot_write": (
            "无法保存 “{name}”：{detail}。如果它正在 PDF 阅读器中打开，请先关闭。",
            'Cannot save "{name}": {detail}. If it is open in a PDF viewer, close it first.',
        ),
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


def facts(
    pairs: Sequence[tuple[str, object]], widths: Sequence[float], styles: Styles, columns: int = 2
) -> Table:
    """Label–value pairs in `columns` columns (姓名 张三 · 工号 00012 …), unruled but aligned."""
    label_style = styles.style(10, leading=15)
    value_style = styles.style(10.5, leading=15)
    cells: list[Any] = []
    for name, value in pairs:
        cells += [text(name + "：", label_style), text(value, value_style)]
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


def signature_rows(roles: Sequence[str], styles: Styles, width: float) -> Table:
    """One line per role, one under the other, their blanks aligned: for more roles than fit side by side
    (经办人、部门负责人、人事部门 on a portrait page)."""
    style = styles.style(10.5, leading=18)
    label_width = max(
        stringWidth(role + messages.text("print.signature"), styles.font, 10.5) for role in roles
    )
    label_width += 16  # the cell's own padding, and a little to spare
    rows = [
        [
            text(role + messages.text("print.signature"), style),
            text("_" * 24, style),
            text(f"{messages.text('print.date_line')}______________", style),
        ]
        for role in roles
    ]
    rest = width - label_width
    result = Table(rows, colWidths=[label_width, rest * 0.55, rest * 0.45])
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("TOPPADDING", (0, 0), (-1, -1), 12),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    result.hAlign = "LEFT"
    return result


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


_STREAM_SETTING = threading.Lock()


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Page streams compressed but not also ASCII85-encoded while a document is saved: ReportLab's default
    ASCII85 layer makes them a quarter larger, and its pure-Python encoder took a fifth of the time of a
    1,000-certificate batch. The setting is global to ReportLab, read when pages are written: it is set for
    this save only, one save at a time."""
    with _STREAM_SETTING:
        before = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = before


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
            with _binary_streams():
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


# ---- shared by the record documents (archive card, sheets, reports, certificates) ----------------

Target = Path | BytesIO
PORTRAIT_WIDTH = 169 * mm  # A4 less the margins and the frame's padding (wider tables overflow)
LANDSCAPE_WIDTH = 256 * mm
NO_VALUE = "—"


class CannotWritePdf(DomainError):
    code = "print.cannot_write"


def write_pdf(target: Target, page: Page, story: list[Flowable]) -> int:
    """Render to a file beside `target` and swap it in (a failure leaves no half PDF); returns the pages."""
    if isinstance(target, BytesIO):
        return render(target, page, story)
    target = Path(target)
    temp = target.with_name(f".~{target.stem}.{uuid.uuid4().hex[:8]}.pdf")
    try:
        pages = render(temp, page, story)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise CannotWritePdf(name=target.name, detail=exc.strerror or exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return pages


def amount(value: Decimal | int | None) -> str:
    """3.00 → 3, 1.50 → 1.5: hours, credits and means as a clerk writes them."""
    if value is None:
        return NO_VALUE
    if isinstance(value, int):
        return str(value)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def rate(value: Decimal | None) -> str:
    return NO_VALUE if value is None else f"{amount(value)}%"


def minutes(value: datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"


def span(starts: datetime, ends: datetime) -> str:
    """2025-12-10 14:00 至 18:00, or both dates when the session runs over several days."""
    end = f"{ends:%H:%M}" if ends.date() == starts.date() else minutes(ends)
    return f"{minutes(starts)} 至 {end}"


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def zh(member: enum.Enum | None) -> str:
    """Records are printed in Chinese whatever the window's language, like the Excel formats."""
    return label(member, FORMAT_LANGUAGE)


def yes(flag: bool | None) -> str:
    return "" if flag is None else ("是" if flag else "否")


def ruled_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    *,
    numeric: Iterable[int] = (),
    font_size: float = 9.5,
    row_height: float | None = None,
) -> Table:
    """A ruled table with a shaded header repeated on every page; cells wrap, numbers align right.

    A cell that fits on one line is drawn as a plain string in the embedded font; only longer ones become
    wrapping paragraphs (parsing and wrapping a Paragraph per cell is what made 500 pages slow).
    """
    numbers = set(numeric)
    padding = 6.5  # the table's left and right padding with a little to spare
    leading = font_size * 1.35
    cell = styles.style(font_size, leading=leading)
    number = styles.style(font_size, align=TA_RIGHT, leading=leading)
    head = styles.style(font_size, align=TA_CENTER, leading=leading)

    def fits(content: str, index: int) -> bool:
        return "\n" not in content and stringWidth(content, styles.font, font_size) <= widths[index] - padding

    data: list[list[Any]] = [[h if fits(h, i) else text(h, head) for i, h in enumerate(header)]]
    for row in rows:
        line: list[Any] = []
        for index, value in enumerate(row):
            content = "" if value is None else str(value)
            wrapped = number if index in numbers else cell
            line.append(content if fits(content, index) else text(content, wrapped))
        data.append(line)
    result = Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        rowHeights=None if row_height is None else [None] + [row_height] * len(rows),
    )
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in sorted(numbers)]
    result.setStyle(TableStyle(commands))
    result.hAlign = "LEFT"
    return result


def section(title: str, styles: Styles) -> Paragraph:
    return text(title, styles.style(12, leading=22))


def heading_block(title: str, styles: Styles) -> list[Flowable]:
    return [text(title, styles.title), spacer(3)]


def page_of(settings: PageSettings, title: str, *, landscape: bool = False) -> Page:
    return Page(settings.organisation, title, settings.printed_at, landscape=landscape)


def signature_block(roles: Sequence[str], styles: Styles, width: float = PORTRAIT_WIDTH) -> list[Flowable]:
    return [spacer(6), signature_lines(roles, styles, width)]


def signatures(
    roles: Sequence[str], styles: Styles, width: float = PORTRAIT_WIDTH, *, stacked: bool = False
) -> Flowable:
    """The signature lines kept in one piece (not inside another KeepTogether: it always asks to split);
    `stacked`: one under the other (signature_rows)."""
    if stacked:
        return KeepTogether([spacer(4), signature_rows(roles, styles, width)])
    return KeepTogether(signature_block(roles, styles, width))
