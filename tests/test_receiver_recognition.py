"""The province's recognition decisions: recorded only for an approved year, checked (number, date, level),
corrected or withdrawn with a trace, and counted apart from what a commune assessed itself — a commune's own
"19/19" is not a recognition, nor is a year nobody reviewed."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.receiver import Province, province
from tests.helpers.sync import receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["province"]  # fixture

YEAR = 2025
DAY = date(2025, 12, 20)


def approve(office: Workspace, code: str, year: int = YEAR) -> None:
    office.receiver.set_status(code, year, "reviewed")
    office.receiver.set_status(code, year, "approved")


def audited(office: Workspace) -> int:
    with office.db.read() as s:
        return int(s.scalar(select(func.count()).where(m.AuditEntry.action == "receiver.recognise")) or 0)


def test_only_an_approved_year_is_recognised(province: Province) -> None:
    r = province.office.receiver
    # 01234 meets 19/19 by its own figures: that is not a recognition, nor is a reviewed year
    with pytest.raises(Conflict, match="phê duyệt"):
        r.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    r.set_status("01234", YEAR, "reviewed")
    with pytest.raises(Conflict):
        r.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    with pytest.raises(Conflict):  # has not reported at all
        r.recognise("01267", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    with pytest.raises(NotFound):
        r.recognise("09999", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    assert r.recognitions() == [] and audited(province.office) == 0

    r.set_status("01234", YEAR, "approved")
    changes = r.recognise("01234", YEAR, decision=" 123/QĐ-UBND ", decided_on=DAY, level="ntm")
    assert changes.action == "receiver.recognise" and changes.ids == ("01234/2025",)
    [found] = r.recognitions(YEAR)
    assert (found.code, found.year, found.level, found.decision, found.decided_on, found.decided_by) == (
        "01234", YEAR, "ntm", "123/QĐ-UBND", DAY, "19"
    )  # fmt: skip
    assert found.recorded_by == "Người kiểm thử"
    row = next(u for u in r.units(YEAR) if u.code == "01234")
    assert row.recognised and [x.decision for x in row.recognitions] == ["123/QĐ-UBND"]
    assert not any(u.recognised for u in r.units(2024))  # another year is its own


def test_wrong_input_is_named_and_changes_nothing(province: Province) -> None:
    r = province.office.receiver
    approve(province.office, "01234")
    future = vntime.today() + timedelta(days=3)
    cases = [
        ({"decision": "Quyết định số 123", "decided_on": DAY, "level": "ntm"}, "decision"),
        ({"decision": "123/QĐ-UBND", "decided_on": DAY, "level": "xuat_sac"}, "level"),
        ({"decision": "123/QĐ-UBND", "decided_on": date(2024, 12, 31), "level": "ntm"}, "date"),
        ({"decision": "123/QĐ-UBND", "decided_on": future, "level": "ntm"}, "date"),
        ({"decision": "123/QĐ-UBND", "decided_on": None, "level": "ntm"}, "date"),
    ]
    for values, field in cases:
        with pytest.raises(InvalidInput) as caught:
            r.recognise("01234", YEAR, **values)  # type: ignore[arg-type]
        assert [p.path for p in caught.value.problems] == [field], values
    assert r.recognitions() == [] and audited(province.office) == 0
    # a decision numbered with its year is the usual form too
    r.recognise("01234", YEAR, decision="05/2026/QĐ-UBND", decided_on=date(2026, 1, 5), level="nang_cao")
    assert [x.level for x in r.recognitions(YEAR)] == ["nang_cao"]


def test_corrected_withdrawn_and_kept_when_the_year_is_reopened(province: Province) -> None:
    office = province.office
    r = office.receiver
    approve(office, "01234")
    r.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    with pytest.raises(Conflict):  # the same again is not a second decision
        r.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    r.recognise("01234", YEAR, decision="132/QĐ-UBND", decided_on=DAY, level="ntm")  # a typo corrected
    assert [x.decision for x in r.recognitions(YEAR)] == ["132/QĐ-UBND"]

    # reopening the approved year does not undo a legal decision
    r.set_status("01234", YEAR, "reviewed", reason="Kiểm tra lại tiêu chí 17")
    assert next(u for u in r.units(YEAR) if u.code == "01234").recognised

    with pytest.raises(InvalidInput):
        r.withdraw_recognition("01234", YEAR, "ntm", reason="  ")
    with pytest.raises(NotFound):
        r.withdraw_recognition("01234", YEAR, "kieu_mau", reason="Ghi nhầm")
    r.withdraw_recognition("01234", YEAR, "ntm", reason="Ghi nhầm xã")
    assert r.recognitions(YEAR) == []
    assert r.summary(YEAR)["reached_standard"]["recognised"] == 0
    with office.db.read() as s:
        kept = s.get(m.ReceiverRecognition, ("01234", YEAR, "ntm"))
        assert kept is not None and kept.deleted_at is not None and kept.reason == "Ghi nhầm xã"
        entries = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == "receiver.recognise").order_by(m.AuditEntry.id)
        ).all()
    assert [(e.before or {}).get("decision") for e in entries] == [None, "123/QĐ-UBND", "132/QĐ-UBND"]


def test_the_summary_tells_self_assessed_from_reviewed_approved_and_recognised(province: Province) -> None:
    office = province.office
    r = office.receiver
    before = r.summary(YEAR)
    assert before["reached_standard"] == {"self_assessed": 1, "reviewed": 0, "approved": 0, "recognised": 0}
    approve(office, "01234")
    r.set_status("01240", YEAR, "reviewed")  # 18/19: reviewed, but not at the standard
    r.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    summary = r.summary(YEAR)
    assert summary["reached_standard"] == {"self_assessed": 1, "reviewed": 1, "approved": 1, "recognised": 1}
    units = {u["code"]: u for u in summary["units"]}
    assert units["01234"]["recognitions"] == [
        {"level": "ntm", "decision": "123/QĐ-UBND", "date": "2025-12-20", "decided_by": "19"}
    ]
    [entry] = summary["provinces"]
    assert {k: entry[k] for k in ("code", "units", "reported", "approved", "recognised")} == {
        "code": "19", "units": 4, "reported": 3, "approved": 1, "recognised": 1
    }  # fmt: skip
    documented = readme_summary_example()  # what README.md promises `summary --json` prints
    assert set(documented["units"][0]["recognitions"][0]) == set(units["01234"]["recognitions"][0])
    assert set(documented["units"][0]) == set(units["01234"])


def readme_summary_example() -> dict:
    """The JSON example under README.md's `summary --year Y --json` heading."""
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    after = text.split("#### `summary --year Y --json`", 1)[1]
    return json.loads(after.split("```json", 1)[1].split("```", 1)[0])


