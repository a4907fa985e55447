"""Criteria sets kept in a data file: shipped corrections arrive as new revisions, a province's own stay."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT

SET_2021 = "vn-ntm-xa-2021-2025"


def _age_the_shipped_set(path: Path, set_id: str) -> None:
    """Make the stored shipped set look like an older release's (14.3 worded as 12.1, as it was)."""
    ws = Workspace.open(path)
    try:
        with ws.db.write() as s:
            row = s.scalar(select(m.CriteriaSetRow).where(m.CriteriaSetRow.set_id == set_id))
            assert row is not None
            content = dict(row.content)
            criteria = [dict(c) for c in content["criteria"]]
            fourteen = next(c for c in criteria if c["code"] == "14")
            fourteen["indicators"] = [
                dict(i, name_vi="Tỷ lệ lao động có việc làm qua đào tạo") if i["code"] == "14.3" else i
                for i in fourteen["indicators"]
            ]
            row.content = content | {"criteria": criteria}
    finally:
        ws.close()


def test_a_corrected_shipped_set_becomes_the_next_revision(tmp_path: Path) -> None:
    path = tmp_path / "ntm.sqlite"
    ws = Workspace.open(path)
    ws.unit.setup(SAMPLE_UNIT)
    ws.close()
    _age_the_shipped_set(path, SET_2021)
    ws = Workspace.open(path)
    try:
        cs = ws.criteria.get(SET_2021)
        assert cs.revision == 2
        assert cs.find_indicator("14.3").name_vi.startswith("Lao động qua đào tạo")  # type: ignore[union-attr]
        old = ws.criteria.get(SET_2021, 1)
        assert old.find_indicator("14.3").name_vi == "Tỷ lệ lao động có việc làm qua đào tạo"  # type: ignore[union-attr]
    finally:
        ws.close()
    ws = Workspace.open(path)  # opening again adds nothing
    try:
        assert ws.criteria.get(SET_2021).revision == 2
    finally:
        ws.close()


def test_a_province_edited_set_is_not_replaced_by_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "ntm.sqlite"
    ws = Workspace.open(path)
    ws.unit.setup(SAMPLE_UNIT)
    ws.criteria.set_threshold(SET_2021, "2.2", "TDMNPB", "70")
    ws.close()
    _age_the_shipped_set(path, SET_2021)
    ws = Workspace.open(path)
    try:
        cs = ws.criteria.get(SET_2021)
        assert cs.revision == 2 and cs.find_indicator("2.2").threshold.by_region  # type: ignore[union-attr]
    finally:
        ws.close()
