"""What :func:`~ntm_desktop.sync.merge.decide.load_locals` reads of a unit's lists in one statement (their
rows, and whether any sync state is there) is what reading the rows and the states each on their own gives:
for a commune seen for the first time (nothing), one whose records came without a vector (rows, no
state), one with vectors and a bare removal known only as a state (states, with or without a row)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.sync.merge.codec import KINDS
from ntm_desktop.sync.merge.decide import current_vector, load_locals
from tests.helpers.sync import commune, help_record, receiver, supporter, trust, usb

__all__ = ["usb"]  # the fixture


def _expected(s: Session, code: str) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Each list's records read the plain way: the rows of its table and every state, one by one."""
    out: dict[str, dict[str, tuple[Any, ...]]] = {}
    for kind in KINDS:
        t = BY_LIST[kind].model
        states = {
            st.record_id: st
            for st in s.scalars(
                select(m.SyncRecordState).where(
                    m.SyncRecordState.unit_code == code, m.SyncRecordState.kind == kind
                )
            )
        }
        held: dict[str, tuple[Any, ...]] = {}
        for uid, rid, version, deleted_at in s.execute(
            select(t.uid, t.record_id, t.version, t.deleted_at).where(t.unit_code == code)
        ):
            st = states.get(rid)
            held[rid] = (uid, version, current_vector(version, st), deleted_at is not None, st is not None)
        for rid, st in states.items():
            held.setdefault(rid, (None, st.version, dict(st.vv), st.deleted, True))
        out[kind] = held
    return out


def _read(s: Session, code: str) -> dict[str, dict[str, tuple[Any, ...]]]:
    return {
        kind: {rid: (x.uid, x.version, x.vv, x.deleted, x.has_state) for rid, x in held.items()}
        for kind, held in load_locals(s, code, KINDS).items()
    }


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_one_statement_reads_what_rows_and_states_read_apart(tmp_path: Path, usb: Path, engine: str) -> None:
    c, p = commune(tmp_path), receiver(tmp_path)
    try:
        trust(c, p)
        uid = supporter(c, "Hội Nông dân xã")
        help_record(c, "Bê tông hóa đường thôn Nà Phầy", uid)
        c.help.remove(help_record(c, "Sửa nhà văn hóa", uid))  # a removed record keeps its row
        help_record(c, "Tặng quà học sinh", uid)
        p.sync.import_bundles([c.sync.export(usb).path])
        with p.db.write() as s:
            assert _read(s, "99999") == _expected(s, "99999") == {kind: {} for kind in KINDS}
            plain = _read(s, "01234")
            assert plain == _expected(s, "01234")
            assert len(plain["help"]) == 3 and [x[3] for x in plain["help"].values()].count(True) == 1
            assert not any(x[4] for held in plain.values() for x in held.values())
            # a vector on one record, a removal known only from a bundle: states are there
            rid, (_, version, *_) = next(iter(plain["help"].items()))
            s.add(
                m.SyncRecordState(
                    unit_code="01234", kind="help", record_id=rid, version=version, vv={"x": "1"}
                )
            )
            s.add(
                m.SyncRecordState(unit_code="01234", kind="help", record_id="gone", version="v", deleted=True)
            )
            stated = _read(s, "01234")  # the states added are flushed first, as the ORM would
            assert stated == _expected(s, "01234")
            assert stated["help"][rid][4] and stated["help"]["gone"] == (None, "v", {}, True, True)
            s.rollback()
    finally:
        c.close()
        p.close()
