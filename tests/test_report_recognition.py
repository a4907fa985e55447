"""The commune's yearly report says the year was recognised, with the decision's number and date exactly as
the province sent them back; a withdrawn recognition is no longer printed, and a year without one prints
as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ntm_desktop.export.pdf import FontNotFound, find_font_family
from ntm_desktop.reports import CommuneReport, make_report
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import attached, pdf_text
from tests.helpers.sync import receiver, trust

SENTENCE = (
    "Xã Bằng Thành đã được công nhận đạt chuẩn nông thôn mới nâng cao năm 2025 "
    "(Quyết định số 05/2025/QĐ-UBND ngày 20/12/2025)."
)


@pytest.fixture(autouse=True)
def _font() -> None:
    try:
        find_font_family()
    except FontNotFound as exc:  # pragma: no cover - CI installs fonts-liberation2
        pytest.skip(f"no Vietnamese font installed: {exc}")


def test_the_report_names_the_recognition_the_province_sent_back(ws: Workspace, tmp_path: Path) -> None:
    for code in ("3", "17", "19"):
        ws.progress.record(2025, criterion=code, met=True)
    province = receiver(tmp_path)
    trust(ws, province)
    trust(province, ws)
    usb = tmp_path / "usb"
    usb.mkdir()
    province.sync.import_bundles([ws.sync.export(usb).path])
    province.receiver.set_status("01234", 2025, "reviewed")
    province.receiver.set_status("01234", 2025, "approved")
    province.receiver.recognise(
        "01234", 2025, decision="05/2025/QĐ-UBND", decided_on=dt.date(2025, 12, 20), level="nang_cao"
    )
    ws.sync.import_bundles([province.sync.export_reverse(usb, "01234").path])

    make_report(ws, CommuneReport(year=2025), tmp_path / "r.pdf")

    assert SENTENCE in pdf_text(tmp_path / "r.pdf")
    data = json.loads(attached(tmp_path / "r.pdf"))
    assert data["recognitions"] == [
        {"level": "nang_cao", "decision": "05/2025/QĐ-UBND", "date": "2025-12-20", "decided_by": "19"}
    ]
    province.receiver.withdraw_recognition("01234", 2025, "nang_cao", reason="Ghi nhầm mức")
    ws.sync.import_bundles([province.sync.export_reverse(usb, "01234").path])
    province.close()

    make_report(ws, CommuneReport(year=2025), tmp_path / "r2.pdf")

    assert "đã được công nhận" not in pdf_text(tmp_path / "r2.pdf")
    assert "recognitions" not in json.loads(attached(tmp_path / "r2.pdf"))
