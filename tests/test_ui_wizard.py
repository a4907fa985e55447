"""The first-run wizard, driven through its real widgets as an officer would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import Errors, make_context
from ntm_desktop.ui.wizard import SetupWizard
from ntm_desktop.ui.wizard.role import OfficePage
from ntm_desktop.workspace import Workspace


@pytest.fixture
def wizard(
    qtbot, qapp: QApplication, blank_ws: Workspace, tmp_path: Path
) -> Iterator[tuple[SetupWizard, Errors]]:
    apply_language(qapp, "vi")
    ctx, errors = make_context(blank_ws, tmp_path)
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    yield w, errors
    ctx.tasks.wait()


def _next(w: SetupWizard) -> None:
    w.button(QWizard.WizardButton.NextButton).click()


def _office_page(w: SetupWizard) -> OfficePage:
    """The officer answers the first question "a receiving unit" and goes on: the office's page."""
    assert w.role_page is not None
    w.role_page.buttons["office"].setChecked(True)
    _next(w)
    assert w.currentPage() is w.office_page
    return w.office_page


def test_the_wizard_sets_up_the_commune_with_what_was_typed(
    qtbot, wizard: tuple[SetupWizard, Errors], blank_ws: Workspace
) -> None:
    w, errors = wizard
    assert w.role_page is not None and w.role_page.role == "commune"  # the first choice: whose file
    _next(w)
    unit = w.unit_page
    qtbot.keyClicks(unit.code_edit, "02266")
    unit.name_edit.setText("Xã Lâm Bình")
    unit.province_combo.setCurrentIndex(unit.province_combo.findData("08"))
    _next(w)
    place = w.place_page
    place.region_combo.setCurrentIndex(place.region_combo.findData("TDMNPB"))
    place.group_combo.setCurrentIndex(place.group_combo.findData(2))
    _next(w)
    villages = w.villages_page
    for name in ("Thôn Nà Bản", "Thôn Khuổi Củng"):
        villages.villages.entry.setText(name)
        villages.villages.add_button.click()
    qtbot.keyClicks(villages.predecessors.entry, "02269")
    qtbot.keyClick(villages.predecessors.entry, Qt.Key.Key_Return)
    _next(w)
    receiver = w.receiver_page
    assert receiver.name_edit.text() == "Văn phòng Điều phối nông thôn mới tỉnh Tuyên Quang"
    assert receiver.level_buttons["province"].isChecked()
    _next(w)
    officers = w.officers_page
    name, title, signer, _ = officers.rows.rows[0]
    assert officers.no_signer.isVisible()  # the empty row signs nothing: said before Finish
    assert officers.no_signer.text() == (
        "Chưa có người ký báo cáo: hãy nhập họ tên người ký và đánh dấu “Ký”, ở đây hoặc sau này ở "
        "Tệp › Thông tin xã…; chưa có người ký thì chưa lập được báo cáo."
    )
    qtbot.keyClicks(name, "Ma")
    assert not officers.no_signer.isVisible()
    signer.setChecked(False)
    assert officers.no_signer.isVisible()
    signer.setChecked(True)
    name.setText("Ma Văn Thắng")
    title.setCurrentText("Chủ tịch UBND xã")
    assert signer.isChecked()
    w.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: w.saved is not None)
    assert not errors
    home = blank_ws.unit.home()
    assert (home.code, home.name, home.province_code, home.type) == ("02266", "Xã Lâm Bình", "08", "xa")
    assert (home.region, home.group) == ("TDMNPB", 2)
    assert home.villages == ("Thôn Nà Bản", "Thôn Khuổi Củng")
    assert home.predecessors == ("02269",)
    assert home.receiving_unit_name == "Văn phòng Điều phối nông thôn mới tỉnh Tuyên Quang"
    assert [(o.name, o.title, o.is_signer) for o in home.officers] == [
        ("Ma Văn Thắng", "Chủ tịch UBND xã", True)
    ]


def test_a_wrong_unit_code_is_explained_under_the_field_as_it_is_typed(
    qtbot, wizard: tuple[SetupWizard, Errors]
) -> None:
    w, _ = wizard
    _next(w)
    page = w.unit_page
    qtbot.keyClicks(page.code_edit, "0123")
    assert page.code_message.isVisible()
    assert page.code_message.text() == "Mã đơn vị hành chính phải gồm đúng 5 chữ số, ví dụ 01234"
    page.name_edit.setText("Xã Bằng Thành")
    page.province_combo.setCurrentIndex(page.province_combo.findData("19"))
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(page.code_edit, "4")
    assert not page.code_message.isVisible()
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(page.code_edit, "x")
    assert page.code_message.isVisible()


def test_a_wrong_former_commune_code_is_refused_at_its_field(
    qtbot, wizard: tuple[SetupWizard, Errors]
) -> None:
    w, _ = wizard
    box = w.villages_page.predecessors
    qtbot.keyClicks(box.entry, "123")
    box.add_button.click()
    assert box.values() == ()
    assert "5 chữ số" in box.message.message  # shown under the field


