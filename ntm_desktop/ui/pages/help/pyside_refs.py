"""A guard against a PySide6 6.12 bug on Python 3.11: when a Qt value converts to ``None``, ``True`` or
``False`` on its way to Python, the interpreter's own object is handed back without a reference being taken
for it. Each such call leaves that object one reference short: ``Signal.emit()`` (it returns ``True``),
``QComboBox.currentData()`` on an item whose data is ``None``, ``index.data(role)`` for a role the model
does not answer, ``QObject.property()`` of an unset property, … Python 3.12 made ``None``, ``True`` and
``False`` immortal and never notices; on 3.11 a working session, or a test run, drives a count to zero and
the interpreter aborts ("none_dealloc" / "bool_dealloc: … refcount error in a C extension"), often while
closing.

:func:`keep_singletons_alive` gives the three a reserve of references once, which is what Python 3.12 does
for every interpreter. The app should call it at start-up, and the test suite before its first test, until
PySide6 is fixed; the help page calls it too, so that it never brings the crash on.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
_done = False


def keep_singletons_alive() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (None, True, False):
        # ob_refcnt is the first field of every CPython object, and id() is the object's address.
        ctypes.c_ssize_t.from_address(id(value)).value += RESERVE
    _done = True
