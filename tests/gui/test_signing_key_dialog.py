"""Edit › Signing key…: the key's id and fingerprint, a passphrase-protected backup, rotation after a
confirmation, the public key exported for inspectors; other roles only see the key and export it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.models import Role
from desktop_hr.services.trust import keys, signing
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.trust.signing_key_dialog import SigningKeyDialog


def _open(window: MainWindow, qtbot: Any) -> SigningKeyDialog:
    window.signing_key_action.trigger()
    dialog = window.findChild(SigningKeyDialog, "signing_key_dialog")
    assert dialog is not None and dialog.isVisible()
    wait_idle(qtbot)
    return dialog


def test_back_up_rotate_and_export_the_office_key(
    window: MainWindow, qtbot: Any, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    dialog = _open(window, qtbot)
    assert dialog.key_id_label.text() == "尚无（第一次签名时生成）"
    backup = tmp_path / "office.backup"
    dialog_answers.save_file = str(backup)
    dialog_answers.text_input = ("a passphrase", True)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with window.db.read_session() as session:
        first = keys.current_key_id(session)
        fingerprint = signing.fingerprint(keys.public_keys(session)[first])
    assert dialog.key_id_label.text() == first and dialog.fingerprint_label.text() == fingerprint
    assert backup.exists() and b"ENCRYPTED" in backup.read_bytes()
    assert str(backup) in dialog.status.text()

    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)  # answered Yes
    wait_idle(qtbot)
    assert dialog_answers.texts("question")[-1].startswith("要生成新的签名密钥吗？")
    assert dialog.key_id_label.text() not in ("", first) and dialog.older_label.text() == first

    exported = tmp_path / "office-public-key.pem"
    dialog_answers.save_file = str(exported)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    public = signing.load_public_pems(exported.read_text(encoding="ascii"))
    assert set(public) == {first, dialog.key_id_label.text()}
    assert "PRIVATE" not in exported.read_text(encoding="ascii")
    assert dialog.file_label.text() == "在：可以签名"
    shots = Path(os.environ.get("DESKTOP_HR_SCREENSHOTS", tmp_path))
    assert dialog.grab().save(str(shots / "signing_key_dialog.png"))


def test_a_clerk_sees_the_key_but_may_not_change_it(window: MainWindow, qtbot: Any) -> None:
    window.db.principal = Principal(name="clerk1", role=Role.CLERK)
    dialog = _open(window, qtbot)
    assert dialog.export_button.isVisibleTo(dialog)
    for button in (dialog.backup_button, dialog.rotate_button, dialog.restore_button, dialog.folder_button):
        assert not button.isVisibleTo(dialog)
