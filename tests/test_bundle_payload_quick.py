"""records.json's records lists are cleared set-wise (sync/bundle/payload._plainly_sound) exactly when the
record by record check finds nothing: over generated lists holding each kind of wrong field."""

from __future__ import annotations

import random
from typing import Any

from ntm_desktop.sync.bundle.payload import RECORD_FIELDS, _list_problems, _plainly_sound

SOUND = {"id": "h-1", "_version": "0001796213874636.0000.a1b2c3d4e5f6", "_origin": "a1b2c3d4e5f6",
         "_deleted": False, "title": "Bê tông"}  # fmt: skip
WRONG: dict[str, list[Any]] = {
    "id": ["", " h-1", "h-1 ", "x" * 101, "Thôn Ba\u0300", 5, None, "h\n1", "\u00a0h", "h-1"],
    "_version": ["9999999999999999.9999.b", "0001796213874636.0000.",
                 "０００１７９６２１３８７４６３６.0000.a", "0001796213874636.0000.a\n",
                 "1.0.a", 5, None, "4102444800000000.0000.a",
                 "0001796213874636.0000.a\n0001796213874636.0000.a"],
    "_origin": ["", "-a", "a" * 33, "a b", "a\n", 1, None, "a\nb"],
    "_deleted": [0, 1, "false", None],
}  # fmt: skip


def old(entries: list[Any]) -> list[Any]:
    return list(_list_problems("help", entries, dict(RECORD_FIELDS), exact=False))


def test_sound_lists_are_cleared_set_wise() -> None:
    entries = [SOUND | {"id": f"h-{n}", "_deleted": n % 2 == 0} for n in range(300)]
    assert _plainly_sound(entries) and _plainly_sound([]) and not old(entries)


def test_a_list_with_any_wrong_record_is_looked_at_record_by_record() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        entries: list[Any] = [SOUND | {"id": f"h-{n}"} for n in range(rng.randint(1, 6))]
        for _ in range(rng.randint(1, 2)):
            at = rng.randrange(len(entries))
            how = rng.randrange(6)
            if how == 0:
                entries[at] = rng.choice([[], "x", None, 5])
            elif how == 1 and isinstance(entries[at], dict):
                entries[at] = {k: v for k, v in entries[at].items() if k != rng.choice(list(RECORD_FIELDS))}
            elif isinstance(entries[at], dict):
                name = rng.choice(list(WRONG))
                entries[at] = entries[at] | {name: rng.choice(WRONG[name])}
        assert _plainly_sound(entries) == (not old(entries)), entries


def test_each_distinct_origin_is_judged_once_and_a_missing_field_anywhere_is_seen() -> None:
    """The origins are searched once per distinct device (_plainly_sound), and the columns are taken in
    one call each: a wrong origin repeated among sound ones, or one record without a sync field,
    still sends the list to the record by record check."""
    entries = [SOUND | {"id": f"h-{n}", "_origin": ["a1b2", "c3d4"][n % 2]} for n in range(50)]
    assert _plainly_sound(entries) and not old(entries)
    for wrong in WRONG["_origin"]:
        bad = [e | {"_origin": wrong} if n % 7 == 3 else e for n, e in enumerate(entries)]
        assert not _plainly_sound(bad) and old(bad)
    for name in RECORD_FIELDS:
        gone = [*entries[:-1], {k: v for k, v in entries[-1].items() if k != name}]
        assert not _plainly_sound(gone) and old(gone)


def _version_like(rng: random.Random) -> str:
    """A record version, or one a character away from one: another class of character anywhere, one
    more or fewer, a line break, a digit that is not ASCII, a device of another shape."""
    millis, counter = f"{rng.randrange(10**16):016d}", f"{rng.randrange(10**4):04d}"
    device = "".join(rng.choice("0123456789abcdefXYZ_-") for _ in range(rng.choice([1, 12, 16, 32, 33])))
    text = f"{millis}.{counter}.{device}"
    if rng.random() < 0.5:
        at = rng.randrange(len(text) + 1)
        extra = rng.choice(["a", "0", ".", "-", "_", "\n", " ", "٣", "é", "Z", ""])
        text = text[:at] + extra + text[at + rng.choice([0, 1]) :]
    return text


def test_versions_of_one_shape_are_judged_by_the_first_as_the_expression_judges_each() -> None:
    """``_versions`` (the first version's pattern, and every version of its shape) says what the regular
    expression over every version says: lists of one shape, with one version changed, of two devices."""
    from ntm_desktop.sync.bundle.payload import _VERSIONS, _each_line, _versions

    rng = random.Random(2026)
    seen = set()
    for _ in range(4000):
        template = _version_like(rng)
        versions = [
            template[:16].replace(template[3], str(n % 10)) + template[16:] for n in range(rng.randint(1, 8))
        ]
        if rng.random() < 0.5:
            versions[rng.randrange(len(versions))] = _version_like(rng)
        expected = _each_line(_VERSIONS, versions)
        assert _versions(versions) == expected, versions
        seen.add(expected)
    assert seen == {True, False}
