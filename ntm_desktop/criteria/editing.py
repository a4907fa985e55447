"""A criteria set being edited (the editor's model, Qt-free): the set's file shape as a mutable dict,
edits by item and field, and ``parse_set``'s own checks mapped back to the item and field they are about,
so the editor shows every problem where it is and saves only a set ``parse_set`` accepts.

An item is addressed by a path: ``()`` the set, ``(2,)`` its third criterion, ``(2, 0)`` that criterion's
first indicator.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_decimal, parse_decimal
from ntm_desktop.core.text import clean, fold
from ntm_desktop.criteria.evaluate import too_large
from ntm_desktop.criteria.loading import parse_set, set_to_dict
from ntm_desktop.criteria.model import CriteriaSet

ItemPath = tuple[int, ...]
_ITEM = re.compile(r"^criteria\[(\d+)\](?:\.indicators\[(\d+)\])?(?:\.(.*))?$")


@dataclass(frozen=True)
class ItemProblem:
    item: ItemPath
    field: str
    """The field within the item (``name_vi``, ``threshold.by_group.2``…), or "" for the item itself."""
    message: str


def empty_indicator(code: str) -> dict[str, Any]:
    return {
        "code": code, "name_vi": "", "name_en": "", "unit": "%", "kind": "percent", "direction": ">=",
        "threshold": {"general": None, "by_region": {}, "by_group": {}}, "requirement_vi": "",
        "requirement_en": "", "requirement_by_key": {}, "confirmed": False, "threshold_confirmed": False,
        "source": None, "delegated": False, "sources": [], "note": "",
    }  # fmt: skip


def empty_criterion(code: str) -> dict[str, Any]:
    return {
        "code": code, "group": None, "name_vi": "", "name_en": "", "confirmed": False, "sources": [],
        "requirement_vi": "", "requirement_en": "", "requirement_by_key": {}, "requirement_confirmed": False,
        "source": None, "delegated": False, "note": "", "indicators": [],
    }  # fmt: skip


class SetDraft:
    def __init__(self, cs: CriteriaSet | dict[str, Any]) -> None:
        data = set_to_dict(cs) if isinstance(cs, CriteriaSet) else cs
        self.data: dict[str, Any] = copy.deepcopy(data)
        self.base = copy.deepcopy(self.data)

    @property
    def changed(self) -> bool:
        return self.data != self.base

    def item(self, path: ItemPath) -> dict[str, Any]:
        if not path:
            return self.data
        criterion: dict[str, Any] = self.data["criteria"][path[0]]
        if len(path) == 1:
            return criterion
        indicator: dict[str, Any] = criterion["indicators"][path[1]]
        return indicator

    def set_field(self, path: ItemPath, key: str, value: Any) -> None:
        """``key`` may be dotted: ``legal_basis.document``, ``source.part``, ``period.from``."""
        target = self.item(path)
        *parents, last = key.split(".")
        for name in parents:
            if target.get(name) is None:
                target[name] = {}
            target = target[name]
        target[last] = value
        if key.startswith("source.") and not any(self.item(path)["source"].values()):
            self.item(path)["source"] = None

    def set_threshold(self, path: ItemPath, key: str | None, typed: str) -> None:
        """A threshold typed as text ("80", "80,5", "Có", "mức độ 2"); empty clears it. Text that cannot
        be read is kept as it is, so the check reports it at its field."""
        indicator = self.item(path)
        threshold = indicator["threshold"]
        value = typed_threshold(indicator["kind"], typed)
        if key is None:
            threshold["general"] = value
            return
        which = "by_group" if self.data["dimension"] == "group" else "by_region"
        if value is None:
            threshold[which].pop(key, None)
        else:
            threshold[which][key] = value

    def set_requirement_for(self, path: ItemPath, key: str, text: str) -> None:
        texts = self.item(path).setdefault("requirement_by_key", {})
        if clean(text):
            texts[key] = text
        else:
            texts.pop(key, None)

    def add_criterion(self) -> ItemPath:
        codes = [c["code"] for c in self.data["criteria"]]
        self.data["criteria"].append(empty_criterion(_next_code(codes, "")))
        return (len(self.data["criteria"]) - 1,)

    def add_indicator(self, criterion: int) -> ItemPath:
        c = self.data["criteria"][criterion]
        codes = [i["code"] for i in c["indicators"]]
        c["indicators"].append(empty_indicator(_next_code(codes, c["code"] + ".")))
        return (criterion, len(c["indicators"]) - 1)

    def remove(self, path: ItemPath) -> None:
        if len(path) == 1:
            del self.data["criteria"][path[0]]
        elif len(path) == 2:
            del self.data["criteria"][path[0]]["indicators"][path[1]]

    def problems(self) -> list[ItemProblem]:
        """Every problem ``parse_set`` finds, each at its item and field; [] when the set can be saved."""
        try:
            parse_set(self.data)
        except InvalidInput as exc:
            return [_at(p.path, p.message) for p in exc.problems] + _too_large(self.data)
        return _too_large(self.data)

    def warnings(self) -> list[ItemProblem]:
        """What can be saved but is probably wrong: a wording used twice (one figure judged twice)."""
        try:
            return _same_wordings(parse_set(self.data))
        except InvalidInput:
            return []

    def checked(self) -> CriteriaSet:
        """The set as ``parse_set`` reads it; :class:`InvalidInput` while a problem remains."""
        return parse_set(self.data)


def typed_threshold(kind: str, typed: str) -> Any:
    text = clean(typed)
    if not text:
        return None
    if kind == "boolean":
        word = fold(text)
        if word in ("co", "dat", "yes", "true"):
            return True
        if word in ("khong", "khong dat", "no", "false"):
            return False
        return text
    if kind == "level":
        return text
    try:
        number = parse_decimal(text.rstrip("%").strip(), field="value")
    except InvalidInput:
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def shown_threshold(value: Any) -> str:
    """A stored threshold as the editor shows it: "80", "80,5", "Có", "mức độ 2"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int | float | Decimal):
        return format_decimal(Decimal(str(value)))
    return str(value)


