"""A new database's first day: whether the first-run guide is due, and remembering it was done or skipped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr.db import UnitOfWork
from desktop_hr.models import Employee
from desktop_hr.services.demo.marker import is_demo
from desktop_hr.services.office_settings import get_text, put_text
from desktop_hr.services.trust.permissions import Permission, require

# "completed" or "skipped": either way the guide is never offered again on this database.
GUIDE_KEY = "first_day.guide"
GuideOutcome = Literal["completed", "skipped"]


@dataclass(frozen=True)
class Standing:
    """What the window needs to know about a database it has just opened."""

    demo: bool  # demo data: said in the title bar, never remembered as the office's database
    guide_due: bool  # the first-run guide has not been completed or skipped, and the archive is empty


def standing(session: Session) -> Standing:
    demo = is_demo(session)
    done = get_text(session, GUIDE_KEY, "")
    # An archive that already has people was set up before the guide existed (or by the command line).
    empty = session.scalar(select(Employee.id).limit(1)) is None
    return Standing(demo=demo, guide_due=not demo and not done and empty)


def finish_guide(uow: UnitOfWork, outcome: GuideOutcome) -> None:
    """Remember in the database that its first-run guide was completed or skipped."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    if outcome not in ("completed", "skipped"):
        raise ValueError(f"unknown guide outcome {outcome!r}")
    with uow:
        put_text(uow.session, GUIDE_KEY, outcome)
        uow.commit()
