"""Where the window keeps its preferences (language, geometry, last database): one QSettings for the whole app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_hr.services.demo.marker import database_to_remember

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


def remember_database(path: Path, *, demo: bool) -> None:
    """Once `path` is open: the office's database becomes the one a plain start opens; a demo never does
    (services/demo/marker.py), and a demo found remembered is forgotten."""
    settings = app_settings()
    remembered = str(settings.value(LAST_DATABASE_KEY, "") or "")
    keep = database_to_remember(remembered, str(path), demo=demo)
    if keep:
        settings.setValue(LAST_DATABASE_KEY, keep)
    else:
        settings.remove(LAST_DATABASE_KEY)


def office_database() -> Path | None:
    """The office's own database to go back to from the demo: the one remembered, if it is still there;
    None for the default (DESKTOP_HR_DB, else the data folder's file)."""
    remembered = str(app_settings().value(LAST_DATABASE_KEY, "") or "")
    return Path(remembered) if remembered and Path(remembered).exists() else None
