"""What a mutation changed. Screens refresh only what a change touched (cf. Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    UNIT = "unit"
    CRITERIA = "criteria"
    PROGRESS = "progress"
    SUPPORTERS = "supporters"
    HELP = "help"
    CADRES = "cadres"
    EVENTS = "events"
    NARRATIVES = "narratives"
    """The yearly report's sections the officer writes."""
    EVIDENCE = "evidence"
    SYNC = "sync"
    SETTINGS = "settings"
    RECEIVER = "receiver"
    """A receiver's own data: sign-off states, expected units, merged communes, amendment requests."""


@dataclass(frozen=True)
class Changes:
    """Returned by every mutation: which kinds of data changed and the audit entry's action name."""

    kinds: frozenset[Kind] = field(default_factory=frozenset)
    action: str = ""
    ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What the officer should be told although nothing failed: a value kept, an implausible value."""

    def touches(self, *kinds: Kind) -> bool:
        return any(k in self.kinds for k in kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.kinds | other.kinds,
            self.action or other.action,
            self.ids + other.ids,
            self.notes + other.notes,
        )

    def noting(self, *notes: str) -> Changes:
        """The same changes with ``notes`` added."""
        return Changes(self.kinds, self.action, self.ids, self.notes + tuple(notes))

    @classmethod
    def of(cls, *kinds: Kind, action: str = "", ids: tuple[str, ...] = ()) -> Changes:
        return cls(frozenset(kinds), action, ids)


NOTHING = Changes()
