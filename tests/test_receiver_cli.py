"""``summary``, ``receiver …`` and ``report summary``: what an officer at the province types and gets."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from tests.helpers.engines import location
from tests.helpers.poppler import poppler_text
from tests.helpers.receiver import Province, province
from tests.helpers.reports import attached, pdf_text

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["province"]  # fixture

PASSPHRASE = "mat-khau-van-phong"


def run(capsys: pytest.CaptureFixture[str], db: Path | str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_setting_up_a_receiver_and_expecting_its_communes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tinh.sqlite"
    code, _, err = run(capsys, db, "summary", "--year", "2025")
    assert code == 4 and "receiver setup" in err and not db.exists()  # no data file made by a typo
    code, out, _ = run(capsys, db, "receiver", "setup", "--code", "19", "--signer", "Nguyễn Thị Hà")
    assert code == 0 and "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên (19)" in out

    good = tmp_path / "xa.csv"
    good.write_text("\ufeffmã,tên,loại\n01234,Xã Bằng Thành,Xã\n\n01240;x\n", encoding="utf-8")
    code, _, err = run(capsys, db, "receiver", "expect", str(good))
    assert code == 3 and "xa.csv:4" in err  # the line with ";" is one cell: not code,name
    assert err.count("xa.csv:4") == 1 and "mã,tên[,loại]" in err  # one problem for it, saying the form
    notes = tmp_path / "ghi-chu.txt"  # not a list of communes at all: one message, not two a line
    notes.write_text("Họp dân thôn Bản Vược\nNhận 20 bao xi măng\nthe end\n", encoding="utf-8")
    code, _, err = run(capsys, db, "receiver", "expect", str(notes))
    assert code == 3 and "không phải danh sách xã" in err and "ghi-chu.txt:1" not in err
    good.write_text(
        "\ufeffmã,tên,loại\n01234,Xã Bằng Thành,Xã\n01240,Phường Nghiên Loan,phuong\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, db, "receiver", "expect", str(good))
    assert code == 0 and "2" in out

    code, out, _ = run(capsys, db, "receiver", "units", "--year", "2025", "--json")
    rows = json.loads(out)
    assert [(r["code"], r["name"], r["type"], r["status"]) for r in rows] == [
        ("01234", "Xã Bằng Thành", "xa", "not_reported"),
        ("01240", "Phường Nghiên Loan", "phuong", "not_reported"),
    ]
    code, out, _ = run(capsys, db, "summary", "--year", "2025", "--json")
    assert json.loads(out) == {
        "year": 2025,
        "units": [
            {"code": "01234", "name": "Xã Bằng Thành", "criteria_met": None, "criteria_total": None,
             "status": "not_reported", "recognitions": []},
            {"code": "01240", "name": "Phường Nghiên Loan", "criteria_met": None, "criteria_total": None,
             "status": "not_reported", "recognitions": []},
        ],
        "reached_standard": {"self_assessed": 0, "reviewed": 0, "approved": 0, "recognised": 0},
        "provinces": [
            {"code": "19", "name": "Thái Nguyên", "units": 2, "reported": 0, "approved": 0, "recognised": 0,
             "help": {"records": 0, "value_vnd": 0, "by_kind": {}, "items": [], "by_funding_source": {}}},
        ],
        "help": {"records": 0, "value_vnd": 0, "by_kind": {}, "items": [], "by_funding_source": {}},
    }  # fmt: skip


def test_units_status_merge_and_the_human_summary(
    province: Province, capsys: pytest.CaptureFixture[str]
) -> None:
    db = location(province.office)
    code, out, _ = run(capsys, db, "receiver", "units", "--year", "2025", "--json")
    assert code == 0
    expected = [
        asdict(r)
        | {
            "last_bundle_at": vntime.json_vn(r.last_bundle_at) if r.last_bundle_at else None,
            "predecessors": list(r.predecessors),
            "merge_requests": list(r.merge_requests),
            "recognitions": [],
        }
        for r in province.office.receiver.units(2025)
    ]
    assert json.loads(out) == expected and len(expected) == 4
    code, out, _ = run(capsys, db, "receiver", "units", "--year", "2025")
    assert "Xã Cao Kỳ" in out and "Chưa báo cáo" in out and "19/19" in out

    code, _, err = run(capsys, db, "receiver", "status", "01234", "--year", "2025", "--set", "returned")
    assert code == 3 and "lý do" in err
    assert err.rstrip().endswith("; ghi bằng tùy chọn --reason"), err  # what to retype, by its option
    assert run(capsys, db, "receiver", "status", "01234", "--year", "2025", "--set", "reviewed")[0] == 0
    code, out, _ = run(capsys, db, "receiver", "status", "01234", "--year", "2025", "--json")
    shown = json.loads(out)
    assert shown["status"] == "reviewed" and shown["history"][0]["to_status"] == "reviewed"
    code, out, _ = run(capsys, db, "receiver", "status", "01234", "--year", "2025")
    assert "Đã nhận → Đã xem xét" in out and "Người kiểm thử" in out

    code, out, _ = run(capsys, db, "summary", "--year", "2025")
    assert code == 0 and "3/4 xã đã báo cáo" in out and "Chưa báo cáo: Xã Cao Kỳ (01267)" in out
    assert "triệu đồng" in out

    assert run(capsys, db, "receiver", "merge", "01252", "--into", "01240")[0] == 0
    code, out, _ = run(capsys, db, "receiver", "units", "--year", "2025", "--json")
    assert [r["code"] for r in json.loads(out)] == ["01234", "01240", "01267"]
    assert run(capsys, db, "receiver", "merge", "01252", "--undo")[0] == 0
    code, out, _ = run(capsys, db, "receiver", "amendments")
    assert code == 0 and "Không có thay đổi" in out


def test_a_year_returned_for_one_indicator_asks_the_commune_to_correct_that_one(
    province: Province, capsys: pytest.CaptureFixture[str]
) -> None:
    db = location(province.office)
    indicator = next(a for a in province.office.progress.assessments(2025, "01234") if a.indicator)
    why = f"Chỉ tiêu {indicator.indicator}: chưa có biên bản kiểm tra"
    argv = ["receiver", "status", "01234", "--year", "2025", "--set", "returned", "--reason", why]
    code, _, err = run(capsys, db, *argv, "--indicator", "99.9")
    assert code == 3 and "Xã 01234 chưa có kết quả đánh giá 99.9 của năm 2025" in err
    assert province.office.sync.corrections() == []  # nothing changed
    code, out, _ = run(capsys, db, *argv, "--indicator", str(indicator.indicator))
    assert code == 0 and "Trả lại để chỉnh sửa" in out
    (asked,) = province.office.sync.corrections()
    assert (asked.unit_code, asked.record_id) == ("01234", indicator.record_id)
    assert why in asked.reason


def test_the_summary_as_excel_has_the_same_tables(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "tong-hop-2023.xlsx"
    code, out, _ = run(
        capsys, location(province.office), "receiver", "export-xlsx", "--year", "2023", str(out_file)
    )
    assert code == 0 and "4 xã" in out
    book = load_workbook(out_file)
    assert book.sheetnames == [
        "Các xã", "Chưa báo cáo", "Hỗ trợ theo loại", "Hỗ trợ theo xã", "Hỗ trợ theo đơn vị",
        "Cán bộ biệt phái", "Phân bố tiêu chí", "Đạt chuẩn",
    ]  # fmt: skip
    units = [row for row in book["Các xã"].iter_rows(min_row=4, values_only=True)]
    assert [u[0] for u in units] == ["01234", "01240", "01252", "01267"]
    by_unit = list(book["Hỗ trợ theo xã"].iter_rows(min_row=4, values_only=True))
    assert by_unit[-1][1] == "Tổng cộng"
    assert by_unit[-1][3] == province.office.receiver.help_totals(2023).value_vnd
    supporters = {r[0]: r for r in book["Hỗ trợ theo đơn vị"].iter_rows(min_row=4, values_only=True)}
    # the communes a supporter helped, named as the rest of the receiver's words name them, not codes only
    assert supporters["Công ty Điện lực Bắc Kạn"][2:4] == (
        3,
        "Xã Bằng Thành, mã 01234; Xã Nghiên Loan, mã 01240; Xã Cổ Linh, mã 01252",
    )
    assert [r[0] for r in book["Chưa báo cáo"].iter_rows(min_row=4, values_only=True)] == ["01267"]
    # the workbook is Vietnamese whatever the language of the command: no 'Xã Bằng Thành, code 01234'
    english = tmp_path / "summary-2023.xlsx"
    code, _, _ = run(capsys, location(province.office), "--lang", "en", "receiver", "export-xlsx",
                     "--year", "2023", str(english))  # fmt: skip
    assert code == 0
    for name in book.sheetnames:
        assert list(load_workbook(english)[name].values) == list(book[name].values), name


def test_help_in_kind_without_a_value_says_so_in_the_summary_sheet(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As in the PDF: 45 days of labour nobody put a value on are "chưa quy đổi", not worth 0 đồng."""
    out_file = tmp_path / "tong-hop-2025.xlsx"
    code, _, _ = run(
        capsys, location(province.office), "receiver", "export-xlsx", "--year", "2025", str(out_file)
    )
    assert code == 0
    kinds = {
        r[1]: r for r in load_workbook(out_file)["Hỗ trợ theo loại"].iter_rows(min_row=4, values_only=True)
    }
    assert kinds["Ngày công"][2:] == (135, "ngày công", "chưa quy đổi", "chưa quy đổi")
    assert kinds["Tiền mặt"][4] == kinds["Tiền mặt"][2] and kinds["Tiền mặt"][4] > 0


