"""The national office shows a province's recognition decision in a commune's status history when and by whom
the province recorded it (#14), not when the roll-up arrived: the roll-up carries it (bundle format 2.4,
``recorded_at`` and ``recorded_by`` of each recognition). A roll-up of an older province, without them,
still shows the decision when it was imported, by the clerk who imported it; a changed value breaks the
province's signature and the roll-up is refused."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ntm_desktop.cli.main import main
from ntm_desktop.db import models as m
from ntm_desktop.sync.bundle import writer
from ntm_desktop.sync.bundle.jsonio import dump_compact
from ntm_desktop.sync.bundle.reader import read_bundle
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.national import Offices, january, province_and_national, rolled_up, spread, take_in

YEAR = 2025
PROVINCE_CLERK, NATIONAL_CLERK = "Nguyễn Thị Hà", "Trần Văn Nam"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[Offices]:
    """Reviewed 02/01, approved 05/01, recognised 08/01 (123/QĐ-UBND), then reopened: returned 12/01,
    reviewed 15/01, approved 20/01/2026 — at the province, by its clerk."""
    with province_and_national(tmp_path) as o:
        office = o.province.office
        office.actor, o.national.actor = PROVINCE_CLERK, NATIONAL_CLERK
        r = office.receiver
        r.set_status("01234", YEAR, "reviewed")
        r.set_status("01234", YEAR, "approved")
        r.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm")
        r.set_status("01234", YEAR, "returned", reason="Thiếu minh chứng tiêu chí 2")
        r.set_status("01234", YEAR, "reviewed")
        r.set_status("01234", YEAR, "approved")
        spread(office, "01234", YEAR, [2, 5, 12, 15, 20], 8)
        yield o


def _history(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, str]]:
    """``receiver status 01234 --year 2025 --json``: each line's kind, time (as printed) and clerk."""
    capsys.readouterr()
    code = main(["--db", location(ws), "receiver", "status", "01234", "--year", str(YEAR), "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return [(h["kind"], h["at"], h["actor"]) for h in json.loads(out)["history"]]


def _lines(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["--db", location(ws), "receiver", "status", "01234", "--year", str(YEAR)]) == 0
    return capsys.readouterr().out.splitlines()[1:]


def _payload(roll_up: Path) -> dict[str, Any]:
    return json.loads(json.dumps(read_bundle(roll_up).payload))


@pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL
def test_the_national_office_lists_the_decision_when_the_province_recorded_it(
    offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office, national = offices.province.office, offices.national
    sent = rolled_up(office, tmp_path / "to-national", YEAR)
    assert read_bundle(sent).manifest.format_version == "2.4"
    [carried] = _payload(sent)["recognitions"]
    assert (carried["recorded_at"], carried["recorded_by"]) == ("2026-01-08T02:00:00Z", PROVINCE_CLERK)
    take_in(national, sent)

    at_province = _history(office, capsys)
    assert [k for k, *_ in at_province] == ["status", "status", "recognition", "status", "status", "status"]
    shown = _history(national, capsys)
    assert shown[2] == ("recognition", "2026-01-08T09:00:00+07:00", PROVINCE_CLERK)  # Vietnam time
    assert [(k, by) for k, _, by in shown] == [(k, by) for k, _, by in at_province]
    assert [at[:19] for _, at, _ in shown] == [at[:19] for _, at, _ in at_province]  # to the second
    lines = _lines(national, capsys)
    assert lines[2].strip() == (
        "08/01/2026 09:00  Công nhận đạt chuẩn nông thôn mới — Quyết định số 123/QĐ-UBND ngày 20/12/2025"
        f"  ({PROVINCE_CLERK})"
    )

    office.receiver.withdraw_recognition("01234", YEAR, "ntm", reason="Ghi nhầm xã")
    with office.db.write() as s:  # withdrawn on 22/01
        a = m.AuditEntry
        newest = s.scalars(select(a).where(a.entity == "receiver_recognition").order_by(a.id.desc())).first()
        assert newest is not None
        newest.at = january(22)
    take_in(national, rolled_up(office, tmp_path / "again", YEAR))
    assert _lines(national, capsys)[-1].strip() == (
        "22/01/2026 09:00  Hủy ghi nhận công nhận đạt chuẩn nông thôn mới — Quyết định số 123/QĐ-UBND ngày "
        f"20/12/2025 — Ghi nhầm xã  ({PROVINCE_CLERK})"
    )  # when, by whom and why the province withdrew it
    assert national.receiver.recognitions(YEAR) == []


@pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL
def test_a_roll_up_of_an_older_province_shows_the_decision_when_it_arrived(
    offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office, national = offices.province.office, offices.national
    bundle = read_bundle(rolled_up(office, tmp_path / "to-national", YEAR))
    body = _payload(bundle.path)
    for entry in body["recognitions"]:
        del entry["recorded_at"], entry["recorded_by"]  # what a province running the previous version sends
    made = bundle.manifest
    fields = BundleFields(
        made.kind, made.origin_unit_code, made.device_id, made.sequence, made.schema_version,
        full=True, receiver=made.receiver,
    )  # fmt: skip
    out = tmp_path / "older"
    out.mkdir()
    files = {sha: bundle.read_file(sha) for sha in bundle.files}
    older = write_bundle(out, fields, body, files, office.sync.context.identity.private_key())
    assert read_bundle(older).manifest.format_version == "2.2"
    take_in(national, older)
    shown = _history(national, capsys)
    assert [k for k, *_ in shown] == ["status"] * 5 + ["recognition"]  # last: it arrived after them all
    assert shown[-1][2] == NATIONAL_CLERK
    [decision] = national.receiver.recognitions(YEAR)
    assert decision.decision == "123/QĐ-UBND"


def _rewritten(path: Path, change: dict[str, Any]) -> Path:
    """The roll-up with its first recognition's fields changed in ``records.json`` (same size), the
    manifest and its signature kept."""
    target = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "records.json":
                body = json.loads(data)
                body["recognitions"][0] |= change
                data = dump_compact(body)
            dst.writestr(info, data)
    return target


@pytest.mark.parametrize(
    "change", [{"recorded_at": "2025-12-01T02:00:00Z"}, {"recorded_by": "Nguyễn Thị Hè"}], ids=["at", "by"]
)
def test_a_changed_time_or_clerk_breaks_the_signature(
    offices: Offices, tmp_path: Path, change: dict[str, Any]
) -> None:
    office, national = offices.province.office, offices.national
    changed = _rewritten(rolled_up(office, tmp_path / "to-national", YEAR), change)
    [outcome] = national.sync.import_bundles([changed], trust_on_first_use=True).outcomes
    assert outcome.status != "imported"
    assert "đã bị sửa đổi hoặc bị hỏng" in outcome.message, outcome.message
    assert national.receiver.recognitions(YEAR) == [] and national.receiver.units(YEAR) == []


def test_a_signed_roll_up_with_a_wrong_time_is_refused_naming_it(
    offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signed by the province as it is (a faulty app's file): the import checks the field and names it."""
    office, national = offices.province.office, offices.national
    monkeypatch.setattr(writer, "check_payload", lambda kind, payload: None)  # this app would not write it
    bundle = read_bundle(rolled_up(office, tmp_path / "to-national", YEAR))
    body = _payload(bundle.path)
    body["recognitions"][0]["recorded_at"] = "08/01/2026"
    made = bundle.manifest
    fields = BundleFields(
        made.kind, made.origin_unit_code, made.device_id, made.sequence, made.schema_version,
        full=True, receiver=made.receiver,
    )  # fmt: skip
    out = tmp_path / "wrong"
    out.mkdir()
    files = {sha: bundle.read_file(sha) for sha in bundle.files}
    wrong = write_bundle(out, fields, body, files, office.sync.context.identity.private_key())
    [outcome] = national.sync.import_bundles([wrong], trust_on_first_use=True).outcomes
    assert outcome.status != "imported"
    assert "Quyết định công nhận thứ 1 · Thời điểm ghi nhận" in outcome.message, outcome.message
    assert national.receiver.recognitions(YEAR) == [] and national.receiver.units(YEAR) == []
