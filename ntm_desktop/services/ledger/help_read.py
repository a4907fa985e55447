"""Reading help records as frozen views in three flat queries (records, item lines, supporter links),
without building ORM objects: listing or exporting a ledger of 100,000 records stays in seconds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.store import supporter_names
from ntm_desktop.services.ledger.values import Help, ItemDraft

CHUNK = 500
"""How many uids go into one ``IN (…)`` (SQLite limits the number of parameters)."""


def help_views(s: Session, where: Sequence[ColumnElement[bool]]) -> list[Help]:
    """The help records matching ``where`` (conditions on ``m.Help`` only), in no particular order."""
    h, i, hs = m.Help, m.HelpItem, m.HelpSupporter
    heads = s.execute(
        select(
            h.uid,
            h.record_id,
            h.version,
            h.date,
            h.title,
            h.description,
            h.village,
            h.criteria,
            h.households,
            h.persons,
            h.funding_source,
        ).where(*where)
    ).all()
    if not heads:
        return []
    items: defaultdict[str, list[tuple[int, ItemDraft]]] = defaultdict(list)
    query = select(i.help_uid, i.position, i.kind, i.name, i.quantity, i.unit, i.value_vnd)
    for uid, position, kind, name, quantity, unit, value in s.execute(
        query.join(h, h.uid == i.help_uid).where(*where)
    ):
        item = ItemDraft(kind=kind, quantity=quantity, unit=unit, name=name, value_vnd=value)
        items[uid].append((position, item))
    links: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for uid, supporter, position in s.execute(
        select(hs.help_uid, hs.supporter_uid, hs.position).join(h, h.uid == hs.help_uid).where(*where)
    ):
        links[uid].append((position, supporter))
    names = supporter_names(s, {sup for pairs in links.values() for _, sup in pairs})
    return [_view(r, items[r.uid], links[r.uid], names) for r in heads]


def _view(
    r: Any, items: list[tuple[int, ItemDraft]], links: list[tuple[int, str]], names: dict[str, str]
) -> Help:
    uids = tuple(sup for _, sup in sorted(links))
    return Help(
        date=r.date,
        title=r.title,
        supporters=uids,
        items=tuple(item for _, item in sorted(items, key=lambda pair: pair[0])),
        description=r.description,
        village=r.village,
        criteria=tuple(r.criteria or ()),
        households=r.households,
        persons=r.persons,
        funding_source=r.funding_source,
        supporter_names=tuple(names.get(u, "") for u in uids),
        uid=r.uid,
        record_id=r.record_id,
        version=r.version,
    )


def help_views_of(s: Session, uids: Sequence[str]) -> list[Help]:
    """The views of these records, in the order given."""
    found: dict[str, Help] = {}
    for start in range(0, len(uids), CHUNK):
        found |= {v.uid: v for v in help_views(s, [m.Help.uid.in_(uids[start : start + CHUNK])])}
    return [found[uid] for uid in uids]
