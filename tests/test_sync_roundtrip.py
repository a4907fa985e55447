"""A commune's records travel to the province and a receipt comes back, as officers do it with a USB stick."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from ntm_desktop.db import models as m
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.sync.keys.clock import parse_version
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import (
    COMMUNE,
    OTHER,
    commune,
    help_record,
    integrity_ok,
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


def _records(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as zf:
        return dict(json.loads(zf.read("records.json")))


def test_round_trip_commune_receiver_receipt_leaves_the_next_bundle_empty(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    sup = supporter(c, "Sở Nội vụ tỉnh Bắc Kạn")
    help_record(c, "Bê tông hóa đường vào trường Tiểu học Bằng Thành II", sup)
    c.progress.record(2023, indicator="2.1", value="85", note="Theo số liệu thống kê")
    assert c.sync.pending_count() == 3
    assert c.sync.pending_text() == "3 thay đổi chưa được xác nhận"

    first = c.sync.export(usb)
    assert first.path.name.startswith("ntm-xa-01234-gui-tinh-19-") and first.sequence == 1
    assert first.counts["help"] == 1 and first.counts["assessments"] == 1 and first.counts["supporters"] == 1

    report = p.sync.import_bundles([first.path])
    assert [o.status for o in report.outcomes] == ["imported"]
    assert report.outcomes[0].counts["help"].created == 1
    assert snapshot(p, "01234") == snapshot(c, "01234")
    with p.db.read() as s:
        unit = s.scalar(select(m.Unit).where(m.Unit.code == "01234"))
        assert unit is not None and not unit.is_home and unit.name == "Xã Bằng Thành"

    [receipt] = p.sync.export_receipt(usb)
    result = c.sync.import_receipt(receipt.path)
    assert result.acknowledged == 3 and result.pending == 0
    assert c.sync.pending_count() == 0

    second = c.sync.export(usb)
    assert second.records == 0 and second.sequence == 2
    assert _records(second.path)["help"] == []

    c.supporters.update(sup, SupporterDraft("Sở Nội vụ tỉnh Thái Nguyên"))
    third = c.sync.export(usb)
    assert third.counts["supporters"] == 1 and third.records == 1
    p.sync.import_bundles([second.path, third.path])
    assert snapshot(p, "01234") == snapshot(c, "01234")
    assert p.sync.gaps() == []


def test_importing_a_bundle_twice_changes_nothing(pair: tuple[Workspace, Workspace], usb: Path) -> None:
    c, p = pair
    help_record(c, "Tặng quà cho học sinh", supporter(c, "Tỉnh đoàn Bắc Kạn"))
    bundle = c.sync.export(usb)
    p.sync.import_bundles([bundle.path])
    before = row_counts(p)
    shown = snapshot(p, "01234")

    again = p.sync.import_bundles([bundle.path])

    assert again.outcomes[0].status == "already-imported"
    assert again.outcomes[0].message == "đã nhập trước đó; không có gì thay đổi"
    assert row_counts(p) == before
    assert snapshot(p, "01234") == shown
    assert p.sync.inspect(bundle.path).already_imported


def test_two_communes_in_either_order_end_the_same(tmp_path: Path, usb: Path) -> None:
    a, b = commune(tmp_path, "a", COMMUNE), commune(tmp_path, "b", OTHER)
    help_record(a, "Xây dựng cổng chào thôn Nà Phầy", supporter(a, "Ban Dân vận Tỉnh ủy"))
    a.progress.record(2024, indicator="2.1", value="90")
    help_record(b, "Sửa chữa nhà văn hóa", supporter(b, "Công ty Điện lực"))
    bundles = [a.sync.export(usb).path, b.sync.export(usb).path]
    p1, p2 = receiver(tmp_path, "p1"), receiver(tmp_path, "p2")
    for ws in (a, b):
        trust(ws, p1)
        trust(ws, p2)

    p1.sync.import_bundles(bundles)
    for path in reversed(bundles):
        p2.sync.import_bundles([path])

    for code in ("01234", "05678"):
        assert snapshot(p1, code) == snapshot(p2, code)
    assert snapshot(p1, "01234") == snapshot(a, "01234")
    assert snapshot(p1, "05678") == snapshot(b, "05678")


def test_edits_and_removals_travel_and_an_older_version_never_overwrites_a_newer(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    sup = supporter(c, "Hội Liên hiệp Phụ nữ tỉnh")
    uid = help_record(c, "Khám bệnh, cấp thuốc miễn phí", sup)
    old = c.sync.export(usb)
    c.help.remove(uid)
    new = c.sync.export(usb)

    p.sync.import_bundles([new.path])
    report = p.sync.import_bundles([old.path])  # arrives late: it must not bring the record back

    assert report.outcomes[0].counts["help"].unchanged == 1
    assert p.help.list() == []  # the receiver has no home commune: nothing is listed as its own
    assert snapshot(p, "01234") == snapshot(c, "01234")
    with p.db.read() as s:
        row = s.scalar(select(m.Help).where(m.Help.unit_code == "01234"))
        assert row is not None and row.deleted_at is not None


def test_a_gap_in_the_sequence_is_reported_and_later_bundles_still_import(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    sup = supporter(c, "Bộ Chỉ huy Quân sự tỉnh")
    bundles = []
    for n in range(5):
        help_record(c, f"Ra quân tổng vệ sinh lần {n + 1}", sup)
        bundles.append(c.sync.export(usb).path)

    report = p.sync.import_bundles([bundles[0], bundles[1], bundles[2], bundles[4]])

    assert all(o.status == "imported" for o in report.outcomes)
    assert [g.sequence for g in report.gaps] == [4]
    assert report.gaps[0].text() == "Gói số 4 của xã Bằng Thành (01234) chưa được nhập"
    preview = p.sync.inspect(bundles[3])
    assert preview.gaps == () and preview.can_import


def test_evidence_files_travel_by_their_hash(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    scan = tmp_path / "bien-ban-nghiem-thu.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban nghiem thu cong trinh\n" * 50)
    c.progress.record(2023, indicator="2.1", value="85", evidence=[scan])
    bundle = c.sync.export(usb)
    assert bundle.files == 1

    p.sync.import_bundles([bundle.path])

    with p.db.read() as s:
        link = s.scalar(select(m.EvidenceLink))
        assert link is not None and link.filename == scan.name
    assert p.evidence.path_for(link.sha256).read_bytes() == scan.read_bytes()


def test_versions_never_go_backwards_across_a_restart(tmp_path: Path) -> None:
    ws = commune(tmp_path)
    path = ws.path
    sup = supporter(ws, "Ngân hàng Chính sách xã hội tỉnh")
    last = ws.supporters.get(sup).version
    ws.close()
    # the computer's clock is now set a year back
    reopened = Workspace.open(path)
    reopened.sync.identity.clock()._wall = lambda: parse_version(last).millis - 365 * 86_400_000
    reopened.supporters.update(sup, SupporterDraft("Ngân hàng Chính sách xã hội tỉnh Thái Nguyên"))
    assert reopened.supporters.get(sup).version > last
    reopened.close()


def test_a_receiver_keeps_its_own_unit_for_receipts_and_integrity_holds(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    help_record(c, "Hỗ trợ giống cây trồng", supporter(c, "Sở Nông nghiệp và Môi trường"))
    p.sync.import_bundles([c.sync.export(usb).path])
    [receipt] = p.sync.export_receipt(usb, for_unit="01234")
    assert receipt.path.name.startswith("ntm-tinh-19-bien-nhan-xa-01234-")
    assert [(e.direction, e.kind) for e in p.sync.log()] == [("sent", "receipt"), ("received", "records")]
    assert [(e.direction, e.sequence, e.counts["help"]) for e in c.sync.log()] == [("sent", 1, 1)]
    assert integrity_ok(p) and integrity_ok(c)


def test_the_receiver_follows_the_communes_newest_profile(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    supporter(c, "Sở Nội vụ")
    old = c.sync.export(usb)
    c.unit.setup(replace(COMMUNE, name="Xã Bằng Thành (mới)", villages=("Nà Phầy", "Pác Châm")))
    new = c.sync.export(usb, full=True)
    assert (old.sequence, new.sequence) == (1, 2)

    p.sync.import_bundles([new.path])
    p.sync.import_bundles([old.path])

    with p.db.read() as s:
        unit = s.scalar(select(m.Unit).where(m.Unit.code == "01234"))
        assert (
            unit is not None
            and unit.name == "Xã Bằng Thành (mới)"
            and unit.villages == ["Nà Phầy", "Pác Châm"]
        )


def test_bundles_import_in_their_senders_order_whatever_their_file_names(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    """Names from older versions (ntm-01234-20261121-0001) and files a clerk renamed still import, in
    the order of the sequence their manifests carry, so no gap is reported."""
    c, p = pair
    sup = supporter(c, "Sở Nội vụ")
    first = c.sync.export(usb).path
    help_record(c, "Đường vào trường", sup)
    second = c.sync.export(usb).path
    old_style = first.rename(usb / "ntm-01234-20261121-0001.ntmsync")
    renamed = second.rename(usb / "a-gui-tinh.ntmsync")  # sorts before the first by name
    report = p.sync.import_bundles([old_style, renamed][::-1])
    assert [(o.path.name, o.status) for o in report.outcomes] == [
        (old_style.name, "imported"),
        (renamed.name, "imported"),
    ]
    assert report.gaps == ()
    assert snapshot(p, "01234") == snapshot(c, "01234")
