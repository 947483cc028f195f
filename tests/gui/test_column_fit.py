"""Record tables fit their columns to what they hold (at most MAX_WIDTH), show a value cut short whole in
a tool tip, and keep a width the user chose."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from desktop_hr.views.column_fit import MAX_WIDTH, ColumnFitter, elided_text
from desktop_hr.views.widgets import setup_record_table


def _table(qtbot: Any, rows: list[list[str]]) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(["培训类型", "讲师", "说明"])
    view = QTableView()
    qtbot.addWidget(view)
    setup_record_table(view, "fitted", model, widths=(40, 40))
    view.resize(1000, 300)
    view.show()
    for row in rows:
        model.appendRow([QStandardItem(text) for text in row])
    qtbot.wait(20)
    return view, model


def test_columns_fit_their_values_and_headers(qtbot: Any) -> None:
    view, model = _table(qtbot, [["专门业务培训", "王静（咨询公司）", "x"]])
    assert view.columnWidth(0) > 40 and view.columnWidth(1) > 40
    assert elided_text(view, model.index(0, 0)) == "", "was 40 wide: 专门业务培训 cut short"
    assert elided_text(view, model.index(0, 1)) == ""
    view.setColumnWidth(0, 40)
    assert elided_text(view, model.index(0, 0)) == "专门业务培训"


def test_a_long_value_is_capped_and_shown_whole_in_a_tool_tip(qtbot: Any) -> None:
    long = "总公司/华东分部/上海分公司/市场营销中心/品牌推广部/新媒体运营组/短视频小组" * 2
    view, model = _table(qtbot, [[long, "李明", "x"], ["初任培训", "李明", "x"]])
    assert view.columnWidth(0) == MAX_WIDTH
    assert elided_text(view, model.index(0, 0)) == long
    assert elided_text(view, model.index(1, 0)) == "", "a value that fits needs no tip"
    model.item(0, 0).setToolTip("自己的提示")
    assert elided_text(view, model.index(0, 0)) == "", "the model's own tip wins"


def test_a_width_the_user_chose_is_kept(qtbot: Any) -> None:
    view, model = _table(qtbot, [["初任培训", "李明", "x"]])
    fitter = view.findChild(ColumnFitter)
    assert fitter is not None
    header = view.horizontalHeader()
    edge = QPoint(header.sectionViewportPosition(1) + header.sectionSize(1) - 1, header.height() // 2)
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(header.viewport(), left, pos=edge)
    qtbot.mouseMove(header.viewport(), edge + QPoint(60, 0))
    qtbot.mouseRelease(header.viewport(), left, pos=edge + QPoint(60, 0))
    chosen = view.columnWidth(1)
    model.appendRow([QStandardItem(t) for t in ("在职培训", "欧阳王静静", "y")])
    qtbot.wait(20)
    assert view.columnWidth(1) == chosen
