"""A commune's records bundle read from its bytes straight into typed records (#14).

The strict reader (:func:`~ntm_desktop.sync.bundle.jsonio.load_strict`) makes a dictionary of every
record, checks the document as a whole (repeated keys, depth) and the container checks every record's
sync fields; the typed lane (:mod:`ntm_desktop.sync.merge.typed_lane`) then converts the help records and
the assessments into msgspec's typed records. A commune's bundle holds hundreds of each: here msgspec reads
the bytes into those typed records at once, and the same document-wide checks are made on what it read:

* the bytes are plain as :func:`~ntm_desktop.core.jsonfast.quick_decode` judges them (no escape that may
  hide a refused character or a colon);
* the only places a non-integer may stand (an item's quantity, an assessment's value) are read as the
  strict reader reads a number (its float hook refuses an exponent or a token over 32 characters) and must
  be a number, or a value of the kinds records-v1 allows: never a container;
* no integer the strict reader refuses as too long (:data:`~ntm_desktop.core.jsonfast.LARGEST`): each
  typed place that reads one bounds it, a quantity's and a value's are looked at, and the head written
  out again holds no run of 32 digits (the bytes are not searched for one: 400 KB against a few places);
* no key repeated: the records written out again, their fields in a bundle's own order (keys sorted) and
  a field left out when it holds its default (as the commune left it out), are the bytes read, or hold
  as many colons (:func:`~ntm_desktop.core.jsonfast.keys_once`);
* the rest of the document (the unit, the supporters…), read as the strict reader reads it, is no deeper
  than :data:`~ntm_desktop.core.jsonfast.MAX_DEPTH` and passes the container's checks as it always did;
  each typed list's ids, versions and origins are judged as the container judges a list
  (:func:`~ntm_desktop.sync.bundle.payload.sound_columns`).

The typed records' fields and limits are the quick lanes' own (``help_fast``, ``assessments_fast``), taken
from their records, not written again. Anything else — a field this version does not know, a record
removed, a type not exactly as records-v1 writes it, a value that is not plain — answers None, and the
bundle is read the strict way, which decides and names any problem: nothing is accepted here that the
strict reader and the container refuse (``tests/test_typed_records.py`` compares both on altered bytes).
"""

# Annotations are objects here, not strings (no ``from __future__ import annotations``): msgspec reads a
# Struct's annotations when its decoder or first conversion is made, and each string costs a compile
# (~1 ms in all, on the first import in a process).

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Annotated, Any

import msgspec
from msgspec.structs import fields as fields_of

from ntm_desktop.core.jsonfast import DOUBT, LARGEST, decoder, keys_once, long_digits, quick_decode, shallow
from ntm_desktop.services.kinds import assessments_fast, help_fast
from ntm_desktop.sync.bundle.jsonio import load_strict
from ntm_desktop.sync.bundle.manifest import RECORDS
from ntm_desktop.sync.bundle.payload import sound_columns_of

_Spec = tuple[str, str, Any, Any]
_SYNC: tuple[_Spec, ...] = (
    ("deleted", "_deleted", bool, msgspec.NODEFAULT),
    ("origin", "_origin", str, msgspec.NODEFAULT),
    ("version", "_version", str, msgspec.NODEFAULT),
)
"""The sync fields every record carries in a bundle: attribute, key, type, default."""


class _AsGiven(msgspec.Struct, frozen=True):
    """A typed record reads as the strict reader's dictionary of it where the quick lane reads a value as
    given (``record["items"][n]["quantity"]``, ``help_fast.drafts_of``): the typed record holds it so."""

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


def _in_key_order(of: Any, name: str, retyped: dict[str, Any], more: tuple[_Spec, ...] = ()) -> Any:
    """The quick lane's record ``of`` with ``more`` fields (attribute, key, type, default), its fields'
    types ``retyped`` where given, in the order of their keys (a bundle's, written with its keys sorted),
    and without the fields holding their default when written out again (as the commune left them out)."""
    specs = [*more, *((f.name, f.encode_name, retyped.get(f.name, f.type), f.default) for f in fields_of(of))]
    specs.sort(key=lambda spec: spec[1])
    return msgspec.defstruct(
        name,
        [(a, kind) if default is msgspec.NODEFAULT else (a, kind, default) for a, _, kind, default in specs],
        rename={a: key for a, key, _, _ in specs if a != key},
        kw_only=True,
        omit_defaults=True,
        forbid_unknown_fields=True,
        frozen=name == "Item",  # as ``help_fast``'s: a line is known again by itself
        gc=False,
        module=__name__,
        bases=(_AsGiven,),
    )


