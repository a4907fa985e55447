"""Which edit of a record came from which: version vectors, and the set of edits still standing.

Every version of a record carries a small *version vector*: for each device that ever edited the record,
the latest version from that device this version includes. Version A *includes* B when A's vector is at
least B's for every device; then A was made by someone who had seen B (A supersedes B). When neither
includes the other, two people edited the record independently: a conflict.

A workspace keeps, per record, the versions that no other version it holds includes (an antichain):
usually one; more while a conflict is open. Taking in a version is a join in a semilattice, so the result
does not depend on the order bundles arrive in, nor on receiving one twice. The version shown is the
greatest by HLC order, so every workspace that received the same bundles shows the same one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import msgspec

from ntm_desktop.sync.keys.clock import VERSION_RE

VV = dict[str, str]
"""Version vector: device id → the latest version from that device that a version includes."""


def device_of(version: object) -> str:
    """The device part of a version (``""`` for anything that is not a version, a number included)."""
    if not isinstance(version, str):
        return ""
    if len(version) > 22 and version[16] == "." and version[21] == "." and VERSION_RE.fullmatch(version):
        return version[22:]
    return ""


_VERSION_LINES = re.compile("(?:{0}\n)*{0}".format(VERSION_RE.pattern.replace("(", "(?:")))
"""Versions, one a line (a version holds no line break)."""


def devices_of(versions: Sequence[object]) -> list[str]:
    """``device_of`` of each version: for a bundle's list of records, whose versions are all well formed,
    in one search of them all rather than one a record."""
    if versions and set(map(type, versions)) == {str}:
        joined = "\n".join(cast(Sequence[str], versions))
        if joined.count("\n") == len(versions) - 1 and _VERSION_LINES.fullmatch(joined):
            return [v[22:] for v in cast(Sequence[str], versions)]  # device_of's: each is a version
    return [device_of(v) for v in versions]


def devices_of_versions(versions: Sequence[str]) -> list[str]:
    """``device_of`` of each of ``versions``, every one already found a version (a typed lane's list,
    judged by :func:`~ntm_desktop.sync.bundle.payload.sound_columns`): not searched again."""
    return [v[22:] for v in versions]


def vector(version: str, based_on: Iterable[str] = ()) -> VV:
    """The vector of ``version``, made on top of the versions ``based_on`` (from other devices)."""
    vv: VV = {}
    for v in (*based_on, version):
        device = device_of(v)
        if device and v > vv.get(device, ""):
            vv[device] = v
    return vv


def based_on(vv: Mapping[str, str], version: str) -> list[str]:
    """What a bundle carries besides ``version``: the vector's entries of the other devices."""
    own = device_of(version)
    return sorted(v for device, v in vv.items() if device != own)


def includes(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Whether the version with vector ``a`` includes (equals or supersedes) the one with ``b``."""
    return all(a.get(device, "") >= v for device, v in b.items())


def join(*vvs: Mapping[str, str]) -> VV:
    out: VV = {}
    for vv in vvs:
        for device, v in vv.items():
            if v > out.get(device, ""):
                out[device] = v
    return out


def extend(vv: Mapping[str, str], version: str) -> VV:
    """The vector of an edit made here, as ``version``, on top of the version whose vector is ``vv``."""
    return join(vv, vector(version))


class Sibling(msgspec.Struct, frozen=True):
    """One version of a record: its vector, whether it removes the record, and its content (JSON). Two
    are the same version whatever their content (``==`` leaves ``doc`` out, as the dataclass it was did
    with ``compare=False``)."""

    version: str
    vv: VV
    origin: str
    deleted: bool
    doc: dict[str, Any] | None = None

    def __eq__(self, other: object) -> bool:
        if type(other) is not Sibling:
            return NotImplemented
        return (self.version, self.vv, self.origin, self.deleted) == (
            other.version,
            other.vv,
            other.origin,
            other.deleted,
        )

    def __hash__(self) -> int:
        return hash((self.version, self.vv, self.origin, self.deleted))  # a vector is a dict: unhashable

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "vv": dict(self.vv),
            "origin": self.origin,
            "deleted": self.deleted,
            "doc": self.doc,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Sibling:
        return cls(
            str(data["version"]),
            dict(data.get("vv") or {}),
            str(data.get("origin") or ""),
            bool(data.get("deleted")),
            data.get("doc"),
        )


def sibling(version: str, vv: VV, origin: str, deleted: bool, doc: dict[str, Any] | None) -> Sibling:
    """``Sibling(version, vv, origin, deleted, doc)``."""
    return Sibling(version, vv, origin, deleted, doc)


class Merged(msgspec.Struct, frozen=True):
    """The versions still standing after taking one in, and which of them is shown."""

    known: bool
    """The incoming version is one already held, or one that a held version supersedes."""
    standing: tuple[Sibling, ...]
    winner: Sibling

    @property
    def conflict(self) -> bool:
        return len(self.standing) > 1


def take_in(standing: Iterable[Sibling], incoming: Sibling) -> Merged:
    """Add ``incoming`` to the versions ``standing``: drop those it supersedes, keep concurrent ones."""
    held = tuple(standing)
    if not held:  # a record new here (the common case at a province)
        return merged_new(incoming)
    if any(includes(s.vv, incoming.vv) for s in held):
        return Merged(True, held, max(held, key=lambda s: s.version))
    kept = (*(s for s in held if not includes(incoming.vv, s.vv)), incoming)
    return Merged(False, kept, max(kept, key=lambda s: s.version))


def merged_new(incoming: Sibling) -> Merged:
    """``take_in((), incoming)``: a record new here, its one version standing."""
    return Merged(False, (incoming,), incoming)
