"""A message names a unit by its place when the app knows it — "xã Bằng Thành (01234)", "tỉnh Thái Nguyên
(19)" — and by its code alone only when it knows no name ("xã 01234")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ntm_desktop.core.errors import Conflict, NotFound
from ntm_desktop.sync.labels import unit_label
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import help_record, pair, supporter, usb
from tests.helpers.units import SAMPLE_UNIT

__all__ = ["pair", "usb"]  # fixtures


def test_a_unit_is_named_by_its_place_and_its_code() -> None:
    assert unit_label("01234", "Xã Bằng Thành (dữ liệu mẫu)") == "xã Bằng Thành (01234)"  # no note
    assert unit_label("05678", "Phường Đức Xuân") == "phường Đức Xuân (05678)"
    assert unit_label("19") == "tỉnh Thái Nguyên (19)"  # a province: by the list of provinces
    assert unit_label("01", "Văn phòng Điều phối") == "thành phố Hà Nội (01)"
    assert unit_label("00") == "Trung ương"
    assert unit_label("01234") == "xã 01234"  # no name known


def test_the_province_names_a_commune_it_holds_and_only_codes_one_it_does_not(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    help_record(c, "Lắp đặt đèn chiếu sáng", supporter(c, "Công ty Điện lực"))
    p.sync.import_bundles([c.sync.export(usb).path])
    with pytest.raises(NotFound) as refused:
        p.sync.request_correction("01234", "help", "h-none", "Kiểm tra số tiền")
    assert str(refused.value) == "Dữ liệu này không có bản ghi h-none của xã Bằng Thành (01234)."
    with pytest.raises(NotFound) as refused:
        p.sync.export_receipt(usb, "05678")  # a commune this office never heard from
    assert str(refused.value) == "Chưa nhập gói nào từ xã 05678: chưa có gì để xác nhận."  # no name known


def test_a_data_file_of_one_commune_names_it_when_it_refuses_another(ws: Workspace) -> None:
    """Setting up or turning a commune's data file into another commune is refused by the communes' names
    (the units table's, without its note), not "xã 01234"; nothing changes."""
    other = replace(SAMPLE_UNIT, code="05678", name="Xã Tân Lập")
    with pytest.raises(Conflict) as refused:
        ws.unit.create(other, where="xa.sqlite")
    assert str(refused.value).startswith(
        "Tệp dữ liệu xa.sqlite đã thuộc về xã Bằng Thành (01234); không thay đổi gì."
    )
    with pytest.raises(Conflict) as refused:
        ws.unit.setup(other)
    assert (
        str(refused.value)
        == "Tệp dữ liệu này thuộc xã Bằng Thành (01234); không thể chuyển thành xã Tân Lập (05678)."
    )
    assert ws.unit.home().code == "01234"
