"""A commune's records bundle read from its bytes straight into typed records (#14,
:mod:`ntm_desktop.sync.bundle.typed_records`): never taken when the strict reader and the container would
refuse the bytes or read them otherwise, and an import through it leaves what the strict way leaves."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_desktop.core.jsonfast import LARGEST
from ntm_desktop.sync.bundle.jsonio import dump_compact, load_strict
from ntm_desktop.sync.bundle.manifest import RECORDS, BundleKind
from ntm_desktop.sync.bundle.payload import check_payload
from ntm_desktop.sync.bundle.typed_records import typed_records
from ntm_desktop.sync.errors import InvalidBundle
from tests.helpers.bundles import fixed_clock, written
from tests.test_help_fast import _payload
from tests.test_typed_lane import help_record


def _doc() -> dict[str, Any]:
    """A commune's records as its export writes them: a field with nothing in it left out."""
    rng = random.Random(11)
    records = [written(help_record(rng, n)) for n in range(12)]
    records[3]["items"][0]["quantity"] = 2.5  # a quantity that is not whole
    return _payload(rng, fixed_clock(), records)


def _strict(raw: bytes) -> dict[str, Any] | None:
    """The payload the strict reader and the container give, or None when they refuse it."""
    try:
        return check_payload(BundleKind.RECORDS, load_strict(RECORDS, raw))
    except InvalidBundle:
        return None


