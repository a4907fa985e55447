"""A receiver keeps each commune's bundle whole, to carry it to the national office with the commune's own
signature: it keeps the very bytes it checked, even if the file on the USB stick changes while the bundle
is being imported (a small bundle is read once, whole)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import help_record, pair, supporter, usb

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["pair", "usb"]  # fixtures


def test_the_kept_bundle_is_the_file_as_it_was_checked(
    pair: tuple[Workspace, Workspace], usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, p = pair
    help_record(c, "Bê tông hóa đường vào thôn Nà Phầy", supporter(c, "Ngân hàng Chính sách xã hội"))
    bundle = c.sync.export(usb).path
    checked = bundle.read_bytes()
    hook = p.sync.import_hook
    assert hook is not None

    def meanwhile(s: Any, planned: Any) -> str:
        bundle.write_bytes(b"another file copied over it")  # after the checks, before the bundle is kept
        return hook(s, planned)

    monkeypatch.setattr(p.sync, "import_hook", meanwhile)
    [outcome] = p.sync.import_bundles([bundle]).outcomes
    assert outcome.status == "imported", outcome.message
    with p.db.read() as s:
        kept = s.scalar(select(m.SyncBundle.kept_sha256).where(m.SyncBundle.direction == "received"))
    assert kept == hashlib.sha256(checked).hexdigest()
    assert p.evidence.path_for(kept).read_bytes() == checked
