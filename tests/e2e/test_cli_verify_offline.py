"""An inspector with only the paper and the office's public key: the QR code read back from the printed
PDF (pdftoppm, zbarimg) and checked by `desktop-hr verify --key` in a process that has no database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from databases import Location
from pypdf import PdfReader
from signing import open_as_admin
from test_cli import REPO, run
from test_cli_verify import _session_with_attendees

from desktop_hr.services.records import certificates
from desktop_hr.services.trust import keys, signing


def inspector(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`desktop-hr ARGS` with no database anywhere: DESKTOP_HR_DB points nowhere, an empty data folder,
    no account in the environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DESKTOP_HR_") and key != "PYTHONPATH"
    }
    env.update(
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
        DESKTOP_HR_DB=str(home / "nowhere" / "office.sqlite3"),
        DESKTOP_HR_DATA_DIR=str(home / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "desktop_hr.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=home,
        timeout=120,
        check=False,
    )


def _decode_qr(pdf: Path, folder: Path) -> list[str]:
    """Every page rendered to PNG as a printer would, and its QR code read back with zbarimg."""
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(folder / "page")], check=True)
    texts = []
    for png in sorted(folder.glob("page-*.png")):
        read = subprocess.run(
            ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=False
        )
        assert read.returncode == 0, read.stderr
        texts.append(read.stdout.strip())
    return texts


@pytest.fixture
def printed(db_location: Location, tmp_path: Path) -> Iterator[tuple[Location, list[str], Path]]:
    """B01's certificates printed, their QR texts decoded, and the office's public key exported."""
    _session_with_attendees(db_location)
    out = tmp_path / "B01.pdf"
    done = run("--db", db_location, "print", "certificates", "--session", "B01", "-o", out)
    assert done.returncode == 0, done.stderr
    db = open_as_admin(db_location)
    with db.read_session() as s:
        public = tmp_path / "office_public.pem"
        public.write_text(keys.public_pem_text(s), encoding="ascii")
        fingerprint = signing.fingerprint(keys.public_keys(s)[keys.current_key_id(s)])
    db.dispose()
    text = PdfReader(out).pages[0].extract_text()
    assert fingerprint in text and "公钥指纹" in text
    pages = tmp_path / "pages"
    pages.mkdir()
    yield db_location, _decode_qr(out, pages), public


def _no_database_made(home: Path) -> None:
    made = [p for p in home.rglob("*") if p.suffix in (".sqlite3", ".db") or "journal" in p.name]
    assert made == [] and not (home / "nowhere").exists()


def test_the_printed_qr_code_verifies_with_only_the_public_key(
    printed: tuple[Location, list[str], Path], tmp_path: Path
) -> None:
    _db, (first, second), public = printed
    home = tmp_path / "inspector"
    home.mkdir()
    valid = inspector("verify", "--key", public, first, home=home)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    for expected in ("欧阳明华", "00012", "安全生产", "学时：8", "学分：1", "2025-03-05", "签名有效"):
        assert expected in valid.stdout, expected
    assert "未核对是否已撤销" in valid.stdout
    assert "王芳" in inspector("verify", "--key", public, second, home=home).stdout
    _no_database_made(home)


def test_altered_cut_short_and_foreign_texts_fail_with_the_reason(
    printed: tuple[Location, list[str], Path], tmp_path: Path
) -> None:
    _db, (first, _second), public = printed
    home = tmp_path / "inspector"
    home.mkdir()
    altered = inspector("verify", "--key", public, first.replace("|8|", "|9|", 1), home=home)
    assert altered.returncode == 1 and "签名无效" in altered.stdout and "签名有效" not in altered.stdout
    cut = inspector("verify", "--key", public, first[: len(first) // 2], home=home)
    assert cut.returncode == 1 and "不完整" in cut.stdout
    other = tmp_path / "other_office.pem"
    other.write_text(signing.public_pem(Ed25519PrivateKey.generate().public_key()), encoding="ascii")
    foreign = inspector("verify", "--key", other, first, home=home)
    assert foreign.returncode == 1 and "不是该单位签发的" in foreign.stdout
    junk = inspector("verify", "--key", public, "hello world", home=home)
    assert junk.returncode == 1 and "不是本程序证书二维码的格式" in junk.stdout
    not_a_key = inspector("verify", "--key", tmp_path / "B01.pdf", first, home=home)
    assert not_a_key.returncode == 1 and "没有公钥" in not_a_key.stderr
    _no_database_made(home)


def test_a_signed_revocation_list_says_revoked_and_its_date_and_a_forged_one_is_refused(
    printed: tuple[Location, list[str], Path], tmp_path: Path
) -> None:
    db_location, (first, second), public = printed
    db = open_as_admin(db_location)
    with db.read_session() as s:
        serial = certificates.certificate_rows(s)[0].serial
    certificates.revoke(db.uow(), serial, "重复发放", at=datetime(2026, 1, 5, 10))
    db.dispose()
    listed = tmp_path / "revocations.json"
    exported = run("--db", db_location, "export", "revocations", listed)
    assert exported.returncode == 0, exported.stderr
    home = tmp_path / "inspector"
    home.mkdir()

    revoked = inspector("verify", "--key", public, "--revocations", listed, first, home=home)
    assert revoked.returncode == 1
    assert "签名有效" in revoked.stdout and "已撤销" in revoked.stdout and "重复发放" in revoked.stdout
    today = f"{datetime.now():%Y-%m-%d}"
    assert f"已对照 {today}" in revoked.stdout
    fine = inspector("verify", "--key", public, "--revocations", listed, second, home=home)
    assert fine.returncode == 0 and "未撤销" in fine.stdout and f"已对照 {today}" in fine.stdout

    forged = tmp_path / "forged.json"
    forged.write_text(listed.read_text(encoding="utf-8").replace("重复发放", "无"), encoding="utf-8")
    refused = inspector("verify", "--key", public, "--revocations", forged, first, home=home)
    assert refused.returncode == 1 and "签名无效" in refused.stderr and "不予采用" in refused.stderr
    unsigned = tmp_path / "unsigned.json"
    unsigned.write_text('{"format": "desktop_hr-revocations/1", "revoked": []}', encoding="utf-8")
    bare = inspector("verify", "--key", public, "--revocations", unsigned, second, home=home)
    assert bare.returncode == 1 and "没有签名" in bare.stderr
    _no_database_made(home)


def test_the_window_program_still_checks_old_and_new_texts_against_its_database(
    printed: tuple[Location, list[str], Path],
) -> None:
    db_location, (first, _second), _public = printed
    scanned = run("--db", db_location, "verify", first)
    assert scanned.returncode == 0 and "真实有效" in scanned.stdout
    altered = run("--db", db_location, "verify", first.replace("欧阳明华", "欧阳明军"))
    assert altered.returncode == 1 and "内容已被改动" in altered.stdout
