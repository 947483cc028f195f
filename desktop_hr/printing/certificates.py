"""Certificates on landscape A4, one per page: a dark-red double frame, the title, the office's wording
with the person's name large, organisation, signatory and date, and the serial, verification code and a
QR code ("serial|code") an inspector checks offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import CertificateKind
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import HEADER_LINE, LANDSCAPE_WIDTH, Page, Styles, text, write_pdf
from desktop_hr.services.records.certificates import CertificateView, certificate_title
from desktop_hr.services.records.print_settings import PrintSettings, field_names

messages.define(
    {
        "certificate.batch_title": ("证书", "Certificates"),
        "certificate.serial": ("证书编号：", "Serial: "),
        "certificate.code": ("校验码：", "Verification code: "),
        "certificate.check_hint": (
            "扫描二维码或在培训管理程序中输入编号与校验码核验真伪",
            "Scan the QR code or enter the serial and code in the training program to verify",
        ),
        "certificate.date": ("{year}年{month}月{day}日", "{year}-{month:02d}-{day:02d}"),
        "certificate.where": ("{employee_no} {name} 的{field}", "{field} of {employee_no} {name}"),
        "certificate.field.name": ("姓名", "name"),
        "certificate.field.course": ("课程名称", "course"),
        "certificate.field.session": ("班次编号", "session code"),
        "certificate.field.employee_no": ("工号", "employee no."),
        "certificate.none": ("没有可打印的证书。", "There are no certificates to print."),
    }
)

# The frame fills landscape A4 inside the margins (less the page frame's 6 pt padding): a thick outer
# and a thin inner dark-red line, the content inside the inner one.
OUTER_WIDTH = LANDSCAPE_WIDTH - 12
OUTER_HEIGHT = 168 * mm
GAP = 2 * mm  # between the two lines
INNER_WIDTH = OUTER_WIDTH - 2 * GAP
CONTENT_WIDTH = INNER_WIDTH - 24 * mm
PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
ROWS = (34 * mm, 74 * mm, OUTER_HEIGHT - 2 * GAP - 108 * mm)
QR_SIZE = 30 * mm
QR_QUIET = 4  # modules of white around the code, as the standard asks
QR_MASK = 2  # columns pattern
INK = colors.HexColor("#222222")
GREY = colors.HexColor("#555555")

WORDING = {
    CertificateKind.COMPLETION: "completion_wording",
    CertificateKind.EXCELLENT_TRAINER: "trainer_wording",
    CertificateKind.ANNUAL_CREDITS: "credits_wording",
}


class NothingToPrint(DomainError):
    code = "certificate.none"


def _long_date(day: date) -> str:
    return messages.text("certificate.date", year=day.year, month=day.month, day=day.day)


def _amount(value: Decimal) -> str:
    return f"{value.normalize():f}"


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR matrix of `payload` (any length the standard allows): error correction M, a fixed mask.

    ReportLab's QrCodeWidget picks the best of the eight masks by scoring each, and draws one validated
    shape per module: 33 ms a certificate. Any of the eight masks is valid (the format bits name it).
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, QR_MASK)
    modules: list[list[bool]] = code.modules
    return modules


def qr_path(modules: list[list[bool]], x: float, y: float, size: float) -> str:
    """The code as PDF path operators: one rectangle per run of dark modules, filled once (`f`).

    Written as text directly: ReportLab's path.rect formats each number through its pure-Python fp_str,
    which took more time than everything else on a certificate page."""
    count = len(modules)
    cell = size / (count + 2 * QR_QUIET)
    parts: list[str] = []
    for row, line in enumerate(modules):
        bottom = y + size - (QR_QUIET + row + 1) * cell
        col = 0
        while col < count:
            if not line[col]:
                col += 1
                continue
            start = col
            while col < count and line[col]:
                col += 1
            parts.append(
                f"{x + (QR_QUIET + start) * cell:.3f} {bottom:.3f} {(col - start) * cell:.3f} {cell:.3f} re"
            )
    parts.append("f")
    return "\n".join(parts)


def _values(cert: CertificateView) -> dict[str, str]:
    """Placeholder values as printed; the name large."""
    return {
        "name": f'<font size="26">{escape(cert.name)}</font>',
        "employee_no": escape(cert.employee_no),
        "course": escape(cert.course),
        "session": escape(cert.session_code),
        "date": _long_date(cert.session_date) if cert.session_date else "",
        "hours": _amount(cert.hours),
        "credits": _amount(cert.credits),
        "year": "" if cert.year is None else str(cert.year),
        "sessions": str(cert.sessions),
    }


def _wording(cert: CertificateView, settings: PrintSettings, styles: Styles) -> list[Flowable]:
    template: str = getattr(settings, WORDING[cert.kind])
    style = styles.style(17, align=TA_JUSTIFY, leading=36)
    style.firstLineIndent = 34
    values = _values(cert)
    return [Paragraph(escape(line).format(**values), style) for line in template.splitlines() if line.strip()]


class _Texts:
    """Paragraphs wrapped once per batch: the title, signatory, organisation, date and hint repeat on every
    page; a long organisation still wraps as it would in a table cell."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self._wrapped: dict[tuple[str, float, float, int, float, bool], Paragraph] = {}

    def get(
        self, value: str, size: float, leading: float, align: int, width: float, *, red: bool = False
    ) -> Paragraph:
        key = (value, size, leading, align, width, red)
        found = self._wrapped.get(key)
        if found is None:
            style = self.styles.style(size, align=align, leading=leading)
            if red:
                style.textColor = HEADER_LINE
            found = text(value, style)
            found.wrap(width, OUTER_HEIGHT)
            self._wrapped[key] = found
        return found

    def draw(
        self, canvas: Any, box: tuple[float, float, float], value: str, style: tuple[float, float, int]
    ) -> float:
        """Draw a block in `box` (x, bottom, width) standing on its bottom, as a table cell aligned to the
        bottom; `style` is (size, leading, alignment). Returns its height."""
        x, bottom, width = box
        block = self.get(value, *style, width)
        block.drawOn(canvas, x, bottom)
        return float(block.height)


