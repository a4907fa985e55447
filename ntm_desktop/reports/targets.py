"""The plan written for each criterion still to meet (``progress target --plan``), read for section IV.

``ws.progress.summary`` gives the target years but not the plan text, so this one read-only query lives
here until the progress service offers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from ntm_desktop.db import models as m

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


def plans(ws: Workspace, unit_code: str, set_id: str) -> dict[str, str]:
    """Criterion code → the plan text, for criteria that have one."""
    with ws.db.read() as s:
        rows = s.execute(
            select(m.CriterionTarget.criterion_code, m.CriterionTarget.plan).where(
                m.CriterionTarget.unit_code == unit_code, m.CriterionTarget.set_id == set_id
            )
        ).all()
    return {code: plan for code, plan in rows if plan}
