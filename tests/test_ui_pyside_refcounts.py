"""Guard against a PySide6 build that loses references to None/True/False (6.12.0 on Python 3.11 did:
the interpreter aborted after a few thousand signal emissions). pyproject.toml excludes it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel


class _Emitter(QObject):
    fired = Signal(int)


def test_signals_and_model_data_keep_python_singletons_alive(qapp: object) -> None:
    emitter = _Emitter()
    model = QStandardItemModel()
    model.appendRow(QStandardItem("x"))
    index = model.index(0, 0)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5000):
        emitter.fired.emit(1)
        index.data(1234)  # a role nobody answers: None
    after = sys.getrefcount(None), sys.getrefcount(True)
    # A few references come and go with caches; the broken build lost one per call (thousands).
    assert abs(after[0] - before[0]) < 100 and abs(after[1] - before[1]) < 100
