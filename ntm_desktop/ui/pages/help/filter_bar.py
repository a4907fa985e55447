"""The ledger's filters: a search box that ignores accents, then year, supporter, kind, criterion, village."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.services.ledger.kinds import ITEM_KINDS, item_kind_label
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.pages.help.choices import Choices
from ntm_desktop.ui.pages.help.ledger_index import LedgerFilter

NO_VILLAGE = "\x00none"


class FilterBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._listeners: list[Callable[[LedgerFilter], None]] = []
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Find by title, supporter, village or item (accents optional)"))
        self.year = self._combo(tr("Year"))
        self.supporter = self._combo(tr("Supporter"), wide=True)
        self.kind = self._combo(tr("Kind of help"))
        self.criterion = self._combo(tr("Criterion"), wide=True)
        self.village = self._combo(tr("Village"))
        self.kind.addItem(tr("All kinds"), None)
        for code in ITEM_KINDS:
            self.kind.addItem(item_kind_label(code), code)
        self.set_years([], None)
        self.set_choices(Choices(0))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.year, self.supporter, self.kind, self.criterion, self.village):
            row.addWidget(widget, 2 if widget in (self.supporter, self.criterion) else 1)
        self.search.textChanged.connect(self._changed)

    def _combo(self, name: str, wide: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14 if wide else 8)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    # ---- choices -------------------------------------------------------------------------------

    def set_years(self, years: Iterable[int], selected: int | None) -> None:
        """Offer ``years`` (and "all years"), keeping ``selected`` chosen."""
        options: list[tuple[str, Any]] = [(tr("All years"), None)]
        shown = sorted(set(years) | ({selected} if selected else set()), reverse=True)
        options += [(tr("Year {year}", year=y), y) for y in shown]
        self._fill(self.year, options, selected)

    def set_choices(self, choices: Choices, villages_used: Iterable[str] = ()) -> None:
        supporters = vi_sorted(choices.supporters, key=lambda s: s.name)
        self._fill(
            self.supporter,
            [(tr("All supporters"), None)] + [(s.name, s.uid) for s in supporters],
            self.supporter.currentData(),
        )
        self._fill(
            self.criterion,
            [(tr("All criteria"), None)] + [(label, code) for code, label in choices.criteria],
            self.criterion.currentData(),
        )
        villages = vi_sorted(set(choices.villages) | set(villages_used), key=str)
        options: list[tuple[str, Any]] = [(tr("All villages"), None)] + [(v, v) for v in villages]
        options.append((tr("(no village given)"), NO_VILLAGE))
        self._fill(self.village, options, self.village.currentData())

    def _fill(self, combo: QComboBox, options: list[tuple[str, Any]], keep: Any) -> None:
        with QSignalBlocker(combo):
            combo.clear()
            for text, data in options:
                combo.addItem(text, data)
                if isinstance(data, str) and combo.count() > 1:
                    combo.setItemData(combo.count() - 1, text, 3)  # tooltip: long names are cut in the box
            found = combo.findData(keep)
            combo.setCurrentIndex(max(found, 0))
        if found < 0 and keep is not None:
            self._changed()

    # ---- the filter ----------------------------------------------------------------------------

    def set_year(self, year: int | None) -> None:
        found = self.year.findData(year)
        if found < 0 and year is not None:
            self.year.addItem(tr("Year {year}", year=year), year)
            found = self.year.count() - 1
        self.year.setCurrentIndex(max(found, 0))

    def current(self) -> LedgerFilter:
        village = self.village.currentData()
        return LedgerFilter(
            year=self.year.currentData(),
            supporter=self.supporter.currentData(),
            kind=self.kind.currentData(),
            criterion=self.criterion.currentData(),
            village="" if village == NO_VILLAGE else village,
            text=self.search.text(),
        )

    def on_change(self, listener: Callable[[LedgerFilter], None]) -> None:
        """Call ``listener`` with the new filter whenever one changes (straight from the widgets' own
        signals: a Python ``Signal.emit`` per keystroke costs a reference to ``True`` in PySide6 6.12)."""
        self._listeners.append(listener)

    def _changed(self, *_: object) -> None:
        f = self.current()
        for listener in self._listeners:
            listener(f)
