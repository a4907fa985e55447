"""What a province's roll-up bundle carries, as ``bundle inspect`` shows it before anything is imported:
the province, every commune it lists (with the years its carried bundles hold, the province's sign-off of
the roll-up's year and its recognition decisions), and the counts. Read from the bundle alone (the
format is ``docs/bundle-format.md``, "Roll-up bundles"); nothing is written."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ntm_desktop.core import signoff
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.sync.bundle.reader import VerifiedBundle, read_bundle


@dataclass(frozen=True)
class CarriedCommune:
    code: str
    name: str
    bundles: int
    """Its own signed bundles the roll-up carries."""
    years: tuple[int, ...]
    """The years its carried bundles report on (their criteria results)."""
    status: str
    """The province's sign-off of the roll-up's year (``not_reported`` when it has none)."""
    recognitions: tuple[str, ...]
    """The levels it is recognised at for the year (decisions not withdrawn)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "bundles": self.bundles,
            "years": list(self.years),
            "status": self.status,
            "recognitions": list(self.recognitions),
        }


@dataclass(frozen=True)
class RollupContents:
    year: int
    province_code: str
    province_name: str
    communes: tuple[CarriedCommune, ...]
    bundles: int
    signoffs: dict[str, int]
    """Sign-offs of the year per status."""
    recognised: int
    withdrawn: int
    unreadable: tuple[str, ...] = ()
    """Communes whose carried bundle could not be read (the import would refuse the roll-up)."""
    pending: int = 0
    """Changes to approved years the province holds as amendment requests, not decided yet (format 2.3):
    the national office holds them too, uncounted."""

    @property
    def carried(self) -> int:
        return sum(1 for c in self.communes if c.bundles)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "province": {"code": self.province_code, "name": self.province_name},
            "communes": [c.to_json() for c in self.communes],
            "counts": {
                "communes": len(self.communes),
                "carried": self.carried,
                "bundles": self.bundles,
                "signoffs": dict(self.signoffs),
                "recognised": self.recognised,
                "withdrawn": self.withdrawn,
                "pending_amendments": self.pending,
            },
            "unreadable": list(self.unreadable),
        }

    def headline(self) -> list[str]:
        """The province, the communes carried and the counts (without the list of communes)."""
        return [
            tr("Roll-up of {year} from {name} (province {code})", year=self.year,
               name=self.province_name, code=self.province_code),
            "  " + trn(
                "{n} commune listed, {carried} with its own signed bundles ({bundles})",
                "{n} communes listed, {carried} with their own signed bundles ({bundles})",
                len(self.communes), carried=self.carried,
                bundles=trn("{n} bundle", "{n} bundles", self.bundles),
            ),
            "  " + tr("Sign-off of {year}: {counts}", year=self.year, counts=_statuses(self.signoffs)),
            "  " + tr("Recognition decisions: {recognised} ({withdrawn} withdrawn)",
                      recognised=self.recognised, withdrawn=self.withdrawn),
            *(["  " + tr("Changes to approved years waiting for the province's decision (not counted): "
                         "{count}", count=self.pending)] if self.pending else []),
        ]  # fmt: skip

    def text(self) -> list[str]:
        lines = self.headline()
        for c in self.communes:
            years = ", ".join(map(str, c.years)) or tr("no bundle")
            recognised = " · " + tr("recognised") if c.recognitions else ""
            lines.append(f"    {c.code} {c.name}: {years} · {signoff.status_label(c.status)}{recognised}")
        if self.unreadable:
            lines.append("  " + tr("Bundles that cannot be read: {codes}", codes=", ".join(self.unreadable)))
        return lines


def _statuses(counts: dict[str, int]) -> str:
    shown = [f"{signoff.status_label(s)} {counts[s]}" for s in signoff.STATUSES if counts.get(s)]
    return ", ".join(shown) or "0"


def _years(bundle: VerifiedBundle) -> set[int]:
    """The years a commune's bundle reports on: those of its records that belong to a year (its
    criteria results), not the dates of help or events (the assessments read typed, when they were:
    :attr:`VerifiedBundle.typed`, not read again)."""
    typed = bundle.typed.lists.get("assessments", ()) if bundle.typed is not None else ()
    return {r.year for r in typed} | {
        e["year"]
        for entries in bundle.head.values()
        if isinstance(entries, list)
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("year"), int)
    }


def _carried(bundle: VerifiedBundle) -> tuple[dict[str, set[int]], Counter[str], list[str]]:
    years: dict[str, set[int]] = {}
    counts: Counter[str] = Counter()
    unreadable: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ntm-rollup-view-") as folder:
        for entry in bundle.payload["bundles"]:
            unit, sha = entry["unit_code"], entry["sha256"]
            counts[unit] += 1
            try:
                inner = read_bundle(bundle.extract_file(sha, Path(folder) / f"{sha}.ntmsync"))
            except (NtmError, KeyError):
                unreadable.append(unit)
                continue
            years.setdefault(unit, set()).update(_years(inner))
    return years, counts, sorted(set(unreadable))


def rollup_contents(bundle: VerifiedBundle) -> RollupContents:
    payload = bundle.payload
    year = payload["year"]
    years, counts, unreadable = _carried(bundle)
    status = {e["unit_code"]: e["status"] for e in payload["signoffs"] if e["year"] == year}
    live = [r for r in payload["recognitions"] if r["year"] == year and not r["withdrawn"]]
    levels: dict[str, list[str]] = {}
    for r in live:
        levels.setdefault(r["unit_code"], []).append(r["level"])
    communes = tuple(
        CarriedCommune(
            u["id"], u["name"], counts[u["id"]], tuple(sorted(years.get(u["id"], ()))),
            status.get(u["id"], signoff.NOT_REPORTED if not counts[u["id"]] else signoff.RECEIVED),
            tuple(levels.get(u["id"], ())),
        )
        for u in payload["units"]
    )  # fmt: skip
    return RollupContents(
        year=year,
        province_code=payload["province"]["code"],
        province_name=payload["province"]["name"],
        communes=communes,
        bundles=len(payload["bundles"]),
        signoffs=dict(Counter(c.status for c in communes)),
        recognised=len({r["unit_code"] for r in live}),
        withdrawn=sum(1 for r in payload["recognitions"] if r["year"] == year and r["withdrawn"]),
        unreadable=tuple(unreadable),
        pending=sum(1 for a in payload.get("amendments", ()) if a["status"] == "open"),
    )
