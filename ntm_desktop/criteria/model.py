"""Criteria sets as plain frozen values: set → groups and criteria → indicators → thresholds.

A set is data, not code: the national sets ship as JSON files (``resources/criteria``), a province can load
its own, and an officer can fill in thresholds. Nothing here knows the thresholds themselves. The file
format is described in ``docs/criteria-set-format.md``; :mod:`ntm_desktop.criteria.loading` reads it.

Thresholds are held as ``Decimal`` (percent, number), ``bool`` (boolean) or ``str`` (level); ``None`` means
"not known: to be set by the province".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ntm_desktop.core.i18n import language, tr

REGIONS: tuple[str, ...] = ("TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL")
"""Region keys of the 2016–2020 and 2021–2025 sets (ntm-domain.md §1.2), in the order files list them."""

COMMUNE_GROUPS: tuple[str, ...] = ("1", "2", "3")
"""Commune-group keys of the 2026–2030 set (QĐ 51/2025/QĐ-TTg)."""

LEVELS: tuple[str, ...] = ("ntm", "nang_cao", "kieu_mau", "hien_dai")
DIMENSIONS: tuple[str, ...] = ("region", "group")
KINDS: tuple[str, ...] = ("percent", "number", "boolean", "level")
DIRECTIONS: tuple[str, ...] = (">=", "<=", "=")

Level = Literal["ntm", "nang_cao", "kieu_mau", "hien_dai"]
Dimension = Literal["region", "group"]
Kind = Literal["percent", "number", "boolean", "level"]
Direction = Literal[">=", "<=", "="]

Value = Decimal | bool | str
"""A threshold or an assessed value: Decimal for percent/number, bool for boolean, str for level."""

Pairs = tuple[tuple[str, Value], ...]
Texts = tuple[tuple[str, str], ...]
"""Requirement texts by region code or commune group, in the canonical key order."""


@dataclass(frozen=True)
class Citation:
    """Where a threshold or a requirement text is written: a document (number and symbol, e.g.
    ``1491/QĐ-BGDĐT``), the part of it (``Phụ lục I``, ``Điều 2``, ``mục 5``) and its date."""

    document: str
    part: str = ""
    date: dt.date | None = None

    def describe(self, *, vi: bool = False) -> str:
        """ "Phụ lục I, QĐ 318/QĐ-TTg" or "QĐ 1491/QĐ-BGDĐT ngày 06/06/2022". ``vi``: Vietnamese whatever
        the app's language (report documents); otherwise the app's language."""
        label = document_label(self.document, vi=vi)
        if self.date is not None:
            day = self.date.strftime("%d/%m/%Y")
            label = f"{label} ngày {day}" if vi else tr("{document} of {date}", document=label, date=day)
        return ", ".join(p for p in (self.part, label) if p)


@dataclass(frozen=True)
class Threshold:
    """The pass value of an indicator: a general one and per-region or per-group ones (only one of the two
    maps is used, by the set's dimension). Pairs are kept in the canonical key order."""

    general: Value | None = None
    by_region: Pairs = ()
    by_group: Pairs = ()

    def for_region(self, code: str | None) -> Value | None:
        return dict(self.by_region).get(code) if code else None

    def for_group(self, key: str | None) -> Value | None:
        return dict(self.by_group).get(key) if key else None

    def has_any(self) -> bool:
        return self.general is not None or bool(self.by_region) or bool(self.by_group)

    def entries(self) -> tuple[tuple[str | None, Value], ...]:
        """Every value that is set: the general one under key ``None`` first, then regions, then groups."""
        first: tuple[tuple[str | None, Value], ...] = (
            ((None, self.general),) if self.general is not None else ()
        )
        return first + self.by_region + self.by_group


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    kind: Kind
    name_en: str = ""
    unit: str = ""
    direction: Direction | None = None
    threshold: Threshold = field(default_factory=Threshold)
    requirement_vi: str = ""
    requirement_en: str = ""
    requirement_by_key: Texts = ()
    """The requirement as text for one region or commune group, where a source gives it for that key."""
    confirmed: bool = False
    """The wording and code are quoted from a cited source."""
    threshold_confirmed: bool = False
    """The threshold values and requirement text, as they stand, are quoted from a cited source."""
    source: Citation | None = None
    """The document the threshold values and requirement texts are taken from; None: the set's own."""
    delegated: bool = False
    """The decision leaves the value to the province ("do tỉnh quy định")."""
    sources: tuple[str, ...] = ()
    note: str = ""
    cited: Citation | None = None
    """``source``, or else the set's legal basis: what a basis text cites. Filled in by ``parse_set``;
    not written to the file."""

    @property
    def document(self) -> str:
        """The cited document's number (e.g. "318/QĐ-TTg"), or "" when the set is not known."""
        return self.cited.document if self.cited else ""

    @property
    def name(self) -> str:
        return _pick(self.name_vi, self.name_en)

    @property
    def requirement(self) -> str:
        return _pick(self.requirement_vi, self.requirement_en)


@dataclass(frozen=True)
class Criterion:
    """One criterion (tiêu chí). Without indicators it is judged as a whole."""

    code: str
    name_vi: str
    group: str | None = None
    name_en: str = ""
    confirmed: bool = False
    sources: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    requirement_vi: str = ""
    requirement_en: str = ""
    requirement_by_key: Texts = ()
    requirement_confirmed: bool = False
    source: Citation | None = None
    delegated: bool = False
    note: str = ""
    cited: Citation | None = None
    """``source``, or else the set's legal basis (filled in by ``parse_set``, not written)."""

    @property
    def name(self) -> str:
        return _pick(self.name_vi, self.name_en)

    @property
    def requirement(self) -> str:
        return _pick(self.requirement_vi, self.requirement_en)

    @property
    def judged_whole(self) -> bool:
        return not self.indicators


@dataclass(frozen=True)
class Group:
    code: str
    name_vi: str
    name_en: str = ""
    confirmed: bool = False

    @property
    def name(self) -> str:
        return _pick(self.name_vi, self.name_en)


@dataclass(frozen=True)
class LegalBasis:
    document: str
    """Number and symbol, e.g. ``318/QĐ-TTg``."""
    date: dt.date
    issuer: str = ""
    effective: dt.date | None = None
    part: str = ""
    """Where in the document the set is, e.g. "Phụ lục I"."""

    @property
    def citation(self) -> Citation:
        """What a requirement of the set cites: "Phụ lục I, QĐ 318/QĐ-TTg" (the date is the set's)."""
        return Citation(self.document, self.part)


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    revision: int
    name_vi: str
    level: Level
    period_from: int
    period_to: int
    legal_basis: LegalBasis
    dimension: Dimension
    name_en: str = ""
    sources: tuple[str, ...] = ()
    note_vi: str = ""
    note_en: str = ""
    groups: tuple[Group, ...] = ()
    criteria: tuple[Criterion, ...] = ()

    @property
    def name(self) -> str:
        return _pick(self.name_vi, self.name_en)

    @property
    def note(self) -> str:
        return _pick(self.note_vi, self.note_en)

    @property
    def dimension_keys(self) -> tuple[str, ...]:
        """The keys a threshold may vary by: region codes or commune-group numbers (as text)."""
        return REGIONS if self.dimension == "region" else COMMUNE_GROUPS

    @property
    def indicator_count(self) -> int:
        return sum(len(c.indicators) for c in self.criteria)

    @property
    def legal_basis_text(self) -> str:
        """E.g. "QĐ 318/QĐ-TTg ngày 08/03/2022"."""
        return tr(
            "Decision {number} of {date}",
            number=self.legal_basis.document,
            date=self.legal_basis.date.strftime("%d/%m/%Y"),
        )

    def indicators(self) -> Iterator[Indicator]:
        for criterion in self.criteria:
            yield from criterion.indicators

    def find_criterion(self, code: str) -> Criterion | None:
        return self._lookup().criteria.get(code)

    def find_indicator(self, code: str) -> Indicator | None:
        return self._lookup().indicators.get(code)

    def criterion_for(self, indicator_code: str) -> Criterion | None:
        """The criterion an indicator belongs to."""
        return self._lookup().owners.get(indicator_code)

    def _lookup(self) -> _Lookup:
        """Codes → criteria and indicators, built once per set (an import judges thousands of records)."""
        found = self.__dict__.get("_codes")
        if found is None:
            found = _Lookup({}, {}, {})
            for c in self.criteria:
                found.criteria.setdefault(c.code, c)  # the first of a code, as a search would find
                for i in c.indicators:
                    found.indicators.setdefault(i.code, i)
                    found.owners.setdefault(i.code, c)
            object.__setattr__(self, "_codes", found)  # not a field: equality and hashing ignore it
        return found

    def find_group(self, code: str | None) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)

    def criteria_in(self, group_code: str | None) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.group == group_code)


@dataclass(frozen=True)
class _Lookup:
    criteria: dict[str, Criterion]
    indicators: dict[str, Indicator]
    owners: dict[str, Criterion]


def document_label(document: str, *, vi: bool = False) -> str:
    """ "318/QĐ-TTg" → "QĐ 318/QĐ-TTg" (in English "Decision 318/QĐ-TTg"); other documents
    ("Công văn 1298/LĐTBXH-VPQGGN") as written."""
    if "/QĐ-" not in document or document.startswith(("QĐ", "Quyết định")):
        return document
    return f"QĐ {document}" if vi else tr("Decision {number}", number=document)


def _pick(vi: str, en: str) -> str:
    """The text in the current language, falling back to Vietnamese (always present)."""
    return en if language() == "en" and en else vi
