"""What the Supporters page shows, read on the database worker: each supporter with what it gave, the
assignment documents and the form's choices. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass

from ntm_desktop.services.ledger import Assignment, GroupTotal, Supporter
from ntm_desktop.services.ledger.choices import Choices, load_choices
from ntm_desktop.ui.context import AppContext


@dataclass(frozen=True)
class Row:
    supporter: Supporter
    records: int
    value_vnd: int


@dataclass(frozen=True)
class SupportersData:
    rows: list[Row]
    assignments: list[Assignment]
    choices: Choices


def load(ctx: AppContext, year: int) -> SupportersData:
    ws = ctx.ws
    given: dict[str, GroupTotal] = {g.key: g for g in ws.help.breakdown("supporter")}
    rows = [
        Row(s, given[s.uid].records if s.uid in given else 0, given[s.uid].value_vnd if s.uid in given else 0)
        for s in ws.supporters.list()
    ]
    return SupportersData(rows, ws.assignments.list(), load_choices(ws, year))
