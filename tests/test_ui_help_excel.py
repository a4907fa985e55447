"""Excel from the ledger page: the template is saved, a filled sheet is checked first and its problems are
listed by row and column with nothing written, and only "Import" writes; the export holds the records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog

from ntm_desktop.export.xlsx.layout import COLUMNS, LEDGER_SHEET
from ntm_desktop.ui.pages.help import excel
from ntm_desktop.ui.pages.help.section import HelpSection
from ntm_desktop.ui.pages.help.table_model import TITLE
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, open_help_page, road_draft, settle, ui

__all__ = ["ui"]  # the fixture


def fill(path: Path, rows: list[dict[str, Any]]) -> None:
    """Fill the saved template's ledger sheet, one dict (column key → value) per row."""
    book = load_workbook(path)
    sheet = book[LEDGER_SHEET]
    where = {c.key: i for i, c in enumerate(COLUMNS, start=1)}
    for n, cells in enumerate(rows, start=2):
        for key, value in cells.items():
            sheet.cell(row=n, column=where[key], value=value)
    book.save(path)


GOOD = [
    {"date": "10/12/2019", "supporters": SO_NOI_VU, "title": "Bê tông hóa đường vào trường",
     "village": "Bằng Thành II", "criteria": "2", "kind": "Tiền mặt", "quantity": 40_000_000, "unit": "đồng"},
    {"kind": "Ngày công lao động", "quantity": 30, "unit": "ngày công"},
    {"date": "20/10/2019", "supporters": "Công ty Điện lực Bắc Kạn", "title": "Tặng quà học sinh",
     "kind": "Quà", "name": "Suất quà", "quantity": 10, "unit": "suất", "value_vnd": 5_000_000},
]  # fmt: skip


@pytest.fixture
def page(qtbot, ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HelpSection:
    ctx, _ = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    section = open_help_page(qtbot, ctx)
    template = tmp_path / "mau.xlsx"
    actions = section.ledger.excel
    monkeypatch.setattr(actions, "ask_save_path", lambda title, suggested: template)
    section.ledger.template_action.trigger()
    settle(qtbot, ctx, lambda: template.exists())
    monkeypatch.setattr(actions, "ask_open_path", lambda: template)
    return section


def test_a_sheet_with_problems_is_listed_row_by_row_and_nothing_is_written(
    qtbot, qtmodeltester, ui, page: HelpSection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, errors = ui
    template = tmp_path / "mau.xlsx"
    assert page.ledger.note.text() == f"Đã lưu tệp mẫu vào {template}"
    bad = [dict(GOOD[0], date="31/02/2019"), dict(GOOD[1], quantity=-30), GOOD[2]]
    fill(template, bad)
    shown: list[excel.ImportPreview] = []

    def look(dialog: excel.ImportPreview) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(excel.ImportPreview, "exec", look)
    page.ledger.import_action.trigger()
    settle(qtbot, ctx, lambda: bool(shown))
    dialog = shown[0]
    problems = [(where, text) for where, text in dialog.problems.texts()]
    qtmodeltester.check(dialog.problems.proxy)
    assert [where for where, _ in problems] == ["dòng 2, cột “Ngày nhận”", "dòng 3, cột “Số lượng”"]
    # why it is no day, as every form says it (not only "không phải là ngày")
    assert problems[0][1] == "31/02/2019 không phải ngày có thật: tháng 2/2019 có 28 ngày"
    assert problems[1][1] == "Phải là một số từ 0 trở lên"
    assert not dialog.import_button.isEnabled()
    assert dialog.verdict.text().startswith(f"Có {len(dialog.pv.problems)} lỗi")
    assert ctx.ws.help.count() == 0
    assert page.ledger.note.text() == "Không nhập gì."
    assert not errors


def test_a_good_sheet_is_imported_only_when_the_officer_confirms(
    qtbot, ui, page: HelpSection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, errors = ui
    fill(tmp_path / "mau.xlsx", GOOD)
    answers = [QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted]
    shown: list[excel.ImportPreview] = []

    def answer(dialog: excel.ImportPreview) -> int:
        shown.append(dialog)
        return answers[len(shown) - 1]

    monkeypatch.setattr(excel.ImportPreview, "exec", answer)
    page.ledger.import_action.trigger()
    settle(qtbot, ctx, lambda: len(shown) == 1)
    first = shown[0]
    assert first.import_button.isEnabled()
    assert first.summary.text().splitlines() == [
        "mau.xlsx: 2 lượt hỗ trợ trên 3 dòng.",
        "Đơn vị hỗ trợ mới sẽ được thêm: Công ty Điện lực Bắc Kạn",
        "Hỗ trợ đã nhận: 2 mới, 0 cập nhật, 0 không đổi",
        "Đơn vị hỗ trợ: 1 mới, 0 cập nhật, 0 không đổi",
    ]
    assert ctx.ws.help.count() == 0  # looked at, cancelled: nothing written
    page.ledger.import_action.trigger()
    settle(qtbot, ctx, lambda: ctx.ws.help.count() == 2 and page.ledger.model.rowCount() == 2)
    model = page.ledger.model
    assert sorted(model.index(r, TITLE).data() for r in range(2)) == [
        "Bê tông hóa đường vào trường",
        "Tặng quà học sinh",
    ]
    assert page.ledger.totals.money.text() == (
        "2 lượt hỗ trợ · Tổng giá trị quy ra tiền: 45.000.000 đ · Tiền mặt: 40.000.000 đ"
    )
    assert page.ledger.note.text() == "Đã nhập 2 lượt hỗ trợ từ mau.xlsx"
    assert not errors


def test_the_export_holds_the_year_shown(qtbot, ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(road_draft(noi_vu))
    section = open_help_page(qtbot, ctx)
    target = tmp_path / "so"
    monkeypatch.setattr(
        section.ledger.excel, "ask_save_path", lambda title, suggested: target.with_suffix(".xlsx")
    )
    section.ledger.export_action.trigger()
    settle(qtbot, ctx, lambda: target.with_suffix(".xlsx").exists())
    sheet = load_workbook(target.with_suffix(".xlsx"))[LEDGER_SHEET]
    titles = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True) if row[3]]
    assert titles == [road_draft(noi_vu).title]
    assert "Đã lưu 1 lượt hỗ trợ vào" in section.ledger.note.text()
    assert not errors
