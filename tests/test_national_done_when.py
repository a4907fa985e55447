"""Issue #14, "Done when", end to end: a province office whose database is on PostgreSQL has three clerks
importing its communes' bundles and approving at once (each a process of its own), records recognition
decisions, sends its year to the national office (``bundle export --to national``), and the national
office's summary equals the sum of what the communes say of themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.workspace import Workspace
from tests.helpers.clerks import run_clerks
from tests.helpers.engines import location, new_receiver_location
from tests.helpers.receiver import (
    COMMUNES,
    NOT_REPORTING,
    PROVINCE_NAME,
    comparable,
    demo_commune,
    paired,
    summed,
)
from tests.helpers.sync import help_record, receiver, supporter
from tests.test_national_rollup import cli, cli_json, own_help, roll_up

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

YEAR = 2025
A, B, C = (p.code for p in COMMUNES)


def _communes(tmp_path: Path, office: Workspace) -> tuple[list[Workspace], dict[str, str]]:
    """The three communes, trusted by the office; A and C send a second bundle after correcting 2025."""
    usb = tmp_path / "usb"
    usb.mkdir()
    communes, bundles = [], {}
    for letter, (variant, p) in zip("ABC", enumerate(COMMUNES), strict=True):
        c = demo_commune(tmp_path, p, variant)
        paired(c, office)
        bundles[f"{letter}1"] = str(c.sync.export(usb).path)
        if letter != "B":
            c.progress.record(YEAR, indicator="2.1", value="91")
            c.progress.record(YEAR, criterion="19", met=False, note="Chưa đạt sau kiểm tra lại")
            bundles[f"{letter}2"] = str(c.sync.export(usb).path)
        communes.append(c)
    return communes, bundles


def _national(tmp_path: Path, capsys: pytest.CaptureFixture[str], on: str) -> str:
    """The national office, on SQLite (the roll-up crosses engines) or on the same PostgreSQL server."""
    folder = tmp_path / "trung-uong"
    db = str(folder / "ntm.sqlite" if on == "sqlite" else new_receiver_location(folder))
    code, _, err = cli(capsys, db, "receiver", "setup", "--level", "national")
    assert code == 0, err
    return db


@pytest.mark.parametrize("national_on", ["sqlite", "postgresql"])
def test_three_clerks_on_postgresql_then_the_national_summary_is_the_communes_own_sum(
    tmp_path: Path, engine: str, national_on: str, capsys: pytest.CaptureFixture[str]
) -> None:
    office = receiver(tmp_path, "clerk0")
    office.receiver.configure(level="province", name=PROVINCE_NAME)
    assert location(office).startswith("postgresql")
    communes, b = _communes(tmp_path, office)
    office.receiver.expect_units([(p.code, p.name) for p in COMMUNES] + [NOT_REPORTING])
    db = location(office)
    office.close()

    work = {  # every clerk imports, some the same bundles; A is reviewed, B and C approved, at once
        "clerk1": [("import", b["A1"]), ("import", b["B1"]), ("import", b["A2"]),
                   ("set", A, "reviewed", 2), ("set", B, "approved", 1)],
        "clerk2": [("import", b["C1"]), ("import", b["A2"]), ("import", b["C2"]),
                   ("set", C, "reviewed", 2), ("set", B, "reviewed", 1)],
        "clerk3": [("import", b["B1"]), ("import", b["C2"]), ("import", b["A1"]), ("import", b["C1"]),
                   ("set", C, "approved", 2)],
    }  # fmt: skip
    done = run_clerks(db, tmp_path, work)
    imported = [x for d in done.values() for x in d if x.endswith(":imported")]
    assert len(imported) == 5, done  # each bundle once, whoever got there first
    for code in (B, C):
        assert f"{code}:approved" in done["clerk1"] + done["clerk3"], done

    # the office records its recognition decisions (the command line, on the same database server)
    for code, decision in ((B, "123/QĐ-UBND"), (C, "124/QĐ-UBND")):
        code_, _, err = cli(capsys, db, "receiver", "recognise", code, "--year", str(YEAR),
                            "--decision", decision, "--date", "2025-12-20", "--level", "ntm")  # fmt: skip
        assert code_ == 0, err
    clerk = Workspace.open(db, folder=tmp_path / "clerk0")
    sent = roll_up(capsys, clerk, tmp_path / "to-national")

    national = _national(tmp_path, capsys, national_on)
    card = tmp_path / "tinh-19.ntmkey"
    code_, _, err = cli(capsys, db, "keys", "export", "--out", str(card))
    assert code_ == 0, err
    code_, _, err = cli(capsys, national, "keys", "trust", str(card))
    assert code_ == 0, err
    report = cli_json(capsys, national, "bundle", "import", str(sent))
    assert [o["status"] for o in report["bundles"]] == ["imported"], report

    summary = cli_json(capsys, national, "summary", "--year", str(YEAR))
    statuses = {A: "reviewed", B: "approved", C: "approved", NOT_REPORTING[0]: "not_reported"}
    _check_sum(capsys, summary, communes, (4, 3, 2, 2), statuses)
    at_province = cli_json(capsys, db, "summary", "--year", str(YEAR))
    assert summary["units"] == at_province["units"]
    assert summary["provinces"] == at_province["provinces"]

    # later: commune A records more help and sends it; a clerk takes it in and approves A; the province
    # sends its year again, and the national office takes in only what is new
    a = communes[0]
    help_record(a, "Xi măng làm đường thôn Nà Mò", supporter(a, "Công ty Xi măng Quang Sơn"), 25_000_000)
    [outcome] = clerk.sync.import_bundles([a.sync.export(tmp_path / "usb").path]).outcomes
    assert outcome.status == "imported", outcome
    assert {r.code: r.status for r in clerk.receiver.units(YEAR)}[A] == "received"  # new data: seen again
    clerk.receiver.set_status(A, YEAR, "reviewed")
    clerk.receiver.set_status(A, YEAR, "approved")
    again = roll_up(capsys, clerk, tmp_path / "to-national-2")
    report = cli_json(capsys, national, "bundle", "import", str(again))
    [took] = report["bundles"]
    assert took["status"] == "imported" and took["lists"]["bundles"]["created"] == 1, took
    assert took["lists"]["bundles"]["unchanged"] == 5, took
    summary = cli_json(capsys, national, "summary", "--year", str(YEAR))
    _check_sum(capsys, summary, communes, (4, 3, 3, 2), statuses | {A: "approved"})
    clerk.close()
    for c in communes:
        c.close()


def _check_sum(
    capsys: pytest.CaptureFixture[str],
    summary: dict[str, Any],
    communes: list[Workspace],
    counts: tuple[int, int, int, int],
    statuses: dict[str, str],
) -> None:
    """The national summary is what the communes say of themselves: help, and criteria per commune."""
    assert comparable(summary["help"]) == summed(own_help(capsys, communes))
    [tn] = summary["provinces"]
    assert (tn["code"], tn["name"]) == ("19", "Thái Nguyên")
    assert (tn["units"], tn["reported"], tn["approved"], tn["recognised"]) == counts
    assert comparable(tn["help"]) == summed(own_help(capsys, communes))
    units = {u["code"]: u for u in summary["units"]}
    for c in communes:
        own = cli_json(capsys, c.path, "progress", "show", "--year", str(YEAR))
        mine = units[c.unit.home_code()]
        assert (mine["criteria_met"], mine["criteria_total"]) == (own["criteria_met"], own["criteria_total"])
    assert {k: u["status"] for k, u in units.items()} == statuses
    assert [r["decision"] for r in units[B]["recognitions"]] == ["123/QĐ-UBND"]
    assert summary["reached_standard"]["recognised"] == 2
