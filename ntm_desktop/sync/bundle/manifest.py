"""The manifest of a bundle (``manifest.json``): who made it, for whom, in what order, and what it holds.

The exact fields are documented in ``docs/bundle-format.md``; :func:`manifest_from_json` checks every
one of them and refuses unknown fields, except those of a newer minor version, which it sets aside
(``docs/compatibility.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from ntm_desktop.core.compat import FormatVersion, Reading, reading, strict
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsafe import shown
from ntm_desktop.sync.bundle.rules import (
    format_timestamp,
    is_count,
    is_sha256,
    is_unit_code,
    is_uuid,
    parse_timestamp,
)
from ntm_desktop.sync.errors import InvalidBundle, Reason
from ntm_desktop.sync.keys.certificates import OfficeProof, is_proof_json, proof_from_json
from ntm_desktop.sync.keys.clock import is_device_id
from ntm_desktop.sync.keys.pairs import is_fingerprint

FORMAT = "ntm-sync-bundle"
FORMAT_VERSION = 1
MINE = FormatVersion(FORMAT_VERSION, 1)
"""Format 1.1 added the optional ``office`` field (a clerk's certificate from the office key). A manifest
without it is written as format 1, exactly as before; one with it states ``"1.1"`` (``"2.1"`` for a
roll-up), so an older app sets the field aside with a notice instead of refusing the bundle."""
ROLLUP_FORMAT_VERSION = 2
"""A province's roll-up to the national office is a bundle kind of its own, hence bundle format 2
(``docs/compatibility.md``: a new kind is a major step; an older app says "update" instead of failing on
the kind). Every other kind stays format 1."""
ROLLUP_MINE = FormatVersion(ROLLUP_FORMAT_VERSION, 4)
"""Roll-up 2.1 added ``office`` (as 1.1 did); 2.2 the optional ``history`` of each sign-off; 2.3 the
optional ``amendments`` (the province's requests for changes to approved years, and its decisions); 2.4
the optional ``recorded_at`` and ``recorded_by`` of each recognition (when the province recorded it)."""

MANIFEST = "manifest.json"
SIGNATURE = "signature"
PUBLIC_KEY = "public_key"
RECORDS = "records.json"
FILES_PREFIX = "files/"
#: Members that are not listed in the manifest: the manifest itself and the signature over it.
ENVELOPE = (MANIFEST, SIGNATURE)


class BundleKind(StrEnum):
    RECORDS = "records"  # a commune's records, to the province (or to another device of the commune)
    RECEIPT = "receipt"  # what the receiver holds, back to the sender
    REVERSE = "reverse"  # records from the province back to a commune
    RECOVERY = "recovery"  # everything the province holds of a commune whose laptop was lost (sync.md)
    ROLLUP = "rollup"  # a province's communes and decisions, to the national office (bundle format 2)


def mine_for(kind: object) -> FormatVersion:
    """The bundle format this version writes and reads for ``kind``."""
    return ROLLUP_MINE if kind == BundleKind.ROLLUP else MINE


def written_for(kind: object, office: bool, rollup: int = 0) -> int | str:
    """The ``format_version`` a writer states: the lowest minor whose fields it uses (``office`` 1; of a
    roll-up, ``rollup_payload.rollup_minor``: sign-off ``history`` 2, ``amendments`` 3, a recognition's
    ``recorded_at`` 4)."""
    minor = max(rollup if kind == BundleKind.ROLLUP else 0, 1 if office else 0)
    return FormatVersion(mine_for(kind).major, minor).to_json()


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


@dataclass(frozen=True)
class Receiver:
    """Whom a bundle is addressed to: a unit code (may be empty) and a name for people."""

    code: str
    name: str


@dataclass(frozen=True)
class Manifest:
    app_version: str
    schema_version: int
    bundle_id: str
    kind: BundleKind
    origin_unit_code: str
    device_id: str
    origin_key_fingerprint: str
    created: datetime
    sequence: int
    previous_bundle_id: str | None
    full: bool
    receiver: Receiver | None = None
    counts: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    members: Mapping[str, Member] = field(default_factory=lambda: MappingProxyType({}))
    format_version: int | str = FORMAT_VERSION
    set_aside: tuple[str, ...] = ()
    """Fields of a newer minor's manifest this version does not know (``docs/compatibility.md``)."""
    office: OfficeProof | None = None
    """Format 1.1: the signing clerk's certificate from the office key, and the office's revocations."""

    def notice(self) -> str:
        """What to tell the officer about manifest fields of a newer minor version; empty if none."""
        read = _readable(self.format_version, self.kind) or strict(mine_for(self.kind))
        read.set_aside += [(f"manifest.{name}", None) for name in self.set_aside]
        return read.notice()

    @property
    def evidence(self) -> dict[str, int]:
        """Evidence files in the bundle: sha256 → size."""
        return {
            name.removeprefix(FILES_PREFIX): member.size
            for name, member in self.members.items()
            if name.startswith(FILES_PREFIX)
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "bundle_id": self.bundle_id,
            "kind": str(self.kind),
            "origin_unit_code": self.origin_unit_code,
            "device_id": self.device_id,
            "origin_key_fingerprint": self.origin_key_fingerprint,
            "receiver": None
            if self.receiver is None
            else {"code": self.receiver.code, "name": self.receiver.name},
            "created": format_timestamp(self.created),
            "sequence": self.sequence,
            "previous_bundle_id": self.previous_bundle_id,
            "full": self.full,
            "counts": dict(self.counts),
            "members": {name: {"sha256": m.sha256, "size": m.size} for name, m in self.members.items()},
        } | ({} if self.office is None else {"office": self.office.to_json()})


def _is_receiver(value: object) -> bool:
    if value is None:
        return True
    return (
        isinstance(value, dict)
        and set(value) == {"code", "name"}
        and (value["code"] == "" or is_unit_code(value["code"]))
        and isinstance(value["name"], str)
        and len(value["name"]) <= 300
    )


def _is_member_name(name: str) -> bool:
    return name in (PUBLIC_KEY, RECORDS) or (name.startswith(FILES_PREFIX) and is_sha256(name[6:]))


def _is_members(value: object) -> bool:
    if not isinstance(value, dict) or PUBLIC_KEY not in value or RECORDS not in value:
        return False
    return all(
        _is_member_name(name)
        and isinstance(m, dict)
        and set(m) == {"sha256", "size"}
        and is_sha256(m["sha256"])
        and is_count(m["size"])
        and (not name.startswith(FILES_PREFIX) or name == FILES_PREFIX + m["sha256"])
        for name, m in value.items()
    )


def _is_counts(value: object) -> bool:
    return isinstance(value, dict) and all(is_count(n) for n in value.values())


def _is_text(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 200


_KINDS = frozenset(BundleKind)
"""The kinds' values (a kind that is not text, e.g. a list, is a wrong field, not a crash)."""

#: Every field of a version-1 manifest and what its value must be (described in English for details).
_FIELDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "format": (lambda v: v == FORMAT, f"{FORMAT!r}"),
    "format_version": (lambda v: FormatVersion.parse(v) is not None, "1, 2 (roll-up) or “1.n”"),
    "app_version": (_is_text, "text"),
    "schema_version": (is_count, "an integer ≥ 0"),
    "bundle_id": (is_uuid, "a lower-case UUID"),
    "kind": (lambda v: isinstance(v, str) and v in _KINDS, "one of " + ", ".join(BundleKind)),
    "origin_unit_code": (is_unit_code, "a 5-digit commune or 2-digit province code"),
    "device_id": (is_device_id, "a device id"),
    "origin_key_fingerprint": (is_fingerprint, "a key fingerprint XXXX-XXXX-XXXX-XXXX-XXXX"),
    "receiver": (_is_receiver, 'null or {"code", "name"}'),
    "created": (lambda v: parse_timestamp(v) is not None, "a UTC time YYYY-MM-DDTHH:MM:SSZ"),
    "sequence": (lambda v: is_count(v, 1), "an integer ≥ 1"),
    "previous_bundle_id": (lambda v: v is None or is_uuid(v), "null or a lower-case UUID"),
    "full": (lambda v: isinstance(v, bool), "true or false"),
    "counts": (_is_counts, "an object of integers ≥ 0"),
    "members": (_is_members, "an object {name: {sha256, size}} listing public_key and records.json"),
}


#: Optional fields (format 1.1): absent in a manifest that does not use them.
_OPTIONAL: dict[str, tuple[Callable[[object], bool], str]] = {
    "office": (is_proof_json, '{"certificate": base64, "revocations": null or base64}'),
}


def bad_manifest(field_name: str, details: str) -> InvalidBundle:
    return InvalidBundle(
        Reason.BAD_MANIFEST,
        tr("The bundle's manifest is invalid: the field “{field}” is missing or wrong", field=field_name),
        details,
    )


def check_format(obj: object) -> dict[str, Any]:
    """The manifest object, if it is a bundle manifest of a version this app reads."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        found = obj.get("format") if isinstance(obj, dict) else type(obj).__name__
        raise InvalidBundle(
            Reason.NOT_A_BUNDLE,
            tr("This file is not an NTM Desktop sync bundle"),
            f"manifest format is {shown(repr(found))}, expected {FORMAT!r}",
        )
    version = obj.get("format_version")
    found = reading(version, mine_for(obj.get("kind")))
    if found is not None and found.too_new:
        raise InvalidBundle(
            Reason.FUTURE_VERSION,
            tr(
                "This bundle was made by a newer version of NTM Desktop (bundle format {version}). "
                "Update NTM Desktop to read it.",
                version=version,
            ),
            f"format_version {version}, this app reads up to {FORMAT_VERSION}",
        )
    return obj


def manifest_from_json(obj: object) -> Manifest:
    """The manifest, if every field is present with the right type and no field is unknown."""
    data = check_format(obj)
    kind, version = data.get("kind"), data.get("format_version")
    found = _readable(version, kind)
    if found is None and FormatVersion.parse(version) is not None:
        raise bad_manifest("format_version", f"kind {shown(repr(kind))} is format {mine_for(kind)}")
    read = found or strict(mine_for(kind))
    for name in data:
        if name not in _FIELDS and name not in _OPTIONAL and not read.unknown(name, data[name]):
            raise InvalidBundle(
                Reason.BAD_MANIFEST,
                tr("The bundle's manifest has an unknown field “{field}”", field=shown(name)),
                f"fields of a version {FORMAT_VERSION} manifest: {', '.join(_FIELDS)}",
            )
    for name, (check, expected) in _FIELDS.items():
        if name not in data or not check(data[name]):
            raise bad_manifest(name, f"{name} must be {expected}; found {shown(repr(data.get(name)))}")
    for name, (check, expected) in _OPTIONAL.items():
        if name in data and not check(data[name]):
            raise bad_manifest(name, f"{name} must be {expected}")
    receiver = data["receiver"]
    created = parse_timestamp(data["created"])
    assert created is not None  # checked above
    return Manifest(
        format_version=data["format_version"],
        app_version=data["app_version"],
        schema_version=data["schema_version"],
        bundle_id=data["bundle_id"],
        kind=BundleKind(data["kind"]),
        origin_unit_code=data["origin_unit_code"],
        device_id=data["device_id"],
        origin_key_fingerprint=data["origin_key_fingerprint"],
        receiver=None if receiver is None else Receiver(receiver["code"], receiver["name"]),
        created=created,
        sequence=data["sequence"],
        previous_bundle_id=data["previous_bundle_id"],
        full=data["full"],
        counts=MappingProxyType(dict(data["counts"])),
        members=MappingProxyType({n: Member(m["sha256"], m["size"]) for n, m in data["members"].items()}),
        set_aside=tuple(p for p, _ in read.set_aside),
        office=proof_from_json(data["office"]) if "office" in data else None,
    )


def _readable(raw: object, kind: object) -> Reading | None:
    """How a manifest of ``kind`` stating ``format_version`` ``raw`` is read; None when this version
    cannot."""
    found = reading(raw, mine_for(kind))
    return found if found is not None and not found.unreadable else None
