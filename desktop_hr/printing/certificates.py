"""Certificates on landscape A4, one per page: a dark-red double frame, the title, the office's wording
with the person's name large, organisation, signatory and date, and the serial, verification code, the
office key's fingerprint and a QR code carrying the signed claims (services/records/claims.py) an inspector
checks with only the office's public key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import CertificateKind
from desktop_hr.printing import qr
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import HEADER_LINE, LANDSCAPE_WIDTH, Page, Styles, text, write_pdf
from desktop_hr.services.records.certificates import CertificateView, certificate_title
from desktop_hr.services.records.print_settings import PrintSettings, field_names

messages.define(
    {
        "certificate.batch_title": ("证书", "Certificates"),
        "certificate.serial": ("证书编号：", "Serial: "),
        "certificate.code": ("校验码：", "Verification code: "),
        "certificate.fingerprint": ("公钥指纹：", "Key fingerprint: "),
        "certificate.check_hint": (
            "扫描二维码，用本单位公钥核验签名；或在培训管理程序中输入编号与校验码核验",
            "Scan the QR code and check its signature with the office's public key, or enter the serial and "
            "code in the training program",
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
ROWS = (34 * mm, 74 * mm, OUTER_HEIGHT - 2 * GAP - 108 * mm)  # heading, wording, foot
QR_SIZE = 34 * mm  # version 15 (77 modules + quiet zone): 0.4 mm a module, fine for a phone at arm's length
LOGO = 20 * mm  # the logo fits a square this size
SIGNATORY_WIDTH = 92 * mm  # date, organisation, and the signatory's title and name beside each other
LABEL_WIDTH = 52 * mm  # the signatory's title
INK = colors.HexColor("#222222")
LEFT = (OUTER_WIDTH - CONTENT_WIDTH) / 2  # of the content: heading, QR code, signatory
FOOT = GAP + 7 * mm + 3  # the foot's blocks stand on this line (plus their cells' 3 pt)

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


class _Batch:
    """What every page of a batch repeats, prepared once: the paragraphs of the title, hint, signatory,
    organisation and date wrapped to their boxes, the logo's size, and the names of the forms drawn."""

    def __init__(self, settings: PrintSettings, styles: Styles) -> None:
        self.settings = settings
        self.styles = styles
        self._wrapped: dict[tuple[Any, ...], Paragraph] = {}
        self.logo: tuple[str, float, float] | None = None
        if settings.logo_path and Path(settings.logo_path).is_file():
            width, height = ImageReader(settings.logo_path).getSize()
            factor = min(LOGO / width, LOGO / height)  # as Image(kind="proportional"): fits 20 × 20 mm
            self.logo = (settings.logo_path, width * factor, height * factor)
        self.organisation = self._organisation()
        self.hint = self.paragraph(messages.text("certificate.check_hint"), (8, 11, TA_LEFT), 66 * mm - 6)
        self.forms: dict[tuple[CertificateKind, date], str] = {}

    def paragraph(
        self, value: str, style: tuple[float, float, int], width: float, *, colour: Any = None
    ) -> Paragraph:
        """`value` in (size, leading, alignment), wrapped to `width` the first time it is asked for."""
        size, leading, align = style
        key = (value, size, leading, align, width, colour)
        found = self._wrapped.get(key)
        if found is None:
            paragraph_style = self.styles.style(size, align=align, leading=leading)
            if colour is not None:
                paragraph_style.textColor = colour
            found = text(value, paragraph_style)
            found.wrap(width, OUTER_HEIGHT)
            self._wrapped[key] = found
        return found

    def _organisation(self) -> Paragraph:
        """The organisation under the signatory, 14 pt; a name longer than three lines in smaller type."""
        size = 14.0
        while True:
            block = self.paragraph(
                self.settings.organisation, (size, size * 22 / 14, TA_CENTER), SIGNATORY_WIDTH
            )
            if block.height <= 3 * size * 22 / 14 + 0.01 or size <= 8:
                return block
            size -= 1


