"""``bundle inspect`` says what inspecting does: it imports nothing, so a refusal is one that importing
would meet (not "nothing was imported"), and a bundle a province sends back to a commune is named as the
province's, sent to that commune (not as if the commune had made it). Import says what became of the
bundle, through the same words (``sync.labels.refused_text``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.sync import commune, receiver, trust

NOTHING_IMPORTED = "không có gì được nhập"


@pytest.fixture
def sent_back(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace, Path]]:
    """A commune, its province (each trusting the other) and a bundle the province sent back to it."""
    c, p = commune(tmp_path), receiver(tmp_path)
    trust(c, p)
    trust(p, c)
    usb = tmp_path / "usb"
    usb.mkdir()
    p.sync.import_bundles([c.sync.export(usb).path])
    yield c, p, p.sync.export_reverse(usb, "01234").path
    c.close()
    p.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_bundle_sent_back_is_named_as_the_provinces_sent_to_the_commune(
    sent_back: tuple[Workspace, Workspace, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    c, _, bundle = sent_back
    code, out, _ = run(capsys, "--db", location(c), "bundle", "inspect", str(bundle))
    heading = out.splitlines()[0]
    assert code == 0, out
    assert heading.startswith("Gói số 1 do tỉnh Thái Nguyên (19) gửi cho xã Bằng Thành (01234), tạo lúc "), (
        heading
    )
    code, out, _ = run(capsys, "--lang", "en", "--db", location(c), "bundle", "inspect", str(bundle))
    assert out.startswith(
        "Bundle number 1 from tỉnh Thái Nguyên (19), sent to xã Bằng Thành (01234), made "
    ), out
    code, out, _ = run(capsys, "--db", location(c), "bundle", "inspect", str(bundle), "--json")
    preview = json.loads(out)
    assert preview["sender"]["unit"] == "19" and preview["sender"]["name"] == ""  # not the commune's name
    assert (preview["receiver"], preview["receiver_name"]) == ("01234", "Xã Bằng Thành")


def test_a_revoked_key_is_refused_by_inspect_without_saying_nothing_was_imported(
    sent_back: tuple[Workspace, Workspace, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    c, p, bundle = sent_back
    c.sync.keys.revoke(p.sync.keys.show().fingerprint)  # the province's laptop was lost
    code, out, err = run(capsys, "--db", location(c), "bundle", "inspect", str(bundle))
    assert code == 3
    [refusal] = [line for line in out.splitlines() if "đã bị thu hồi" in line]
    assert refusal.startswith("Gói sẽ bị từ chối: Gói này được ký bằng khóa "), out
    assert "khóa đã bị thu hồi đối với tỉnh Thái Nguyên (19) vì máy bị mất hoặc đã thay" in refusal, refusal
    # what to do, and no word of an import that did not run
    assert refusal.endswith(
        "Nếu tỉnh Thái Nguyên (19) dùng máy tính mới, hãy gọi điện đối chiếu dấu vân tay của khóa mới và tin "
        "cậy tệp khóa mới của đơn vị."
    ), refusal
    code, out, _ = run(capsys, "--db", location(c), "bundle", "inspect", str(bundle), "--json")
    assert json.loads(out)["sender"]["trust"] == "revoked-key"  # not "key-mismatch"
    code, out, _ = run(capsys, "--lang", "en", "--db", location(c), "bundle", "inspect", str(bundle))
    assert "which was revoked for tỉnh Thái Nguyên (19) because its computer was lost or replaced" in out, out
    assert "If tỉnh Thái Nguyên (19) works on a new computer, confirm the new key's fingerprint" in out, out
    code, _, err = run(capsys, "--db", location(c), "bundle", "import", str(bundle))
    assert code == 3 and "đã bị thu hồi" in err and "Gói đã bị từ chối; không có gì được nhập." in err, err


def test_an_uncertified_office_computer_is_refused_by_inspect_as_import_would_refuse_it(
    sent_back: tuple[Workspace, Workspace, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The office key says no (``office_trust``): the clerk's computer was never certified by it."""
    _, p, _ = sent_back
    p.sync.office.create("mật khẩu văn phòng 19")
    p.sync.office.export(tmp_path / "van-phong.ntmkey")
    other = commune(tmp_path, "xa-khac")  # trusts only the office key
    try:
        other.sync.keys.trust(tmp_path / "van-phong.ntmkey")
        with monkeypatch.context() as patched:  # a bundle written by a version that did not check
            patched.setattr(SyncContext, "require_certified", lambda self: None)
            patched.setattr(SyncContext, "office_proof", lambda self, s: None)
            bundle = str(p.sync.export_reverse(tmp_path / "usb", "01234").path)
        code, out, err = run(capsys, "--db", location(other), "bundle", "inspect", bundle)
        assert code == 3
        [refusal] = [line for line in out.splitlines() if "keys office certify" in line]
        assert refusal.startswith("Gói sẽ bị từ chối: Gói này được ký bằng máy tính "), out
        assert refusal.endswith("rồi gửi lại gói."), refusal
        assert NOTHING_IMPORTED not in out + err
        code, _, err = run(capsys, "--db", location(other), "bundle", "import", bundle)
        assert code == 3 and "keys office certify" in err
        assert "rồi gửi lại gói. Gói đã bị từ chối; không có gì được nhập." in err, err
    finally:
        other.close()
