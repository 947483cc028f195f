"""The verify dialog takes a scanned QR text and says at a glance: genuine, altered, revoked, unreadable."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from tests_gui_helpers import wait_idle
from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.services.records import certificates
from desktop_hr.views.records.verify_dialog import VerifyDialog


def _scanned(dialog: VerifyDialog, qtbot: Any, text: str) -> None:
    """What a USB scanner does: types the QR text into the field and presses Enter."""
    dialog.serial_edit.clear()
    dialog.code_edit.clear()
    dialog.serial_edit.setText(text)
    qtbot.keyClick(dialog.serial_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)


def test_a_scanned_qr_text_shows_genuine_altered_unreadable_and_revoked(
    qtbot: Any, demo_db: Database, tmp_path: Path
) -> None:
    with building(demo_db) as s:
        person = make_people(s, {"99011": "欧阳核验"})[0]
        training = make_session(
            s, make_course(s, "ZZ7", "电气安全规程"), "ZZ-SCAN", *full_days(date(2026, 1, 5))
        )
        sign_in(s, training, person)
        session_id = training.id
    (cert_id,) = certificates.issue_completion(demo_db.uow(), session_id, at=datetime(2026, 1, 6))
    with demo_db.read_session() as s:
        (view,) = certificates.certificate_views(s, [cert_id])
    dialog = VerifyDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()

    _scanned(dialog, qtbot, view.qr_payload)
    assert dialog.result_label.property("status") == "genuine"
    assert dialog.verdict_label.isVisible() and "签名有效" in dialog.verdict_label.text()
    assert "欧阳核验" in dialog.result_label.text() and view.fingerprint in dialog.result_label.text()
    assert dialog.revoke_button.isEnabled()
    dialog.grab().save(str(tmp_path / "verify_genuine.png"))

    _scanned(dialog, qtbot, view.qr_payload.replace("欧阳核验", "欧阳核对"))
    assert dialog.result_label.property("status") == "altered"
    assert "已被改动" in dialog.verdict_label.text() + dialog.result_label.text()
    assert not dialog.revoke_button.isEnabled()
    dialog.grab().save(str(tmp_path / "verify_altered.png"))

    _scanned(dialog, qtbot, view.qr_payload[:120])
    assert dialog.result_label.property("status") == "unreadable"
    assert "不完整" in dialog.result_label.text()

    certificates.revoke(demo_db.uow(), view.serial, "信息有误，已重新颁发", at=datetime(2026, 1, 7))
    _scanned(dialog, qtbot, view.qr_payload)
    assert dialog.result_label.property("status") == "revoked"
    assert "已撤销" in dialog.verdict_label.text() and "信息有误" in dialog.result_label.text()
    dialog.grab().save(str(tmp_path / "verify_revoked.png"))