def _strict_head(head: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return check_payload(BundleKind.RECORDS, head)
    except InvalidBundle:
        return None


def _agrees(raw: bytes) -> bool:
    """``raw`` read typed only when the strict way takes it, and then to the same payload."""
    typed = typed_records(raw)
    if typed is None or _strict_head(typed.head) is None:  # as the reader: then the strict way reads it
        return True
    strict = _strict(raw)
    assert strict is not None, "read typed, refused by the strict reader"
    assert typed.head == {k: v for k, v in strict.items() if k not in typed.lists}
    for name, records in typed.lists.items():
        assert json.loads(msgspec.json.encode(records)) == strict[name], name
        sync = ([r["id"] for r in strict[name]], [r["_version"] for r in strict[name]])
        assert typed.columns[name] == (*sync, [r["_origin"] for r in strict[name]]), name  # the lane's
    assert set(typed.columns) == set(typed.lists)
    assert typed.payload() == strict
    return True


def test_a_commune_bundle_is_read_typed_to_the_payload_the_strict_reader_gives() -> None:
    raw = dump_compact(_doc())
    typed = typed_records(raw)
    assert typed is not None and typed.counts() == {"assessments": 3, "help": 12}
    assert _agrees(raw)
    item = typed.lists["help"][3].items[0]
    assert item.quantity == 2.5 and type(item.quantity) is float
    assert typed.lists["help"][3]["items"][0]["quantity"] == 2.5  # read as given, as the quick lane reads


def _altered(change: str) -> bytes:
    doc = _doc()
    first, value = doc["help"][0], doc["assessments"][1]
    raw = dump_compact(doc)
    if change == "a key twice":
        return raw.replace(b'"title":', b'"title":"x","title":', 1)
    if change == "a null written out":
        first["description"] = None
    elif change == "a field this version does not know":
        first["colour"] = "đỏ"
    elif change == "a removed record":
        first["_deleted"] = True
    elif change == "an id twice":
        doc["help"][1]["id"] = first["id"]
    elif change == "an id with a space":
        first["id"] += " "
    elif change == "a version of two lines":
        first["_version"] += "\n" + first["_version"]
    elif change == "a quantity as text":
        first["items"][0]["quantity"] = "5"
    elif change == "a quantity yes":
        first["items"][0]["quantity"] = True
    elif change == "a value that is a list":
        value["value"] = [1, 2]
    elif change == "the unit deep":
        deep: Any = "x"
        for _ in range(40):
            deep = [deep]
        doc["unit"]["extra"] = deep
    elif change == "a title not NFC":
        first["title"] = "Xa\u0303 Bằng Thành"
    elif change == "a year of 40 digits":
        value["year"] = 10**40
    elif change == "a value of 32 digits":
        value["value"] = 10**31
    elif change == "a value of 31 digits":
        value["value"] = 10**31 - 1
    elif change == "a negative quantity of 31 digits":
        first["items"][0]["quantity"] = -(10**31 - 1)
    elif change == "a negative quantity of 32 digits":
        first["items"][0]["quantity"] = -(10**31)
    elif change == "a count of 40 digits":
        first["beneficiaries"] = {"households": 10**40}
    elif change == "an integer of 32 digits in the unit":
        doc["unit"]["extra"] = [1, {"n": 10**31}]
    elif change == "a run of 40 digits in a title":
        first["title"] = "Đường " + "9" * 40
    elif change == "keys out of order":
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    elif change == "spaces between":
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode()
    else:
        replaced = {
            "an exponent": (b'"quantity":2.5', b'"quantity":25e-1'),
            "a huge exponent": (b'"quantity":2.5', b'"quantity":1e400'),
            "a long quantity": (b'"quantity":2.5', b'"quantity":2.' + b"5" * 40),
            "a long integer": (b'"quantity":2.5', b'"quantity":' + b"9" * 40),
            "an escaped colon": (b'"title":"', b'"title":"\\u003a'),
            "an escaped control character": (b'"title":"', b'"title":"\\u0001'),
            "a lone surrogate": (b'"title":"', b'"title":"\\ud800'),
            "an escaped quote": (b'"title":"', b'"title":"\\"'),
        }[change]
        assert replaced[0] in raw, change
        return raw.replace(*replaced, 1)
    return dump_compact(doc)


CHANGES = [
    "a key twice",
    "a null written out",
    "a field this version does not know",
    "a removed record",
    "an id twice",
    "an id with a space",
    "a version of two lines",
    "a quantity as text",
    "a quantity yes",
    "a value that is a list",
    "the unit deep",
    "a title not NFC",
    "keys out of order",
    "spaces between",
    "an exponent",
    "a huge exponent",
    "a long quantity",
    "a long integer",
    "a year of 40 digits",
    "a value of 32 digits",
    "a value of 31 digits",
    "a negative quantity of 31 digits",
    "a negative quantity of 32 digits",
    "a count of 40 digits",
    "an integer of 32 digits in the unit",
    "a run of 40 digits in a title",
    "an escaped colon",
    "an escaped control character",
    "a lone surrogate",
    "an escaped quote",
]
TYPED_ALL_THE_SAME = {
    "keys out of order",
    "spaces between",
    "an escaped quote",
    "a title not NFC",
    "a value of 31 digits",
    "a negative quantity of 31 digits",
    "a run of 40 digits in a title",
}
"""Changes the typed read still takes (the same payload; a title not NFC, or an integer of 31 digits, is
the typed lane's to doubt, as before); every other one leaves the bytes to the strict way, which refuses
them or reads them itself."""


@pytest.mark.parametrize("change", CHANGES)
def test_altered_bytes_are_read_typed_only_when_the_strict_way_reads_them_alike(change: str) -> None:
    raw = _altered(change)
    assert _agrees(raw)
    assert (typed_records(raw) is not None) == (change in TYPED_ALL_THE_SAME), change


_SIGNIFICANT = list(b'{}[],:"\\0123456789.eE-+ tnfaluxd')


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_bytes_altered_at_random_are_never_read_typed_otherwise_than_strictly(data: Any) -> None:
    doc = _doc()
    doc["help"] = doc["help"][:3]
    raw = bytearray(dump_compact(doc))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw) - 1))
        how = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.sampled_from(_SIGNIFICANT))
        if how == "replace":
            raw[at] = byte
        elif how == "insert":
            raw.insert(at, byte)
        else:
            del raw[at]
    assert _agrees(bytes(raw))


