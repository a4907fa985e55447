"""Reading a bundle: everything is checked before anything is returned, or the whole bundle is refused.

Order of the checks (the first failure decides the message):

1. the file's size on disk, then the ZIP structure and every entry name (:mod:`.archive`);
2. ``manifest.json`` present, small, valid JSON, of the ``ntm-sync-bundle`` format and a known version;
3. ``signature`` (64 bytes) verifies over the exact manifest bytes with ``public_key`` (32 bytes);
4. every manifest field, and the key's fingerprint equal to ``origin_key_fingerprint``;
5. the entries are exactly the manifest's members plus manifest.json and signature;
6. declared sizes within the limits; each member decompressed against its declared size, with its size
   and SHA-256 equal to the manifest's;
7. ``records.json`` valid JSON of the right shape for the bundle's kind, matching the manifest's counts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ntm_desktop.core.compat import reading
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.files import atomic_write
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.bundle.archive import Archive, Discard, Sink, open_archive, whole_archive
from ntm_desktop.sync.bundle.jsonio import load_strict
from ntm_desktop.sync.bundle.manifest import (
    ENVELOPE,
    FILES_PREFIX,
    MANIFEST,
    PUBLIC_KEY,
    RECORDS,
    SIGNATURE,
    BundleKind,
    Manifest,
    Member,
    check_format,
    manifest_from_json,
    mine_for,
)
from ntm_desktop.sync.bundle.payload import check_payload, count_records
from ntm_desktop.sync.errors import BundleSignatureInvalid, InvalidBundle, Reason
from ntm_desktop.sync.keys.pairs import fingerprint, public_key_from_raw

if TYPE_CHECKING:
    from ntm_desktop.sync.bundle.typed_records import TypedRecords

MiB = 1024 * 1024
DEFAULT_MAX_MEMBER_BYTES = 64 * MiB
DEFAULT_MAX_TOTAL_BYTES = 512 * MiB
MAX_MANIFEST_BYTES = 4 * MiB
MAX_ENTRIES = 10_000
#: Room for ZIP headers and the manifest on top of the members' total, when checking the file's size.
_CONTAINER_SLACK = 8 * MiB
WHOLE_BYTES = 16 * MiB
"""A bundle file up to this size is read in one call and checked in memory (a commune-year's is a few
kilobytes, a commune's whole records a few megabytes); a larger one member by member from the disk."""


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose every byte was checked. Whether its signer is trusted is :func:`check_trust`'s call."""

    path: Path
    manifest: Manifest
    head: dict[str, Any]
    """The payload's fields but the lists read typed (:attr:`typed`): the unit, the profile, the version…
    (the whole payload when nothing was read typed)."""
    public_key: Ed25519PublicKey
    fingerprint: str
    data: bytes | None = field(default=None, repr=False, compare=False)
    """The file's bytes as they were checked, when it was read whole (a bundle of at most
    :data:`WHOLE_BYTES`): a receiver keeps these, not the file read again."""
    typed: TypedRecords | None = field(default=None, repr=False, compare=False)
    """A commune's records read typed from the bytes (:mod:`.typed_records`): its help records and
    assessments, which the typed lane takes as they are."""

    @property
    def payload(self) -> dict[str, Any]:
        """``records.json`` as the strict reader gives it: when its long lists were read typed, read again
        the strict way the first time it is asked for (a bundle whose records the typed lane does not take
        all), then kept."""
        if self.typed is None:
            return self.head
        kept: dict[str, Any] | None = self.__dict__.get("_payload")
        if kept is None:
            kept = self.typed.payload()
            object.__setattr__(self, "_payload", kept)  # frozen: the same payload, read once
        return kept

    @property
    def files(self) -> Mapping[str, int]:
        """The evidence files: sha256 → size."""
        return self.manifest.evidence

    def read_file(self, sha256: str) -> bytes:
        """The evidence file's bytes, checked again against the manifest (the bundle may have changed)."""
        with open_archive(self.path, max_entries=MAX_ENTRIES) as archive:
            return self._stream(archive, sha256, None)

    def extract_file(self, sha256: str, target: Path) -> Path:
        """Copy the evidence file to ``target`` (atomically; nothing is left if it fails its check)."""
        with (
            open_archive(self.path, max_entries=MAX_ENTRIES) as archive,
            atomic_write(Path(target), make_folder=True) as out,
        ):
            self._stream(archive, sha256, out)
        return Path(target)

    def _stream(self, archive: Archive, sha256: str, sink: Sink | None) -> bytes:
        name = FILES_PREFIX + sha256
        if name not in self.manifest.members:
            raise KeyError(sha256)
        return _verify_member(archive, name, self.manifest.members[name], sink)


def _missing(member: str) -> InvalidBundle:
    return InvalidBundle(
        Reason.MISSING_MEMBER,
        tr("The bundle is missing the file {member} that its manifest lists", member=shown_member(member)),
        member,
    )


def shown_member(name: str) -> str:
    """A member as a message names it: an evidence file (``files/`` and its 64-character checksum) by the
    checksum's first eight characters, "files/0cdc59e0…", as the app shows short ids; the whole name stays
    in the technical details."""
    folder, _, digest = name.partition("/")
    if folder == "files" and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest):
        return f"files/{digest[:8]}…"
    return name


