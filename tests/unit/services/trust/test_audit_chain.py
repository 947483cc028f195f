"""The trail's fast path for bulk statements: entries kept as rows until the commit, serialised and hashed once,
must be the very entries the per-row path wrote, so `audit verify` (which recomputes every hash with
json.dumps) holds, and every entry still names its row, its values and its summary."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select, update
from tampering import trail

from desktop_hr.db import Database
from desktop_hr.models import AuditEntry, Course, CourseCategory, Delivery
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.audit import Action, AuditQuery
from desktop_hr.services.trust.guard import summary_of


class Colour(enum.Enum):
    RED = "red"


class Size(enum.IntEnum):
    BIG = 3


class Kind(enum.StrEnum):
    OFFLINE = "offline"


AWKWARD: list[Any] = [
    "plain",
    '引号"和\\反斜杠',
    "控制\n\t\x01\x1f字符",
    "emoji 😀 and 𠀋",
    "",
    0,
    -12,
    10**20,
    True,
    False,
    1.5,
    float("nan"),
    datetime(2025, 3, 5, 9, 0, 1, 250),
    datetime(2025, 3, 5, 9, 0),
    date(2025, 3, 5),
    Decimal("12.50"),
    Colour.RED,
    Size.BIG,
    Kind.OFFLINE,
    b"\x00\x01",
    [1, "二"],
    {"b": 1, "a": None},
]


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_a_value_is_written_as_the_per_row_path_wrote_it(value: Any) -> None:
    columns = ["id", "value", "other"]
    audited = [(f"{json.dumps(name)}: [null, ", columns.index(name)) for name in ("other", "value")]
    expected = json.dumps(
        {"value": [None, value], "other": [None, "x"]},
        ensure_ascii=False,
        sort_keys=True,
        default=audit.plain,
    )
    assert audit._created_changes(audited, (1, value, "x")) == expected


def test_a_row_of_blanks_has_no_changes_as_before() -> None:
    assert audit._created_changes([('"value": [null, ', 1)], (1, None)) == ""


def _courses(count: int) -> list[dict[str, Any]]:
    return [
        {
            "code": f"C{n:03d}",
            "title": f'课程 "{n}"\n第二行',
            "category": CourseCategory.REQUIRED if n % 2 else CourseCategory.ELECTIVE,
            "delivery": Delivery.ONLINE if n % 3 == 0 else Delivery.OFFLINE,
            "hours": Decimal("1.5") if n % 2 else None,
        }
        for n in range(count)
    ]


def test_a_bulk_insert_writes_the_entries_the_per_row_path_wrote_and_they_verify(db: Database) -> None:
    with db.uow() as uow:
        audit.record(uow.session, Action.PRINT, account="hr", summary="before the import")
        uow.session.execute(insert(Course), _courses(300))
        uow.session.execute(update(Course).where(Course.code == "C001").values(title="改名"))
        audit.record(uow.session, Action.IMPORT, account="hr", summary="after", reason="原因")
        uow.commit()

    created = trail(db, AuditQuery(table_name="course", action=Action.CREATE))
    assert len(created) == 300
    with db.read_session() as session:
        stored = {row.id: dict(row._mapping) for row in session.execute(select(Course.__table__))}
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    by_id = {int(entry.record_id): entry for entry in created}
    for course_id, row in stored.items():
        entry = by_id[course_id]
        values = {**row, "title": f'课程 "{int(row["code"][1:])}"\n第二行'}  # as created, before the rename
        expected = {
            key: [None, value]
            for key, value in values.items()
            if key not in ("id", "created_at", "updated_at", "version") and value is not None
        }
        assert json.loads(entry.changes) == json.loads(json.dumps(expected, default=audit.plain))
        assert entry.summary == summary_of(values)
    # In the order they happened, numbered without a gap, each hash what verify recomputes.
    assert [e.action for e in entries] == ["print", *["create"] * 300, "update", "import"]
    assert [e.id for e in entries] == list(range(1, 304))
    for entry in entries:
        row = {c.name: getattr(entry, c.name) for c in AuditEntry.__table__.columns}
        assert audit.entry_hash(row) == entry.hash
    with db.read_session() as session:
        result = audit.verify(session)
    assert result.intact and result.count == 303


def test_a_caller_asking_for_its_own_columns_still_gets_them_and_the_entries_name_no_id(db: Database) -> None:
    with db.uow() as uow:
        codes = list(uow.session.scalars(insert(Course).returning(Course.code), _courses(3)))
        uow.commit()
    assert sorted(codes) == ["C000", "C001", "C002"]
    created = trail(db, AuditQuery(table_name="course", action=Action.CREATE))
    assert [entry.record_id for entry in created] == ["", "", ""]
    assert sorted(entry.summary for entry in created) == [
        'C000 课程 "0"\n第二行',
        'C001 课程 "1"\n第二行',
        'C002 课程 "2"\n第二行',
    ]
    with db.read_session() as session:
        assert audit.verify(session).intact


def test_a_rolled_back_bulk_insert_leaves_no_entry(db: Database) -> None:
    with db.uow() as uow:
        uow.session.execute(insert(Course), _courses(5))
        uow.rollback()
    with db.uow() as uow:
        uow.session.execute(insert(Course), _courses(2))
        uow.commit()
    assert len(trail(db, AuditQuery(table_name="course"))) == 2
