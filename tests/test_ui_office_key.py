"""The office key tab of a receiving office's Sync page: the head of office makes the key, saves its file for
the communes, certifies this computer and revokes it; the commune trusts the office key from its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.ui.pages.sync.keys_card import TrustConfirm
from ntm_desktop.ui.pages.sync.office_dialogs import (
    Certify,
    CertifyDialog,
    OfficeFiles,
    Pair,
    PassphraseDialog,
)
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
    qtbot, qtmodeltester, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _answers(monkeypatch, offices.usb)
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    tab = page.office
    assert _office_tab_shown(page) and tab.status.text() == "Văn phòng chưa có khóa văn phòng."
    assert not tab.certify_button.isEnabled()

    assert page.keys.read_out.text().startswith("Đọc dấu vân tay này cho bên kia qua điện thoại")
    tab.create_button.click()
    settle(qtbot, offices.province_ctx, lambda: tab.info is not None)
    made = offices.province.sync.office.show()
    assert made is not None and tab.fingerprint.text() == made.fingerprint
    # this computer's key card now points to the office key (a clerk handed out their own in the #14 walk)
    settle(qtbot, offices.province_ctx, lambda: made.fingerprint in page.keys.read_out.text())
    assert page.keys.read_out.text() == (
        f"Văn phòng này có khóa văn phòng ({made.fingerprint}): các xã và Văn phòng Điều phối Trung ương tin "
        "cậy khóa đó (thẻ Khóa văn phòng), không phải khóa của máy này."
    )
    assert page.result.text().startswith("Đã tạo khóa văn phòng") and not tab.create_button.isVisible()
    assert "Máy này chưa được khóa văn phòng cấp chứng thư" in tab.status.text()  # it would write nothing

    tab.save_button.click()
    saved = offices.usb / "khoa-van-phong-19.ntmkey"
    settle(qtbot, offices.province_ctx, lambda: saved.exists())
    assert page.result.text() == f"Đã lưu tệp khóa văn phòng vào {saved}"

    tab.certify_button.click()
    settle(qtbot, offices.province_ctx, lambda: len(tab.table.texts()) == 1)
    assert asked == [f"Máy này (mã máy {offices.province.device_id[:8]})"]
    assert tab.table.texts()[0][0] == "Nguyễn Thị Hà" and tab.table.texts()[0][4] == ""
    assert page.result.text().startswith(f"Đã cấp chứng thư cho máy {offices.province.device_id[:8]} ")
    assert "Máy này được cấp chứng thư cho cán bộ Nguyễn Thị Hà đến ngày" in tab.status.text()

    tab.table.selectRow(0)
    tab.revoke_button.click()
    settle(qtbot, offices.province_ctx, lambda: tab.table.texts()[0][4] != "")
    assert page.result.text().startswith("Đã thu hồi chứng thư của cán bộ Nguyễn Thị Hà")
    assert "Chứng thư của máy này (cán bộ Nguyễn Thị Hà) đã bị thu hồi ngày" in tab.status.text()
    qtmodeltester.check(tab.table.proxy)


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
    settle(qtbot, offices.commune_ctx, lambda: len(page.known_keys.table.texts()) == 1)

    assert shown and shown[0].endswith("(khóa văn phòng)")
    assert page.result.text().startswith("Đã tin cậy khóa văn phòng của tỉnh Thái Nguyên (19), dấu vân tay")
    assert page.known_keys.table.texts()[0][4] == "khóa văn phòng: cấp chứng thư cho máy của cán bộ"


def test_the_head_of_office_backs_up_restores_and_changes_the_passphrase_of_the_same_key(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, _ = offices.province.sync.office.create(SECRET)
    answers: list[Pair] = []
    monkeypatch.setattr(
        PassphraseDialog, "ask_pair", classmethod(lambda cls, parent, title, note, current: answers.pop(0))
    )
    kept = offices.usb / "sao-luu.pem"
    monkeypatch.setattr(OfficeFiles, "backup_path", staticmethod(lambda parent, suggested: kept))
    monkeypatch.setattr(OfficeFiles, "backup_file", staticmethod(lambda parent: kept))
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    tab = page.office
    assert tab.backup_button.isEnabled() and not tab.restore_button.isHidden()

    answers.append(Pair("sai mật khẩu", "mật khẩu tệp sao lưu"))
    tab.backup_button.click()
    settle(qtbot, offices.province_ctx, lambda: bool(offices.province_errors))
    assert "Mật khẩu của khóa văn phòng không đúng" in str(offices.province_errors.pop())
    assert not kept.exists()
    answers.append(Pair(SECRET, "mật khẩu tệp sao lưu"))
    tab.backup_button.click()
    settle(qtbot, offices.province_ctx, lambda: kept.exists())
    assert page.result.text() == f"Đã sao lưu khóa văn phòng vào {kept}"

    answers.append(Pair("sai mật khẩu", "mật khẩu mới năm 2026"))
    tab.passphrase_button.click()
    settle(qtbot, offices.province_ctx, lambda: bool(offices.province_errors))
    assert "Mật khẩu của khóa văn phòng không đúng" in str(offices.province_errors.pop())
    answers.append(Pair(SECRET, "mật khẩu mới năm 2026"))
    tab.passphrase_button.click()
    settle(qtbot, offices.province_ctx, lambda: page.result.text().startswith("Đã đổi mật khẩu"))
    assert made.fingerprint in page.result.text() and tab.fingerprint.text() == made.fingerprint

    answers.append(Pair("sai mật khẩu", "mật khẩu thứ ba của văn phòng"))
    tab.restore_button.click()
    settle(qtbot, offices.province_ctx, lambda: bool(offices.province_errors))
    assert "Mật khẩu của tệp sao lưu không đúng" in str(offices.province_errors.pop())
    answers.append(Pair("mật khẩu tệp sao lưu", "mật khẩu thứ ba của văn phòng"))
    tab.restore_button.click()
    settle(qtbot, offices.province_ctx, lambda: page.result.text().startswith("Đã khôi phục"))
    assert tab.fingerprint.text() == made.fingerprint
    offices.province.sync.office.certify("mật khẩu thứ ba của văn phòng", "Nguyễn Thị Hà")
    assert not offices.province_errors and not answers
