"""The item lines editor of the help form: the table, its pick lists, add/remove, the live total and the
message of the first cell that cannot be read."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_money
from ntm_desktop.services.ledger.kinds import COMMON_UNITS, ITEM_KINDS, item_kind_label
from ntm_desktop.ui.pages.help.items_model import KIND, NAME, QUANTITY, UNIT, VALUE, ItemsModel, Line
from ntm_desktop.ui.widgets.fields import InlineMessage

Index = QModelIndex | QPersistentModelIndex


class KindDelegate(QStyledItemDelegate):
    """A pick list of the kinds, in the officer's words."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for code in ITEM_KINDS:
            combo.addItem(item_kind_label(code), code)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class UnitDelegate(QStyledItemDelegate):
    """The common units to pick from; any other may be typed."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(list(COMMON_UNITS))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class ItemsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ItemsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(KIND, KindDelegate(self.table))
        self.table.setItemDelegateForColumn(UNIT, UnitDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setMinimumHeight(104)  # the header and three lines; the dialog fits 1366×768
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((KIND, 150), (QUANTITY, 120), (UNIT, 110), (VALUE, 140)):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            head.resizeSection(column, width)
        self.add_button = QPushButton(tr("Add a line"))
        self.remove_button = QPushButton(tr("Remove the line"))
        self.total = QLabel()
        self.total.setObjectName("itemsTotal")
        self.total.setStyleSheet("font-weight: 600;")
        self.message = InlineMessage()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_current)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
        ):
            signal.connect(lambda *_: self._edited())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._buttons())
        self._edited()

    def set_lines(self, lines: list[Line]) -> None:
        self.model.set_lines(lines)

    def add_line(self, kind: Any = "cash") -> None:
        row = self.model.add_line(kind if isinstance(kind, str) else "cash")
        index = self.model.index(row, QUANTITY if kind == "cash" else KIND)
        self.table.setCurrentIndex(index)
        self.table.setFocus()

    def remove_current(self) -> None:
        self.model.remove_line(self.table.currentIndex().row())

    def set_cell(self, row: int, column: int, value: str) -> None:
        """Type into a cell as the officer would (tests and keyboard-free use)."""
        self.model.setData(self.model.index(row, column), value)

    def _buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentIndex().isValid() and self.model.rowCount() > 0)

    def _edited(self) -> None:
        value, cash = self.model.value()
        text = tr("Total value: {value}", value=format_money(value))
        if cash and cash != value:
            text += " " + tr("(cash {cash})", cash=format_money(cash))
        self.total.setText(text)
        problems = self.model.problems()
        if problems:
            lines = [
                tr(
                    "Line {row}, {column}: {message}",
                    row=row + 1,
                    column=self.model.headerData(column, Qt.Orientation.Horizontal),
                    message=message,
                )
                for row, column, message in problems[:4]
            ]
            self.message.show_message("\n".join(lines))
        elif not self.model.rowCount():
            self.message.show_message(tr("Add at least one line: what was given, how much, its value."))
        else:
            self.message.clear_message()
        self._buttons()

    def ok(self) -> bool:
        return self.model.rowCount() > 0 and not self.model.problems()