def _at(path: str, message: str) -> ItemProblem:
    found = _ITEM.match(path)
    if found is None:
        return ItemProblem((), path, message)
    c, i, rest = found.groups()
    item: ItemPath = (int(c),) if i is None else (int(c), int(i))
    return ItemProblem(item, rest or "", message)


def _too_large(data: dict[str, Any]) -> list[ItemProblem]:
    """Thresholds above the typed limit (:func:`~ntm_desktop.criteria.evaluate.too_large`), each at its
    box: ``parse_set`` takes them (a set already saved must still open), the editor does not save them."""
    problems = []
    for n, c in enumerate(_dicts(data.get("criteria"))):
        for j, ind in enumerate(_dicts(c.get("indicators"))):
            t = ind.get("threshold")
            if ind.get("kind") != "number" or not isinstance(t, dict):
                continue  # a percent above 100 is parse_set's to report, and a yes/no or level is no number
            pairs = [("general", t.get("general"))]
            for which in ("by_region", "by_group"):
                keyed = t.get(which)
                pairs += [(f"{which}.{k}", v) for k, v in keyed.items()] if isinstance(keyed, dict) else []
            problems += [
                ItemProblem((n, j), f"threshold.{f}", too_large(v)) for f, v in pairs if too_large(v)
            ]
    return problems


def _dicts(items: object) -> list[dict[str, Any]]:
    return [i if isinstance(i, dict) else {} for i in items] if isinstance(items, list) else []


def _same_wordings(cs: CriteriaSet) -> list[ItemProblem]:
    seen: dict[str, str] = {}
    problems = []
    for n, c in enumerate(cs.criteria):
        for j, ind in enumerate(c.indicators):
            key = " ".join(ind.name_vi.casefold().split())
            if key in seen:
                message = tr("the same wording as indicator {code}", code=seen[key])
                problems.append(ItemProblem((n, j), "name_vi", message))
            seen.setdefault(key, ind.code)
    return problems


def _next_code(codes: list[str], prefix: str) -> str:
    numbers = [int(c[len(prefix) :]) for c in codes if c.startswith(prefix) and c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"
