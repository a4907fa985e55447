"""Every refused bundle says why in words an officer understands, and leaves the data file untouched."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ntm_desktop.sync.bundle.container import BundleFields, BundleKind, Receiver, write_bundle
from ntm_desktop.sync.keys.pairs import generate_private_key
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import (
    OTHER,
    commune,
    help_record,
    integrity_ok,
    pair,
    receiver,
    row_counts,
    supporter,
    trust,
    usb,
)

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["pair", "usb"]  # fixtures


def _refused(p: Workspace, path: Path, **kwargs: bool) -> tuple[str, str]:
    """Import ``path`` and check that nothing at all was written; returns (reason, message)."""
    before = row_counts(p)
    report = p.sync.import_bundles([path], **kwargs)
    [outcome] = report.outcomes
    assert outcome.status == "rejected"
    assert row_counts(p) == before
    assert integrity_ok(p)
    return outcome.reason, outcome.message


@pytest.fixture
def bundle(pair: tuple[Workspace, Workspace], usb: Path) -> Path:
    c, _ = pair
    sup = supporter(c, "Sở Nội vụ tỉnh Bắc Kạn")
    for n in range(3):
        help_record(c, f"Bê tông hóa đường thôn số {n}", sup)
    return c.sync.export(usb).path


def _rewrite(path: Path, change: Callable[[str, bytes], bytes]) -> Path:
    target = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info.filename)))
    return target


def test_a_tampered_byte_is_refused(pair: tuple[Workspace, Workspace], bundle: Path) -> None:
    _, p = pair

    def tamper(name: str, data: bytes) -> bytes:
        return data.replace(b"40000000", b"90000000") if name == "records.json" else data

    reason, message = _refused(p, _rewrite(bundle, tamper))
    assert reason == "damaged-member"
    assert "đã bị sửa đổi hoặc bị hỏng" in message


def test_a_truncated_bundle_is_refused(pair: tuple[Workspace, Workspace], bundle: Path) -> None:
    _, p = pair
    cut = bundle.with_name("cut.ntmsync")
    cut.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    reason, message = _refused(p, cut)
    assert reason == "not-a-bundle"
    assert "chép chưa hết" in message


def test_an_unknown_key_is_refused_unless_trusted_on_first_use(tmp_path: Path, usb: Path) -> None:
    c, p = commune(tmp_path), receiver(tmp_path)
    help_record(c, "Tặng quà", supporter(c, "Tỉnh đoàn"))
    path = c.sync.export(usb).path

    reason, message = _refused(p, path)
    assert reason == "unknown-key"
    assert message.startswith("Chưa có khóa nào của xã Bằng Thành (01234).")
    assert c.sync.identity.fingerprint() in message

    report = p.sync.import_bundles([path], trust_on_first_use=True)
    assert report.outcomes[0].status == "imported"
    assert [k.how for k in p.sync.keys.known()] == ["first-use"]


def test_a_known_commune_with_another_key_is_refused_even_on_first_use(
    tmp_path: Path, pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    _, p = pair
    impostor = commune(tmp_path, "impostor")  # same commune code, another computer not confirmed
    help_record(impostor, "Hỗ trợ xây nhà Đại đoàn kết", supporter(impostor, "Công ty TNHH"))
    path = impostor.sync.export(usb).path

    reason, message = _refused(p, path, trust_on_first_use=True)
    assert reason == "key-mismatch"
    assert message.startswith("Cảnh báo: xã Bằng Thành (01234) đã ký gói này bằng một khóa khác")


def test_a_bundle_for_another_receiver_is_refused(tmp_path: Path, usb: Path) -> None:
    c = commune(tmp_path)
    other_province = receiver(tmp_path, "hanoi", code="01")
    trust(c, other_province)
    help_record(c, "Lắp đặt đèn chiếu sáng", supporter(c, "Công ty Điện lực"))
    reason, message = _refused(other_province, c.sync.export(usb).path)
    assert reason == "wrong-receiver"
    assert message == (
        "Gói này gửi cho tỉnh Thái Nguyên (19), không phải cho đơn vị này — thành phố Hà Nội (01). "
        "Gói đã bị từ chối; không có gì được nhập."
    )


def test_another_communes_bundle_is_refused_by_a_commune(tmp_path: Path, usb: Path) -> None:
    a, b = commune(tmp_path, "a"), commune(tmp_path, "b", OTHER)
    trust(b, a)
    help_record(b, "Sửa chữa nhà văn hóa", supporter(b, "Ban Dân vận"))
    reason, message = _refused(a, b.sync.export(usb).path)
    assert reason == "wrong-unit"
    assert message.startswith(
        "Gói này chứa dữ liệu của xã Quân Bình (05678); dữ liệu này là của xã Bằng Thành (01234)."
    )


def test_a_bundle_from_a_newer_version_is_refused(pair: tuple[Workspace, Workspace], bundle: Path) -> None:
    _, p = pair

    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["format_version"] = 2
        return json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()

    reason, message = _refused(p, _rewrite(bundle, newer))
    assert reason == "future-version"
    assert "phiên bản NTM Desktop mới hơn" in message


def test_records_that_fail_the_checks_are_refused_with_their_paths(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    key = c.sync.identity.private_key()
    version = c.sync.next_version()
    sync = {"_version": version, "_origin": c.device_id, "_deleted": False}
    payload = {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": "01234", "name": "Xã Bằng Thành", "province_code": "19"},
        "supporters": [{"id": "s1", "name": "Sở Nội vụ", **sync}],
        "help": [
            {
                "id": "h1",
                "date": "2025-03-08",
                "supporters": ["s1", "s-unknown"],
                "title": "Tặng quà",
                "items": [{"kind": "cash", "quantity": -5, "unit": "đồng"}],
                **sync,
            }
        ],
    }
    fields = BundleFields(
        BundleKind.RECORDS, "01234", c.device_id, 1, 1, receiver=Receiver("19", "VP tỉnh Thái Nguyên")
    )
    path = write_bundle(usb, fields, payload, {}, key)

    reason, message = _refused(p, path)
    assert reason == "invalid-records"
    assert "Khoản hỗ trợ thứ 1 · Đơn vị hỗ trợ thứ 2" in message
    assert "Khoản hỗ trợ thứ 1 · Dòng 1 · Số lượng" in message


def test_a_receipt_is_not_imported_as_a_bundle(
    pair: tuple[Workspace, Workspace], bundle: Path, usb: Path
) -> None:
    c, p = pair
    p.sync.import_bundles([bundle])
    [receipt] = p.sync.export_receipt(usb)
    before = row_counts(c)
    report = c.sync.import_bundles([receipt.path])
    assert report.outcomes[0].reason == "wrong-kind"
    assert "receipt import" in report.outcomes[0].message
    assert row_counts(c) == before


def test_a_signature_by_a_stranger_on_a_copied_bundle_is_refused(
    pair: tuple[Workspace, Workspace], bundle: Path, usb: Path
) -> None:
    c, p = pair
    stranger = generate_private_key()
    fields = BundleFields(BundleKind.RECORDS, "01234", c.device_id, 9, 1, receiver=Receiver("19", ""))
    payload = {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": "01234", "name": "X", "province_code": "19"},
    }
    forged = write_bundle(usb, fields, payload, {}, stranger)
    shutil.copy(forged, usb / "forged.ntmsync")
    reason, _ = _refused(p, usb / "forged.ntmsync")
    assert reason == "key-mismatch"
