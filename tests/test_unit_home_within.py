"""``UnitService.home_within`` (asked by every import, its row read as columns) says what ``home`` says
(its row read as an ORM object)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ntm_desktop.core.errors import NotFound
from ntm_desktop.core.units import Officer, default_receiving_unit
from ntm_desktop.sync.context import Me
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


def test_me_reads_what_the_services_read(ws: Workspace, blank_ws: Workspace) -> None:
    """``SyncContext.me`` reads the home unit, its officers and the settings in a statement of its own:
    the same profile as ``home``, the role and the receiver the settings say."""
    ws.unit.setup(
        replace(SAMPLE_UNIT, officers=(*SAMPLE_UNIT.officers, Officer("Trần Thị B", "Công chức", "", False)))
    )
    me = ws.sync.context.me()
    assert (me.code, me.name, me.receiver, me.home) == (
        SAMPLE_UNIT.code,
        ws.unit.home().name,
        False,
        ws.unit.home(),
    )
    assert me.home is not None and len(me.home.officers) == 2
    ws.settings.set_role("receiver")
    ws.settings.set("receiver_code", "19")
    ws.settings.set("receiver_name", "Văn phòng Điều phối NTM tỉnh Thái Nguyên")
    me = ws.sync.context.me()
    assert (me.code, me.name, me.receiver, me.home) == (
        "19",
        "Văn phòng Điều phối NTM tỉnh Thái Nguyên",
        True,
        ws.unit.home(),
    )
    ws.settings.set("receiver_name", "")  # said empty: the name the home commune's profile gives
    assert ws.sync.context.me().name == ws.unit.home().receiving_unit_name
    blank_ws.settings.set_role("receiver")
    with pytest.raises(NotFound):
        blank_ws.sync.context.me()
    blank_ws.settings.set("receiver_code", "19")
    assert blank_ws.sync.context.me() == Me("19", default_receiving_unit("19"), True, None)
