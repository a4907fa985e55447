"""Checking ledger drafts: every problem found, each with its field, and the cleaned draft.

These checks need no database, so the records-v1 import runs the very same rules with a path prefix
(``help[3].``) and the services run them with none. References to supporters are checked by the services
against the workspace (:mod:`ntm_desktop.services.kinds.store`).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import MAX_MONEY, format_decimal
from ntm_desktop.core.text import LONG_TEXT, SHORT_TEXT, clean, text_problem
from ntm_desktop.core.years import FIRST_YEAR, LAST_YEAR
from ntm_desktop.services.ledger.kinds import (
    CASH_UNIT,
    DEFAULT_UNITS,
    DISTRICTS_ENDED,
    FUNDING_SOURCES,
    ITEM_KINDS,
    SUPPORTER_KINDS,
    default_item_name,
)
from ntm_desktop.services.ledger.text_scan import texts_fine
from ntm_desktop.services.ledger.values import (
    AssignmentDraft,
    CadreDraft,
    EventDraft,
    HelpDraft,
    ItemDraft,
    SupporterDraft,
)

MAX_QUANTITY = Decimal(MAX_MONEY)
MAX_COUNT = 1_000_000_000
"""Households, persons, participants: more than the country's people is a typing (or forging) error."""
_TEXT_LIMITS = {"note": LONG_TEXT, "description": LONG_TEXT, "title": 1_000}


class Checker:
    """Collects problems under a path prefix (``""`` for a form, ``"help[3]"`` for a file); a form's
    problems say which list of records they are of (``within``), so their fields are named as that form
    names them."""

    def __init__(self, at: str = "", within: str = "") -> None:
        self.at = at
        self.within = "" if at else within
        self.problems: list[Problem] = []

    def path(self, field: str) -> str:
        if not self.at:
            return field
        return f"{self.at}{field}" if field.startswith("[") else f"{self.at}.{field}"

    def fail(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.path(field), message, within=self.within))

    def required_text(self, field: str, value: str) -> str:
        text = clean(value)
        if not text:
            self.fail(field, tr("is required"))
        return text

    def required_date(self, field: str, value: object) -> None:
        if not isinstance(value, date):
            self.fail(field, tr("is required: a date like 2023-12-31"))
        else:
            self.in_years(field, value)

    def in_years(self, field: str, value: date | None) -> None:
        """A date within the years the app shows (:mod:`ntm_desktop.core.years`, the app's own range):
        a record dated 2101 or 1999 would be saved and then be in no year's totals."""
        if isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            self.fail(field, tr("must be in the years {first}–{last}", first=FIRST_YEAR, last=LAST_YEAR))

    def period(self, start: date | None, end: date | None) -> None:
        self.in_years("start", start)
        self.in_years("end", end)
        if start is not None and end is not None and end < start:
            self.fail("end", tr("is before the start"))

    def codes(self, field: str, values: tuple[str, ...]) -> tuple[str, ...]:
        """Criterion codes: trimmed, no blanks, no repeats."""
        cleaned: list[str] = []
        for i, raw in enumerate(values):
            code = clean(raw)
            if not code:
                self.fail(f"{field}[{i}]", tr("must not be empty"))
            elif code in cleaned:
                self.fail(f"{field}[{i}]", tr("“{code}” is listed twice", code=code))
            else:
                cleaned.append(code)
        return tuple(cleaned)

    def count(self, field: str, value: int | None) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(field, tr("must be a whole number ≥ 0"))
            return None
        if value > MAX_COUNT:  # said with the limit: "Quá lớn" alone left the officer guessing
            self.fail(field, tr("is too large: at most {limit}", limit=format_decimal(MAX_COUNT)))
            return None
        return value

    def texts(self, draft: object, prefix: str = "") -> None:
        """Every text of a draft (item lines included): not too long, no control characters."""
        assert is_dataclass(draft)
        if not prefix and texts_fine(draft, _limit_of):
            return  # all of them at once; otherwise each on its own, to say which
        for name in _field_names(type(cast(Any, draft))):
            value, at = getattr(draft, name), f"{prefix}{name}"
            if isinstance(value, tuple):
                for i, one in enumerate(value):
                    self._text(f"{at}[{i}]", name, one)
            else:
                self._text(at, name, value)

    def _text(self, at: str, name: str, value: object) -> None:
        if isinstance(value, str):
            problem = text_problem(value, _limit_of(name))
            if problem:
                self.fail(at, problem)
        elif is_dataclass(value):
            self.texts(value, f"{at}.")

    def refs(self, field: str, uids: tuple[str, ...], *, at_least_one: bool) -> tuple[str, ...]:
        if at_least_one and not uids:
            self.fail(field, tr("needs at least one supporter"))
        seen: list[str] = []
        for i, uid in enumerate(uids):
            if uid in seen:
                self.fail(f"{field}[{i}]", tr("the same supporter is listed twice"))
            else:
                seen.append(uid)
        return tuple(seen)


def check_supporter(d: SupporterDraft, at: str = "") -> tuple[SupporterDraft, list[Problem]]:
    c = Checker(at, "supporters")
    c.texts(d)
    name = c.required_text("name", d.name)
    if d.kind not in SUPPORTER_KINDS:
        c.fail(
            "kind",
            tr("unknown kind “{kind}”; use one of: {kinds}", kind=d.kind, kinds=", ".join(SUPPORTER_KINDS)),
        )
    return replace(d, name=name, parent=clean(d.parent)), c.problems