class CertificatePage(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One certificate drawn straight on the canvas: the double frame, the title, the wording (shrunk to fit
    its box if the office wrote a long one), the QR code with serial, code and key fingerprint, the
    signatory, organisation and date.

    The page used to be nested Tables of Paragraphs, whose sizing took longer than drawing the page. The
    positions are those tables' (cell paddings of 6 pt left and right, 3 pt top and bottom, included); only
    the wording, which wraps and justifies around the large name, is laid out per page."""

    def __init__(self, cert: CertificateView, batch: _Batch) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as the table it replaces: centred in the page's frame
        self.cert = cert
        self.batch = batch

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return OUTER_WIDTH, OUTER_HEIGHT

    def draw(self) -> None:
        """The parts every certificate of one kind and date shares go into a form drawn once per batch and
        placed on each page; the wording, QR code, serial, code and fingerprint are drawn per page."""
        canvas = self.canv
        canvas.saveState()
        canvas.doForm(self._shared_form(canvas))
        self._wording(canvas)
        self._verification(canvas, LEFT, FOOT + 3)
        canvas.restoreState()

    def _shared_form(self, canvas: Any) -> str:
        """The frame, title, logo, hint, signatory, organisation and date as a PDF form (an XObject), made
        the first time a page of this kind and date is drawn."""
        key = (self.cert.kind, self.cert.issued_on)
        name = self.batch.forms.get(key)
        if name is None:
            name = self.batch.forms[key] = f"certificate{len(self.batch.forms)}"
            canvas.beginForm(name, -3, -3, OUTER_WIDTH + 3, OUTER_HEIGHT + 3)  # the thick line's outer half
            canvas.setStrokeColor(HEADER_LINE)
            canvas.setLineWidth(2.6)
            canvas.rect(0, 0, OUTER_WIDTH, OUTER_HEIGHT)
            canvas.setLineWidth(0.8)
            canvas.rect(GAP, GAP, INNER_WIDTH, OUTER_HEIGHT - 2 * GAP)
            self._heading(canvas, LEFT)
            self.batch.hint.drawOn(canvas, LEFT + QR_SIZE + 3 * mm, FOOT + 3)
            self._signatory(canvas, LEFT + CONTENT_WIDTH - 96 * mm, FOOT)
            canvas.endForm()
        return name

    def _heading(self, canvas: Any, left: float) -> None:
        """The title centred between two 40 mm sides, the logo (if any) in the left one, on one middle line."""
        logo = self.batch.logo
        middle = OUTER_HEIGHT - GAP - 8 * mm - (max(46.0, logo[2] if logo else 0.0) + 6) / 2
        name = certificate_title(self.cert.kind)
        spaced = "\u2002".join(name) if not name.isascii() else name
        title = self.batch.paragraph(
            spaced, (38, 46, TA_CENTER), CONTENT_WIDTH - 80 * mm - 12, colour=HEADER_LINE
        )
        title.drawOn(canvas, left + 40 * mm + 6, middle - title.height / 2)
        if logo:
            path, width, height = logo
            canvas.drawImage(path, left + 6, middle - height / 2, width, height, mask="auto")

    def _wording(self, canvas: Any) -> None:
        batch = self.batch
        width, height = CONTENT_WIDTH - 16 * mm, ROWS[1] - 8 * mm
        body = KeepInFrame(width, height, _wording(self.cert, batch.settings, batch.styles), mode="shrink")
        used_width, used_height = body.wrapOn(canvas, width, height)
        top = OUTER_HEIGHT - GAP - ROWS[0] - 6 * mm
        body.drawOn(canvas, (OUTER_WIDTH - used_width) / 2, top - used_height)

    def _verification(self, canvas: Any, left: float, bottom: float) -> None:
        """The QR code, and beside it over the hint: the key's fingerprint, code and serial (each on one
        line, never broken)."""
        cert, batch = self.cert, self.batch
        canvas.setFillColor(colors.black)
        canvas.addLiteral(qr.pdf_operators(qr.encode(cert.qr_payload), left, bottom, QR_SIZE))
        x = left + QR_SIZE + 3 * mm
        hint = batch.hint  # drawn with the shared form
        # stacked from the bottom: hint, fingerprint (two 11 pt lines), code and serial (15 pt lines each);
        # drawn top-down, in reading order
        y = bottom + hint.height + (22 if cert.fingerprint else 0) + 30
        canvas.setFont(batch.styles.font, 10)
        for label, value in (("certificate.serial", cert.serial), ("certificate.code", cert.code)):
            y -= 15
            canvas.drawString(x, y + 15 - 10, messages.text(label) + value)
        if cert.fingerprint:
            canvas.setFont(batch.styles.font, 8)
            canvas.drawString(x, y - 8, messages.text("certificate.fingerprint"))
            canvas.drawString(x, y - 8 - 11, cert.fingerprint)

    def _signatory(self, canvas: Any, x: float, bottom: float) -> None:
        """Date, organisation, and the signatory's title and name over a line, in rows of 9, 11 and 14 mm
        from `bottom` up; an organisation of more than one line lifts the signatory's row by the rest."""
        batch, settings = self.batch, self.batch.settings
        date_line = batch.paragraph(_long_date(self.cert.issued_on), (14, 22, TA_CENTER), SIGNATORY_WIDTH)
        date_line.drawOn(canvas, x, bottom + 3)
        organisation = batch.organisation
        organisation.drawOn(canvas, x, bottom + 9 * mm + 3)
        line = bottom + 20 * mm + max(0.0, organisation.height - (11 * mm - 6))
        label = batch.paragraph(settings.signatory_title + "：", (12, 18, TA_RIGHT), LABEL_WIDTH)
        label.drawOn(canvas, x, line + 3)
        name = batch.paragraph(settings.signatory_name, (13, 18, TA_CENTER), SIGNATORY_WIDTH - LABEL_WIDTH)
        name.drawOn(canvas, x + LABEL_WIDTH, line + 3)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.7)
        canvas.line(x + LABEL_WIDTH, line, x + SIGNATORY_WIDTH, line)


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
    batch = _Batch(settings, Styles())
    story: list[Flowable] = []
    for index, cert in enumerate(certs):
        if index:
            story.append(PageBreak())
        story.append(CertificatePage(cert, batch))
    kinds = {cert.kind for cert in certs}
    heading = certificate_title(kinds.pop()) if len(kinds) == 1 else messages.text("certificate.batch_title")
    page = Page(settings.organisation, heading, printed_at, landscape=True, header=False)

    return write_pdf(target, page, story)
