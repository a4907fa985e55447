"""Two computers of one commune edit the same record: both versions are kept until a person chooses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from ntm_desktop.core.errors import Conflict
from ntm_desktop.db import models as m
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import (
    commune,
    help_record,
    open_conflicts,
    receiver,
    snapshot,
    supporter,
    trust,
    usb,
)

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["usb"]  # fixture


@pytest.fixture
def office(tmp_path: Path, usb: Path) -> Iterator[tuple[Workspace, Workspace, Workspace, str]]:
    """Two computers of commune 01234 holding the same supporter, and the province trusting both."""
    a, b, p = commune(tmp_path, "a"), commune(tmp_path, "b"), receiver(tmp_path, "p")
    for x, y in ((a, b), (b, a), (a, p), (b, p), (p, a), (p, b)):
        trust(x, y)
    uid = supporter(a, "Sở Nội vụ tỉnh Bắc Kạn")
    b.sync.import_bundles([a.sync.export(usb).path])
    record_id = a.supporters.get(uid).record_id
    yield a, b, p, record_id
    for ws in (a, b, p):
        ws.close()


def _uid(ws: Workspace, record_id: str) -> str:
    [found] = [v for v in ws.supporters.list() if v.record_id == record_id]
    return found.uid


def _rename(ws: Workspace, record_id: str, name: str) -> str:
    uid = _uid(ws, record_id)
    ws.supporters.update(uid, SupporterDraft(name))
    return ws.supporters.get(uid).version


def test_independent_edits_are_both_kept_as_a_conflict(
    office: tuple[Workspace, Workspace, Workspace, str], usb: Path, tmp_path: Path
) -> None:
    a, b, p, rid = office
    va = _rename(a, rid, "Sở Nội vụ tỉnh Thái Nguyên")
    vb = _rename(b, rid, "Sở Nội vụ (cũ)")
    from_a, from_b = a.sync.export(usb).path, b.sync.export(usb).path

    report = p.sync.import_bundles([from_a, from_b])

    assert report.conflicts == 1
    [conflict] = p.sync.conflicts()
    assert conflict.record_id == rid and conflict.kind == "supporters"
    assert {conflict.local.version, conflict.incoming.version} == {va, vb}
    names = {conflict.local.doc["name"], conflict.incoming.doc["name"]}  # type: ignore[index]
    assert names == {"Sở Nội vụ tỉnh Thái Nguyên", "Sở Nội vụ (cũ)"}
    shown = snapshot(p, "01234")[f"supporters/{rid}"]
    assert shown[0] == max(va, vb) and shown[3] == {va, vb}

    other = receiver(tmp_path, "p2")
    trust(a, other)
    trust(b, other)
    other.sync.import_bundles([from_b])
    other.sync.import_bundles([from_a])
    assert snapshot(other, "01234") == snapshot(p, "01234")
    assert open_conflicts(other) == 1


def test_an_edit_made_after_seeing_the_other_is_no_conflict(
    office: tuple[Workspace, Workspace, Workspace, str], usb: Path
) -> None:
    a, b, p, rid = office
    _rename(a, rid, "Sở Nội vụ tỉnh Thái Nguyên")
    from_a = a.sync.export(usb).path
    b.sync.import_bundles([from_a])
    vb = _rename(b, rid, "Sở Nội vụ tỉnh Thái Nguyên (mới)")
    from_b = b.sync.export(usb).path

    p.sync.import_bundles([from_b])
    report = p.sync.import_bundles([from_a])

    assert report.conflicts == 0 and open_conflicts(p) == 0
    assert snapshot(p, "01234")[f"supporters/{rid}"][0] == vb


def test_resolving_at_the_receiver_keeps_the_chosen_version_as_a_newer_one(
    office: tuple[Workspace, Workspace, Workspace, str], usb: Path
) -> None:
    a, b, p, rid = office
    va = _rename(a, rid, "Tên do máy A sửa")
    vb = _rename(b, rid, "Tên do máy B sửa")
    p.sync.import_bundles([a.sync.export(usb).path])
    p.sync.import_bundles([b.sync.export(usb).path])
    [conflict] = p.sync.conflicts()
    kept = conflict.local

    changes = p.sync.resolve(conflict.id, keep="local")

    assert changes.action == "sync.resolve"
    assert p.sync.conflicts() == []
    [done] = p.sync.conflicts(status="resolved")
    assert done.resolution == "local"
    version, deleted, doc, standing = snapshot(p, "01234")[f"supporters/{rid}"]
    assert version > max(va, vb) and not deleted and len(standing) == 1
    assert dict(doc)["name"] == kept.doc["name"]  # type: ignore[index]
    with pytest.raises(Conflict):
        p.sync.resolve(conflict.id, keep="incoming")


def test_a_resolution_made_in_the_commune_settles_the_conflict_at_the_province(
    office: tuple[Workspace, Workspace, Workspace, str], usb: Path
) -> None:
    a, b, p, rid = office
    _rename(a, rid, "Tên do máy A sửa")
    _rename(b, rid, "Tên do máy B sửa")
    from_a, from_b = a.sync.export(usb).path, b.sync.export(usb).path
    p.sync.import_bundles([from_a, from_b])
    a.sync.import_bundles([from_b])
    [conflict] = a.sync.conflicts()
    assert conflict.incoming.doc["name"] == "Tên do máy B sửa"  # type: ignore[index]

    a.sync.resolve(conflict.id, keep="incoming")
    p.sync.import_bundles([a.sync.export(usb).path])

    assert open_conflicts(p) == 0 and open_conflicts(a) == 0
    assert snapshot(p, "01234") == snapshot(a, "01234")
    assert a.supporters.get(_uid(a, rid)).name == "Tên do máy B sửa"


def test_a_removal_and_an_edit_at_once_are_a_conflict_and_the_edit_can_be_kept(
    office: tuple[Workspace, Workspace, Workspace, str], usb: Path
) -> None:
    a, b, p, rid = office
    sup_uid = _uid(a, rid)
    help_uid = help_record(a, "Tặng quà cho học sinh", sup_uid)
    b.sync.import_bundles([a.sync.export(usb).path])
    help_rid = a.help.get(help_uid).record_id
    a.help.remove(help_uid)
    [on_b] = [h for h in b.help.list() if h.record_id == help_rid]
    b.help.update(on_b.uid, replace(on_b, title="Tặng 200 suất quà"))

    p.sync.import_bundles([a.sync.export(usb).path, b.sync.export(usb).path])

    [conflict] = p.sync.conflicts()
    sides = {conflict.local.deleted, conflict.incoming.deleted}
    assert sides == {True, False}
    keep = "local" if not conflict.local.deleted else "incoming"
    p.sync.resolve(conflict.id, keep=keep)
    _, deleted, doc, _ = snapshot(p, "01234")[f"help/{help_rid}"]
    assert not deleted and dict(doc)["title"] == "Tặng 200 suất quà"


def _live_assessments(ws: Workspace) -> list[str]:
    with ws.db.read() as s:
        query = select(m.Assessment.record_id).where(
            m.Assessment.unit_code == "01234", m.Assessment.deleted_at.is_(None)
        )
        return sorted(s.scalars(query))


def test_the_same_indicator_recorded_on_two_computers_is_flagged_and_settled_everywhere(
    office: tuple[Workspace, Workspace, Workspace, str], usb: Path
) -> None:
    a, b, p, _ = office
    a.progress.record(2024, indicator="2.1", value="85")
    b.progress.record(2024, indicator="2.1", value="90")
    from_a, from_b = a.sync.export(usb).path, b.sync.export(usb).path

    report = p.sync.import_bundles([from_a, from_b])

    assert report.conflicts == 1 and len(_live_assessments(p)) == 2
    [flagged] = p.sync.conflicts()
    assert flagged.kind == "assessment-duplicate"
    assert {flagged.local.doc["value"], flagged.incoming.doc["value"]} == {85, 90}  # type: ignore[index]

    a.sync.import_bundles([from_b])
    [at_a] = a.sync.conflicts()
    a.sync.resolve(at_a.id, keep="incoming")
    assert [v.value for v in a.progress.assessments(2024)] == [90]
    p.sync.import_bundles([a.sync.export(usb).path])

    assert p.sync.conflicts() == [] and len(_live_assessments(p)) == 1
    assert snapshot(p, "01234") == snapshot(a, "01234")
