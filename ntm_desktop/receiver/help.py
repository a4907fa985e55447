"""Help received by all of a receiver's communes, added up by the ledger's own code.

:func:`ntm_desktop.services.ledger.totals.totals` and ``breakdown`` take the communes' codes, so the
province's figures are the communes' figures summed by the same SQL (the records-v1 "Totals" object
included); what is new here is only how rows are grouped across communes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ntm_desktop.core.text import name_key
from ntm_desktop.db import models as m
from ntm_desktop.receiver.registry import Registry
from ntm_desktop.receiver.values import SupporterTotal, UnitHelp
from ntm_desktop.services.ledger.totals import GroupTotal, HelpFilter, breakdown, conditions, values_per_help


def year_filter(year: int | None) -> HelpFilter:
    return HelpFilter(year=year)


def by_supporter(s: Session, registry: Registry, codes: Sequence[str], f: HelpFilter) -> list[SupporterTotal]:
    """Per supporter (the same name in several communes is one supporter), the communes it helped.

    Help given by several supporters together counts in full for each, as in the commune's breakdown.
    """
    groups = breakdown(s, codes, "supporter", f)
    if not groups:
        return []
    rows = s.execute(
        select(m.Supporter.uid, m.Supporter.unit_code, m.Supporter.name, m.Supporter.kind).where(
            m.Supporter.uid.in_([g.key for g in groups])
        )
    ).all()
    who = {uid: (code, name, kind) for uid, code, name, kind in rows}
    merged: dict[str, list[GroupTotal]] = defaultdict(list)
    for g in groups:
        merged[name_key(who[g.key][1] if g.key in who else g.label)].append(g)
    out = []
    for parts in merged.values():
        found = [who[g.key] for g in parts if g.key in who]
        names = Counter(name for _, name, _ in found) or Counter(g.label for g in parts)
        kinds = Counter(kind for _, _, kind in found)
        out.append(
            SupporterTotal(
                name=min(names, key=lambda n: (-names[n], n)),
                kind=kinds.most_common(1)[0][0] if kinds else "other",
                communes=tuple(sorted({registry.current(code) for code, _, _ in found})),
                records=sum(g.records for g in parts),
                value_vnd=sum(g.value_vnd for g in parts),
                cash_vnd=sum(g.cash_vnd for g in parts),
            )
        )
    return sorted(out, key=lambda t: (-t.value_vnd, -t.records, name_key(t.name)))


def by_criterion(s: Session, codes: Sequence[str], f: HelpFilter) -> list[GroupTotal]:
    return breakdown(s, codes, "criterion", f)


def by_unit(
    s: Session, registry: Registry, tops: Sequence[str], names: Mapping[str, str], f: HelpFilter
) -> list[UnitHelp]:
    """Help per commune (its predecessors' included), every commune listed, most value first."""
    codes = sorted({c for t in tops for c in registry.codes_of(t)})
    h, per_help = m.Help, values_per_help()
    value, cash = func.coalesce(per_help.c.value, 0), func.coalesce(per_help.c.cash, 0)
    query = (
        select(h.unit_code, func.count(), func.sum(value), func.sum(cash))
        .select_from(h)
        .outerjoin(per_help, per_help.c.help_uid == h.uid)
        .where(*conditions(codes, f))
        .group_by(h.unit_code)
    )
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for code, n, v, c in s.execute(query):
        total = sums[registry.current(code)]
        total[0] += int(n)
        total[1] += int(v or 0)
        total[2] += int(c or 0)
    out = [UnitHelp(t, names.get(t, t), *sums.get(t, [0, 0, 0])) for t in tops]
    return sorted(out, key=lambda u: (-u.value_vnd, -u.records, u.code))
