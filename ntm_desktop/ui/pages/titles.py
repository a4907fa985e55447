"""A commune's pages as the sidebar and the View menu name them, known before any page is built."""

from __future__ import annotations

from ntm_desktop.core.i18n import tr


def page_titles() -> list[tuple[str, str]]:
    """(icon name, title) of each page, in sidebar order; Ctrl+1… follow this order."""
    return [
        ("overview", tr("Overview")),
        ("criteria", tr("Criteria progress")),
        ("help", tr("Help received")),
        ("reports", tr("Reports")),
        ("sync", tr("Sync")),
        ("criteria", tr("Criteria sets")),
        ("settings", tr("Settings")),
    ]
