"""Evidence files of help records (photos of the handover, scanned minutes): attach, list, detach.

Files are stored once by SHA-256 through :class:`~ntm_desktop.services.evidence.EvidenceService`, as for
assessments. Attaching or detaching gives the help record a new ``version`` (so the next bundle carries
the record with its ``_evidence``) and leaves an audit row with the file list before → after.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService

OWNER_KIND = "help"


def files_doc(s: Session, owner_uid: str) -> dict[str, Any]:
    """The record's live evidence as the audit keeps it: ``{"evidence": [{"sha256", "name"}, …]}``."""
    links = s.scalars(
        select(m.EvidenceLink)
        .where(m.EvidenceLink.owner_uid == owner_uid, m.EvidenceLink.deleted_at.is_(None))
        .order_by(m.EvidenceLink.sha256, m.EvidenceLink.filename)
    )
    return {"evidence": [{"sha256": link.sha256, "name": link.filename} for link in links]}


def attach_all(
    db: Database, evidence: EvidenceService, s: Session, row: Any, paths: Sequence[Path], action: str
) -> bool:
    """Attach every file to the help ``row`` (inside the caller's transaction); False when none given.

    A file that cannot be read raises :class:`InvalidInput` naming it, and the caller's transaction
    (the record too, when it is new) is rolled back: nothing is half attached.
    """
    if not paths:
        return False
    sources = [Path(p) for p in paths]
    for source in sources:  # all of them before any is stored
        if not source.is_file():
            raise InvalidInput(
                tr("There is no file {name}; nothing was attached", name=str(source)), field="evidence"
            )
    before = files_doc(s, row.uid)
    for source in sources:
        evidence.attach(s, OWNER_KIND, row.uid, row.unit_code, source)
    s.flush()
    _changed(db, s, row, action, before)
    return True


def detach_all(
    db: Database, evidence: EvidenceService, s: Session, row: Any, sha256s: Collection[str], action: str
) -> bool:
    """Soft-detach the files ``sha256s`` from the help ``row``; False when none of them was attached."""
    before = files_doc(s, row.uid)
    attached = {f["sha256"] for f in before["evidence"]}
    wanted = sorted(set(sha256s) & attached)
    if not wanted:
        return False
    for sha256 in wanted:
        evidence.detach(s, row.uid, sha256)
    s.flush()
    _changed(db, s, row, action, before)
    return True


def _changed(db: Database, s: Session, row: Any, action: str, before: dict[str, Any]) -> None:
    row.version = db.next_version()
    row.updated_at = utcnow()
    db.audit(s, action, "help", row.uid, before, files_doc(s, row.uid))