def _verify_member(archive: Archive, name: str, member: Member, sink: Sink | None = None) -> bytes:
    if name not in archive.entries:
        raise _missing(name)
    data, sha256, size = archive.stream(name, member.size, sink)
    if size != member.size or sha256 != member.sha256:
        raise InvalidBundle(
            Reason.DAMAGED_MEMBER,
            tr(
                "The file {member} in the bundle was changed or damaged (its checksum does not match)",
                member=shown_member(name),
            ),
            f"{name}: manifest says {member.size} bytes sha256 {member.sha256}, found {size} bytes {sha256}",
        )
    return data


def _read_small(archive: Archive, name: str, size: int) -> bytes:
    """A member of a fixed ``size`` (the caller checks it): one byte more is read, to see a longer one."""
    if name not in archive.entries:
        raise _missing(name)
    return archive.head(name, size + 1)


class Peeked(NamedTuple):
    """A manifest's exact bytes and what they read as (:func:`peek`): the same bytes always read the same."""

    manifest_bytes: bytes
    manifest: Manifest
    archive: Archive | None = None
    """The whole file as it was read then (``peek(whole=True)``): its import opens it again only if the
    file no longer holds those very bytes."""


def _manifest_bytes(archive: Archive) -> bytes:
    if MANIFEST not in archive.entries:
        raise InvalidBundle(
            Reason.MISSING_MEMBER, tr("The bundle has no manifest (manifest.json is missing)")
        )
    return archive.stream(MANIFEST, MAX_MANIFEST_BYTES)[0]


def _manifest(archive: Archive) -> tuple[bytes, Any]:
    """Step 2: the manifest's bytes and its JSON, in the bundle format."""
    manifest_bytes = _manifest_bytes(archive)
    return manifest_bytes, check_format(load_strict(MANIFEST, manifest_bytes))


def _verified_manifest(archive: Archive, peeked: Peeked | None = None) -> tuple[Manifest, Ed25519PublicKey]:
    """Steps 2–4: the manifest, checked against its signature and the bundle's key. ``peeked``: these
    bytes were read before (ordering a batch), so steps 2 and 4 are known to pass for the same bytes."""
    if peeked is not None and archive is peeked.archive:  # the very bytes peeked: its manifest's too
        manifest_bytes = peeked.manifest_bytes
    else:
        manifest_bytes = _manifest_bytes(archive)
    known = peeked[1] if peeked is not None and peeked[0] == manifest_bytes else None
    manifest_obj = None if known is not None else check_format(load_strict(MANIFEST, manifest_bytes))
    signature = _read_small(archive, SIGNATURE, 64)
    raw_key = _read_small(archive, PUBLIC_KEY, 32)
    try:
        public_key = public_key_from_raw(raw_key)
    except ValueError as error:
        raise InvalidBundle(Reason.BAD_KEY, tr("The bundle's public key is invalid"), repr(error)) from error
    try:
        if len(signature) != 64:
            raise InvalidSignature(f"{len(signature)} bytes")
        public_key.verify(signature, manifest_bytes)
    except InvalidSignature as error:
        raise BundleSignatureInvalid(
            Reason.BAD_SIGNATURE,
            tr("The bundle's signature is not valid: it was changed after it was signed, or it is damaged"),
        ) from error
    manifest = known or manifest_from_json(manifest_obj)
    if fingerprint(raw_key) != manifest.origin_key_fingerprint:
        raise InvalidBundle(
            Reason.BAD_KEY,
            tr("The bundle's public key does not match the fingerprint in its manifest"),
            f"key {fingerprint(raw_key)}, manifest {manifest.origin_key_fingerprint}",
        )
    return manifest, public_key


def _check_entries(archive: Archive, manifest: Manifest, max_member: int, max_total: int) -> None:
    """Steps 5–6a: the entries are exactly the listed members, whose declared sizes are within limits."""
    for name in sorted(archive.entries):
        if name not in ENVELOPE and name not in manifest.members:
            raise InvalidBundle(
                Reason.UNLISTED_MEMBER,
                tr("The bundle contains a file that its manifest does not list: {member}", member=name),
            )
    for name in manifest.members:
        if name not in archive.entries:
            raise _missing(name)
    for name, member in manifest.members.items():
        if member.size > max_member:
            raise _over_limit(name, member.size, max_member)
    total = sum(member.size for member in manifest.members.values())
    if total > max_total:
        raise _over_limit(archive.path.name, total, max_total)


def _over_limit(what: str, size: int, limit: int) -> InvalidBundle:
    return InvalidBundle(
        Reason.TOO_LARGE,
        tr(
            "{what} is too large ({size} MB; at most {limit} MB are accepted)",
            what=what,
            size=_mb(size),
            limit=_mb(limit),
        ),
        f"{what}: {size} bytes, limit {limit}",
    )


