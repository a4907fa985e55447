"""The receiver's bulk count of criteria met is the commune's own roll-up (``progress show``), whatever the
mix of indicators met, not met, not judged, criteria judged as a whole, years without data and sets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ntm_desktop.criteria.loading import builtin_sets, default_set_id_for_year
from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

UNITS = 70  # more than the bulk threshold: every commune is read in one grouped query


def _fill(office: Workspace, seed: int) -> list[str]:
    rng = random.Random(seed)
    sets = {cs.id: cs for cs in builtin_sets()}
    codes = [f"{n:05d}" for n in range(20_001, 20_001 + UNITS)]
    units, rows = [], []
    for code in codes:
        units.append({"code": code, "name": f"Xã {code}", "province_code": "19", "is_home": False})
        for year in (2021, 2022, 2024, 2025, 2026):
            if rng.random() < 0.15:
                continue  # a year without data: the previous year with data is further back
            cs = sets[default_set_id_for_year(year) or ""]  # 2021: the 2016–2020 set, still in force
            for c in cs.criteria:
                if rng.random() < 0.1 or not c.indicators:  # judged as a whole
                    rows.append((code, year, cs.id, None, c.code, rng.choice([True, False, None])))
                    if rng.random() < 0.5:
                        continue  # …and, sometimes, its indicators as well
                for i in c.indicators:
                    if rng.random() < 0.1:
                        continue  # not recorded
                    rows.append(
                        (code, year, cs.id, i.code, c.code, rng.choice([True, True, True, False, None]))
                    )
    with office.engine.begin() as conn:
        conn.execute(m.Unit.__table__.insert(), [u | {"uid": f"u{u['code']}"} for u in units])
        conn.execute(
            m.Assessment.__table__.insert(),
            [
                {"uid": f"a{n}", "record_id": f"a{n}", "unit_code": code, "year": year, "set_id": set_id,
                 "set_revision": 1, "indicator": indicator, "criterion": criterion, "met": met}
                for n, (code, year, set_id, indicator, criterion, met) in enumerate(rows)
            ],
        )  # fmt: skip
    return codes


def test_the_bulk_count_is_the_communes_own_roll_up(tmp_path: Path) -> None:
    office = receiver(tmp_path, "office")
    codes = _fill(office, seed=11)
    for year in (2022, 2023, 2025, 2026):
        rows = {r.code: r for r in office.receiver.units(year)}
        assert set(rows) == set(codes)
        for code in codes:
            own = (
                office.progress.summary(year, unit_code=code) if year in office.progress.years(code) else None
            )
            row = rows[code]
            if own is None:
                assert (row.criteria_met, row.criteria_total, row.change) == (None, None, None), code
                continue
            change = None if own.previous_met is None else own.met - own.previous_met
            assert (row.criteria_met, row.criteria_total, row.change) == (own.met, own.total, change), (
                code,
                year,
            )
            view = office.receiver.commune(code).progress_summary(year)
            assert view is not None and [c.status for c in view.criteria] == [c.status for c in own.criteria]
    office.close()
