"""The README screenshots still render (tests/gui/screenshots.py), and the pinned Qt emits signals soundly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage


def test_screenshots_render(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("screenshots", Path(__file__).with_name("screenshots.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shots = module.render(tmp_path)
    names = [p.name for p in shots]
    for wanted in (
        "home_tab.png",
        "session_sign_in.png",
        "kiosk.png",
        "employees_tab.png",
        "import_errors.png",
        "requirements_tab.png",
        "requirement_dialog.png",
        "growth_view.png",
    ):
        assert wanted in names
    main = QImage(str(shots[0]))
    assert (main.width(), main.height()) == (1280, 800)


class _Sender(QObject):
    changed = Signal(object)


def test_pinned_pyside_emit_does_not_eat_references_to_true() -> None:
    """PySide6 6.12.0's emit() returns a borrowed True; enough emits abort Python 3.11. Guards the pin."""
    sender = _Sender()
    sender.changed.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(1000):
        sender.changed.emit(None)
    assert sys.getrefcount(True) >= before