def test_a_commune_and_a_supporter_whose_help_nobody_valued_read_not_converted(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Xã Bằng Thành's only help of 2021 is 100 bags of cement nobody put a value on: its row in "Hỗ trợ
    theo xã" and the supporter's in "Hỗ trợ theo đơn vị" say "chưa quy đổi", not 0 đồng; a commune with no
    help that year stays 0."""
    bang_thanh = province.communes[0]
    bang_thanh.supporters.add(SupporterDraft("Công ty Xi măng Bắc Kạn", kind="company"))
    uid = next(s.uid for s in bang_thanh.supporters.list() if s.name == "Công ty Xi măng Bắc Kạn")
    cement = ItemDraft("material", Decimal(100), "bao", "Xi măng PCB40")
    bang_thanh.help.add(HelpDraft(date(2021, 3, 1), "Xi măng làm đường thôn", (uid,), (cement,)))
    province.send_all()
    out_file = tmp_path / "tong-hop-2021.xlsx"
    code, _, _ = run(
        capsys, location(province.office), "receiver", "export-xlsx", "--year", "2021", str(out_file)
    )
    assert code == 0
    book = load_workbook(out_file)
    units = {r[0]: r for r in book["Hỗ trợ theo xã"].iter_rows(min_row=4, values_only=True)}
    assert units["01234"][2:] == (1, "chưa quy đổi", 0)
    assert units["01240"][2:] == (0, 0, 0)
    supporters = {r[0]: r for r in book["Hỗ trợ theo đơn vị"].iter_rows(min_row=4, values_only=True)}
    assert supporters["Công ty Xi măng Bắc Kạn"][4:] == (1, "chưa quy đổi", 0)


@pytest.fixture
def key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("NTM_KEY_PASS", PASSPHRASE)
    path = tmp_path / "keys" / "van-phong.p12"
    path.parent.mkdir()
    assert main(["certificate", "new", "--name", "Nguyễn Thị Hà", "--title", "Chánh Văn phòng",
                 "--out", str(path), "--passphrase-env", "NTM_KEY_PASS"]) == 0  # fmt: skip
    capsys.readouterr()
    return path


def test_the_summary_report_in_the_official_format_signed(
    province: Province, key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = province.office
    office.receiver.set_status("01234", 2025, "reviewed")
    office.receiver.set_status("01234", 2025, "approved")
    out = tmp_path / "bao-cao-tong-hop-2025.pdf"
    argv = ["report", "summary", "--year", "2025", "--out", str(out), "--number", "7", "--date", "2026-01-10"]
    code, said, err = run(
        capsys, location(office), *argv, "--sign", "--key", str(key), "--passphrase-env", "NTM_KEY_PASS"
    )
    assert code == 0, err
    assert "Đã ký bởi Nguyễn Thị Hà" in said

    text = pdf_text(out)
    assert "UBND TỈNH THÁI NGUYÊN" in text and "VĂN PHÒNG ĐIỀU PHỐI" in text
    assert "Số: 07/BC-VPĐP" in text and "Thái Nguyên, ngày 10 tháng 01 năm 2026" in text
    assert "3/4 xã" in text and "Xã Cao Kỳ" in text and "Đã phê duyệt" in text
    assert "Lục Văn Thắng" in text and "Số xã theo số tiêu chí đạt" in text
    assert "CHÁNH VĂN PHÒNG" in text and "Nguyễn Thị Hà" in text
    data = json.loads(attached(out))
    assert (
        data["report"] == "receiver-summary" and data["help"] == office.receiver.help_totals(2025).to_json()
    )
    assert [u["status"] for u in data["units"]] == ["approved", "received", "received", "not_reported"]

    code, verdict, _ = run(capsys, location(office), "verify", str(out), "--json")
    check = json.loads(verdict)
    (signature,) = check["signatures"]
    assert (
        code == 0 and signature["intact"] and check["data_matches"] and signature["signer"] == "Nguyễn Thị Hà"
    )


def test_a_commune_that_lost_criteria_shows_the_same_minus_in_the_list_and_the_summary_pdf(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Xã Cổ Linh had 16/19 in 2024 and now sends 14/19: "−2" in the units table and in the PDF (it was
    "-2", a hyphen, in print while the screen showed "−2")."""
    commune = next(c for c in province.communes if c.unit.home().code == "01252")
    met = [c.code for c in commune.progress.summary(2025).criteria if c.status == "met"]
    for code in met[:3]:
        commune.progress.record(2025, criterion=code, met=False)
    province.send_all()
    db, out = location(province.office), tmp_path / "tong-hop.pdf"
    code, units, _ = run(capsys, db, "receiver", "units", "--year", "2025")
    assert code == 0 and re.search(r"01252 .* 14/19 +−2 ", units), units
    assert run(capsys, db, "report", "summary", "--year", "2025", "--out", str(out))[0] == 0
    assert "01252 Xã Cổ Linh 14/19 −2 Đã nhận" in poppler_text(out)


def test_the_state_of_a_mistyped_commune_code_is_refused_not_shown_as_not_reported(
    province: Province, capsys: pytest.CaptureFixture[str]
) -> None:
    """``receiver status 99999 --year 2025`` once printed "99999, năm 2025: Chưa báo cáo" (exit 0) for a
    commune the office does not know, where ``--set`` says there is no such unit (the QA walk)."""
    db = location(province.office)
    for code in ("99999", "ABCDE"):
        for json_flag in ([], ["--json"]):
            found, out, err = run(capsys, db, "receiver", "status", code, "--year", "2025", *json_flag)
            assert found == 3 and f"Dữ liệu này không có đơn vị mã {code}" in err and out == "", (out, err)
    found, out, _ = run(capsys, db, "receiver", "status", "01234", "--year", "2025")
    assert found == 0 and out.startswith("01234, năm 2025: ")  # a known commune is shown as before


def test_amendment_requests_are_listed_in_words_with_the_id_to_decide_on(
    province: Province, capsys: pytest.CaptureFixture[str]
) -> None:
    office, db = province.office, location(province.office)
    office.receiver.set_status("01234", 2025, "reviewed")
    office.receiver.set_status("01234", 2025, "approved")
    commune = next(c for c in province.communes if c.unit.home().code == "01234")
    commune.progress.record(2025, indicator="2.1", value="92")
    province.send_all()
    (waiting,) = office.receiver.amendments("open")
    code, out, _ = run(capsys, db, "receiver", "amendments")
    assert code == 0
    head, _, row = out.splitlines()
    assert head.split() == ["ID", "Mã", "Năm", "Bản", "ghi", "Loại", "Trạng", "thái"]
    assert row.split()[:3] == [waiting.id, "01234", "2025"]
    # the record in words (a commune's records have random ids in the field: the acceptance walk saw one)
    assert "Đánh giá tiêu chí: 2025 · chỉ tiêu 2.1" in row and row.rstrip().endswith("thay đổi  đang chờ")
    code, out, _ = run(capsys, db, "receiver", "amendment", waiting.id, "--accept")
    assert code == 0 and "Đã chấp nhận" in out
    code, _, err = run(capsys, db, "receiver", "amendment", waiting.id, "--reject", "--reason", "Nhầm")
    assert code == 3 and "đã được xử lý (đã chấp nhận)" in err, err  # in words, not "(accepted)"


@pytest.mark.parametrize(
    ("argv", "exit_code", "said"),
    [
        (["--level", "national", "--code", "01"], 3, "mã quy ước của phần mềm"),
        (["--code", "1"], 3, "phải gồm 2 đến 5 chữ số"),
        (["--code", "19", "--province-code", "99"], 3, "“99” không phải là mã tỉnh"),
        (["--name", "Văn phòng"], 2, "--code"),  # a province office without its code: wrong usage
    ],
)
def test_a_refused_receiver_setup_leaves_no_data_file_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], exit_code: int, said: str
) -> None:
    """A refused setup made an empty file, which later commands took for a data file (the QA walk)."""
    db = tmp_path / "tw.sqlite"
    with pytest.raises(SystemExit) if exit_code == 2 else _no_raise():
        code, _, err = run(capsys, db, "receiver", "setup", *argv)
        assert code == exit_code and said in err, err
    if exit_code == 2:
        assert said in capsys.readouterr().err
    assert not db.exists()
    code, _, err = run(capsys, db, "summary", "--year", "2025")
    assert code == 4 and "receiver setup" in err  # still no data file: said so, not "not a receiver's"


