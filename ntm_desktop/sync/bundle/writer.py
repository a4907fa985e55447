"""Writing a signed bundle: one ``.ntmsync`` file, written atomically into the target folder."""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop import __version__
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.files import WriteFailed, atomic_write
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsafe import nonfinite_message
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.sync.bundle.archive import CHUNK
from ntm_desktop.sync.bundle.jsonio import dump_compact
from ntm_desktop.sync.bundle.manifest import (
    FILES_PREFIX,
    MANIFEST,
    PUBLIC_KEY,
    RECORDS,
    SIGNATURE,
    BundleKind,
    Manifest,
    Member,
    Receiver,
    manifest_from_json,
    written_for,
)
from ntm_desktop.sync.bundle.payload import check_payload, count_records
from ntm_desktop.sync.bundle.rollup_payload import rollup_minor
from ntm_desktop.sync.errors import InvalidBundle
from ntm_desktop.sync.keys.certificates import OfficeProof
from ntm_desktop.sync.keys.pairs import fingerprint, raw_public_key

SUFFIX = ".ntmsync"
#: Fixed entry time and attributes, so the same bundle is always the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_UNIX = 3

FileSource = bytes | Path


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class BundleFields:
    """What the caller decides about a bundle; the writer adds the key fingerprint, counts and members."""

    kind: BundleKind
    origin_unit_code: str
    device_id: str
    sequence: int
    schema_version: int
    previous_bundle_id: str | None = None
    full: bool = False
    receiver: Receiver | None = None
    app_version: str = __version__
    bundle_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created: datetime = field(default_factory=_now)
    office: OfficeProof | None = None
    """The signing clerk's certificate from the office key (a clerk of an office on a database server)."""
    per_computer: bool = False
    """The sender numbers its bundles per computer (the clerks of an office on a database server): the file
    name says which computer wrote it, so two clerks' bundles no. 1 of one day are not named alike."""


VIETNAM = timedelta(hours=7)
_VERBS = {BundleKind.RECEIPT: "bien-nhan", BundleKind.RECOVERY: "khoi-phuc", BundleKind.ROLLUP: "tong-hop"}
"""What the file name says the sender does: ``gui`` (sends), ``bien-nhan`` (acknowledges),
``khoi-phuc`` (gives a commune its data back), ``tong-hop`` (a province's year, to the national office)."""


def party(code: str) -> str:
    """A unit in a file name, plain ASCII: ``xa-01234`` (5 digits), ``huyen-123``, ``tinh-19``."""
    if code == "00":  # the national office (the app's placeholder code)
        return "trung-uong"
    kind = {2: "tinh", 3: "huyen"}.get(len(code), "xa")
    return f"{kind}-{code}"


def bundle_file_name(manifest: Manifest, per_computer: bool = False) -> str:
    """Who it is from and for, the day (Vietnam time) and the sequence, in plain ASCII:
    ``ntm-xa-01234-gui-tinh-19-2026-12-02-0007.ntmsync``; ``ntm-tinh-19-bien-nhan-xa-01234-…`` for a
    receipt. A clerk can tell which file goes on which commune's USB stick. ``per_computer`` (each clerk's
    computer numbers its own bundles): the computer too, as the Sync page names it ("máy 3f9a2c1b"),
    ``ntm-tinh-19-gui-xa-01234-2026-12-02-may-3f9a2c1b-0001.ntmsync``."""
    day = f"{manifest.created.astimezone(UTC) + VIETNAM:%Y-%m-%d}"
    verb = _VERBS.get(manifest.kind, "gui")
    sender = party(manifest.origin_unit_code)
    if manifest.receiver and manifest.receiver.code:
        to = f"-{verb}-{party(manifest.receiver.code)}"
    else:
        to = "" if verb == "gui" else f"-{verb}"
    computer = f"-may-{_ascii_id(manifest.device_id)}" if per_computer else ""
    return f"ntm-{sender}{to}-{day}{computer}-{manifest.sequence:04d}{SUFFIX}"


def _ascii_id(device_id: str) -> str:
    """A device id's first eight characters, kept to plain lower-case letters and digits."""
    return "".join(c for c in device_id.lower() if c.isascii() and c.isalnum())[:8] or "x"


def _free_target(folder: Path, manifest: Manifest, per_computer: bool = False) -> Path:
    """The bundle's name in ``folder``; never one that already holds another bundle."""
    target = folder / bundle_file_name(manifest, per_computer)
    if target.exists():
        target = target.with_name(f"{target.stem}-{manifest.bundle_id[:8]}{SUFFIX}")
    return target


