"""The compact signed claims of a certificate's QR code: round trip, size bound, and every way a text fails."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from reportlab.graphics.barcode import qrencoder

from desktop_hr.services.records import claims, revocation_list
from desktop_hr.services.records.claims import Outcome
from desktop_hr.services.trust import signing

PRIVATE = Ed25519PrivateKey.generate()
KEY_ID = signing.key_id(PRIVATE.public_key())
KEYS = {KEY_ID: PRIVATE.public_key()}

COMPLETION: dict[str, Any] = {
    "kind": "completion",
    "serial": "JY2026-000012",
    "name": "欧阳明华",
    "employee_no": "00012",
    "course": "安全生产管理",
    "course_code": "C01",
    "session": "B01",
    "date": "2026-03-05",
    "hours": "16",
    "credits": "1.5",
    "issued": "2026-03-09",
}


def _signed(content: dict[str, Any], private: Ed25519PrivateKey = PRIVATE) -> str:
    stated = claims.claims_of(content, signing.key_id(private.public_key()))
    return claims.qr_text(stated.text(), signing.sign(private, stated.text().encode("utf-8")))


def _qr_version(text: str) -> int:
    """The version the certificate's QR code takes: byte mode with the UTF-8 ECI, error correction M."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QRECI(26))
    code.addData(qrencoder.QR8bitByte(text.encode("utf-8")))
    version: int = code.calculate_version()
    return version


def test_a_signed_text_round_trips_with_chinese_names_and_every_claim() -> None:
    text = _signed(COMPLETION)
    assert text.startswith(
        "DHR1|C|JY2026-000012|欧阳明华|00012|安全生产管理|16|1.5|2026-03-05|2026-03-09|B01|"
    )
    checked = claims.check(text, KEYS)
    assert checked.valid and checked.message() == "签名有效"
    assert checked.claims == claims.claims_of(COMPLETION, KEY_ID)
    assert checked.claims is not None and checked.claims.key_id == KEY_ID
    trainer = {
        "kind": "excellent_trainer",
        "serial": "NX2026-000003",
        "name": "周老师",
        "employee_no": "00100",
        "year": 2026,
        "sessions": 2,
        "hours": "6",
        "contribution": "42.8",
        "issued": "2026-12-20",
    }
    stated = claims.check(_signed(trainer), KEYS).claims
    assert stated is not None
    assert (stated.kind, stated.date, stated.result, stated.credits, stated.course) == (
        "excellent_trainer",
        "2026",
        "42.8;2",
        "",
        "",
    )


def test_the_longest_claims_the_database_allows_fit_a_version_15_qr_code() -> None:
    longest = {
        **COMPLETION,
        "name": "欧" * 50,  # Employee.name: 50 characters
        "employee_no": "9" * 32,  # Employee.employee_no: 32
        "course": "安全生产管理" * 40,  # Course.title: 200
        "session": "B" * 32,  # TrainingSession.code: 32
        "hours": "9999.99",
        "credits": "999.99",
    }
    text = _signed(longest)
    assert len(text.encode("utf-8")) <= claims.MAX_BYTES
    assert _qr_version(text) <= 15
    checked = claims.check(text, KEYS)
    assert checked.valid and checked.claims is not None
    assert checked.claims.course.endswith("…") and checked.claims.name == "欧" * 50
    typical = _signed(COMPLETION)
    assert _qr_version(typical) <= 10  # an ordinary certificate's code is much smaller


def test_a_separator_inside_a_name_cannot_shift_the_fields() -> None:
    text = _signed({**COMPLETION, "name": "王|芳", "course": "一行\n两行"})
    checked = claims.check(text, KEYS)
    assert checked.valid and checked.claims is not None
    assert (checked.claims.name, checked.claims.course) == ("王¦芳", "一行 两行")


@pytest.mark.parametrize("keep", [3, 20, 60, -1, -40])
def test_a_text_cut_short_anywhere_is_reported_as_incomplete(keep: int) -> None:
    text = _signed(COMPLETION)
    checked = claims.check(text[:keep], KEYS)
    assert checked.outcome is Outcome.TRUNCATED and "不完整" in checked.message()


def test_any_one_altered_character_fails() -> None:
    text = _signed(COMPLETION)
    refused = set()
    for index, char in enumerate(text):
        altered = text[:index] + ("0" if char != "0" else "1") + text[index + 1 :]
        checked = claims.check(altered, KEYS)
        assert not checked.valid, (index, altered)
        refused.add(checked.outcome)
    assert Outcome.ALTERED in refused and Outcome.UNKNOWN_KEY in refused
    name_changed = text.replace("欧阳明华", "欧阳明军")
    assert claims.check(name_changed, KEYS).message() == "签名无效：证书内容与签名不符，内容已被改动。"


def test_another_offices_key_and_other_texts_are_named() -> None:
    other = Ed25519PrivateKey.generate()
    foreign = claims.check(_signed(COMPLETION, other), KEYS)
    assert foreign.outcome is Outcome.UNKNOWN_KEY
    assert signing.key_id(other.public_key()) in foreign.message() and KEY_ID in foreign.message()
    assert claims.check("JY2026-000012|ABCD-EFGH-IJKL-MNOP", KEYS).outcome is Outcome.LEGACY
    assert "不是本程序证书二维码的格式" in claims.check("https://example.com/x", KEYS).message()
    bad_kind = _signed(COMPLETION).replace("DHR1|C|", "DHR1|Q|")
    assert "证书类别“Q”未知" in claims.check(bad_kind, KEYS).message()


def test_short_codes_depend_on_the_signature() -> None:
    first, second = claims.short_code("a" * 86), claims.short_code("b" * 86)
    assert first != second and len(first) == 19 and first.count("-") == 3


def _list(tmp_path: Path, private: Ed25519PrivateKey = PRIVATE) -> Path:
    text = revocation_list.build(
        [revocation_list.Revocation("JY2026-000012", "2026-03-10", "姓名有误")],
        issued_at=datetime(2026, 3, 11, 8, 30),
        key_id=signing.key_id(private.public_key()),
        sign=lambda data: signing.sign(private, data),
    )
    path = tmp_path / "revocations.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_signed_revocation_list_is_read_with_its_date(tmp_path: Path) -> None:
    listed = revocation_list.read(_list(tmp_path), KEYS)
    assert listed.issued_at == datetime(2026, 3, 11, 8, 30)
    assert listed.revoked["JY2026-000012"].reason == "姓名有误"


def test_unsigned_forged_foreign_and_broken_lists_are_refused_naming_the_file(tmp_path: Path) -> None:
    path = _list(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({**data, "revoked": []}, ensure_ascii=False), encoding="utf-8")
    unsigned = tmp_path / "unsigned.json"
    unsigned.write_text(json.dumps({k: v for k, v in data.items() if k != "signature"}), encoding="utf-8")
    (tmp_path / "other").mkdir()
    foreign = _list(tmp_path / "other", Ed25519PrivateKey.generate())
    broken = tmp_path / "broken.json"
    broken.write_text("JY2026-000012 revoked", encoding="utf-8")
    cases = {
        forged: "签名无效：签名后内容被改动",
        unsigned: "没有签名",
        foreign: "不是用所给公钥对应的单位密钥签名的",
        broken: "不是本程序导出的撤销清单",
        tmp_path / "missing.json": "无法读取撤销清单",
    }
    for file, expected in cases.items():
        with pytest.raises(revocation_list.RevocationListRefused) as refused:
            revocation_list.read(file, KEYS)
        assert expected in str(refused.value) and str(file) in str(refused.value)
