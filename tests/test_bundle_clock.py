"""The hybrid logical clock: versions only grow, and string order is time order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm_desktop.sync.keys.clock import HLC, LATEST_MILLIS, Version, is_version, parse_version

SETTINGS = settings(database=None, max_examples=200, deadline=None)

devices = st.from_regex(r"[0-9a-z][0-9a-z_-]{0,15}", fullmatch=True)
millis = st.integers(min_value=0, max_value=10**16 - 1)
counters = st.integers(min_value=0, max_value=9999)
versions = st.builds(Version, millis, counters, devices)
record_versions = st.builds(Version, st.integers(0, LATEST_MILLIS - 1), counters, devices)
"""What a bundle may carry (later ones are refused), so a clock that observed it always has room."""


class FakeWall:
    """A wall clock the test sets; it may stand still or jump backwards, like a real one."""

    def __init__(self, now: int = 0) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def test_version_looks_like_the_documented_example() -> None:
    clock = HLC("9f2c41d07a6be815", wall=FakeWall(1_732_185_600_000))
    assert clock.now() == "0001732185600000.0000.9f2c41d07a6be815"
    assert clock.now() == "0001732185600000.0001.9f2c41d07a6be815"


@SETTINGS
@given(versions, versions)
def test_string_order_is_time_then_counter_then_device(a: Version, b: Version) -> None:
    assert (str(a) < str(b)) == (tuple(a) < tuple(b))
    assert parse_version(str(a)) == a


@SETTINGS
@given(
    devices,
    st.lists(st.one_of(st.tuples(st.just("tick"), millis), st.tuples(st.just("seen"), record_versions))),
)
def test_now_always_grows_and_passes_every_observed_version(
    device: str, steps: list[tuple[str, object]]
) -> None:
    wall = FakeWall()
    clock = HLC(device, wall=wall)
    last = clock.now()
    for action, value in steps:
        if action == "tick":
            assert isinstance(value, int)
            wall.now = value  # forwards, backwards or the same
        else:
            clock.observe(str(value))
            last = max(last, str(value))
        current = clock.now()
        assert is_version(current)
        assert current > last
        last = current


@SETTINGS
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 5)), min_size=1, max_size=60))
def test_edits_after_reading_a_bundle_order_after_the_bundles_edits(schedule: list[tuple[bool, int]]) -> None:
    """Two devices with skewed clocks exchange versions; causality is never inverted."""
    walls = [FakeWall(1_000_000), FakeWall(400_000)]  # the second computer's clock is far behind
    clocks = [HLC("commune-a", wall=walls[0]), HLC("province", wall=walls[1])]
    for to_second, advance in schedule:
        sender, receiver = (0, 1) if to_second else (1, 0)
        walls[sender].now += advance
        version = clocks[sender].now()
        clocks[receiver].observe(version)
        assert clocks[receiver].now() > version


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = HLC("dev", wall=FakeWall(5))
    issued = [clock.now() for _ in range(10_001)]
    assert issued == sorted(issued)
    assert issued[-1] == "0000000000000006.0000.dev"


def test_last_survives_a_restart_with_the_clock_set_back() -> None:
    first = HLC("dev", wall=FakeWall(2_000_000))
    issued = first.now()
    restarted = HLC("dev", last=first.last, wall=FakeWall(1_000_000))
    assert restarted.now() > issued


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1.2.dev",
        "0001732185600000.0003.",
        "0001732185600000.3.dev",
        "0001732185600000.0003.d.v",
        "x" * 30,
    ],
)
def test_malformed_versions_are_refused(text: str) -> None:
    assert not is_version(text)
    with pytest.raises(ValueError):
        HLC("dev").observe(text)


def test_device_id_must_be_plain() -> None:
    with pytest.raises(ValueError):
        HLC("has.dot")
