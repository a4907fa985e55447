"""Records format 1.1 (docs/compatibility.md): help records' ``funding_source`` and the ``narratives`` list
are optional additions. A file states the lowest version that reads it: a commune that uses neither still
writes version 1 byte for byte (an older province reads it strictly, as before); one that does writes
"1.1", which an older province reads with those fields set aside. The narratives reach the province."""

from __future__ import annotations

import copy
from pathlib import Path

from ntm_desktop.core.compat import FormatVersion, reading
from ntm_desktop.workspace import Workspace
from tests.helpers.records_example import EXAMPLE
from tests.helpers.sync import help_record, pair, supporter, usb

__all__ = ["pair", "usb"]  # fixtures

TEXT = "Đến ngày 31/12/2025, xã không có nợ đọng xây dựng cơ bản."


def test_an_export_without_the_new_fields_is_still_version_1(blank_ws: Workspace) -> None:
    blank_ws.records.import_data(copy.deepcopy(EXAMPLE))
    exported = blank_ws.records.export()
    assert exported["version"] == 1 and "narratives" not in exported
    assert all("funding_source" not in h for h in exported["help"])


def test_a_narrative_or_a_funding_source_makes_it_1_1_and_reads_back(
    blank_ws: Workspace, ws: Workspace
) -> None:
    ws.narratives.write(2025, "debt", TEXT)
    exported = ws.records.export()
    assert exported["version"] == "1.1"
    assert [(n["year"], n["section"], n["text"]) for n in exported["narratives"]] == [(2025, "debt", TEXT)]

    blank_ws.records.import_data(exported)
    assert blank_ws.narratives.for_year(2025)["debt"].text == TEXT
    assert blank_ws.records.export()["narratives"] == exported["narratives"]


def test_an_older_reader_sets_the_new_fields_aside_instead_of_refusing() -> None:
    older = reading("1.1", FormatVersion(1, 0))
    assert older is not None and older.lenient and not older.unreadable
    assert older.unknown("help[0].funding_source", "community")  # set aside, not an error


def test_the_province_receives_the_commune_s_narratives(pair: tuple[Workspace, Workspace], usb: Path) -> None:
    c, p = pair
    help_record(c, "Bê tông hóa đường thôn Nà Phầy", supporter(c, "Sở Nội vụ tỉnh Bắc Kạn"))
    c.narratives.write(2025, "proposals", "Đề nghị tỉnh hỗ trợ kinh phí làm đường.")
    [outcome] = p.sync.import_bundles([c.sync.export(usb).path]).outcomes
    assert outcome.status == "imported" and outcome.counts["narratives"].created == 1
    code = c.unit.home().code
    assert (
        p.narratives.for_year(2025, unit_code=code)["proposals"].text
        == "Đề nghị tỉnh hỗ trợ kinh phí làm đường."
    )

    c.narratives.clear(2025, "proposals")  # removed at the commune: removed at the province
    [outcome] = p.sync.import_bundles([c.sync.export(usb).path]).outcomes
    assert outcome.status == "imported"
    assert p.narratives.for_year(2025, unit_code=code) == {}
