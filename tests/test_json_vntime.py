"""Every time in the CLI's ``--json`` output is an ISO 8601 instant at +07:00 (Vietnam time), on a computer
set to any zone: the receiver's status history, its communes list, the trusted keys, a bundle's preview, the
sync status, the changes to approved years, the recognition decisions, the correction requests, the conflicts
and the backups. The test walks the whole output, so a time written any other way fails it (#14)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.db import models as m
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.sync.keys.office_store import ClerkCertificate, OfficeKeyInfo
from tests.helpers.engines import location
from tests.helpers.receiver import COMMUNES, demo_commune, paired
from tests.helpers.sync import commune, help_record, receiver, supporter, trust

STORED = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)  # 03:30 on 2 March in Hà Nội
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


@pytest.fixture(autouse=True)
def _far_from_vietnam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock is set to New York (UTC−5 in March)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def instants(doc: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every (path, text) in ``doc`` that looks like a time of day (a bare date is a day, not an instant)."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from instants(value, f"{where}.{key}")
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield from instants(value, f"{where}[{i}]")
    elif isinstance(doc, str) and INSTANT.match(doc):
        yield where, doc


def json_of(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_time_in_json_output_is_vietnam_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = receiver(tmp_path, "office")
    office.receiver.configure(level="province", name="Văn phòng Điều phối nông thôn mới tỉnh")
    c = demo_commune(tmp_path, COMMUNES[0])
    paired(c, office)
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = c.sync.export(usb).path
    office.sync.import_bundles([bundle])
    office.receiver.set_status("01234", 2025, "reviewed")
    with office.db.write() as s:
        s.execute(update(m.ReceiverSignoffChange).values(at=STORED))
        s.execute(update(m.SyncBundle).values(created=STORED))
    db = location(office)
    commune_db = location(c)
    office.close()
    c.close()

    status = json_of(capsys, "--db", db, "receiver", "status", "01234", "--year", "2025")
    assert status["history"][-1]["at"] == "2026-03-02T03:30:00+07:00"
    [row] = [
        r for r in json_of(capsys, "--db", db, "receiver", "units", "--year", "2025") if r["code"] == "01234"
    ]
    assert row["last_bundle_at"] == "2026-03-02T03:30:00+07:00"
    outputs = {
        "receiver status": status,
        "receiver units": [row],
        "keys list": json_of(capsys, "--db", db, "keys", "list"),
        "bundle inspect": json_of(capsys, "--db", db, "bundle", "inspect", str(bundle)),
        "bundle status": json_of(capsys, "--db", commune_db, "bundle", "status"),
        "summary": json_of(capsys, "--db", db, "summary", "--year", "2025"),
    }
    seen = [(name + where, text) for name, doc in outputs.items() for where, text in instants(doc)]
    assert any(name.startswith("keys list") for name, _ in seen)
    assert any(name.startswith("bundle inspect") for name, _ in seen)
    wrong = [(where, text) for where, text in seen if not text.endswith("+07:00")]
    assert not wrong, wrong


def vietnam_times(outputs: dict[str, Any]) -> list[tuple[str, str]]:
    """Every time in ``outputs`` not at +07:00; each output must hold at least one time (no vacuous pass)."""
    seen = [(name + where, text) for name, doc in outputs.items() for where, text in instants(doc)]
    for name in outputs:
        assert any(where.startswith(name) for where, _ in seen), f"no time in {name}: {outputs[name]}"
    return [(where, text) for where, text in seen if not text.endswith("+07:00")]


def test_the_offices_lists_show_their_times_in_vietnam_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A change to an approved year waiting, a recognition decision, a correction request and a backup."""
    office = receiver(tmp_path, "office")
    c = demo_commune(tmp_path, COMMUNES[0])
    paired(c, office)
    usb = tmp_path / "usb"
    usb.mkdir()
    office.sync.import_bundles([c.sync.export(usb).path])
    office.receiver.set_status("01234", 2025, "reviewed")
    office.receiver.set_status("01234", 2025, "approved")
    office.receiver.recognise(
        "01234", 2025, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm"
    )
    c.progress.record(2025, indicator="2.1", value="92")
    office.sync.import_bundles([c.sync.export(usb).path])
    [road, *_] = c.help.list(HelpFilter(2025))
    office.sync.request_correction("01234", "help", road.record_id, "Thiếu giá trị quy ra tiền của ngày công")
    with office.db.write() as s:
        s.execute(update(m.ReceiverAmendment).values(received_at=STORED))
    db = location(office)
    office.close()
    c.close()
    kept = tmp_path / "sao-luu"
    kept.mkdir()
    assert main(["--db", db, "backup", "create", "--out", str(kept)]) == 0
    capsys.readouterr()

    amendments = json_of(capsys, "--db", db, "receiver", "amendments")
    assert amendments[0]["received_at"] == "2026-03-02T03:30:00+07:00"
    outputs = {
        "receiver amendments": amendments,
        "receiver recognitions": json_of(capsys, "--db", db, "receiver", "recognitions", "--year", "2025"),
        "bundle corrections": json_of(capsys, "--db", db, "bundle", "corrections"),
        "backup list": json_of(capsys, "--db", db, "backup", "list"),
    }
    wrong = vietnam_times(outputs)
    assert not wrong, wrong


