"""The collector held off for an import step is on again afterwards, and left off when it was off; what
the process held before an import call is set aside for its collections and handed back after it."""

from __future__ import annotations

import gc
import weakref

import pytest

from ntm_desktop.core.collector import collector_paused, older_objects_set_aside, without_collector


def test_the_collector_is_off_inside_and_as_it_was_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    try:
        assert without_collector(gc.isenabled)() is False
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_was_there_before_is_set_aside_inside_and_collected_again_after() -> None:
    before = _Cycle()
    probe = weakref.ref(before)
    gc.collect()
    with older_objects_set_aside():
        assert gc.get_freeze_count() > 0
        inside = _Cycle()
        made_inside = weakref.ref(inside)
        del inside
        gc.collect()
        assert made_inside() is None  # a cycle made inside is found as ever
        del before
        gc.collect()
        assert probe() is not None  # set aside: not walked inside
        with older_objects_set_aside():
            pass
        assert gc.get_freeze_count() > 0  # nested: the outer one's stay set aside
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert probe() is None  # handed back, and collected
