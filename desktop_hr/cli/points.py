"""`points recompute` and `demo`: the automatic awards made to agree with the records, and a demo database."""

from __future__ import annotations

import argparse

from desktop_hr import messages
from desktop_hr.cli.session import open_db
from desktop_hr.cli.texts import EXIT_OK
from desktop_hr.services.demo.demo_file import make_demo
from desktop_hr.services.demo.fill import DEMO_PASSWORD, fill_demo
from desktop_hr.services.points.awards import recompute
from desktop_hr.services.trust import accounts


def cmd_points(args: argparse.Namespace) -> int:
    """`points recompute`: add the missing automatic awards, reverse the unjustified ones, say what changed."""
    db = open_db(args)
    try:
        report = recompute(db.uow())
    finally:
        db.dispose()
    print(report.summary())
    for code, added, reversed_ in report.by_code:
        print(f"  {code}: +{added} / -{reversed_}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    db = open_db(args, sign_in=False, create=True)
    try:
        with db.read_session() as session:
            new = not accounts.has_accounts(session)
        names: list[str] = []
        if new:  # a new demo database: an account per role to try it as, all with the same password
            report, names = make_demo(db, employees=args.employees, seed=args.seed)
        else:
            db.dispose()
            db = open_db(args)
            report = fill_demo(db.uow(), employees=args.employees, seed=args.seed)
    finally:
        db.dispose()
    print(messages.text("cli.demo_done", **vars(report)))
    if names:
        print(messages.text("cli.demo_accounts", names=", ".join(names), password=DEMO_PASSWORD))
    return EXIT_OK
