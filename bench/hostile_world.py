"""The world the hostile-input campaign (``bench/campaign.py``) attacks: a commune with a bit of every kind
of record and an evidence file, its province office trusting its key, and the hostile values and edits
the campaign draws from (with a seeded ``random.Random``, so a run is repeated exactly)."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.services.ledger import CadreDraft, EventDraft, HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.workspace import Workspace

UNIT = UnitProfile(
    code="01234",
    name="Xã Bằng Thành",
    province_code="19",
    region="TDMNPB",
    group=3,
    villages=("Nà Phầy", "Bằng Thành II"),
    officers=(Officer("Hoàng Văn Minh", "Chủ tịch UBND xã", "TM", True),),
)

# Values that broke, or could break, a reader: numbers at every edge, text an attacker likes, wrong types.
VALUES: list[Any] = [
    0, -1, 1, 2**31, 2**53, 2**63, -(2**63) - 1, 10**30, 0.5, -0.0, 1e308, 1e-300, 82.5,
    "", " ", " x ", "x" * 10_000, "a\x00b", "\ud800", "\u202efdp.exe", "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x/?"&A1)', "+1", "@SUM(1)", "０１２３４", "٠١٢٣٤", "2024-02-30", "２０２４-01-01",
    "9999-12-31", "0000-01-01", "../../../../tmp/ntm-campaign-pwned", "C:\\Windows\\x.exe", "CON", "\n\r\t",
    "Xã Bằng Thành", "Xa\u0300", "🏠" * 50, "cash", "đồng", "19", "3.1",
    None, True, False, [], {}, [None], {"a": 1}, [[[]]], list(range(300)), ["so-noi-vu", "so-noi-vu"],
]  # fmt: skip
RAW_NUMBERS = [
    "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1E+999999999", "9" * 5001, "1e-400", "-0",
    "123456789012345678901234567890123", "0.0000000000000000000000000000001",
]  # fmt: skip
KEYS = ["id", "year", "indicator", "criterion", "value", "met", "note", "name", "kind", "parent", "date",
        "title", "supporters", "items", "quantity", "unit", "value_vnd", "village", "criteria",
        "beneficiaries", "households", "persons", "start", "end", "supporter", "document", "participants",
        "_version", "_origin", "_deleted", "_based_on", "_evidence", "_criteria_set", "zzz"]  # fmt: skip


@dataclass
class World:
    root: Path
    commune: Workspace
    bundle: Path
    records: dict[str, Any]
    province_template: Path
    commune_template: Path


def _fill(ws: Workspace, root: Path) -> None:
    sups = [
        ws.supporters.add(SupporterDraft(n)).ids[0] for n in ("Sở Nội vụ", "Công ty Điện lực", "Tỉnh đoàn")
    ]
    scan = root / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"bien ban nghiem thu\n" * 50)
    for n in range(6):
        items = (
            ItemDraft("cash", Decimal(40_000_000 + n), "đồng", value_vnd=40_000_000 + n),
            ItemDraft("labour", Decimal(30), "ngày công", "Ngày công đổ bê tông"),
            ItemDraft("goods", Decimal("2.5"), "tấn", "Xi măng", value_vnd=5_000_000),
        )
        draft = HelpDraft(date(2024, 3, 1 + n), f"Bê tông hóa đường thôn {n}", (sups[n % 3],), items,
                          village="Nà Phầy", criteria=("2",), households=12, persons=40)  # fmt: skip
        ws.help.add(draft, evidence=[scan] if n == 0 else [])
    for year in (2023, 2024, 2025):
        ws.progress.record(year, indicator="3.1", value="82,5")
        ws.progress.record(year, criterion="19", met=False, note="Chưa đạt")
    ws.cadres.add(CadreDraft("Nguyễn Văn Tăng", "Phó Chủ tịch", sups[0], date(2024, 1, 1)))
    ws.events.add(EventDraft(date(2024, 5, 1), "Hội nghị", supporters=(sups[1],), participants=80))


def build(root: Path) -> World:
    """The commune (its bundle and records file) and the province office's data file, as templates."""
    from tests.helpers.sync import commune, receiver, trust

    c, p = commune(root, "commune", UNIT), receiver(root, "province")
    trust(c, p)
    trust(p, c)
    _fill(c, root)
    usb = root / "usb"
    usb.mkdir()
    bundle = c.sync.export(usb).path
    records = c.records.export()
    p.close()
    blank = Workspace.open(root / "blank" / "ntm.sqlite")
    blank.unit.setup(UNIT)
    blank.close()
    return World(root, c, bundle, records, p.path, blank.path)


def fresh(template: Path, folder: Path) -> Workspace:
    """A copy of a template data file (with its keys) in ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    skip = shutil.ignore_patterns("logs", "backups", f"{template.name}*")
    shutil.copytree(template.parent, folder, ignore=skip)
    source, target = sqlite3.connect(template), sqlite3.connect(folder / template.name)
    with target:
        source.backup(target)  # consistent even while the template is open (WAL)
    source.close()
    target.close()
    return Workspace.open(folder / template.name)


# ---- edits -------------------------------------------------------------------------------------------


def _targets(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every object of the document an edit may land in: the unit, records, item lines, beneficiaries."""
    found: list[dict[str, Any]] = [doc] + ([doc["unit"]] if isinstance(doc.get("unit"), dict) else [])
    for value in doc.values():
        for record in value if isinstance(value, list) else []:
            if isinstance(record, dict):
                found.append(record)
                items = record.get("items")
                found += [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    return found


def mutate(rng: random.Random, doc: dict[str, Any], *, sync_fields: bool) -> tuple[str, str]:
    """Edit ``doc`` in place with 1–3 hostile changes; returns (a description, a raw-text substitution
    ``old→new`` to apply to its JSON, or "")."""
    doc_copy = doc
    notes, raw = [], ""
    for _ in range(rng.randint(1, 3)):
        target = rng.choice(_targets(doc_copy))
        keys = [k for k in KEYS if sync_fields or not k.startswith("_")] + list(target)
        key = rng.choice(keys)
        roll = rng.random()
        if roll < 0.1 and key in target:
            del target[key]
            notes.append(f"drop {key}")
        elif roll < 0.25:
            token = f"RAWNUMBER{rng.randrange(10**6)}"
            target[key] = token
            raw = f'"{token}"→{rng.choice(RAW_NUMBERS)}'
            notes.append(f"{key}=raw")
        else:
            value = rng.choice(VALUES)
            target[key] = json.loads(json.dumps(value))
            notes.append(f"{key}={str(value)[:20]!r}")
    return "; ".join(notes), raw


def dumped(doc: dict[str, Any], raw: str, *, compact: bool) -> bytes:
    text = json.dumps(doc, separators=(",", ":")) if compact else json.dumps(doc, indent=1)
    if raw:
        old, new = raw.split("→")
        text = text.replace(old, new)
    return text.encode("utf-8")
