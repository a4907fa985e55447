"""Does a window fit a commune's laptop? What an officer would see cut off, measured rather than pictured.

:func:`cut_off` lists, in plain words, every visible control that is clipped by the window's edge or
squeezed below the room its text needs, and every table column whose short text is cut ("Chưa c…").
The tests run it on every page and form at 1366×768 less the taskbar and title bar; the window uses
:func:`fit_on_screen` to open inside the screen's free area.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QTreeView,
    QWidget,
)

LAPTOP = (1366, 768)
"""The common screen of a commune office."""
USABLE = (1366, 696)
"""What a maximised window's inside gets on it: less the Windows taskbar (40) and the title bar (32)."""
LONG_COLUMN = 200
"""A column at least this wide may cut long text (names, titles): it still shows enough to read."""
CHECKED_ROWS = 60
LIST_PADDING = 40
"""Room a list entry takes besides its icon and text: the style's padding and margins (the sidebar's)."""


def fit_on_screen(frame: QRect, available: QRect, preferred: tuple[int, int]) -> QRect:
    """Where a window goes: ``frame`` (a remembered geometry, or an empty rect for none) brought inside
    ``available`` (moved back if it lies off-screen, shrunk if it is larger), or the ``preferred`` size
    centred in it."""
    if frame.isEmpty():
        width, height = min(preferred[0], available.width()), min(preferred[1], available.height())
        frame = QRect(0, 0, width, height)
        frame.moveCenter(available.center())
        return frame
    width, height = min(frame.width(), available.width()), min(frame.height(), available.height())
    x = min(max(frame.x(), available.left()), available.right() + 1 - width)
    y = min(max(frame.y(), available.top()), available.bottom() + 1 - height)
    return QRect(x, y, width, height)


