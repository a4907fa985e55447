"""The receiving unit's sign-off states of a commune-year and their names on screen.

Kept apart from ``ntm_desktop.receiver`` (whose package imports the data layer) so the commune's overview
can name the receiving unit's answer in the start-up preview, before SQLAlchemy is imported.
"""

from __future__ import annotations

from ntm_desktop.core.i18n import tr

NOT_REPORTED, RECEIVED, REVIEWED, APPROVED, RETURNED = (
    "not_reported",
    "received",
    "reviewed",
    "approved",
    "returned",
)
STATUSES = (NOT_REPORTED, RECEIVED, REVIEWED, APPROVED, RETURNED)


def status_label(status: str) -> str:
    """The sign-off state in the screen language."""
    labels = {
        NOT_REPORTED: tr("Not reported"),
        RECEIVED: tr("Received"),
        REVIEWED: tr("Reviewed"),
        APPROVED: tr("Approved"),
        RETURNED: tr("Returned for correction"),
    }
    return labels.get(status, status)
