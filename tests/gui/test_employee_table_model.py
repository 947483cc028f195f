"""The lazy employees table model: blocks, SQL sort and filter, in-place refresh; always a valid Qt model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from tests_gui_helpers import fetch_all, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import EmployeeStatus
from desktop_hr.services.archive.employees import (
    COLUMNS,
    EmployeeData,
    EmployeeQuery,
    create_employee,
    get_employee,
    update_employee,
)
from desktop_hr.views.archive.employee_table_model import (
    BLOCK_SIZE,
    EMPLOYEE_ID_ROLE,
    ROW_ROLES,
    STATUS_ROLE,
    EmployeeTableModel,
)


@pytest.fixture
def model(demo_db: Database, qtbot: Any) -> EmployeeTableModel:
    """The model of a view (its queries are the view's background operations)."""
    owner = QWidget()
    qtbot.addWidget(owner)
    return EmployeeTableModel(demo_db, owner)


def load(qtbot: Any, model: EmployeeTableModel, query: EmployeeQuery) -> None:
    with qtbot.waitSignal(model.loaded, timeout=30_000):
        model.set_query(query)


def test_loads_rows_in_blocks_and_passes_the_model_tester(
    model: EmployeeTableModel, qtbot: Any, qtmodeltester: Any
) -> None:
    assert model.rowCount() == 0  # nothing read on the GUI thread: the ids come in the background
    load(qtbot, model, EmployeeQuery())
    assert model.total_matching() == 300
    assert model.rowCount() == BLOCK_SIZE
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    fetch_all(model)
    assert model.rowCount() == 300
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


def test_sort_and_filter_are_done_in_sql(model: EmployeeTableModel, qtbot: Any, qtmodeltester: Any) -> None:
    load(qtbot, model, EmployeeQuery())
    with qtbot.waitSignal(model.loaded, timeout=30_000):
        model.sort(COLUMNS.index("name"), Qt.SortOrder.DescendingOrder)
    fetch_all(model)
    names = [model.index(row, COLUMNS.index("name")).data() for row in range(model.rowCount())]
    assert len(names) == 300
    assert names[0] >= names[-1]
    qtmodeltester.check(model)

    load(qtbot, model, replace(model.query, statuses=frozenset({EmployeeStatus.LEFT})))
    assert 0 < model.rowCount() < 300
    assert all(model.index(r, 0).data(STATUS_ROLE) == EmployeeStatus.LEFT for r in range(model.rowCount()))
    qtmodeltester.check(model)


def test_an_edit_rereads_only_that_row(demo_db: Database, model: EmployeeTableModel, qtbot: Any) -> None:
    load(qtbot, model, EmployeeQuery())
    employee_id = model.index(5, 0).data(EMPLOYEE_ID_ROLE)
    with read_only(demo_db) as session:
        data = get_employee(session, employee_id)
    update_employee(demo_db.uow(), employee_id, replace(data, name="改过名"))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged, timeout=30_000) as signal:
        model.refresh()
    wait_idle(qtbot)
    top_left, bottom_right, roles = signal.args
    assert (top_left.row(), bottom_right.row()) == (5, 5)
    assert list(roles) == ROW_ROLES
    assert model.index(5, COLUMNS.index("name")).data() == "改过名"
    assert not resets


def test_rows_leaving_or_joining_the_filter_are_removed_or_inserted(
    demo_db: Database, model: EmployeeTableModel, qtmodeltester: Any, qtbot: Any
) -> None:
    current = frozenset({EmployeeStatus.ACTIVE, EmployeeStatus.PROBATION})
    load(qtbot, model, EmployeeQuery(statuses=current))
    before = model.total_matching()
    employee_id = model.index(0, 0).data(EMPLOYEE_ID_ROLE)
    with read_only(demo_db) as session:
        data = get_employee(session, employee_id)
    update_employee(demo_db.uow(), employee_id, replace(data, status=EmployeeStatus.LEFT))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsRemoved, timeout=30_000):
        model.refresh()
    assert model.total_matching() == before - 1
    assert model.row_of(employee_id) is None
    qtmodeltester.check(model)

    new_id = create_employee(demo_db.uow(), EmployeeData(employee_no="00000A", name="新来的"))
    with qtbot.waitSignal(model.rowsInserted, timeout=30_000):
        model.refresh()
    assert not resets  # patched in place: the view keeps its place
    assert model.row_of(new_id) == 0
    assert model.index(0, COLUMNS.index("name")).data() == "新来的"
    qtmodeltester.check(model)
