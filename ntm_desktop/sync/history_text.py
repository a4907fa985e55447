"""How a bundle log entry is said, the same on the Sync page's history and in ``bundle log``: the unit on
the other end, who sent it, its number, its file, and which columns a list of entries needs.

Pure functions over the sync service's log entries (:class:`ntm_desktop.sync.views.LogEntry`, or anything
with the same fields), so the window's table model and the command line cannot say it two ways.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import province_place
from ntm_desktop.sync.labels import computer_label, several_computers, unit_label


class LogEntry(Protocol):
    """What is said of one entry of the sync service's bundle log."""

    @property
    def direction(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def origin_unit_code(self) -> str: ...
    @property
    def device_id(self) -> str: ...
    @property
    def receiver_code(self) -> str: ...
    @property
    def sequence(self) -> int: ...
    @property
    def full(self) -> bool: ...
    @property
    def created(self) -> datetime: ...
    @property
    def logged_at(self) -> datetime: ...
    @property
    def counts(self) -> Mapping[str, Any]: ...
    @property
    def file_name(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def result(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def signer(self) -> str: ...


def direction_text(direction: str) -> str:
    return {"sent": tr("Sent"), "received": tr("Received")}.get(direction, direction)


def other_side(entry: LogEntry, names: Mapping[str, str]) -> str:
    """The unit on the other end (the sender of what came in, the addressee of what went out), by name
    when its name is known: "01234 · Xã Bằng Thành", a province by its place ("19 · tỉnh Thái Nguyên"),
    else "xã 01234"."""
    code = entry.origin_unit_code if entry.direction == "received" else entry.receiver_code
    if not code:
        return ""
    name = names.get(code) or province_place(code)
    return f"{code} · {name}" if name else unit_label(code)


def sender(entry: LogEntry) -> str:
    """Who sent the bundle: of one received, the clerk who signed it (an office's clerk, named by the
    certificate it carried; "" for a commune's bundle, or one received by 0.2.0); of one sent, who
    wrote it here."""
    return entry.signer if entry.direction == "received" else entry.actor


def several_senders(entries: Iterable[LogEntry]) -> set[str]:
    """The units that sent from several computers (each of an office's clerks numbers their own)."""
    return several_computers(
        (e.origin_unit_code, e.device_id) for e in entries if e.direction == "received" and e.device_id
    )


def number(entry: LogEntry, several: set[str]) -> str:
    """The bundle's number; for one received from a unit that sends from several computers
    (:func:`several_senders`), also which computer: "1 · máy 3f9a2c1b"."""
    if entry.direction == "received" and entry.origin_unit_code in several:
        return f"{entry.sequence} · {computer_label(entry.device_id)}"
    return str(entry.sequence)


def carried(entry: LogEntry, national: bool) -> bool:
    """A commune's own bundle that came inside a province's roll-up (``national``: at the national
    office, which takes communes' bundles only that way)."""
    return national and entry.kind == "records" and entry.direction == "received"


def file_text(entry: LogEntry, national: bool) -> str:
    """The file, or for a bundle carried in a roll-up which province's roll-up brought it (its own file
    exists only inside the roll-up)."""
    if carried(entry, national):
        place = province_place(entry.receiver_code) or unit_label(entry.receiver_code)
        return tr("inside the roll-up of {province}", province=place)
    return entry.file_name


def shows_direction(national: bool) -> bool:
    """Whether a list needs its "sent or received" column: the national office sends nothing, so every
    row would say "received"."""
    return not national


def shows_sender(entries: Sequence[LogEntry]) -> bool:
    """Whether a list needs its "sent by" column: when any row names someone (a national office's
    roll-ups from an office without clerks' certificates name no one)."""
    return any(sender(e) for e in entries)
