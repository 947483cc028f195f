"""Certificate PDFs read back: the Chinese name, serial and code on each page, fonts embedded, a valid file."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.printing import qr
from desktop_hr.printing.certificates import render_certificates
from desktop_hr.printing.fonts import MissingGlyphs
from desktop_hr.services.records import certificates, print_settings
from desktop_hr.services.records.certificates import CertificateView

PRINTED = datetime(2026, 3, 10, 9, 30)
PEOPLE = {"00012": "欧阳明华", "00013": "王芳", "00014": "李雷"}


def _views(db: Database, people: dict[str, str]) -> list[CertificateView]:
    with building(db) as s:
        course = make_course(s, title="安全生产管理", hours=Decimal(16), credits=Decimal("1.5"))
        persons = make_people(s, people)
        training = make_session(s, course, "B01", *full_days(date(2026, 3, 5), days=2))
        for person in persons:
            sign_in(s, training, person)
        session_id = training.id
    ids = certificates.issue_completion(db.uow(), session_id, at=datetime(2026, 3, 9, 10))
    with db.read_session() as s:
        return certificates.certificate_views(s, ids)


def _settings(db: Database) -> print_settings.PrintSettings:
    with db.read_session() as s:
        return print_settings.get(s)


def test_one_page_per_certificate_with_name_serial_and_code(db: Database, tmp_path: Path) -> None:
    views = _views(db, PEOPLE)
    out = tmp_path / "结业证书.pdf"
    pages = render_certificates(out, views, _settings(db), printed_at=PRINTED)
    reader = PdfReader(out)
    assert pages == len(reader.pages) == 3
    for page, view in zip(reader.pages, views, strict=True):
        text = page.extract_text()
        assert view.name in text
        assert view.serial in text
        assert view.code in text
        assert "安全生产管理" in text and "16 学时" in text and "1.5 学分" in text
        assert "结" in text and "证" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


def test_only_the_embedded_font_is_used_and_qpdf_accepts_the_file(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "certs.pdf"
    render_certificates(out, _views(db, PEOPLE), _settings(db), printed_at=PRINTED)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert len(rows) == 1 and "WenQuanYi" in rows[0], fonts  # the one bundled font, nothing else
    assert rows[0].split()[-5] == "yes", fonts  # embedded
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_name_the_font_lacks_is_refused_naming_the_person_and_nothing_is_written(
    db: Database, tmp_path: Path
) -> None:
    views = _views(db, {"00020": "张𠮷", "00021": "王芳"})
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "certs.pdf"
    with pytest.raises(MissingGlyphs, match="00020 张𠮷") as refused:
        render_certificates(out, views, _settings(db), printed_at=PRINTED)
    assert "𠮷" in refused.value.params["chars"]
    assert list(folder.iterdir()) == []


def test_the_office_wording_and_signatory_are_printed(db: Database, tmp_path: Path) -> None:
    views = _views(db, {"00012": "欧阳明华"})
    settings = print_settings.save(
        db.uow(),
        print_settings.PrintSettings(
            **{
                **vars(_settings(db)),
                "organisation": "华东电力培训中心",
                "signatory_name": "陈立",
                "completion_wording": "兹证明 {name}（工号 {employee_no}）修完“{course}”（班次 {session}）。",
            }
        ),
    )
    out = tmp_path / "one.pdf"
    render_certificates(out, views, settings, printed_at=PRINTED)
    text = PdfReader(out).pages[0].extract_text()
    for expected in (
        "兹证明",
        "00012",
        "班次 B01",
        "华东电力培训中心",
        "陈立",
        "人力资源部负责人",
        "2026年3月9日",
    ):
        assert expected in text, expected


def test_the_qr_code_carries_the_signed_claims_within_version_15_and_the_fingerprint_is_printed(
    db: Database, tmp_path: Path
) -> None:
    views = _views(db, {"00012": "欧阳明华"})
    view = views[0]
    assert view.qr_payload.startswith("DHR1|C|") and qr.encode(view.qr_payload).version <= 15
    out = tmp_path / "one.pdf"
    render_certificates(out, views, _settings(db), printed_at=PRINTED)
    text = PdfReader(out).pages[0].extract_text()
    assert f"公钥指纹：\n{view.fingerprint}\n" in text  # whole, on one line
    assert _scanned(out, tmp_path) == [view.qr_payload]


def _scanned(pdf: Path, tmp_path: Path) -> list[str]:
    """What a phone would read off each page's QR code: the page rendered at 150 dpi, scanned by zbarimg."""
    found: list[str] = []
    for number in range(1, len(PdfReader(pdf).pages) + 1):
        image = tmp_path / f"page{number}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "150",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                pdf,
                image,
            ],
            check=True,
        )
        done = subprocess.run(
            ["zbarimg", "-q", "--raw", f"{image}.png"], capture_output=True, text=True, check=False
        )
        found.append(done.stdout.strip())
    return found


def test_each_page_s_qr_code_scans_back_to_its_own_signed_text(db: Database, tmp_path: Path) -> None:
    views = _views(db, PEOPLE)
    out = tmp_path / "three.pdf"
    render_certificates(out, views, _settings(db), printed_at=PRINTED)
    assert _scanned(out, tmp_path) == [view.qr_payload for view in views]
    assert len({view.qr_payload for view in views}) == 3


@pytest.mark.parametrize(
    "payload",
    [
        "A",
        "JY2026-000001|B6XY-HOG4",
        "DHR1|C|JY2026-000001|欧阳明华|00012|安全生产管理|16|1.5|" + "Sig-_0" * 15,
        "é" * 13,  # one byte past what ReportLab's version count allows (it leaves out the ECI header)
        "x" * 300,
        "证" * 400,
    ],
)
def test_the_matrix_is_reportlabs_encoding_of_the_same_bytes_and_mask(payload: str) -> None:
    from reportlab.graphics.barcode import qrencoder

    matrix = qr.encode(payload)
    size = len(payload.encode("utf-8"))

    def fits(version: int) -> bool:
        """The ECI header (UTF-8), byte mode, count and bytes within the version's data capacity."""
        blocks = qrencoder.QRRSBlock.getRSBlocks(version, qrencoder.QRErrorCorrectLevel.M)
        header = (0 if payload.isascii() else 12) + 4 + (8 if version < 10 else 16)
        return header + 8 * size <= 8 * sum(block.dataCount for block in blocks)

    assert fits(matrix.version) and (matrix.version == 1 or not fits(matrix.version - 1))
    code = qrencoder.QRCode(matrix.version, qrencoder.QRErrorCorrectLevel.M)
    if not payload.isascii():
        code.addData(qrencoder.QRECI(qr.UTF8_ECI))
    code.addData(qrencoder.QR8bitByte(payload.encode("utf-8")))
    code.makeImpl(False, qr.MASK)  # ReportLab's own (slow) data and error correction
    assert matrix.modules == code.modules
