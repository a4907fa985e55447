"""The office key tab of a receiving office's Sync page: the head of office makes the key, saves its file for
the communes, certifies this computer and revokes it; the commune trusts the office key from its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.ui.pages.sync.keys_card import TrustConfirm
from ntm_desktop.ui.pages.sync.office_dialogs import Certify, CertifyDialog, OfficeFiles, PassphraseDialog
from ntm_desktop.ui.pages.sync.page import SyncPage
from tests.helpers.ui_sync import Offices, offices, settle
from tests.test_ui_sync import open_page

__all__ = ["offices"]  # the fixture

SECRET = "mật khẩu văn phòng 19"


def _answers(monkeypatch: pytest.MonkeyPatch, usb: Path) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, parent, new=False: SECRET))
    monkeypatch.setattr(
        CertifyDialog,
        "ask",
        classmethod(lambda cls, parent, whose: asked.append(whose) or Certify("Nguyễn Thị Hà", 365, SECRET)),
    )
    monkeypatch.setattr(
        OfficeFiles, "save_path", staticmethod(lambda parent, suggested: usb / suggested.name)
    )
    monkeypatch.setattr(OfficeFiles, "confirm_revoke", staticmethod(lambda parent, clerk, device: True))
    return asked


def _office_tab_shown(page: SyncPage) -> bool:
    return any(page.tabs.tabText(i) == "Khóa văn phòng" for i in range(page.tabs.count()))


def test_the_head_of_office_makes_the_key_certifies_this_computer_and_revokes_it(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _answers(monkeypatch, offices.usb)
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    tab = page.office
    assert _office_tab_shown(page) and tab.status.text() == "Văn phòng chưa có khóa văn phòng."
    assert not tab.certify_button.isEnabled()

    tab.create_button.click()
    settle(qtbot, offices.province_ctx, lambda: tab.info is not None)
    made = offices.province.sync.office.show()
    assert made is not None and tab.fingerprint.text() == made.fingerprint
    assert page.result.text().startswith("Đã tạo khóa văn phòng") and not tab.create_button.isVisible()

    tab.save_button.click()
    saved = offices.usb / "khoa-van-phong-19.ntmkey"
    settle(qtbot, offices.province_ctx, lambda: saved.exists())
    assert page.result.text() == f"Đã lưu tệp khóa văn phòng vào {saved}"

    tab.certify_button.click()
    settle(qtbot, offices.province_ctx, lambda: tab.table.rowCount() == 1)
    assert asked == [f"Máy này (mã máy {offices.province.device_id})"]
    assert tab.table.item(0, 0).text() == "Nguyễn Thị Hà" and tab.table.item(0, 4).text() == ""
    assert page.result.text().startswith(f"Đã cấp chứng thư cho máy {offices.province.device_id}")

    tab.table.selectRow(0)
    tab.revoke_button.click()
    settle(qtbot, offices.province_ctx, lambda: tab.table.item(0, 4).text() != "")
    assert page.result.text().startswith("Đã thu hồi chứng thư của cán bộ Nguyễn Thị Hà")


def test_the_commune_trusts_the_office_key_file_and_sees_it_listed(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    offices.province.sync.office.create(SECRET)
    card = offices.usb / "khoa-van-phong-19.ntmkey"
    offices.province.sync.office.export(card)
    shown: list[str] = []
    monkeypatch.setattr(
        TrustConfirm, "ask", staticmethod(lambda parent, unit, fp: shown.append(unit) or True)
    )
    page = open_page(qtbot, offices.commune_ctx, receiver=False)
    assert not _office_tab_shown(page)

    page.keys.trust_key(card)
    settle(qtbot, offices.commune_ctx, lambda: page.known_keys.table.rowCount() == 1)

    assert shown and shown[0].endswith("(khóa văn phòng)")
    assert page.result.text().startswith("Đã tin cậy khóa văn phòng của tỉnh 19")
    assert page.known_keys.table.item(0, 4).text() == "khóa văn phòng: cấp chứng thư cho máy của cán bộ"
