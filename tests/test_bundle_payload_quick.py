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