def test_the_receiving_office_follows_the_province_until_the_officer_types_one(
    qtbot, wizard: tuple[SetupWizard, Errors]
) -> None:
    w, _ = wizard
    combo, name = w.unit_page.province_combo, w.receiver_page.name_edit
    combo.setCurrentIndex(combo.findData("19"))
    assert name.text() == "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"
    combo.setCurrentIndex(combo.findData("01"))
    assert name.text() == "Văn phòng Điều phối nông thôn mới thành phố Hà Nội"
    name.setText("Sở Nông nghiệp và Môi trường")
    combo.setCurrentIndex(combo.findData("19"))
    assert name.text() == "Sở Nông nghiệp và Môi trường"


def test_provinces_are_in_vietnamese_order(wizard: tuple[SetupWizard, Errors]) -> None:
    w, _ = wizard
    combo = w.unit_page.province_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert len(names) == 34
    assert names.index("Đắk Lắk (66)") > names.index("Cà Mau (96)")
    assert names.index("Đắk Lắk (66)") < names.index("Điện Biên (11)") < names.index("Gia Lai (52)")


def test_editing_keeps_the_code_and_fills_every_page(
    qtbot, qapp: QApplication, ws: Workspace, tmp_path: Path
) -> None:
    ctx, errors = make_context(ws, tmp_path)
    w = SetupWizard(ctx, ws.unit.home())
    qtbot.addWidget(w)
    w.show()
    assert w.unit_page.code_edit.isReadOnly() and w.unit_page.code_edit.text() == "01234"
    assert w.villages_page.villages.values() == ("Bằng Thành II", "Nà Phầy")
    w.unit_page.name_edit.setText("Xã Bằng Thành mới")
    w.accept()
    qtbot.waitUntil(lambda: w.saved is not None)
    assert ws.unit.home().name == "Xã Bằng Thành mới" and not errors


def test_a_receiving_unit_is_set_up_with_the_checks_of_receiver_setup(
    qtbot, wizard: tuple[SetupWizard, Errors], blank_ws: Workspace
) -> None:
    w, errors = wizard
    office = _office_page(w)
    office.province.setCurrentIndex(office.province.findData("19"))
    assert not office.district.isVisibleTo(office)  # a province office has no district code
    assert office.name.text() == "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"
    assert office.parent_edit.text() == "UBND tỉnh Thái Nguyên"
    office.level_buttons["district"].setChecked(True)  # before 1 July 2025: a district
    assert office.district.isVisibleTo(office) and not w.button(QWizard.WizardButton.FinishButton).isEnabled()
    office.district.setText("0x3")
    office.name.setText("Ban Chỉ đạo huyện Phú Bình")
    assert w.button(QWizard.WizardButton.FinishButton).isEnabled()
    w.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: bool(office.messages["code"].message))
    assert office.messages["code"].message == "Mã đơn vị tiếp nhận phải gồm 2 đến 5 chữ số"
    assert blank_ws.settings.role != "receiver" and w.saved is None  # nothing was written
    office.district.setText("063")
    office.signer.setText("Trần Văn B")
    office.signer_title.setText("Trưởng ban")
    w.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: w.saved is not None)
    info = blank_ws.receiver.info()
    assert blank_ws.settings.role == "receiver" and w.saved == "office"
    assert (info.level, info.code, info.name, info.province_code) == (
        "district",
        "063",
        "Ban Chỉ đạo huyện Phú Bình",
        "19",
    )
    assert (info.signer_name, info.signer_title) == ("Trần Văn B", "Trưởng ban")
    assert not errors


def test_the_national_office_is_set_up_in_the_window_as_receiver_setup_level_national_does(
    qtbot, wizard: tuple[SetupWizard, Errors], blank_ws: Workspace
) -> None:
    w, errors = wizard
    office = _office_page(w)
    office.level_buttons["national"].setChecked(True)
    # no province to choose and no district code: the office's code is the app's placeholder 00
    assert not office.province.isVisibleTo(office) and not office.district.isVisibleTo(office)
    assert office.name.text() == "Văn phòng Điều phối nông thôn mới Trung ương"
    assert w.button(QWizard.WizardButton.FinishButton).isEnabled()
    w.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: w.saved is not None)
    info = blank_ws.receiver.info()
    assert (info.level, info.code, info.name) == (
        "national",
        "00",
        "Văn phòng Điều phối nông thôn mới Trung ương",
    )
    office.level_buttons["province"].setChecked(True)  # switching back offers the province again
    assert office.province.isVisibleTo(office)
    assert not errors


def test_editing_a_commune_does_not_ask_whose_file_it_is(
    qtbot, qapp: QApplication, ws: Workspace, tmp_path: Path
) -> None:
    ctx, _ = make_context(ws, tmp_path)
    w = SetupWizard(ctx, ws.unit.home())
    qtbot.addWidget(w)
    w.show()
    assert w.role_page is None and w.currentPage() is w.unit_page
