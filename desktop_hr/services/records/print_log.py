"""The print log: what was printed or saved as PDF, recorded only once the output really exists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import PrintRecord
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "print_log.missing_output": (
            "没有找到输出文件 {path}，未记录为已打印。",
            "The output {path} does not exist; it was not recorded as printed.",
        ),
        "print_log.no_pages": (
            "“{subject}”的输出没有页，未记录为已打印。",
            'The output for "{subject}" has no pages; it was not recorded as printed.',
        ),
    }
)


class OutputMissing(DomainError):
    code = "print_log.missing_output"


class NoPages(DomainError):
    code = "print_log.no_pages"


@dataclass(frozen=True)
class Output:
    """One printed or saved document: `target` is the PDF's path, or the printer's name when `on_printer`."""

    document: str  # archive-card, certificate, sign-in-sheet, … (printing.catalogue.Document values)
    subject: str  # what it was about, as shown in the log
    pages: int
    target: str
    on_printer: bool = False
    details: str = ""  # what a requirement document said: each verdict and gap (printing.catalogue)


@dataclass(frozen=True)
class PrintLogRow:
    id: int
    document: str
    subject: str
    pages: int
    target: str
    printed_at: datetime
    actor: str
    details: str = ""


def _check(output: Output) -> None:
    if output.pages < 1:
        raise NoPages(subject=output.subject)
    if output.on_printer:
        return
    path = Path(output.target)
    if not path.is_file() or path.stat().st_size == 0:
        raise OutputMissing(path=output.target)


def record(uow: UnitOfWork, outputs: Sequence[Output], *, at: datetime) -> list[int]:
    """Log every output as printed at `at` by the unit of work's actor; all or nothing.

    A PDF that is not there (or empty) refuses the whole call (OutputMissing) before anything is written.
    Each record is also an entry of the audit trail (the unit of work's guard writes it), whether it came
    from the window or the command line.
    """
    require(uow.principal, Permission.PRINT)
    for output in outputs:
        _check(output)
    with uow:
        records = [
            PrintRecord(
                document=output.document,
                subject=output.subject[:200],
                pages=output.pages,
                target=output.target[:400],
                printed_at=at,
                actor=uow.actor,
                details=output.details,
            )
            for output in outputs
        ]
        uow.session.add_all(records)
        uow.session.flush()
        ids = [r.id for r in records]
        uow.commit()
    return ids


def print_log(session: Session, *, limit: int = 200) -> list[PrintLogRow]:
    """The latest entries first."""
    rows = session.scalars(
        select(PrintRecord).order_by(PrintRecord.printed_at.desc(), PrintRecord.id.desc()).limit(limit)
    )
    return [
        PrintLogRow(r.id, r.document, r.subject, r.pages, r.target, r.printed_at, r.actor, r.details)
        for r in rows
    ]
