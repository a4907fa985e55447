"""Builders for hostile inputs: a sound bundle forged into a hostile one and signed again with the real
key (what an attacker holding a commune's key would do), and checks that a refusal changed nothing."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
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
    text: Callable[[str], str] | None = None,
    out: Path | None = None,
) -> Path:
    """A copy of ``bundle`` whose records.json (parsed and edited, then ``text`` applied to the JSON text,
    or replaced by ``raw_records``) and manifest were changed, with the manifest's digests and counts made
    right, a bundle id of its own (derived from the content: the same forgery gets the same id), signed
    with ``key``."""
    items = entries(bundle)
    data = dict(items)["records.json"]
    if raw_records is not None:
        data = raw_records
    elif records is not None:
        payload = json.loads(data)
        records(payload)
        data = json.dumps(payload, separators=(",", ":")).encode("ascii")
    if text is not None:
        data = text(data.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")
    items = [(n, data if n == "records.json" else d) for n, d in items]

    def fix(m: dict[str, Any]) -> None:
        m["members"]["records.json"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        try:
            payload = json.loads(data)
            m["counts"] = {k: len(v) for k, v in payload.items() if isinstance(v, list)}
        except (ValueError, RecursionError):
            pass
        m["bundle_id"] = str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16], version=4))
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


# -- the hostile inputs kept from the campaigns (tests/fixtures/hostile) ------------------------------------

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
_TOKEN = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


def cases(name: str) -> list[dict[str, Any]]:
    """The kept cases of ``tests/fixtures/hostile/<name>.json``."""
    found: list[dict[str, Any]] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["cases"]
    return found


def _tokens(path: str) -> list[str | int]:
    return [int(index) if index else key for key, index in _TOKEN.findall(path)]


def put_at(doc: Any, path: str, value: Any) -> None:
    """Set the value at ``help[0].items[1].quantity`` (making missing objects on the way)."""
    *parents, last = _tokens(path)
    node = doc
    for token in parents:
        node = node[token] if isinstance(token, int) else node.setdefault(token, {})
    node[last] = value


def edited_text(doc: dict[str, Any], case: dict[str, Any], *, compact: bool) -> str:
    """The document with the case's edits, as JSON text (lone surrogates kept as ``\\ud800`` escapes)."""
    if "raw" in case:
        return str(case["raw"])
    doc = json.loads(json.dumps(doc))
    for path, value, *times in case.get("set", []):
        put_at(doc, path, value * times[0] if times else value)
    if "nest" in case:
        put_at(doc, case["nest"][0], "NEST")  # replaced by that many nested lists below
    text = json.dumps(doc, separators=(",", ":")) if compact else json.dumps(doc, indent=2)
    if "nest" in case:
        text = text.replace('"NEST"', "[" * case["nest"][1] + "]" * case["nest"][1])
    for old, new in case.get("text", []):
        assert old in text, f"{case['name']}: {old!r} is not in the document"
        text = text.replace(old, new, 1)
    return text


def forge_case(bundle: Path, key: Ed25519PrivateKey, case: dict[str, Any], out: Path) -> Path:
    """The bundle made hostile as ``case`` says, signed again with ``key``."""
    payload = json.loads(dict(entries(bundle))["records.json"])
    text = edited_text(payload, case, compact=True)
    return forge(
        bundle,
        key,
        raw_records=text.encode("utf-8"),
        manifest=(lambda m: m.update(case["manifest"])) if "manifest" in case else None,
        out=out,
    )
