"""The quick lane for a bundle's help records (:mod:`ntm_desktop.services.kinds.help_fast`) never takes a
list the records-v1 reader and the ledger's checks would refuse, and the drafts it makes are exactly
theirs (compared by ``repr``, so a quantity's Decimal exponent counts too); in doubt it answers None and
the slow lane names the problem. (The assessments' quick read: tests/test_assessments_fast.py; an import
through either lane: the last test here.)"""

from __future__ import annotations

import copy
import random
import re
import unicodedata
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_desktop.core.numbers import MAX_MONEY
from ntm_desktop.records.reader import MAX_ID_LENGTH, read
from ntm_desktop.services.kinds import help_fast
from ntm_desktop.services.kinds.help import _ITEM, HELP
from ntm_desktop.services.ledger import checks
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES, ITEM_KINDS
from tests.helpers.lanes import UNIT, VALUES, lanes_agree


def slow(records: list[Any]) -> tuple[list[tuple[str, Any]], bool]:
    """What the reader and the checks make of the list, and whether they found any problem."""
    doc = read({"format": "ntm-records", "version": 1, "unit": UNIT, "help": copy.deepcopy(records)})
    problems = bool(doc.problems)
    out = []
    for e in doc.lists["help"]:
        cleaned, found = HELP.check(e.draft, f"help[{e.index}]")
        problems = problems or bool(found)
        out.append((e.id, cleaned))
    return out, problems


def agree(records: list[Any]) -> bool:
    return lanes_agree(help_fast.help_drafts, slow, records)


def record(rng: random.Random, n: int) -> dict[str, Any]:
    kind = rng.choice(list(ITEM_KINDS))
    quantity: Any = rng.choice([10, 30, 0, 2.5, 1.25, 120]) if kind != "cash" else 40_000_000
    return {
        "id": f"h-{n}",
        "date": f"202{rng.randint(0, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "supporters": [f"s-{rng.randint(0, 3)}"],
        "title": rng.choice(["Bê tông hóa đường thôn Nà Phầy", "Tặng quà học sinh", "Xây nhà"]),
        "village": rng.choice(["", "Nà Lần", "Khau Cưởm"]),
        "criteria": sorted(rng.sample(["1", "2", "17", "19"], rng.randint(0, 2))),
        "beneficiaries": {"households": rng.randint(0, 200), "persons": rng.randint(0, 900)},
        "funding_source": rng.choice(["", *FUNDING_SOURCES]),
        "items": [
            {
                "kind": kind,
                "name": rng.choice(["", "Xi măng", "Tiền mặt"]),
                "quantity": quantity,
                "unit": "đồng" if kind == "cash" else rng.choice(["tấn", "", "suất"]),
                "value_vnd": quantity if kind == "cash" else rng.choice([None, 1_500_000]),
            }
        ],
    }


def test_the_plain_records_of_a_bundle_take_the_quick_lane_with_the_same_drafts() -> None:
    rng = random.Random(14)
    records = [record(rng, n) for n in range(400)]
    taken = [r for r in records if agree([r])]
    assert len(taken) > 250  # the plain ones (a district budget after 2025 is refused, the rest taken)
    assert agree(taken)


_PLACES = [
    *sorted(HELP.fields - {"items", "id"}),
    "unknown",
    *(f"items.{k}" for k in sorted(_ITEM)),
    "items.other",
]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PLACES), VALUES, st.booleans()), max_size=4), st.randoms())
def test_a_changed_record_is_taken_only_as_the_slow_lane_takes_it(changes: Any, rng: random.Random) -> None:
    r = record(rng, 0)
    for place, value, remove in changes:
        target = r["items"][0] if place.startswith("items.") else r
        name = place.removeprefix("items.")
        if remove:
            target.pop(name, None)
        else:
            target[name] = value
    agree([r])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, 3), st.sampled_from(_PLACES), VALUES), max_size=3),
    st.randoms(),
)
def test_what_records_share_is_judged_once_and_a_change_in_one_as_the_slow_lane_judges_it(
    changes: Any, rng: random.Random
) -> None:
    """Records sharing their supporters, criteria, funding source and item lines (judged once for the
    list): a change to one record's copy is taken only as the slow lane takes it, and then with every
    record's own draft."""
    base = record(rng, 0)
    records = [copy.deepcopy(base) | {"id": f"h-{n}"} for n in range(4)]
    for n, place, value in changes:
        target = records[n]["items"][0] if place.startswith("items.") else records[n]
        target[place.removeprefix("items.")] = value
    agree(records)
    assert agree([base | {"id": f"h-{n}"} for n in range(4)]) == agree([base])


