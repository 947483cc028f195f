"""The office the printing tests print from: 质量部 with three people, sessions over, cancelled and to come,
a completion certificate and some points. Imported by name like training_data.py."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import PointCategory, SessionStatus
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.points import ledger
from desktop_hr.services.records import certificates

TODAY = date(2026, 3, 20)
NOW = datetime(2026, 3, 20, 10, 0)
PEOPLE = {"00012": "欧阳明华", "00013": "王芳", "00014": "李雷"}


def build_office(db: Database) -> dict[str, int]:
    """质量部 with three people; 安全生产管理 B01 over on 03-06 (all attended), B02 cancelled; 沟通技巧 C01
    not attended; 欧阳明华 holds a completion certificate and some points."""
    with building(db) as s:
        department = ensure_department_path(s, "总公司/质量部")
        people = make_people(s, PEOPLE, department_id=department)
        safety = make_course(s, "K01", "安全生产管理", hours=Decimal(16), credits=Decimal("1.5"))
        talk = make_course(s, "K02", "沟通技巧")
        b01 = make_session(s, safety, "B01", *full_days(date(2026, 3, 5), days=2))
        make_session(s, safety, "B02", *full_days(date(2026, 4, 5)), status=SessionStatus.CANCELLED)
        make_session(s, talk, "C01", *full_days(date(2026, 5, 5)))
        for person in people:
            sign_in(s, b01, person)
        ledger.post(
            s,
            ledger.Posting(
                employee_id=people[0].id,
                points=5,
                category=PointCategory.PARTICIPATION,
                occurred_at=datetime(2026, 3, 6, 17),
                rule_code="manual",
                reason="参加培训",
            ),
        )
        ids = {
            "department": department,
            "b01": b01.id,
            **{no: p.id for no, p in zip(PEOPLE, people, strict=True)},
        }
    certificates.issue_completion(db.uow(), ids["b01"], at=datetime(2026, 3, 9, 10))
    return ids
