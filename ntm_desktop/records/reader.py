"""Reading a records-v1 document: the shape and types of every field, every problem with its path.

What a value *means* (a negative quantity, a missing title, cash not in đồng) is checked afterwards by the
ledger's own checks, so a file and a form obey the same rules. Supporter references stay file ids here;
the importer resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.records.fields import NO_DATE, Fields
from ntm_desktop.services.ledger.values import (
    AssignmentDraft,
    CadreDraft,
    EventDraft,
    HelpDraft,
    ItemDraft,
    SupporterDraft,
)

FORMAT, VERSION = "ntm-records", 1
LISTS = ("assessments", "supporters", "assignments", "help", "cadres", "events")

_TOP = {"format", "version", "unit", "criteria_set", *LISTS}
_UNIT = {
    "code",
    "name",
    "type",
    "province_code",
    "province_name",
    "district_name",
    "region",
    "group",
    "villages",
    "predecessors",
}
_KEYS: dict[str, set[str]] = {
    "assessments": {
        "id",
        "year",
        "indicator",
        "criterion",
        "value",
        "met",
        "note",
        "assessed_on",
        "assessed_by",
    },
    "supporters": {"id", "name", "kind", "parent"},
    "assignments": {
        "id",
        "supporter",
        "document",
        "document_date",
        "issuer",
        "start",
        "end",
        "criteria",
        "note",
    },
    "help": {
        "id",
        "date",
        "supporters",
        "title",
        "description",
        "village",
        "criteria",
        "beneficiaries",
        "items",
    },
    "cadres": {"id", "name", "position", "supporter", "start", "end", "note"},
    "events": {"id", "date", "title", "village", "supporters", "participants", "criteria", "note"},
}
_REQUIRED: dict[str, set[str]] = {
    "assessments": {"id", "year"},
    "supporters": {"id", "name"},
    "assignments": {"id", "supporter", "document"},
    "help": {"id", "date", "supporters", "title", "items"},
    "cadres": {"id", "name"},
    "events": {"id", "date", "title"},
}
_ITEM, _ITEM_REQUIRED = {"kind", "name", "quantity", "unit", "value_vnd"}, {"kind", "quantity", "unit"}

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One record of a list: where it stands in the file, its id, and its draft (refs are file ids)."""

    index: int
    id: str
    draft: T


def path(list_name: str, index: int) -> str:
    return f"{list_name}[{index}]"


@dataclass(frozen=True)
class AssessmentEntry:
    index: int
    id: str
    year: int
    indicator: str
    criterion: str
    value: Any
    met: bool | None
    met_given: bool
    note: str
    assessed_on: date | None
    assessed_by: str