def test_the_conflicts_list_shows_its_times_in_vietnam_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A commune's two computers change one help record; the province takes in both: a conflict."""
    usb = tmp_path / "usb"
    usb.mkdir()
    a, p = commune(tmp_path), receiver(tmp_path)
    help_record(a, "Bê tông hóa đường vào trường", supporter(a, "Sở Nội vụ"))
    b = commune(tmp_path, "second-computer")
    for x, y in ((a, b), (b, a), (a, p), (b, p)):
        trust(x, y)
    b.sync.import_bundles([a.sync.export(usb).path])
    for ws, title in ((a, "Bê tông hóa 60 m đường"), (b, "Đường vào trường (máy 2)")):
        [road] = ws.help.list(HelpFilter(2025))
        ws.help.update(road.uid, replace(road, title=title))
    p.sync.import_bundles([a.sync.export(usb).path, b.sync.export(usb).path])
    db = location(p)
    for ws in (a, b, p):
        ws.close()
    wrong = vietnam_times({"bundle conflicts": json_of(capsys, "--db", db, "bundle", "conflicts")})
    assert not wrong, wrong


def test_a_utc_stamp_is_shown_as_the_same_instant_in_vietnam_time() -> None:
    assert vntime.json_vn_stamp("2026-01-04T20:30:00Z") == "2026-01-05T03:30:00+07:00"
    assert vntime.json_vn_stamp(None) is None
    moment = datetime(2026, 1, 4, 20, 30, 0, 250000, tzinfo=UTC)
    assert datetime.fromisoformat(vntime.json_vn(moment)) == moment
    assert vntime.json_vn(moment.replace(tzinfo=None)) == "2026-01-05T03:30:00.250000+07:00"  # naive is UTC


def test_office_certificates_show_their_utc_stamps_in_vietnam_time() -> None:
    """``keys office list --json`` / ``show --json``: the certificate rows keep UTC stamps (left as they are);
    the JSON shows the same instants at +07:00."""
    cert = ClerkCertificate("Nguyễn Thị Hà", "dev", "ab", 10, "2026-01-04T20:30:00Z", "2027-01-04T20:30:00Z",
                            "Trưởng văn phòng", None)  # fmt: skip
    shown = cert.to_json()
    assert (shown["valid_from"], shown["valid_until"], shown["revoked_at"]) == (
        "2026-01-05T03:30:00+07:00", "2027-01-05T03:30:00+07:00", None)  # fmt: skip
    revoked = replace(cert, revoked_at="2026-06-30T17:00:00Z").to_json()
    assert revoked["revoked_at"] == "2026-07-01T00:00:00+07:00"
    key = OfficeKeyInfo("19", "Văn phòng", "cd", b"", "2026-01-04T20:30:00Z", "Trưởng văn phòng")
    assert key.to_json()["created_at"] == "2026-01-05T03:30:00+07:00"
