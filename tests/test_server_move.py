"""A province office outgrows one laptop: its data file moves to a new PostgreSQL database with
``receiver move-to-server``, and every clerk then finds there what the file held — the same communes,
summary, evidence files and signing key — while a wrong target changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.demo_receiver import YEAR, build
from ntm_desktop.workspace import Workspace
from tests.helpers import engines
from tests.helpers.sync import commune, receiver

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = cli(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The sample province office with its three communes' bundles imported, one year approved and
    recognised, one returned."""
    made = build(tmp_path / "tinh" / "ntm.sqlite")
    with Workspace.open(made.path) as ws:
        report = ws.sync.import_bundles(made.bundles)
        assert [o.status for o in report.outcomes] == ["imported"] * 3
        ws.receiver.set_status("01234", YEAR, "reviewed")
        ws.receiver.set_status("01234", YEAR, "approved")
        ws.receiver.recognise(
            "01234", YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm"
        )
        ws.receiver.set_status("01240", YEAR, "returned", reason="Thiếu biên bản nghiệm thu")
    return made.path


def test_the_office_moves_whole_and_keeps_its_key(
    office: Path, tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engines.server().new_database()
    before = cli_json(capsys, "--db", str(office), "summary", "--year", str(YEAR))
    keys_before = cli_json(capsys, "--db", str(office), "keys", "list")
    with Workspace.open(office) as ws:
        fingerprint, evidence = ws.identity.fingerprint(), ws.evidence.stored()
    assert evidence, "the sample bundles carry evidence files"

    code, out, err = cli(capsys, "--db", str(office), "receiver", "move-to-server", url)
    assert code == 0, err
    assert "3 xã" in out or "4 xã" in out, out
    assert fingerprint in out and "không cần tin cậy lại" in out

    # the server holds what the file held: the summary, the keys the office trusts, the history
    assert cli_json(capsys, "--db", url, "summary", "--year", str(YEAR)) == before
    assert cli_json(capsys, "--db", url, "keys", "list") == keys_before
    # another clerk's computer reaches every evidence file from the database
    other = Workspace.open(url, folder=tmp_path / "clerk-b")
    try:
        for sha in evidence:
            assert other.evidence.path_for(sha).read_bytes()
        assert other.device_id != fingerprint
        # new rows after the copied ones: ids continue (sign-off writes history and audit rows)
        other.receiver.set_status("01252", YEAR, "reviewed")
        with other.db.read() as s:
            assert s.scalar(_last_audit_action()) == "receiver.status"
    finally:
        other.close()
    # the computer that moved it is the same device with the same key on the server
    with Workspace.open(url) as moved:
        assert moved.identity.fingerprint() == fingerprint

    # the file stays, marked: opening it says where the office went; moving it again is refused
    code, out, err = cli(capsys, "--db", str(office), "receiver", "units", "--year", str(YEAR))
    assert code == 0 and "đã chuyển sang" in err
    code, out, err = cli(
        capsys, "--db", str(office), "receiver", "move-to-server", engines.server().new_database()
    )
    assert code != 0 and "đã chuyển sang" in err


def _last_audit_action() -> Any:
    from sqlalchemy import select

    from ntm_desktop.db import models as m

    return select(m.AuditEntry.action).order_by(m.AuditEntry.id.desc()).limit(1)


def test_a_database_that_holds_data_is_refused_and_left_as_it_was(
    office: Path, tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = receiver(tmp_path, "other-office")  # a PostgreSQL office already in use
    url = other.where
    other.close()
    units_before = cli_json(capsys, "--db", url, "receiver", "units", "--year", str(YEAR))
    code, _out, err = cli(capsys, "--db", str(office), "receiver", "move-to-server", url)
    assert code != 0 and "đã có dữ liệu" in err, err
    assert cli_json(capsys, "--db", url, "receiver", "units", "--year", str(YEAR)) == units_before
    _code, _out, err = cli(capsys, "--db", str(office), "receiver", "units", "--year", str(YEAR))
    assert "đã chuyển sang" not in err  # the file is not marked: nothing moved


def test_a_commune_stays_in_its_file(tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]) -> None:
    c = commune(tmp_path)
    path = c.path
    c.close()
    url = engines.server().new_database()
    code, _out, err = cli(capsys, "--db", str(path), "receiver", "move-to-server", url)
    assert code != 0 and "xã vẫn" in err.lower(), err
