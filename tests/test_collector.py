"""The collector held off for an import step is on again afterwards, and left off when it was off; what
the process held before an import call is set aside for its collections and handed back after it."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from ntm_desktop.core.collector import collector_paused, older_objects_set_aside, without_collector


def test_the_collector_is_off_inside_and_as_it_was_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    try:
        assert without_collector(gc.isenabled)() is False
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_was_there_before_is_set_aside_inside_and_collected_again_after() -> None:
    before = _Cycle()
    probe = weakref.ref(before)
    gc.collect()
    with older_objects_set_aside():
        assert gc.get_freeze_count() > 0
        inside = _Cycle()
        made_inside = weakref.ref(inside)
        del inside
        gc.collect()
        assert made_inside() is None  # a cycle made inside is found as ever
        del before
        gc.collect()
        assert probe() is not None  # set aside: not walked inside
        with older_objects_set_aside():
            pass
        assert gc.get_freeze_count() > 0  # nested: the outer one's stay set aside
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert probe() is None  # handed back, and collected


def test_a_bundle_is_read_and_imported_with_the_collector_off_and_it_is_on_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From reading the bundle's records to its commit: the tens of thousands of objects they make are
    freed by their reference counts, none walked by a collection (the GUI's jobs run so already)."""
    from ntm_desktop.sync import intake
    from tests.helpers.sync import commune, receiver, supporter, trust

    c, p = commune(tmp_path), receiver(tmp_path)
    trust(c, p)
    supporter(c, "Sở Nội vụ tỉnh Bắc Kạn")
    folder = tmp_path / "usb"
    folder.mkdir()
    bundle = c.sync.export(folder)
    seen: list[bool] = []
    reading = intake.read_bundle
    monkeypatch.setattr(
        intake, "read_bundle", lambda path, **kw: seen.append(gc.isenabled()) or reading(path, **kw)
    )
    assert [o.status for o in p.sync.import_bundles([bundle.path]).outcomes] == ["imported"]
    assert seen == [False] and gc.isenabled()
    c.close()
    p.close()
