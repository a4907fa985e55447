"""The help ledger page as an officer uses it: record the seed article's road help through the form,
find records without typing accents, filter and read the totals, be stopped by a wrong cell, be warned
of a probable duplicate, correct and remove a record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from ntm_desktop.core.changes import Kind
from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.ui.pages.dashboard.page import DashboardTab
from ntm_desktop.ui.pages.help import dialog as help_dialog
from ntm_desktop.ui.pages.help import ledger_tab
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.items_model import KIND, NAME, QUANTITY, UNIT, VALUE
from ntm_desktop.ui.pages.help.section import OVERVIEW_TAB, HelpSection
from ntm_desktop.ui.pages.help.table_model import (
    CASH,
    CRITERIA,
    DATE,
    SUPPORTERS,
    TITLE,
    VILLAGE,
)
from ntm_desktop.ui.pages.help.table_model import (
    VALUE as VALUE_COLUMN,
)
from ntm_desktop.ui.year import YearSpin
from tests.helpers.ui_help import (
    ROAD_TITLE,
    SO_NOI_VU,
    add_supporters,
    fill_road_help,
    open_help_page,
    road_draft,
    settle,
    ui,
    when_modal,
)

__all__ = ["ui"]  # the fixture


def rows(page: HelpSection) -> list[list[str]]:
    model = page.ledger.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_road_help_recorded_through_the_form_shows_in_the_table_and_the_totals(qtbot, ui) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU, "Công ty Điện lực Bắc Kạn")
    page = open_help_page(qtbot, ctx)
    assert (
        page.ledger.status.text()
        == "Chưa ghi nhận hỗ trợ nào. Bấm “Ghi nhận hỗ trợ…” để thêm bản ghi đầu tiên."
    )
    seen: list[str] = []

    def fill_and_save(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpDialog)
        fill_road_help(dialog, qtbot)
        seen.append(dialog.items.total.text())
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill_and_save)
    page.ledger.add_button.click()  # the form is modal: fill_and_save runs inside it
    settle(qtbot, ctx, lambda: page.ledger.model.rowCount() == 1)
    assert seen == ["Tổng giá trị: 40.000.000 đ"]  # the form's live total
    assert rows(page) == [
        [
            "10/12/2019",
            SO_NOI_VU,
            ROAD_TITLE,
            "Bằng Thành II",
            "2",
            "40.000.000 đ",
            "40.000.000 đ",
        ]
    ]
    assert page.ledger.totals.text() == (
        "1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 40.000.000 đ · Tiền mặt: 40.000.000 đ\n"
        "30 ngày công lao động · 60 m đường bê tông"
    )
    saved = ctx.ws.help.list()
    assert [(i.kind, i.quantity, i.unit, i.value_vnd) for i in saved[0].items] == [
        ("cash", Decimal(40_000_000), "đồng", 40_000_000),
        ("labour", Decimal(30), "ngày công", None),
        ("works", Decimal(60), "m", None),
    ]
    assert not errors


def test_search_ignores_accents_and_looks_in_supporters_villages_and_items(qtbot, ui) -> None:
    ctx, _ = ui
    noi_vu, dien_luc = add_supporters(ctx.ws, SO_NOI_VU, "Công ty Điện lực Bắc Kạn")
    ctx.ws.help.add(road_draft(noi_vu))
    ctx.ws.help.add(
        HelpDraft(
            date(2019, 5, 2),
            "Thắp sáng đường quê thôn Nà Phầy",
            (dien_luc,),
            (ItemDraft("material", Decimal(3), "tấn", "Xi măng", 4_500_000),),
            village="Nà Phầy",
        )
    )
    ctx.ws.help.add(
        HelpDraft(
            date(2019, 1, 20),
            "Tặng quà Tết cho hộ nghèo",
            (noi_vu,),
            (ItemDraft("gift", Decimal(20), "suất", "Suất quà", 10_000_000),),
        )
    )
    page = open_help_page(qtbot, ctx)
    search = page.ledger.search
    for typed, titles in [
        ("bang thanh", [ROAD_TITLE]),
        ("BẰNG THÀNH", [ROAD_TITLE]),
        ("na phay", ["Thắp sáng đường quê thôn Nà Phầy"]),
        ("dien luc", ["Thắp sáng đường quê thôn Nà Phầy"]),
        ("xi mang", ["Thắp sáng đường quê thôn Nà Phầy"]),
        ("qua tet", ["Tặng quà Tết cho hộ nghèo"]),
        ("so noi vu", [ROAD_TITLE, "Tặng quà Tết cho hộ nghèo"]),
        ("khong co", []),
    ]:
        search.clear()
        search.insert(typed)
        assert [r[TITLE] for r in rows(page)] == titles, typed
    search.clear()
    qtbot.keyClicks(search, "qua tet")
    assert page.ledger.totals.money.text() == (
        "1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 10.000.000 đ · Tiền mặt: 0 đ"
    )
    assert page.ledger.totals.items.text() == "20 suất quà"


def test_every_filter_narrows_the_rows_and_the_totals_follow(qtbot, ui) -> None:
    ctx, _ = ui
    noi_vu, dien_luc = add_supporters(ctx.ws, SO_NOI_VU, "Công ty Điện lực Bắc Kạn")
    ctx.ws.help.add(road_draft(noi_vu))
    ctx.ws.help.add(road_draft(dien_luc, date(2020, 3, 1)))
    ctx.ws.help.add(
        HelpDraft(
            date(2020, 6, 1),
            "Sửa nhà văn hóa thôn Nà Phầy",
            (dien_luc,),
            (ItemDraft("material", Decimal(343), "tấn", "Xi măng", 1_200_000_000),),
            village="Nà Phầy",
            criteria=("6",),
        )
    )
    page = open_help_page(qtbot, ctx, 2020)
    tab = page.ledger
    f = tab.filters
    assert [r[DATE] for r in rows(page)] == ["01/06/2020", "01/03/2020"]  # the year followed, newest first
    f.all_years.setChecked(True)
    assert tab.totals.money.text() == (
        "3 lượt hỗ trợ · Tổng giá trị quy ra tiền: 1.280.000.000 đ · Tiền mặt: 80.000.000 đ"
    )
    assert tab.totals.items.text() == "60 ngày công lao động · 343 tấn xi măng · 120 m đường bê tông"
    f.supporter.setCurrentIndex(f.supporter.findData(noi_vu))
    assert [r[SUPPORTERS] for r in rows(page)] == [SO_NOI_VU]
    assert tab.totals.money.text().startswith("1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 40.000.000 đ")
    f.supporter.setCurrentIndex(0)
    f.kind.setCurrentIndex(f.kind.findData("material"))
    assert tab.totals.text() == (
        "1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 1.200.000.000 đ · Tiền mặt: 0 đ\n343 tấn xi măng"
    )
    f.kind.setCurrentIndex(0)
    f.criterion.setCurrentIndex(f.criterion.findData("2"))
    assert [r[CRITERIA] for r in rows(page)] == ["2", "2"]
    f.criterion.setCurrentIndex(0)
    f.village.setCurrentIndex(f.village.findData("Nà Phầy"))
    assert [r[VILLAGE] for r in rows(page)] == ["Nà Phầy"]
    f.village.setCurrentIndex(0)
    qtbot.keyClicks(tab.search, "nha van hoa")
    assert len(rows(page)) == 1
    f.all_years.setChecked(False)
    page.findChild(YearSpin).setValue(2019)  # the page's one year box
    assert rows(page) == []
    assert tab.status.text() == "Không có bản ghi nào khớp với bộ lọc."
    assert tab.totals.money.text().startswith("0 lượt hỗ trợ")


def test_a_year_without_help_says_how_to_add_some_or_see_the_other_years(qtbot, ui) -> None:
    ctx, _ = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(road_draft(noi_vu))  # 2019
    page = open_help_page(qtbot, ctx, 2025)
    tab = page.ledger
    assert rows(page) == []
    assert tab.status.text() == (
        "Chưa ghi nhận hỗ trợ nào trong năm 2025. Bấm “Ghi nhận hỗ trợ…” để thêm, "
        "hoặc đánh dấu “Mọi năm” để xem các năm khác."
    )
    tab.filters.all_years.setChecked(True)  # what the message says to do
    assert [r[DATE] for r in rows(page)] == ["10/12/2019"] and tab.status.text() == ""
    tab.filters.all_years.setChecked(False)
    qtbot.keyClicks(tab.search, "xi mang")  # a search of its own: the filters are what hides rows
    assert tab.status.text() == "Không có bản ghi nào khớp với bộ lọc."


def test_sorting_by_supporter_follows_vietnamese_order(qtbot, ui) -> None:
    ctx, _ = ui
    names = ["Đoàn Thanh niên", "Dân quân xã", "Ủy ban MTTQ", "Ban Dân vận"]
    for uid in add_supporters(ctx.ws, *names):
        ctx.ws.help.add(road_draft(uid))
    page = open_help_page(qtbot, ctx)
    page.ledger.table.sortByColumn(SUPPORTERS, Qt.SortOrder.AscendingOrder)
    assert [r[SUPPORTERS] for r in rows(page)] == [
        "Ban Dân vận",
        "Dân quân xã",
        "Đoàn Thanh niên",
        "Ủy ban MTTQ",
    ]
    page.ledger.table.sortByColumn(VALUE_COLUMN, Qt.SortOrder.DescendingOrder)
    assert len(rows(page)) == 4


def open_form(qtbot, ctx) -> HelpDialog:
    from ntm_desktop.services.ledger.choices import load_choices

    dialog = HelpDialog(ctx, load_choices(ctx.ws, 2019), day=date(2019, 12, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_cell_is_said_at_the_cell_and_nothing_is_saved(qtbot, ui) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    dialog = open_form(qtbot, ctx)
    items = dialog.items
    items.set_cell(0, QUANTITY, "40 triệu")
    items.add_line("material")
    items.set_cell(1, NAME, "Xi măng")
    items.set_cell(1, QUANTITY, "-3")
    items.set_cell(1, UNIT, "tấn")
    items.set_cell(1, VALUE, "1,5")
    model = items.model
    assert (
        model.index(1, QUANTITY).data(Qt.ItemDataRole.ToolTipRole)
        == "“-3” là số âm. Hãy nhập số từ 0 trở lên"
    )
    assert "số đồng chẵn" in model.index(1, VALUE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, QUANTITY).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert items.message.message.splitlines() == [
        "Dòng 2, cột Số lượng: “-3” là số âm. Hãy nhập số từ 0 trở lên",
        "Dòng 2, cột Giá trị (đồng): “1,5” có dấu phẩy thập phân, nhưng số tiền phải là số đồng chẵn. "
        "Hãy viết 1.500.000 hoặc ghi thêm đơn vị: 1,5 triệu",
    ]
    assert items.total.text() == "Tổng giá trị: 40.000.000 đ"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, ctx)
    shown = dialog.messages.texts()
    assert shown["title"] == "Bắt buộc phải có"
    assert shown["supporters"] == "Cần ít nhất một đơn vị hỗ trợ"
    assert shown[""] == "Chưa lưu: hãy sửa những chỗ tô đỏ trước."
    assert dialog.isVisible() and dialog.changes is None
    items.set_cell(1, QUANTITY, "3,5")
    items.set_cell(1, VALUE, "4,5 triệu")
    assert items.message.message == ""
    assert items.total.text() == "Tổng giá trị: 44.500.000 đ (tiền mặt 40.000.000 đ)"
    assert ctx.ws.help.count() == 0
    assert not errors


def test_a_record_without_any_line_cannot_be_saved(qtbot, ui) -> None:
    ctx, _ = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    dialog = open_form(qtbot, ctx)
    dialog.items.table.setCurrentIndex(dialog.items.model.index(0, 0))
    dialog.items.remove_button.click()
    assert dialog.items.message.message == "Thêm ít nhất một dòng: nhận gì, bao nhiêu, trị giá bao nhiêu."
    dialog.title_edit.insert(ROAD_TITLE)
    dialog.supporters.tick(SO_NOI_VU)
    dialog.save_button.click()
    settle(qtbot, ctx)
    assert dialog.messages.texts() == {"": "Chưa lưu: hãy sửa những chỗ tô đỏ trước."}
    assert ctx.ws.help.count() == 0


def test_cash_counts_in_dong_and_fills_its_value(qtbot, ui) -> None:
    ctx, _ = ui
    dialog = open_form(qtbot, ctx)
    items = dialog.items
    items.set_cell(0, QUANTITY, "1,5 tỷ")
    model = items.model
    assert model.index(0, QUANTITY).data() == "1.500.000.000"
    assert model.index(0, UNIT).data() == "đồng"
    assert model.index(0, VALUE).data() == "1.500.000.000 đ"
    assert not model.flags(model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable
    items.set_cell(0, KIND, "labour")
    assert model.index(0, UNIT).data() == "ngày công"
    assert model.index(0, VALUE).data() == ""


def test_a_probable_duplicate_asks_before_saving(qtbot, ui, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(road_draft(noi_vu))
    asked: list[str] = []
    answer = {"save": False}

    def ask(parent: QWidget, duplicates: list) -> bool:
        asked.append(duplicates[0].title)
        return answer["save"]

    monkeypatch.setattr(help_dialog.DuplicateWarning, "ask", staticmethod(ask))
    dialog = open_form(qtbot, ctx)
    fill_road_help(dialog, qtbot)
    dialog.title_edit.setText("  bê tông hóa đường vào trường tiểu học BẰNG THÀNH II ")
    dialog.save_button.click()
    settle(qtbot, ctx, lambda: bool(asked))
    assert asked == [ROAD_TITLE]
    assert dialog.messages.texts() == {"": "Chưa lưu: bản ghi này có vẻ trùng với một bản ghi đã có."}
    assert ctx.ws.help.count() == 1 and dialog.changes is None
    answer["save"] = True
    dialog.save_button.click()
    settle(qtbot, ctx, lambda: dialog.changes is not None)
    assert len(asked) == 2
    assert ctx.ws.help.count() == 2
    assert dialog.changes is not None and dialog.changes.touches(Kind.HELP)
    assert not errors


def test_a_new_supporter_can_be_added_from_the_form(qtbot, ui, monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_desktop.services.ledger import SupporterDraft
    from ntm_desktop.ui.pages.supporters.dialogs import SupporterDialog

    ctx, _ = ui
    monkeypatch.setattr(
        SupporterDialog,
        "ask",
        classmethod(lambda cls, parent, existing=None, name="": SupporterDraft(name, "company")),
    )
    dialog = open_form(qtbot, ctx)
    dialog.supporters.search.insert("Công ty Điện lực Bắc Kạn")
    dialog.supporters.new_button.click()
    settle(qtbot, ctx, lambda: bool(dialog.supporters.chosen))
    assert dialog.supporters.names() == ["Công ty Điện lực Bắc Kạn"]
    assert [s.kind for s in ctx.ws.supporters.list()] == ["company"]


def test_editing_and_removing_a_record_keep_the_table_and_totals_current(
    qtbot, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(road_draft(noi_vu))
    page = open_help_page(qtbot, ctx)
    tab = page.ledger
    tab.table.setCurrentIndex(tab.model.index(0, TITLE))

    def correct(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpDialog)
        assert dialog.title_edit.text() == ROAD_TITLE
        assert dialog.items.model.index(2, NAME).data() == "Đường bê tông"
        dialog.title_edit.setText("Bê tông hóa 60 m đường vào trường")
        dialog.items.set_cell(0, QUANTITY, "45.000.000")
        dialog.save_button.click()

    when_modal(correct)
    tab.edit_button.click()
    settle(qtbot, ctx, lambda: rows(page)[0][TITLE] == "Bê tông hóa 60 m đường vào trường")
    assert rows(page)[0][CASH] == "45.000.000 đ"
    assert tab.totals.money.text().startswith("1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 45.000.000 đ")
    monkeypatch.setattr(ledger_tab.RemoveConfirmation, "ask", staticmethod(lambda parent, record: False))
    tab.remove_button.click()
    settle(qtbot, ctx)
    assert len(rows(page)) == 1
    monkeypatch.setattr(ledger_tab.RemoveConfirmation, "ask", staticmethod(lambda parent, record: True))
    tab.remove_button.click()
    settle(qtbot, ctx, lambda: not rows(page))
    assert tab.totals.money.text().startswith("0 lượt hỗ trợ")
    assert ctx.ws.help.count() == 0
    assert not errors


def test_help_nobody_valued_reads_not_converted_not_0_dong(qtbot, ui) -> None:
    """45 days of labour and 100 bags of cement with no value put on them: the ledger's totals and the
    overview say "chưa quy đổi", as the Excel totals and the PDF do, not worth "0 đ"."""
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    items = (
        ItemDraft("labour", Decimal(45), "ngày công"),
        ItemDraft("material", Decimal(100), "bao", "Xi măng"),
    )
    ctx.ws.help.add(HelpDraft(date(2025, 3, 1), "Làm đường thôn Nà Phầy", (noi_vu,), items))
    page = open_help_page(qtbot, ctx, 2025)
    assert page.ledger.totals.money.text() == (
        "1 lượt hỗ trợ · Tổng giá trị quy ra tiền: chưa quy đổi · Tiền mặt: 0 đ"
    )
    assert rows(page)[0][VALUE_COLUMN] == "chưa quy đổi"
    page.tabs.setCurrentIndex(OVERVIEW_TAB)
    overview = page.tab(OVERVIEW_TAB)
    assert isinstance(overview, DashboardTab)
    settle(qtbot, ctx, lambda: overview.overview is not None)
    assert overview.help_value.text() == (
        "Giá trị quy ra tiền: chưa quy đổi (chưa ai ghi giá trị cho các khoản hỗ trợ này)"
    )
    assert overview.months_chart.empty_text == "Chưa có khoản hỗ trợ nào của năm 2025 được quy đổi ra tiền."
    assert not errors


def test_the_models_obey_qt_rules(qtbot, ui, qtmodeltester) -> None:
    from ntm_desktop.ui.pages.help.items_model import ItemsModel, Line
    from ntm_desktop.ui.widgets.list_model import Column, ListFilter, ListModel

    ctx, _ = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(road_draft(noi_vu))
    ctx.ws.help.add(road_draft(noi_vu, date(2019, 1, 1)))
    page = open_help_page(qtbot, ctx)
    qtmodeltester.check(page.ledger.model)
    items = ItemsModel()
    items.set_lines([Line(), Line("material", "Xi măng", "-1", "tấn", "x")])
    qtmodeltester.check(items)
    listed = ListModel([Column("Tên", str), Column("Độ dài", lambda s: str(len(s)), sort=len, right=True)])
    listed.set_rows(["Đắk Lắk", "Dĩ An", "An Giang", "Ân Thi"])
    proxy = ListFilter(listed)
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["An Giang", "Ân Thi", "Dĩ An", "Đắk Lắk"]
    proxy.set_search("an")
    qtmodeltester.check(proxy)
