"""The sidebar's icons: SVG files in ``resources/icons``, dark on the sidebar and white when selected."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QIcon, QImageReader, QPixmap

from ntm_desktop.core.resources import resource

DARK, LIGHT = "#3c4043", "#ffffff"


@cache
def _svg(name: str) -> bytes:
    entry = resource("icons", f"{name}.svg")
    return entry.read_bytes() if entry.is_file() else b""


def _pixmap(svg: bytes, size: int) -> QPixmap:
    buffer = QBuffer()
    buffer.setData(QByteArray(svg))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    return QPixmap.fromImage(reader.read())


def icon(name: str, size: int = 48) -> QIcon:
    """The icon ``name`` (empty if there is no such file), drawn sharp at ``size`` pixels."""
    svg = _svg(name)
    return svg_icon(svg, size) if svg else QIcon()


def svg_icon(svg: bytes, size: int = 48) -> QIcon:
    """A sidebar icon from SVG drawn in ``DARK`` lines: as it is, and white when its page is selected."""
    result = QIcon()
    result.addPixmap(_pixmap(svg, size), QIcon.Mode.Normal)
    result.addPixmap(_pixmap(svg.replace(DARK.encode(), LIGHT.encode()), size), QIcon.Mode.Selected)
    return result