def test_a_list_relinked_at_once_is_each_draft_relinked() -> None:
    """Each distinct list of supporters is mapped once for a list of drafts; every draft comes out as
    relinking it alone makes it (an id the mapping does not know stays as it is)."""
    rng = random.Random(9)
    records = [
        record(rng, n) | {"supporters": rng.sample(["s-0", "s-1", "s-2", "s-9"], 2)} for n in range(90)
    ]
    drafts = [d for _, d in help_fast.help_drafts([r for r in records if agree([r])]) or []]
    ids = {"s-0": "uid-0", "s-1": "uid-1", "s-2": "uid-0"}
    assert len(drafts) > 40
    assert repr(HELP.relink_each(drafts, ids)) == repr([HELP.relink(d, ids) for d in drafts])


_IDS = st.dictionaries(
    st.sampled_from(["s-0", "s-1", "s-2", "s-3", " s-1"]), st.sampled_from(["u-0", "u-1", "u-2"])
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(["s-0", "s-1", "s-2", "s-3", " s-1"]), max_size=3), max_size=6), _IDS
)
def test_drafts_relinked_by_the_lane_are_those_relinking_makes(supporters: Any, ids: Any) -> None:
    """Given the supporters' uids, the lane's drafts are those it makes without them, relinked as the
    check relinks them; a list naming a supporter the uids do not know, or two ids of one uid, is in
    doubt (the check then names the record, as without the lane)."""
    rng = random.Random(len(supporters))
    records = [record(rng, n) | {"supporters": names} for n, names in enumerate(supporters)]
    unlinked = help_fast.help_drafts(copy.deepcopy(records))
    linked = help_fast.help_drafts(copy.deepcopy(records), ids)
    if unlinked is None:
        assert linked is None
        return
    refs = [d.supporters for _, d in unlinked]
    fine = all(all(x in ids for x in r) and len({ids[x] for x in r}) == len(r) for r in refs)
    if not fine:
        assert linked is None
        return
    relinked = HELP.relink_each([d for _, d in unlinked], ids)
    assert linked is not None and repr(linked) == repr(
        list(zip([i for i, _ in unlinked], relinked, strict=True))
    )


def test_a_record_the_slow_lane_refuses_is_left_to_it() -> None:
    rng = random.Random(3)
    base = record(rng, 0) | {"funding_source": ""}
    cash = {"kind": "cash", "quantity": 5, "unit": "đồng", "value_vnd": 6}
    for change in [
        {"title": "  "},
        {"supporters": ["s-1", "s-1"]},
        {"supporters": []},
        {"criteria": ["1", "1"]},
        {"items": []},
        {"items": [cash]},
        {"id": "x" * (MAX_ID_LENGTH + 1)},
        {"date": "2024-13-01"},
        {"beneficiaries": {"households": -1}},
        {"funding_source": "district_budget", "date": "2025-07-01"},
    ]:
        assert help_fast.help_drafts([base | change]) is None, change
        assert slow([base | change])[1], change
    assert agree([base | {"items": [cash | {"value_vnd": 5}]}])


