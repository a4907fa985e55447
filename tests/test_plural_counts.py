"""A count reads right in English: "1 commune is expected", "2 communes are expected", "1 help record"
(tr() wrote every count once in the plural: "1 communes"). Vietnamese has one form and reads as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.i18n import set_language
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.ui.pages.registry import SYNC_PAGE
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.testing import open_page
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, open_help_page, road_draft, settle, ui

__all__ = ["ui"]  # the fixture


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> str:
    assert main(["--db", str(db), *argv]) == 0
    return capsys.readouterr().out


def expect(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Path, lang: str, *codes: str) -> str:
    listed = tmp_path / "xa.csv"
    rows = "".join(f"{code},Xã {code},Xã\n" for code in codes)
    listed.write_text("mã,tên,loại\n" + rows, encoding="utf-8")
    return run(capsys, db, "--lang", lang, "receiver", "expect", str(listed))


def test_the_province_reads_one_commune_and_two_communes_in_english_and_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tinh.sqlite"
    run(capsys, db, "receiver", "setup", "--code", "19", "--signer", "Nguyễn Thị Hà")

    assert expect(tmp_path, capsys, db, "en", "01234") == "1 commune is expected to report.\n"
    summary = run(capsys, db, "--lang", "en", "summary", "--year", "2025")
    assert "0/1 commune has reported." in summary
    assert "Every criterion met by their own figures: 0 communes;" in summary
    assert "No help recorded." in summary

    assert expect(tmp_path, capsys, db, "en", "01234", "01240") == "2 communes are expected to report.\n"
    assert "0/2 communes have reported." in run(capsys, db, "--lang", "en", "summary", "--year", "2025")

    assert expect(tmp_path, capsys, db, "vi", "01234") == "1 xã được đưa vào danh sách phải báo cáo.\n"
    assert (
        expect(tmp_path, capsys, db, "vi", "01234", "01240") == "2 xã được đưa vào danh sách phải báo cáo.\n"
    )
    assert "0/2 xã đã báo cáo." in run(capsys, db, "summary", "--year", "2025")


def test_the_help_totals_say_one_help_record_and_two_help_records(qtbot, ui) -> None:
    ctx, errors = ui
    noi_vu, dien_luc = add_supporters(ctx.ws, SO_NOI_VU, "Công ty Điện lực Bắc Kạn")
    ctx.ws.help.add(road_draft(noi_vu))
    ctx.ws.help.add(road_draft(dien_luc, date(2019, 3, 1)))
    set_language("en")
    tab = open_help_page(qtbot, ctx).ledger
    assert tab.totals.money.text().startswith("2 help records · Total value in money: 80.000.000 đ")
    tab.filters.supporter.setCurrentIndex(tab.filters.supporter.findData(noi_vu))
    assert tab.totals.money.text().startswith("1 help record · Total value in money: 40.000.000 đ")
    set_language("vi")
    tab.filters.supporter.setCurrentIndex(0)
    assert tab.totals.money.text().startswith("2 lượt hỗ trợ · Tổng giá trị quy ra tiền: 80.000.000 đ")
    tab.filters.supporter.setCurrentIndex(tab.filters.supporter.findData(noi_vu))
    assert tab.totals.money.text().startswith("1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 40.000.000 đ")
    assert not errors


def test_the_sync_page_says_one_change_then_two_changes_not_yet_confirmed(qtbot, ui) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)  # the one record the province has not confirmed yet
    set_language("en")
    page = open_page(ctx, 2025, SYNC_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, SyncPage)
    settle(qtbot, ctx, lambda: page.loaded)
    assert page.pending.text() == "1 change not yet confirmed"
    ctx.mutate(lambda ws: ws.supporters.add(SupporterDraft("Công ty Điện lực Bắc Kạn")))
    settle(qtbot, ctx, lambda: page.pending.text() == "2 changes not yet confirmed")
    set_language("vi")
    ctx.mutate(lambda ws: ws.supporters.add(SupporterDraft("Hội Nông dân xã")))
    settle(qtbot, ctx, lambda: page.pending.text() == "3 thay đổi chưa được xác nhận")
    assert not errors
