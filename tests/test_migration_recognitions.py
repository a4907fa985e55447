"""Revision 0002: the recognition decisions a 0.2.0 commune set aside (it reads records 1.1, the list came
in 1.2) are taken in when the commune updates; what does not make sense stays set aside."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select

from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.test_release_files import RELEASES


def test_recognitions_a_0_2_0_commune_set_aside_are_taken_in_when_it_updates(tmp_path: Path) -> None:
    """Release 0.2.0 reads records 1.1: it imported a reverse bundle carrying ``recognitions`` with the list
    set aside. Opening that data file with this version (revision 0002) takes them in, newest first."""
    path = tmp_path / "ntm.sqlite"
    shutil.copyfile(RELEASES / "0.2.0.sqlite", path)
    entry = {"id": "2025/ntm", "year": 2025, "level": "ntm", "decision": "123/QĐ-UBND", "date": "2025-12-20",
             "decided_by": "19", "withdrawn": False, "reason": "", "_deleted": False,
             "_origin": "5b1e0c2f9d3a7e41", "_version": "0001766200000000.0000.5b1e0c2f9d3a7e41"}  # fmt: skip
    later = entry | {
        "withdrawn": True,
        "reason": "Ghi nhầm",
        "_version": "0001766300000000.0000.5b1e0c2f9d3a7e41",
    }
    other = entry | {"id": "2025/nang_cao", "level": "nang_cao", "decision": "7/QĐ-UBND"}
    with sqlite3.connect(path) as db:  # as 0.2.0 kept them (services/kept.py), from three bundles
        for value, source in (([entry, other], "b-1"), ([later], "b-2"), ([{"year": "x"}], "b-3")):
            db.execute(
                "INSERT INTO set_aside_fields (at, unit_code, kind, record_id, record_version, path, value,"
                " format_version, source) VALUES ('2026-12-02 10:00:00', '01234', '', '', '', 'recognitions',"
                " ?, '1.2', ?)",
                (json.dumps(value, ensure_ascii=False), source),
            )

    with Workspace.open(path, folder=tmp_path) as ws:
        held = {(r.level, r.decision, r.withdrawn, r.reason) for r in ws.sync.recognitions()}
        with ws.db.read() as s:
            left = [f.source for f in s.scalars(select(m.SetAsideField))]

    assert held == {("ntm", "123/QĐ-UBND", True, "Ghi nhầm"), ("nang_cao", "7/QĐ-UBND", False, "")}
    assert left == ["b-3"]  # what does not make sense stays set aside, not lost
