"""Reading a records-v1 document: the shape and types of every field, every problem with its path.

Each list's fields and how its records read are declared by its kind (:mod:`ntm_desktop.services.kinds`).
What a value *means* (a negative quantity, a missing title, cash not in đồng) is checked afterwards by the
kind's own checks, so a file and a form obey the same rules. Supporter references stay file ids here;
the importer resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ntm_desktop.core.compat import FormatVersion, Reading, reading, strict
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean, text_problem
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.services.kinds.fields import Fields
from ntm_desktop.services.kinds.registry import KINDS, LISTS

if TYPE_CHECKING:
    from ntm_desktop.services.kinds.store import Store

FORMAT, VERSION = "ntm-records", 1
MINE = FormatVersion(VERSION, 2)
"""The records format this app reads (``docs/records-format.md``): 1.1 added help records' ``funding_source``
and the ``narratives`` list, 1.2 a reverse bundle's ``recognitions``. A file states the lowest version that
reads it (:mod:`.versions`)."""
MAX_ID_LENGTH = 100
"""A record id (a bundle's records obey the same limit)."""

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

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One record of a list: where it stands in the file, its id, and its draft (refs are file ids)."""

    index: int
    id: str
    draft: T


def path(list_name: str, index: int) -> str:
    return f"{list_name}[{index}]"


@dataclass
class Document:
    unit_code: str
    """The file's commune code as written (even when the rest of ``unit`` has problems)."""
    unit: UnitProfile | None
    criteria_set: str | None
    lists: dict[str, list[Entry[Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reading: Reading = field(default_factory=lambda: strict(MINE))
    """The file's version, and the fields of a newer minor set aside (``docs/compatibility.md``)."""

    @property
    def header(self) -> dict[str, Any]:
        """The top-level values records depend on (see :meth:`Store.with_extras`)."""
        return {"criteria_set": self.criteria_set}


def read(data: object) -> Document:
    """The document with every shape problem listed; raises at once only if it is not records-v1."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput([Problem("format", tr("this is not a records file (format “ntm-records”)"))])
    problems: list[Problem] = []
    found = reading(data.get("version"), MINE)
    if found is not None and found.too_new:
        raise InvalidInput(
            [Problem("version", tr("the file was made by a newer version of the app; update the app"))]
        )
    file_reading = found if found is not None and not found.unreadable else strict(MINE)
    top = Fields(data, "", problems, file_reading)
    top.shape(_TOP, {"format", "version", "unit"})
    if "version" in data and (found is None or found.unreadable):
        top.fail("version", tr("must be 1"))
    raw_unit = data.get("unit")
    code = (
        clean(raw_unit.get("code"))
        if isinstance(raw_unit, dict) and isinstance(raw_unit.get("code"), str)
        else ""
    )
    doc = Document(
        code, _unit(top), top.text("criteria_set") or None, problems=problems, reading=file_reading
    )
    for kind in KINDS:
        raw = data.get(kind.list_name)
        if raw is None:
            doc.lists[kind.list_name] = []
            continue
        if not isinstance(raw, list):
            top.fail(kind.list_name, tr("must be a list"))
            raw = []
        entries = [_entry(kind, i, item, top) for i, item in enumerate(raw)]
        doc.lists[kind.list_name] = [e for e in entries if e is not None]
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


def _entry(kind: Store[Any, Any], index: int, raw: object, top: Fields) -> Entry[Any] | None:
    at = path(kind.list_name, index)
    if not isinstance(raw, dict):
        top.problems.append(Problem(at, tr("must be an object")))
        return None
    o = top.nested(raw, at)
    o.shape(kind.fields, kind.required)
    record_id = o.text("id")
    if "id" in raw and not record_id:
        o.fail("id", tr("must not be empty"))
    elif len(record_id) > MAX_ID_LENGTH or text_problem(record_id):
        o.fail(
            "id", tr("must be at most {count} characters, without control characters", count=MAX_ID_LENGTH)
        )
    return Entry(index, record_id, kind.read(o))
