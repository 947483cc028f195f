"""The cyclic garbage collector runs on the GUI thread only.

Python collects cycles in whatever thread happens to allocate when a threshold is crossed. When that is one of
the operation runner's worker threads and the garbage holds a Qt wrapper, PySide6 disconnects its signals
there: Qt takes its connection lock, then waits for the GIL, while the GUI thread holds the GIL and waits for
that lock in QObject::connect. Both wait forever (seen in the suite: a worker reading the audit trail, the
window building its menus). So automatic collection is switched off and a timer on the GUI thread does the
same work by the same thresholds; the youngest generations at once, a full collection (which walks the
whole heap) at most once a minute.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250
FULL_EVERY_S = 60.0


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("gui_thread_collector")
        self._last_full = time.monotonic()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations whose thresholds are crossed, as the interpreter would; returns the objects
        freed (-1: nothing was due)."""
        young, middle, old = gc.get_count()
        first, second, third = gc.get_threshold()
        if old > third and time.monotonic() - self._last_full >= FULL_EVERY_S:
            self._last_full = time.monotonic()
            return gc.collect(2)
        if middle > second:
            return gc.collect(1)
        if young > first:
            return gc.collect(0)
        return -1


def install(app: QObject) -> GuiThreadCollector:
    """Once per application: automatic collection off, the GUI thread's timer on."""
    found = app.findChild(GuiThreadCollector, "gui_thread_collector")
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
