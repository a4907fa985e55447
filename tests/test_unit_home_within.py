"""``UnitService.home_within`` (asked by every import, its row read as columns) says what ``home`` says
(its row read as an ORM object)."""

from __future__ import annotations

from dataclasses import replace

from ntm_desktop.core.units import Officer
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT


def test_home_within_is_the_home_profile(ws: Workspace) -> None:
    ws.unit.setup(
        replace(
            SAMPLE_UNIT,
            province_name="Bắc Kạn",
            district_name="Chợ Đồn",
            predecessors=("01233",),
            receiving_unit_name="Văn phòng Điều phối NTM tỉnh",
            officers=(*SAMPLE_UNIT.officers, Officer("Trần Thị B", "Công chức", "", False)),
        )
    )
    with ws.db.read() as s:
        within = ws.unit.home_within(s)
    assert within == ws.unit.home()
    assert within is not None and within.groups and within.villages and len(within.officers) == 2


def test_no_home_is_none(blank_ws: Workspace) -> None:
    with blank_ws.db.read() as s:
        assert blank_ws.unit.home_within(s) is None