def _mb(size: int) -> int:
    """Whole megabytes, rounded up (a limit of a few bytes shows as 1 MB)."""
    return -(-size // MiB)


def _checked_payload(manifest: Manifest, records: bytes) -> tuple[dict[str, Any], TypedRecords | None]:
    """The payload (its fields but the lists read typed, when they were) and the typed lists, checked."""
    read = reading(manifest.format_version, mine_for(manifest.kind))
    lenient = read is not None and read.lenient
    typed = _typed(manifest, records) if not lenient else None
    if typed is not None:
        payload, counts = typed.head, count_records(typed.head) | typed.counts()
    else:
        payload = check_payload(manifest.kind, load_strict(RECORDS, records), lenient)
        counts = count_records(payload)
    if counts != dict(manifest.counts):
        raise InvalidBundle(
            Reason.BAD_MANIFEST,
            tr("The bundle's manifest does not count the records the bundle holds"),
            f"manifest counts {dict(manifest.counts)}, records.json holds {counts}",
        )
    return payload, typed


def _typed(manifest: Manifest, records: bytes) -> TypedRecords | None:
    """A commune's records read typed (:mod:`.typed_records`), the rest of the payload checked as the
    container checks it; None when not read so, or when anything is wrong (then the strict way reads the
    whole payload again and names the first problem in the document's own order)."""
    if manifest.kind is not BundleKind.RECORDS:
        return None
    from ntm_desktop.sync.bundle.typed_records import typed_records  # the quick lanes' records

    typed = typed_records(records)
    if typed is None:
        return None
    try:
        check_payload(manifest.kind, typed.head)
    except InvalidBundle:
        return None
    return typed


def read_bundle(
    path: Path,
    *,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES,
    peeked: Peeked | None = None,
) -> VerifiedBundle:
    """Read and check a bundle completely; :class:`InvalidBundle` (a ``BundleRejected``) if anything is off.

    ``max_member_bytes`` caps each member and ``max_total_bytes`` all members together, after
    decompression; the sizes the manifest declares are checked against them before anything is inflated.
    ``peeked``: the manifest :func:`peek` read before, not parsed again when the file holds the same bytes
    (its signature is checked all the same); and the file it read whole, not opened again when the file
    still holds those very bytes (the file is read again and compared: what is checked is what it holds).
    """
    path = Path(path)
    try:
        on_disk = os.stat(path).st_size
    except OSError:
        on_disk = 0  # open_archive explains why it cannot be read
    if on_disk > max_total_bytes + _CONTAINER_SLACK:
        raise _over_limit(path.name, on_disk, max_total_bytes)
    known = peeked.archive if peeked is not None else None
    with open_archive(path, max_entries=MAX_ENTRIES, whole=on_disk <= WHOLE_BYTES, known=known) as archive:
        manifest, public_key = _verified_manifest(archive, peeked)
        _check_entries(archive, manifest, max_member_bytes, max_total_bytes)
        for name, member in manifest.members.items():
            if name != RECORDS:
                _verify_member(archive, name, member, Discard())
        records = _verify_member(archive, RECORDS, manifest.members[RECORDS])
        payload, typed = _checked_payload(manifest, records)
    signer = manifest.origin_key_fingerprint
    return VerifiedBundle(path, manifest, payload, public_key, signer, archive.data, typed)


def peek_manifest(path: Path, *, signed: bool = True) -> Manifest | None:
    """The bundle's signed manifest (checked against its signature), or None when it cannot be read.

    Only the small members are read: enough to order many bundles before importing them one by one
    (the import reads and checks each completely, and explains any problem). ``signed=False``: the
    signature is not checked — for ordering a batch only, whose imports each check it."""
    if not signed:
        found = peek(path)
        return None if found is None else found[1]
    try:
        with open_archive(Path(path), max_entries=MAX_ENTRIES) as archive:
            return _verified_manifest(archive)[0]
    except (NtmError, OSError, ValueError):
        return None


def peek(path: Path, *, whole: bool = False) -> Peeked | None:
    """The bundle's manifest, its signature not checked, and its bytes (for :func:`read_bundle`'s
    ``peeked``); None when it cannot be read. Ordering a batch reads each manifest: its import then
    checks the signature over the same bytes without reading them again. ``whole``: the file is read
    whole and kept opened (:attr:`Peeked.archive`; the caller keeps only files small enough)."""
    try:
        if whole:
            archive = whole_archive(Path(path), max_entries=MAX_ENTRIES)
            manifest_bytes, obj = _manifest(archive)
            return Peeked(manifest_bytes, manifest_from_json(obj), archive)
        with open_archive(Path(path), max_entries=MAX_ENTRIES) as archive:
            manifest_bytes, obj = _manifest(archive)
            return Peeked(manifest_bytes, manifest_from_json(obj))
    except (NtmError, OSError, ValueError):
        return None
