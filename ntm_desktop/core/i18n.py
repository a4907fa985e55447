"""One translation function for every user-facing string, Vietnamese by default.

Source strings are English with named placeholders: ``tr("Year {year} is outside 2010–2100", year=y)``.
Vietnamese catalogues live in ``resources/i18n/vi/*.json`` (one file per area of the app, merged on load),
mapping the English source to its Vietnamese text. A test checks that every ``tr("…")`` literal in the
code has a Vietnamese entry with the same placeholders.

Counts go through ``trn(singular, plural, n)``, the way gettext's ``ngettext`` and Qt's ``%n`` do:
``trn("{n} commune", "{n} communes", n)``. English picks the singular for exactly one and the plural
otherwise ("1 commune", "0 communes", "2 communes"); the number fills ``{n}``. Vietnamese has no plural,
so its catalogue keeps one entry, keyed by the English *plural* ("{n} communes": "{n} xã"): the form
a count usually takes. The same test checks that every ``trn`` plural has its Vietnamese entry and
that singular and plural name the same placeholders.
"""

from __future__ import annotations

import json
import string
from functools import cache

from ntm_desktop.core.resources import resource

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_current = DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    global _current
    _current = code if code in LANGUAGES else DEFAULT_LANGUAGE


def language() -> str:
    return _current


@cache
def catalogue(code: str) -> dict[str, str]:
    """All entries for a language, merged from every JSON file in its folder."""
    merged: dict[str, str] = {}
    if code == "en":
        return merged
    folder = resource("i18n", code)
    if not folder.is_dir():
        return merged
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def tr(source: str, /, **values: object) -> str:
    """Translate ``source`` into the current language and fill its named placeholders."""
    text = catalogue(_current).get(source, source) if _current != "en" else source
    if not values:
        return text
    return _fill(text, source, **values)


def trn(singular: str, plural: str, n: int, /, **values: object) -> str:
    """Translate a message about ``n`` things: English singular for one, plural otherwise.

    The catalogue entry is keyed by ``plural`` (Vietnamese has one form); ``{n}`` is the count,
    other placeholders are filled from ``values`` (``n=`` there shows the count written differently,
    e.g. with thousands separators, while ``n`` still chooses the form).
    """
    filled = {"n": n, **values}
    if _current == "en":
        source = singular if n == 1 else plural
        return _fill(source, source, **filled)
    return _fill(catalogue(_current).get(plural, plural), plural, **filled)


def _fill(text: str, source: str, /, **values: object) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return source.format(**values)
