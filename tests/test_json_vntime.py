"""Every time in the CLI's ``--json`` output is an ISO 8601 instant at +07:00 (Vietnam time), on a computer
set to any zone: the receiver's status history, its communes list, the trusted keys, a bundle's preview, the
sync status. The test walks the whole output, so a time written any other way fails it (#14)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.db import models as m
from ntm_desktop.sync.keys.office_store import ClerkCertificate, OfficeKeyInfo
from tests.helpers.engines import location
from tests.helpers.receiver import COMMUNES, demo_commune, paired
from tests.helpers.sync import receiver

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
