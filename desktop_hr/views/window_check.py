"""`desktop-hr --user NAME gui --check-window SECONDS`: the real main window, open for a moment, then closed.

For the frozen bundle's smoke test (installers/smoke_test.py), where nobody types into the sign-in dialog:
signs in as --user with the command line's password rule, opens the main window as a start does, and after
SECONDS checks what a user would see (the window's own translation and Qt's, the tabs, the font), saves a
screenshot if asked, and closes it the normal way (the exit backup included). Prints what it found; returns
0 when everything was there, else 1. Errors opening the database or signing in reach the command line's
handler as they are (no dialog waits for a click).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.database import open_database
from desktop_hr.views import app as program
from desktop_hr.views import i18n, operations

if TYPE_CHECKING:
    from desktop_hr.views.main_window import MainWindow

CJK = re.compile(r"[\u4e00-\u9fff]")
CLOSE_GRACE_MS = 60_000  # the exit backup of a small database takes well under a second


@dataclass
class Findings:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def note(self, label: str, value: object) -> None:
        self.lines.append(f"{label}: {value}")

    def expect(self, ok: bool, problem: str) -> None:
        if not ok:
            self.problems.append(problem)


def inspect_window(window: MainWindow, app: QApplication, findings: Findings) -> None:
    """What the open window shows, and whether the language's texts and the Chinese font are there."""
    language = i18n.current_language()
    tabs = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    menus = [action.text() for action in window.menuBar().actions()]
    families = program.font_families()
    findings.note("language", language)
    findings.note("window title", window.windowTitle())
    findings.note("menus", " | ".join(menus))
    findings.note("tabs", " | ".join(tabs))
    findings.note("font families", ", ".join(app.font().families()[:3]))
    findings.expect(window.isVisible(), "the main window is not visible")
    findings.expect(len(tabs) > 0, "the main window has no tabs")
    findings.expect(bool(families), "no Chinese-capable font (neither Windows' nor the bundled one)")
    findings.expect(not app.windowIcon().isNull(), "the window has no icon (resources/icons missing)")
    if language == "zh_CN":
        untranslated = [text for text in [*menus, *tabs] if not CJK.search(text)]
        findings.expect(not untranslated, f"not translated: {untranslated} (is the .qm bundled?)")
        # Qt's own catalogue (standard buttons, file dialogs): qtbase_zh_CN.qm must be bundled too.
        qt_context, qt_source = (
            "QPlatformTheme",
            "OK",
        )  # Qt's own catalogue's entry, not ours (lupdate skips it)
        ok_button = QCoreApplication.translate(qt_context, qt_source)
        findings.note("Qt's OK button", ok_button)
        findings.expect(ok_button != "OK", "Qt's own Chinese translation (qtbase_zh_CN) is missing")


def check_window(
    db_arg: str | None, user: str, password: str, *, seconds: float, screenshot: Path | None = None
) -> int:
    """Open, inspect, close (see the module's docstring); the process exit code."""
    app = program.create_application()
    program.setup_logging()
    findings = Findings()
    db = open_database(db_arg)
    try:
        accounts.sign_in(db, user, password)
        window = program.show_main_window(db)
        app.setQuitOnLastWindowClosed(True)

        def look_then_close() -> None:
            inspect_window(window, app, findings)
            if screenshot is not None:
                findings.expect(window.grab().save(str(screenshot)), f"could not save {screenshot}")
                findings.note("screenshot", screenshot)
            window.close()  # the normal way: waits for writes under way, takes the exit backup

        def never_closed() -> None:
            findings.expect(False, f"the window did not close within {CLOSE_GRACE_MS // 1000} s")
            app.quit()

        QTimer.singleShot(round(seconds * 1000), look_then_close)
        QTimer.singleShot(round(seconds * 1000) + CLOSE_GRACE_MS, never_closed)
        app.exec()
        operations.wait_for_all()
    finally:
        db.dispose()
    for line in findings.lines:
        print(line)
    for problem in findings.problems:
        print(f"PROBLEM: {problem}")
    print("window check:", "ok" if not findings.problems else f"{len(findings.problems)} problem(s)")
    return 0 if not findings.problems else 1
