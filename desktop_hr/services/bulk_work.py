"""Work over a hundred thousand rows at once (an import) with fewer of Python's cyclic garbage collections.

Each collection walks every container object still alive; an import holds hundreds of thousands of them
(rows, plans, entries) and made a collection every 700 allocations: a quarter of its time went on walking
them again and again. Inside `fewer_collections` the youngest generation is collected every 100,000
allocations instead; reference counting still frees everything as before (only cycles wait longer), and the
previous thresholds come back when the last such block ends (the thresholds are the process's own, shared by
its threads)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_YOUNGEST = 100_000  # allocations between collections of the youngest generation, while bulk work runs


class _State:
    lock = threading.Lock()
    depth = 0  # blocks running
    saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    with _State.lock:
        if _State.depth == 0:
            _State.saved = gc.get_threshold()
            gc.set_threshold(max(_YOUNGEST, _State.saved[0]), _State.saved[1], _State.saved[2])
        _State.depth += 1
    try:
        yield
    finally:
        with _State.lock:
            _State.depth -= 1
            if _State.depth == 0:
                gc.set_threshold(*_State.saved)
