"""Edit › Printed documents…: the dialog opens at once, fills in from the background, saves on the worker."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from tests_gui_helpers import shown, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.services.records import print_settings
from desktop_hr.views.records.print_settings_dialog import PrintSettingsDialog


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()


def _stored(db: Database) -> print_settings.PrintSettings:
    with read_only(db) as session:
        return print_settings.get(session)


def test_it_opens_before_the_settings_are_read_then_fills_in_and_saves(
    demo_db: Database, qtbot: Any, monkeypatch: pytest.MonkeyPatch, gate: threading.Event
) -> None:
    gui_thread = threading.get_ident()
    read_on: list[int] = []
    real_get = print_settings.get

    def held_back(session: Any) -> print_settings.PrintSettings:
        read_on.append(threading.get_ident())
        assert gate.wait(10)
        return real_get(session)

    monkeypatch.setattr(print_settings, "get", held_back)
    dialog = shown(qtbot, PrintSettingsDialog(demo_db))
    assert not dialog.form_part.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.editors["organisation"].text() == ""  # type: ignore[union-attr]
    gate.set()
    qtbot.waitUntil(lambda: dialog.loaded)
    assert read_on and gui_thread not in read_on
    stored = _stored(demo_db)
    assert dialog.editors["organisation"].text() == stored.organisation  # type: ignore[union-attr]
    assert dialog.form_part.isEnabled() and dialog.save_button.isEnabled()

    dialog.editors["signatory_name"].setText("王建国")  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    wait_idle(qtbot)
    assert _stored(demo_db).signatory_name == "王建国"


def test_an_invalid_field_is_named_and_nothing_is_saved(demo_db: Database, qtbot: Any) -> None:
    dialog = shown(qtbot, PrintSettingsDialog(demo_db))
    qtbot.waitUntil(lambda: dialog.loaded)
    before = _stored(demo_db)
    dialog.editors["completion_wording"].setPlainText("{nobody} 完成培训")  # type: ignore[union-attr]
    dialog.save_button.click()
    wait_idle(qtbot)
    assert "nobody" in dialog.error_label.text()
    assert dialog.isVisible() and _stored(demo_db) == before