@contextmanager
def _no_raise() -> Iterator[None]:
    yield


@pytest.mark.parametrize("level", ["province", "national"])
def test_an_office_with_no_commune_yet_is_told_what_to_do_not_shown_an_empty_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], level: str
) -> None:
    db = tmp_path / f"{level}.sqlite"
    setup = ["receiver", "setup", "--level", level] + (["--code", "19"] if level == "province" else [])
    assert run(capsys, db, *setup)[0] == 0
    for argv in (["receiver", "units", "--year", "2025"], ["summary", "--year", "2025"]):
        code, out, _ = run(capsys, db, *argv)
        assert code == 0 and "Chưa có xã nào ở đây" in out and "Mã  Xã" not in out, out
        assert "bundle import" in out and "keys trust" in out
        assert ("gói tổng hợp của tỉnh" in out) == (level == "national")
        assert ("receiver expect" in out) == (level == "province")
    code, out, _ = run(capsys, db, "receiver", "units", "--year", "2025", "--json")
    assert code == 0 and json.loads(out) == []  # the stable output is unchanged


def test_an_office_set_up_without_a_signer_is_told_the_command_that_adds_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tinh.sqlite"
    assert run(capsys, db, "receiver", "setup", "--level", "province", "--code", "19")[0] == 0
    out = tmp_path / "tong-hop.pdf"
    code, _, err = run(capsys, db, "report", "summary", "--year", "2025", "--out", str(out))
    assert code == 3 and "ntm-desktop receiver edit --signer HỌ_TÊN --signer-title CHỨC_VỤ" in err, err
    assert not out.exists()
    edit = ["receiver", "edit", "--signer", "Trần Văn B", "--signer-title", "Chánh Văn phòng"]
    assert run(capsys, db, *edit)[0] == 0  # the command it names does what it says
    assert run(capsys, db, "report", "summary", "--year", "2025", "--out", str(out))[0] == 0 and out.exists()
