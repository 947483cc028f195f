"""Installs the window's translator (and Qt's own) for the chosen language, and keeps messages.py in step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desktop_hr import messages, paths

# Translators must outlive their installation: Qt keeps only a pointer.
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def qm_path(language: str) -> Path:
    return translations_dir() / f"desktop_hr_{language}.qm"


def apply_language(language: str) -> None:
    """Switch every later tr() and messages.text() to `language` ("zh_CN" or "en").

    English is the source language of the window's strings, so English needs no translator.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = "en" if language.lower().startswith("en") else "zh_CN"
    if language == "zh_CN":
        qt_own = QTranslator(app)
        # Qt's standard buttons and dialogs (确定/取消, the file dialog) come from qtbase's catalogue.
        if qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
        ours = QTranslator(app)
        if ours.load(str(qm_path(language))):
            app.installTranslator(ours)
            _installed.append(ours)
    messages.set_language(language)


def current_language() -> str:
    return messages.language()
