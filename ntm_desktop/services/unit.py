"""The home commune's profile: set up once by the first-run wizard or ``init``, edited later."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any, cast

from sqlalchemy import Row, Select, Table, select
from sqlalchemy.orm import Session

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import Officer, UnitProfile, period_key, unit_label
from ntm_desktop.criteria.loading import group_period_for_year
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database

FORMER_RECEIVER = "former_receiving_unit"
"""Kept in the unit's ``extra``: who received the reports before 1 July 2025, if the officer said. Set by
:meth:`UnitService.set_former_receiving_unit` only, so a profile from the wizard, a records file or a
bundle never clears it."""


def profile_of(unit: m.Unit | Row[Any], officers: list[m.Officer] | list[Row[Any]]) -> UnitProfile:
    return UnitProfile(
        code=unit.code,
        name=unit.name,
        province_code=unit.province_code,
        type=unit.type,
        province_name=unit.province_name or "",
        district_name=unit.district_name or "",
        region=unit.region,
        group=unit.group,
        villages=tuple(unit.villages or ()),
        predecessors=tuple(unit.predecessors or ()),
        receiving_unit_name=unit.receiving_unit_name or "",
        receiving_unit_level=unit.receiving_unit_level or "province",
        officers=tuple(Officer(o.name, o.title, o.signs_as or "", o.is_signer) for o in officers),
        former_receiving_unit=str((unit.extra or {}).get(FORMER_RECEIVER, "")),
        groups=tuple(sorted((unit.groups or {}).items())),
    )


def profile_dict(p: UnitProfile) -> dict[str, Any]:
    return {
        "code": p.code,
        "name": p.name,
        "type": p.type,
        "province_code": p.province_code,
        "province_name": p.province_name,
        "district_name": p.district_name,
        "region": p.region,
        "group": p.group,
        "groups": dict(p.groups),
        "villages": list(p.villages),
        "predecessors": list(p.predecessors),
        "receiving_unit_name": p.receiving_unit_name,
        "receiving_unit_level": p.receiving_unit_level,
        "officers": [o.__dict__ for o in p.officers],
        "former_receiving_unit": p.former_receiving_unit,
    }


def apply_profile(unit: m.Unit, p: UnitProfile) -> None:
    """Copy a cleaned profile onto a unit row: the one place that maps one onto the other."""
    unit.name = p.name
    unit.type = p.type
    unit.province_code = p.province_code
    unit.province_name = p.province_name
    unit.district_name = p.district_name or None
    unit.region = p.region
    unit.group = p.group
    unit.groups = dict(p.groups)
    unit.villages = list(p.villages)
    unit.predecessors = list(p.predecessors)
    unit.receiving_unit_name = p.receiving_unit_name
    unit.receiving_unit_level = p.receiving_unit_level


def with_current_group(p: UnitProfile, year: int) -> UnitProfile:
    """``p`` with its ``group`` filed under the period of ``year`` (when that year's set groups communes)
    and ``group`` read back from there, so the two never disagree."""
    period = group_period_for_year(year)
    if period is None:
        return p
    groups = dict(p.groups)
    if p.group is not None:
        groups[period] = p.group
    return replace(p, groups=tuple(sorted(groups.items())), group=groups.get(period))


@cache
def _home_query() -> Select[m.Unit]:
    """Built once: every import asks (``SyncContext.me``)."""
    return select(m.Unit).where(m.Unit.is_home, m.Unit.deleted_at.is_(None))


@cache
def _home_columns() -> Select[Any]:
    """:func:`_home_query` on the table: the home unit's columns (``profile_of`` reads them by name)."""
    table = cast(Table, m.Unit.__table__)
    return select(table).where(table.c.is_home, table.c.deleted_at.is_(None))


class UnitService:
    def __init__(self, db: Database, on_server: bool = False) -> None:
        self._db = db
        self._on_server = on_server

    def home_code(self) -> str | None:
        with self._db.read() as s:
            return s.scalar(select(m.Unit.code).where(m.Unit.is_home, m.Unit.deleted_at.is_(None)))

    def home(self) -> UnitProfile:
        with self._db.read() as s:
            unit = self._home_row(s)
            if unit is None:
                raise NotFound(tr("This data file has no commune yet. Set it up first."))
            return profile_of(unit, self._officers(s, unit.code))

    def has_home(self) -> bool:
        return self.home_code() is not None

    def home_within(self, s: Session) -> UnitProfile | None:
        """The home unit's profile read through the caller's session, or None when there is none. Its row
        is read as columns, not as an ORM object (the ORM's compiling of the query costs a millisecond on
        its first use; ``SyncContext.me``, which every import asks, reads the same columns beside the
        settings it needs, in one statement)."""
        s.flush()  # what the session holds goes first, as before an ORM query
        unit = s.connection().execute(_home_columns()).first()
        return None if unit is None else profile_of(unit, self._officers(s, unit.code))

    def create(self, profile: UnitProfile, where: str = "") -> Changes:
        """Set up the home commune in a data file that has none; refuse (nothing written) if it has one."""
        with self._db.read() as s:
            home = self._home_row(s)
            held = (home.code, home.name) if home is not None else None
        if held is not None:
            raise Conflict(
                tr(
                    "The data file {path} already belongs to {unit}; nothing was changed. To change "
                    "its details: ntm-desktop unit --name … --village … --officer … (see ntm-desktop unit "
                    "--help); for another commune, use a new data file (--db NEW.sqlite).",
                    path=where,
                    unit=unit_label(*held),  # by its name: a code alone names no commune to the officer
                )
            )
        return self.setup(profile)

    def setup(self, profile: UnitProfile) -> Changes:
        """Create the home commune (first run) or update it. Every field is validated first.

        ``group`` is the group of the current year's period: it is kept under that period in ``groups``
        (a group given for another period stays there)."""
        p = with_current_group(profile.cleaned(), vntime.today().year)
        if self._on_server:
            from ntm_desktop.services.settings import COMMUNE_ON_SERVER

            raise Conflict(COMMUNE_ON_SERVER())
        with self._db.write() as s:
            unit = self._home_row(s)
            before = profile_dict(profile_of(unit, self._officers(s, unit.code))) if unit else None
            if unit is not None and unit.code != p.code:
                raise Conflict(
                    tr(
                        "This data file belongs to {old}; it cannot become {new}.",
                        old=unit_label(unit.code, unit.name),
                        new=unit_label(p.code, p.name),
                    )
                )
            if unit is None:
                unit = m.Unit(code=p.code, name=p.name, province_code=p.province_code, is_home=True)
                s.add(unit)
            apply_profile(unit, p)
            self._replace_officers(s, p)
            s.flush()
            self._db.audit(
                s,
                "unit.setup" if before is None else "unit.update",
                "unit",
                unit.uid,
                before,
                profile_dict(p),
            )
            return Changes.of(Kind.UNIT, action="unit.setup", ids=(unit.uid,))

    def set_former_receiving_unit(self, name: str) -> Changes:
        """Who received the commune's reports before 1 July 2025 ("" = the UBND of the district named)."""
        from ntm_desktop.core.text import clean

        value = clean(name)
        with self._db.write() as s:
            unit = self._home_row(s)
            if unit is None:
                raise NotFound(tr("This data file has no commune yet. Set it up first."))
            before = (unit.extra or {}).get(FORMER_RECEIVER, "")
            extra = {k: v for k, v in (unit.extra or {}).items() if k != FORMER_RECEIVER}
            unit.extra = extra | ({FORMER_RECEIVER: value} if value else {})
            self._db.audit(
                s,
                "unit.former_receiving_unit",
                "unit",
                unit.uid,
                {FORMER_RECEIVER: before},
                {FORMER_RECEIVER: value},
            )
            return Changes.of(Kind.UNIT, action="unit.former_receiving_unit", ids=(unit.uid,))

    def set_group(self, group: int | None, period: str | None = None) -> Changes:
        """The commune's group for ``period`` ("2026-2030"; default: the period of the current year)."""
        return self.setup(with_group(self.home(), group, period))

    def _replace_officers(self, s: Session, p: UnitProfile) -> None:
        from ntm_desktop.db.base import utcnow

        for row in self._officers(s, p.code):
            row.deleted_at = utcnow()
        for o in p.officers:
            s.add(
                m.Officer(
                    unit_code=p.code,
                    name=o.name,
                    title=o.title,
                    signs_as=o.signs_as or None,
                    is_signer=o.is_signer,
                )
            )

    @staticmethod
    def _home_row(s: Session) -> m.Unit | None:
        return s.scalar(_home_query())

    @staticmethod
    def _officers(s: Session, code: str) -> list[m.Officer]:
        rows = s.scalars(
            select(m.Officer)
            .where(m.Officer.unit_code == code, m.Officer.deleted_at.is_(None))
            .order_by(m.Officer.created_at)
        )
        return list(rows)


def with_group(p: UnitProfile, group: int | None, period: str | None = None) -> UnitProfile:
    """``p`` with its group for ``period`` ("2026-2030"; default: the period of the current year), not
    saved: ``unit --name … --group 2 --period …`` checks and saves everything at once."""
    current = group_period_for_year(vntime.today().year)
    chosen = period_key(clean(period)) if period else current
    if chosen is None:
        raise InvalidInput(
            tr("This year's criteria set does not group communes: name the period, e.g. 2026-2030"),
            field="period",
        )
    groups = {k: v for k, v in p.groups if k != chosen} | ({chosen: group} if group is not None else {})
    changed = replace(p, groups=tuple(sorted(groups.items())))
    return replace(changed, group=group) if chosen == current else changed