def test_at_each_limit_msgspec_checks_the_lanes_agree_and_one_past_it_the_slow_lane_decides() -> None:
    """The lengths, counts and amounts the quick lane leaves to msgspec's constraints: at the checks'
    own limit the quick lane takes the record as the slow lane does; one past it, it leaves the list to
    the slow lane, which refuses it."""
    base = record(random.Random(8), 0) | {"funding_source": ""}
    item = {"kind": "material", "quantity": 3, "unit": "tấn", "name": "Xi măng", "value_vnd": 9}
    beneficiaries = {"households": 1, "persons": 1}
    cases: list[tuple[int, Any]] = [
        (MAX_ID_LENGTH, lambda n: {"id": "h" * n}),
        (checks._limit_of("title"), lambda n: {"title": "T" * n}),
        (checks._limit_of("description"), lambda n: {"description": "d" * n}),
        (checks._limit_of("village"), lambda n: {"village": "v" * n}),
        (checks._limit_of("unit"), lambda n: {"items": [item | {"unit": "u" * n}]}),
        (checks._limit_of("name"), lambda n: {"items": [item | {"name": "n" * n}]}),
        (help_fast._COUNT, lambda n: {"beneficiaries": beneficiaries | {"households": n}}),
        (help_fast._COUNT, lambda n: {"beneficiaries": beneficiaries | {"persons": n}}),
        (MAX_MONEY, lambda n: {"items": [item | {"value_vnd": n}]}),
    ]
    for limit, change in cases:
        assert agree([base | change(limit)]), change(3)
        past = [base | change(limit + 1)]
        assert help_fast.help_drafts(past) is None and slow(past)[1], change(3)


def test_a_date_in_a_year_the_app_does_not_show_is_left_to_the_slow_lane_which_names_it() -> None:
    """The first and last days of the app's years are taken alike by both lanes; a day before or after
    them makes the quick lane doubt, and the checks name the date with the years."""
    item = {"kind": "material", "quantity": 3, "unit": "tấn", "name": "Xi măng", "value_vnd": 9}
    base = record(random.Random(5), 0) | {"funding_source": "", "items": [item]}
    for day in ("2000-01-01", "2100-12-31"):
        assert agree([base | {"date": day}]), day
        assert help_fast.help_drafts([base | {"date": day}]) is not None, day
    for day in ("1999-12-31", "2101-01-01", "0001-01-01", "9999-12-31"):
        assert help_fast.help_drafts([base | {"date": day}]) is None, day
        assert help_fast.help_drafts([base, base | {"id": "h-1", "date": day}]) is None, day
        doc = read({"format": "ntm-records", "version": 1, "unit": UNIT, "help": [base | {"date": day}]})
        _, found = HELP.check(doc.lists["help"][0].draft, "help[0]")
        assert [p.path for p in found] == ["help[0].date"] and "2000–2100" in found[0].message


def test_its_columns_are_the_help_rows_own() -> None:
    """The columns the lane gives a bulk insert (:func:`help_fast.columns_of`) are the help store's."""
    from ntm_desktop.services.kinds import help as help_store

    assert help_fast.OWN_COLUMNS == help_store._BULK


def test_its_limits_are_the_checks_own() -> None:
    assert help_fast.MAX_ID == MAX_ID_LENGTH
    assert checks._limit_of("title") == help_fast._TITLE
    quick = help_fast.fast_types()
    assert quick["help"] == HELP.fields
    assert quick["items"] == _ITEM
    assert quick["beneficiaries"] == {"households", "persons"}


def test_a_quantity_keeps_the_slow_lanes_exponent() -> None:
    base = record(random.Random(5), 0)
    for quantity in (
        10,
        10.0,
        0,
        0.0,
        2.50,
        1e3,
        Decimal("2.50000000000000000001"),
        Decimal("-0"),
        Decimal("1E+2"),
    ):
        item = {"kind": "material", "quantity": quantity, "unit": "tấn"}
        assert agree([base | {"items": [item]}])
    item = {"kind": "material", "quantity": 1e3, "unit": "tấn"}
    [(_, draft)] = help_fast.help_drafts([base | {"items": [item]}]) or []
    assert str(draft.items[0].quantity) == str(Decimal(1000).normalize())


