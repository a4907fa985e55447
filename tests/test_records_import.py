"""records-v1 import: all or nothing, every problem listed by its path, ids matched, NFC text."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import set_language
from ntm_desktop.db import models as m
from ntm_desktop.db.base import Base
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace
from tests.helpers.records_example import example as example_doc
from tests.helpers.records_example import example_file

NOWHERE = "it is neither in this file nor in the data file"


@pytest.fixture
def example() -> dict[str, Any]:
    return example_doc()


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    return example_file(tmp_path)


def rows(ws: Workspace) -> dict[str, int]:
    """How many rows every table holds (the audit and settings included)."""
    with ws.db.read() as s:
        return {
            t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in Base.metadata.sorted_tables
        }


def problems(ws: Workspace, data: object) -> list[str]:
    """The problems an import reports; asserts that nothing at all was written."""
    before = rows(ws)
    with pytest.raises(InvalidInput) as caught:
        ws.records.import_data(data)
    assert rows(ws) == before
    return [p.technical for p in caught.value.problems]


def test_the_example_file_imports_into_a_blank_workspace(blank_ws: Workspace, example_path: Path) -> None:
    result = blank_ws.records.import_file(example_path)
    assert result.unit_created and result.unit_code == "01234"
    assert {k: c.created for k, c in result.counts.items()} == {
        "assessments": 2,
        "supporters": 1,
        "assignments": 1,
        "help": 1,
        "cadres": 0,
        "events": 0,
        "narratives": 0,
    }
    assert "set up from the file" in result.text() or "theo thông tin trong tệp" in result.text()
    profile = blank_ws.unit.home()
    assert (profile.name, profile.region, profile.group, profile.villages) == (
        "Xã Bằng Thành",
        "TDMNPB",
        3,
        ("Bằng Thành II",),
    )
    [a31] = [a for a in blank_ws.progress.assessments(2023) if a.indicator == "3.1"]
    assert a31.met is True and a31.met_auto is True  # 82,5% ≥ 80%: evaluated, as ws.progress.record would
    assert blank_ws.progress.summary(2023).status_of("19") == "not_met"
    assert blank_ws.help.totals().value_vnd == 40_000_000
    again = blank_ws.records.import_file(example_path)
    assert all(c.created == c.updated == 0 for c in again.counts.values()) and not again.unit_created
    assert again.changed == 0


def test_dry_run_counts_and_writes_nothing(blank_ws: Workspace, example_path: Path) -> None:
    before = rows(blank_ws)
    result = blank_ws.records.import_file(example_path, dry_run=True)
    assert result.dry_run and result.unit_created and result.counts["help"].created == 1
    assert rows(blank_ws) == before and not blank_ws.unit.has_home()


def test_known_ids_are_updated_or_unchanged(ws: Workspace, example: dict[str, Any]) -> None:
    ws.records.import_data(example)
    changed = copy.deepcopy(example)
    changed["help"][0]["items"][1]["value_vnd"] = 9_000_000
    result = ws.records.import_data(changed)
    assert (result.counts["help"].updated, result.counts["supporters"].unchanged) == (1, 1)
    [h] = ws.help.list()
    assert h.items[1].value_vnd == 9_000_000 and h.record_id == "h-2019-road"
    with ws.db.read() as s:
        actions = list(s.scalars(select(m.AuditEntry.action).where(m.AuditEntry.entity == "help")))
    assert actions == ["records.import", "records.import"]


def test_every_bad_input_is_listed_and_nothing_changes(ws: Workspace, example: dict[str, Any]) -> None:
    set_language("en")
    bad = copy.deepcopy(example)
    help0 = bad["help"][0]
    help0["items"][0]["quantity"] = -40_000_000
    help0["items"][1]["value_vnd"] = 12.5
    help0["supporters"] = ["so-noi-vu", "khong-co"]
    bad["help"].append(
        {"id": "h2", "date": "2020-01-01", "supporters": ["so-noi-vu"], "title": "Quà", "items": []}
    )
    bad["help"].append(
        {
            "id": "h3",
            "date": "2020-02-30",
            "supporters": ["so-noi-vu"],
            "titel": "x",
            "items": [{"kind": "gift", "quantity": "10", "unit": "suất"}],
        }
    )
    bad["assessments"].append({"id": "a3", "year": 2024, "indicator": "99.9", "value": 1})
    bad["events"] = [{"id": "e1", "date": "2023-01-01", "title": "Hội nghị", "participants": -3}]
    found = problems(ws, bad)
    assert sorted(found) == sorted(
        [
            "assessments[2].indicator: Unknown indicator 99.9 in the set vn-ntm-xa-2021-2025",
            f"help[0].supporters[1]: unknown supporter id “khong-co”: {NOWHERE}",
            "help[0].items[0].quantity: must be a number ≥ 0",
            "help[0].items[1].value_vnd: must be a whole number of đồng ≥ 0, or empty",
            "help[1].items: needs at least one item",
            "help[2].title: is required",
            "help[2].titel: unknown field (check the spelling)",
            "help[2].date: 2020-02-30 is no real day: month 2/2020 has 29 days",
            "help[2].items[0].quantity: must be a number ≥ 0",
            "events[0].participants: must be a whole number ≥ 0",
        ]
    )
    records = [p.split(".")[0] for p in found]
    assert records == sorted(
        records, key=["assessments[2]", "help[0]", "help[1]", "help[2]", "events[0]"].index
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["help"][0]["items"][0].update(quantity=-1),
            "help[0].items[0].quantity: must be a number ≥ 0",
        ),
        (
            lambda d: d["help"][0]["items"][0].update(quantity=40_000_000.5),
            "help[0].items[0].quantity: must be a whole number of đồng",
        ),
        (
            lambda d: d["help"][0]["items"][2].update(value_vnd=1.5),
            "help[0].items[2].value_vnd: must be a whole number of đồng ≥ 0, or empty",
        ),
        (
            lambda d: d["help"][0].update(supporters=["so-tai-chinh"]),
            f"help[0].supporters[0]: unknown supporter id “so-tai-chinh”: {NOWHERE}",
        ),
        (lambda d: d["help"][0].update(items=[]), "help[0].items: needs at least one item"),
        (lambda d: d["help"][0].pop("title"), "help[0].title: is required"),
        (lambda d: d["help"][0].pop("date"), "help[0].date: is required"),
        (
            lambda d: d["supporters"][0].update(nane="x"),
            "supporters[0].nane: unknown field (check the spelling)",
        ),
        (lambda d: d.update(extra=1), "extra: unknown field (check the spelling)"),
        (
            lambda d: d["assignments"][0].update(supporter="ghost"),
            f"assignments[0].supporter: unknown supporter id “ghost”: {NOWHERE}",
        ),
        (
            lambda d: d["assessments"][0].update(value=150),
            "assessments[0].value: A percentage must be from 0 to 100",
        ),
        (
            lambda d: d["assessments"][0].update(criterion="3"),
            "assessments[0].indicator: give either an indicator or a criterion",
        ),
        (
            lambda d: d.update(criteria_set="vn-ntm-xa-1990"),
            "criteria_set: unknown criteria set “vn-ntm-xa-1990”",
        ),
        (
            lambda d: d["supporters"].append(dict(d["supporters"][0])),
            "supporters[1].id: the id “so-noi-vu” is used twice (also at Supporter no. 1)",
        ),
        (
            lambda d: d["unit"].update(code="1234"),
            "unit.code: The unit code must be exactly 5 digits, like 01234",
        ),
        (
            lambda d: d.update(version=2),
            "version: the file was made by a newer version of the app; update the app",
        ),
        (lambda d: d.update(format="something"), "format: this is not a records file (format “ntm-records”)"),
    ],
)
def test_one_bad_input_one_clear_message(
    blank_ws: Workspace, example: dict[str, Any], change: Any, expected: str
) -> None:
    set_language("en")
    bad = copy.deepcopy(example)
    change(bad)
    found = problems(blank_ws, bad)
    assert len(found) == 1 and found[0].startswith(expected), found
    assert not blank_ws.unit.has_home()


def test_a_file_for_another_commune_is_refused_naming_both(ws: Workspace, example: dict[str, Any]) -> None:
    set_language("en")
    other = copy.deepcopy(example)
    other["unit"].update(code="05678", name="Xã Cao Tân")
    assert problems(ws, other) == [
        "unit.code: This file is for commune 05678 (Xã Cao Tân), but this data file holds "
        "Xã Bằng Thành (01234). Nothing was imported."
    ]


def test_nfd_text_imports_the_same_as_nfc(ws: Workspace, example: dict[str, Any]) -> None:
    nfd = json.loads(unicodedata.normalize("NFD", json.dumps(example, ensure_ascii=False)))
    padded = copy.deepcopy(nfd)
    padded["help"][0]["title"] = "  " + padded["help"][0]["title"] + "\t"
    ws.records.import_data(padded)
    [h] = ws.help.list()
    assert h.title == example["help"][0]["title"] and unicodedata.is_normalized("NFC", h.title)
    assert ws.supporters.list()[0].name == "Sở Nội vụ tỉnh Bắc Kạn"
    result = ws.records.import_data(example)
    assert result.changed == 0


def test_references_resolve_to_records_already_in_the_workspace(
    ws: Workspace, example: dict[str, Any]
) -> None:
    ws.records.import_data(example)
    later = {
        "format": "ntm-records",
        "version": 1,
        "unit": example["unit"],
        "help": [
            {
                "id": "h-2020",
                "date": "2020-05-01",
                "supporters": ["so-noi-vu"],
                "title": "Tặng quà",
                "items": [{"kind": "gift", "quantity": 10, "unit": "suất"}],
            }
        ],
    }
    result = ws.records.import_data(later)
    assert result.counts["help"].created == 1
    [gift] = ws.help.list(HelpFilter(2020))
    assert gift.supporter_names == ("Sở Nội vụ tỉnh Bắc Kạn",) and gift.items[0].name == "Quà"


def test_assessment_matched_by_what_it_assesses(ws: Workspace, example: dict[str, Any]) -> None:
    ws.progress.record(2023, indicator="3.1", value="70")
    result = ws.records.import_data(example)
    assert result.counts["assessments"].updated == 1 and result.counts["assessments"].created == 1
    assert len([a for a in ws.progress.assessments(2023) if a.indicator == "3.1"]) == 1


def test_unreadable_files(ws: Workspace, tmp_path: Path) -> None:
    set_language("en")
    with pytest.raises(NotFound):
        ws.records.import_file(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "ntm-records",', encoding="utf-8")
    with pytest.raises(InvalidInput, match="is not valid JSON: line 1"):
        ws.records.import_file(broken)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"x": "Bằng"}'.encode("utf-16"))
    with pytest.raises(InvalidInput, match="UTF-8"):
        ws.records.import_file(latin)
