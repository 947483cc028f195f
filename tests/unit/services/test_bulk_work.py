from __future__ import annotations

import gc

from desktop_hr.services.bulk_work import fewer_collections


def test_collections_are_fewer_inside_and_as_before_after_the_last_block() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        inside = gc.get_threshold()
        with fewer_collections():
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside  # the outer block still runs
    assert inside[0] >= 100_000 and inside[1:] == before[1:]
    assert gc.get_threshold() == before
