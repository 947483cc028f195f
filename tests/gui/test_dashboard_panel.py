"""The Home tab's charts: the demo's figures as bars, an image of each chart, and an empty archive saying so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import DEMO_TODAY
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QBarSet
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from tests_gui_helpers import DialogAnswers, shown, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.services.labels import label
from desktop_hr.services.training.dashboard import Dashboard, dashboard
from desktop_hr.views.home.dashboard import ChartCard, DashboardPanel
from desktop_hr.views.home.home_tab import HomeTab


def _panel(qtbot: Any, db: Database) -> DashboardPanel:
    panel = shown(qtbot, DashboardPanel(db, today=lambda: DEMO_TODAY), size=(1200, 380))
    with qtbot.waitSignal(panel.loaded):
        panel.refresh()
    wait_idle(qtbot)
    return panel


def _bar_sets(card: ChartCard) -> list[QBarSet]:
    chart = card.view.chart()
    (series,) = chart.series()
    assert isinstance(series, QAbstractBarSeries)
    return list(series.barSets())


def _categories(card: ChartCard) -> list[str]:
    (axis,) = [a for a in card.view.chart().axes() if isinstance(a, QBarCategoryAxis)]
    return list(axis.categories())


def _values(bar_set: QBarSet) -> list[float]:
    return [bar_set.at(i) for i in range(bar_set.count())]


def test_the_demo_figures_are_drawn_as_bars(qtbot: Any, demo_db: Database) -> None:
    with read_only(demo_db) as session:
        figures: Dashboard = dashboard(session, DEMO_TODAY)
    panel = _panel(qtbot, demo_db)
    for card in panel.cards():
        assert card.has_chart()
        assert card.view.isVisible()
        assert not card.empty_label.isVisible()
        assert card.export_button.isEnabled()

    (rate,) = _bar_sets(panel.participation_card)
    assert _values(rate) == [float(m.rate) for m in figures.participation]
    assert len(_categories(panel.participation_card)) == 12
    assert str(DEMO_TODAY.year) in panel.participation_card.view.chart().title()

    actual, target = _bar_sets(panel.points_card)
    rows = figures.points.rows
    assert _values(actual) == [float(row.actual) for row in rows]
    assert _values(target) == [float(row.target) for row in rows]
    assert _categories(panel.points_card) == [label(row.category) for row in rows]

    hours, credits = _bar_sets(panel.departments_card)
    departments = figures.departments
    assert departments, "the demo has training this year"
    # the most hours at the top: a horizontal chart draws its first category lowest
    assert _categories(panel.departments_card) == [row.name for row in reversed(departments)]
    assert _values(hours) == [float(row.hours) for row in reversed(departments)]
    assert _values(credits) == [float(row.credits) for row in reversed(departments)]


def test_export_image_writes_a_png_of_the_chart(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    panel = _panel(qtbot, demo_db)
    card = panel.departments_card
    dialog_answers.save_file = str(tmp_path / "hours")  # typed without the extension
    qtbot.mouseClick(card.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "hours.png"
    image = QImage(str(written))
    assert not image.isNull()
    assert (image.width(), image.height()) == (card.view.width(), card.view.height())

    dialog_answers.save_file = ""  # the user cancelled: nothing is written, nothing is said
    assert panel.points_card.export_image() is None
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["hours.png"]
    assert dialog_answers.shown == []


def test_an_empty_archive_shows_no_data_instead_of_empty_axes(qtbot: Any, db: Database) -> None:
    panel = _panel(qtbot, db)
    for card in panel.cards():
        assert not card.has_chart()
        assert card.empty_label.isVisible()
        assert card.empty_label.text() == card.tr("No data yet")
        assert card.title_label.text()  # which chart has nothing to show
        assert not card.export_button.isEnabled()


def test_the_home_tab_shows_the_charts_and_reloads_them_with_the_reminders(
    qtbot: Any, demo_db: Database
) -> None:
    tab = shown(qtbot, HomeTab(demo_db, today=lambda: DEMO_TODAY), size=(1280, 760))
    wait_idle(qtbot)
    assert tab.dashboard.isVisible()
    assert all(card.has_chart() for card in tab.dashboard.cards())
    with qtbot.waitSignal(tab.dashboard.loaded), qtbot.waitSignal(tab.loaded):
        qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
