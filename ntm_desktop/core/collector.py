"""Python's cyclic garbage collector held off while a batch of plain data is worked through.

Checking and writing a bundle makes tens of thousands of small objects (drafts, rows, tuples) that live
until the bundle is done and are then freed by their reference counts; none of them is part of a cycle
the collector would have to find. While they live, the collector keeps being triggered by their number
and each full collection walks every object the process holds (the app's modules, the session's rows),
which cost a fifth of a bundle's import. The GUI's background jobs already run with the collector off
(``ui.tasks``); this does the same for one step of the command line's or a script's import.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (as it was after it); reference counting frees as always."""
    if not gc.isenabled():  # already off (a GUI job, or an outer block): leave it to whoever turned it off
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def without_collector(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run inside :func:`collector_paused`."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return fn(*args, **kwargs)

    return run


@contextmanager
def older_objects_set_aside() -> Iterator[None]:
    """Inside the block, the collections the collector still makes (between the steps it is held off
    for) walk only the objects made inside it: what the process held before — the app's modules, the
    workspace, its caches — is set aside (``gc.freeze``) and handed back to the collector after it
    (``gc.unfreeze``), so nothing is kept longer than the block. A full collection otherwise walks every
    object the process holds, a tenth of a bundle's import. Nested, or beside another set-aside (a GUI
    job), it leaves that one's objects as they are."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
