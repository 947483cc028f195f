"""Where the program keeps its files: data folder, default database, log, bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "desktop_hr"
DB_ENV = "DESKTOP_HR_DB"
DATA_DIR_ENV = "DESKTOP_HR_DATA_DIR"


def data_dir() -> Path:
    """The per-user data folder (created on demand); DESKTOP_HR_DATA_DIR overrides it (tests, portable use)."""
    override = os.environ.get(DATA_DIR_ENV)
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_db_path() -> Path:
    return data_dir() / "desktop_hr.sqlite3"


def log_path() -> Path:
    return data_dir() / "desktop_hr.log"


def resources_dir() -> Path:
    """Bundled resources: inside the package when installed from a wheel, else the repo's resources/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("desktop_hr resources folder not found next to the package")
