"""Choosing who gave a help record: several supporters may be ticked (the first ticked is named first),
the list narrows as one types (accents optional), and a new supporter can be added on the spot."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import fold
from ntm_desktop.services.ledger import Supporter
from ntm_desktop.services.ledger.kinds import supporter_kind_label
from ntm_desktop.ui.collate import vi_sorted

UID_ROLE = Qt.ItemDataRole.UserRole + 1


class SupporterPicker(QWidget):
    """``new_button`` asks for a new supporter; the form that holds the picker answers it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find a supporter"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(tr("New supporter…"))
        self.list = QListWidget()
        self.list.setMinimumHeight(90)
        self.chosen: list[str] = []
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(self._narrow)
        self.list.itemChanged.connect(self._ticked)

    def set_supporters(self, supporters: Iterable[Supporter], chosen: Iterable[str] = ()) -> None:
        self.chosen = list(chosen)
        with QSignalBlocker(self.list):
            self.list.clear()
            for s in vi_sorted(supporters, key=lambda s: s.name):
                self._add_item(s)
        self._narrow(self.search.text())

    def _add_item(self, s: Supporter) -> QListWidgetItem:
        item = QListWidgetItem(s.name)
        item.setData(UID_ROLE, s.uid)
        item.setToolTip(" · ".join(p for p in (supporter_kind_label(s.kind), s.parent) if p))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if s.uid in self.chosen else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        return item

    def add_supporter(self, s: Supporter) -> None:
        """A supporter just added: list it, ticked, and clear the search so it shows."""
        self.chosen.append(s.uid)
        with QSignalBlocker(self.list):
            item = self._add_item(s)
        self.search.clear()
        self.list.scrollToItem(item)

    def tick(self, name: str) -> None:
        """Tick the supporter called ``name`` (as a click would)."""
        for item in self._items():
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked)
                return
        raise LookupError(name)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _ticked(self, item: QListWidgetItem) -> None:
        uid = item.data(UID_ROLE)
        if item.checkState() == Qt.CheckState.Checked and uid not in self.chosen:
            self.chosen.append(uid)
        elif item.checkState() != Qt.CheckState.Checked and uid in self.chosen:
            self.chosen.remove(uid)

    def _narrow(self, text: str) -> None:
        words = fold(text).split()
        for item in self._items():
            key = fold(item.text())
            item.setHidden(bool(words) and not all(w in key for w in words))

    def names(self) -> list[str]:
        by_uid = {item.data(UID_ROLE): item.text() for item in self._items()}
        return [by_uid.get(uid, "?") for uid in self.chosen]