def _digest_source(source: FileSource) -> Member:
    if isinstance(source, bytes):
        return Member(hashlib.sha256(source).hexdigest(), len(source))
    digest, size = hashlib.sha256(), 0
    try:
        with Path(source).open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError as error:
        message = tr(
            "Could not read the evidence file {path}: {reason}",
            path=str(source),
            reason=os_reason(error),
        )
        raise WriteFailed(message, repr(error)) from error
    return Member(digest.hexdigest(), size)


def _evidence_members(files: Mapping[str, FileSource]) -> dict[str, Member]:
    members = {}
    for sha256, source in files.items():
        member = _digest_source(source)
        if member.sha256 != sha256:
            raise ValueError(f"evidence file given as {sha256} has sha256 {member.sha256}")
        members[FILES_PREFIX + sha256] = member
    return members


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = _UNIX
    info.external_attr = 0o644 << 16
    return info


def _copy_into(zf: zipfile.ZipFile, name: str, source: Path, expected: Member) -> None:
    digest = hashlib.sha256()
    with source.open("rb") as handle, zf.open(_entry(name), "w", force_zip64=expected.size >= 2**31) as dst:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    if digest.hexdigest() != expected.sha256:
        raise WriteFailed(
            tr(
                "The evidence file {path} changed while the bundle was being written; try again",
                path=str(source),
            )
        )


def _write_zip(
    out: BinaryIO,
    small: list[tuple[str, bytes]],
    files: Mapping[str, FileSource],
    members: Mapping[str, Member],
) -> None:
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in small:
            zf.writestr(_entry(name), data)
        for sha256 in sorted(files):
            name, source = FILES_PREFIX + sha256, files[sha256]
            if isinstance(source, bytes):
                zf.writestr(_entry(name), source)
            else:
                _copy_into(zf, name, Path(source), members[name])


def _build_manifest(
    fields: BundleFields, payload: dict[str, Any], members: dict[str, Member], key_fingerprint: str
) -> Manifest:
    manifest = Manifest(
        format_version=written_for(fields.kind, fields.office is not None, rollup_minor(payload)),
        app_version=fields.app_version,
        schema_version=fields.schema_version,
        bundle_id=fields.bundle_id,
        kind=BundleKind(fields.kind),
        origin_unit_code=fields.origin_unit_code,
        device_id=fields.device_id,
        origin_key_fingerprint=key_fingerprint,
        receiver=fields.receiver,
        created=fields.created.replace(microsecond=0),
        sequence=fields.sequence,
        previous_bundle_id=fields.previous_bundle_id,
        full=fields.full,
        counts=MappingProxyType(count_records(payload)),
        members=MappingProxyType(dict(sorted(members.items()))),
        office=fields.office,
    )
    try:  # what the writer signs must be what every reader accepts
        manifest_from_json(manifest.to_json())
    except InvalidBundle as error:
        raise ValueError(f"cannot write this bundle: {error.details}") from error
    return manifest


def write_bundle(
    path_dir: Path,
    fields: BundleFields,
    payload: dict[str, Any],
    files: Mapping[str, FileSource],
    private_key: Ed25519PrivateKey,
) -> Path:
    """Write a signed bundle into ``path_dir`` and return its path.

    ``files`` maps the sha256 (lower-case hex) of each evidence file to its bytes or to the file holding
    it. Members are written in a fixed order (manifest.json, signature, public_key, records.json, then
    files/ by hash), so the same input gives the same bytes. The file appears under its final name only
    when complete; on failure nothing is left and :class:`WriteFailed` says why. ``ValueError`` means the
    caller passed fields or a payload that no reader would accept.
    """
    try:
        check_payload(BundleKind(fields.kind), payload)
    except InvalidBundle as error:
        raise ValueError(f"cannot write this payload: {error.details}") from error
    try:
        records = dump_compact(payload)
    except ValueError as error:  # an infinite or NaN number kept by an older version
        raise InvalidInput(nonfinite_message(payload) or str(error)) from error
    public_key = raw_public_key(private_key.public_key())
    members = {
        PUBLIC_KEY: Member(hashlib.sha256(public_key).hexdigest(), len(public_key)),
        RECORDS: Member(hashlib.sha256(records).hexdigest(), len(records)),
        **_evidence_members(files),
    }
    manifest = _build_manifest(fields, payload, members, fingerprint(public_key))
    manifest_bytes = dump_compact(manifest.to_json())
    small = [
        (MANIFEST, manifest_bytes),
        (SIGNATURE, private_key.sign(manifest_bytes)),
        (PUBLIC_KEY, public_key),
        (RECORDS, records),
    ]
    target = _free_target(Path(path_dir), manifest, fields.per_computer)
    with atomic_write(target) as out:
        _write_zip(out, small, files, members)
    return target