Item = _in_key_order(help_fast._Item, "Item", {"quantity": Any})
"""A help item line; its quantity as the strict reader reads a number (an int, else the float hook's)."""
Beneficiaries = _in_key_order(help_fast._Beneficiaries, "Beneficiaries", {})
_ITEMS = list[Item]  # type: ignore[valid-type]
Help = _in_key_order(help_fast._Help, "Help", {"items": _ITEMS, "beneficiaries": Beneficiaries | None}, _SYNC)
_INT64 = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
"""An integer a typed place reads: msgspec reads one of any size where the type is ``int`` alone, and the
strict reader refuses one of 32 digits (:data:`~ntm_desktop.core.jsonfast.LARGEST`); a larger one than
this is a doubt (every integer place is bounded so: ``tests/test_typed_records.py`` looks)."""
Assessment = _in_key_order(
    assessments_fast._Assessment,
    "Assessment",
    {"value": Any, "year": _INT64},
    (*_SYNC, ("criteria_set", "_criteria_set", str | msgspec.UnsetType | None, msgspec.UNSET)),
)
"""An assessment; its value as the strict reader reads it, then one of the kinds records-v1 allows."""
_QUANTITIES = frozenset((int, float))
_VALUE = attrgetter("value")
_VALUES = frozenset((bool, int, float, str, type(None)))
"""What records-v1 allows as an assessment's value (``assessments_fast``'s typed record)."""


class _Records(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True, gc=False):
    """A records bundle's payload: the two long lists typed, the rest as the strict reader reads it. The
    fields in key order; one this version does not know (a newer minor's) is a doubt: the strict way sets
    it aside."""

    assessments: list[Assessment] | msgspec.UnsetType = msgspec.UNSET  # type: ignore[valid-type]
    assignments: Any = msgspec.UNSET
    cadres: Any = msgspec.UNSET
    criteria_set: Any = msgspec.UNSET
    events: Any = msgspec.UNSET
    format: Any = msgspec.UNSET
    help: list[Help] | msgspec.UnsetType = msgspec.UNSET  # type: ignore[valid-type]
    profile: Any = msgspec.UNSET
    supporters: Any = msgspec.UNSET
    unit: Any = msgspec.UNSET
    version: Any = msgspec.UNSET


_TYPED = ("assessments", "help")
SyncColumns = tuple[list[str], list[str], list[str]]
"""A list's records' ids, versions and origins, in its order."""
_DECODER = decoder(_Records)
_ENCODER = msgspec.json.Encoder()


@dataclass(frozen=True)
class TypedRecords:
    """A records payload read typed: ``head`` holds its other fields as the strict reader gives them (and a
    typed list that is empty), ``lists`` the typed lists that hold records, none removed."""

    head: dict[str, Any]
    lists: dict[str, list[Any]]
    raw: bytes = field(repr=False)
    """The bytes read (:meth:`payload` reads them the strict way)."""
    columns: dict[str, SyncColumns] = field(default_factory=dict, repr=False)
    """Each typed list's ids, versions and origins (as judged here: the typed lane takes them as they are)."""

    def counts(self) -> dict[str, int]:
        return {name: len(records) for name, records in self.lists.items()}

    def payload(self) -> dict[str, Any]:
        """The payload as the strict reader gives it, for a path that wants every record as a dictionary
        (a bundle whose lists the typed lane does not take): the bytes read again, the strict way."""
        payload: dict[str, Any] = load_strict(RECORDS, self.raw)
        return payload


def plain_values(help_records: Sequence[Any], assessments: Sequence[Any]) -> bool:
    """Whether every quantity of ``help_records`` is a number and every value of ``assessments`` one of the
    kinds records-v1 allows (those places are open to any value as read: see :data:`Item`), and no
    integer among them one the strict reader refuses as too long (:data:`~.jsonfast.LARGEST`; a number
    not whole is within bounds: the float hook saw its token)."""
    quantities = [it.quantity for r in help_records for it in r.items]
    if set(map(type, quantities)) - _QUANTITIES or not _within(quantities):
        return False
    values = list(map(_VALUE, assessments))
    kinds = set(map(type, values))
    return not kinds - _VALUES and (int not in kinds or _within([v for v in values if type(v) is int]))


def _within(numbers: list[Any]) -> bool:
    """Whether the numbers (at least one, else true) are all of a size the strict reader reads."""
    return not numbers or (min(numbers) > -LARGEST and max(numbers) < LARGEST)


def typed_records(raw: bytes) -> TypedRecords | None:
    """``raw`` (a records bundle's ``records.json``) read typed, when it is plainly what the strict reader
    and the container would take as it is; None on any doubt."""
    read = quick_decode(raw, _DECODER, runs=False)  # the integers read are judged instead: below
    if read is DOUBT or not keys_once(raw, read):
        return None
    given = {name: getattr(read, name) for name in _Records.__struct_fields__}
    head = {name: value for name, value in given.items() if value is not msgspec.UNSET and name not in _TYPED}
    lists = {name: given[name] for name in _TYPED if given[name]}  # UNSET and [] are false
    if not shallow(head) or long_digits(_ENCODER.encode(head)):  # an integer too long in the head?
        return None
    columns: dict[str, SyncColumns] = {}
    for name, records in lists.items():
        judged = None if any(r.deleted for r in records) else sound_columns_of(records)
        if judged is None:
            return None
        columns[name] = judged
    if not plain_values(lists.get("help", ()), lists.get("assessments", ())):
        return None
    head.update((name, []) for name in _TYPED if given[name] == [])  # an empty list, as the strict reader
    return TypedRecords(head, lists, raw, columns)
