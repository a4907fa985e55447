"""Random edit histories on two or three computers of one commune; bundles dropped, duplicated, shuffled.

Two receivers given the same bundles, in different orders and with repeats, must end in the same state;
and every version a receiver was given is still there, or superseded by an edit made on top of it
(the test keeps the truth: which version each edit was made on), or standing in an open conflict. Two
versions standing in a conflict were really made independently.
"""

from __future__ import annotations

import json
import os
import random
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.db import models as m
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.sync.merge.codec import KINDS
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import commune, help_record, receiver, snapshot, supporter, trust

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

EXAMPLES = int(os.environ.get("NTM_SYNC_EXAMPLES", "10"))

device = st.integers(0, 2)
edit = st.tuples(st.just("edit"), device, st.integers(0, 99), st.integers(0, 99))
peer = st.tuples(st.just("peer"), device, device)
op = st.one_of(  # edits and exchanges between computers weigh more: they make (or settle) conflicts
    st.tuples(st.just("supporter"), device, st.integers(0, 99)),
    st.tuples(st.just("help"), device, st.integers(0, 99)),
    edit,
    edit,
    edit,
    st.tuples(st.just("remove"), device, st.integers(0, 99)),
    st.tuples(st.just("export"), device),
    peer,
    peer,
    st.tuples(st.just("receipt"), device),
)


@dataclass
class World:
    devices: list[Workspace]
    province: Workspace
    usb: Path
    pool: list[Path] = field(default_factory=list)
    at_province: set[Path] = field(default_factory=set)
    made_on: dict[str, set[str]] = field(default_factory=dict)
    """Version → every version it was made on top of (the truth, kept by the test)."""

    def remember(self, new: str, base: str | None) -> None:
        self.made_on[new] = set() if base is None else {base} | self.made_on.get(base, set())

    def export(self, d: int) -> Path:
        path = self.devices[d].sync.export(self.usb).path
        self.pool.append(path)
        return path


def _live(ws: Workspace, model: Any) -> list[Any]:
    with ws.db.read() as s:
        return list(s.scalars(select(model).where(model.deleted_at.is_(None)).order_by(model.record_id)))


def _version(ws: Workspace, model: Any, uid: str) -> str:
    with ws.db.read() as s:
        return str(s.scalar(select(model.version).where(model.uid == uid)))


def _step(world: World, action: tuple[Any, ...]) -> None:
    name, d = action[0], action[1] % len(world.devices)
    ws = world.devices[d]
    if name == "supporter":
        uid = supporter(ws, f"Đơn vị hỗ trợ số {action[2]}")
        world.remember(_version(ws, m.Supporter, uid), None)
    elif name == "help":
        sups = _live(ws, m.Supporter)
        if sups:
            uid = help_record(ws, f"Công trình số {action[2]}", sups[action[2] % len(sups)].uid)
            world.remember(_version(ws, m.Help, uid), None)
    elif name == "edit":
        _edit(world, ws, action[2], action[3])
    elif name == "remove":
        _remove(world, ws, action[2])
    elif name == "export":
        world.export(d)
    elif name == "peer":
        path = world.export(d)
        world.devices[action[2] % len(world.devices)].sync.import_bundles([path])
    elif name == "receipt":
        _receipt(world, d)


def _edit(world: World, ws: Workspace, pick: int, value: int) -> None:
    rows = _live(ws, m.Supporter) + _live(ws, m.Help)
    if not rows:
        return
    row = rows[pick % len(rows)]
    base = row.version
    try:
        if isinstance(row, m.Supporter):
            ws.supporters.update(row.uid, SupporterDraft(f"Đơn vị sửa lần {value}"))
        else:
            view = ws.help.get(row.uid)
            ws.help.update(row.uid, replace(view, title=f"Công trình sửa lần {value}"))
    except InvalidInput:  # help naming a supporter another computer removed meanwhile: the form says so
        return
    new = _version(ws, type(row), row.uid)
    if new != base:
        world.remember(new, base)


def _remove(world: World, ws: Workspace, pick: int) -> None:
    rows = _live(ws, m.Help) + _live(ws, m.Supporter)
    if not rows:
        return
    row = rows[pick % len(rows)]
    try:
        (ws.help if isinstance(row, m.Help) else ws.supporters).remove(row.uid)
    except Conflict:  # a supporter still named by help records stays
        return
    world.remember(_version(ws, type(row), row.uid), row.version)


def _receipt(world: World, d: int) -> None:
    """The province takes in what it has not yet, and its receipt goes back to computer ``d``."""
    fresh = [p for p in world.pool if p not in world.at_province]
    world.province.sync.import_bundles(fresh)
    world.at_province.update(fresh)
    if fresh:
        [receipt] = world.province.sync.export_receipt(world.usb, for_unit="01234")
        world.devices[d].sync.import_receipt(receipt.path)


def _share_a_start(world: World) -> None:
    """Computer 0 enters two supporters and a help record; the others get them before anyone edits."""
    for action in (("supporter", 0, 1), ("supporter", 0, 2), ("help", 0, 3)):
        _step(world, action)
    path = world.export(0)
    for ws in world.devices[1:]:
        ws.sync.import_bundles([path])


def _versions_in(paths: list[Path]) -> set[tuple[str, str, str]]:
    found = set()
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            payload = json.loads(zf.read("records.json"))
        for kind in KINDS:
            for record in payload.get(kind, ()):
                found.add((kind, record["id"], record["_version"]))
    return found


def _check_nothing_lost(world: World, state: dict[str, Any], given_to: list[Path]) -> None:
    for kind, rid, version in _versions_in(given_to):
        standing = state[f"{kind}/{rid}"][3]
        kept = version in standing or any(version in world.made_on.get(v, set()) for v in standing)
        assert kept, f"{kind}/{rid} {version} was lost: standing {sorted(standing)}"
    for key, (_, _, _, standing) in state.items():
        for a in standing:
            for b in standing:
                assert a not in world.made_on.get(b, set()), f"{key}: {b} was made on {a}, yet both stand"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    n=st.integers(2, 3),
    ops=st.lists(op, min_size=4, max_size=22),
    chosen=st.lists(st.integers(0, 1000), max_size=16),
    seed=st.integers(0, 2**32 - 1),
)
def test_receivers_given_the_same_bundles_agree_and_lose_nothing(
    tmp_path_factory: Any, n: int, ops: list[tuple[Any, ...]], chosen: list[int], seed: int
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    usb = tmp / "usb"
    usb.mkdir()
    devices = [commune(tmp, f"d{i}") for i in range(n)]
    province, r1, r2 = receiver(tmp, "p0"), receiver(tmp, "r1"), receiver(tmp, "r2")
    try:
        for a in devices:
            for b in [*devices, province, r1, r2]:
                if a is not b:
                    trust(a, b)
            trust(province, a)
        world = World(devices, province, usb)
        _share_a_start(world)
        for action in ops:
            _step(world, action)
        for d in range(n):
            world.export(d)
        given_to = [world.pool[i % len(world.pool)] for i in chosen]
        report = r1.sync.import_bundles(given_to)
        assert all(o.status in ("imported", "already-imported") for o in report.outcomes), report.text()
        shuffled = given_to + given_to[: len(given_to) // 2]
        random.Random(seed).shuffle(shuffled)
        for path in shuffled:
            r2.sync.import_bundles([path])
        state = snapshot(r1, "01234") if given_to else {}
        if given_to:
            assert snapshot(r2, "01234") == state
        _check_nothing_lost(world, state, given_to)
    finally:
        for ws in [*devices, province, r1, r2]:
            ws.close()
