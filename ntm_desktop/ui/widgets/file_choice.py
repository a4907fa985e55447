"""The file dialogs' answers as paths: ``None`` when the officer cancels, and a name typed without the
format's ending given it (``so-ho-tro`` → ``so-ho-tro.xlsx``), so the file written is one the app and
the other side will recognise. Pages wrap these in methods of their own that tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def save_path(
    parent: QWidget, title: str, suggested: str | Path, name_filter: str, suffix: str
) -> Path | None:
    """Where to save, ending in ``suffix`` (e.g. ``.xlsx``); None if cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    if not name:
        return None
    return Path(name if name.lower().endswith(suffix) else name + suffix)


def open_path(parent: QWidget, title: str, name_filter: str) -> Path | None:
    """The file chosen to read; None if cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, "", name_filter)
    return Path(name) if name else None
