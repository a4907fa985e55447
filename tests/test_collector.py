"""The collector held off for an import step is on again afterwards, and left off when it was off."""

from __future__ import annotations

import gc

import pytest

from ntm_desktop.core.collector import collector_paused, without_collector


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
