"""The ledger's filters: a search box that ignores accents, then supporter, kind, criterion, village,
funding source and "all years" (otherwise the ledger shows the year chosen at the top of the page: one year
box per page)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.services.ledger.browse.index import LedgerFilter
from ntm_desktop.services.ledger.choices import Choices
from ntm_desktop.services.ledger.kinds import (
    FUNDING_SOURCES,
    ITEM_KINDS,
    funding_source_label,
    item_kind_label,
)
from ntm_desktop.ui.collate import vi_sorted

NO_VILLAGE = "\x00none"


class FilterBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._listeners: list[Callable[[LedgerFilter], None]] = []
        self._options: dict[QComboBox, list[Any]] = {}
        """What each item of each pick list stands for, read back without going through Qt (PySide6
        6.12 drops a reference to ``None`` for every ``currentData()`` that is ``None``)."""
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Find by title, supporter, village or item (accents optional)"))
        self.page_year: int | None = None
        self.all_years = QCheckBox(tr("All years"))
        self.all_years.setToolTip(tr("Show the records of every year, not only the year chosen at the top"))
        self.all_years.toggled.connect(self._changed)
        self.supporter = self._combo(tr("Supporter"), wide=True)
        self.kind = self._combo(tr("Kind of help"))
        self.criterion = self._combo(tr("Criterion"), wide=True)
        self.village = self._combo(tr("Village"))
        self.source = self._combo(tr("Funding source"))
        self._fill(self.kind, [(tr("All kinds"), None)] + [(item_kind_label(c), c) for c in ITEM_KINDS], None)
        sources: list[tuple[str, Any]] = [(funding_source_label(c), c) for c in FUNDING_SOURCES]
        self._fill(self.source, [(tr("All sources"), None), *sources, (funding_source_label(""), "")], None)
        self.set_choices(Choices(0))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.supporter, self.kind, self.criterion, self.village, self.source):
            row.addWidget(widget, 2 if widget in (self.supporter, self.criterion) else 1)
        row.addWidget(self.all_years)
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

    def set_choices(self, choices: Choices, villages_used: Iterable[str] = ()) -> None:
        supporters = vi_sorted(choices.supporters, key=lambda s: s.name)
        self._fill(
            self.supporter,
            [(tr("All supporters"), None)] + [(s.name, s.uid) for s in supporters],
            self.value(self.supporter),
        )
        self._fill(
            self.criterion,
            [(tr("All criteria"), None)] + [(label, code) for code, label in choices.criteria],
            self.value(self.criterion),
        )
        villages = vi_sorted(set(choices.villages) | set(villages_used), key=str)
        options: list[tuple[str, Any]] = [(tr("All villages"), None)] + [(v, v) for v in villages]
        options.append((tr("(no village given)"), NO_VILLAGE))
        self._fill(self.village, options, self.value(self.village))

    def _fill(self, combo: QComboBox, options: list[tuple[str, Any]], keep: Any) -> None:
        values = [data for _, data in options]
        self._options[combo] = values
        with QSignalBlocker(combo):
            combo.clear()
            for text, data in options:
                combo.addItem(text, data)
                if isinstance(data, str) and combo.count() > 1:
                    combo.setItemData(combo.count() - 1, text, 3)  # tooltip: long names are cut in the box
            found = values.index(keep) if keep in values else -1
            combo.setCurrentIndex(max(found, 0))
        if found < 0 and keep is not None:
            self._changed()

    def value(self, combo: QComboBox) -> Any:
        """What the chosen item stands for (``None``: all)."""
        values = self._options.get(combo, [])
        index = combo.currentIndex()
        return values[index] if 0 <= index < len(values) else None

    # ---- the filter ----------------------------------------------------------------------------

    def set_year(self, year: int | None) -> None:
        """The year chosen at the top of the page."""
        self.page_year = year
        self._changed()

    def show_everything(self) -> None:
        """No search, no filter, every year."""
        for combo in (self.supporter, self.kind, self.criterion, self.village, self.source):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        with QSignalBlocker(self.search), QSignalBlocker(self.all_years):
            self.search.clear()
            self.all_years.setChecked(True)
        self._changed()

    def current(self) -> LedgerFilter:
        village = self.value(self.village)
        return LedgerFilter(
            year=None if self.all_years.isChecked() else self.page_year,
            supporter=self.value(self.supporter),
            kind=self.value(self.kind),
            criterion=self.value(self.criterion),
            village="" if village == NO_VILLAGE else village,
            text=self.search.text(),
            funding_source=self.value(self.source),
        )

    def on_change(self, listener: Callable[[LedgerFilter], None]) -> None:
        """Call ``listener`` with the new filter whenever one changes (straight from the widgets' own
        signals; PySide6 6.12.0, excluded in pyproject.toml, lost a reference to ``True`` per emit)."""
        self._listeners.append(listener)

    def _changed(self, *_: object) -> None:
        f = self.current()
        for listener in self._listeners:
            listener(f)
