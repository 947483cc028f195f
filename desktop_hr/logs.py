"""One rotating log file in the data folder, shared by the window and the command line."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desktop_hr import paths

LOG_BYTES = 2_000_000
LOG_BACKUPS = 3


def setup_logging() -> Path:
    """Attach the rotating file handler once (calling again is harmless) and return the log's path."""
    log_file = paths.log_path()
    root = logging.getLogger()
    already = any(
        isinstance(h, logging.handlers.RotatingFileHandler)
        and getattr(h, "baseFilename", "") == str(log_file)
        for h in root.handlers
    )
    if not already:
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Alembic describes every plugin on every open; only its warnings belong in a clerk's log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return log_file
