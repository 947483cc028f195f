"""Certificates on landscape A4, one per page: a dark-red double frame, the title, the office's wording
with the person's name large, organisation, signatory and date, and the serial, verification code, the
office key's fingerprint and a QR code carrying the signed claims (services/records/claims.py) an inspector
checks with only the office's public key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from io import BytesIO
from itertools import zip_longest
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepInFrame, PageBreak, Paragraph, Table, TableStyle

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import CertificateKind
from desktop_hr.printing.fonts import check_printable
from desktop_hr.printing.layout import HEADER_LINE, LANDSCAPE_WIDTH, Page, Styles, nobr, text, write_pdf
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
PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
ROWS = (34 * mm, 74 * mm, OUTER_HEIGHT - 2 * GAP - 108 * mm)
QR_SIZE = 34 * mm  # version 15 (77 modules + quiet zone): 0.4 mm a module, fine for a phone at arm's length
QR_QUIET = 4  # modules of white around the code, as the standard asks
QR_MASK = 2  # columns pattern
UTF8_ECI = 26  # tells the reader the bytes are UTF-8 (Chinese names)
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


_DATA_POSITIONS: dict[int, list[tuple[int, int]]] = {}


@cache
def _generator_logs(ec_count: int) -> tuple[int, ...]:
    """log2 of the Reed-Solomon generator's coefficients after the leading 1 (as qrencoder builds it)."""
    poly = [1]
    for i in range(ec_count):
        term = qrencoder.EXP_TABLE[i % 255]
        poly = [a ^ b for a, b in zip([*poly, 0], [0, *(_times(c, term) for c in poly)], strict=True)]
    return tuple(qrencoder.LOG_TABLE[c] for c in poly[1:])


def _times(a: int, b: int) -> int:
    if not a or not b:
        return 0
    return int(qrencoder.EXP_TABLE[(qrencoder.LOG_TABLE[a] + qrencoder.LOG_TABLE[b]) % 255])


def _error_correction(data: list[int], ec_count: int) -> list[int]:
    """The block's error correction codewords: the remainder of data·x^n by the generator, with tables."""
    logs = _generator_logs(ec_count)
    exp, log = qrencoder.EXP_TABLE, qrencoder.LOG_TABLE
    rest = [0] * ec_count
    for value in data:
        factor = value ^ rest[0]
        rest = [*rest[1:], 0]
        if factor:
            shift = log[factor]
            rest = [r ^ exp[(shift + g) % 255] for r, g in zip(rest, logs, strict=True)]
    return rest


def _codewords(code: Any) -> list[int]:
    """What qrencoder.QRCode.createData returns (data and error correction blocks, interleaved), with the
    error correction computed from tables: its polynomial objects took 40 ms for a version 11 code."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(code.version, code.errorCorrectLevel)
    buffer = qrencoder.QRBitBuffer()
    for data in code.dataList:
        data.write(buffer, code.version)
    capacity = sum(block.dataCount for block in blocks) * 8
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    pads = (qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1)
    index = 0
    while buffer.getLengthInBits() < capacity:
        buffer.put(pads[index % 2], 8)
        index += 1
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        data_blocks.append(list(buffer.buffer[offset : offset + block.dataCount]))
        offset += block.dataCount
        ec_blocks.append(_error_correction(data_blocks[-1], block.totalCount - block.dataCount))
    return [
        value
        for group in (zip_longest(*data_blocks), zip_longest(*ec_blocks))
        for column in group
        for value in column
        if value is not None
    ]


class QrCode(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The QR code as one filled path of module runs.

    ReportLab's QrCodeWidget in a Drawing makes one validated Rect shape per module and picks the best of
    the eight masks by scoring each: 33 ms a certificate, a third of the page budget. The same encoder with
    a fixed mask (any of the eight is valid; the format bits name it) drawn as runs takes well under 1 ms.
    """

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        if not payload.isascii():
            code.addData(qrencoder.QRECI(UTF8_ECI))
        code.addData(qrencoder.QR8bitByte(payload.encode("utf-8")))
        code.version = code.calculate_version()
        self.version: int = code.version
        code.dataCache = _codewords(code)
        # Where the data bits go depends on the version only: found once per version, not per certificate.
        code._dataPosList = _DATA_POSITIONS.get(code.version)
        code.makeImpl(False, QR_MASK)
        _DATA_POSITIONS[code.version] = code._dataPosList
        self.modules: list[list[bool]] = code.modules
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        cell = self.size / (count + 2 * QR_QUIET)
        path = self.canv.beginPath()
        for row, modules in enumerate(self.modules):
            y = self.size - (QR_QUIET + row + 1) * cell
            col = 0
            while col < count:
                if not modules[col]:
                    col += 1
                    continue
                start = col
                while col < count and modules[col]:
                    col += 1
                path.rect((QR_QUIET + start) * cell, y, (col - start) * cell, cell)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


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


