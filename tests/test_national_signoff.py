"""The national office does not sign communes off (#14): the province reviews, approves and returns its
communes' years, decides their amendment requests and asks them for corrections; the national office
receives those decisions in the province's roll-up. ``set_status`` (and so ``receiver status --set``),
the amendment decisions and correction requests refuse at the national level, saying so, and change
nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Conflict
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.national import Offices, province_and_national, rolled_up, take_in
from tests.helpers.sync import row_counts

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

YEAR = 2025
REFUSAL = "Tỉnh xem xét, phê duyệt và trả lại báo cáo năm của các xã"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[Offices]:
    """A province that approved 01234 and sent its year; the national office imported the roll-up."""
    with province_and_national(tmp_path) as o:
        o.province.office.receiver.set_status("01234", YEAR, "reviewed")
        o.province.office.receiver.set_status("01234", YEAR, "approved")
        take_in(o.national, rolled_up(o.province.office, tmp_path / "to-national", YEAR))
        yield o


def states(ws: Workspace) -> dict[str, str]:
    return {r.code: r.status for r in ws.receiver.units(YEAR)}


def test_the_national_office_cannot_review_approve_or_return(offices: Offices) -> None:
    r = offices.national.receiver
    before = states(offices.national)
    assert before["01234"] == "approved" and before["01240"] == "received"  # the province's decisions
    rows = row_counts(offices.national)
    for code, status, reason in (
        ("01240", "reviewed", ""),
        ("01234", "returned", "Thiếu minh chứng tiêu chí 2"),
        ("01234", "reviewed", "Mở lại"),
    ):
        with pytest.raises(Conflict, match=REFUSAL):
            r.set_status(code, YEAR, status, reason=reason)
    assert states(offices.national) == before
    assert row_counts(offices.national) == rows  # no history row, no audit row, no correction request


def test_the_national_office_loads_no_list_of_expected_communes(offices: Offices) -> None:
    rows = row_counts(offices.national)
    with pytest.raises(Conflict, match="danh sách các xã phải báo cáo"):
        offices.national.receiver.expect_units([("01300", "Xã Mới")])
    assert row_counts(offices.national) == rows


def test_the_national_office_decides_no_amendment_request(offices: Offices) -> None:
    for decide in (
        lambda: offices.national.receiver.accept_amendment("any"),
        lambda: offices.national.receiver.reject_amendment("any", "Giữ số liệu đã phê duyệt"),
    ):
        with pytest.raises(Conflict, match=REFUSAL):
            decide()


def test_the_national_office_asks_no_commune_for_a_correction(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    [record] = [a.record_id for a in offices.national.receiver.commune("01240").assessments(YEAR)][:1]
    rows = row_counts(offices.national)
    with pytest.raises(Conflict, match="Tỉnh đề nghị các xã của tỉnh chỉnh sửa số liệu"):
        offices.national.sync.request_correction("01240", "assessments", record, "Thiếu minh chứng")
    argv = ["--db", location(offices.national), "bundle", "request-correction", "--unit", "01240",
            "--kind", "assessments", "--id", record, "--reason", "Thiếu minh chứng"]  # fmt: skip
    assert main(argv) != 0
    assert "Tỉnh đề nghị các xã" in capsys.readouterr().err
    assert row_counts(offices.national) == rows


def test_receiver_status_set_obeys_the_same_rule(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    db = location(offices.national)
    rows = row_counts(offices.national)
    code = main(["--db", db, "receiver", "status", "01240", "--year", str(YEAR), "--set", "reviewed"])
    _, err = capsys.readouterr()
    assert code != 0
    assert REFUSAL in err
    assert states(offices.national)["01240"] == "received" and row_counts(offices.national) == rows


def test_the_province_still_signs_off(offices: Offices) -> None:
    office = offices.province.office
    office.receiver.set_status("01240", YEAR, "reviewed")
    assert states(office)["01240"] == "reviewed"


def test_the_national_office_sends_nothing_to_communes(
    offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No receipts, bundles sent back or recovery bundles: the commune's province answers it (and the
    commune trusts only the province's key)."""
    national, out = offices.national, tmp_path / "usb-trung-uong"
    out.mkdir()
    rows = row_counts(national)
    refusal = "Tỉnh trả lời các xã của tỉnh (biên nhận, gói gửi lại, gói khôi phục)"
    for send in (
        lambda: national.sync.export_receipt(out),
        lambda: national.sync.export_receipt(out, "01234"),
        lambda: national.sync.export_reverse(out, "01234"),
        lambda: national.sync.export_recovery(out, "01234"),
    ):
        with pytest.raises(Conflict, match=re.escape(refusal)):
            send()
    db = location(national)
    for argv in (
        ["receipt", "export", "--out", str(out)],
        ["bundle", "export", "--unit", "01234", "--out", str(out)],
    ):
        assert main(["--db", db, *argv]) != 0
        assert refusal in capsys.readouterr().err
    assert list(out.iterdir()) == [] and row_counts(national) == rows
