"""The national office for the GUI tests: a fresh receiving workspace set up as the national office, and
a province office's roll-up of the year ready to import into it (no tests here)."""

from __future__ import annotations

from pathlib import Path

from ntm_desktop.workspace import Workspace
from tests.helpers.sync import open_receiver


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
