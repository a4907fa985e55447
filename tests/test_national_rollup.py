"""The national roll-up (#14): communes → their province office → the national office. The national
summary is the sum of what each commune says of itself, per province; a province may only carry its own
communes; the national office checks every commune's own signature and trusts a province's key."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ntm_desktop.cli.main import main
from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.sync.bundle.reader import read_bundle
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location, new_receiver_location
from tests.helpers.receiver import Province, comparable, demo_commune, paired, province, summed
from tests.helpers.sync import receiver, row_counts

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["province"]  # fixture

YEAR = 2025
CAO_BANG = UnitProfile(
    code="01288",
    name="Xã Thông Nông",
    province_code="04",
    region="TDMNPB",
    group=3,
    officers=(Officer("Nông Văn Páo", "Chủ tịch UBND xã", "TM", True),),
)


def cli(capsys: pytest.CaptureFixture[str], db: object, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys: pytest.CaptureFixture[str], db: object, *argv: str) -> Any:
    code, out, err = cli(capsys, db, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def national_office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(new_receiver_location(tmp_path / "trung-uong"))
    code, out, err = cli(capsys, db, "receiver", "setup", "--level", "national")
    assert code == 0, err
    assert "Văn phòng Điều phối nông thôn mới Trung ương (00)" in out
    return db


def trust_province(
    capsys: pytest.CaptureFixture[str], office: Workspace, national: str, tmp_path: Path
) -> None:
    card = tmp_path / f"tinh-{office.receiver.info().code}.ntmkey"
    # through the command line, as the roll-up is sent: the same clerk's key on a database server
    code, _, err = cli(capsys, location(office), "keys", "export", "--out", str(card))
    assert code == 0, err
    code, _, err = cli(capsys, national, "keys", "trust", str(card))
    assert code == 0, err


def trust_clerk(capsys: pytest.CaptureFixture[str], office: Workspace, national: str, tmp_path: Path) -> None:
    """The national office trusts the key of the clerk whose workspace object ``office`` is."""
    card = tmp_path / "thu-ky.ntmkey"
    office.sync.keys.export(card)
    code, _, err = cli(capsys, national, "keys", "trust", str(card))
    assert code == 0, err


def roll_up(capsys: pytest.CaptureFixture[str], office: Workspace, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    done = cli_json(capsys, location(office), "bundle", "export", "--to", "national", "--out", str(out),
                    "--year", str(YEAR))  # fmt: skip
    return Path(done["path"])


def cao_bang(tmp_path: Path) -> tuple[Workspace, Workspace]:
    """A second province (04) with one commune that reported, approved and recognised."""
    office = receiver(tmp_path, "tinh-cao-bang", code="04")
    office.receiver.configure(level="province", name="Văn phòng Điều phối nông thôn mới tỉnh Cao Bằng")
    commune = demo_commune(tmp_path, CAO_BANG, 1)
    paired(commune, office)
    office.receiver.expect_units([(CAO_BANG.code, CAO_BANG.name)])
    report = office.sync.import_bundles([commune.sync.export(tmp_path / "usb").path])
    assert [o.status for o in report.outcomes] == ["imported"]
    office.receiver.set_status(CAO_BANG.code, YEAR, "reviewed")
    office.receiver.set_status(CAO_BANG.code, YEAR, "approved")
    office.receiver.recognise(
        CAO_BANG.code, YEAR, decision="45/QĐ-UBND", decided_on=date(2025, 12, 1), level="ntm"
    )
    return office, commune


def own_help(capsys: pytest.CaptureFixture[str], communes: list[Workspace]) -> list[dict[str, Any]]:
    return [cli_json(capsys, c.path, "help", "totals", "--year", str(YEAR)) for c in communes]


def test_the_national_summary_is_the_sum_of_the_communes_own_figures(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    thai_nguyen = province.office
    thai_nguyen.receiver.set_status("01234", YEAR, "reviewed")
    thai_nguyen.receiver.set_status("01234", YEAR, "approved")
    thai_nguyen.receiver.recognise(
        "01234", YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm"
    )
    (tmp_path / "usb").mkdir(exist_ok=True)
    cao_bang_office, cao_bang_commune = cao_bang(tmp_path)
    national = national_office(tmp_path, capsys)
    for office in (thai_nguyen, cao_bang_office):
        trust_province(capsys, office, national, tmp_path)
    sent = [roll_up(capsys, thai_nguyen, tmp_path / "tn"), roll_up(capsys, cao_bang_office, tmp_path / "cb")]

    report = cli_json(capsys, national, "bundle", "import", *map(str, sent))
    assert [o["status"] for o in report["bundles"]] == ["imported", "imported"], report

    summary = cli_json(capsys, national, "summary", "--year", str(YEAR))
    communes = [*province.communes, cao_bang_commune]
    # the help: exactly what the four communes say of themselves, whole and per province
    assert comparable(summary["help"]) == summed(own_help(capsys, communes))
    by_code = {p["code"]: p for p in summary["provinces"]}
    assert list(by_code) == ["04", "19"]
    assert comparable(by_code["19"]["help"]) == summed(own_help(capsys, province.communes))
    assert comparable(by_code["04"]["help"]) == summed(own_help(capsys, [cao_bang_commune]))
    # the counts of communes, and each commune's own criteria figures
    assert {
        k: (p["name"], p["units"], p["reported"], p["approved"], p["recognised"]) for k, p in by_code.items()
    } == {
        "19": ("Thái Nguyên", 4, 3, 1, 1),
        "04": ("Cao Bằng", 1, 1, 1, 1),
    }
    units = {u["code"]: u for u in summary["units"]}
    for c in communes:
        own = cli_json(capsys, c.path, "progress", "show", "--year", str(YEAR))
        code = c.unit.home_code()
        assert (units[code]["criteria_met"], units[code]["criteria_total"]) == (
            own["criteria_met"],
            own["criteria_total"],
        )
    assert units["01267"]["status"] == "not_reported"  # expected by its province, never reported
    assert [(r["decision"], r["date"]) for r in units["01234"]["recognitions"]] == [
        ("123/QĐ-UBND", "2025-12-20")
    ]
    assert units["01234"]["status"] == "approved" and units["01240"]["status"] == "received"
    # the province's own summary agrees with the national one on its communes
    at_province = cli_json(capsys, location(thai_nguyen), "summary", "--year", str(YEAR))
    assert [
        u for u in summary["units"] if u["code"] in {x["code"] for x in at_province["units"]}
    ] == at_province["units"]
    assert at_province["provinces"][0]["help"] == by_code["19"]["help"]
    assert summary["reached_standard"]["recognised"] == 2

    # the national office trusts the communes' keys through their province
    keys = cli_json(capsys, national, "keys", "list")
    vouched = {k["unit"] for k in keys if k["how"] == "vouched"}
    assert vouched == {"01234", "01240", "01252", "01288"}

    # the same roll-up again changes nothing; a later one brings only what is new
    again = cli_json(capsys, national, "bundle", "import", str(sent[0]))
    assert again["bundles"][0]["status"] == "already-imported"
    later = roll_up(capsys, thai_nguyen, tmp_path / "tn2")
    outcome = cli_json(capsys, national, "bundle", "import", str(later))["bundles"][0]
    assert outcome["status"] == "imported" and outcome["lists"]["bundles"]["unchanged"] == 3
    assert cli_json(capsys, national, "summary", "--year", str(YEAR)) == summary


def test_a_province_carries_only_its_own_communes(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = province.office
    national = national_office(tmp_path, capsys)
    (tmp_path / "tn").mkdir()
    sent = office.receiver.export_national(tmp_path / "tn", YEAR).result.path
    # not trusted yet: refused, nothing taken in
    code, _, err = cli(capsys, national, "bundle", "import", str(sent))
    assert code != 0 and "khóa" in err
    trust_clerk(capsys, office, national, tmp_path)

    # the same roll-up, re-signed by the province, listing a commune of Cao Bằng (04)
    bundle = read_bundle(sent)
    body = json.loads(json.dumps(bundle.payload))
    body["units"].append(
        {"id": "01288", "name": "Xã Thông Nông", "type": "xa", "province_code": "04", "merged_into": ""}
    )
    forged = tmp_path / "forged"
    forged.mkdir()
    files = {sha: bundle.read_file(sha) for sha in bundle.files}
    made = bundle.manifest
    fields = BundleFields(
        made.kind, made.origin_unit_code, made.device_id, made.sequence + 1, made.schema_version,
        full=True, receiver=made.receiver,
    )  # fmt: skip
    path = write_bundle(forged, fields, body, files, office.sync.context.identity.private_key())
    national_ws = Workspace.open(national) if not national.startswith("postgresql") else None
    before = row_counts(national_ws) if national_ws else None
    code, _, err = cli(capsys, national, "bundle", "import", str(path))
    assert code != 0
    assert "chỉ được gửi dữ liệu các xã của tỉnh mình" in err and "01288" in err
    if national_ws is not None:
        assert row_counts(national_ws) == before
        national_ws.close()
    summary = cli_json(capsys, national, "summary", "--year", str(YEAR))
    assert summary["units"] == [] and summary["provinces"] == []

    # a commune bundle inside that is not the province's: refused too
    body = json.loads(json.dumps(bundle.payload))
    first = body["bundles"][0]
    body["bundles"][0] = first | {"unit_code": "01240"}
    path = write_bundle(forged, replace(fields, sequence=made.sequence + 2), body, files,
                        office.sync.context.identity.private_key())  # fmt: skip
    code, _, err = cli(capsys, national, "bundle", "import", str(path))
    assert code != 0 and "01240" in err

    # the genuine one goes in
    code, _, err = cli(capsys, national, "bundle", "import", str(sent))
    assert code == 0, err


def test_only_a_province_rolls_up_and_only_the_national_office_takes_it(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = roll_up(capsys, province.office, tmp_path / "tn")
    assert read_bundle(sent).manifest.format_version == 2  # a new bundle kind: bundle format 2
    # another province office cannot import it
    other = receiver(tmp_path, "tinh-khac", code="04")
    other.receiver.configure(level="province")
    outcome = other.sync.import_bundles([sent]).outcomes[0]
    assert outcome.status == "rejected" and "Trung ương" in outcome.message
    with other.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.SyncBundle)) == 0
    # the national office cannot send one
    national = national_office(tmp_path, capsys)
    code, _, err = cli(
        capsys, national, "bundle", "export", "--to", "national", "--out", str(tmp_path), "--year", "2025"
    )
    assert code != 0 and "tỉnh" in err
    with pytest.raises(SystemExit) as wrong_usage:  # the year left out (test_cli_national_import)
        cli(capsys, location(province.office), "bundle", "export", "--to", "national", "--out", str(tmp_path))
    assert wrong_usage.value.code == 2 and "--year" in capsys.readouterr().err
    other.close()


def test_the_national_office_reads_what_a_roll_up_brought_in_its_own_words(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'bundles: 3 mới' and 'signoffs: …' (the payload's own keys) were printed to the clerk."""
    province.office.receiver.set_status("01234", YEAR, "reviewed")
    national = national_office(tmp_path, capsys)
    trust_province(capsys, province.office, national, tmp_path)
    code, out, err = cli(
        capsys, national, "bundle", "import", str(roll_up(capsys, province.office, tmp_path / "tn"))
    )
    assert code == 0, err
    assert "  Gói dữ liệu của các xã: 3 mới, 0 cập nhật, 0 không đổi, 0 xung đột" in out.splitlines()
    assert "  Quyết định xem xét, phê duyệt của tỉnh: 1 mới, 0 cập nhật" in out  # none was here before
    assert "bundles" not in out and "signoffs" not in out
