"""When a page of the Points tab reads: first shown, after a write touching what it shows, when asked again."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_hr.views import hub

# What the balances, the leaderboard and the rewards show: points, and the people's names and departments.
PEOPLE_AND_POINTS = ("points", "employees", "organisation")


def loading_text() -> str:
    """What a list says while its query runs (the rows shown, if any, are the previous answer)."""
    return QCoreApplication.translate("Points", "Loading…")


class PageLoader:
    """Loads `page` when it is first shown (nothing is read for a page never looked at), whenever a committed
    write touches `areas` (at once if the page is shown, else when next shown: the change hub's rule), and
    on `reload()` (F5, another period chosen) by the same rule."""

    def __init__(self, page: QWidget, areas: Iterable[str], load: Callable[[], None]) -> None:
        self._page = page
        self._load = load
        self.follower = hub.follow(page, areas, load)
        self.reload()

    def reload(self) -> None:
        if self._page.isVisible():
            self.follower.stale = False
            self._load()
        else:
            self.follower.stale = True