FRAME = (8, 32, -8, -8)
"""Room for a window's frame and title bar around its inside (not known before it is shown)."""


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Give ``window`` its preferred size, or less on a screen that has less free room."""
    anchor = window.parentWidget()
    centre = anchor.window().geometry().center() if anchor is not None else None
    inside = screen_area(centre).adjusted(*FRAME)
    window.resize(min(width, inside.width()), min(height, inside.height()))


def screen_area(point: QPoint | None = None) -> QRect:
    """The free area (without taskbars) of the screen at ``point``, or of the primary screen."""
    screen = QGuiApplication.screenAt(point) if point is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, *LAPTOP)


def cut_off(window: QWidget) -> list[str]:
    """Everything visible in ``window`` that an officer would find clipped, squeezed or cut."""
    found: list[str] = []
    hint, size = window.minimumSizeHint(), window.size()
    if hint.width() > size.width() or hint.height() > size.height():
        found.append(f"{_name(window)} needs {_size(hint)}, has {_size(size)}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        found += _clipped(window, widget) + _squeezed(widget)
        if isinstance(widget, (QTableView, QTreeView)):
            found += _cut_columns(widget)
        if isinstance(widget, QAbstractItemView) and widget.horizontalScrollBar().maximum() > 0:
            found.append(f"{_name(widget)} scrolls sideways: what it lists does not fit")
        if isinstance(widget, QScrollArea):
            found += _narrow_area(widget)
        if isinstance(widget, QListWidget):
            found += _cut_items(widget)
    return found


def _size(size: QSize) -> str:
    return f"{size.width()}×{size.height()}"


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText() or widget.text()
    text = text.replace("\n", " ")
    return f"{type(widget).__name__} “{text[:50]}”" if text else type(widget).__name__


def _scrolled(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: being out of sight there is what scrolling is for."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return True
        parent = area
    return False


def _cut_items(view: QListWidget) -> list[str]:
    """Entries of a list (the sidebar) whose text does not fit beside their icon."""
    room = view.viewport().width()
    icon = (
        view.iconSize().width() + 8
        if any(not view.item(i).icon().isNull() for i in range(view.count()))
        else 0
    )
    found = []
    for i in range(view.count()):
        text = view.item(i).text()
        need = view.fontMetrics().horizontalAdvance(text) + icon + LIST_PADDING
        if need > room:
            found.append(f"{_name(view)} entry “{text}” is cut ({need} > {room} px)")
    return found


def _narrow_area(area: QScrollArea) -> list[str]:
    """A scroll area whose content needs more width than it has: cut, or scrolled sideways."""
    content = area.widget()
    if content is None or not area.widgetResizable():
        return []
    need, room = content.minimumSizeHint().width(), area.viewport().width()
    if need > room + 1:
        return [f"{_name(content)} in a scroll area needs {need} px wide, has {room}"]
    return []


def _clipped(window: QWidget, widget: QWidget) -> list[str]:
    if _scrolled(widget) or widget.width() == 0 or widget.height() == 0:
        return []
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    if window.rect().contains(rect):
        return []
    return [f"{_name(widget)} goes past the window's edge ({rect.getRect()} in {_size(window.size())})"]


def _squeezed(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
        need = widget.heightForWidth(widget.width())
        if need > widget.height() + 1:
            return [f"{_name(widget)} is cut: needs {need} px high, has {widget.height()}"]
        return []
    if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
        hint = widget.sizeHint() if isinstance(widget, QAbstractButton) else widget.minimumSizeHint()
        if hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1:
            return [f"{_name(widget)} is squeezed: needs {_size(hint)}, has {_size(widget.size())}"]
    if isinstance(widget, QComboBox) and widget.currentText():
        option = QStyleOptionComboBox()
        option.initFrom(widget)
        option.editable = widget.isEditable()
        field = widget.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, widget
        )
        room = field.width() - 4
        need = widget.fontMetrics().horizontalAdvance(widget.currentText())
        if need > room:
            return [f"QComboBox “{widget.currentText()}” is cut: needs {need} px, has {room}"]
    return []


def _cut_columns(view: QTableView | QTreeView) -> list[str]:
    model = view.model()
    header = header_of(view)
    if model is None or not header.isVisible():
        return []
    found = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        width = header.sectionSize(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = header.fontMetrics().horizontalAdvance(title) + _heading_room(header, column)
        if title and need > width:
            found.append(f"column “{title}” of {_name(view)}: its heading is cut ({need} > {width} px)")
        if width >= LONG_COLUMN:
            continue
        for text, need in _cells(view, column):
            if need > width:
                found.append(f"column “{title}” of {_name(view)}: “{text}” is cut ({need} > {width} px)")
                break
    return found


def _cells(view: QTableView | QTreeView, column: int) -> list[tuple[str, int]]:
    """(text, width it needs) of the column's cells in the first rows, children of a tree included."""
    model = view.model()
    out: list[tuple[str, int]] = []
    indent = view.indentation() if isinstance(view, QTreeView) else 0
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    pending: list[tuple[QModelIndex, int]] = [(QModelIndex(), 0)]
    while pending and len(out) < CHECKED_ROWS:
        parent, depth = pending.pop(0)
        for row in range(min(model.rowCount(parent), CHECKED_ROWS)):
            index = model.index(row, column, parent)
            text = str(index.data() or "")
            if text:
                font = index.data(Qt.ItemDataRole.FontRole)
                metrics = QFontMetrics(font.resolve(view.font())) if font is not None else view.fontMetrics()
                extra = (indent * (depth + 1) if column == 0 and isinstance(view, QTreeView) else 0) + margin
                out.append((text, metrics.horizontalAdvance(text) + extra))
            if isinstance(view, QTreeView) and model.hasChildren(model.index(row, 0, parent)):
                pending.append((model.index(row, 0, parent), depth + 1))
    return out


def header_of(view: QTableView | QTreeView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def _heading_room(header: QHeaderView, column: int) -> int:
    """Room a heading takes besides its text: its margins, and the sort arrow on the sorted column."""
    style = header.style()
    room = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
        room += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    return room
