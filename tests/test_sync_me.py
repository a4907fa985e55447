"""Who a workspace is in a sync (``SyncContext.me``), read in one statement of the driver straight, is
what the unit and settings services read — the home unit's profile with its officers in their order
(those removed left out), the role and the receiver's code and name as the settings say them — on
SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from ntm_desktop.core.errors import NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import PROVINCES, Officer, UnitProfile, default_receiving_unit
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.sync.context import Me
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import current, new_receiver_location
from tests.helpers.units import SAMPLE_UNIT

pytestmark = pytest.mark.usefixtures("engine")

OFFICERS = (
    Officer("Nguyễn Văn A", "Chủ tịch UBND xã", "TM", True),
    Officer("Trần Thị B", "Công chức Văn phòng - Thống kê", "", False),
    Officer("Lò Văn C", "Phó Chủ tịch UBND xã", "KT", True),
)


def _as_services_say(ws: Workspace) -> Me:
    """What ``me`` must say, from the services' own reading (the home unit as an ORM row, each setting)."""
    home = ws.unit.home() if ws.unit.home_code() else None
    role = ws.settings.get("role", "receiver" if ws.settings.on_server else "commune")
    if role != "receiver":
        assert home is not None
        return Me(home.code, home.name, False, home)
    code = ws.settings.get("receiver_code") or (home.province_code if home else None)
    name = ws.settings.get("receiver_name") or (home.receiving_unit_name if home else "")
    return Me(str(code), name or default_receiving_unit(code) or PROVINCES.get(code, code), True, home)


def _set_home(ws: Workspace, profile: UnitProfile) -> None:
    """The home unit and its officers as ``unit setup`` keeps them; on a database server, which keeps no
    commune's own data, written as rows."""
    if current() == "sqlite":
        ws.unit.setup(profile)
        return
    with ws.db.write() as s:
        unit = s.scalar(select(m.Unit).where(m.Unit.is_home))
        if unit is None:
            unit = m.Unit(code=profile.code, name=profile.name, province_code="19", is_home=True)
            unit.villages, unit.predecessors, unit.groups = (
                list(profile.villages),
                ["01233"],
                {"2026-2030": 3},
            )
            s.add(unit)
        for row in s.scalars(select(m.Officer).where(m.Officer.deleted_at.is_(None))):
            row.deleted_at = utcnow()
        for o in profile.officers:
            s.add(
                m.Officer(
                    unit_code=profile.code,
                    name=o.name,
                    title=o.title,
                    signs_as=o.signs_as or None,
                    is_signer=o.is_signer,
                )
            )
            s.flush()  # one after the other, as their times say


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace.open(new_receiver_location(tmp_path / "ws"), folder=tmp_path / "clerk")
    return ws


def test_me_is_what_the_services_read(workspace: Workspace) -> None:
    ws = workspace
    if current() == "sqlite":  # a data file is a commune's until it says otherwise: no commune yet
        with pytest.raises(NotFound) as refused:
            ws.sync.context.me()
        assert str(refused.value) == tr("This data file has no commune yet. Set it up first.")
    ws.settings.set_role("receiver")
    with pytest.raises(NotFound) as refused:
        ws.sync.context.me()
    assert str(refused.value) == tr(
        "This receiving workspace does not know its own unit yet: set its province code first."
    )
    ws.settings.set("receiver_code", "19")
    assert ws.sync.context.me() == _as_services_say(ws) == Me("19", default_receiving_unit("19"), True, None)
    ws.settings.set("receiver_name", "Văn phòng Điều phối NTM tỉnh Thái Nguyên")
    assert ws.sync.context.me() == _as_services_say(ws)

    _set_home(ws, replace(SAMPLE_UNIT, predecessors=("01233",), officers=OFFICERS))
    me = ws.sync.context.me()
    assert me == _as_services_say(ws)
    assert me.home is not None and me.home.officers == OFFICERS and me.home.groups and me.home.villages
    _set_home(ws, replace(SAMPLE_UNIT, officers=OFFICERS[1:]))  # the first officer left: removed
    assert ws.sync.context.me() == _as_services_say(ws)
    _set_home(ws, replace(SAMPLE_UNIT, officers=()))
    me = ws.sync.context.me()
    assert me == _as_services_say(ws) and me.home is not None and me.home.officers == ()

    ws.settings.set("receiver_name", None)  # set, to JSON null: the name the home unit's profile gives
    assert ws.sync.context.me() == _as_services_say(ws)
    ws.settings.set("receiver_code", "")
    assert ws.sync.context.me() == _as_services_say(ws) and ws.sync.context.me().code == "19"
    if current() == "sqlite":  # a commune's data file (a database server holds a receiver's only)
        ws.settings.set_role("commune")
        me = ws.sync.context.me()
        assert me == _as_services_say(ws) == Me("01234", SAMPLE_UNIT.name, False, ws.unit.home())
    ws.close()
