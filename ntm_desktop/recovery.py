"""A commune whose laptop was lost starts again from its receiver's copy: ``init --from-bundle FILE``.

The receiving unit writes a recovery bundle (``bundle export --recovery-for CODE``: every record it holds
of the commune, the evidence files, the profile and targets, signed by the receiver, the commune's old
keys revoked). Here a new data file is made from it — built under a temporary name and renamed only
when everything is in, so a failure leaves nothing behind — and carries on under the same unit as a
new device with a new key, which the receiver trusts once the officer has read its fingerprint to
them by phone (docs/sync.md, "A lost laptop").
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from ntm_desktop.core.errors import BundleRejected, Conflict, InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.reader import VerifiedBundle, read_bundle
from ntm_desktop.sync.keys.office_trust import identity_fingerprint
from ntm_desktop.sync.labels import bundle_kind_text
from ntm_desktop.sync.profile import PROFILE, read_profile
from ntm_desktop.workspace import Workspace

VIETNAM = timedelta(hours=7)


@dataclass(frozen=True)
class Recovered:
    path: Path
    profile: UnitProfile
    counts: dict[str, int]
    receiver_code: str
    receiver_fingerprint: str
    new_fingerprint: str


@dataclass(frozen=True)
class RecoveryPreview:
    """What a recovery bundle would give back, read and checked without writing anything."""

    unit_code: str
    unit_name: str
    receiver_code: str
    receiver_fingerprint: str
    created: str
    counts: dict[str, int]


def preview(bundle_path: Path) -> RecoveryPreview:
    bundle = _recovery_bundle(Path(bundle_path))
    profile = _profile(bundle.payload, Path(bundle_path))
    m = bundle.manifest
    made = f"{m.created + VIETNAM:%d/%m/%Y %H:%M}"
    counts = {k: v for k, v in m.counts.items() if v}
    return RecoveryPreview(
        profile.code, profile.name, m.origin_unit_code, identity_fingerprint(bundle), made, counts
    )


def _recovery_bundle(path: Path) -> VerifiedBundle:
    bundle = read_bundle(path)
    if bundle.manifest.kind is not BundleKind.RECOVERY:
        message = tr(
            "{file} is not a recovery bundle (it is a “{kind}” bundle). Ask the receiving unit for one: "
            "ntm-desktop bundle export --recovery-for CODE",
            file=path.name,
            kind=bundle_kind_text(str(bundle.manifest.kind)),
        )
        raise InvalidInput(message, field="from-bundle")
    return bundle


def recover(bundle_path: Path, db_path: Path) -> Recovered:
    """Make the data file ``db_path`` from the recovery bundle at ``bundle_path`` (see the module)."""
    _refuse_if_set_up(db_path)
    bundle = _recovery_bundle(Path(bundle_path))
    manifest = bundle.manifest
    profile = _profile(bundle.payload, Path(bundle_path))
    tmp = db_path.with_name(f".{db_path.name}.recovering")
    _remove(tmp)
    try:
        with Workspace.open(tmp) as ws:
            ws.unit.setup(profile)
            report = ws.sync.import_bundles([bundle_path], trust_on_first_use=True)
            outcome = report.outcomes[0]
            if outcome.status != "imported":
                raise BundleRejected(outcome.message)
            counts = {k: c.created + c.updated for k, c in outcome.counts.items()}
        _checkpoint(tmp)
        for suffix in ("-wal", "-shm", "-journal"):  # an empty file's own log must not replay onto ours
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, db_path)
    finally:
        _remove(tmp)
    with Workspace.open(db_path) as ws:
        fingerprint = ws.sync.keys.show().fingerprint
    trusted = identity_fingerprint(bundle)  # the office key's, when a certified clerk wrote the bundle
    return Recovered(db_path, profile, counts, manifest.origin_unit_code, trusted, fingerprint)


def _refuse_if_set_up(db_path: Path) -> None:
    if not db_path.exists():
        return
    with Workspace.open(db_path) as ws:
        code = ws.unit.home_code() or (ws.receiver.info().code if ws.receiver.is_receiver() else None)
    if code:
        raise Conflict(
            tr("The data file {path} already belongs to unit {code}; nothing was changed. Recover into a new "
               "data file (--db NEW.sqlite).", path=str(db_path), code=code)
        )  # fmt: skip


def _profile(payload: dict[str, object], path: Path) -> UnitProfile:
    from ntm_desktop.sync.importing import _profile as read_unit

    problems: list = []  # type: ignore[type-arg]
    unit = payload.get("unit")
    base = read_unit(unit, problems) if isinstance(unit, dict) else None
    if base is None:
        raise InvalidInput(tr("{file} holds no usable unit profile", file=path.name), field="from-bundle")
    return read_profile(base, payload.get(PROFILE))[0]


def _checkpoint(db: Path) -> None:
    """Fold the write-ahead log into the file, so the file alone holds everything before it is moved."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
