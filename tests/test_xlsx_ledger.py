"""The ledger in Excel: export with totals, the template, and import with a preview and nothing written
until it is applied."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.fieldlabels import field_name, label
from ntm_desktop.core.i18n import set_language
from ntm_desktop.db.base import Base
from ntm_desktop.demo import fill_demo
from ntm_desktop.export.xlsx import export_ledger, write_template
from ntm_desktop.export.xlsx.layout import COLUMNS, LEDGER_SHEET, TOTALS_SHEET
from ntm_desktop.records.excel import apply, preview
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.workspace import Workspace

HEADERS = [c.header for c in COLUMNS]


def rows(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as s:
        return {
            t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in Base.metadata.sorted_tables
        }


def filled(path: Path, lines: list[dict[str, Any]], headers: list[str] | None = None) -> Path:
    """A sheet as an officer fills it: one dict per row, keyed by column key."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = LEDGER_SHEET
    keys = [c.key for c in COLUMNS]
    sheet.append(headers or HEADERS)
    for line in lines:
        sheet.append([line.get(k) for k in keys])
    book.save(path)
    return path


@pytest.fixture
def sup(ws: Workspace) -> str:
    ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn"))
    return "Sở Nội vụ tỉnh Bắc Kạn"


def test_export_has_vietnamese_headers_number_formats_and_totals(blank_ws: Workspace, tmp_path: Path) -> None:
    fill_demo(blank_ws)
    path = tmp_path / "so-ho-tro.xlsx"
    assert export_ledger(blank_ws, path) == 12
    book = load_workbook(path)
    assert book.sheetnames == [LEDGER_SHEET, TOTALS_SHEET, "Đơn vị hỗ trợ"]
    ledger = book[LEDGER_SHEET]
    assert [c.value for c in ledger[1]] == HEADERS
    first = {HEADERS[i]: cell for i, cell in enumerate(ledger[2])}
    assert first["Mã"].value == "h-2019-road" and first["Ngày nhận"].number_format == "dd/mm/yyyy"
    assert first["Số lượng"].value == 40_000_000 and first["Số lượng"].number_format == "#,##0"
    assert first["Giá trị (đồng)"].number_format == "#,##0" and first["Loại"].value == "Tiền mặt"
    assert ledger["C3"].value is None and ledger["G3"].value == "Ngày công lao động"  # continuation row
    totals = {row[0]: row[1] for row in book[TOTALS_SHEET].iter_rows(values_only=True) if row and row[0]}
    assert totals["Số lượt hỗ trợ"] == 12 and totals["Tổng giá trị quy ra tiền (đồng)"] == 932_000_000
    assert totals["Tổng giá trị quy ra tiền"] == "932,00 triệu đồng"
    items = {row[1]: row for row in book[TOTALS_SHEET].iter_rows(values_only=True) if row and row[0]}
    # help in kind nobody put a value on reads as in the PDF, not as worth 0 đồng
    assert items["Đường bê tông"][2:] == ("m", 60, "chưa quy đổi", "chưa quy đổi")
    assert items["Xi măng"][2:] == ("tấn", 20, 34_000_000, 34)
    supporters = book["Đơn vị hỗ trợ"]  # 11 rows: the header stays in view when scrolling
    assert [c.value for c in supporters[1]] == ["Mã", "Tên", "Loại", "Cơ quan chủ quản"]
    assert supporters.freeze_panes == "A2" and supporters.max_row == 12


def test_a_supporter_whose_help_nobody_valued_reads_not_converted_in_the_totals(
    blank_ws: Workspace, tmp_path: Path
) -> None:
    """100 bags of cement with no value put on them are "chưa quy đổi" in the supporter and funding-source
    rows, as in the items table, not worth 0 đồng."""
    fill_demo(blank_ws)
    blank_ws.supporters.add(SupporterDraft("Công ty Xi măng Bắc Kạn", kind="company"))
    uid = next(s.uid for s in blank_ws.supporters.list() if s.name == "Công ty Xi măng Bắc Kạn")
    cement = ItemDraft("material", Decimal(100), "bao", "Xi măng PCB40")
    blank_ws.help.add(
        HelpDraft(date(2025, 3, 1), "Xi măng làm đường", (uid,), (cement,), funding_source="enterprise")
    )
    path = tmp_path / "so-ho-tro.xlsx"
    export_ledger(blank_ws, path)
    rows = {r[0]: r for r in load_workbook(path)[TOTALS_SHEET].iter_rows(values_only=True) if r and r[0]}
    assert rows["Công ty Xi măng Bắc Kạn"][1:4] == (1, "chưa quy đổi", "chưa quy đổi")
    assert rows["Doanh nghiệp"][1:4] == (1, "chưa quy đổi", "chưa quy đổi")
    valued = rows["Sở Nội vụ tỉnh Bắc Kạn"]
    assert isinstance(valued[2], int) and valued[2] > 0 and valued[3] == valued[2] / 1_000_000