def test_a_line_given_again_with_its_quantity_written_otherwise_is_read_as_given() -> None:
    """A line whose quantity is an int is known again by itself within a list (judged once); the same
    line with its quantity written as a float or a Decimal (10.0, 1E+1, 10.00; 2.5 and 2.5 + 1E-20, one
    float to msgspec; 10 + 1E-20, a float equal to the int 10), or another name or value, is read as the
    slow lane reads each record — before or after the int line, in the same record or another."""
    base = record(random.Random(5), 0)
    quantities = [10, 10.0, Decimal("1E+1"), 10, Decimal("10.00"), 2.5, Decimal("2.50000000000000000001"), 30]
    quantities += [Decimal("10.00000000000000000001"), 10]
    lines = [
        {"kind": "material", "quantity": q, "unit": "tấn", "name": name, "value_vnd": value}
        for q in quantities
        for name in (None, "", "Xi măng")
        for value in (None, 10, 1_500_000)
    ]
    records = [base | {"id": f"h-{n}", "items": [line, lines[-n]]} for n, line in enumerate(lines)]
    assert agree(records)


def test_criteria_known_from_earlier_lists_are_only_those_proved_plain() -> None:
    """A list of criteria read in a list the quick lane took is known to later lists (its texts proved
    plain, and a text is plain wherever it comes); one read in a list left to the slow lane is not: a
    later list citing it again (a control character, a text not NFC) is left to the slow lane again."""
    rng = random.Random(3)
    for odd in (["1", "2\x01"], ["1", unicodedata.normalize("NFD", "Nà Phầy")], ["\ud800"]):
        cited = [record(rng, n) | {"criteria": odd} for n in range(3)]
        assert help_fast.help_drafts(cited) is None
        assert tuple(odd) not in help_fast._PLAIN_CRITERIA
        assert not agree(cited)
    taken = [record(rng, n) | {"criteria": [" 17", "3"]} for n in range(3)]
    assert agree(taken)
    assert help_fast._PLAIN_CRITERIA[(" 17", "3")] == ("17", "3")
    assert agree(taken[:1]) and agree([taken[0] | {"title": "Tặng quà\x01"}]) is False


def test_item_lines_known_from_earlier_lists_are_only_those_proved_plain() -> None:
    """An item line (its quantity an int) judged in a list the quick lane took is known to later lists,
    as it was read; one judged in a list left to the slow lane is not, nor is a line whose quantity is
    not an int (read as given each time): a later list giving it again is judged again."""
    rng = random.Random(4)
    line = {"kind": "material", "name": "Gạch ", "quantity": 30, "unit": "viên", "value_vnd": None}
    for odd in ({"name": "Gạch\x01"}, {"unit": unicodedata.normalize("NFD", "Nà Phầy")}):
        given = [record(rng, n) | {"items": [line | odd]} for n in range(2)]
        assert help_fast.help_drafts(given) is None and not agree(given)
        assert not any(it.name == (line | odd)["name"] for it in help_fast._PLAIN_LINES)
    taken = [record(rng, n) | {"items": [line]} for n in range(2)]
    assert agree(taken)
    kept = [d for it, d in help_fast._PLAIN_LINES.items() if it.name == "Gạch " and it.quantity == 30]
    assert [repr(d) for d in kept] == [repr(help_fast.help_drafts(taken)[0][1].items[0])]  # type: ignore[index]
    assert agree([taken[0] | {"items": [line | {"quantity": 30.0}]}])  # read as given: Decimal("30.0")
    assert agree([taken[0] | {"title": "Tặng quà\x01"}]) is False


# ---- whole imports: the quick lane and the slow lane leave the same rows ---------------------------


