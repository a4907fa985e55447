"""The funding source in Excel: a column of the ledger (exported, filled in the template, imported back),
a pick list in the template and a table of totals by source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook

from ntm_desktop.core.i18n import set_language
from ntm_desktop.export.xlsx import export_ledger, write_template
from ntm_desktop.export.xlsx.layout import BY_KEY, COLUMNS, LEDGER_SHEET, TOTALS_SHEET, letter
from ntm_desktop.records.excel import apply, preview
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.workspace import Workspace

SOURCE = letter(COLUMNS.index(BY_KEY["funding_source"]))


def _fill(ws: Workspace) -> None:
    sup = ws.supporters.add(SupporterDraft("Công ty Điện lực Bắc Kạn", kind="company")).ids[0]
    for n, (source, value) in enumerate((("enterprise", 354_000_000), ("community", 0), ("", 5_000_000))):
        item = ItemDraft("works", Decimal(1), "công trình", "Đèn chiếu sáng", value or None)
        ws.help.add(
            HelpDraft(date(2023, 4, n + 1), f"Công trình {n}", (sup,), (item,), funding_source=source)
        )


def test_the_ledger_sheet_and_the_totals_name_each_source(ws: Workspace, tmp_path: Path) -> None:
    _fill(ws)
    path = tmp_path / "so-ho-tro.xlsx"
    export_ledger(ws, path, 2023)
    book = load_workbook(path)
    ledger = book[LEDGER_SHEET]
    assert ledger[f"{SOURCE}1"].value == "Nguồn vốn"
    assert [ledger[f"{SOURCE}{r}"].value for r in (2, 3, 4)] == ["Doanh nghiệp", "Cộng đồng dân cư", None]
    rows = [r for r in book[TOTALS_SHEET].iter_rows(values_only=True) if r and r[0]]
    start = next(i for i, r in enumerate(rows) if r[0] == "Nguồn vốn")
    assert [r[:3] for r in rows[start + 1 : start + 4]] == [
        ("Doanh nghiệp", 1, 354_000_000),
        ("Cộng đồng dân cư", 1, "chưa quy đổi"),  # works nobody put a value on (7d017da)
        ("Chưa xác định nguồn", 1, 5_000_000),
    ]
    pv = preview(ws, path)  # the exported sheet reads back as the same records
    assert pv.ok and pv.counts["help"].unchanged == 3


def test_a_filled_template_imports_the_source_and_a_wrong_one_names_its_cell(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn"))
    template = tmp_path / "mau.xlsx"
    write_template(template)
    rules = {str(v.sqref): v for v in load_workbook(template)[LEDGER_SHEET].data_validations.dataValidation}
    assert rules[f"{SOURCE}2:{SOURCE}500"].showErrorMessage  # only the listed sources
    guide = [r for r in load_workbook(template)["Hướng dẫn"].iter_rows(values_only=True)]
    assert any(len(r) > 6 and r[6] == "Ngân sách trung ương" for r in guide)

    def sheet(source: str) -> Path:
        book = Workbook()
        ledger = book.active
        assert ledger is not None
        ledger.title = LEDGER_SHEET
        ledger.append([c.header for c in COLUMNS])
        line = {
            "date": "15/03/2024",
            "supporters": "Sở Nội vụ tỉnh Bắc Kạn",
            "title": "Đất hiến mở đường",
            "kind": "khác",
            "name": "Đất hiến",
            "quantity": 500,
            "unit": "m²",
            "funding_source": source,
        }
        ledger.append([line.get(c.key) for c in COLUMNS])
        path = tmp_path / f"{len(source)}.xlsx"
        book.save(path)
        return path

    set_language("en")
    wrong = preview(ws, sheet("Quỹ từ thiện"))
    assert not wrong.ok
    assert [p.path for p in wrong.problems] == ["row 2, column “Nguồn vốn”"]
    set_language("vi")
    pv = preview(ws, sheet("Cộng đồng dân cư"))
    assert pv.ok, pv.text()
    apply(ws, pv)
    [land] = ws.help.list()
    assert land.funding_source == "community"
    assert [(i.kind, i.quantity, i.unit) for i in land.items] == [("other", 500, "m²")]
