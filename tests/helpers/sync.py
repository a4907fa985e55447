"""Builders for the sync tests: communes and receivers (fast, from a migrated template file), keys trusted
both ways, a few records, and snapshots of what a workspace holds to compare two of them."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.base import Base
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.sync.merge.codec import KINDS, content_docs, load_rows, supporter_ids
from ntm_desktop.sync.merge.decide import load_local
from ntm_desktop.workspace import Workspace
from tests.helpers import engines
from tests.helpers.units import SAMPLE_UNIT

COMMUNE = UnitProfile(
    code="01234", name="Xã Bằng Thành", province_code="19", region="TDMNPB", group=3, villages=("Nà Phầy",)
)
OTHER = UnitProfile(code="05678", name="Xã Quân Bình", province_code="19", region="TDMNPB", group=2)
_TEMPLATE: dict[str, Path] = {}


def _template(root: Path) -> Path:
    """A migrated, empty data file with no device id yet (each copy makes its own)."""
    if "path" not in _TEMPLATE:
        path = root / "template.sqlite"
        Workspace.open(path).close()
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM settings")
            conn.execute("DELETE FROM audit")
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


def open_copy(tmp_path: Path, name: str) -> Workspace:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "ntm.sqlite"
    shutil.copyfile(_template(_template_root()), target)
    return Workspace.open(target)


_ROOT: list[Path] = []


def _template_root() -> Path:
    if not _ROOT:
        import tempfile

        _ROOT.append(Path(tempfile.mkdtemp(prefix="ntm-sync-template-")))
    return _ROOT[0]


def commune(tmp_path: Path, name: str = "commune", profile: UnitProfile = COMMUNE) -> Workspace:
    ws = open_copy(tmp_path, name)
    ws.unit.setup(profile)
    return ws


def open_receiver(tmp_path: Path, name: str) -> Workspace:
    """A new, empty receiving workspace: a SQLite file, or a PostgreSQL database in a test that runs on
    both engines (``engine`` fixture), with this clerk's own folder at ``tmp_path / name``."""
    location = engines.new_receiver_location(tmp_path / name)
    if isinstance(location, Path):
        return open_copy(tmp_path, name)
    return Workspace.open(location, folder=tmp_path / name)


def receiver(tmp_path: Path, name: str = "province", code: str = "19") -> Workspace:
    ws = open_receiver(tmp_path, name)
    ws.settings.set_role("receiver")
    ws.settings.set("receiver_code", code)
    ws.settings.set("receiver_name", "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên")
    return ws


def trust(signer: Workspace, truster: Workspace) -> None:
    """``truster`` trusts ``signer``'s key, as after a phone call and ``keys trust``."""
    card = signer.path.parent / f"{signer.device_id}.ntmkey"
    signer.sync.keys.export(card)
    truster.sync.keys.trust(card)


def supporter(ws: Workspace, name: str) -> str:
    return ws.supporters.add(SupporterDraft(name)).ids[0]


def help_record(ws: Workspace, title: str, supporter_uid: str, amount: int = 40_000_000) -> str:
    draft = HelpDraft(
        date(2025, 3, 8),
        title,
        (supporter_uid,),
        (ItemDraft("cash", Decimal(amount), "đồng", value_vnd=amount),),
    )
    return ws.help.add(draft).ids[0]


def commune_with_help(path: Path) -> Path:
    """A commune's data file at ``path`` (the sample commune) holding one help record from one supporter,
    as the backup and start-up tests begin."""
    with Workspace.open(path) as ws:
        ws.unit.setup(SAMPLE_UNIT)
        help_record(ws, "Bê tông hóa đường thôn Pác Châm", supporter(ws, "Sở Nội vụ"))
    return path


def recovery_bundles(tmp_path: Path) -> tuple[Path, Path]:
    """A recovery bundle the province wrote for commune 01234 (a lost laptop), and an ordinary bundle of
    the commune, in ``tmp_path/usb``; both workspaces closed."""
    c, p = commune(tmp_path, "lost"), receiver(tmp_path)
    trust(c, p)
    usb = tmp_path / "usb"
    usb.mkdir()
    help_record(c, "Bê tông hóa đường thôn Nà Phầy", supporter(c, "Sở Nội vụ"))
    ordinary = c.sync.export(usb).path
    p.sync.import_bundles([ordinary])
    made = p.sync.export_recovery(usb, "01234").path
    c.close()
    p.close()
    return made, ordinary


def row_counts(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
        }


def integrity_ok(ws: Workspace) -> bool:
    if ws.engine.dialect.name != "sqlite":
        return True  # PostgreSQL checks its pages and constraints itself; it has no integrity_check
    with ws.db.read() as s:
        return s.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def snapshot(ws: Workspace, code: str) -> dict[str, Any]:
    """What a workspace holds of one unit: each record's shown version, removal and content, and the
    versions standing in each open conflict. Internal uids are left out (they differ per workspace)."""
    out: dict[str, Any] = {}
    with ws.db.read() as s:
        ids = supporter_ids(s, code)
        for kind in KINDS:
            local = load_local(s, code, kind)
            uids = [x.uid for x in local.values() if x.uid]
            docs = content_docs(s, kind, load_rows(s, kind, uids), ids)
            for rid, held in local.items():
                standing = frozenset(x.version for x in held.standing())
                doc = docs.get(held.uid) if held.uid else None
                if held.deleted:
                    doc = None
                out[f"{kind}/{rid}"] = (held.version, held.deleted, _frozen(doc), standing)
    return out


def _frozen(doc: Any) -> Any:
    if isinstance(doc, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in doc.items()))
    if isinstance(doc, list):
        return tuple(_frozen(v) for v in doc)
    return doc


def open_conflicts(ws: Workspace) -> int:
    with ws.db.read() as s:
        query = select(func.count()).select_from(m.SyncConflict).where(m.SyncConflict.status == "open")
        return int(s.scalar(query) or 0)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """A commune and its province office, each trusting the other's key."""
    c, p = commune(tmp_path), receiver(tmp_path)
    trust(c, p)
    trust(p, c)
    yield c, p
    c.close()
    p.close()
