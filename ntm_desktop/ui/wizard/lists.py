"""Editable lists of the wizard: plain names (villages), unit codes (predecessors) and officers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import Officer
from ntm_desktop.ui.widgets.fields import InlineMessage, mark_invalid


class StringListEditor(QWidget):
    """A line to type into, "Thêm" to add (or Enter), a list, and "Xóa" to remove the selected entry."""

    changed = Signal()

    def __init__(
        self,
        placeholder: str,
        check: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(placeholder)
        self.add_button = QPushButton(tr("Add"))
        self.remove_button = QPushButton(tr("Remove"))
        self.list = QListWidget()
        self.list.setMinimumHeight(90)
        self.message = InlineMessage()
        self.entry.returnPressed.connect(self.add_current)
        self.entry.textChanged.connect(lambda _: self._set_error(""))
        self.add_button.clicked.connect(self.add_current)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        self.remove_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.entry, 1)
        top.addWidget(self.add_button)
        side = QVBoxLayout()
        side.addWidget(self.remove_button)
        side.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.list, 1)
        bottom.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    def values(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count()))

    def set_values(self, values: tuple[str, ...]) -> None:
        self.list.clear()
        self.list.addItems(list(values))
        self.changed.emit()

    def add_current(self) -> bool:
        text = clean(self.entry.text())
        if not text:
            return False
        problem = self._check(text) if self._check else ""
        if problem:
            self._set_error(problem)
            return False
        if text not in self.values():
            self.list.addItem(text)
            self.changed.emit()
        self.entry.clear()
        return True

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def show_error(self, text: str) -> None:
        self._set_error(text)

    def _set_error(self, text: str) -> None:
        self.message.show_message(text)
        mark_invalid(self.entry, bool(text))


TITLE_SUGGESTIONS = (
    "Chủ tịch UBND xã",
    "Phó Chủ tịch UBND xã",
    "Công chức Văn phòng - Thống kê",
    "Công chức phụ trách nông thôn mới",
)


class OfficerRows(QWidget):
    """One row per officer: name, title (with common titles offered), and whether they sign reports."""

    changed = Signal()
    """A name typed, a signer ticked or a row added or removed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 3)
        for column, text in enumerate((tr("Full name"), tr("Title"), tr("Signs reports"))):
            self._grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        self.rows: list[tuple[QLineEdit, QComboBox, QCheckBox, QPushButton]] = []
        self.add_button = QPushButton(tr("Add an officer"))
        self.add_button.clicked.connect(lambda: self.add_row())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def add_row(self, officer: Officer | None = None) -> None:
        name = QLineEdit(officer.name if officer else "")
        name.setPlaceholderText(tr("e.g. Nguyễn Văn An"))
        title = QComboBox()
        title.setEditable(True)
        title.addItems(list(TITLE_SUGGESTIONS))
        title.setCurrentText(officer.title if officer else TITLE_SUGGESTIONS[len(self.rows) % 2])
        signer = QCheckBox(tr("Signs"))
        signer.setChecked(officer.is_signer if officer else not self.rows)
        remove = QPushButton(tr("Remove"))
        row = (name, title, signer, remove)
        remove.clicked.connect(lambda: self._remove(row))
        line = len(self.rows) + 1
        for column, widget in enumerate(row):
            self._grid.addWidget(widget, line, column)
        self.rows.append(row)
        name.textChanged.connect(self.changed)
        signer.toggled.connect(self.changed)
        name.setFocus()
        self.changed.emit()

    def _remove(self, row: tuple[QLineEdit, QComboBox, QCheckBox, QPushButton]) -> None:
        self.rows.remove(row)
        for gone in row:
            self._grid.removeWidget(gone)
            gone.deleteLater()
        # Re-lay the remaining rows so no gap is left.
        for line, kept in enumerate(self.rows, start=1):
            for column, widget in enumerate(kept):
                self._grid.addWidget(widget, line, column)
        self.changed.emit()

    def officers(self) -> tuple[Officer, ...]:
        return tuple(
            Officer(name=clean(n.text()), title=clean(t.currentText()), is_signer=s.isChecked())
            for n, t, s, _ in self.rows
            if clean(n.text())
        )

    def set_officers(self, officers: tuple[Officer, ...]) -> None:
        for row in list(self.rows):
            self._remove(row)
        for officer in officers:
            self.add_row(officer)
        if not officers:
            self.add_row()