def test_a_ledger_nobody_valued_reads_not_converted_at_the_top_of_the_totals(
    ws: Workspace, sup: str, tmp_path: Path
) -> None:
    """The 'Tổng hợp' sheet's own figures, above its tables: not '0' and '0,00 triệu đồng' for 45 days of
    labour and 100 bags of cement nobody put a value on (the cash, none, stays 0)."""
    uid = ws.supporters.list()[0].uid
    items = (
        ItemDraft("labour", Decimal(45), "ngày công"),
        ItemDraft("material", Decimal(100), "bao", "Xi măng"),
    )
    ws.help.add(HelpDraft(date(2025, 3, 1), "Làm đường thôn", (uid,), items))
    path = tmp_path / "so-ho-tro.xlsx"
    export_ledger(ws, path)
    top = {
        r[0]: r[1] for r in load_workbook(path)[TOTALS_SHEET].iter_rows(max_row=8, values_only=True) if r[0]
    }
    assert top["Số lượt hỗ trợ"] == 1 and top["Trong đó tiền mặt (đồng)"] == 0
    assert top["Tổng giá trị quy ra tiền (đồng)"] == "chưa quy đổi"
    assert top["Tổng giá trị quy ra tiền"] == "chưa quy đổi"
    assert top["Tóm tắt"].startswith("1 lượt hỗ trợ, chưa quy đổi ra tiền; 45 ngày công"), top["Tóm tắt"]


def test_the_ledger_workbook_is_vietnamese_whatever_the_window_s_language(
    blank_ws: Workspace, tmp_path: Path
) -> None:
    """Exported from the English window, the workbook was Vietnamese but for 'Tóm tắt' ('12 help records,
    total value 932,00 million đồng…') and the supporters' kinds ('Party body', 'Company')."""
    fill_demo(blank_ws)
    export_ledger(blank_ws, tmp_path / "vi.xlsx")
    set_language("en")
    export_ledger(blank_ws, tmp_path / "en.xlsx")
    vi, en = load_workbook(tmp_path / "vi.xlsx"), load_workbook(tmp_path / "en.xlsx")
    for name in vi.sheetnames:
        assert list(en[name].values) == list(vi[name].values), name
    summary = {r[0]: r[1] for r in vi[TOTALS_SHEET].iter_rows(max_row=9, values_only=True) if r[0]}
    assert summary["Tóm tắt"].startswith(
        "12 lượt hỗ trợ, tổng giá trị quy ra tiền 932,00 triệu đồng, trong đó "
    )
    assert {r[2] for r in vi["Đơn vị hỗ trợ"].iter_rows(min_row=2, values_only=True)} >= {"Cơ quan Đảng"}


def test_an_exported_ledger_imports_unchanged(blank_ws: Workspace, tmp_path: Path) -> None:
    fill_demo(blank_ws)
    path = tmp_path / "so-ho-tro.xlsx"
    export_ledger(blank_ws, path)
    before = rows(blank_ws)
    pv = preview(blank_ws, path)
    assert pv.ok and pv.records == 12 and pv.counts["help"].unchanged == 12 and not pv.new_supporters
    assert apply(blank_ws, pv).changed == 0
    assert rows(blank_ws) == before


