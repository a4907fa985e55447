"""Builders for hostile inputs: a sound bundle forged into a hostile one and signed again with the real
key (what an attacker holding a commune's key would do), and checks that a refusal changed nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.workspace import Workspace
from tests.helpers.bundles import entries, manifest_json, resign, write_zip
from tests.helpers.sync import row_counts

Edit = Callable[[dict[str, Any]], None]


def forge(
    bundle: Path,
    key: Ed25519PrivateKey,
    *,
    records: Edit | None = None,
    manifest: Edit | None = None,
    raw_records: bytes | None = None,
    out: Path | None = None,
) -> Path:
    """A copy of ``bundle`` whose records.json (parsed and edited, or replaced by ``raw_records``) and
    manifest were changed, with the manifest's digests and counts made right and signed with ``key``."""
    items = entries(bundle)
    data = dict(items)["records.json"]
    if raw_records is not None:
        data = raw_records
    elif records is not None:
        payload = json.loads(data)
        records(payload)
        data = json.dumps(payload, separators=(",", ":")).encode("ascii")
    items = [(n, data if n == "records.json" else d) for n, d in items]

    def fix(m: dict[str, Any]) -> None:
        m["members"]["records.json"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        try:
            payload = json.loads(data)
            m["counts"] = {k: len(v) for k, v in payload.items() if isinstance(v, list)}
        except ValueError:
            pass
        if manifest is not None:
            manifest(m)

    target = out or bundle.with_name("forged-" + bundle.name)
    return write_zip(target, resign(items, key, fix, relist=False))


def key_of(ws: Workspace) -> Ed25519PrivateKey:
    return ws.sync.identity.private_key()


def sent_manifest(bundle: Path) -> dict[str, Any]:
    return manifest_json(entries(bundle))


def state(ws: Workspace) -> tuple[dict[str, int], str | None]:
    """What a refusal must leave as it was: the rows of every table and the clock's saved value."""
    from ntm_desktop.db import models as m

    with ws.db.read() as s:
        clock = s.get(m.Setting, "hlc_last")
        return row_counts(ws), clock.value if clock is not None else None
