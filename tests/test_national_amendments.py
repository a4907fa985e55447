"""The national office shows what the province approved (#14): a commune's later change to an approved
year, which the province holds as an amendment request, waits at the national office too (pending, not
counted); the province's decision travels in its next roll-up — accepted, the change counts at both; rejected,
it stays out of both. The national office still reads every commune's own signed bundle."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.receiver.values import Amendment
from ntm_desktop.services.ledger import ItemDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.sync.bundle.reader import read_bundle
from ntm_desktop.sync.bundle.rollup_payload import rollup_problems
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.national import Offices, province_and_national, rolled_up, take_in

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

YEAR = 2025


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[Offices]:
    """The province approved 01234's year; then the commune sent 2.1 = 92 for it, held as a request."""
    with province_and_national(tmp_path) as o:
        office, commune = o.province.office, o.province.communes[0]
        office.receiver.set_status("01234", YEAR, "reviewed")
        office.receiver.set_status("01234", YEAR, "approved")
        commune.progress.record(YEAR, indicator="2.1", value="92")
        [hall] = [h for h in commune.help.list(HelpFilter(YEAR)) if h.record_id == "h-2025-nha-van-hoa"]
        cash = ItemDraft("cash", Decimal(90_000_000), "đồng", "Tiền mặt", 90_000_000)
        commune.help.update(hall.uid, replace(hall, items=(cash,)))
        [outcome] = office.sync.import_bundles([commune.sync.export(o.province.usb).path]).outcomes
        assert outcome.status == "imported", outcome.message
        held = office.receiver.amendments()
        assert sorted((a.unit_code, a.year, a.kind) for a in held) == [
            ("01234", YEAR, "assessments"),
            ("01234", YEAR, "help"),
        ]
        yield o


def value_21(ws: Workspace) -> Decimal:
    [found] = [a for a in ws.receiver.commune("01234").assessments(YEAR) if a.indicator == "2.1"]
    return Decimal(str(found.value))


def changed_21(office: Workspace) -> Amendment:
    return next(a for a in office.receiver.amendments() if a.kind == "assessments")


def summary(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main(["--db", location(ws), "summary", "--year", str(YEAR), "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return dict(json.loads(out))


def figures(doc: dict[str, Any]) -> tuple[Any, ...]:
    return doc["units"], doc["help"], doc["reached_standard"]


def test_the_national_office_shows_what_the_province_approved(
    offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office, national = offices.province.office, offices.national
    approved = value_21(office)
    assert approved != Decimal(92)

    sent = rolled_up(office, tmp_path / "to-national", YEAR)
    assert read_bundle(sent).manifest.format_version == "2.3"  # the optional amendments list
    code = main(["--db", location(national), "bundle", "inspect", str(sent)])
    out = capsys.readouterr().out
    assert "đang chờ tỉnh quyết định (chưa tính vào số liệu): 2" in out, (code, out)  # key not trusted yet
    take_in(national, sent)

    assert value_21(national) == approved  # not the commune's newer 92 the province has not decided on
    assert figures(summary(national, capsys)) == figures(summary(office, capsys))
    waiting = national.receiver.amendments()
    assert sorted((a.id, a.record_id, a.status) for a in waiting) == sorted(
        (a.id, a.record_id, a.status) for a in office.receiver.amendments()
    )
    [row] = [u for u in national.receiver.units(YEAR) if u.code == "01234"]
    assert (row.status, row.open_amendments) == ("approved", 2)


def test_the_provinces_decision_travels_in_its_next_roll_up(
    offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office, national = offices.province.office, offices.national
    take_in(national, rolled_up(office, tmp_path / "first", YEAR))
    held = changed_21(office)

    office.receiver.accept_amendment(held.id)
    [second] = national.sync.import_bundles([rolled_up(office, tmp_path / "second", YEAR)]).outcomes
    assert (second.counts["amendments"].created, second.counts["amendments"].updated) == (0, 1)

    assert value_21(office) == value_21(national) == Decimal(92)
    assert figures(summary(national, capsys)) == figures(summary(office, capsys))
    assert [a.kind for a in national.receiver.amendments()] == ["help"]  # still waiting at the province
    [accepted] = national.receiver.amendments(status="accepted")
    assert accepted.record_id == held.record_id


def test_a_new_national_office_takes_the_accepted_change_at_once(offices: Offices, tmp_path: Path) -> None:
    office, national = offices.province.office, offices.national
    office.receiver.accept_amendment(changed_21(office).id)

    roll_up = rolled_up(office, tmp_path / "to-national", YEAR)
    [taken] = national.sync.import_bundles([roll_up], trust_on_first_use=True).outcomes
    # two requests held, one of them accepted already: two new, none counted again as changed (#14 walk)
    assert (taken.counts["amendments"].created, taken.counts["amendments"].updated) == (2, 0)

    assert value_21(national) == Decimal(92)
    assert sorted((a.kind, a.status) for a in national.receiver.amendments(status=None)) == [
        ("assessments", "accepted"),
        ("help", "open"),
    ]


def test_a_rejected_change_stays_out_at_the_national_office(offices: Offices, tmp_path: Path) -> None:
    office, national = offices.province.office, offices.national
    approved = value_21(office)
    take_in(national, rolled_up(office, tmp_path / "first", YEAR))
    office.receiver.reject_amendment(changed_21(office).id, "Số liệu đã được thẩm định, giữ nguyên")
    take_in(national, rolled_up(office, tmp_path / "second", YEAR))

    assert value_21(national) == approved
    [rejected] = national.receiver.amendments(status="rejected")
    assert rejected.reason == "Số liệu đã được thẩm định, giữ nguyên"


def _resigned(office: Workspace, sent: Path, folder: Path, body: dict[str, Any], step: int) -> Path:
    """The roll-up with ``body`` instead of its own, signed again by the province."""
    bundle = read_bundle(sent)
    made = bundle.manifest
    fields = BundleFields(
        made.kind, made.origin_unit_code, made.device_id, made.sequence + step, made.schema_version,
        full=True, receiver=made.receiver,
    )  # fmt: skip
    folder.mkdir(exist_ok=True)
    files = {sha: bundle.read_file(sha) for sha in bundle.files}
    return write_bundle(folder, fields, body, files, office.sync.context.identity.private_key())


def test_a_wrong_amendments_list_refuses_the_whole_roll_up(offices: Offices, tmp_path: Path) -> None:
    office, national = offices.province.office, offices.national
    sent = rolled_up(office, tmp_path / "to-national", YEAR)
    genuine = read_bundle(sent).payload
    foreign = json.loads(json.dumps(genuine))
    foreign["amendments"][0]["unit_code"] = "01288"  # a commune of Cao Bằng (04)
    wrong = json.loads(json.dumps(genuine))
    wrong["amendments"][1]["status"] = "maybe"
    assert [p.path for p in rollup_problems(wrong)] == ["amendments[1].status"]  # no writer makes it

    path = _resigned(office, sent, tmp_path / "forged", foreign, 1)
    [outcome] = national.sync.import_bundles([path], trust_on_first_use=True).outcomes
    assert outcome.status == "rejected" and "01288" in outcome.message, outcome.message
    assert national.receiver.units(YEAR) == [] and national.receiver.amendments(status=None) == []

    take_in(national, sent)
    assert value_21(national) == value_21(office)