@dataclass
class Document:
    unit_code: str
    """The file's commune code as written (even when the rest of ``unit`` has problems)."""
    unit: UnitProfile | None
    criteria_set: str | None
    assessments: list[AssessmentEntry] = field(default_factory=list)
    lists: dict[str, list[Entry[Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read(data: object) -> Document:
    """The document with every shape problem listed; raises at once only if it is not records-v1."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput([Problem("format", tr("this is not a records file (format “ntm-records”)"))])
    problems: list[Problem] = []
    top = Fields(data, "", problems)
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise InvalidInput(
            [Problem("version", tr("the file was made by a newer version of the app; update the app"))]
        )
    top.shape(_TOP, {"format", "version", "unit"})
    if "version" in data and version != VERSION:
        top.fail("version", tr("must be 1"))
    raw_unit = data.get("unit")
    code = (
        clean(raw_unit.get("code"))
        if isinstance(raw_unit, dict) and isinstance(raw_unit.get("code"), str)
        else ""
    )
    doc = Document(code, _unit(top), criteria_set=top.text("criteria_set") or None, problems=problems)
    for name in LISTS:
        raw = data.get(name)
        if raw is None:
            doc.lists[name] = []
            continue
        if not isinstance(raw, list):
            top.fail(name, tr("must be a list"))
            raw = []
        entries = [_entry(name, i, item, problems) for i, item in enumerate(raw)]
        if name == "assessments":
            doc.assessments = [e for e in entries if isinstance(e, AssessmentEntry)]
        else:
            doc.lists[name] = [e for e in entries if isinstance(e, Entry)]
    return doc


def _unit(top: Fields) -> UnitProfile | None:
    u = top.child("unit")
    if u is None:
        return None
    u.shape(_UNIT, {"code", "name", "province_code"})
    group = u.whole("group")
    profile = UnitProfile(
        code=u.text("code"),
        name=u.text("name"),
        province_code=u.text("province_code"),
        type=u.text("type") or "xa",
        province_name=u.text("province_name"),
        district_name=u.text("district_name"),
        region=u.text("region") or None,
        group=group,
        villages=u.texts("villages"),
        predecessors=u.texts("predecessors"),
    )
    try:
        return profile.cleaned()
    except InvalidInput as exc:
        top.problems.extend(exc.problems)
        return None


def _entry(
    name: str, index: int, raw: object, problems: list[Problem]
) -> Entry[Any] | AssessmentEntry | None:
    at = path(name, index)
    if not isinstance(raw, dict):
        problems.append(Problem(at, tr("must be an object")))
        return None
    o = Fields(raw, at, problems)
    o.shape(_KEYS[name], _REQUIRED[name])
    record_id = o.text("id")
    if "id" in raw and not record_id:
        o.fail("id", tr("must not be empty"))
    if name == "assessments":
        return _assessment(o, index, record_id)
    return Entry(index, record_id, _READERS[name](o))


def _assessment(o: Fields, index: int, record_id: str) -> AssessmentEntry:
    year = o.whole("year")
    if year is not None and not 2010 <= year <= 2100:
        o.fail("year", tr("The year must be between 2010 and 2100"))
    indicator, criterion = o.text("indicator"), o.text("criterion")
    if bool(indicator) == bool(criterion):
        o.fail("indicator", tr("give either an indicator or a criterion"))
    value = o.d.get("value")
    if value is not None and not isinstance(value, bool | int | float | Decimal | str):
        o.fail("value", tr("must be a number, true/false or text"))
        value = None
    met = o.d.get("met")
    if met is not None and not isinstance(met, bool):
        o.fail("met", tr("must be true, false or null"))
        met = None
    return AssessmentEntry(
        index=index,
        id=record_id,
        year=year or 0,
        indicator=indicator,
        criterion=criterion,
        value=value,
        met=met,
        met_given="met" in o.d,
        note=o.text("note"),
        assessed_on=o.day("assessed_on"),
        assessed_by=o.text("assessed_by"),
    )


def _supporter(o: Fields) -> SupporterDraft:
    return SupporterDraft(name=o.text("name"), kind=o.text("kind") or "agency", parent=o.text("parent"))


def _assignment(o: Fields) -> AssignmentDraft:
    return AssignmentDraft(
        supporter=o.text("supporter"),
        document=o.text("document"),
        document_date=o.day("document_date"),
        issuer=o.text("issuer"),
        start=o.day("start"),
        end=o.day("end"),
        criteria=o.texts("criteria"),
        note=o.text("note"),
    )


def _help(o: Fields) -> HelpDraft:
    beneficiaries = o.child("beneficiaries")
    households = persons = None
    if beneficiaries is not None:
        beneficiaries.shape({"households", "persons"}, set())
        households, persons = beneficiaries.whole("households"), beneficiaries.whole("persons")
    return HelpDraft(
        date=o.day("date") or NO_DATE,
        title=o.text("title"),
        supporters=o.texts("supporters"),
        items=tuple(_items(o)),
        description=o.text("description"),
        village=o.text("village"),
        criteria=o.texts("criteria"),
        households=households,
        persons=persons,
    )


def _items(o: Fields) -> list[ItemDraft]:
    raw = o.d.get("items")
    if raw is None:
        return []
    if not isinstance(raw, list):
        o.fail("items", tr("must be a list"))
        return []
    items = []
    for i, data in enumerate(raw):
        at = f"{o.path('items')}[{i}]"
        if not isinstance(data, dict):
            o.problems.append(Problem(at, tr("must be an object")))
            continue
        it = Fields(data, at, o.problems)
        it.shape(_ITEM, _ITEM_REQUIRED)
        quantity = it.number("quantity")
        if quantity is None and "quantity" in data:
            it.fail("quantity", tr("must be a number ≥ 0"))
        value = it.whole_money("value_vnd")
        items.append(
            ItemDraft(
                kind=it.text("kind"),
                quantity=quantity if quantity is not None else Decimal(0),
                unit=it.text("unit"),
                name=it.text("name"),
                value_vnd=value,
            )
        )
    return items


def _cadre(o: Fields) -> CadreDraft:
    return CadreDraft(
        name=o.text("name"),
        position=o.text("position"),
        supporter=o.text("supporter") or None,
        start=o.day("start"),
        end=o.day("end"),
        note=o.text("note"),
    )


def _event(o: Fields) -> EventDraft:
    return EventDraft(
        date=o.day("date") or NO_DATE,
        title=o.text("title"),
        village=o.text("village"),
        supporters=o.texts("supporters"),
        participants=o.whole("participants"),
        criteria=o.texts("criteria"),
        note=o.text("note"),
    )


_READERS: dict[str, Any] = {
    "supporters": _supporter,
    "assignments": _assignment,
    "help": _help,
    "cadres": _cadre,
    "events": _event,
}