class CertificatePage(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One certificate drawn straight on the canvas: the double frame, the title, the wording (shrunk to fit
    its box if the office wrote a long one), the QR code with serial and code, the signatory and date.

    The page used to be nested Tables of Paragraphs: sizing them took longer than drawing the page. The
    positions are those tables' (cell paddings of 6 pt left and right, 3 pt top and bottom, included); only
    the wording, which must wrap and justify around the large name, is laid out per page."""

    def __init__(self, cert: CertificateView, settings: PrintSettings, styles: Styles, texts: _Texts) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as the table it replaces: centred in the page's frame
        self.cert = cert
        self.settings = settings
        self.styles = styles
        self.texts = texts

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return OUTER_WIDTH, OUTER_HEIGHT

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(HEADER_LINE)
        canvas.setLineWidth(2.6)
        canvas.rect(0, 0, OUTER_WIDTH, OUTER_HEIGHT)
        canvas.setLineWidth(0.8)
        canvas.rect(GAP, GAP, INNER_WIDTH, OUTER_HEIGHT - 2 * GAP)
        left = (OUTER_WIDTH - CONTENT_WIDTH) / 2
        self._heading(canvas, left)
        self._wording(canvas)
        self._foot(canvas, left, GAP + 7 * mm + 3)
        canvas.restoreState()

    def _heading(self, canvas: Any, left: float) -> None:
        """The title centred between two 40 mm sides, the logo (if any) in the left one, centred on one line."""
        logo = (
            self.settings.logo_path
            if self.settings.logo_path and Path(self.settings.logo_path).is_file()
            else ""
        )
        row_height = max(46.0, 20 * mm if logo else 0.0) + 6
        middle = OUTER_HEIGHT - GAP - 8 * mm - row_height / 2
        name = certificate_title(self.cert.kind)
        spaced = "\u2002".join(name) if not name.isascii() else name
        title = self.texts.get(spaced, 38, 46, TA_CENTER, CONTENT_WIDTH - 80 * mm - 12, red=True)
        title.drawOn(canvas, left + 40 * mm + 6, middle - title.height / 2)
        if logo:
            side = 20 * mm
            canvas.drawImage(
                logo,
                left + 6,
                middle - side / 2,
                side,
                side,
                preserveAspectRatio=True,
                anchor="sw",
                mask="auto",
            )

    def _wording(self, canvas: Any) -> None:
        width, height = CONTENT_WIDTH - 16 * mm, ROWS[1] - 8 * mm
        body = KeepInFrame(width, height, _wording(self.cert, self.settings, self.styles), mode="shrink")
        used_width, used_height = body.wrapOn(canvas, width, height)
        top = OUTER_HEIGHT - GAP - ROWS[0] - 6 * mm
        body.drawOn(canvas, (OUTER_WIDTH - used_width) / 2, top - used_height)

    def _foot(self, canvas: Any, left: float, bottom: float) -> None:
        """QR code, serial, code and hint at the left; signatory, organisation and date at the right; every
        block standing on the same bottom line."""
        cert, settings, texts = self.cert, self.settings, self.texts
        base = bottom + 3
        canvas.setFillColor(colors.black)
        canvas.addLiteral(qr_path(qr_modules(cert.qr_payload), left, base, QR_SIZE))
        x, width = left + QR_SIZE + 3 * mm, 62 * mm - 6
        y = base + texts.draw(
            canvas, (x, base, width), messages.text("certificate.check_hint"), (8, 11, TA_LEFT)
        )
        canvas.setFont(self.styles.font, 10)
        for label, value in (("certificate.code", cert.code), ("certificate.serial", cert.serial)):
            canvas.drawString(x, y + 4, messages.text(label) + value)  # one line each, never wrapped
            y += 15
        x = left + CONTENT_WIDTH - 96 * mm
        label_width, name_width = 52 * mm, 40 * mm
        texts.draw(
            canvas, (x, base, label_width + name_width), _long_date(cert.issued_on), (14, 22, TA_CENTER)
        )
        texts.draw(
            canvas, (x, base + 9 * mm, label_width + name_width), settings.organisation, (14, 22, TA_CENTER)
        )
        line = bottom + 20 * mm
        texts.draw(canvas, (x, line + 3, label_width), settings.signatory_title + "：", (12, 18, TA_RIGHT))
        texts.draw(
            canvas, (x + label_width, line + 3, name_width), settings.signatory_name, (13, 18, TA_CENTER)
        )
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.7)
        canvas.line(x + label_width, line, x + label_width + name_width, line)


def check_certificates(certs: Sequence[CertificateView], settings: PrintSettings) -> None:
    """Refuse (MissingGlyphs) before anything is drawn if any text lacks a glyph in the print font."""
    texts: list[tuple[str, str]] = [
        (getattr(settings, key), label) for key, label in field_names().items() if key != "logo_path"
    ]
    for cert in certs:
        for key, value in (
            ("name", cert.name),
            ("employee_no", cert.employee_no),
            ("course", cert.course),
            ("session", cert.session_code),
        ):
            where = messages.text(
                "certificate.where",
                employee_no=cert.employee_no,
                name=cert.name,
                field=messages.text(f"certificate.field.{key}"),
            )
            texts.append((value, where))
    check_printable(texts)


def render_certificates(
    target: Path | BytesIO,
    certs: Sequence[CertificateView],
    settings: PrintSettings,
    *,
    printed_at: datetime,
) -> int:
    """One certificate per landscape A4 page into `target`; returns the number of pages.

    Every text is checked against the font first (MissingGlyphs names the person; nothing is written).
    """
    if not certs:
        raise NothingToPrint()
    check_certificates(certs, settings)
    styles = Styles()
    texts = _Texts(styles)
    story: list[Flowable] = []
    for index, cert in enumerate(certs):
        if index:
            story.append(PageBreak())
        story.append(CertificatePage(cert, settings, styles, texts))
    kinds = {cert.kind for cert in certs}
    heading = certificate_title(kinds.pop()) if len(kinds) == 1 else messages.text("certificate.batch_title")
    page = Page(settings.organisation, heading, printed_at, landscape=True, header=False)

    return write_pdf(target, page, story)
