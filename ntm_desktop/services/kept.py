"""Keeping the fields a newer version's file carried that this version set aside (docs/compatibility.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlalchemy.orm import Session

from ntm_desktop.core.compat import Reading
from ntm_desktop.db import models as m

_IN_RECORD = re.compile(r"^(\w+)\[(\d+)\]\.(.+)$", re.DOTALL)

RecordAt = Mapping[tuple[str, int], tuple[str, str]]
"""(list, index in the file) → (record id, record version)."""


def keep(s: Session, code: str, reading: Reading, records: RecordAt, source: str) -> None:
    """Store every field set aside while reading, under the record it belongs to (inside the caller's
    transaction)."""
    for path, value in reading.set_aside:
        kind = record_id = version = ""
        where = path
        match = _IN_RECORD.match(path)
        if match and (match[1], int(match[2])) in records:
            kind, where = match[1], match[3]
            record_id, version = records[(match[1], int(match[2]))]
        s.add(
            m.SetAsideField(
                unit_code=code,
                kind=kind,
                record_id=record_id,
                record_version=version,
                path=where,
                value=value,
                format_version=str(reading.found),
                source=source,
            )
        )