_UID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _rows(ws: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, uids replaced by the record they stand for and times left out."""
    from sqlalchemy import select

    from ntm_desktop.db.base import Base

    tables = [t for t in Base.metadata.sorted_tables if t.name not in {"settings"}]
    with ws.db.read() as s:
        raw = {t.name: [dict(r._mapping) for r in s.execute(select(t))] for t in tables}
    raw["audit"] = [r for r in raw["audit"] if r["action"].startswith("sync")]  # not the setting up
    names = {
        row["uid"]: f"{table}/{row.get('record_id') or row.get('code') or ''}"
        for table, rows in raw.items()
        for row in rows
        if isinstance(row.get("uid"), str)
    }

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return None
        text = value if isinstance(value, str) else repr(value)
        return _UID.sub(lambda m: names.get(m[0], "<uid>"), text)

    return {
        table: sorted(tuple((k, plain(v)) for k, v in sorted(r.items()) if k != "id") for r in rows)
        for table, rows in raw.items()
    }


def _payload(rng: random.Random, clock: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
    from tests.helpers.bundles import record as synced

    supporters = [synced(clock, f"s-{n}", name=f"Đơn vị hỗ trợ {n}", kind="agency") for n in range(4)]
    return {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": "01234", "name": "Xã Bằng Thành", "province_code": "19"},
        "assessments": [
            synced(clock, "a-1", year=2023, criterion="19", met=False, note="Chưa đạt chuẩn an ninh"),
            synced(clock, "a-2", year=2023, indicator="2.1", value=85, assessed_on="2023-12-15"),
            synced(clock, "a-3", year=2024, indicator="2.1", value=" 62,5 ", met=True),
        ],
        "supporters": supporters,
        "help": [synced(clock, r.pop("id"), **r) for r in records],
    }


def test_an_import_leaves_the_same_rows_and_audit_by_either_lane(
    tmp_path: Path, monkeypatch: Any, engine: str
) -> None:
    """On SQLite and on PostgreSQL (``engine``): the quick lanes, and the whole import forced to the slow
    lane, leave the same rows in every table, the same audit rows and the same messages."""
    from ntm_desktop.core.fieldlabels import label
    from ntm_desktop.sync import importing
    from ntm_desktop.sync.keys.pairs import generate_private_key
    from ntm_desktop.sync.merge import check
    from tests.helpers.bundles import fixed_clock, make_bundle
    from tests.helpers.sync import receiver

    rng = random.Random(2026)
    plain = [r for r in (record(rng, n) for n in range(300)) if help_fast.help_drafts([r]) is not None]
    refused = [*copy.deepcopy(plain[:5]), plain[5] | {"supporters": ["s-1", "s-1"]}]
    unknown = [*copy.deepcopy(plain[6:9]), plain[9] | {"supporters": ["s-2", "s-9"]}]
    key = generate_private_key()
    usb = tmp_path / "usb"
    usb.mkdir()
    bundles = [
        make_bundle(usb, key, payload=_payload(rng, fixed_clock(), copy.deepcopy(records)), files={}, **extra)
        for records, extra in [
            (plain, {}),
            (refused, {"sequence": 8, "bundle_id": "6d0c7a8e-1b2f-4c3d-8e9f-0a1b2c3d4e5f"}),
            (unknown, {"sequence": 9, "bundle_id": "7e1d8b9f-2c3a-4d4e-9fa0-1b2c3d4e5f60"}),
        ]
    ]
    seen = []
    for name, quick in (("quick", True), ("slow", False)):
        if not quick:
            for name in list(check._QUICK):
                monkeypatch.setitem(check._QUICK, name, lambda *_: None)
            monkeypatch.setattr(importing, "_typed_plan", lambda *_: False)  # no typed lane either
        ws = receiver(tmp_path, name)
        ws.settings.set("receiver_code", "19")
        outcomes = [ws.sync.import_bundles([b], trust_on_first_use=True).outcomes[0] for b in bundles]
        seen.append(([(o.status, o.message) for o in outcomes], _rows(ws)))
        ws.close()
    assert seen[0][0][0][0] == "imported" and seen[0][0][1][0] != "imported"
    assert label("help[5].supporters[1]") in seen[0][0][1][1]  # the twice-named supporter, as shown
    assert seen[0][0][2][0] != "imported" and "“s-9”" in seen[0][0][2][1]  # a supporter never seen
    assert seen[0][0] == seen[1][0]
    for table in seen[0][1]:
        diff = sorted(set(seen[0][1][table]) ^ set(seen[1][1][table]))
        assert not diff, (table, [str(d) for d in diff[:2]])
    assert seen[0][1]["audit"] and len(seen[0][1]["help"]) == len(plain)
    assert len(seen[0][1]["assessments"]) == 3
    assert seen[0][1] == seen[1][1]
