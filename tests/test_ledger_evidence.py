"""Evidence files on help records: attach, list and detach through the service and the CLI, a bad
path refused with a clear message and nothing changed, and the files travelling in a sync bundle."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import help_record, pair, supporter, usb
from tests.helpers.ui_help import road_draft

__all__ = ["pair", "usb"]  # fixtures


def photo(folder: Path, name: str = "ban-giao-duong.jpg", body: bytes = b"\xff\xd8 anh ban giao") -> Path:
    path = folder / name
    path.write_bytes(body * 40)
    return path


def audit_count(ws: Workspace) -> int:
    with ws.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(m.AuditEntry)) or 0)


def test_attach_list_detach_with_a_version_and_an_audit_row_each(ws: Workspace, tmp_path: Path) -> None:
    uid = ws.help.add(road_draft(supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn"))).ids[0]
    version, audits = ws.help.get(uid).version, audit_count(ws)
    first = photo(tmp_path)

    changes = ws.help.attach_evidence(uid, [first])

    assert changes.ids == (uid,)
    [file] = ws.help.evidence(uid)
    assert file.filename == first.name and file.path.read_bytes() == first.read_bytes()
    assert ws.help.get(uid).version != version and audit_count(ws) == audits + 1
    ws.help.attach_evidence(uid, [first])  # the same file again: still one
    assert len(ws.help.evidence(uid)) == 1

    version = ws.help.get(uid).version
    assert ws.help.detach_evidence(uid, file.sha256).ids == (uid,)
    assert ws.help.evidence(uid) == [] and ws.help.get(uid).version != version
    assert file.path.exists()  # soft: the stored file stays
    assert not ws.help.detach_evidence(uid, file.sha256).ids  # nothing left to detach
    with ws.db.read() as s:
        actions = list(s.scalars(select(m.AuditEntry.action).where(m.AuditEntry.entity_uid == uid)))
    assert actions.count("help.evidence.attach") == 2 and actions.count("help.evidence.detach") == 1


def test_add_with_evidence_is_one_transaction(ws: Workspace, tmp_path: Path) -> None:
    draft = road_draft(supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn"))
    uid = ws.help.add(draft, evidence=[photo(tmp_path), photo(tmp_path, "bien-ban.pdf", b"%PDF")]).ids[0]
    assert sorted(f.filename for f in ws.help.evidence(uid)) == ["ban-giao-duong.jpg", "bien-ban.pdf"]

    with pytest.raises(InvalidInput) as refused:
        ws.help.add(draft, evidence=[tmp_path / "khong-co.jpg"])
    assert "khong-co.jpg" in refused.value.message and "chưa đính kèm" in refused.value.message
    assert ws.help.count() == 1  # the record was not saved either


def test_editing_a_record_and_its_files_is_one_transaction(ws: Workspace, tmp_path: Path) -> None:
    draft = road_draft(supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn"))
    uid = ws.help.add(draft, evidence=[photo(tmp_path)]).ids[0]
    [old] = ws.help.evidence(uid)
    version, audits = ws.help.get(uid).version, audit_count(ws)
    renamed = replace(draft, title="Bê tông hóa đường vào trường (đợt 2)")

    with pytest.raises(InvalidInput):  # one file cannot be read: neither the text nor the files change
        ws.help.update(uid, renamed, evidence_add=[tmp_path / "mat-roi.jpg"], evidence_remove={old.sha256})
    assert ws.help.get(uid).title == draft.title and ws.help.get(uid).version == version
    assert [f.sha256 for f in ws.help.evidence(uid)] == [old.sha256] and audit_count(ws) == audits

    changes = ws.help.update(
        uid, renamed, evidence_add=[photo(tmp_path, "bien-ban.pdf", b"%PDF")], evidence_remove={old.sha256}
    )
    assert changes.ids == (uid,) and changes.action == "help.update"
    assert ws.help.get(uid).title == renamed.title
    assert [f.filename for f in ws.help.evidence(uid)] == ["bien-ban.pdf"]
    assert not ws.help.update(uid, renamed).ids  # nothing differs: nothing written


def test_a_bad_path_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    uid = ws.help.add(road_draft(supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn"))).ids[0]
    version, audits = ws.help.get(uid).version, audit_count(ws)
    with pytest.raises(InvalidInput) as refused:
        ws.help.attach_evidence(uid, [photo(tmp_path), tmp_path / "mat-roi.jpg"])
    assert refused.value.problems[0].path == "evidence"
    assert "mat-roi.jpg" in refused.value.message
    assert ws.help.evidence(uid) == []
    assert ws.help.get(uid).version == version and audit_count(ws) == audits
    with pytest.raises(InvalidInput):
        ws.help.attach_evidence(uid, [tmp_path])  # a folder is not a file
    with pytest.raises(NotFound):
        ws.help.evidence("no-such-record")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_with_evidence_then_list_and_attach_more(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn")
    db = str(ws.path)
    ws.close()
    add = ["help", "add", "--db", db, "--date", "2019-12-10", "--supporter", "Sở Nội vụ tỉnh Bắc Kạn"]
    add += ["--title", "Bê tông hóa đường", "--item", "cash;;40.000.000"]
    code, out, err = run(capsys, *add, "--evidence", str(photo(tmp_path)))
    assert code == 0, err
    code, out, _ = run(capsys, "help", "list", "--db", db, "--json")
    [record] = json.loads(out)
    record_id = record["id"]
    code, out, _ = run(capsys, "help", "list", "--db", db)  # "mã bản ghi (như ho-tro list hiển thị)"
    assert out.splitlines()[0].split()[:2] == ["Mã", "Ngày"] and out.splitlines()[2].startswith(record_id)

    code, out, err = run(capsys, "help", "evidence", "--db", db, record_id, "--json")
    assert code == 0, err
    assert [f["name"] for f in json.loads(out)] == ["ban-giao-duong.jpg"]

    scan = photo(tmp_path, "bien-ban.pdf", b"%PDF-1.4")
    code, out, err = run(capsys, "help", "evidence", "--db", db, record_id, "--add", str(scan))
    assert code == 0, err
    assert "Đã đính kèm 1 tệp." in out and "bien-ban.pdf" in out and "ban-giao-duong.jpg" in out

    code, out, err = run(capsys, "help", "evidence", "--db", db, record_id, "--add", str(tmp_path / "x.jpg"))
    assert code != 0 and "x.jpg" in err and "Traceback" not in err
    code, out, _ = run(capsys, "help", "evidence", "--db", db, record_id, "--json")
    assert len(json.loads(out)) == 2  # nothing changed

    code, _, err = run(capsys, *add, "--allow-duplicate", "--evidence", str(tmp_path / "x.jpg"))
    assert code != 0 and "x.jpg" in err
    code, out, _ = run(capsys, "help", "list", "--db", db, "--json")
    assert len(json.loads(out)) == 1  # the record with a bad file was not saved

    code, _, err = run(capsys, "help", "evidence", "--db", db, "khong-co")
    assert code != 0 and "khong-co" in err


def test_cli_evidence_sizes_are_written_the_vietnamese_way(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uid = ws.help.add(road_draft(supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn"))).ids[0]
    db = str(ws.path)
    ws.close()
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4" + b"0" * 178_337)  # 178.345 bytes

    code, out, err = run(capsys, "help", "evidence", "--db", db, uid, "--add", str(scan))

    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("bien-ban.pdf"))
    assert "178.345" in row, out  # was "178345"


def test_help_evidence_travels_in_the_bundle(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    uid = help_record(c, "Tặng xi măng làm đường", supporter(c, "Công ty Điện lực Bắc Kạn"))
    first = c.sync.export(usb)
    p.sync.import_bundles([first.path])
    picture = photo(tmp_path)

    c.help.attach_evidence(uid, [picture])  # attached after the record was already sent
    bundle = c.sync.export(usb)
    assert bundle.files == 1
    p.sync.import_bundles([bundle.path])

    with p.db.read() as s:
        link = s.scalar(select(m.EvidenceLink).where(m.EvidenceLink.deleted_at.is_(None)))
        assert link is not None
        received = s.get(m.Help, link.owner_uid)
        assert received is not None and received.title == "Tặng xi măng làm đường"
        assert (link.owner_kind, link.filename) == ("help", picture.name)
    assert p.evidence.path_for(link.sha256).read_bytes() == picture.read_bytes()

    c.help.detach_evidence(uid, link.sha256)  # and a detach travels too
    p.sync.import_bundles([c.sync.export(usb).path])
    with p.db.read() as s:
        assert s.scalar(select(m.EvidenceLink).where(m.EvidenceLink.deleted_at.is_(None))) is None
