"""argparse in the officer's language: its own messages ("usage:", "the following arguments are
required", "invalid choice"…) and every command's help text go through the Vietnamese catalogue.

argparse looks its messages up through ``gettext`` (module globals ``_`` and ``ngettext``); we point
those at our catalogue. Help strings are English literals at registration; the formatter translates
them when help is printed, so ``--lang`` given anywhere on the line applies.
"""

from __future__ import annotations

import argparse
from typing import Any

from ntm_desktop.core.i18n import catalogue, language


def translate(text: str) -> str:
    """The catalogue's entry for ``text`` in the current language (``text`` itself in English)."""
    if language() == "en" or not text:
        return text
    return catalogue(language()).get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Route argparse's own messages through :func:`translate` (idempotent)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


class Formatter(argparse.HelpFormatter):
    """Translates descriptions, help strings and section titles as the help is printed."""

    def add_text(self, text: str | None) -> None:
        super().add_text(translate(text) if text and text is not argparse.SUPPRESS else text)

    def start_section(self, heading: str | None) -> None:
        super().start_section(translate(heading) if heading else heading)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        return translate(text) if text and text is not argparse.SUPPRESS else text

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, translate("usage: ") if prefix is None else prefix)


def help_strings(parser: argparse.ArgumentParser) -> list[str]:
    """Every description and help string of ``parser`` and its subcommands (for the catalogue test)."""
    found: list[str] = []
    _walk(parser, found, set())
    return found


def _walk(parser: argparse.ArgumentParser, found: list[str], seen: set[int]) -> None:
    if id(parser) in seen:
        return
    seen.add(id(parser))
    for text in (parser.description, parser.epilog):
        if text and text not in found:
            found.append(text)
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS and action.help not in found:
            found.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help and choice.help not in found:
                    found.append(choice.help)
            for sub in action.choices.values():
                _walk(sub, found, seen)
