"""Keeping the office key safe: a backup kept offline, restored into a new or damaged office database, and
a new passphrase, all without a new key, so the communes never have to trust again and every clerk's
certificate keeps verifying. A wrong passphrase, a damaged or foreign file changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.db import models as m
from ntm_desktop.sync.errors import KeyFileError
from ntm_desktop.sync.keys import office_store as store
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import commune, receiver, trust, usb

__all__ = ["usb"]  # fixture

SECRET = "mật khẩu văn phòng 19"
FILE_PASS = "mật khẩu tệp sao lưu"
NEW = "mật khẩu mới năm 2026"
HA = "Nguyễn Thị Hà"


def _office(tmp_path: Path, usb: Path, name: str = "province") -> tuple[Workspace, Workspace]:
    """A one-laptop province office with an office key that certified this laptop, and a commune that
    trusts only the office key (read by phone once)."""
    c, p = commune(tmp_path), receiver(tmp_path, name)
    trust(c, p)
    p.sync.import_bundles([c.sync.export(usb).path])
    p.sync.office.create(SECRET)
    p.sync.office.certify(SECRET, HA)
    p.sync.office.export(tmp_path / "office.ntmkey")
    c.sync.keys.trust(tmp_path / "office.ntmkey")
    assert [k.how for k in c.sync.keys.known()] == ["office"]
    return c, p


def _takes_reverse(c: Workspace, p: Workspace, usb: Path) -> str:
    [outcome] = c.sync.import_bundles([p.sync.export_reverse(usb, "01234").path]).outcomes
    return f"{outcome.status}: {outcome.message}"


def _key_row(ws: Workspace) -> dict[str, Any] | None:
    with ws.db.read() as s:
        return store.office_key_row(s)


def _audits(ws: Workspace, action: str) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).where(m.AuditEntry.action == action)) or 0


def test_a_backup_restored_into_a_new_office_database_is_the_same_key_the_communes_trust(
    tmp_path: Path, usb: Path
) -> None:
    c, p = _office(tmp_path, usb)
    made = p.sync.office.show()
    assert made is not None
    (tmp_path / "safe").mkdir()
    kept = p.sync.office.backup(SECRET, tmp_path / "safe" / "khoa-van-phong-19.pem", FILE_PASS)
    text = kept.read_text(encoding="utf-8")
    assert "BEGIN ENCRYPTED PRIVATE KEY" in text and made.fingerprint in text
    assert not list(kept.parent.glob(".*.tmp"))  # written under a temporary name, then renamed
    assert _audits(p, "sync.office.backup") == 1

    fresh = receiver(tmp_path, "new-laptop")  # the old laptop died: a new, empty office database
    trust(c, fresh)
    fresh.sync.import_bundles([c.sync.export(usb).path])
    restored, _ = fresh.sync.office.restore(kept, FILE_PASS, NEW)
    assert restored.fingerprint == made.fingerprint and restored.unit_code == "19"
    assert _audits(fresh, "sync.office.restore") == 1
    with pytest.raises(KeyFileError, match="không đúng"):
        fresh.sync.office.certify(FILE_PASS, HA)  # kept from now on with the new passphrase
    fresh.sync.office.certify(NEW, HA)
    assert _takes_reverse(c, fresh, usb).startswith("imported")  # the commune did not trust again
    for ws in (c, p, fresh):
        ws.close()


def test_a_backup_needs_the_office_passphrase_and_never_overwrites_a_file(tmp_path: Path, usb: Path) -> None:
    c, p = _office(tmp_path, usb)
    out = tmp_path / "khoa.pem"
    with pytest.raises(KeyFileError, match="không đúng"):
        p.sync.office.backup("sai mật khẩu", out, FILE_PASS)
    with pytest.raises(InvalidInput, match="ít nhất 8"):
        p.sync.office.backup(SECRET, out, "ngắn")
    assert not out.exists() and _audits(p, "sync.office.backup") == 0
    out.write_text("ảnh chụp quý giá", encoding="utf-8")
    with pytest.raises(InvalidInput, match="đã có"):
        p.sync.office.backup(SECRET, out, FILE_PASS)
    assert out.read_text(encoding="utf-8") == "ảnh chụp quý giá"
    c.close()
    p.close()


def test_a_wrong_passphrase_a_damaged_or_foreign_file_or_another_key_is_refused_and_changes_nothing(
    tmp_path: Path, usb: Path
) -> None:
    c, p = _office(tmp_path, usb)
    kept = p.sync.office.backup(SECRET, tmp_path / "khoa.pem", FILE_PASS)
    other = receiver(tmp_path, "other-office")
    other.sync.office.create("khóa khác của văn phòng")
    before, audits = _key_row(other), _audits(other, "sync.office.restore")

    with pytest.raises(KeyFileError, match="khóa của văn phòng này"):
        other.sync.office.restore(kept, FILE_PASS, NEW)  # another key: the communes trust the other one
    with pytest.raises(KeyFileError, match="Mật khẩu của tệp sao lưu không đúng"):
        other.sync.office.restore(kept, "sai mật khẩu", NEW)
    lines = kept.read_text(encoding="utf-8").splitlines()
    body = next(i for i, line in enumerate(lines) if "BEGIN" in line) + 2
    lines[body] = lines[body][:10] + ("A" if lines[body][10] != "A" else "B") + lines[body][11:]
    tampered = tmp_path / "tampered.pem"
    tampered.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KeyFileError, match="hỏng"):
        other.sync.office.restore(tampered, FILE_PASS, NEW)
    with pytest.raises(KeyFileError, match="không phải bản sao lưu khóa văn phòng"):
        other.sync.office.restore(tmp_path / "office.ntmkey", FILE_PASS, NEW)
    foreign = tmp_path / "tinh-20.pem"
    foreign.write_text(kept.read_text(encoding="utf-8").replace("Unit: 19", "Unit: 20"), encoding="utf-8")
    with pytest.raises(KeyFileError, match="đơn vị 20"):
        other.sync.office.restore(foreign, FILE_PASS, NEW)
    assert _key_row(other) == before and _audits(other, "sync.office.restore") == audits

    p.sync.office.restore(kept, FILE_PASS, NEW)  # a damaged key row of its own office: put back
    p.sync.office.certify(NEW, HA)
    assert _takes_reverse(c, p, usb).startswith("imported")
    for ws in (c, p, other):
        ws.close()


def test_a_new_passphrase_keeps_the_key_and_the_clerks_certified_before_still_verify(
    tmp_path: Path, usb: Path
) -> None:
    c, p = _office(tmp_path, usb)
    before = _key_row(p)
    with pytest.raises(KeyFileError, match="không đúng"):
        p.sync.office.change_passphrase("sai mật khẩu", NEW)
    with pytest.raises(InvalidInput, match="ít nhất 8"):
        p.sync.office.change_passphrase(SECRET, "ngắn")
    assert _key_row(p) == before and _audits(p, "sync.office.passphrase") == 0

    info, _ = p.sync.office.change_passphrase(SECRET, NEW)
    assert before is not None and info.fingerprint == before["fingerprint"]
    assert _audits(p, "sync.office.passphrase") == 1
    with pytest.raises(KeyFileError, match="không đúng"):
        p.sync.office.certify(SECRET, HA)
    assert _takes_reverse(c, p, usb).startswith("imported")  # certified before the change: still valid
    p.sync.office.certify(NEW, HA)
    assert _takes_reverse(c, p, usb).startswith("imported")
    c.close()
    p.close()


def test_a_revocation_after_a_restore_into_a_new_database_still_reaches_the_communes(
    tmp_path: Path, usb: Path
) -> None:
    """The communes keep the newest revocation list they saw (by number); a new database restarting at 1
    would be ignored by them, so the first list after a restore is numbered above any of the old one's."""
    c, p = _office(tmp_path, usb)
    clerk = receiver(tmp_path, "clerk-binh")
    clerk.sync.keys.export(tmp_path / "binh.ntmkey")
    p.sync.office.certify(SECRET, "Trần Văn Bình", tmp_path / "binh.ntmkey")
    p.sync.office.revoke(SECRET, clerk.device_id)
    p.sync.office.certify(SECRET, "Trần Văn Bình", tmp_path / "binh.ntmkey")
    p.sync.office.revoke(SECRET, clerk.device_id)
    assert _takes_reverse(c, p, usb).startswith("imported")
    made = p.sync.office.show()
    assert made is not None
    key = store.kept_revocations_key(made.fingerprint)
    with c.db.read() as s:
        kept = store.revocations_row(s, key)
    assert kept is not None and kept.number == 2

    fresh = receiver(tmp_path, "new-laptop")
    trust(c, fresh)
    fresh.sync.import_bundles([c.sync.export(usb).path])
    fresh.sync.office.restore(p.sync.office.backup(SECRET, tmp_path / "k.pem", FILE_PASS), FILE_PASS, NEW)
    fresh.sync.office.certify(NEW, HA)
    fresh.sync.office.certify(NEW, "Trần Văn Bình", tmp_path / "binh.ntmkey")
    fresh.sync.office.revoke(NEW, clerk.device_id)
    assert _takes_reverse(c, fresh, usb).startswith("imported")
    with c.db.read() as s:
        now_kept = store.revocations_row(s, key)
    assert now_kept is not None and now_kept.number > 2  # the new list replaced the old one
    for ws in (c, p, clerk, fresh):
        ws.close()
