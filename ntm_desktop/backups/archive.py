"""The backup file: one ``.ntmbackup`` (a zip) holding ``manifest.json``, the data file copy
``ntm.sqlite``, the evidence files ``evidence/<sha256>`` and, only when the officer asks, the device
key ``device-key.pem`` encrypted with a passphrase (PKCS#8, the best encryption ``cryptography`` offers).

The manifest lists every member with its SHA-256 and size; a file is written to a temporary name,
renamed, then read back and every member checked before it is reported as made.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.files import atomic_write
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason

FORMAT, VERSION = "ntm-backup", 1
SUFFIX = ".ntmbackup"
MANIFEST, DATABASE, KEY = "manifest.json", "ntm.sqlite", "device-key.pem"
EVIDENCE_PREFIX = "evidence/"
CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself (its manifest)."""

    path: Path
    created: datetime
    unit_code: str
    unit_name: str
    role: str
    device_id: str
    counts: Mapping[str, int]
    members: Mapping[str, tuple[str, int]]
    app_version: str

    @property
    def has_key(self) -> bool:
        return KEY in self.members

    @property
    def evidence(self) -> list[str]:
        prefix = EVIDENCE_PREFIX
        return [name.removeprefix(prefix) for name in self.members if name.startswith(prefix)]


def digest(path: Path) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def write(target: Path, manifest: dict[str, Any], sources: Mapping[str, Path]) -> None:
    """Write the zip atomically: the manifest first, then each member from its source file."""

    def fill(out: BinaryIO) -> None:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
            for name, source in sources.items():
                zf.write(source, name)

    with atomic_write(target) as handle:
        fill(handle)


def _bad(path: Path, why: str) -> InvalidInput:
    return InvalidInput(
        tr("{path} is not a usable NTM Desktop backup: {why}", path=str(path), why=why), field="file"
    )


@contextmanager
def opened(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise _bad(path, tr("it is not a backup file, or it is damaged")) from exc
    except OSError as exc:  # missing, a folder, not allowed: the file is not damaged, it is not there
        raise InvalidInput(
            tr("Cannot read the file {name}: {reason}", name=str(path), reason=reason(exc)), field="file"
        ) from exc
    try:
        with zf:
            yield zf
    except (zipfile.BadZipFile, OSError) as exc:
        raise _bad(path, tr("it is not a backup file, or it is damaged")) from exc


def read_info(path: Path) -> BackupInfo:
    """The manifest of the backup at ``path``; :class:`InvalidInput` naming the file if it is not one."""
    with opened(path) as zf:
        try:
            doc = json.loads(zf.read(MANIFEST))
        except (KeyError, ValueError) as exc:
            raise _bad(path, tr("its manifest is missing or damaged")) from exc
    return _info(path, doc)


def _info(path: Path, doc: Any) -> BackupInfo:
    try:
        if doc["format"] != FORMAT:
            raise ValueError(doc["format"])
        if int(doc["version"]) > VERSION:
            raise _bad(path, tr("it was made by a newer version of NTM Desktop; update the app"))
        unit = doc["unit"]
        return BackupInfo(
            path=path,
            created=datetime.fromisoformat(doc["created"]).astimezone(UTC),
            unit_code=str(unit["code"]),
            unit_name=str(unit["name"]),
            role=str(unit["role"]),
            device_id=str(doc.get("device_id", "")),
            counts={str(k): int(v) for k, v in doc["counts"].items()},
            members={str(k): (str(v["sha256"]), int(v["size"])) for k, v in doc["members"].items()},
            app_version=str(doc.get("app_version", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _bad(path, tr("its manifest is missing or damaged")) from exc


def verify(path: Path) -> BackupInfo:
    """Read every member back and compare it with the manifest; :class:`InvalidInput` on any difference."""
    info = read_info(path)
    with opened(path) as zf:
        names = set(zf.namelist()) - {MANIFEST}
        if names != set(info.members) or DATABASE not in names:
            raise _bad(path, tr("its members do not match its manifest"))
        for name, (sha256, size) in info.members.items():
            h, got = hashlib.sha256(), 0
            try:
                with zf.open(name) as member:
                    while chunk := member.read(CHUNK):
                        h.update(chunk)
                        got += len(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
                raise _bad(path, tr("{name} cannot be read", name=name)) from exc
            if (h.hexdigest(), got) != (sha256, size):
                raise _bad(path, tr("{name} differs from what was written", name=name))
    return info


def extract(path: Path, name: str, target: Path) -> None:
    """Copy one member out to ``target`` (atomically)."""
    with opened(path) as zf, zf.open(name) as member, atomic_write(target, make_folder=True) as out:
        while chunk := member.read(CHUNK):
            out.write(chunk)