def _styled(table: Table, styles: Styles, *commands: Any) -> Table:
    """Table cells in the embedded font too (an empty cell would otherwise pull in unembedded Helvetica)."""
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.font), *commands]))
    return table


def _wording(cert: CertificateView, settings: PrintSettings, styles: Styles) -> list[Flowable]:
    template: str = getattr(settings, WORDING[cert.kind])
    style = styles.style(17, align=TA_JUSTIFY, leading=36)
    style.firstLineIndent = 34
    values = _values(cert)
    return [Paragraph(escape(line).format(**values), style) for line in template.splitlines() if line.strip()]


def _signatory(settings: PrintSettings, cert: CertificateView, styles: Styles) -> Table:
    centred = styles.style(14, align=TA_CENTER, leading=22)
    label = styles.style(12, align=TA_RIGHT, leading=18)
    name = styles.style(13, align=TA_CENTER, leading=18)
    rows = [
        [text(settings.signatory_title + "：", label), text(settings.signatory_name, name)],
        [text(settings.organisation, centred), ""],
        [text(_long_date(cert.issued_on), centred), ""],
    ]
    block = Table(rows, colWidths=[52 * mm, 40 * mm], rowHeights=[14 * mm, 11 * mm, 9 * mm])
    return _styled(
        block,
        styles,
        ("SPAN", (0, 1), (1, 1)),
        ("SPAN", (0, 2), (1, 2)),
        ("LINEBELOW", (1, 0), (1, 0), 0.7, INK),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    )


def _verification(cert: CertificateView, styles: Styles) -> Table:
    small = styles.style(10, align=TA_LEFT, leading=15)
    hint = styles.style(8, align=TA_LEFT, leading=11)
    lines: list[Flowable] = [
        Paragraph(escape(messages.text("certificate.serial")) + nobr(cert.serial), small),
        Paragraph(escape(messages.text("certificate.code")) + nobr(cert.code), small),
    ]
    if cert.fingerprint:
        lines.append(
            Paragraph(
                escape(messages.text("certificate.fingerprint")) + "<br/>" + nobr(cert.fingerprint), hint
            )
        )
    lines.append(text(messages.text("certificate.check_hint"), hint))
    block = Table([[QrCode(cert.qr_payload, QR_SIZE), lines]], colWidths=[QR_SIZE + 3 * mm, 66 * mm])
    return _styled(
        block, styles, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)
    )


def _heading(cert: CertificateView, settings: PrintSettings, styles: Styles) -> Table:
    style = styles.style(38, align=TA_CENTER, leading=46)
    style.textColor = HEADER_LINE
    name = certificate_title(cert.kind)
    spaced = "\u2002".join(name) if name.isascii() is False else name
    logo: Any = ""
    if settings.logo_path and Path(settings.logo_path).is_file():
        logo = Image(settings.logo_path, width=20 * mm, height=20 * mm, kind="proportional")
    side = 40 * mm
    heading = Table([[logo, text(spaced, style), ""]], colWidths=[side, CONTENT_WIDTH - 2 * side, side])
    return _styled(heading, styles, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (0, 0), "LEFT"))


def _certificate(cert: CertificateView, settings: PrintSettings, styles: Styles) -> Table:
    """One page: heading, wording (shrunk to fit its box if the office wrote a long one), then the foot."""
    body = KeepInFrame(
        CONTENT_WIDTH - 16 * mm, ROWS[1] - 8 * mm, _wording(cert, settings, styles), mode="shrink"
    )
    foot = Table(
        [[_verification(cert, styles), "", _signatory(settings, cert, styles)]],
        colWidths=[106 * mm, CONTENT_WIDTH - 106 * mm - 96 * mm, 96 * mm],
    )
    _styled(foot, styles, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0))
    inner = Table(
        [[_heading(cert, settings, styles)], [body], [foot]], colWidths=[INNER_WIDTH], rowHeights=ROWS
    )
    _styled(
        inner,
        styles,
        ("BOX", (0, 0), (-1, -1), 0.8, HEADER_LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (0, 0), 8 * mm),
        ("TOPPADDING", (0, 1), (0, 1), 6 * mm),
        ("VALIGN", (0, 2), (0, 2), "BOTTOM"),
        ("BOTTOMPADDING", (0, 2), (0, 2), 7 * mm),
    )
    outer = Table([[inner]], colWidths=[OUTER_WIDTH], rowHeights=[OUTER_HEIGHT])
    return _styled(
        outer,
        styles,
        ("BOX", (0, 0), (-1, -1), 2.6, HEADER_LINE),
        *[(side, (0, 0), (-1, -1), GAP) for side in PADDINGS],
    )


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
    story: list[Flowable] = []
    for index, cert in enumerate(certs):
        if index:
            story.append(PageBreak())
        story.append(_certificate(cert, settings, styles))
    kinds = {cert.kind for cert in certs}
    heading = certificate_title(kinds.pop()) if len(kinds) == 1 else messages.text("certificate.batch_title")
    page = Page(settings.organisation, heading, printed_at, landscape=True, header=False)

    return write_pdf(target, page, story)
