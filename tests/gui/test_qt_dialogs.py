"""Qt's own dialogs speak Chinese in zh_CN: the file dialog Qt draws itself ("查找范围", "文件类型"), the
message box's and the input dialog's buttons."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFileSystemModel,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop_hr.views import i18n

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def _shown_texts(dialog: QWidget) -> list[str]:
    """The text of every visible label and button of `dialog`."""
    widgets = [w for w in dialog.findChildren(QWidget) if w.isVisibleTo(dialog)]
    return [w.text() for w in widgets if isinstance(w, QLabel | QPushButton) and w.text()]


def _opened(dialog: QDialog, qtbot: Any, shot: Path) -> list[str]:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(shot))
    texts = _shown_texts(dialog)
    dialog.reject()
    return texts


def test_the_file_dialog_qt_draws_is_chinese(qtbot: Any, tmp_path: Path) -> None:
    i18n.apply_language("zh_CN")
    (tmp_path / "花名册").mkdir()
    shown = QFileDialog(None, "导入", str(tmp_path))
    shown.setOption(QFileDialog.Option.DontUseNativeDialog)
    shown.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(shown)
    shown.show()
    files = shown.findChild(QFileSystemModel)
    assert files is not None
    folder = files.index(str(tmp_path / "花名册"))
    qtbot.waitUntil(lambda: files.data(folder.siblingAtColumn(2)) is not None)
    assert files.data(folder.siblingAtColumn(2)) == "文件夹"
    assert [files.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "名称",
        "体积",
        "类型",
        "修改日期",
    ]
    shown.reject()
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "导入", str(tmp_path), "Excel 文件 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        texts = _opened(dialog, qtbot, tmp_path / f"file_dialog_{mode.name}.png")
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts and "文件名称(&N)：" in texts
        assert [t for t in texts if ENGLISH_WORD.search(t)] == []


def test_message_and_input_dialog_buttons_are_chinese(qtbot: Any, tmp_path: Path) -> None:
    i18n.apply_language("zh_CN")
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question, "确认", "删除这条记录吗？", buttons.Yes | buttons.No | buttons.Cancel
    )
    assert sorted(_opened(box, qtbot, tmp_path / "message_box.png")) == sorted(
        ["删除这条记录吗？", "是(&Y)", "否(&N)", "取消"]
    )
    asked = QInputDialog()
    asked.setLabelText("新名称")
    assert sorted(_opened(asked, qtbot, tmp_path / "input.png")) == sorted(["新名称", "确定", "取消"])


def test_english_leaves_qt_in_english(qtbot: Any, tmp_path: Path) -> None:
    i18n.apply_language("en")
    try:
        dialog = QFileDialog(None, "Import", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        assert "&Look in:" in _opened(dialog, qtbot, tmp_path / "file_dialog_en.png")
    finally:
        i18n.apply_language("zh_CN")