def test_template_has_pick_lists_and_the_known_supporters(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    write_template(path, ["Sở Nội vụ tỉnh Bắc Kạn"])
    book = load_workbook(path)
    ledger = book[LEDGER_SHEET]
    assert [c.value for c in ledger[1]] == HEADERS and ledger.max_row == 1
    rules = {str(v.sqref): v.formula1 for v in ledger.data_validations.dataValidation}
    assert rules["G2:G500"].startswith("'Hướng dẫn'!$A$")
    guide = [row for row in book["Hướng dẫn"].iter_rows(values_only=True)]
    assert any(row[0] == "Tiền mặt" for row in guide) and any(
        row[4] == "Sở Nội vụ tỉnh Bắc Kạn" for row in guide
    )


def test_template_headers_are_the_help_forms_words(tmp_path: Path) -> None:
    """The template names each field as the help form and its item table do (the form's row labels
    come from field_name; the item table's headers are the item fields' labels)."""
    set_language("vi")
    path = tmp_path / "mau.xlsx"
    write_template(path)
    written = [c.value for c in load_workbook(path)[LEDGER_SHEET][1]]
    path_of = {"households": "beneficiaries.households", "persons": "beneficiaries.persons"}
    form = [
        field_name("help", path_of.get(c.key, c.key))
        if c.help_level
        else label(f"help[0].items[0].{c.key}").split(" · ")[-1]
        for c in COLUMNS
    ]
    assert written == form
    assert written[:6] == [
        "Mã",
        "Ngày nhận",
        "Đơn vị hỗ trợ",
        "Nội dung hỗ trợ",
        "Thôn, bản",
        "Phục vụ tiêu chí",
    ]
    assert written[12:14] == ["Số hộ được hưởng", "Số người được hưởng"]


FORMER_HEADERS = [
    "Mã",
    "Ngày",
    "Đơn vị hỗ trợ",
    "Nội dung hỗ trợ",
    "Thôn",
    "Tiêu chí",
    "Loại",
    "Tên hiện vật, công việc",
    "Số lượng",
    "Đơn vị tính",
    "Giá trị quy ra tiền (đồng)",
    "Ghi chú",
    "Số hộ hưởng lợi",
    "Số người hưởng lợi",
    "Nguồn vốn",
]
"""The ledger's headers as NTM Desktop 0.2.0 wrote them (and officers' filled-in sheets still have)."""


def test_a_sheet_with_the_former_headers_still_imports(ws: Workspace, sup: str, tmp_path: Path) -> None:
    path = filled(
        tmp_path / "cu.xlsx",
        [
            {
                "date": "15/03/2024",
                "supporters": sup,
                "title": "Làm đường thôn Nà Pài",
                "village": "Nà Pài",
                "criteria": 2,
                "kind": "vật liệu",
                "name": "Xi măng",
                "quantity": 20,
                "unit": "tấn",
                "value_vnd": "34.000.000",
                "description": "Bàn giao tại thôn",
                "households": 45,
                "persons": 180,
            }
        ],
        FORMER_HEADERS,
    )
    pv = preview(ws, path)
    assert pv.ok, pv.text()
    apply(ws, pv)
    (road,) = ws.help.list()
    assert (road.date, road.village, road.criteria) == (date(2024, 3, 15), "Nà Pài", ("2",))
    assert (road.households, road.persons, road.description) == (45, 180, "Bàn giao tại thôn")
    assert [(i.name, i.quantity, i.value_vnd) for i in road.items] == [("Xi măng", 20, 34_000_000)]


def test_a_problem_in_a_sheet_with_the_former_headers_names_the_column_as_that_sheet_does(
    ws: Workspace, sup: str, tmp_path: Path
) -> None:
    set_language("vi")
    row = {"supporters": sup, "title": "Quà", "kind": "quà", "quantity": 5, "unit": "suất"}
    path = filled(tmp_path / "cu.xlsx", [dict(row, date="31/02/2024", households="nhiều")], FORMER_HEADERS)
    found = [str(p) for p in preview(ws, path).problems]
    assert "dòng 2, cột “Ngày”: 31/02/2024 không phải ngày có thật: tháng 2/2024 có 29 ngày" in found, found
    assert "dòng 2, cột “Số hộ hưởng lợi”: phải là số nguyên từ 0 trở lên" in found, found


def test_a_date_cell_says_why_it_is_no_day_or_how_to_write_one(
    ws: Workspace, sup: str, tmp_path: Path
) -> None:
    """A day written in the right form that does not exist says why, as the forms and commands do; text
    that is no date at all says how to write one."""
    set_language("vi")
    row = {"supporters": sup, "title": "Quà", "kind": "quà", "quantity": 5, "unit": "suất"}
    days = ["31/02/2019", "2023-13-01", "hôm qua"]
    path = filled(tmp_path / "ngay.xlsx", [dict(row, date=d) for d in days])
    found = [str(p) for p in preview(ws, path).problems]
    assert "dòng 2, cột “Ngày nhận”: 31/02/2019 không phải ngày có thật: tháng 2/2019 có 28 ngày" in found, (
        found
    )
    assert (
        "dòng 3, cột “Ngày nhận”: 2023-13-01 không phải ngày có thật: một năm chỉ có tháng 1 đến tháng 12"
        in found
    ), found
    assert (
        "dòng 4, cột “Ngày nhận”: “hôm qua” không phải là ngày. Hãy viết như 31/12/2023 hoặc 2023-12-31"
        in found
    ), found


def test_a_filled_in_template_imports_and_exports_under_the_same_headers(
    ws: Workspace, sup: str, tmp_path: Path
) -> None:
    template = tmp_path / "mau.xlsx"
    write_template(template, [sup])
    book = load_workbook(template)
    sheet = book[LEDGER_SHEET]
    headers = [c.value for c in sheet[1]]
    typed = {
        "Ngày nhận": "01/06/2025",
        "Đơn vị hỗ trợ": sup,
        "Nội dung hỗ trợ": "Tặng quà học sinh nghèo",
        "Thôn, bản": "Pác Châm",
        "Loại": "Quà",
        "Tên": "Suất quà",
        "Số lượng": 10,
        "Đơn vị tính": "suất",
        "Giá trị (đồng)": 5_000_000,
        "Mô tả": "Trao tại nhà văn hóa",
        "Số hộ được hưởng": 10,
    }
    sheet.append([typed.get(h) for h in headers])
    book.save(template)
    pv = preview(ws, template)
    assert pv.ok, pv.text()
    apply(ws, pv)
    out = tmp_path / "xuat.xlsx"
    export_ledger(ws, out)
    ledger = load_workbook(out)[LEDGER_SHEET]
    assert [c.value for c in ledger[1]] == headers
    row = dict(zip(headers, (c.value for c in ledger[2]), strict=True))
    assert {h: row[h] for h in typed if h != "Ngày nhận"} == {
        h: v for h, v in typed.items() if h != "Ngày nhận"
    }
    assert row["Ngày nhận"].date() == date(2025, 6, 1)


def test_preview_writes_nothing_then_apply_imports_everything(
    ws: Workspace, sup: str, tmp_path: Path
) -> None:
    path = filled(
        tmp_path / "filled.xlsx",
        [
            {
                "date": date(2023, 6, 30),
                "supporters": "sở nội vụ tỉnh bắc kạn; Ban Dân vận Tỉnh ủy",
                "title": "Xây dựng cổng chào thôn Pác Châm",
                "village": "Pác Châm",
                "criteria": 6,
                "kind": "Tiền mặt",
                "quantity": "30 triệu",
                "unit": "đồng",
            },
            {"kind": "Công trình", "name": "Cổng chào", "quantity": 1, "unit": "công trình"},
            {
                "date": "20/10/2023",
                "supporters": "Công ty Điện lực Bắc Kạn",
                "title": "Tặng quà học sinh",
                "kind": "quà",
                "name": "Suất quà",
                "quantity": "10",
                "unit": "suất",
                "value_vnd": "5.000.000",
                "households": 10,
            },
        ],
    )
    before = rows(ws)
    pv = preview(ws, path)
    assert pv.ok, pv.text()
    assert (pv.records, pv.lines) == (2, 3)
    assert pv.new_supporters == ("Ban Dân vận Tỉnh ủy", "Công ty Điện lực Bắc Kạn")
    assert pv.counts["help"].created == 2 and pv.counts["supporters"].created == 2
    assert rows(ws) == before
    result = apply(ws, pv)
    assert result.counts["help"].created == 2
    gate, gifts = ws.help.list()
    assert gate.supporter_names == ("Sở Nội vụ tỉnh Bắc Kạn", "Ban Dân vận Tỉnh ủy") and gate.criteria == (
        "6",
    )
    assert [(i.kind, i.quantity, i.value_vnd) for i in gate.items] == [
        ("cash", 30_000_000, 30_000_000),
        ("works", 1, None),
    ]
    assert gifts.date == date(2023, 10, 20) and gifts.households == 10 and gifts.value_vnd == 5_000_000
    again = preview(ws, path)
    assert again.counts["help"].unchanged == 2 and not again.new_supporters and not again.warnings


def test_every_row_problem_names_row_and_column_and_nothing_is_written(
    ws: Workspace, sup: str, tmp_path: Path
) -> None:
    set_language("en")
    path = filled(
        tmp_path / "bad.xlsx",
        [
            {
                "date": "31/02/2023",
                "supporters": sup,
                "title": "Quà Tết",
                "kind": "gift",
                "quantity": 10,
                "unit": "suất",
            },
            {
                "date": date(2023, 3, 1),
                "supporters": sup,
                "title": "Xi măng",
                "kind": "vật liệu",
                "quantity": -3,
                "unit": "tấn",
            },
            {"kind": "rocket", "quantity": "1.5", "unit": "chiếc"},
            {"date": date(2023, 4, 1), "supporters": sup, "kind": "cash", "quantity": "40,5", "unit": "đồng"},
            {
                "date": date(2023, 5, 1),
                "supporters": sup,
                "title": "Sách vở",
                "kind": "goods",
                "quantity": 100,
                "unit": "cuốn",
                "value_vnd": 1.5,
            },
        ],
    )
    before = rows(ws)
    pv = preview(ws, path)
    assert not pv.ok
    found = [str(p) for p in pv.problems]
    assert found[0] == "row 2, column “Ngày nhận”: 31/02/2023 is no real day: month 2/2023 has 28 days"
    assert "row 3, column “Số lượng”: must be a number ≥ 0" in found
    assert any(p.startswith("row 4, column “Loại”: unknown kind “rocket”") for p in found)
    assert any(p.startswith("row 4, column “Số lượng”: “1.5” is ambiguous") for p in found)
    assert any(p.startswith("row 5, column “Số lượng”: “40,5” has a decimal comma") for p in found)
    assert "row 6, column “Giá trị (đồng)”: must be a whole number of đồng ≥ 0, or empty" in found
    with pytest.raises(InvalidInput):
        apply(ws, pv)
    assert rows(ws) == before
    assert "nothing can be imported" in pv.text()


def test_a_missing_title_is_found_by_the_records_rules(ws: Workspace, sup: str, tmp_path: Path) -> None:
    set_language("en")
    path = filled(
        tmp_path / "t.xlsx",
        [{"date": date(2023, 1, 1), "supporters": sup, "kind": "gift", "quantity": 1, "unit": "suất"}],
    )
    assert [str(p) for p in preview(ws, path).problems] == ["row 2, column “Nội dung hỗ trợ”: is required"]


def test_wrong_columns_are_refused_clearly(ws: Workspace, tmp_path: Path) -> None:
    set_language("en")
    renamed = [h if h != "Số lượng" else "So luong hang" for h in HEADERS] + ["Màu sắc"]
    with pytest.raises(InvalidInput) as caught:
        preview(ws, filled(tmp_path / "cols.xlsx", [], renamed))
    messages = [str(p) for p in caught.value.problems]
    assert any("unknown column “So luong hang”" in m for m in messages)
    assert any("unknown column “Màu sắc”" in m for m in messages)
    assert any(m.endswith("missing columns: Số lượng") for m in messages)
    with pytest.raises(InvalidInput, match="no header row"):
        preview(ws, filled(tmp_path / "none.xlsx", [{"title": "x"}], ["a", "b"]))
    text = tmp_path / "not.xlsx"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not an Excel workbook"):
        preview(ws, text)


def test_headers_match_without_accents(ws: Workspace, sup: str, tmp_path: Path) -> None:
    plain = [
        "MA",
        "ngay",
        "Don vi ho tro",
        "noi dung ho tro",
        "Thon",
        "Tieu chi",
        "LOAI",
        "Ten hien vat, cong viec",
        "So luong",
        "Don vi tinh",
        "Gia tri quy ra tien (dong)",
        "Ghi chu",
        "So ho huong loi",
        "So nguoi huong loi",
    ]
    path = filled(
        tmp_path / "plain.xlsx",
        [
            {
                "date": date(2024, 1, 1),
                "supporters": sup,
                "title": "Quà",
                "kind": "gift",
                "quantity": 5,
                "unit": "suất",
            }
        ],
        plain,
    )
    assert preview(ws, path).ok


def test_cli_template_preview_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite")
    assert main(["--db", db, "demo", "--no-gui"]) == 0
    template = tmp_path / "mau.xlsx"
    assert main(["--db", db, "help", "template", str(template)]) == 0
    path = filled(
        tmp_path / "f.xlsx",
        [
            {
                "date": "01/03/2026",
                "supporters": "Sở Nội vụ tỉnh Bắc Kạn",
                "title": "Tặng sách",
                "kind": "goods",
                "quantity": "1.000",
                "unit": "cuốn",
            }
        ],
    )
    capsys.readouterr()
    assert main(["--db", db, "help", "import-xlsx", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Chưa ghi gì" in out and "Hỗ trợ đã nhận: 1 mới" in out
    assert main(["--db", db, "help", "import-xlsx", str(path), "--yes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["result"]["lists"]["help"]["created"] == 1
    bad = filled(
        tmp_path / "bad.xlsx",
        [{"date": "x", "supporters": "A", "title": "B", "kind": "gift", "quantity": 1, "unit": "suất"}],
    )
    assert main(["--db", db, "help", "import-xlsx", str(bad), "--yes"]) == 3
    out, err = capsys.readouterr()
    assert "dòng 2" in out and "Không nhập gì" in err
    exported = tmp_path / "out.xlsx"
    assert main(["--db", db, "help", "export-xlsx", str(exported), "--year", "2026"]) == 0
    assert load_workbook(exported)[LEDGER_SHEET].max_row == 3  # two help records of 2026, one line each
