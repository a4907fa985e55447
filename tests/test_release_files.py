"""A data file made by a released version opens in this one with everything its officer recorded.

Each release keeps a data file in ``tests/fixtures/releases/`` (``packaging/release_fixture.py``) and its
records-v1 export as that release printed it. Today's code must open the file (migrating it, after a
backup, when the schema moved on) and export at least the same: every record, field and value, with the
same meaning. A newer minor version of the format may add fields, never lose or change one.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.workspace import Workspace

RELEASES = Path(__file__).parent / "fixtures" / "releases"
FILES = sorted(RELEASES.glob("*.sqlite"))
VERSIONS = Path(__file__).parent.parent / "ntm_desktop" / "db" / "migrations" / "versions"

# Revisions a release shipped: never edited again (a schema change is a new revision on top).
FROZEN = {
    "0001_initial.py": "1a7dcdb4234a9dab7dc77859ddaccda90c279e61f386c967a59323ad4330bf0e",  # 0.2.0
}


def kept(old: Any, new: Any, where: str = "") -> list[str]:
    """Where ``new`` lost or changed something ``old`` had (lists by position, dicts by key)."""
    if isinstance(old, dict) and isinstance(new, dict):
        lost = [f"{where}.{k}: missing" for k in old if k not in new]
        return lost + [p for k in old if k in new for p in kept(old[k], new[k], f"{where}.{k}")]
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return [f"{where}: {len(old)} entries became {len(new)}"]
        return [p for n, (a, b) in enumerate(zip(old, new, strict=True)) for p in kept(a, b, f"{where}[{n}]")]
    return [] if old == new else [f"{where}: {old!r} became {new!r}"]


def test_the_comparison_sees_a_lost_or_changed_value() -> None:
    old = {"help": [{"title": "Đường", "value_vnd": 40_000_000, "items": [1, 2]}]}
    assert kept(old, {"help": [{"title": "Đường", "value_vnd": 40_000_000, "items": [1, 2], "new": 1}]}) == []
    assert kept(old, {"help": [{"title": "Đường", "value_vnd": 4_000_000, "items": [1, 2]}]})
    assert kept(old, {"help": [{"title": "Đường", "items": [1, 2]}]})
    assert kept(old, {"help": [{"title": "Đường", "value_vnd": 40_000_000, "items": [1]}]})


def test_every_release_kept_a_data_file() -> None:
    assert FILES, "no released data file in tests/fixtures/releases (packaging/release_fixture.py)"


@pytest.mark.parametrize("released", FILES, ids=[p.stem for p in FILES])
def test_a_released_data_file_opens_with_everything_it_held(released: Path, tmp_path: Path) -> None:
    path = tmp_path / "ntm.sqlite"
    shutil.copyfile(released, path)
    printed = json.loads(released.with_suffix(".json").read_text("utf-8"))
    with Workspace.open(path, folder=tmp_path) as ws:
        now = ws.records.export()
    assert kept(printed, now) == []


def test_the_revisions_a_release_shipped_are_unchanged() -> None:
    for name, digest in FROZEN.items():
        assert hashlib.sha256((VERSIONS / name).read_bytes()).hexdigest() == digest, (
            f"{name} shipped in a release: add a new revision instead of changing it"
        )
