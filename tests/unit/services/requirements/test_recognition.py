"""The credit-recognition table (学时认定): shipped defaults, records converted, bad input refused, edits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from workbooks import book

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.errors import StillReferenced
from desktop_hr.models import AuditEntry, Employee, Role, TrainingRecord
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.requirements.recognition import (
    RecognitionData,
    delete_recognition,
    list_recognition,
    save_recognition,
)
from desktop_hr.services.training.history import (
    TrainingRecordData,
    add_training_record,
    get_training_record,
    update_training_record,
)
from desktop_hr.services.trust.permissions import PermissionDenied, Principal


@pytest.fixture
def employee(db: Database) -> int:
    with db.uow() as uow:
        row = Employee(employee_no="1001", name="陈静")
        uow.session.add(row)
        uow.session.flush()
        uow.commit()
        return row.id


def _table(db: Database) -> dict[str, tuple[Decimal | None, str]]:
    with db.read_session() as session:
        return {row.name: (row.hours_per_unit, row.unit) for row in list_recognition(session)}


def _records(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(TrainingRecord)) or 0)


def test_the_table_ships_with_the_defaults_of_domain_md(db: Database) -> None:
    assert _table(db) == {
        "脱产培训": (Decimal("6.00"), "天"),
        "脱产培训（半天）": (Decimal("3.00"), "半天"),
        "学术会议": (Decimal("6.00"), "天"),
        "职业资格考试": (Decimal("40.00"), "次"),
        "论文": (Decimal("20.00"), "篇"),
        "核心期刊论文": (Decimal("40.00"), "篇"),
        "学历教育": (Decimal("100.00"), "学年"),
        "网络学习": (None, "学时"),
    }


@pytest.mark.parametrize(
    ("form", "quantity", "hours"),
    [
        ("脱产培训", "1", "6.00"),  # 6 学时 per full-time day
        ("脱产培训", "2.5", "15.00"),
        ("脱产培训（半天）", "1", "3.00"),
        ("学术会议", "2", "12.00"),
        ("职业资格考试", "1", "40.00"),
        ("论文", "2", "40.00"),
        ("核心期刊论文", "1", "40.00"),
        ("学历教育", "0.5", "50.00"),
        ("网络学习", "7.25", "7.25"),  # as recorded
        ("full_time_day", "1", "6.00"),  # the code works too, in any case
    ],
)
def test_a_learning_form_and_quantity_give_the_hours(
    db: Database, employee: int, form: str, quantity: str, hours: str
) -> None:
    record_id = add_training_record(
        db.uow(),
        employee,
        TrainingRecordData("进修", date(2025, 5, 1), learning_form=form, quantity=Decimal(quantity)),
    )
    with db.read_session() as session:
        stored = get_training_record(session, record_id)
    assert stored.hours == Decimal(hours)
    assert stored.learning_form is not None and stored.learning_form.isupper()  # kept as the code


def test_hours_entered_directly_are_kept(db: Database, employee: int) -> None:
    record_id = add_training_record(
        db.uow(),
        employee,
        TrainingRecordData(
            "论文发表", date(2025, 5, 1), hours=Decimal(25), learning_form="论文", quantity=Decimal(1)
        ),
    )
    with db.read_session() as session:
        assert get_training_record(session, record_id).hours == Decimal("25.00")


def test_a_change_of_the_table_never_rewrites_records_already_entered(db: Database, employee: int) -> None:
    record_id = add_training_record(
        db.uow(),
        employee,
        TrainingRecordData("脱产学习", date(2025, 5, 1), learning_form="脱产培训", quantity=Decimal(2)),
    )
    with db.read_session() as session:
        rule = next(r for r in list_recognition(session) if r.code == "FULL_TIME_DAY")
    save_recognition(db.uow(), RecognitionData("FULL_TIME_DAY", "脱产培训", Decimal(8), "天"), rule.id)
    later = add_training_record(
        db.uow(),
        employee,
        TrainingRecordData("脱产学习", date(2025, 6, 1), learning_form="脱产培训", quantity=Decimal(2)),
    )
    with db.read_session() as session:
        assert get_training_record(session, record_id).hours == Decimal("12.00")
        assert get_training_record(session, later).hours == Decimal("16.00")


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        (
            TrainingRecordData("进修", date(2025, 5, 1), learning_form="出国考察", quantity=Decimal(1)),
            "学习形式",
            "不是学时认定表中的学习形式",
        ),
        (
            TrainingRecordData("进修", date(2025, 5, 1), quantity=Decimal(2)),
            "学习形式",
            "填写数量时须同时填写学习形式",
        ),
        (
            TrainingRecordData("进修", date(2025, 5, 1), learning_form="论文"),
            "学习形式",
            "未填学时时须填写数量",
        ),
        (
            TrainingRecordData("进修", date(2025, 5, 1), learning_form="论文", quantity=Decimal(-1)),
            "数量",
            "不能为负数",
        ),
        (
            TrainingRecordData("进修", date(2025, 5, 1), hours=Decimal(-3), learning_form="论文"),
            "学时",
            "不能为负数",
        ),
        (
            TrainingRecordData("进修", date(2025, 5, 1), learning_form="学历教育", quantity=Decimal(100)),
            "数量",
            "折算后为 10000.00 学时，超过 9999.99",
        ),
    ],
)
def test_bad_records_are_refused_naming_the_field_and_nothing_is_written(
    db: Database, employee: int, data: TrainingRecordData, field: str, reason: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        add_training_record(db.uow(), employee, data)
    assert any(field in line and reason in line for line in refused.value.message().splitlines())
    assert _records(db) == 0


def test_an_unknown_learning_form_is_named_in_english_too(db: Database, employee: int) -> None:
    messages.set_language("en")
    with pytest.raises(ValidationFailed) as refused:
        add_training_record(
            db.uow(),
            employee,
            TrainingRecordData("Study", date(2025, 5, 1), learning_form="出国考察", quantity=Decimal(1)),
        )
    assert "Learning form“出国考察”：is not a learning form of the recognition table (one of: 脱产培训/" in (
        refused.value.message()
    )


def test_a_form_switched_off_stays_valid_on_the_records_that_have_it(db: Database, employee: int) -> None:
    record_id = add_training_record(
        db.uow(),
        employee,
        TrainingRecordData("会议", date(2025, 5, 1), learning_form="学术会议", quantity=Decimal(1)),
    )
    with db.read_session() as session:
        rule = next(r for r in list_recognition(session) if r.code == "CONFERENCE_DAY")
    save_recognition(db.uow(), rule.data().__class__(**{**rule.data().__dict__, "active": False}), rule.id)
    with db.read_session() as session:
        data = get_training_record(session, record_id)
    update_training_record(db.uow(), record_id, data.__class__(**{**data.__dict__, "note": "补充"}))
    with pytest.raises(ValidationFailed, match="该学习形式已停用"):
        add_training_record(
            db.uow(),
            employee,
            TrainingRecordData("会议", date(2025, 6, 1), learning_form="学术会议", quantity=Decimal(1)),
        )


def test_the_import_converts_learning_forms_and_refuses_unknown_ones(
    db: Database, employee: int, tmp_path: Path
) -> None:
    from desktop_hr.services.exchange import kinds
    from desktop_hr.services.imports import ImportRejected

    kind = kinds()["training-records"]
    header = ["工号", "课程名称", "日期", "学时", "学习形式", "数量"]
    good = book(
        tmp_path / "good.xlsx",
        [
            header,
            ["1001", "脱产学习", "2025-03-01", None, "脱产培训", 2],
            ["1001", "论文", "2025-04-01", 30, "论文", 1],
        ],
    )
    report = kind.import_parsed(db.uow(), kind.parse(good, None, None), False, None)
    assert report.created == 2
    with db.read_session() as session:
        hours = dict(session.execute(select(TrainingRecord.course_title, TrainingRecord.hours)).all())
    assert hours == {"脱产学习": Decimal("12.00"), "论文": Decimal("30.00")}

    bad = book(tmp_path / "bad.xlsx", [header, ["1001", "考察", "2025-05-01", None, "出国考察", 1]])
    with pytest.raises(ImportRejected) as rejected:
        kind.import_parsed(db.uow(), kind.parse(bad, None, None), False, None)
    (error,) = rejected.value.errors
    assert (error.row, error.column, error.value) == (2, "学习形式", "出国考察")
    assert _records(db) == 2


# ---- editing the table ----------------------------------------------------------------------------


def test_the_office_adds_and_edits_lines_and_the_trail_records_it(db: Database) -> None:
    rule_id = save_recognition(db.uow(), RecognitionData("lecture", "讲座", Decimal(3), "次"))
    save_recognition(db.uow(), RecognitionData("LECTURE", "讲座", Decimal(4), "次"), rule_id)
    assert _table(db)["讲座"] == (Decimal("4.00"), "次")
    with db.read_session() as session:
        entries = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.table_name == "recognition_rule").order_by(AuditEntry.id)
            )
        )
    assert [e.action for e in entries] == ["create", "update"]
    assert '"hours_per_unit": ["3.00", "4.00"]' in entries[1].changes


def test_bad_lines_are_refused_and_a_clerk_may_not_edit_the_table(db: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_recognition(db.uow(), RecognitionData("PAPER", "", Decimal(-1), "篇"))
    text = refused.value.message()
    assert "代码“PAPER”：已被学习形式“论文”使用" in text
    assert "学习形式“”：必填" in text
    assert "每单位学时“-1.00”：不能为负数" in text
    db.principal = Principal(name="clerk", role=Role.CLERK)
    with pytest.raises(PermissionDenied, match="修改达标规则和学时认定表"):
        save_recognition(db.uow(), RecognitionData("LECTURE", "讲座", Decimal(3), "次"))


def test_a_line_in_use_cannot_be_deleted_or_recoded(db: Database, employee: int) -> None:
    add_training_record(
        db.uow(),
        employee,
        TrainingRecordData("论文", date(2025, 5, 1), learning_form="论文", quantity=Decimal(1)),
    )
    with db.read_session() as session:
        rows = {r.code: r for r in list_recognition(session)}
    assert rows["PAPER"].used == 1
    with pytest.raises(StillReferenced):
        delete_recognition(db.uow(), rows["PAPER"].id)
    with pytest.raises(ValidationFailed, match="代码不能再改"):
        save_recognition(db.uow(), RecognitionData("ARTICLE", "论文", Decimal(20), "篇"), rows["PAPER"].id)
    assert delete_recognition(db.uow(), rows["ONLINE"].id).name == "网络学习"
    assert "网络学习" not in _table(db)
