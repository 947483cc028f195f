"""An employee's requirements page: their standing against every requirement that applies, and the growth view
(this year's figures against each requirement, milestone, points, the sessions that would close a gap)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QProgressBar
from requirement_cases import attended, course, person
from test_no_gui_thread_reads import ReadLog, assert_loaded_without_gui_reads, reads  # noqa: F401
from tests_gui_helpers import shown, wait_idle
from training_data import building

from desktop_hr.db import Database
from desktop_hr.models import AssignmentType, SessionStatus, SubjectType, TrainingSession
from desktop_hr.services.training.history import TrainingRecordData, add_training_record
from desktop_hr.views.archive.employee_dialog import REQUIREMENTS_TAB, EmployeeDialog
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.requirements.employee_requirements import EmployeeRequirementsPanel

TODAY = date.today()


@pytest.fixture
def engineer(db: Database) -> dict[str, Any]:
    """A professional with 20 professional hours this year and no reflection; a session of the same course
    opens in five days (with a reflection to write)."""
    with building(db) as s:
        pro = course(s, "P20", hours="20", credits="4", subject=SubjectType.PROFESSIONAL, title="专业前沿")
        who = person(s, "1001", "王工")
        attended(s, who, pro, TODAY)
        start = datetime.combine(TODAY + timedelta(days=5), time(9))
        upcoming = TrainingSession(
            code="NEXT-01",
            course_id=pro.id,
            starts_at=start,
            ends_at=start + timedelta(hours=8),
            status=SessionStatus.OPEN,
            assignment_type=AssignmentType.REFLECTION,
        )
        s.add(upcoming)
        return {"id": who.id}


def rows(panel: EmployeeRequirementsPanel) -> dict[str, list[str]]:
    model = panel.model
    return {
        model.index(r, 0).data(): [model.index(r, c).data() for c in (1, 2, 3)]
        for r in range(model.rowCount())
    }


def test_standing_and_growth(qtbot: Any, db: Database, engineer: dict[str, Any], qtmodeltester: Any) -> None:
    panel = EmployeeRequirementsPanel(db)
    panel.set_employee(engineer["id"])
    shown(qtbot, panel, size=(1000, 700))
    wait_idle(qtbot)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.recommendations)
    title = rows(panel)["职称评定"]
    assert title == ["学时20；心得0篇", "未达标", "还差20学时；还差2篇心得"]
    assert panel.summary_label.text() == "适用 5 项要求，已达标 0 项"
    figures = panel.figures_label.text()
    assert f"{TODAY.year} 年：20 学时，4 学分" in figures and "下一个里程碑 100 学分" in figures
    bars = {bar.format() for bar in panel.growth_box.findChildren(QProgressBar)}
    assert "20 / 40 学时" in bars and "20 / 90 学时" in bars
    recommended = panel.recommendations
    assert [recommended.index(r, 1).data() for r in range(recommended.rowCount())] == ["NEXT-01"]
    why = recommended.index(0, 5).data()
    assert "职称评定：学时 +20" in why and "职称评定：可写心得" in why

    # Another year: nothing done then.
    panel.year_spin.setValue(TODAY.year - 1)
    wait_idle(qtbot)
    assert rows(panel)["职称评定"][2] == "还差40学时；还差2篇心得"


def test_a_record_saved_elsewhere_shows_at_once(qtbot: Any, db: Database, engineer: dict[str, Any]) -> None:
    panel = EmployeeRequirementsPanel(db)
    panel.set_employee(engineer["id"])
    shown(qtbot, panel)
    wait_idle(qtbot)
    record = TrainingRecordData("脱产学习", TODAY, hours=Decimal(20), subject=SubjectType.PROFESSIONAL)
    run_in_background(
        None, lambda _t: add_training_record(db.uow(), engineer["id"], record), success=lambda _i: None
    )
    wait_idle(qtbot)
    assert rows(panel)["职称评定"][2] == "还差2篇心得"


def test_the_employee_dialog_has_the_page_read_in_the_background(
    qtbot: Any,
    db: Database,
    engineer: dict[str, Any],
    reads: ReadLog,  # noqa: F811
) -> None:
    dialog = shown(qtbot, EmployeeDialog(db, employee_id=engineer["id"]))
    wait_idle(qtbot)
    dialog.tabs.setCurrentIndex(REQUIREMENTS_TAB)
    wait_idle(qtbot)
    panel = dialog.requirements_panel
    assert panel is not None and dialog.tabs.currentWidget() is panel
    assert "职称评定" in rows(panel)
    assert_loaded_without_gui_reads(reads)
