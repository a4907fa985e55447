"""The newest revision of a criteria set is asked of the database every time a set is wanted without one
(:func:`~ntm_desktop.services.criteria._newest`, straight to the driver within the session's transaction):
a revision another clerk of the same database adds is the one a later check judges under."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.core.errors import NotFound
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.sync import receiver

SET = "vn-ntm-xa-2021-2025"


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_a_revision_another_clerk_adds_is_the_one_read_next(tmp_path: Path, engine: str) -> None:
    a = receiver(tmp_path, "ha")
    b = Workspace.open(location(a), folder=tmp_path / "binh")
    try:
        with a.db.write() as s, a.criteria.within(s):
            first = a.criteria.get(SET).revision
            with pytest.raises(NotFound):
                a.criteria.get("no-such-set")
        added, _ = b.criteria.set_threshold(SET, "2.2", "TDMNPB", "70")
        assert added.revision == first + 1
        with a.db.write() as s, a.criteria.within(s):
            assert a.criteria.get(SET).revision == first + 1
            assert a.criteria.get(SET, first).revision == first  # an older one asked for by its number
        assert a.criteria.get(SET).revision == first + 1  # in a transaction of its own
    finally:
        b.close()
        a.close()
