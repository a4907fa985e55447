"""What importing one bundle would do, worked out without writing (:func:`~ntm_desktop.sync.importing.
plan_bundle` makes it; hooks such as the receiver's amendments read and change its steps)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from ntm_desktop.core.compat import Reading, strict
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.records.reader import MINE as RECORDS_VERSION
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.merge.decide import Step, counts
from ntm_desktop.sync.merge.typed_lane import TypedList, typed_counts, with_steps
from ntm_desktop.sync.results import KindCounts
from ntm_desktop.sync.reverse.content import Extras


class Planned(msgspec.Struct):
    """Everything importing one bundle would do, worked out without writing."""

    bundle: VerifiedBundle
    code: str
    unit: UnitProfile | None
    given_steps: list[Step] = msgspec.field(default_factory=list)
    """The steps of the records read today's way; :attr:`steps` adds the typed lane's, made on demand."""
    checked_drafts: Mapping[tuple[str, str], Any] = msgspec.field(default_factory=dict)
    new_supporters: Mapping[str, str] = msgspec.field(default_factory=dict)
    extras: Extras = msgspec.field(default_factory=Extras)
    problems: list[Problem] = msgspec.field(default_factory=list)
    reading: Reading = msgspec.field(default_factory=lambda: strict(RECORDS_VERSION))
    """The payload's records format version and the fields of a newer minor set aside."""
    unheld: frozenset[str] = frozenset()
    """The bundle's lists of which the unit held nothing before it (no row, removed or not; no state)."""

    typed: list[TypedList] = msgspec.field(default_factory=list)
    """Lists the typed lane took (all new here), not made into steps unless someone asks."""

    @property
    def steps(self) -> list[Step]:
        """Every record's step, in bundle order (the typed lane's lists made into steps first)."""
        if self.typed:
            self.given_steps, self.typed = with_steps(self.given_steps, self.typed, self.bundle.payload), []
        return self.given_steps

    @steps.setter
    def steps(self, steps: list[Step]) -> None:
        self.given_steps, self.typed = steps, []

    def counts(self) -> dict[str, KindCounts]:
        tallies = typed_counts(counts(self.given_steps), self.typed)
        out = {name: KindCounts(**tally) for name, tally in tallies.items()}
        return out | self.extras.counts()
