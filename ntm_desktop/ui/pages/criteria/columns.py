"""The criteria tree's columns: the short ones as wide as their longest text (never "Chưa c…"), the names
take the rest, and a column with nothing to show this year (no target set, no earlier year) steps aside.

Used by the commune's Criteria page and by the receiver's read-only commune record."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from ntm_desktop.ui.pages.criteria import present
from ntm_desktop.ui.pages.criteria.tree_model import (
    CHANGE,
    CODE,
    COUNT,
    NAME,
    STATUS,
    TARGET,
    VALUE,
    CriteriaTreeModel,
)

SHORT = (CODE, VALUE, STATUS, COUNT, CHANGE, TARGET)
MAX_VALUE = 200
"""A longer value ("45,1 triệu đồng/người/năm" fits) is cut; the editor shows it whole."""
OPTIONAL = (CHANGE, TARGET)


def _samples(column: int) -> list[str]:
    """Texts the column may show in any year, so its width does not jump from year to year."""
    if column == STATUS:
        statuses = (present.MET, present.NOT_MET, present.PARTIAL, present.UNKNOWN, present.UNDECIDED)
        return [present.status_label(s) for s in statuses]
    if column == CHANGE:
        return [present.change_text("gained"), present.change_text("lost")]
    if column == TARGET:
        return ["2030"]
    if column == COUNT:
        return ["10/10"]
    return []


def _cells(model: CriteriaTreeModel, column: int) -> Iterable[tuple[str, QFont | None, int]]:
    """(text, font, depth) of every cell of ``column``, criteria and their indicators."""
    for row in range(model.rowCount()):
        criterion = model.index(row, column)
        yield str(criterion.data() or ""), criterion.data(Qt.ItemDataRole.FontRole), 1
        parent = model.index(row, 0)
        for child in range(model.rowCount(parent)):
            indicator = model.index(child, column, parent)
            yield str(indicator.data() or ""), indicator.data(Qt.ItemDataRole.FontRole), 2


def size_columns(tree: QTreeView, model: CriteriaTreeModel, grow_only: bool = False) -> None:
    """Fit the short columns to what they show (only ever wider when ``grow_only``)."""
    head = tree.header()
    head.setStretchLastSection(False)
    head.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
    style = tree.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1) + 2
    heading = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, head) + 2
    bold = QFont(tree.font())
    bold.setBold(True)
    for column in SHORT:
        cells = list(_cells(model, column))
        if column in OPTIONAL:
            tree.setColumnHidden(column, not any(text for text, _, _ in cells))
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = head.fontMetrics().horizontalAdvance(title) + heading
        extra = [(text, bold if column == STATUS else None, 1) for text in _samples(column)]
        for text, font, depth in cells + extra:
            metrics = QFontMetrics(font.resolve(tree.font())) if font is not None else tree.fontMetrics()
            indent = tree.indentation() * depth if column == CODE else 0
            need = max(need, metrics.horizontalAdvance(text) + margin + indent)
        if column == VALUE:
            need = min(need, MAX_VALUE)
        head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        if not grow_only or need > head.sectionSize(column):
            head.resizeSection(column, need)


class WrappedNames(QStyledItemDelegate):
    """The name column's rows as tall as their name wrapped to the column's width."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        style = self.tree.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1)
        width = self.tree.header().sectionSize(index.column()) - margin
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = (
            QFontMetrics(font.resolve(self.tree.font())) if font is not None else self.tree.fontMetrics()
        )
        text = str(index.data() or "")
        lines = metrics.boundingRect(QRect(0, 0, max(width, 20), 100_000), WRAP, text).height()
        return QSize(size.width(), max(size.height(), lines + size.height() - metrics.height()))


WRAP = int(Qt.TextFlag.TextWordWrap)


def wrap_names(tree: QTreeView) -> None:
    """Long criteria names wrap onto more lines of their row instead of ending in "…" (at 1366×768 the
    name column is narrow beside the editor); rows are laid out again when a column is resized."""
    tree.setUniformRowHeights(False)
    tree.setWordWrap(True)
    tree.setItemDelegateForColumn(NAME, WrappedNames(tree))
    again = QTimer(tree)
    again.setSingleShot(True)
    again.setInterval(0)
    again.timeout.connect(tree.doItemsLayout)
    tree.header().sectionResized.connect(lambda *_: again.start())