def test_an_import_leaves_the_same_rows_and_messages_read_typed_or_strictly(
    tmp_path: Any, monkeypatch: Any, engine: str
) -> None:
    """On SQLite and PostgreSQL (``engine``): a receiver whose bundles are read typed, and one whose
    bundles are read the strict way, end with the same rows, audit and outcomes — including a commune's
    next bundle, whose help the typed lane does not take (its records then read the strict way too)."""
    from ntm_desktop.sync.bundle import typed_records as module
    from tests.helpers.sync import receiver
    from tests.test_help_fast import _rows
    from tests.test_typed_lane import _bundles

    bundles = _bundles(tmp_path, exported=True)
    read: list[bool] = []
    real = module.typed_records
    monkeypatch.setattr(module, "typed_records", lambda raw: read.append(bool(f := real(raw))) or f)
    strictly: list[int] = []  # which bundles' records were read again the strict way, 1 for the first
    again = module.TypedRecords.payload
    monkeypatch.setattr(module.TypedRecords, "payload", lambda t: strictly.append(len(read)) or again(t))
    seen = []
    for name in ("typed", "strict"):
        if name == "strict":
            monkeypatch.setattr(module, "typed_records", lambda raw: None)
        ws = receiver(tmp_path, name)
        outcomes = [ws.sync.import_bundles([b], trust_on_first_use=True).outcomes[0] for b in bundles]
        seen.append(([(o.status, o.message, o.counts) for o in outcomes], _rows(ws)))
        ws.close()
    assert read[:2] == [True, True]  # the first bundle and the next one were read typed
    assert 1 not in strictly and 2 in strictly  # the first bundle's records never read again; the next
    # one's were (its help is held here: today's path reads them as dictionaries)
    assert [o[0] for o in seen[0][0]] == ["imported", "imported", "rejected", "rejected"]
    assert seen[0] == seen[1]


def test_a_typed_read_keeps_the_payload_for_whoever_asks(tmp_path: Any) -> None:
    """``VerifiedBundle.payload`` of a bundle read typed is the strict reader's, read once and kept."""
    from ntm_desktop.sync.bundle.reader import read_bundle
    from tests.test_typed_lane import _bundles

    bundle = read_bundle(_bundles(tmp_path, exported=True)[0])
    assert bundle.typed is not None and "help" not in bundle.head
    payload = bundle.payload
    assert payload is bundle.payload and len(payload["help"]) == len(bundle.typed.lists["help"])
    assert copy.deepcopy(payload) == load_strict(RECORDS, bundle.typed.raw)


def _number_places(of: Any, path: str, seen: set[type]) -> Iterator[tuple[str, Any]]:
    """Where a type read from JSON may hold a number: (path, msgspec's type there)."""
    if isinstance(of, mi.IntType | mi.FloatType | mi.DecimalType | mi.AnyType):
        yield path, of
    elif isinstance(of, mi.StructType) and of.cls not in seen:
        seen.add(of.cls)
        for f in of.fields:
            yield from _number_places(f.type, f"{path}.{f.encode_name}", seen)
    elif isinstance(of, mi.UnionType):
        for one in of.types:
            yield from _number_places(one, path, seen)
    elif isinstance(of, mi.ListType | mi.VarTupleType):
        yield from _number_places(of.item_type, f"{path}[]", seen)
    else:
        assert isinstance(of, mi.StrType | mi.BoolType | mi.NoneType | mi.DateType), of


def test_every_place_of_a_typed_record_that_may_hold_an_integer_bounds_it_or_is_looked_at() -> None:
    """The typed read does not look for runs of 32 digits in the bytes (the strict reader refuses an integer
    that long, msgspec reads one of any size where the type is ``int``): each typed place that reads an
    integer bounds it, and each place open to any value is one the typed read judges itself (the head's,
    written out again; a quantity's and a value's, by :func:`plain_values`). A new field in the quick lanes'
    records must be one of those."""
    from ntm_desktop.sync.bundle.typed_records import _Records

    places = dict(_number_places(mi.type_info(_Records), "", set()))
    for path, of in places.items():
        if isinstance(of, mi.IntType):
            assert of.ge is not None and of.le is not None and max(-of.ge, of.le) < LARGEST, path
        else:
            assert isinstance(of, mi.AnyType), path  # a float or Decimal place would not see its token
    open_places = {path for path, of in places.items() if isinstance(of, mi.AnyType)}
    head = {f".{name}" for name in _Records.__struct_fields__} - {".help", ".assessments"}
    assert open_places == head | {".assessments[].value", ".help[].items[].quantity"}