def test_the_national_office_does_not_recognise_communes(tmp_path: Path) -> None:
    national = receiver(tmp_path, "national", code="00")
    national.receiver.configure(level="national")
    with pytest.raises(Conflict, match="tỉnh"):
        national.receiver.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    national.close()


def test_recognise_on_the_command_line(province: Province, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location(province.office))
    approve(province.office, "01240")
    argv = ["--db", db, "receiver", "recognise", "01240", "--year", "2025", "--level", "ntm"]
    assert main([*argv, "--decision", "45/QĐ-UBND", "--date", "31/02/2025"]) == 3  # no such day
    assert "Ngày: 31/02/2025 không phải ngày có thật: tháng 2/2025 có 28 ngày" in capsys.readouterr().err
    assert main([*argv, "--decision", "45/QĐ-UBND", "--date", "2025-12-20"]) == 0
    out = capsys.readouterr().out
    assert "45/QĐ-UBND" in out and "20/12/2025" in out
    assert "18/19" in out  # the approved figures do not meet every criterion: said, not refused
    assert "thay cho" not in out
    assert main([*argv, "--decision", "46/QĐ-UBND", "--date", "2025-12-21"]) == 0  # a correction
    out = capsys.readouterr().out
    assert "46/QĐ-UBND" in out
    assert "Quyết định này thay cho Quyết định số 45/QĐ-UBND ngày 20/12/2025 đã ghi trước đó" in out
    assert main([*argv, "--decision", "45/QĐ-UBND", "--date", "2025-12-20"]) == 0  # back as it was
    capsys.readouterr()
    assert main(["--db", db, "receiver", "recognitions", "--year", "2025", "--json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert (shown["code"], shown["level"], shown["decision"], shown["decided_on"]) == (
        "01240", "ntm", "45/QĐ-UBND", "2025-12-20"
    )  # fmt: skip
    assert main(["--db", db, "summary", "--year", "2025"]) == 0
    assert "Công nhận theo quyết định: 1" in capsys.readouterr().out


def test_the_summary_report_and_excel_tell_recognised_from_self_assessed(
    province: Province, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from ntm_desktop.reports import SummaryReport, make_report
    from ntm_desktop.reports.summary_xlsx import export_summary
    from tests.helpers.reports import attached, pdf_text

    office = province.office
    office.receiver.configure(signer_name="Nguyễn Thị Hà", signer_title="Chánh Văn phòng")
    approve(office, "01234")
    office.receiver.set_status("01240", YEAR, "reviewed")
    office.receiver.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=DAY, level="ntm")
    pdf = tmp_path / "tong-hop.pdf"
    make_report(office, SummaryReport(year=YEAR, number=7, date=date(2026, 1, 10), signer=None), pdf, None)
    text = pdf_text(pdf)
    # an approved commune was counted again as reviewed ("1 xã đã được xem xét, 1 xã đã được phê duyệt":
    # two communes to a reader) while the reception paragraph counts it once, as approved
    said = "1 xã tự đánh giá đạt đủ 19/19 tiêu chí, trong đó 1 xã đã được phê duyệt kết quả, 0 xã đã được"
    said += " xem xét"
    assert said in text and "đã phê duyệt 1 xã, đã xem xét 1 xã" in text  # 01240 reviewed, not full
    assert "Năm 2025, 1 xã được công nhận đạt chuẩn theo quyết định" in text
    assert "Xã nông thôn mới" in text and "123/QĐ-UBND" in text and "20/12/2025" in text
    data = json.loads(attached(pdf))
    assert data["reached_standard"] == {"self_assessed": 1, "reviewed": 1, "approved": 1, "recognised": 1}
    assert data["units"][0]["recognitions"][0]["decision"] == "123/QĐ-UBND"

    export_summary(office, tmp_path / "tong-hop.xlsx", YEAR)
    book = load_workbook(tmp_path / "tong-hop.xlsx")
    first = next(book["Các xã"].iter_rows(min_row=4, values_only=True))
    assert first[0] == "01234" and first[-3:-1] == ("Xã nông thôn mới", "123/QĐ-UBND")
    assert first[-1].date() == DAY
    standard = list(book["Đạt chuẩn"].iter_rows(min_row=4, values_only=True))
    assert [n for _, n in standard] == [1, 1, 1, 1]


def test_before_any_recognition_the_paper_says_so(province: Province, tmp_path: Path) -> None:
    from ntm_desktop.reports import SummaryReport, make_report
    from tests.helpers.reports import pdf_text

    office = province.office
    office.receiver.configure(signer_name="Nguyễn Thị Hà", signer_title="Chánh Văn phòng")
    pdf = tmp_path / "tong-hop.pdf"
    make_report(office, SummaryReport(year=YEAR, number=None, date=date(2026, 1, 10), signer=None), pdf, None)
    text = pdf_text(pdf)
    said = "1 xã tự đánh giá đạt đủ 19/19 tiêu chí, trong đó 0 xã đã được phê duyệt kết quả, 0 xã đã được"
    said += " xem xét"
    assert said in text
    assert "chưa có xã nào được công nhận đạt chuẩn theo quyết định" in text
    # the parent agency in full under the title (it read "Kính gửi: UBND tỉnh Thái Nguyên"); the header's
    # parent line and "Nơi nhận" keep the short form NĐ 30/2020 allows there
    assert "Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên" in text and "Kính gửi: UBND" not in text
    assert "UBND TỈNH THÁI NGUYÊN VĂN PHÒNG" in text and "- UBND tỉnh Thái Nguyên (b/c);" in text
