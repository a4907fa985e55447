"""A province office sends its year to the national office from the Sync page (#14): the clerk presses
"Gửi tổng hợp năm cho Văn phòng Điều phối Trung ương…", chooses the year and the USB stick, and the page
says where the file went and what it carries; the national office imports it and sees the province's
communes. The national office and a commune have no such button. A year to come is refused with
nothing written — on the command line too (exit 3); a roll-up that carries no commune (a province office just
set up) goes, and says so. A computer the office key has not certified is told so before any folder is
chosen, for the roll-up and what goes back to communes alike, and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.errors import open_dialogs
from ntm_desktop.ui.pages.registry import RECEIVER_SYNC_PAGE, SYNC_PAGE
from ntm_desktop.ui.pages.sync.export_dialog import ExportChoice, ExportDialog
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.testing import open_window
from tests.helpers.engines import location
from tests.helpers.national import Offices, province_and_national, take_in
from tests.helpers.sync import receiver
from tests.helpers.ui_sync import Errors, context, settle

YEAR = 2025
SEND = "Gửi tổng hợp năm cho Văn phòng Điều phối Trung ương…"
SHOT = Path("/tmp/ntm-national-send.png")
UNCERTIFIED_SHOT = Path("/tmp/ntm-uncertified-send.png")


@dataclass
class Province:
    offices: Offices
    ctx: AppContext
    errors: Errors
    usb: Path


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Province]:
    with province_and_national(tmp_path) as o:
        ctx, errors = context(o.province.office, tmp_path)
        usb = tmp_path / "usb-quoc-gia"
        usb.mkdir()
        yield Province(o, ctx, errors, usb)
        ctx.tasks.wait()
        for dialog in open_dialogs():  # a refusal's dialog left open is the next test's "modal dialog"
            dialog.close()


def sync_page(qtbot, ctx: AppContext, page: int = RECEIVER_SYNC_PAGE) -> SyncPage:
    """The Sync page of the office's (or commune's) main window, as the clerk opens it."""
    window = open_window(ctx, YEAR, page, (1366, 768))
    qtbot.addWidget(window)
    built = next(window.page(i) for i in range(len(window.slots)) if isinstance(window.page(i), SyncPage))
    assert isinstance(built, SyncPage)
    settle(qtbot, ctx, lambda: built.loaded)
    return built


def send_button(page: SyncPage) -> QPushButton | None:
    found = [b for b in page.findChildren(QPushButton) if b.text() == SEND]
    return found[0] if found and found[0].isVisibleTo(page.window()) else None


def choose(monkeypatch: pytest.MonkeyPatch, usb: Path, year: int) -> list[list[int]]:
    """The clerk picks the USB stick and the year in the export dialog; the years offered are kept."""
    offered: list[list[int]] = []

    def ask(cls, *a, years=(), **k) -> ExportChoice:
        offered.append(list(years))
        return ExportChoice(usb, 0, None, year)

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    return offered


def test_the_province_sends_its_year_and_the_national_office_sees_its_communes(
    qtbot, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sync_page(qtbot, province.ctx)
    button = send_button(page)
    assert button is not None and button.isEnabled()
    offered = choose(monkeypatch, province.usb, YEAR)
    button.click()
    settle(qtbot, province.ctx, lambda: page.result.isVisible())
    assert not province.errors
    this_year = vntime.today().year
    assert offered == [list(range(this_year, this_year - 6, -1))]  # no year to come is offered
    [sent] = list(province.usb.glob("*.ntmsync"))
    text = page.result.text()
    assert f"Đã ghi: {sent}" in text, text
    assert f"Gói tổng hợp năm {YEAR} gửi Trung ương: 4 xã, 3 gói dữ liệu của xã" in text
    page.window().grab().save(str(SHOT))

    national = province.offices.national
    take_in(national, sent)
    held = {u.code for u in province.offices.province.office.receiver.units(YEAR)}
    shown = {u.code for u in national.receiver.units(YEAR)}
    assert len(held) == 4 and shown == held, (held, shown)


def test_a_province_office_with_no_commune_yet_sends_and_is_told_so(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = receiver(tmp_path, "tinh-moi", code="04")
    office.receiver.configure(level="province")
    ctx, errors = context(office, tmp_path)
    usb = tmp_path / "usb-trong"
    usb.mkdir()
    try:
        page = sync_page(qtbot, ctx)
        assert page.send_title.text() == "Gửi cho các xã và Trung ương"
        choose(monkeypatch, usb, YEAR)
        button = send_button(page)
        assert button is not None
        button.click()
        settle(qtbot, ctx, lambda: page.result.isVisible())
        text = page.result.text()
        assert f"Gói tổng hợp năm {YEAR} gửi Trung ương: 0 xã" in text, text
        assert f"Trung ương sẽ thấy tỉnh trong năm {YEAR} với toàn số 0" in text, text
        assert len(list(usb.glob("*.ntmsync"))) == 1 and not errors
    finally:
        ctx.tasks.wait()
        office.close()


def test_a_year_to_come_is_refused_and_nothing_is_written(
    qtbot, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sync_page(qtbot, province.ctx)
    choose(monkeypatch, province.usb, vntime.today().year + 1)
    button = send_button(page)
    assert button is not None
    button.click()
    settle(qtbot, province.ctx, lambda: bool(province.errors))
    [error] = province.errors
    assert isinstance(error, InvalidInput) and "chưa đến" in str(error)
    assert list(province.usb.iterdir()) == []
    assert button.isEnabled()  # the page is ready for another try


def test_a_computer_the_office_key_has_not_certified_is_told_before_choosing_a_folder(
    qtbot, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    province.offices.province.office.sync.office.create("mật khẩu văn phòng 19")  # this computer: none
    asked = choose(monkeypatch, province.usb, YEAR)
    page = sync_page(qtbot, province.ctx)
    for button in (send_button(page), page.receipt_button, page.reverse_button):
        assert button is not None and button.isEnabled()
        button.click()
        settle(qtbot, province.ctx, lambda: bool(province.errors))
        [error] = province.errors
        assert isinstance(error, Conflict) and "keys office certify" in str(error)
        [dialog] = [d for d in open_dialogs() if d.text.text() == str(error)]  # the one error dialog
        assert "chưa được khóa văn phòng của tỉnh Thái Nguyên (19) cấp chứng thư" in dialog.text.text()
        dialog.grab().save(str(UNCERTIFIED_SHOT))
        dialog.close()
        qtbot.waitUntil(lambda shown=dialog: shown not in open_dialogs())
        province.errors.clear()
    assert asked == [] and list(province.usb.iterdir()) == []  # no folder asked for, nothing written


def test_the_national_office_and_a_commune_have_no_such_button(qtbot, tmp_path: Path) -> None:
    with province_and_national(tmp_path) as o:
        for ws, which in ((o.national, RECEIVER_SYNC_PAGE), (o.province.communes[0], SYNC_PAGE)):
            ctx, errors = context(ws, tmp_path)
            page = sync_page(qtbot, ctx, which)
            assert send_button(page) is None
            ctx.tasks.wait()
            assert not errors


def test_the_command_line_refuses_a_year_to_come_and_says_when_no_commune_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = receiver(tmp_path, "tinh-moi", code="04")
    empty.receiver.configure(level="province")
    where = location(empty)
    empty.close()
    out = tmp_path / "usb-trong"
    out.mkdir()
    export = ["--db", where, "bundle", "export", "--to", "national", "--out", str(out), "--year"]
    code = main([*export, str(vntime.today().year + 1)])
    err = capsys.readouterr().err
    assert code == 3 and f"Năm {vntime.today().year + 1} chưa đến" in err, err
    assert list(out.iterdir()) == []  # nothing written
    code = main([*export, str(YEAR)])  # a province just set up: its roll-up goes, and says it is empty
    err = capsys.readouterr().err
    assert code == 0 and f"Trung ương sẽ thấy tỉnh trong năm {YEAR} với toàn số 0" in err, err
    assert len(list(out.iterdir())) == 1
