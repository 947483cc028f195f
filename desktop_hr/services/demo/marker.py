"""The mark inside a demo database, and the rule that a demo is never remembered as the office's database."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop_hr.services.office_settings import get_text, put_text

# Written by fill_demo in the same transaction as the demo's archive (so `desktop-hr demo` marks too).
DEMO_KEY = "database.demo"


def mark_demo(session: Session) -> None:
    """Inside the caller's transaction: this database holds demo data, not an office's records."""
    put_text(session, DEMO_KEY, "1")


def is_demo(session: Session) -> bool:
    return get_text(session, DEMO_KEY, "") == "1"


def database_to_remember(remembered: str, opened: str, *, demo: bool) -> str:
    """What a plain start opens next time, once `opened` is open: the office's database is remembered; a
    demo never is, and a demo found remembered (left by an older version, or `--db demo.sqlite3`) is
    forgotten, so that the next plain start opens the office's own database again."""
    if not demo:
        return opened
    return "" if remembered == opened else remembered