def check_assignment(d: AssignmentDraft, at: str = "") -> tuple[AssignmentDraft, list[Problem]]:
    c = Checker(at, "assignments")
    c.texts(d)
    if not d.supporter:
        c.fail("supporter", tr("is required"))
    document = c.required_text("document", d.document)
    c.in_years("document_date", d.document_date)
    c.period(d.start, d.end)
    criteria = c.codes("criteria", d.criteria)
    cleaned = replace(d, document=document, issuer=clean(d.issuer), criteria=criteria, note=clean(d.note))
    return cleaned, c.problems


def check_help(d: HelpDraft, at: str = "") -> tuple[HelpDraft, list[Problem]]:
    c = Checker(at, "help")
    c.texts(d)
    c.required_date("date", d.date)
    title = c.required_text("title", d.title)
    supporters = c.refs("supporters", d.supporters, at_least_one=True)
    if not d.items:
        c.fail("items", tr("needs at least one item"))
    items = tuple(_check_item(c, f"items[{i}]", item) for i, item in enumerate(d.items))
    cleaned = replace(
        d,
        title=title,
        supporters=supporters,
        items=items,
        description=clean(d.description),
        village=clean(d.village),
        criteria=c.codes("criteria", d.criteria),
        households=c.count("beneficiaries.households", d.households),
        persons=c.count("beneficiaries.persons", d.persons),
        funding_source=_funding_source(c, d),
    )
    return cleaned, c.problems


def _funding_source(c: Checker, d: HelpDraft) -> str:
    """A known source or none; a district budget only for help received before 1 July 2025."""
    code = clean(d.funding_source)
    if code and code not in FUNDING_SOURCES:
        kinds = ", ".join(FUNDING_SOURCES)
        c.fail(
            "funding_source",
            tr("unknown funding source “{code}”; use one of: {codes}", code=code, codes=kinds),
        )
    elif code == "district_budget" and isinstance(d.date, date) and d.date >= DISTRICTS_ENDED:
        c.fail(
            "funding_source",
            tr(
                "there is no district budget from 1 July 2025 (districts no longer exist); "
                "choose the province or the commune budget"
            ),
        )
    return code


def _check_item(c: Checker, field: str, item: ItemDraft) -> ItemDraft:
    kind = item.kind
    if kind not in ITEM_KINDS:
        c.fail(
            f"{field}.kind",
            tr("unknown kind “{kind}”; use one of: {kinds}", kind=kind, kinds=", ".join(ITEM_KINDS)),
        )
    known = len(c.problems)
    quantity = _quantity(c, f"{field}.quantity", item.quantity)
    unit = clean(item.unit) or DEFAULT_UNITS.get(kind, "")
    if not unit:
        c.fail(f"{field}.unit", tr("is required, e.g. tấn, suất, ngày công"))
    value = _money(c, f"{field}.value_vnd", item.value_vnd)
    if kind == "cash" and len(c.problems) == known:
        value = _check_cash(c, field, quantity, unit, value)
    name = clean(item.name) or default_item_name(kind)
    return ItemDraft(kind=kind, quantity=quantity, unit=unit, name=name, value_vnd=value)


def _check_cash(c: Checker, field: str, quantity: Decimal, unit: str, value: int | None) -> int | None:
    """Cash is counted in đồng, and its value is its quantity (set here when not given)."""
    if unit != CASH_UNIT:
        c.fail(f"{field}.unit", tr("cash is counted in đồng (write 40 triệu as 40000000)"))
        return value
    if quantity != quantity.to_integral_value():
        c.fail(f"{field}.quantity", tr("must be a whole number of đồng"))
        return value
    if value is not None and value != int(quantity):
        c.fail(f"{field}.value_vnd", tr("for cash, the value must equal the quantity"))
    return int(quantity)


def _quantity(c: Checker, field: str, raw: object) -> Decimal:
    try:
        if isinstance(raw, bool) or not isinstance(raw, Decimal | int | float):
            raise InvalidOperation
        value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
        if not value.is_finite() or value < 0:
            raise InvalidOperation
    except InvalidOperation:
        c.fail(field, tr("must be a number ≥ 0"))
        return Decimal(0)
    if value > MAX_QUANTITY:
        c.fail(field, tr("is too large"))
    return value.normalize() if value else Decimal(0)


def _money(c: Checker, field: str, raw: object) -> int | None:
    """A value in đồng: a whole number ≥ 0, or None when not known."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | float):
        c.fail(field, tr("must be a whole number of đồng ≥ 0, or empty"))
        return None
    value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    if not value.is_finite() or value != value.to_integral_value() or value < 0:
        c.fail(field, tr("must be a whole number of đồng ≥ 0, or empty"))
        return None
    if value > MAX_MONEY:
        c.fail(field, tr("is too large"))
    return int(value)


def check_cadre(d: CadreDraft, at: str = "") -> tuple[CadreDraft, list[Problem]]:
    c = Checker(at, "cadres")
    c.texts(d)
    name = c.required_text("name", d.name)
    c.period(d.start, d.end)
    return replace(
        d, name=name, position=clean(d.position), note=clean(d.note), supporter=d.supporter or None
    ), c.problems


def check_event(d: EventDraft, at: str = "") -> tuple[EventDraft, list[Problem]]:
    c = Checker(at, "events")
    c.texts(d)
    c.required_date("date", d.date)
    title = c.required_text("title", d.title)
    cleaned = replace(
        d,
        title=title,
        village=clean(d.village),
        supporters=c.refs("supporters", d.supporters, at_least_one=False),
        participants=c.count("participants", d.participants),
        criteria=c.codes("criteria", d.criteria),
        note=clean(d.note),
    )
    return cleaned, c.problems


_FIELD_NAMES: dict[Any, tuple[str, ...]] = {}


def _limit_of(name: str) -> int:
    return _TEXT_LIMITS.get(name, SHORT_TEXT)


def _field_names(kind: Any) -> tuple[str, ...]:
    """A dataclass's field names (looked up once per class)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    return names
