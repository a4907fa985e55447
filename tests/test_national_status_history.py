"""The national office sees each commune-year's whole sign-off history (#14), not only the state the
province reached: the roll-up carries every step (bundle format 2.2, ``history`` of each sign-off); a
later roll-up brings only the new steps; a roll-up of an older province (no ``history``) still shows the
state it carries, as one step."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.db import models as m
from ntm_desktop.sync.bundle.reader import read_bundle
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.national import Offices, province_and_national, rolled_up, take_in

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

YEAR = 2025
WHY = "Thiếu minh chứng tiêu chí 2 (Giao thông)"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[Offices]:
    """A province that returned 01234's year, then reviewed and approved it after the commune's fix."""
    with province_and_national(tmp_path) as o:
        r = o.province.office.receiver
        r.set_status("01234", YEAR, "returned", reason=WHY)
        r.set_status("01234", YEAR, "reviewed")
        r.set_status("01234", YEAR, "approved")
        _spread(o.province.office)
        yield o


def _spread(office: Workspace) -> None:
    """The three steps on the days they would take (returned 05/01, reviewed 15/01, approved 20/01/2026 at
    09:00 Vietnam time): a test takes them within one second."""
    days = [datetime(2026, 1, d, 2, 0, 0, 120_000, tzinfo=UTC) for d in (5, 15, 20)]
    with office.db.write() as s:
        rows = s.scalars(
            select(m.ReceiverSignoffChange)
            .where(m.ReceiverSignoffChange.unit_code == "01234")
            .order_by(m.ReceiverSignoffChange.id)
        ).all()
        for row, day in zip(rows, days, strict=True):
            row.at = day
        signoff = s.get(m.ReceiverSignoff, ("01234", YEAR))
        assert signoff is not None
        signoff.changed_at = days[-1]


def _steps(ws: Workspace, code: str = "01234") -> list[tuple[str, str, str, str, str]]:
    return [
        (h.from_status, h.to_status, h.reason, vntime.format_vn(h.at, seconds=True, offset=False), h.actor)
        for h in ws.receiver.status_history(code, YEAR)
    ]


def test_the_national_office_shows_every_step_the_province_took(
    offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office, national = offices.province.office, offices.national
    at_province = _steps(office)
    assert [(f, t) for f, t, *_ in at_province] == [
        ("received", "returned"),
        ("returned", "reviewed"),
        ("reviewed", "approved"),
    ]
    sent = rolled_up(office, tmp_path / "to-national", YEAR)
    assert read_bundle(sent).manifest.format_version == "2.2"
    take_in(national, sent)
    assert _steps(national) == at_province  # same steps, times (to the second), reasons and clerks

    code = main(["--db", location(national), "receiver", "status", "01234", "--year", str(YEAR)])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == "01234, năm 2025: Đã phê duyệt"
    assert "Đã nhận → Trả lại để chỉnh sửa" in lines[1] and WHY in lines[1], out
    assert "Đã xem xét → Đã phê duyệt" in lines[3], out
    assert lines[1].strip().startswith("05/01/2026 09:00") and lines[3].strip().startswith("20/01/2026 09:00")

    office.receiver.set_status("01234", YEAR, "returned", reason="Mở lại: sai số liệu hộ nghèo")
    take_in(national, rolled_up(office, tmp_path / "to-national-2", YEAR))
    assert _steps(national) == _steps(office) and len(_steps(national)) == 4  # only the new step added
    assert national.receiver.units(YEAR)[0].status == "returned"


def test_a_roll_up_of_an_older_province_shows_the_state_it_carries(offices: Offices, tmp_path: Path) -> None:
    office, national = offices.province.office, offices.national
    bundle = read_bundle(rolled_up(office, tmp_path / "to-national", YEAR))
    body = json.loads(json.dumps(bundle.payload))
    for entry in body["signoffs"]:
        del entry["history"]  # what a province running the previous version sends
    made = bundle.manifest
    fields = BundleFields(
        made.kind, made.origin_unit_code, made.device_id, made.sequence, made.schema_version,
        full=True, receiver=made.receiver,
    )  # fmt: skip
    out = tmp_path / "older"
    out.mkdir()
    files = {sha: bundle.read_file(sha) for sha in bundle.files}
    older = write_bundle(out, fields, body, files, office.sync.context.identity.private_key())
    assert read_bundle(older).manifest.format_version == 2
    take_in(national, older)
    [(frm, to, reason, _, by)] = _steps(national)
    assert (frm, to, reason, by) == ("received", "approved", "", office.db.actor())

    take_in(national, rolled_up(office, tmp_path / "newer", YEAR))  # the province updated its app
    assert [(f, t) for f, t, *_ in _steps(national)] == [
        ("received", "returned"),
        ("returned", "reviewed"),
        ("reviewed", "approved"),
    ]
