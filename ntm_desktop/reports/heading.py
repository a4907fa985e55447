"""The parts every report from the commune shares: the issuing body, the place, the signer, Nơi nhận."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import name_key
from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.export.pdf import Authority, Block, OfficialDocument, Signature
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.numbering import renumbered
from ntm_desktop.reports.requests import Common

BODY = "Ủy ban nhân dân"
ARCHIVE = "Lưu: VT, VP"


def choose_signer(unit: UnitProfile, name: str | None = None) -> Officer:
    """The officer named, else the one marked as signer, else the first who signs TM./KT."""
    officers = unit.officers
    if name:
        found = [o for o in officers if name_key(o.name) == name_key(name)]
        if not found:
            raise InvalidInput(tr("{name} is not among the commune's officers.", name=name), field="signer")
        return found[0]
    marked = [o for o in officers if o.is_signer] or [o for o in officers if o.signs_as in ("TM", "KT")]
    if not marked:
        raise InvalidInput(
            tr("The commune has no signer yet. Mark who signs reports in the commune details."),
            field="signer",
        )
    return marked[0]


def signature(officer: Officer) -> Signature:
    """TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, or for a deputy TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."""
    title = w.signer_title(officer.title) or "Chủ tịch"
    if officer.signs_as == "KT":
        return Signature(
            title=title, name=officer.name, authority=Authority.TM, on_behalf_of=BODY, deputy_for="Chủ tịch"
        )
    if officer.signs_as == "TM":
        return Signature(title=title, name=officer.name, authority=Authority.TM, on_behalf_of=BODY)
    return Signature(title=title, name=officer.name)


@dataclass(frozen=True)
class Header:
    """The commune's side of a document: body, place, signer, receiving unit."""

    unit: UnitProfile
    signer: Officer
    date: dt.date
    number: int | None

    @property
    def commune(self) -> str:
        """ "xã Bằng Thành", as running text writes it."""
        return w.in_text(self.unit.name, self.unit.type)

    @property
    def place(self) -> str:
        return w.place_name(self.unit.name)

    def document(
        self,
        title: str,
        body: Sequence[Block],
        snapshot: dict[str, Any],
        *,
        recipients: Sequence[str] = (),
        distribution: Sequence[str] = (),
    ) -> OfficialDocument:
        return OfficialDocument(
            agency=(BODY, w.full_unit_name(self.unit.name, self.unit.type)),
            number=self.number,
            type_code="BC",
            issuer_code="UBND",
            place=self.place,
            date=self.date,
            doc_type="Báo cáo",
            title=title,
            recipients=tuple(r for r in recipients if r),
            body=tuple(renumbered(body)),
            signature=signature(self.signer),
            distribution=(*(d for d in distribution if d), ARCHIVE),
            data_snapshot=snapshot,
        )

    def snapshot_head(self, kind: str) -> dict[str, Any]:
        u = self.unit
        return {
            "report": kind,
            "unit": {
                "code": u.code,
                "name": u.name,
                "type": u.type,
                "province_code": u.province_code,
                "province_name": u.province_name,
                "region": u.region,
                "group": u.group,
            },
            "number": self.number,
            "date": self.date,
            "signer": {
                "name": self.signer.name,
                "title": self.signer.title,
                "signs_as": self.signer.signs_as,
            },
        }


def header_for(unit: UnitProfile, request: Common, today: dt.date | None = None) -> Header:
    if request.number is not None and request.number < 1:
        raise InvalidInput(tr("The document number must be 1 or more"), field="number")
    return Header(
        unit=unit,
        signer=choose_signer(unit, request.signer),
        date=request.date or today or vntime.today(),
        number=request.number,
    )
