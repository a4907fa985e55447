"""What this office keeps for signing reports: trusted certificates, and the signature and seal images.

Trusted certificates are files in ``trusted-certificates/`` in the data folder (``verify`` reads them
without opening the data file); adding or removing one is also written to the audit log. The images are
stored once by their SHA-256 beside the evidence files, and the workspace remembers which is which: the
personal signature belongs to the officer who chose it, the seal to the commune.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from cryptography import x509

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.signing.names import same_person
from ntm_desktop.signing.truststore import Trusted, TrustStore, describe, read_certificates

SIGNATURE_IMAGE = "signing.signature_image"
SEAL_IMAGE = "signing.seal_image"
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 4000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class StoredImage:
    path: Path
    sha256: str
    filename: str
    officer: str = ""


def read_png(path: Path, field: str = "image") -> bytes:
    """The bytes of a PNG picture of sensible size; a clear refusal otherwise, naming ``field`` (which
    picture: ``signature_image`` or ``seal_image``, as the officer chose it)."""
    from reportlab.lib.utils import ImageReader

    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_IMAGE_BYTES else b""
    except OSError as exc:
        raise InvalidInput(
            tr("Cannot read the file {name}: {reason}", name=str(path), reason=os_reason(exc)),
            field=field,
        ) from exc
    if size > MAX_IMAGE_BYTES:
        raise InvalidInput(tr("The picture {name} is larger than 2 MB.", name=path.name), field=field)
    if not data.startswith(PNG_MAGIC):
        raise InvalidInput(tr("{name} is not a PNG picture.", name=path.name), field=field)
    try:
        width, height = ImageReader(BytesIO(data)).getSize()
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        raise InvalidInput(tr("{name} is not a PNG picture.", name=path.name), field=field) from exc
    if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
        raise InvalidInput(
            tr(
                "The picture {name} must be at most {n} pixels wide and high.",
                name=path.name,
                n=MAX_IMAGE_SIDE,
            ),
            field=field,
        )
    return data


class SigningService:
    def __init__(self, db: Database, data_folder: Path, evidence: EvidenceService) -> None:
        self._db = db
        self._evidence = evidence
        self.store = TrustStore.in_data_folder(data_folder)

    # ---- trusted certificates ------------------------------------------------------------------

    def trusted(self) -> list[Trusted]:
        return self.store.list()

    def trusted_certificates(self) -> list[x509.Certificate]:
        return self.store.certificates()

    def trust(self, path: Path) -> tuple[list[Trusted], list[Trusted], Changes]:
        """Trust every certificate in the file. Returns (added, already trusted, changes)."""
        certs = read_certificates(path)
        added: list[Trusted] = []
        known: list[Trusted] = []
        with self._db.write() as s:
            for cert in certs:
                if self.store.contains(cert):
                    known.append(describe(cert))
                    continue
                item = self.store.add(cert)
                added.append(item)
                after = {"subject": item.info.subject, "issuer": item.info.issuer, "kind": item.kind.value}
                self._db.audit(s, "certificate.trust", "certificate", item.info.fingerprint, None, after)
        return added, known, Changes.of(Kind.SETTINGS, action="certificate.trust")

    def untrust(self, fingerprint: str) -> tuple[Trusted, Changes]:
        with self._db.write() as s:
            item = self.store.remove(fingerprint)
            before = {"subject": item.info.subject, "issuer": item.info.issuer, "kind": item.kind.value}
            self._db.audit(s, "certificate.untrust", "certificate", item.info.fingerprint, before, None)
        return item, Changes.of(Kind.SETTINGS, action="certificate.untrust")

    # ---- signature and seal images -------------------------------------------------------------

    def _set_image(self, key: str, source: Path, extra: dict[str, Any], field: str) -> Changes:
        data = read_png(source, field)
        with self._db.write() as s:
            digest = self._evidence.store_bytes(s, data)
            row = s.get(m.Setting, key)
            before = None if row is None else dict(row.value)
            value = {"sha256": digest, "filename": source.name, **extra}
            if row is None:
                s.add(m.Setting(key=key, value=value))
            else:
                row.value = value
            self._db.audit(s, key, "setting", key, before, value)
        return Changes.of(Kind.SETTINGS, action=key)

    def set_signature_image(self, source: Path, officer: str) -> Changes:
        """The personal signature (blue, transparent PNG) of ``officer``, used when they sign."""
        if not officer.strip():
            raise InvalidInput(tr("Say whose signature the picture is."), field="officer")
        return self._set_image(SIGNATURE_IMAGE, source, {"officer": officer.strip()}, "signature_image")

    def set_seal_image(self, source: Path) -> Changes:
        """The commune's seal (red, transparent PNG), used when the văn thư seals a report."""
        return self._set_image(SEAL_IMAGE, source, {}, "seal_image")

    def _image(self, key: str) -> StoredImage | None:
        with self._db.read() as s:
            row = s.get(m.Setting, key)
            value = row.value if row is not None else None
        if not isinstance(value, dict) or not value.get("sha256"):
            return None
        path = self._evidence.path_for(str(value["sha256"]))
        if not path.exists():
            return None
        return StoredImage(
            path, str(value["sha256"]), str(value.get("filename", "")), str(value.get("officer", ""))
        )

    def signature_image(self, officer: str | None = None) -> StoredImage | None:
        """The stored signature picture; with ``officer``, only if it is that officer's."""
        image = self._image(SIGNATURE_IMAGE)
        if image is None or (officer is not None and not same_person(image.officer, officer)):
            return None
        return image

    def seal_image(self) -> StoredImage | None:
        return self._image(SEAL_IMAGE)
