"""What changed between two revisions of a criteria set (or two sets): criteria and indicators added or
removed, wordings, kinds, thresholds per key, requirement texts and citations — one line per change."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_decimal
from ntm_desktop.core.setlabels import requirement_name, threshold_name
from ntm_desktop.criteria.model import Citation, CriteriaSet, Criterion, Indicator, Value


@dataclass(frozen=True)
class Change:
    code: str
    """The criterion's or indicator's code; "" for the set itself."""
    what: str
    """What changed, for people: "Ngưỡng nhóm 2", "Tên", "Thêm chỉ tiêu"…"""
    before: str
    after: str

    @property
    def line(self) -> str:
        where = f"{self.code}: " if self.code else ""
        if not self.before:
            return f"{where}{self.what}: {self.after}"
        if not self.after:
            return f"{where}{self.what}: {self.before} → —"
        return f"{where}{self.what}: {self.before} → {self.after}"


def diff_sets(old: CriteriaSet | None, new: CriteriaSet) -> list[Change]:
    """Every change from ``old`` to ``new`` (everything is new when ``old`` is None), in the set's order."""
    if old is None:
        return [Change(c.code, tr("Criterion added"), "", c.name) for c in new.criteria] + [
            Change(i.code, tr("Indicator added"), "", i.name) for i in new.indicators()
        ]
    return [*_set_changes(old, new), *_criteria_changes(old, new)]


def _set_changes(old: CriteriaSet, new: CriteriaSet) -> Iterator[Change]:
    pairs = (
        (tr("Name"), old.name_vi, new.name_vi),
        (tr("Period"), f"{old.period_from}–{old.period_to}", f"{new.period_from}–{new.period_to}"),
        (tr("Set level"), old.level, new.level),
        (tr("Legal basis"), old.legal_basis.citation.describe(), new.legal_basis.citation.describe()),
        (tr("Thresholds vary by"), old.dimension, new.dimension),
    )
    for what, a, b in pairs:
        if a != b:
            yield Change("", what, a, b)


def _criteria_changes(old: CriteriaSet, new: CriteriaSet) -> Iterator[Change]:
    before = {c.code: c for c in old.criteria}
    after = {c.code: c for c in new.criteria}
    for c in old.criteria:
        if c.code not in after:
            yield Change(c.code, tr("Criterion removed"), c.name, "")
    for c in new.criteria:
        if c.code not in before:
            yield Change(c.code, tr("Criterion added"), "", c.name)
            yield from (Change(i.code, tr("Indicator added"), "", i.name) for i in c.indicators)
            continue
        yield from _item_changes(before[c.code], c, old, new)
        yield from _indicator_changes(before[c.code], c, old, new)


def _indicator_changes(a: Criterion, b: Criterion, old: CriteriaSet, new: CriteriaSet) -> Iterator[Change]:
    before = {i.code: i for i in a.indicators}
    after = {i.code: i for i in b.indicators}
    for i in a.indicators:
        if i.code not in after:
            yield Change(i.code, tr("Indicator removed"), i.name, "")
    for i in b.indicators:
        if i.code not in before:
            yield Change(i.code, tr("Indicator added"), "", i.name)
            continue
        yield from _item_changes(before[i.code], i, old, new)


def _item_changes(
    a: Criterion | Indicator, b: Criterion | Indicator, old: CriteriaSet, new: CriteriaSet
) -> Iterator[Change]:
    pairs: list[tuple[str, str, str]] = [
        (tr("Name"), a.name_vi, b.name_vi),
        (tr("Requirement"), a.requirement_vi, b.requirement_vi),
        (tr("Source"), _cite(a.source), _cite(b.source)),
        (tr("Set by the province"), _yes(a.delegated), _yes(b.delegated)),
    ]
    keys = sorted({k for k, _ in a.requirement_by_key} | {k for k, _ in b.requirement_by_key})
    ra, rb = dict(a.requirement_by_key), dict(b.requirement_by_key)
    pairs += [(requirement_name(k), ra.get(k, ""), rb.get(k, "")) for k in keys]
    if isinstance(a, Indicator) and isinstance(b, Indicator):
        pairs += [
            (tr("Kind"), a.kind, b.kind),
            (tr("Unit"), a.unit, b.unit),
            (tr("Comparison"), a.direction or "", b.direction or ""),
            (tr("Wording checked"), _yes(a.confirmed), _yes(b.confirmed)),
            *_threshold_pairs(a, b),
        ]
    for what, x, y in pairs:
        if x != y:
            yield Change(b.code, what, x, y)


def _threshold_pairs(a: Indicator, b: Indicator) -> list[tuple[str, str, str]]:
    ta, tb = dict(a.threshold.entries()), dict(b.threshold.entries())
    keys = [None, *sorted(k for k in set(ta) | set(tb) if k is not None)]
    return [
        (
            threshold_name("general" if k is None else k),
            _show(ta.get(k), a),
            _show(tb.get(k), b),
        )
        for k in keys
    ]


def _show(value: Value | None, indicator: Indicator) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("Yes") if value else tr("No")
    if isinstance(value, Decimal):
        symbol = {">=": "≥ ", "<=": "≤ ", "=": "= "}.get(indicator.direction or "", "")
        unit = "%" if indicator.kind == "percent" else f" {indicator.unit}".rstrip()
        return f"{symbol}{format_decimal(value)}{unit}"
    return value


def _cite(c: Citation | None) -> str:
    return c.describe() if c else ""


def _yes(flag: bool) -> str:
    return tr("Yes") if flag else ""


def gained_and_lost(old: dict[str, str], new: dict[str, str]) -> tuple[list[str], list[str]]:
    """Criterion codes met now and not before, and met before and not now (statuses by code)."""
    gained = [code for code, status in new.items() if status == "met" and old.get(code) != "met"]
    lost = [code for code, status in old.items() if status == "met" and new.get(code) != "met"]
    return gained, lost
