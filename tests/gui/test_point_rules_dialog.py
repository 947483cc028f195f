"""The point rules dialog: the rules table, a change from a date, presets, and Recompute points."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton
from tests_gui_helpers import shown, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.services.points import point_rules
from desktop_hr.services.points.awards import desired_awards
from desktop_hr.views.points.point_rules_dialog import PointRulesDialog


def _rules(db: Database) -> list[point_rules.RuleRow]:
    with read_only(db) as session:
        return point_rules.list_rules(session)


def _select(dialog: PointRulesDialog, code: str) -> None:
    row = next(i for i, r in enumerate(dialog.model.items()) if r.code == code and r.valid_to is None)
    dialog.table.selectRow(row)


def test_rules_table_presets_and_recompute(qtbot: Any, qtmodeltester: Any, demo_db: Database) -> None:
    dialog = shown(qtbot, PointRulesDialog(demo_db))
    assert dialog.status_label.isVisible() and not dialog.save_button.isEnabled()  # read off the GUI thread
    wait_idle(qtbot)
    assert not dialog.status_label.isVisible()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == len(_rules(demo_db))
    assert not dialog.isModal()

    # Switch on 作业激励: both its rules become enabled.
    on, _off = dialog.preset_buttons["作业激励"]
    assert on.isEnabled()
    qtbot.mouseClick(on, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with read_only(demo_db) as session:
        assert ("作业激励", 2, 2) in point_rules.presets(session)
    assert not dialog.preset_buttons["作业激励"][0].isEnabled()

    # Recompute: reports what it added, and afterwards the ledger agrees with every award.
    qtbot.mouseClick(dialog.recompute_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    report = dialog.last_report
    assert report is not None
    assert dialog.recompute_label.text() == report.summary()
    with read_only(demo_db) as session:
        homework = [a for a in desired_awards(session).values() if a.code.startswith("HOMEWORK")]
    assert {c for c, added, _r in report.by_code if added} >= {a.code for a in homework}
    dialog.last_report = None
    qtbot.mouseClick(dialog.recompute_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.last_report is not None and not dialog.last_report.changed


def test_editing_a_used_rule_makes_a_version_from_the_date(qtbot: Any, demo_db: Database) -> None:
    dialog = shown(qtbot, PointRulesDialog(demo_db))
    wait_idle(qtbot)
    qtbot.mouseClick(dialog.recompute_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    _select(dialog, "ATTEND_OFFLINE")
    assert dialog.version_note.text() == dialog.tr(
        "This rule has awarded points: a change of points, category or enabling becomes a new "
        "version from the date above; past entries keep their points."
    )
    dialog.points_spin.setValue(12)
    dialog.from_edit.setDate(QDate(2031, 1, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    versions = sorted(
        (r for r in _rules(demo_db) if r.code == "ATTEND_OFFLINE"), key=lambda r: r.valid_from or date.min
    )
    assert [(v.points, v.valid_to) for v in versions] == [(10, date(2030, 12, 31)), (12, None)]
    assert dialog.model.rowCount() == len(_rules(demo_db))
    current = dialog.selected()
    assert current is not None and current.points == 12  # the new version is selected

    # The new version has awarded nothing yet: disabling changes it as it is.
    toggle: QPushButton = dialog.toggle_button
    assert toggle.text() == dialog.tr("Disable")
    dialog.from_edit.setDate(QDate(2032, 1, 1))
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    after = dialog.selected()
    assert after is not None and after.id == current.id and not after.enabled
    assert toggle.text() == dialog.tr("Enable")
