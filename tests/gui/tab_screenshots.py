"""Every tab (and every page of a tab's own tabs) at 1366×768, in Chinese and in English:
`QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/tab_screenshots.py [folder]` (default /tmp/tabs).

A check for clipped columns and untranslated words by eye; tests/gui/test_visible_texts.py checks the
words by machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget  # noqa: E402
from signing import open_as_admin  # noqa: E402

from desktop_hr.services.demo.fill import fill_demo  # noqa: E402
from desktop_hr.views import i18n, operations  # noqa: E402
from desktop_hr.views.app import create_application  # noqa: E402

SIZE = (1366, 768)


def reveal(tabs: QWidget, top: QWidget) -> None:
    """Make every tab widget between `top` and `tabs` show the page that holds `tabs`."""
    child, parent = tabs, tabs.parentWidget()
    while parent is not None and child is not top:
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            outer = parent.parentWidget()
            assert isinstance(outer, QTabWidget)
            outer.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="desktop_hr_tabs_"))
    os.environ["DESKTOP_HR_DATA_DIR"] = str(work / "data")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application()
    db = open_as_admin(work / "demo.sqlite3")
    fill_demo(db.uow(), employees=300, today=date.today())
    from desktop_hr.views.main_window import MainWindow

    def settle() -> None:
        for _ in range(6):
            operations.wait_for_all()
            app.processEvents()

    for language in ("zh_CN", "en"):
        i18n.apply_language(language)
        window = MainWindow(db)
        window.resize(*SIZE)
        window.show()
        settle()
        for number in range(window.tabs.count()):
            window.tabs.setCurrentIndex(number)
            settle()
            page = window.tabs.widget(number)
            stops = [(t, i) for t in page.findChildren(QTabWidget) for i in range(t.count())]
            for place, (tabs, index) in enumerate(stops or [(None, 0)]):
                if tabs is not None:
                    reveal(tabs, page)
                    tabs.setCurrentIndex(index)
                    settle()
                name = f"{language}_{number:02}_{page.objectName() or number}_{place:02}"
                window.grab().save(str(folder / f"{name}.png"))
                print(folder / f"{name}.png")
        window.close()
        window.deleteLater()
        settle()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/tabs"))
