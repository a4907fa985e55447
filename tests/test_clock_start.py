"""The clock starts above every version stored in the workspace: the one statement that reads them all
(``device._stored_versions``) finds what a query per versioned column finds."""

from __future__ import annotations

from sqlalchemy import func, select, update

from ntm_desktop.db import models as m
from ntm_desktop.sync.keys.device import _VERSIONED, CLOCK_SETTING, _stored_versions
from ntm_desktop.workspace import Workspace
from tests.helpers.bundles import fixed_clock, sample_payload


def _one_query_per_column(ws: Workspace) -> list[str]:
    """The careful reading: each versioned column's greatest version, then the kept clock value."""
    with ws.db.read() as s:
        found = [s.scalar(select(func.max(model.version))) for model in _VERSIONED]
        saved = s.get(m.Setting, CLOCK_SETTING)
        found.append(saved.value if saved is not None else None)
    return [v for v in found if isinstance(v, str)]


def test_the_clock_starts_above_each_tables_greatest_version(ws: Workspace) -> None:
    doc = sample_payload()
    for name in ("assessments", "supporters", "help"):  # the workspace's clock versions what it imports
        doc[name] = [{k: v for k, v in r.items() if not k.startswith("_")} for r in doc[name]]
    ws.records.import_data(doc)
    newest = fixed_clock("dev-b", start=4_000_000_000_000).now()
    with ws.db.write() as s:  # the greatest version in one table only, the help list
        s.execute(update(m.Help).values(version=newest))
    ws.identity.close()  # the clock's value kept in the settings too
    with ws.db.read() as s:
        found = _stored_versions(s, CLOCK_SETTING)
    assert found == _one_query_per_column(ws)
    assert newest in found and len(found) >= 4  # assessments, supporters, help, the kept value
    restarted = Workspace.open(ws.path)
    try:
        assert restarted.identity.now() > newest
    finally:
        restarted.close()
