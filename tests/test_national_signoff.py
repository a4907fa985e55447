"""The national office does not sign communes off (#14): the province reviews, approves and returns its
communes' years, decides their amendment requests and asks them for corrections; the national office
receives those decisions in the province's roll-up. ``set_status`` (and so ``receiver status --set``),
the amendment decisions and correction requests refuse at the national level, saying so, and change
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Conflict
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.national import national_workspace, rolled_up
from tests.helpers.receiver import Province, make_province
from tests.helpers.sync import row_counts

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

YEAR = 2025
REFUSAL = "Tỉnh xem xét, phê duyệt và trả lại báo cáo năm của các xã"


@dataclass
class National:
    province: Province
    ws: Workspace


@pytest.fixture
def national(tmp_path: Path) -> Iterator[National]:
    """A province that approved 01234 and sent its year; the national office imported the roll-up."""
    p = make_province(tmp_path)
    p.send_all()
    p.office.receiver.set_status("01234", YEAR, "reviewed")
    p.office.receiver.set_status("01234", YEAR, "approved")
    sent = rolled_up(p.office, tmp_path / "to-national", YEAR)
    ws = national_workspace(tmp_path / "trung-uong")
    report = ws.sync.import_bundles([sent], trust_on_first_use=True)
    assert [o.status for o in report.outcomes] == ["imported"]
    yield National(p, ws)
    for w in (ws, p.office, *p.communes):
        w.close()


def states(ws: Workspace) -> dict[str, str]:
    return {r.code: r.status for r in ws.receiver.units(YEAR)}


def test_the_national_office_cannot_review_approve_or_return(national: National) -> None:
    r = national.ws.receiver
    before = states(national.ws)
    assert before["01234"] == "approved" and before["01240"] == "received"  # the province's decisions
    rows = row_counts(national.ws)
    for code, status, reason in (
        ("01240", "reviewed", ""),
        ("01234", "returned", "Thiếu minh chứng tiêu chí 2"),
        ("01234", "reviewed", "Mở lại"),
    ):
        with pytest.raises(Conflict, match=REFUSAL):
            r.set_status(code, YEAR, status, reason=reason)
    assert states(national.ws) == before
    assert row_counts(national.ws) == rows  # no history row, no audit row, no correction request


def test_the_national_office_loads_no_list_of_expected_communes(national: National) -> None:
    rows = row_counts(national.ws)
    with pytest.raises(Conflict, match="danh sách các xã phải báo cáo"):
        national.ws.receiver.expect_units([("01300", "Xã Mới")])
    assert row_counts(national.ws) == rows


def test_the_national_office_decides_no_amendment_request(national: National) -> None:
    for decide in (
        lambda: national.ws.receiver.accept_amendment("any"),
        lambda: national.ws.receiver.reject_amendment("any", "Giữ số liệu đã phê duyệt"),
    ):
        with pytest.raises(Conflict, match=REFUSAL):
            decide()


def test_the_national_office_asks_no_commune_for_a_correction(
    national: National, capsys: pytest.CaptureFixture[str]
) -> None:
    [record] = [a.record_id for a in national.ws.receiver.commune("01240").assessments(YEAR)][:1]
    rows = row_counts(national.ws)
    with pytest.raises(Conflict, match="Tỉnh đề nghị các xã của tỉnh chỉnh sửa số liệu"):
        national.ws.sync.request_correction("01240", "assessments", record, "Thiếu minh chứng")
    argv = ["--db", location(national.ws), "bundle", "request-correction", "--unit", "01240",
            "--kind", "assessments", "--id", record, "--reason", "Thiếu minh chứng"]  # fmt: skip
    assert main(argv) != 0
    assert "Tỉnh đề nghị các xã" in capsys.readouterr().err
    assert row_counts(national.ws) == rows


def test_receiver_status_set_obeys_the_same_rule(
    national: National, capsys: pytest.CaptureFixture[str]
) -> None:
    db = location(national.ws)
    rows = row_counts(national.ws)
    code = main(["--db", db, "receiver", "status", "01240", "--year", str(YEAR), "--set", "reviewed"])
    _, err = capsys.readouterr()
    assert code != 0
    assert REFUSAL in err
    assert states(national.ws)["01240"] == "received" and row_counts(national.ws) == rows


def test_the_province_still_signs_off(national: National) -> None:
    office = national.province.office
    office.receiver.set_status("01240", YEAR, "reviewed")
    assert states(office)["01240"] == "reviewed"
