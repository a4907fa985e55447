"""A commune's laptop is lost: the province writes a recovery bundle, a new laptop is set up from it and
carries on under the same unit; the lost laptop's key is refused from then on."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.units import Officer
from ntm_desktop.workspace import Workspace
from tests.helpers.dbstate import dump
from tests.helpers.sync import COMMUNE, commune, help_record, receiver, snapshot, supporter, trust

PROFILE = replace(
    COMMUNE,
    villages=("Nà Phầy", "Pác Châm"),
    receiving_unit_name="Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên",
    officers=(
        Officer("Hoàng Văn Minh", "Chủ tịch UBND xã", "TM", True),
        Officer("Nông Thị Thảo", "Công chức Văn phòng - Thống kê"),
    ),
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path, Path, str]:
    """The province holding the commune's records, and the lost laptop's data file; returns
    (province file, lost laptop file, usb folder, the help record's id)."""
    c, p = commune(tmp_path, profile=PROFILE), receiver(tmp_path)
    trust(c, p)
    trust(p, c)
    usb = tmp_path / "usb"
    usb.mkdir()
    sup = supporter(c, "Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên")
    uid = help_record(c, "Bê tông hóa đường thôn Pác Châm", sup)
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban nghiem thu duong Pac Cham")
    c.help.attach_evidence(uid, [scan])
    c.progress.record(2025, indicator="3.1", value="90")
    c.progress.set_target(criterion="6", target_year=2027, plan="Xây nhà văn hóa thôn Pác Châm")
    assert p.sync.import_bundles([c.sync.export(usb).path]).outcomes[0].status == "imported"
    paths = (p.path, c.path, usb, c.help.get(uid).record_id)
    c.close()
    p.close()
    return paths


def test_a_lost_laptop_is_recovered_from_the_province(
    office: tuple[Path, Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    province, lost, usb, record_id = office
    code, out, _ = run(capsys, "--db", str(province), "bundle", "export", "--recovery-for", "01234",
                       "--out", str(usb), "--json")  # fmt: skip
    assert code == 0
    bundle = Path(json.loads(out)["path"])
    assert bundle.name.startswith("ntm-tinh-19-khoi-phuc-xa-01234-")

    new = tmp_path / "may-moi" / "ntm.sqlite"
    code, out, _ = run(capsys, "--db", str(new), "init", "--from-bundle", str(bundle))
    assert code == 0 and "Xã Bằng Thành (01234)" in out and "keys export" in out
    with Workspace.open(new) as ws:
        p = ws.unit.home()
        assert (p.region, p.group, p.villages) == ("TDMNPB", 3, ("Nà Phầy", "Pác Châm"))
        assert p.receiving_unit_name == "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"
        assert [(o.name, o.is_signer) for o in p.officers] == [
            ("Hoàng Văn Minh", True),
            ("Nông Thị Thảo", False),
        ]
        (record,) = ws.help.list()
        assert record.record_id == record_id and record.title == "Bê tông hóa đường thôn Pác Châm"
        (evidence,) = ws.help.evidence(record.uid)
        assert ws.evidence.path_for(evidence.sha256).read_bytes().endswith(b"duong Pac Cham")
        assert ws.progress.plans("vn-ntm-xa-2026-2030") == {"6": "Xây nhà văn hóa thôn Pác Châm"}
        assert ws.sync.pending_count() == 0  # what the province sent back, it already holds
        with Workspace.open(lost) as old:
            assert ws.device_id != old.device_id

    # The lost laptop's key was revoked when the recovery bundle was made.
    with Workspace.open(lost) as old:
        help_record(old, "Gửi từ máy bị mất", old.supporters.list()[0].uid)
        stolen = old.sync.export(usb).path
    code, _, err = run(capsys, "--db", str(province), "bundle", "import", str(stolen), "--trust-on-first-use")
    assert code == 3 and "thu hồi" in err

    # The new laptop's first bundle: refused until its key is trusted (read over the phone), then taken in.
    with Workspace.open(new) as ws:
        help_record(ws, "Nhập trên máy mới", ws.supporters.list()[0].uid)
        first = ws.sync.export(usb).path
        card = ws.sync.keys.export(tmp_path / "khoa-moi.ntmkey")
    code, _, err = run(capsys, "--db", str(province), "bundle", "import", str(first), "--trust-on-first-use")
    assert code == 3
    assert run(capsys, "--db", str(province), "keys", "trust", str(card))[0] == 0
    code, out, _ = run(capsys, "--db", str(province), "bundle", "import", str(first), "--json")
    assert code == 0 and json.loads(out)["gaps"] == []
    with Workspace.open(province) as p, Workspace.open(new) as ws:
        assert snapshot(p, "01234") == snapshot(ws, "01234")  # the province holds what the new laptop has


def test_recovery_refuses_a_data_file_that_already_has_a_unit(
    office: tuple[Path, Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    province, lost, usb, _ = office
    _, out, _ = run(capsys, "--db", str(province), "bundle", "export", "--recovery-for", "01234",
                    "--out", str(usb), "--json")  # fmt: skip
    before = dump(lost)
    code, _, err = run(capsys, "--db", str(lost), "init", "--from-bundle", json.loads(out)["path"])
    assert code == 3 and "01234" in err
    assert dump(lost) == before


def test_the_clerk_is_told_the_commune_s_old_keys_are_revoked(
    office: tuple[Path, Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    province, _, usb, _ = office
    code, out, err = run(capsys, "--db", str(province), "bundle", "export", "--recovery-for", "01234",
                         "--out", str(usb))  # fmt: skip
    assert code == 0 and "khoi-phuc-xa-01234" in out
    assert "Đã thu hồi các khóa của xã Bằng Thành (01234)" in err, err  # it happened without a word
    assert "keys trust" in err  # and the new laptop's key is trusted after the phone call


def test_keys_revoke_refuses_the_key_from_then_on(
    office: tuple[Path, Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    province, lost, usb, _ = office
    with Workspace.open(lost) as c:
        fingerprint = c.sync.keys.show().fingerprint
        help_record(c, "Thêm một khoản", c.supporters.list()[0].uid)
        later = c.sync.export(usb).path
    assert run(capsys, "--db", str(province), "keys", "revoke", fingerprint)[0] == 0
    code, _, err = run(capsys, "--db", str(province), "bundle", "import", str(later))
    assert code == 3 and fingerprint in err
    code, _, err = run(capsys, "--db", str(province), "keys", "revoke", "0000-0000-0000-0000")
    assert code == 3
