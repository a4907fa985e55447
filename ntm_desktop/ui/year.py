"""The year the officer is looking at, shared by the status bar, the overview and the criteria page."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QSpinBox, QWidget

from ntm_desktop.core.years import FIRST_YEAR, LAST_YEAR


class YearState(QObject):
    """The year shown, from ``first`` to ``last`` (the criteria sets' periods) and never outside the years
    the app works with (:mod:`ntm_desktop.core.years`): a set read with a period from 1990 does not make
    the year box offer 1990."""

    changed = Signal(int)

    def __init__(self, year: int, first: int, last: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.first = min(max(first, FIRST_YEAR), LAST_YEAR)
        self.last = min(max(last, self.first), LAST_YEAR)
        self._year = min(max(year, self.first), self.last)

    @property
    def year(self) -> int:
        return self._year

    def set(self, year: int) -> None:
        year = min(max(year, self.first), self.last)
        if year != self._year:
            self._year = year
            self.changed.emit(year)

    def step(self, delta: int) -> None:
        self.set(self._year + delta)


class YearSpin(QSpinBox):
    """A year box bound to a :class:`YearState` (several may show the same state)."""

    def __init__(self, state: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setRange(state.first, state.last)
        self.setValue(state.year)
        self.setKeyboardTracking(False)
        self.setAccelerated(False)
        self.setMinimumWidth(80)
        self.valueChanged.connect(state.set)
        state.changed.connect(self._follow)

    def _follow(self, year: int) -> None:
        with QSignalBlocker(self):
            self.setValue(year)
