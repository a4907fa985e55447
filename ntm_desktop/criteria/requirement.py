"""What an indicator or a criterion requires of one commune, and where that is written.

The answer is one of four, and the app and the reports say which, honestly:

* a **value** (``threshold``) for the commune's region or group, or the general one;
* a **text** (``requirement_by_key`` for the commune's key, else ``requirement_vi``) the officer judges
  against — e.g. criterion 5 of 2021–2025, written in QĐ 1491/QĐ-BGDĐT;
* **delegated**: the decision leaves the value to the province ("do tỉnh quy định") and none is entered;
* **missing**: the value is national (by region or group) but not entered in this app yet —
  "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)". This is not "do tỉnh quy định".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.model import Citation, Criterion, Indicator, Threshold, Value

Kind = Literal["value", "text", "delegated", "missing"]


@dataclass(frozen=True)
class Applicable:
    kind: Kind
    threshold: Value | None
    key: str | None
    """The region code or commune group whose value or text applies; None for the general one."""
    text: str
    """The requirement text that applies (Vietnamese), or ""."""
    cited: Citation | None
    """Where the value or text is written (the item's source, else its set's legal basis)."""


def _keys(region: str | None, group: int | None) -> tuple[str, ...]:
    return tuple(k for k in (region, None if group is None else str(group)) if k is not None)


def _own_value(t: Threshold, region: str | None, group: int | None) -> tuple[Value | None, str | None]:
    found = dict(t.by_region + t.by_group)
    key = next((k for k in _keys(region, group) if k in found), None)
    if key is not None:
        return found[key], key
    return t.general, None


def applicable(item: Indicator | Criterion, region: str | None, group: int | None) -> Applicable:
    """What applies to a commune of ``region`` / ``group`` (a region's own value wins over the general
    one; in a group set, the group's own). Texts follow the same order as values.

    Worked out once per item, region and group (an import judges thousands of values of a few dozen
    indicators); the answer is kept on the item, which never changes, beside its fields."""
    known: dict[tuple[str | None, int | None], Applicable] | None = item.__dict__.get("_applicable")
    if known is None:
        known = {}
        object.__setattr__(item, "_applicable", known)  # not a field: equality and hashing ignore it
    found = known.get((region, group))
    if found is None:
        found = known[(region, group)] = _applicable(item, region, group)
    return found


def _applicable(item: Indicator | Criterion, region: str | None, group: int | None) -> Applicable:
    if isinstance(item, Indicator):
        value, key = _own_value(item.threshold, region, group)
        if value is not None:
            return Applicable("value", value, key, _text_for(item, region, group)[0], item.cited)
    text, key = _text_for(item, region, group)
    if text:
        return Applicable("text", None, key, text, item.cited)
    return Applicable("delegated" if item.delegated else "missing", None, None, "", item.cited)


def _text_for(item: Indicator | Criterion, region: str | None, group: int | None) -> tuple[str, str | None]:
    found = dict(item.requirement_by_key)
    key = next((k for k in _keys(region, group) if k in found), None)
    return (found[key], key) if key is not None else (item.requirement_vi, None)


def missing_text(cited: Citation | None, *, whole: bool = False) -> str:
    """ "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)" in the app's language."""
    where = cited.describe() if cited else ""
    if whole:
        if where:
            return tr("Indicators not entered yet ({where})", where=where)
        return tr("Indicators not entered yet")
    return tr("No threshold entered yet ({where})", where=where) if where else tr("No threshold entered yet")


def delegated_text(cited: Citation | None) -> str:
    where = cited.describe() if cited else ""
    return tr("Set by the province ({where})", where=where) if where else tr("Set by the province")


def judge_by_text(cited: Citation | None) -> str:
    where = cited.describe() if cited else ""
    if where:
        return tr("No single threshold: judge against the requirement ({where})", where=where)
    return tr("No single threshold: judge against the requirement text")
