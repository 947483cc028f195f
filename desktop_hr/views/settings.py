"""Where the window keeps its preferences (language, geometry, last database): one QSettings for the whole app."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "desktop_hr"
APPLICATION = "desktop_hr"

LANGUAGE_KEY = "ui/language"
LAST_DATABASE_KEY = "database/last_path"
DEFAULT_LANGUAGE = "zh_CN"


def app_settings() -> QSettings:
    # INI everywhere (not the Windows registry): a clerk's preferences can be copied with the data folder,
    # and tests redirect the folder with QSettings.setPath.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def saved_language() -> str:
    value = app_settings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return "en" if str(value).lower().startswith("en") else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    app_settings().setValue(LANGUAGE_KEY, language)
