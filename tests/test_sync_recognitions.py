"""The province's recognition decisions travel back to the commune in the reverse bundle: the commune keeps
them as the province entered them, a withdrawal travels too (the newest version wins, an older bundle found
again changes nothing), a reverse bundle without any stays readable by older apps (version 1), and one of
an older app without the list still imports."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ntm_desktop.cli.main import main
from ntm_desktop.db import models as m
from ntm_desktop.recovery import recover
from ntm_desktop.workspace import Workspace
from tests.helpers.bundles import resign
from tests.helpers.sync import help_record, pair, supporter, usb

pytestmark = pytest.mark.usefixtures("engine")  # the province on SQLite and on PostgreSQL

__all__ = ["pair", "usb"]  # fixtures

YEAR = 2025
DAY = date(2025, 12, 20)


def approved_year(c: Workspace, p: Workspace, usb: Path) -> None:
    for code in ("3", "17", "19"):
        c.progress.record(YEAR, criterion=code, met=True)
    help_record(c, "Bê tông hóa đường vào thôn Nà Phầy", supporter(c, "Sở Nội vụ"))
    p.sync.import_bundles([c.sync.export(usb).path])
    p.receiver.set_status("01234", YEAR, "reviewed")
    p.receiver.set_status("01234", YEAR, "approved")


def records_of(bundle: Path) -> dict:
    with zipfile.ZipFile(bundle) as zf:
        return json.loads(zf.read("records.json"))


def test_a_recognition_reaches_the_commune_as_the_province_entered_it(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    approved_year(c, p, usb)
    p.receiver.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    bundle = p.sync.export_reverse(usb, "01234")
    assert bundle.counts["recognitions"] == 1
    sent = records_of(bundle.path)
    assert sent["version"] == "1.2"  # the list is new in records 1.2: an older app sets it aside
    assert {k: sent["recognitions"][0][k] for k in ("id", "level", "decision", "date", "withdrawn")} == {
        "id": "2025/ntm", "level": "ntm", "decision": "123/QĐ-UBND", "date": "2025-12-20", "withdrawn": False
    }  # fmt: skip

    outcome = c.sync.import_bundles([bundle.path]).outcomes[0]

    assert outcome.status == "imported", outcome.message
    assert outcome.counts["recognitions"].created == 1
    assert "Quyết định công nhận" in outcome.text()
    [held] = c.sync.recognitions()
    assert (held.year, held.level, held.decision, held.decided_on, held.decided_by, held.withdrawn) == (
        YEAR, "ntm", "123/QĐ-UBND", DAY, "19", False
    )  # fmt: skip
    again = c.sync.import_bundles([p.sync.export_reverse(usb, "01234").path]).outcomes[0]
    assert again.counts["recognitions"].unchanged == 1


def test_the_commune_s_command_line_shows_the_answer_and_the_recognition(
    pair: tuple[Workspace, Workspace], usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, p = pair
    approved_year(c, p, usb)
    p.receiver.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    c.sync.import_bundles([p.sync.export_reverse(usb, "01234").path])
    capsys.readouterr()

    assert main(["--db", str(c.path), "progress", "show", "--year", "2025", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["recognitions"] == [
        {"level": "ntm", "decision": "123/QĐ-UBND", "date": "2025-12-20", "decided_by": "19"}
    ]
    assert shown["answer"]["status"] == "approved" and shown["answer"]["receiver_code"] == "19"
    # when the province decided, in Vietnam time as every other time the app prints ("+00:00Z" was
    # not ISO 8601 and no JSON reader took it)
    decided = datetime.fromisoformat(shown["answer"]["decided_at"])
    assert decided.utcoffset() == timedelta(hours=7), shown["answer"]["decided_at"]
    assert main(["--db", str(c.path), "progress", "show", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Xã đạt chuẩn nông thôn mới năm 2025 — Quyết định số 123/QĐ-UBND ngày 20/12/2025" in out
    assert main(["--db", str(c.path), "progress", "show", "--year", "2024", "--json"]) == 0
    other = json.loads(capsys.readouterr().out)
    assert (other["answer"], other["recognitions"]) == (None, [])


def test_a_withdrawal_travels_and_an_older_bundle_found_again_changes_nothing(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    approved_year(c, p, usb)
    p.receiver.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    (tmp_path / "old").mkdir()
    older = p.sync.export_reverse(tmp_path / "old", "01234")
    c.sync.import_bundles([older.path])
    p.receiver.withdraw_recognition("01234", YEAR, "ntm", reason="Ghi nhầm xã")
    newer = p.sync.export_reverse(usb, "01234")

    outcome = c.sync.import_bundles([newer.path]).outcomes[0]

    assert outcome.counts["recognitions"].updated == 1
    [held] = c.sync.recognitions()
    assert (held.decision, held.withdrawn, held.reason) == ("123/QĐ-UBND", True, "Ghi nhầm xã")
    c.sync.import_bundles([older.path])  # the old file found again on the USB stick
    [held] = c.sync.recognitions()
    assert held.withdrawn
    with c.db.read() as s:  # the history keeps both steps
        audited = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "sync.recognition")).all()
    assert len(audited) == 2


def test_a_reverse_bundle_without_recognitions_stays_version_1(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    approved_year(c, p, usb)
    bundle = p.sync.export_reverse(usb, "01234")
    sent = records_of(bundle.path)
    assert sent["version"] == 1 and "recognitions" not in sent
    assert c.sync.import_bundles([bundle.path]).outcomes[0].status == "imported"
    assert c.sync.recognitions() == []


def test_a_wrong_recognition_is_refused_naming_it_and_nothing_is_taken_in(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    approved_year(c, p, usb)
    p.receiver.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    bundle = p.sync.export_reverse(usb, "01234")
    with zipfile.ZipFile(bundle.path) as zf:
        items = [(i.filename, zf.read(i)) for i in zf.infolist()]
    records = json.loads(dict(items)["records.json"])
    records["recognitions"][0]["level"] = "xuat_sac"
    edited = [(n, json.dumps(records).encode() if n == "records.json" else d) for n, d in items]
    forged = tmp_path / "sua.ntmsync"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in resign(edited, p.identity.private_key()):
            zf.writestr(name, data)

    outcome = c.sync.import_bundles([forged]).outcomes[0]

    assert outcome.status != "imported"
    assert "Quyết định công nhận thứ 1 · Mức công nhận" in outcome.message
    assert c.sync.recognitions() == [] and c.sync.answers() == {}


def test_a_lost_laptop_gets_its_recognitions_back_from_the_recovery_bundle(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    approved_year(c, p, usb)
    p.receiver.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    made = p.sync.export_recovery(usb, "01234")
    assert made.counts["recognitions"] == 1

    recover(made.path, tmp_path / "new" / "ntm.sqlite")

    with Workspace.open(tmp_path / "new" / "ntm.sqlite") as again:
        [held] = again.sync.recognitions()
    assert (held.year, held.level, held.decision, held.withdrawn) == (YEAR, "ntm", "123/QĐ-UBND", False)
