"""Backups as an officer uses them: one file on the USB stick, checked; a preview before restoring; the
current file kept first; automatic copies that rotate; a damaged data file that is refused, not opened."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ntm_desktop.backups import auto, health, service
from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.sync.keys.pairs import KeyFileError
from ntm_desktop.workspace import Workspace
from tests.helpers.dbstate import dump
from tests.helpers.pictures import seal_png, signature_png
from tests.helpers.sync import commune, help_record, receiver, supporter, trust
from tests.helpers.units import SAMPLE_UNIT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A commune's data file with a supporter, two help records and one evidence file (closed)."""
    path = tmp_path / "xa" / "ntm.sqlite"
    ws = Workspace.open(path)
    ws.unit.setup(SAMPLE_UNIT)
    sup = supporter(ws, "Sở Nội vụ")
    uid = help_record(ws, "Bê tông hóa đường thôn Pác Châm", sup)
    help_record(ws, "Điện chiếu sáng thôn Nà Lần", sup, 25_000_000)
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban nghiem thu")
    ws.help.attach_evidence(uid, [scan])
    ws.sync.keys.show()  # the device key exists from now on
    ws.close()
    return path


def test_the_pictures_of_signature_and_seal_are_not_counted_as_evidence(filled: Path, tmp_path: Path) -> None:
    """A help record's scans are the evidence an officer knows of; the signature and seal pictures are
    stored beside them but are not evidence of anything (a backup said "3 evidence files" for one scan)."""
    ws = Workspace.open(filled)
    ws.signing.set_signature_image(signature_png(tmp_path / "ky.png"), "Nguyễn Văn A")
    ws.signing.set_seal_image(seal_png(tmp_path / "dau.png"))
    ws.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    made = service.create(filled, usb)
    for shown in (service.preview(made.path), service.preview(filled)):
        assert shown.evidence_files == 1
        assert service.describe(shown).endswith(", 0 hoạt động, 1 tệp minh chứng."), service.describe(shown)
    assert len(zipfile.ZipFile(made.path).namelist()) >= 4  # the pictures are in the backup all the same


