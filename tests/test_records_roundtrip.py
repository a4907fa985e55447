"""Export → import into a fresh workspace → export gives the same records."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from ntm_desktop.demo import fill_demo
from ntm_desktop.services.ledger import EventDraft, HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.workspace import Workspace


def test_round_trip_of_the_sample_commune(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "a.sqlite") as first:
        fill_demo(first)
        sup = first.supporters.find("Sở Nội vụ")[0].uid
        first.help.add(
            HelpDraft(
                date(2024, 2, 2),
                "Cát xây dựng",
                (sup,),
                (ItemDraft("material", Decimal("12.75"), "m³", "Cát", None),),
                households=3,
                persons=11,
            )
        )
        first.events.add(EventDraft(date(2024, 3, 3), "Tập huấn", participants=0))
        (tmp_path / "out").mkdir()
        exported = first.records.export_file(tmp_path / "out" / "bang-thanh.json")
    on_disk = json.loads((tmp_path / "out" / "bang-thanh.json").read_text(encoding="utf-8"))
    assert on_disk == exported and on_disk["format"] == "ntm-records" and on_disk["version"] == 1
    with Workspace.open(tmp_path / "b.sqlite") as second:
        result = second.records.import_file(tmp_path / "out" / "bang-thanh.json")
        assert result.unit_created
        again = second.records.export()
    assert again == exported
    assert len(again["assessments"]) == 4 * 57 - 1 + 10  # 2023's criterion 19 is judged whole
    sand = next(h for h in again["help"] if h["title"] == "Cát xây dựng")
    assert sand["items"][0]["quantity"] == 12.75 and sand["beneficiaries"] == {"households": 3, "persons": 11}


def test_export_of_an_empty_commune(ws: Workspace) -> None:
    doc = ws.records.export()
    assert doc["unit"]["code"] == "01234" and "criteria_set" not in doc
    assert [doc[k] for k in ("assessments", "supporters", "assignments", "help", "cadres", "events")] == [
        []
    ] * 6


def test_export_names_a_criteria_set_only_when_not_the_default(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="3.1", value="85")
    assert "criteria_set" not in ws.records.export()
    ws.progress.record(2019, criterion="5", met=True, set_id="vn-ntm-xa-2021-2025")
    ws.progress.remove(ws.progress.assessments(2023)[0].uid)
    assert ws.records.export()["criteria_set"] == "vn-ntm-xa-2021-2025"


def test_removed_records_are_not_exported_and_an_import_brings_them_back(ws: Workspace) -> None:
    uid = ws.supporters.add(SupporterDraft("Hội Nông dân tỉnh", kind="mass_org")).ids[0]
    doc = ws.records.export()
    ws.supporters.remove(uid)
    assert ws.records.export()["supporters"] == []
    result = ws.records.import_data(doc)
    assert result.counts["supporters"].created == 1
    assert [s.uid for s in ws.supporters.list()] == [uid]
