"""The fixed words the command line offers and the rest of the program uses: account roles and the Excel
exchange kinds, in a module that imports nothing, so `desktop-hr --help` lists them without loading the
database layer."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"  # HR administrator: everything, settings, users, backup
    CLERK = "clerk"  # HR clerk: employees, training, points, printing; not users or rules
    DEPARTMENT_HEAD = "department_head"  # own department subtree: grades, nominates, materials
    AUDITOR = "auditor"  # read-only; prints and verifies


# Every kind `import`, `export` and `template` take, as typed (services/exchange.py holds what each does).
EXCHANGE_KINDS = (
    "employees",
    "courses",
    "sessions",
    "attendance",
    "submissions",
    "feedback",
    "training-records",
    "point-adjustments",
)
