"""What an amendment request would change: the record as the receiver approved it beside the version
the commune sent, both in the records-v1 shape as the bundle carries them (supporters by record id), with
the commune's supporters' names beside them: a view shows a field through the one formatter,
``value_text(kind, key, value, detail.supporter_names)``, as the history and the Sync page's conflicts do.

    detail = ws.receiver.amendment_detail(amendment_id)
    detail.approved         # None: the record is new to the approved year
    detail.proposed         # None: the commune removes the record
    detail.supporter_names  # the commune's supporters' record ids → names
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.receiver import amendments
from ntm_desktop.receiver.values import Amendment
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.sync.conflicts import supporter_names
from ntm_desktop.sync.merge.codec import content_docs, load_rows, supporter_ids


@dataclass(frozen=True)
class AmendmentDetail:
    """One amendment request and the two versions of its record, field by field."""

    amendment: Amendment
    approved: dict[str, Any] | None
    """The record as it stands in the approved year; None when the change adds it."""
    proposed: dict[str, Any] | None
    """The commune's version; None when the commune removes the record."""
    supporter_names: Mapping[str, str] = field(default_factory=dict)
    """The commune's supporters' record ids → names, for showing ``supporters``/``supporter`` by name."""

    def changed_fields(self) -> list[str]:
        """The fields whose value differs between the two versions, in the order they are shown."""
        before, after = self.approved or {}, self.proposed or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [k for k in keys if before.get(k) != after.get(k)]


def detail(s: Session, row: m.ReceiverAmendment) -> AmendmentDetail:
    view = amendments.view(row)
    proposed = None if view.removes or view.content is None else dict(view.content)
    return AmendmentDetail(view, _approved(s, row), proposed, supporter_names(s, row.unit_code))


def _approved(s: Session, row: m.ReceiverAmendment) -> dict[str, Any] | None:
    model = BY_LIST[row.kind].model
    uid = s.scalar(
        select(model.uid).where(
            model.unit_code == row.unit_code, model.record_id == row.record_id, model.deleted_at.is_(None)
        )
    )
    if uid is None:
        return None
    found = load_rows(s, row.kind, [uid])
    doc = content_docs(s, row.kind, found, supporter_ids(s, row.unit_code)).get(uid)
    return dict(doc) if doc is not None else None


def record_title(a: Amendment) -> str:
    """The record an amendment request is about, in words ("2025 · chỉ tiêu 3.1", a help record's title),
    read from the commune's version; its id when the commune removes it."""
    kind = BY_LIST.get(a.kind)
    named = kind.doc_title(a.content) if kind is not None and a.content is not None else None
    return named or a.record_id
