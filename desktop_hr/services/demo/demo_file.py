"""The demo database the window offers beside the office's own: one file in the data folder, made and
filled once, marked as a demo inside, with an account per role (all with the demo password)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_hr import messages, paths
from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.models import Employee
from desktop_hr.services.demo.fill import DEMO_PASSWORD, DemoReport, demo_accounts, fill_demo
from desktop_hr.services.demo.marker import is_demo
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.database import open_database

messages.define(
    {
        "demo.not_demo": (
            "文件 {path} 已存在，但不是演示数据库，演示数据不会写入它。请把该文件移走或改名后再试。",
            "The file {path} exists but is not a demo database; demo data is not written into it. "
            "Move or rename that file, then try again.",
        ),
    }
)

DEMO_FILE = "demo.sqlite3"
DEMO_ADMIN = "admin"
DEMO_EMPLOYEES = 300  # as `desktop-hr demo`


class NotADemoDatabase(DomainError):
    code = "demo.not_demo"


def demo_path() -> Path:
    """Where the window keeps its demo: the data folder, beside the office's database."""
    return paths.data_dir() / DEMO_FILE


def make_demo(
    db: Database, *, employees: int = 300, seed: int = 2026, today: date | None = None
) -> tuple[DemoReport, list[str]]:
    """A new database (no accounts yet) made a demo: its administrator `admin`, the demo data (marked as a
    demo) and an account per role, all with DEMO_PASSWORD; afterwards `admin` is signed in. Returns the
    demo's report and the account names."""
    accounts.create_first_admin(db, DEMO_ADMIN, DEMO_PASSWORD, "管理员（演示）")
    report = fill_demo(db.uow(), employees=employees, seed=seed, today=today)
    return report, [DEMO_ADMIN, *demo_accounts(db.uow())]


def open_demo(
    path: Path | None = None, *, employees: int | None = None, today: date | None = None
) -> Database:
    """The demo database (`path`, else the data folder's demo.sqlite3), made and filled first when it is
    missing or new. Signed in as its administrator while the demo password still opens that account
    (else nobody is signed in and the window asks). A file of that name that is not a demo is refused
    and left as it was. Takes seconds when it fills: run it in the background."""
    target = path or demo_path()
    db = open_database(target)
    try:
        with db.read_session() as session:
            demo = is_demo(session)
            blank = (
                not accounts.has_accounts(session) and session.scalar(select(Employee.id).limit(1)) is None
            )
        if not demo and not blank:
            raise NotADemoDatabase(path=target)
        if not demo:
            make_demo(db, employees=employees or DEMO_EMPLOYEES, today=today)
        else:
            try:
                accounts.sign_in(db, DEMO_ADMIN, DEMO_PASSWORD)
            except DomainError:  # the demo's administrator chose another password: the window asks
                db.principal = None
    except BaseException:
        db.dispose()
        raise
    return db
