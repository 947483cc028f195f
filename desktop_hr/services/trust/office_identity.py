"""The office identity: a random id every database gets once, at creation (migration 0010).

Backups are kept and restores are checked per identity, never by file name: two PCs whose databases share
the default file name stay apart, and another office's backup is recognised as such.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop_hr.models import Setting

OFFICE_ID = "office.id"


def office_id(session: Session) -> str:
    """This database's identity ("" only for a database older than migration 0010)."""
    stored = session.get(Setting, OFFICE_ID)
    return "" if stored is None else stored.value


def short_id(identity: str) -> str:
    """The identity as people compare it on screen and in file names: "3f9a-1c07"."""
    return f"{identity[:4]}-{identity[4:8]}" if len(identity) >= 8 else identity
