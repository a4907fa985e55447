"""From the province back to a commune: its thresholds, its correction requests, its resolutions."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.core.errors import NotFound
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import (
    OTHER,
    commune,
    help_record,
    pair,
    receiver,
    row_counts,
    snapshot,
    supporter,
    trust,
    usb,
)

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["pair", "usb"]  # fixtures

SET = "vn-ntm-xa-2021-2025"


def test_thresholds_and_correction_requests_reach_the_commune(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    help_uid = help_record(c, "Bê tông hóa đường vào thôn Nà Phầy", supporter(c, "Sở Nội vụ"))
    help_id = c.help.get(help_uid).record_id
    p.sync.import_bundles([c.sync.export(usb).path])
    p.criteria.set_threshold(SET, "2.1", "TDMNPB", "80")
    request = p.sync.request_correction("01234", "help", help_id, "Thiếu giá trị quy ra tiền của ngày công")
    assert [r.status for r in p.sync.corrections()] == ["open"]

    bundle = p.sync.export_reverse(usb, "01234")
    assert (
        bundle.kind == "reverse" and bundle.counts["criteria_sets"] == 1 and bundle.counts["corrections"] == 1
    )
    before = c.criteria.get(SET).revision

    report = c.sync.import_bundles([bundle.path])

    assert report.outcomes[0].status == "imported", report.outcomes[0].message
    assert (
        report.outcomes[0].counts["criteria_sets"].created
        + report.outcomes[0].counts["criteria_sets"].updated
        == 1
    )
    stored = c.criteria.get(SET)
    assert stored.revision == before + 1
    indicator = stored.find_indicator("2.1")
    assert indicator is not None and indicator.threshold.by_region
    [received] = c.sync.corrections()
    assert (received.id, received.kind, received.record_id) == (request.id, "help", help_id)
    assert received.reason == "Thiếu giá trị quy ra tiền của ngày công" and received.status == "open"

    again = p.sync.export_reverse(usb, "01234")
    counts = c.sync.import_bundles([again.path]).outcomes[0].counts
    assert counts["criteria_sets"].unchanged == 1 and counts["corrections"].unchanged == 1
    assert c.criteria.get(SET).revision == before + 1

    c.sync.close_correction(received.id)
    assert [r.status for r in c.sync.corrections()] == ["done"]


def test_a_conflict_resolved_at_the_province_goes_back_to_the_commune(tmp_path: Path, usb: Path) -> None:
    a, b = commune(tmp_path, "a"), commune(tmp_path, "b")
    p = receiver(tmp_path, "p")
    for x, y in ((a, b), (a, p), (b, p), (p, a)):
        trust(x, y)
    uid = supporter(a, "Sở Nội vụ")
    b.sync.import_bundles([a.sync.export(usb).path])
    rid = a.supporters.get(uid).record_id
    a.supporters.update(uid, SupporterDraft("Tên do máy A sửa"))
    [on_b] = b.supporters.list()
    b.supporters.update(on_b.uid, SupporterDraft("Tên do máy B sửa"))
    p.sync.import_bundles([a.sync.export(usb).path, b.sync.export(usb).path])
    [conflict] = p.sync.conflicts()
    keep = "local" if conflict.local.doc and conflict.local.doc["name"] == "Tên do máy B sửa" else "incoming"
    p.sync.resolve(conflict.id, keep=keep)

    a.sync.import_bundles([p.sync.export_reverse(usb, "01234").path])

    assert a.supporters.get(uid).name == "Tên do máy B sửa"
    assert snapshot(a, "01234")[f"supporters/{rid}"] == snapshot(p, "01234")[f"supporters/{rid}"]


def test_reverse_bundles_only_go_to_the_commune_they_are_for(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    p.sync.import_bundles([c.sync.export(usb).path])
    bundle = p.sync.export_reverse(usb, "01234")
    other = commune(tmp_path, "other", OTHER)
    trust(p, other)
    before = row_counts(other)
    [outcome] = other.sync.import_bundles([bundle.path]).outcomes
    assert outcome.reason == "wrong-receiver"
    assert row_counts(other) == before
    with pytest.raises(NotFound):
        p.sync.request_correction("01234", "help", "no-such-record", "?")
