"""Sidebar icons of the receiver's own pages, drawn like those in ``resources/icons`` (dark lines, white
when selected)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ntm_desktop.ui.icons import DARK, svg_icon

_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" '
    f'stroke="{DARK}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
)
SVG = {
    # three houses: the communes
    "communes": _HEAD
    + '<path d="M3 20h18"/><path d="M4.5 20v-6l3.5-3 3.5 3v6"/><path d="M12.5 20v-8l4-3.5 4 3.5v8"/>'
    + '<path d="M7 20v-3h2v3"/></svg>',
    # two people: seconded cadres
    "people": _HEAD
    + '<circle cx="9" cy="8" r="3"/><path d="M3.5 20c0-3.3 2.5-5.5 5.5-5.5s5.5 2.2 5.5 5.5"/>'
    + '<circle cx="17" cy="9" r="2.3"/><path d="M15.8 14.6c2.6-.5 4.7 1.5 4.7 4.4"/></svg>',
    # a folded map: the provinces
    "provinces": _HEAD
    + '<path d="M3 6.5l6-2.5 6 2.5 6-2.5v13.5l-6 2.5-6-2.5-6 2.5z"/><path d="M9 4v13.5"/>'
    + '<path d="M15 6.5v13.5"/></svg>',
}


@cache
def receiver_icon(name: str, size: int = 48) -> QIcon:
    return svg_icon(SVG[name].encode(), size)
