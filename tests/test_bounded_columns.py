"""A column a bulk insert does not measure again (:class:`~ntm_desktop.db.lengths.Bounded`) is bounded as it
says: new uids by their form, a typed list's ids, versions and origins by what ``sound_columns`` lets
through; a bound over the column's limit is measured as before, and a too-long value refused as before."""

from __future__ import annotations

import re._parser as sre
from types import SimpleNamespace  # the expressions' longest match, worked out of them

import pytest
import sqlalchemy as sa

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.db import models as m
from ntm_desktop.db.base import _COUNTED, _MANY, UID_LENGTH, new_uids
from ntm_desktop.db.lengths import Bounded, check_columns
from ntm_desktop.sync.bundle.payload import MAX_ID_LENGTH, SOUND_LONGEST, sound_columns, sound_columns_of
from ntm_desktop.sync.keys.clock import DEVICE_ID_RE, VERSION_RE


@pytest.mark.parametrize("count", [1, 2, _MANY - 1, _MANY, _COUNTED, _COUNTED + 1])
def test_new_uids_are_bounded_by_their_one_length(count: int) -> None:
    uids = new_uids(count)
    assert isinstance(uids, Bounded) and uids.longest == UID_LENGTH == 36
    assert {len(u) for u in uids} == {UID_LENGTH}


def test_the_sound_bounds_are_the_id_limit_and_the_expressions_longest_matches() -> None:
    assert (
        MAX_ID_LENGTH,
        sre.parse(VERSION_RE.pattern).getwidth()[1],
        sre.parse(DEVICE_ID_RE.pattern).getwidth()[1],
    ) == SOUND_LONGEST
    version, origin = "0001700000000000" + ".0001." + "a" * 32, "a" * 32
    assert len(version) == SOUND_LONGEST[1] and len(origin) == SOUND_LONGEST[2]
    assert sound_columns(["x" * MAX_ID_LENGTH], [version], [origin])
    assert not sound_columns(["x" * (MAX_ID_LENGTH + 1)], [version], [origin])
    assert not sound_columns(["x"], [version + "a"], [origin])
    assert not sound_columns(["x"], [version], [origin + "a"])
    record = SimpleNamespace(id="x", version=version, origin=origin)
    judged = sound_columns_of([record])
    assert judged == (["x"], [version], [origin])
    assert [c.longest for c in judged if isinstance(c, Bounded)] == list(SOUND_LONGEST)
    assert (
        sound_columns_of([SimpleNamespace(id="x" * (MAX_ID_LENGTH + 1), version=version, origin=origin)])
        is None
    )


def test_a_bound_within_the_limit_holds_and_one_past_it_is_measured() -> None:
    table: sa.Table = m.Help.__table__  # type: ignore[assignment]
    limit = table.c.record_id.type.length
    check_columns(table, {"record_id": Bounded(["x" * limit], limit)})
    check_columns(table, {"record_id": Bounded(["x" * limit], limit + 1)})  # measured: it fits
    with pytest.raises(InvalidInput, match="record_id"):
        check_columns(table, {"record_id": Bounded(["x" * (limit + 1)], limit + 1)})
    with pytest.raises(InvalidInput, match="record_id"):
        check_columns(table, {"record_id": ["x" * (limit + 1)]})