def test_a_backup_file_restores_everything_on_a_new_laptop(filled: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    made = service.create(filled, usb)
    assert made.path.name.startswith("ntm-sao-luu-xa-01234-") and made.path.suffix == ".ntmbackup"
    assert [p.name for p in usb.iterdir()] == [made.path.name]  # no temporary file left

    shown = service.preview(made.path)
    assert (shown.unit_code, shown.counts["help"], shown.counts["supporters"], shown.evidence_files) == (
        "01234",
        2,
        1,
        1,
    )
    new_laptop = tmp_path / "may-moi" / "ntm.sqlite"
    assert service.restore(made.path, new_laptop) is None  # nothing to keep there
    with Workspace.open(new_laptop) as ws:
        titles = sorted(h.title for h in ws.help.list())
        assert titles == ["Bê tông hóa đường thôn Pác Châm", "Điện chiếu sáng thôn Nà Lần"]
        (with_file,) = [h for h in ws.help.list() if ws.help.evidence(h.uid)]
        (evidence,) = ws.help.evidence(with_file.uid)
        assert ws.evidence.path_for(evidence.sha256).read_bytes() == b"%PDF-1.4 bien ban nghiem thu"
        with Workspace.open(filled) as old:
            assert ws.device_id != old.device_id  # a new stream for the receiver


def test_restoring_keeps_the_current_file_first(filled: Path, tmp_path: Path) -> None:
    made = service.create(filled, tmp_path)
    with Workspace.open(filled) as ws:  # typed after the backup: in the WAL, then in the file
        help_record(ws, "Nhập sau khi sao lưu", ws.supporters.list()[0].uid)
        assert len(ws.help.list()) == 3
    kept = service.restore(made.path, filled)
    assert kept is not None and kept.parent.name == "before-restore"
    with Workspace.open(filled) as ws:
        assert len(ws.help.list()) == 2
    with Workspace.open(kept) as ws:
        assert len(ws.help.list()) == 3  # nothing is lost: the replaced file is there


def test_restoring_continues_as_a_new_device_the_receiver_accepts(tmp_path: Path) -> None:
    """Bundles sent after the backup are not known to the restored file; its next bundle must not reuse
    their numbers: the new device starts its own sequence, and the receiver reports no gap."""
    c, p = commune(tmp_path), receiver(tmp_path)
    trust(c, p)
    trust(p, c)
    usb = tmp_path / "usb"
    usb.mkdir()
    sup = supporter(c, "Sở Nội vụ")
    p.sync.import_bundles([c.sync.export(usb).path])
    made = service.create(c.path, tmp_path)
    help_record(c, "Gửi sau khi sao lưu", sup)
    assert p.sync.import_bundles([c.sync.export(usb).path]).outcomes[0].status == "imported"
    c.close()
    service.restore(made.path, c.path)
    with Workspace.open(c.path) as restored:
        help_record(restored, "Nhập lại sau khi khôi phục", restored.supporters.list()[0].uid)
        again = restored.sync.export(usb)
        assert again.sequence == 1
    report = p.sync.import_bundles([again.path])
    assert report.outcomes[0].status == "imported" and report.gaps == ()
    p.close()


def test_the_device_key_travels_only_encrypted_and_only_when_asked(filled: Path, tmp_path: Path) -> None:
    plain = service.create(filled, tmp_path)
    assert not service.preview(plain.path).has_key
    with_key = service.create(filled, tmp_path, key_passphrase="mat-khau-dai")
    with zipfile.ZipFile(with_key.path) as zf:
        pem = zf.read("device-key.pem")
    assert b"ENCRYPTED PRIVATE KEY" in pem
    with Workspace.open(filled) as ws:
        fingerprint = ws.sync.keys.show().fingerprint
    new_laptop = tmp_path / "may-moi" / "ntm.sqlite"
    with pytest.raises(KeyFileError, match="Mật khẩu của khóa thiết bị không đúng"):
        service.restore(with_key.path, new_laptop, "sai-mat-khau")
    assert not new_laptop.exists()
    service.restore(with_key.path, new_laptop, "mat-khau-dai")
    with Workspace.open(new_laptop) as ws:
        assert ws.sync.keys.show().fingerprint == fingerprint


def test_a_damaged_backup_is_refused_and_nothing_changes(filled: Path, tmp_path: Path) -> None:
    made = service.create(filled, tmp_path)
    data = bytearray(made.path.read_bytes())
    with zipfile.ZipFile(made.path) as zf:
        offset = zf.getinfo("ntm.sqlite").header_offset + 200
    data[offset : offset + 64] = bytes(64)
    made.path.write_bytes(bytes(data))
    before = dump(filled)
    with pytest.raises(InvalidInput, match=made.path.name):
        service.restore(made.path, filled)
    assert dump(filled) == before


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        # a missing file was "not a backup file, or damaged": the officer looks for damage, not for the file
        ("khong-co.ntmbackup", None, "Lỗi: Không có tệp sao lưu {path}\n"),
        # an empty file or a PDF chosen by mistake: said once, never in SQLite's English ("no such table")
        ("rong.sqlite", b"", "Lỗi: {path} không phải tệp dữ liệu NTM Desktop.\n"),
        ("bao-cao.pdf", b"%PDF-1.4 " + bytes(200), "Lỗi: {path} không phải tệp dữ liệu NTM Desktop.\n"),
    ],
)
def test_restoring_from_the_wrong_file_says_what_is_wrong_with_it(
    filled: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    said: str,
) -> None:
    chosen = tmp_path / name
    if content is not None:
        chosen.write_bytes(content)
    before = dump(filled)
    code, _, err = run(capsys, "--db", str(filled), "backup", "restore", str(chosen), "--yes")
    assert code in (3, 4) and err == said.format(path=chosen)
    assert dump(filled) == before


def test_a_backup_of_another_commune_never_replaces_this_one(filled: Path, tmp_path: Path) -> None:
    other = commune(tmp_path, "xa-khac", profile=SAMPLE_UNIT.__class__(code="05678", name="Xã Khác",
                                                                      province_code="19"))  # fmt: skip
    other.close()
    made = service.create(other.path, tmp_path)
    before = dump(filled)
    with pytest.raises(Conflict, match="05678"):
        service.restore(made.path, filled)
    assert dump(filled) == before


