"""The national office for the tests: a fresh receiving workspace set up as the national office beside a
province office whose communes have sent their year, and the province's roll-up of the year ready to
import into it (no tests here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.helpers.receiver import Province, make_province
from tests.helpers.sync import open_receiver


@dataclass
class Offices:
    province: Province
    national: Workspace


@contextmanager
def province_and_national(tmp_path: Path) -> Iterator[Offices]:
    """A province office that imported all its communes' bundles, and a new national office (not yet
    holding anything of the province); every workspace is closed afterwards."""
    province = make_province(tmp_path)
    province.send_all()
    national = national_workspace(tmp_path / "trung-uong")
    try:
        yield Offices(province, national)
    finally:
        for ws in (national, province.office, *province.communes):
            ws.close()


def national_workspace(folder: Path) -> Workspace:
    """``receiver setup --level national`` on a new data file in ``folder`` (a new PostgreSQL database
    in a test that runs on both engines, with the clerk's own folder there)."""
    ws = open_receiver(folder.parent, folder.name)
    ws.receiver.set_up(level="national")
    return ws


def rolled_up(office: Workspace, out: Path, year: int) -> Path:
    """The province's roll-up of ``year`` (``bundle export --to national``) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    return office.receiver.export_national(out, year).result.path


def trust_province(office: Workspace, national: Workspace, folder: Path) -> None:
    """The national office trusts the province office's key (its key card, after a phone call)."""
    card = folder / "tinh.ntmkey"
    office.sync.keys.export(card)
    national.sync.keys.trust(card)


def take_in(national: Workspace, roll_up: Path) -> None:
    """The national office imports a province's roll-up (trusting its key on first use): it must go in."""
    [outcome] = national.sync.import_bundles([roll_up], trust_on_first_use=True).outcomes
    assert outcome.status == "imported", outcome.message


def january(d: int) -> datetime:
    """{d}/01/2026 09:00 in Hà Nội (and a quarter of a second, which the roll-up's times leave out)."""
    return datetime(2026, 1, d, 2, 0, 0, 250_000, tzinfo=UTC)


def spread(office: Workspace, code: str, year: int, steps: list[int], recognised: int) -> None:
    """The province's sign-off steps of ``code`` (oldest first) and its one recognition decision on the
    January days they would take: a test takes them all within one second."""
    c, a = m.ReceiverSignoffChange, m.AuditEntry
    with office.db.write() as s:
        rows = s.scalars(select(c).where(c.unit_code == code, c.year == year).order_by(c.id)).all()
        for row, d in zip(rows, steps, strict=True):
            row.at = january(d)
        signoff = s.get(m.ReceiverSignoff, (code, year))
        assert signoff is not None
        signoff.changed_at = january(steps[-1])
        [audit] = s.scalars(select(a).where(a.entity == "receiver_recognition")).all()
        audit.at = january(recognised)
        decision = s.get(m.ReceiverRecognition, (code, year, "ntm"))
        assert decision is not None
        decision.recorded_at = january(recognised)
