"""Communes merged in 2025 keep their predecessors' history: data received under an old code shows under
the new commune once the receiver sets the merger. What a commune declares itself is only a request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.receiver import comparable, paired, profile, sample, summed
from tests.helpers.sync import commune, receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

OLD, NEW, DECLARED_OLD, DECLARED_NEW = "01300", "01400", "01310", "01410"


def _years(doc: dict[str, Any], keep: range) -> dict[str, Any]:
    """The sample limited to ``keep`` years (assessments by year, help and events by date)."""
    doc["assessments"] = [a for a in doc["assessments"] if a["year"] in keep]
    doc["help"] = [h for h in doc["help"] if int(h["date"][:4]) in keep]
    doc["events"] = [e for e in doc["events"] if int(e["date"][:4]) in keep]
    return doc


def _commune(
    tmp_path: Path, code: str, name: str, keep: range, predecessors: tuple[str, ...] = ()
) -> Workspace:
    p = profile(code, name, predecessors)
    ws = commune(tmp_path, code, p)
    ws.records.import_data(_years(sample(p, 0), keep))
    return ws


@pytest.fixture
def merged(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace, Workspace]]:
    """A province office holding an old commune's 2022–2024 and its successor's 2025–2026."""
    office = receiver(tmp_path, "office")
    old = _commune(tmp_path, OLD, "Xã Cũ", range(2010, 2025))
    new = _commune(tmp_path, NEW, "Xã Mới", range(2025, 2100))
    usb = tmp_path / "usb"
    usb.mkdir()
    for c in (old, new):
        paired(c, office)
    office.sync.import_bundles([old.sync.export(usb).path, new.sync.export(usb).path])
    yield office, old, new
    for ws in (office, old, new):
        ws.close()


def test_predecessor_history_shows_under_the_successor(
    merged: tuple[Workspace, Workspace, Workspace],
) -> None:
    office, old, new = merged
    before = {r.code: r for r in office.receiver.units(2024)}
    assert set(before) == {OLD, NEW} and before[NEW].status == "not_reported"
    province_total = office.receiver.help_totals(None).to_json()

    office.receiver.set_successor(OLD, NEW)

    rows = {r.code: r for r in office.receiver.units(2024)}
    assert set(rows) == {NEW}
    succ = rows[NEW]
    assert succ.predecessors == (OLD,) and succ.status == "received"
    assert succ.criteria_met == old.progress.summary(2024).met
    assert succ.last_bundle_at is not None
    now = {r.code: r for r in office.receiver.units(2025)}[NEW]
    assert now.criteria_met == new.progress.summary(2025).met
    assert now.change == new.progress.summary(2025).met - old.progress.summary(2024).met

    view = office.receiver.commune(NEW)
    assert view.predecessors == (OLD,) and view.years == (2022, 2023, 2024, 2025, 2026)
    both = [old.help.totals().to_json(), new.help.totals().to_json()]
    assert comparable(view.help_totals().to_json()) == summed(both)
    assert (
        view.progress_summary(2023) is not None
        and view.progress_summary(2023).met == old.progress.summary(2023).met
    )
    assert office.receiver.commune(OLD).successor == NEW
    assert office.receiver.help_totals(None).to_json() == province_total  # nothing counted twice
    [unit_2023] = office.receiver.by_unit(2023)
    assert unit_2023.code == NEW and unit_2023.value_vnd == old.help.totals(HelpFilter(2023)).value_vnd
    assert office.receiver.summary(2023)["units"][0]["criteria_met"] == old.progress.summary(2023).met

    office.receiver.set_successor(OLD, "")
    assert {r.code for r in office.receiver.units(2024)} == {OLD, NEW}


def test_mergers_that_cannot_be(merged: tuple[Workspace, Workspace, Workspace]) -> None:
    office, _old, _new = merged
    with pytest.raises(InvalidInput):
        office.receiver.set_successor(OLD, OLD)
    with pytest.raises(InvalidInput):
        office.receiver.set_successor("13", NEW)
    with pytest.raises(NotFound):
        office.receiver.set_successor(OLD, "09999")
    office.receiver.set_successor(OLD, NEW)
    with pytest.raises(Conflict):
        office.receiver.set_successor(NEW, OLD)


def test_a_merger_a_commune_declares_is_a_request_the_receiver_decides(tmp_path: Path, capsys) -> None:
    office = receiver(tmp_path, "office")
    old = _commune(tmp_path, DECLARED_OLD, "Xã Tiền Thân", range(2010, 2025))
    new = _commune(tmp_path, DECLARED_NEW, "Xã Sau Sáp Nhập", range(2025, 2100), (DECLARED_OLD,))
    usb = tmp_path / "usb"
    usb.mkdir()
    for c in (old, new):
        paired(c, office)
    office.sync.import_bundles([old.sync.export(usb).path, new.sync.export(usb).path])

    rows = {r.code: r for r in office.receiver.units(2024)}
    assert set(rows) == {DECLARED_OLD, DECLARED_NEW}  # the declared predecessor still counts for itself
    assert rows[DECLARED_NEW].predecessors == () and rows[DECLARED_NEW].merge_requests == (DECLARED_OLD,)
    assert rows[DECLARED_OLD].criteria_met == old.progress.summary(2024).met
    assert main(["receiver", "units", "--db", location(office), "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert f"ntm-desktop receiver merge MÃ --into {DECLARED_NEW}" in out and DECLARED_OLD in out

    office.receiver.set_successor(DECLARED_OLD, DECLARED_NEW)  # the receiver agrees
    [row] = office.receiver.units(2024)
    assert (row.code, row.predecessors, row.merge_requests) == (DECLARED_NEW, (DECLARED_OLD,), ())
    assert row.criteria_met == old.progress.summary(2024).met


def test_a_commune_cannot_hide_other_communes_by_declaring_them(tmp_path: Path) -> None:
    """A trusted 01234 bundle declaring 01240 and 01252 as its predecessors hides neither of them."""
    office = receiver(tmp_path, "office")
    communes = [
        _commune(tmp_path, "01240", "Xã Nghiên Loan", range(2010, 2100)),
        _commune(tmp_path, "01252", "Xã Cổ Linh", range(2010, 2100)),
        _commune(tmp_path, "01234", "Xã Bằng Thành", range(2010, 2100), ("01240", "01252")),
    ]
    usb = tmp_path / "usb"
    usb.mkdir()
    for c in communes:
        paired(c, office)
    office.sync.import_bundles([c.sync.export(usb).path for c in communes])

    assert [r.code for r in office.receiver.units(2025)] == ["01234", "01240", "01252"]
    summary = office.receiver.summary(2025)
    assert [u["code"] for u in summary["units"]] == ["01234", "01240", "01252"]
    assert office.receiver.help_totals(2025).value_vnd == sum(
        c.help.totals(HelpFilter(2025)).value_vnd for c in communes
    )
    for c in communes:
        c.close()
    office.close()


def test_an_approved_year_of_the_successor_locks_the_predecessors_data(
    merged: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    office, old, _new = merged
    office.receiver.set_successor(OLD, NEW)
    office.receiver.set_status(NEW, 2024, "reviewed")
    office.receiver.set_status(NEW, 2024, "approved")
    old.progress.record(2024, indicator="1.1", value=False, met=False)

    [outcome] = office.sync.import_bundles([old.sync.export(tmp_path / "usb").path]).outcomes

    assert outcome.status == "imported"
    [held] = office.receiver.amendments(code=NEW)
    assert (held.unit_code, held.signoff_code, held.year, held.kind) == (OLD, NEW, 2024, "assessments")


def test_the_successor_an_import_looks_up_is_the_registrys(tmp_path: Path) -> None:
    """An import follows one commune's chain of successors (a few rows) instead of loading every commune;
    it must land where the whole registry does: chains, cycles, longer than ten, removed rows, itself."""
    import random
    from datetime import UTC, datetime

    from ntm_desktop.db import models as m
    from ntm_desktop.receiver import registry

    office = receiver(tmp_path)
    rng = random.Random(14)
    codes = [f"{20000 + n:05d}" for n in range(60)]
    with office.db.write() as s:
        for n, code in enumerate(codes):
            merged = rng.choice([None, code, codes[min(n + 1, 59)], codes[min(n + 1, 59)], rng.choice(codes)])
            row = m.Unit(code=code, name=f"Xã {code}", province_code="19", is_home=False, merged_into=merged)
            s.add(row)
            if n % 17 == 5:
                row.deleted_at = datetime.now(UTC)
    with office.db.read() as s:
        whole = registry.load(s)
        assert whole.successor, "the sample has mergers"
        for code in [*codes, "29999"]:
            assert registry.current(s, code) == whole.current(code), code
    office.close()
