"""A guard against a PySide6 6.12 bug on Python 3.11: every ``Signal.emit()`` called from Python hands
back the interpreter's ``True`` without taking a reference to it, so each call leaves ``True`` one
reference short. Python 3.12 made ``True`` and ``False`` immortal and never notices; on 3.11 a long
session, or a test run, drives the count to zero and the interpreter aborts ("bool_dealloc: deallocating
True or False"), usually while closing.

:func:`keep_bools_alive` gives ``True`` and ``False`` a reserve of references once, which is what 3.12
does for every interpreter. The app should call it at start-up (and the test suite before its first
test) until PySide6 is fixed; the help pages call it too so that they never bring the crash on.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
_done = False


def keep_bools_alive() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (True, False):
        # ob_refcnt is the first field of every CPython object; id() is the object's address.
        ctypes.c_ssize_t.from_address(id(value)).value += RESERVE
    _done = True
