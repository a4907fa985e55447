"""Hybrid logical clock: record versions that order edits across devices that are rarely connected.

A version is one string, ``"<millis:016d>.<counter:04d>.<device>"``, e.g.
``"0001732185600000.0003.9f2c41d07a6be815"``: wall-clock milliseconds since 1970 (UTC), a counter for
edits within the same millisecond (or while the wall clock stands still or runs backwards), and the id of
the device that made the edit. Because the first two parts have a fixed width, plain string comparison
orders versions by time, then counter, then device id, so two devices never produce the same version
and every device agrees which edit is the later one.

The clock never goes backwards: when the computer's clock is set back, versions keep growing from the
last one issued; after :meth:`HLC.observe` of a version from another device, every later version is
greater than it (an edit made after reading a bundle wins over what the bundle held).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr

MILLIS_DIGITS = 16
COUNTER_DIGITS = 4
MAX_COUNTER = 10**COUNTER_DIGITS - 1
MAX_MILLIS = 10**MILLIS_DIGITS - 1
LATEST_MILLIS = 4_102_444_800_000
"""2100-01-01 00:00 UTC: a record version from a bundle made later than that is refused (the app knows
years up to 2100). Otherwise one version near the clock's end would leave it no room to count on."""

#: A device id: 1–32 ASCII letters, digits, ``_`` or ``-``, starting with a letter or digit.
DEVICE_ID_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,31}")
VERSION_RE = re.compile(r"([0-9]{16})\.([0-9]{4})\.([0-9A-Za-z][0-9A-Za-z_-]{0,31})")


class ClockExhausted(NtmError):
    """Only reachable through a version from far in the future that bundles refuse; kept as a clear
    error rather than a version that no longer reads."""

    exit_code = 4


class Version(NamedTuple):
    millis: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.millis:0{MILLIS_DIGITS}d}.{self.counter:0{COUNTER_DIGITS}d}.{self.device}"


def is_device_id(value: object) -> bool:
    return isinstance(value, str) and DEVICE_ID_RE.fullmatch(value) is not None


def is_version(value: object) -> bool:
    return isinstance(value, str) and VERSION_RE.fullmatch(value) is not None


def is_record_version(value: object) -> bool:
    """A version a bundle may carry: well formed, and made before :data:`LATEST_MILLIS`."""
    return is_version(value) and int(str(value)[:MILLIS_DIGITS]) < LATEST_MILLIS


def parse_version(value: str) -> Version:
    """Split a version string into its parts; ``ValueError`` if it is not one."""
    match = VERSION_RE.fullmatch(value)
    if match is None:
        raise ValueError(f"not a record version: {value!r}")
    return Version(int(match[1]), int(match[2]), match[3])


def wall_millis() -> int:
    return time.time_ns() // 1_000_000


class HLC:
    """The clock of one device. Thread-safe; persist :attr:`last` and pass it back on the next start."""

    def __init__(
        self, device_id: str, *, last: str | None = None, wall: Callable[[], int] = wall_millis
    ) -> None:
        if not is_device_id(device_id):
            raise ValueError(f"not a device id: {device_id!r}")
        self.device_id = device_id
        self._wall = wall
        self._lock = threading.Lock()
        self._millis = 0
        self._counter = 0
        if last is not None:
            self.observe(last)

    @property
    def last(self) -> str:
        """The greatest version issued or observed so far (under this device's id)."""
        with self._lock:
            return str(Version(self._millis, self._counter, self.device_id))

    def now(self) -> str:
        """A new version, greater than every version issued or observed before."""
        with self._lock:
            wall = min(self._wall(), MAX_MILLIS)
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            elif self._counter < MAX_COUNTER:
                self._counter += 1
            elif self._millis < MAX_MILLIS:  # 10,000 edits in one millisecond: borrow the next one
                self._millis, self._counter = self._millis + 1, 0
            else:
                raise ClockExhausted(
                    tr("The record clock has reached its end; versions cannot grow any more")
                )
            return str(Version(self._millis, self._counter, self.device_id))

    def after(self, remote_versions: Iterable[str]) -> str:
        """What :attr:`last` would be after observing ``remote_versions`` (nothing is changed)."""
        with self._lock:
            point = (self._millis, self._counter)
        for remote in map(parse_version, remote_versions):
            point = max(point, (remote.millis, remote.counter))
        return str(Version(*point, self.device_id))

    def observe(self, remote_version: str) -> None:
        """Take in a version seen in a bundle so that every later :meth:`now` is greater than it."""
        remote = parse_version(remote_version)
        with self._lock:
            self._millis, self._counter = max((self._millis, self._counter), (remote.millis, remote.counter))