def test_automatic_copies_keep_a_week_of_days_and_a_month_of_weeks(filled: Path) -> None:
    migration = filled.parent / "backups" / "ntm-20260101T000000Z-0001.sqlite"
    migration.parent.mkdir(parents=True, exist_ok=True)
    migration.write_bytes(b"kept by its own rule")
    start = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    for hours in range(0, 24 * 60, 10):  # a copy every 10 hours for 60 days
        auto.auto_backup(filled, now=start - timedelta(hours=hours))
    kept = [t for t, _ in auto.copies(auto.auto_folder(filled), "ntm")]
    days = {(t + auto.VIETNAM).date() for t in kept}
    assert len(kept) <= 11 and len(days) == len(kept)
    newest_days = sorted(days, reverse=True)[:7]
    assert newest_days == [(start + auto.VIETNAM).date() - timedelta(days=n) for n in range(7)]
    weeks = {d.isocalendar()[:2] for d in days}
    assert len(weeks) == 4 and min(days) < (start + auto.VIETNAM).date() - timedelta(days=14)
    assert migration.read_bytes() == b"kept by its own rule"


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096 : page * 4096 + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def test_a_damaged_data_file_is_refused_with_the_latest_backup_offered(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = auto.auto_backup(filled)
    _damage(filled)
    before = filled.read_bytes()
    with pytest.raises(health.DamagedDataFile) as caught:
        Workspace.open(filled)
    assert caught.value.latest == copy
    code, _, err = run(capsys, "--db", str(filled), "unit")
    assert code == 4 and "bị hỏng" in err and str(copy) in err
    assert filled.read_bytes() == before
    code, _, _ = run(capsys, "--db", str(filled), "backup", "restore", str(copy), "--yes")
    assert code == 0
    with Workspace.open(filled) as ws:
        assert len(ws.help.list()) == 2


def test_backup_from_the_command_line(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(filled)
    code, _, err = run(capsys, "--db", db, "backup", "create", "--out", str(tmp_path / "khong-co"))
    assert code == 3 and "không tồn tại" in err
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, _ = run(capsys, "--db", db, "backup", "create", "--out", str(usb))
    assert code == 0 and "2 khoản hỗ trợ" in out
    made = Path(out.splitlines()[0])
    before = dump(filled)
    code, out, _ = run(capsys, "--db", db, "backup", "restore", str(made))
    assert code == 0 and "Xã Bằng Thành (01234)" in out and "2 khoản hỗ trợ" in out and "--yes" in out
    assert dump(filled) == before  # the preview writes nothing
    code, out, _ = run(capsys, "--lang", "en", "--db", db, "backup", "restore", str(made))
    assert code == 0 and "2 records of help, 1 supporter, 0 cadres, 0 events, 1 evidence file." in out
    code, out, _ = run(capsys, "--db", db, "backup", "restore", str(made), "--json")
    assert json.loads(out)["counts"]["help"] == 2
    auto.auto_backup(filled)
    code, out, _ = run(capsys, "--db", db, "backup", "list")
    assert code == 0 and "tự động" in out


def test_backups_kept_in_a_folder_of_ones_own_are_listed(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup written to a folder of the officer's choosing is listed afterwards without naming it;
    a folder the app has never written to is named with --dir; a mistyped --dir is said, not ignored."""
    db = str(filled)
    kept = tmp_path / "Sao lưu NTM"
    kept.mkdir()
    code, out, _ = run(capsys, "--db", db, "backup", "create", "--out", str(kept))
    made = Path(out.splitlines()[0])
    assert code == 0 and made.parent == kept
    code, out, _ = run(capsys, "--db", db, "backup", "list")
    assert code == 0 and str(made) in out and "tệp sao lưu" in out
    code, out, _ = run(capsys, "--db", db, "backup", "list", "--json")
    assert [b["path"] for b in json.loads(out)] == [str(made)]  # listed once

    copied = tmp_path / "o-dia-ngoai"
    copied.mkdir()
    other = shutil.copy2(made, copied / made.name)
    code, out, _ = run(capsys, "--db", db, "backup", "list")
    assert str(other) not in out
    code, out, _ = run(capsys, "--db", db, "backup", "list", "--dir", str(copied))
    assert code == 0 and str(other) in out and str(made) in out
    code, _, err = run(capsys, "--db", db, "backup", "list", "--dir", str(tmp_path / "khong-co"))
    assert code == 3 and "Không có thư mục" in err and "khong-co" in err


@pytest.mark.parametrize(
    "argv", [["create", "--out", "usb"], ["list"], ["restore", "sao-luu.ntmbackup", "--yes"]], ids=str
)
def test_an_office_on_a_database_server_is_pointed_to_pg_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """Not 'Unexpected error: a database server URL is not a data file path' (and nothing is touched:
    the address need not even answer)."""
    monkeypatch.chdir(tmp_path)
    code = main(["--db", "postgresql+psycopg://ntm_tinh@10.0.0.5/ntm_tinh", "backup", *argv])
    err = capsys.readouterr().err
    assert (
        code == 3
        and err
        == "Lỗi: Máy chủ cơ sở dữ liệu của văn phòng được sao lưu bằng pg_dump (xem docs/postgresql.md).\n"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []
