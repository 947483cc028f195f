"""Qt's own words that its Chinese catalogue (qtbase_zh_CN, translated for Qt 5's spelling) lacks in
Qt 6's spelling: they are translated in the program's catalogue, which is installed after Qt's and so asked
first. tests/gui/test_qt_dialogs.py opens each dialog in zh_CN and fails on an English word."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_OWN_TEXTS = (
    # the non-native file dialog (Linux without a desktop portal, and every dialog the tests open)
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    # the file dialog's 类型 column (Qt 6 moved these from QFileIconProvider)
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Alias"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
)
