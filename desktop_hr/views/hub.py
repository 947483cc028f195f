"""The change hub: every committed write is broadcast here, and each view decides whether it is affected.

A view follows the areas it shows (`follow(self, ("employees", "points"), self.refresh)`): when a write
touches one of them, a visible view reloads at once and a hidden one is marked stale and reloads when
it is next shown, so twenty tabs and pages never all query after every click. Anki's
`operation_did_execute`, with the staleness bookkeeping in one place instead of in every tab.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_hr.services.changes import Changes


class ChangeHub(QObject):
    changed = Signal(object, object)  # (Changes, the widget whose operation wrote, or None)


@functools.cache
def change_hub() -> ChangeHub:
    hub = ChangeHub()
    hub.setObjectName("change_hub")
    return hub


def broadcast(changes: Changes, initiator: QObject | None = None) -> None:
    if changes:
        change_hub().changed.emit(changes, initiator)


class Follower(QObject):
    """Reloads one widget when a change touches its areas: now if shown, else when next shown."""

    def __init__(self, widget: QWidget, areas: Iterable[str], refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self.setObjectName("change_follower")
        self._widget = widget
        self.areas = tuple(areas)
        self._refresh = refresh
        self.stale = False
        widget.installEventFilter(self)
        change_hub().changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes, _initiator: QObject | None) -> None:
        widget = getattr(self, "_widget", None)
        if widget is None or not shiboken6.isValid(widget) or not changes.touches(*self.areas):
            return
        if widget.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A follower whose Python side was already cleared by the collector (its widget is being torn down)
        # may still see the widget's last events: they are not for it.
        widget = getattr(self, "_widget", None)
        if widget is None:
            return False
        if watched is widget and event.type() == QEvent.Type.Show and getattr(self, "stale", False):
            self.stale = False
            self._refresh()
        return False


def follow(widget: QWidget, areas: Iterable[str], refresh: Callable[[], None]) -> Follower:
    """Keep `widget` current: `refresh()` whenever a write touches one of `areas` (see Changes' fields)."""
    return Follower(widget, areas, refresh)
