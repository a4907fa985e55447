"""Everything the Sync page shows, read in one go on the database worker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ntm_desktop.sync.context import RECEIVER
from ntm_desktop.sync.history_text import LogEntry
from ntm_desktop.sync.keys.office_store import ClerkCertificate, OfficeKeyInfo
from ntm_desktop.sync.results import Gap
from ntm_desktop.sync.views import ConflictView, CorrectionView, KeyInfo, KnownKey

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class SyncState:
    receiver: bool
    me: KeyInfo
    addressee: str
    """Whom the commune's bundles go to ("" on a receiver's computer)."""
    known: Sequence[KnownKey]
    pending: int
    gaps: Sequence[Gap]
    conflicts: Sequence[ConflictView]
    corrections: Sequence[CorrectionView]
    log: Sequence[LogEntry]
    titles: Mapping[str, str] = field(default_factory=dict)
    """Correction id → the title of the record it is about."""
    office: OfficeKeyInfo | None = None
    """A receiving office's office key, if it made one."""
    certificates: Sequence[ClerkCertificate] = ()
    """The clerks' computers the office key certified."""
    national: bool = False
    """The national office (it takes in the provinces' roll-ups)."""
    province: bool = False
    """A province office (it sends its year's roll-up to the national office)."""

    def names(self) -> dict[str, str]:
        """Unit code → name of every unit whose key is trusted here."""
        return {k.unit_code: k.unit_name for k in self.known if k.unit_name}

    def senders(self) -> list[tuple[str, str]]:
        """(code, name) of every commune whose key is trusted here: those a receiver writes back to."""
        seen: dict[str, str] = {}
        for k in self.known:
            if len(k.unit_code) == 5:
                seen[k.unit_code] = k.unit_name or seen.get(k.unit_code, "")
        return sorted(seen.items())


def load_state(ws: Workspace) -> SyncState:
    receiver = ws.settings.role == RECEIVER
    addressee = ""
    if not receiver:
        home = ws.unit.home()
        addressee = home.receiving_unit_name or home.province_name
    corrections = ws.sync.corrections()
    level = ws.receiver.info().level if receiver else ""
    return SyncState(
        receiver=receiver,
        me=ws.sync.keys.show(),
        addressee=addressee,
        known=ws.sync.keys.known(),
        pending=0 if receiver else ws.sync.pending_count(),
        gaps=ws.sync.gaps(),
        conflicts=ws.sync.conflicts(),
        corrections=corrections,
        log=ws.sync.log(),
        titles=ws.sync.correction_titles(corrections),
        office=ws.sync.office.show() if receiver else None,
        certificates=ws.sync.office.certificates() if receiver else (),
        national=level == "national",
        province=level == "province",
    )
