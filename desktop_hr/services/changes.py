"""What a write changed, by area: the value every committed unit of work reports (Anki's OpChanges).

The write guard sees every row a unit of work writes (flushed objects and bulk statements alike), so the
change set is taken from there when the transaction commits instead of each service having to remember
to fill it in: a write cannot forget to report itself. Whoever runs a write (the window's operation
runner) opens a `collecting()` block around it and hands the result to whoever shows the data.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

# Every table belongs to exactly one area (tests/unit/services/test_changes.py checks every mapped table).
TABLE_AREAS: dict[str, str] = {
    "employee": "employees",
    "department": "organisation",
    "position": "organisation",
    "competency": "organisation",
    "position_competency": "organisation",
    "performance_review": "archive",
    "review_item": "archive",
    "career_goal": "archive",
    "course": "training",
    "course_competency": "training",
    "course_material": "training",
    "stored_file": "training",
    "training_session": "training",
    "enrolment": "training",
    "attendance": "training",
    "submission": "training",
    "exam_result": "training",
    "feedback": "training",
    "training_record": "training",
    "point_rule": "points",
    "point_entry": "points",
    "reward": "points",
    "redemption": "points",
    "credit_milestone": "points",
    "milestone_unlock": "points",
    "requirement": "requirements",
    "requirement_slice": "requirements",
    "requirement_course": "requirements",
    "recognition_rule": "requirements",
    "trainer_year": "development",
    "trainer_nomination": "development",
    "mentorship": "development",
    "mentoring_log": "development",
    "mentee_evaluation": "development",
    "training_need": "development",
    "certificate": "records",
    "print_record": "records",
    "setting": "settings",
    "account": "accounts",
    "audit_entry": "audit",
    "audit_checkpoint": "audit",
}


@dataclass(frozen=True)
class Changes:
    """Which areas a committed write touched. Empty (all False) means nothing was written."""

    employees: bool = False  # employee rows: names, departments, statuses, numbers
    organisation: bool = False  # departments, positions, competencies
    archive: bool = False  # reviews and career goals
    training: bool = False  # courses, sessions, enrolment, sign-ins, submissions, feedback, history
    points: bool = False  # the ledger, rules, rewards and redemptions, milestones
    records: bool = False  # certificates and the print log
    requirements: bool = False  # requirements, their conditions and checklists, the credit-recognition table
    development: bool = False  # trainers' yearly figures, nominations, mentoring, the training-needs pool
    settings: bool = False
    accounts: bool = False
    audit: bool = False  # an entry was added to the audit trail (every write, sign-in, export, print)

    @classmethod
    def of_tables(cls, tables: Iterable[str], *, audited: bool = False) -> Changes:
        areas = {TABLE_AREAS.get(table, "") for table in tables}
        names = {f.name for f in fields(cls)}
        flags = {area: True for area in areas if area in names}
        if audited:
            flags["audit"] = True
        return cls(**flags)

    @classmethod
    def everything(cls) -> Changes:
        """After work whose reach is not known (a restore, another database): every view reloads."""
        return cls(**{f.name: True for f in fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *areas: str) -> bool:
        return any(getattr(self, area) for area in areas)

    def areas(self) -> frozenset[str]:
        return frozenset(f.name for f in fields(self) if getattr(self, f.name))


NOTHING = Changes()


class Collector:
    """The changes of every unit of work committed inside one `collecting()` block."""

    def __init__(self) -> None:
        self.changes = NOTHING

    def add(self, changes: Changes) -> None:
        self.changes = self.changes | changes


_current: contextvars.ContextVar[Collector | None] = contextvars.ContextVar(
    "desktop_hr_changes", default=None
)


@contextmanager
def collecting() -> Iterator[Collector]:
    """Collect what the units of work committed in this block (on this thread) changed."""
    collector = Collector()
    token = _current.set(collector)
    try:
        yield collector
    finally:
        _current.reset(token)


def report(changes: Changes) -> None:
    """Called when a transaction commits: adds its changes to the block collecting them, if any."""
    collector = _current.get()
    if collector is not None and changes:
        collector.add(changes)
