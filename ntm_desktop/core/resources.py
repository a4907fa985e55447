"""The app's data files (criteria sets, translations, icons): the repository's top-level ``resources/``
folder, installed as the package ``ntm_desktop.resources`` (and collected under that name by the frozen
build). Every reader goes through :func:`resource`."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """``resources/<parts…>``, e.g. ``resource("criteria")`` or ``resource("icons", "app.svg")``."""
    return resources.files("ntm_desktop.resources").joinpath(*parts)
