"""How the Sync page says things: kinds of bundles, directions, trust, counts and times."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.labels import extra_label, named_unit
from ntm_desktop.sync.results import KindCounts

TRUSTED, UNKNOWN_KEY, KEY_MISMATCH, REVOKED = "trusted", "unknown-key", "key-mismatch", "revoked-key"


def trust_text(status: str) -> str:
    return {
        TRUSTED: tr("Trusted key"),
        UNKNOWN_KEY: tr("Key not known yet"),
        KEY_MISMATCH: tr("A different key than the one known"),
        REVOKED: tr("Revoked key"),
    }.get(status, status)


def unit_name(code: str, name: str = "") -> str:
    """ "Xã Bằng Thành, mã 01234" (:func:`ntm_desktop.sync.labels.named_unit`)."""
    return named_unit(code, name)


def local_time(moment: datetime) -> str:
    """A stored UTC time in Vietnam time, whatever the computer's zone: "21/11/2026 15:30"."""
    return vntime.format_vn(moment, seconds=False, offset=False)


def counts_line(counts: Mapping[str, int]) -> str:
    """ "Hỗ trợ đã nhận: 12, Đánh giá chỉ tiêu: 60" (empty lists left out)."""
    shown = [f"{extra_label(name)}: {n}" for name, n in counts.items() if isinstance(n, int) and n]
    return ", ".join(shown) if shown else tr("nothing new")


def plan_line(counts: Mapping[str, KindCounts]) -> str:
    """One line for what importing a bundle would do: "12 new, 3 updated, 1 in conflict"."""
    created = sum(c.created for c in counts.values())
    updated = sum(c.updated for c in counts.values())
    unchanged = sum(c.unchanged for c in counts.values())
    conflict = sum(c.conflict for c in counts.values())
    parts = []
    if created:
        parts.append(tr("{n} new", n=created))
    if updated:
        parts.append(tr("{n} updated", n=updated))
    if conflict:
        parts.append(tr("{n} in conflict", n=conflict))
    if unchanged:
        parts.append(tr("{n} unchanged", n=unchanged))
    return ", ".join(parts) if parts else tr("nothing to change")


def size_text(size: int) -> str:
    return tr("{size} KB", size=max(1, round(size / 1024)))
