"""A province's year, sent to the national office (``bundle export --to national``): one roll-up bundle,
signed by the province, that carries

* its communes (code, name, type, province code) — those it expects, reported or not;
* every records bundle its communes sent it, **whole and signed by the commune** (the province keeps each
  one as it arrives), so the national office checks each commune's signature itself;
* the communes' keys the province trusts, which the national office then trusts through the province;
* the province's sign-off of each commune's year, with every step of it (format 2.2), and its
  recognition decisions (withdrawn ones too), each with when and by whom the province recorded, replaced
  or withdrew it (format 2.4);
* the amendment requests it holds for changes to approved years, with its decisions (format 2.3,
  :mod:`ntm_desktop.receiver.rollup_amendments`), so the national office counts what it approved.

Only communes of the province's own code go in (a commune held of another province is left out and
named). The format is ``docs/bundle-format.md`` "Roll-up bundles" (bundle format 2);
:mod:`ntm_desktop.receiver.rollup_in` is the national office's side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.core.files import require_folder
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import NATIONAL_CODE, NATIONAL_NAME, PROVINCES
from ntm_desktop.db import models as m
from ntm_desktop.receiver import recognition_history, rollup_amendments, rollup_history
from ntm_desktop.receiver.values import ReceiverInfo
from ntm_desktop.sync import log
from ntm_desktop.sync.bundle.manifest import BundleKind, Receiver
from ntm_desktop.sync.bundle.rules import format_timestamp
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.exported import ExportResult
from ntm_desktop.sync.keys.service import REVOKED
from ntm_desktop.sync.outgoing import schema_version


@dataclass(frozen=True)
class RollupExport:
    result: ExportResult
    communes: int
    not_kept: tuple[str, ...]
    """Communes with bundles received before this version kept them: not carried (ask for a full one)."""
    foreign: tuple[str, ...]
    """Communes held of another province: left out."""


def province_of(info: ReceiverInfo) -> str:
    """The province a province office rolls up; refuses any other receiving unit."""
    if info.level != "province":
        raise Conflict(tr("Only a province office sends its year to the national office."))
    code = info.province_code or info.code
    if code not in PROVINCES:
        raise InvalidInput(tr("“{code}” is not a province code", code=code), "province_code")
    return code


def _units(s: Session, province: str) -> tuple[list[m.Unit], list[str]]:
    rows = list(s.scalars(select(m.Unit).where(m.Unit.is_home.is_(False)).order_by(m.Unit.code)))
    own = [u for u in rows if u.province_code == province]
    return own, [u.code for u in rows if u.province_code != province]


def _bundles(s: Session, codes: list[str]) -> list[m.SyncBundle]:
    b = m.SyncBundle
    query = (
        select(b)
        .where(b.direction == log.RECEIVED, b.kind == str(BundleKind.RECORDS), b.origin_unit_code.in_(codes))
        .order_by(b.origin_unit_code, b.sequence, b.id)
    )
    return list(s.scalars(query))


def _keys(s: Session, codes: list[str]) -> list[dict[str, Any]]:
    k = m.SyncKnownKey
    query = select(k).where(k.unit_code.in_(codes), k.how != REVOKED).order_by(k.unit_code, k.trusted_at)
    return [
        {
            "id": row.fingerprint,
            "unit_code": row.unit_code,
            "unit_name": row.unit_name,
            "device_id": row.device_id,
            "public_key": row.public_key,
        }
        for row in s.scalars(query)
    ]


def _signoffs(s: Session, codes: list[str], year: int) -> list[dict[str, Any]]:
    o = m.ReceiverSignoff
    query = select(o).where(o.year == year, o.unit_code.in_(codes)).order_by(o.unit_code)
    steps = rollup_history.carried(s, codes, year)
    return [
        {
            "id": f"{r.unit_code}/{r.year}",
            "unit_code": r.unit_code,
            "year": r.year,
            "status": r.status,
            "reason": r.reason,
            "changed_at": format_timestamp(r.changed_at),
            "changed_by": r.changed_by,
            "history": steps.get(r.unit_code, []),
        }
        for r in s.scalars(query)
    ]


def _recognitions(s: Session, codes: list[str], year: int) -> list[dict[str, Any]]:
    """Each decision of ``year`` (withdrawn ones too) and when and by whom its present version was
    recorded here: the decision, its replacement or its withdrawal (format 2.4)."""
    r = m.ReceiverRecognition
    query = select(r).where(r.year == year, r.unit_code.in_(codes)).order_by(r.unit_code, r.level)
    rows = list(s.scalars(query))
    recorded = recognition_history.recorded(s, rows)
    found = []
    for x in rows:
        uid = f"{x.unit_code}/{x.year}/{x.level}"
        at, by = recorded[uid]
        found.append(
            {
                "id": uid,
                "unit_code": x.unit_code,
                "year": x.year,
                "level": x.level,
                "decision": x.decision,
                "date": x.decided_on.isoformat(),
                "decided_by": x.decided_by,
                "version": x.version,
                "withdrawn": x.deleted_at is not None,
                "reason": x.reason,
                "recorded_at": format_timestamp(at),
                "recorded_by": by,
            }
        )
    return found


@dataclass(frozen=True)
class RollupParts:
    communes: int
    not_kept: tuple[str, ...]
    foreign: tuple[str, ...]
    files: list[str]


def payload(s: Session, info: ReceiverInfo, province: str, year: int) -> tuple[dict[str, Any], RollupParts]:
    own, foreign = _units(s, province)
    codes = [u.code for u in own]
    received = _bundles(s, codes)
    kept = [b for b in received if b.kept_sha256]
    body = {
        "year": year,
        "province": {"code": province, "name": info.name},
        "units": [
            {
                "id": u.code,
                "name": u.name,
                "type": u.type,
                "province_code": u.province_code,
                "merged_into": u.merged_into or "",
            }
            for u in own
        ],
        "keys": _keys(s, codes),
        "bundles": [
            {
                "id": b.bundle_id,
                "unit_code": b.origin_unit_code,
                "sequence": b.sequence,
                "sha256": b.kept_sha256,
            }
            for b in kept
        ],
        "signoffs": _signoffs(s, codes, year),
        "recognitions": _recognitions(s, codes, year),
    }
    held = rollup_amendments.carried(s, codes)
    if held:  # format 2.3: only when there is something to carry
        body["amendments"] = held
    not_kept = tuple(sorted({b.origin_unit_code for b in received if not b.kept_sha256}))
    return body, RollupParts(len(own), not_kept, tuple(foreign), [b.kept_sha256 for b in kept])


def check_sendable(year: int) -> None:
    """A year still to come has nothing to send: refused, nothing written."""
    if year > vntime.today().year:
        raise InvalidInput(
            tr("{year} has not come yet: only a year already begun can be sent.", year=year), "year"
        )


def empty_text(year: int) -> str:
    """Said with a roll-up that carries no commune (a province office just set up)."""
    return tr(
        "No commune of the province is held here yet: the national office will list the province for "
        "{year} with zeros. Take in the communes' bundles and send again.",
        year=year,
    )


def export(ctx: SyncContext, info: ReceiverInfo, out_dir: Path, year: int) -> RollupExport:
    """Write the province's roll-up of ``year`` into ``out_dir`` (one transaction, logged and audited);
    refused, with nothing written, for a year to come and from a computer the office key has not
    certified."""
    province = province_of(info)
    check_sendable(year)
    ctx.require_certified()  # whoever trusts the office key would refuse it: say so before writing
    require_folder(Path(out_dir))
    with ctx.db.write() as s:
        body, parts = payload(s, info, province, year)
        files = {sha: ctx.evidence.path_for(sha) for sha in parts.files}
        sequence, previous = log.next_sequence(
            s, str(BundleKind.ROLLUP), NATIONAL_CODE, ctx.sequence_device()
        )
        fields = BundleFields(
            kind=BundleKind.ROLLUP,
            origin_unit_code=info.code,
            device_id=ctx.identity.device_id,
            sequence=sequence,
            schema_version=schema_version(),
            previous_bundle_id=previous,
            full=True,
            receiver=Receiver(NATIONAL_CODE, NATIONAL_NAME),
            office=ctx.office_proof(s),
            per_computer=bool(ctx.sequence_device()),
        )
        path = write_bundle(Path(out_dir), fields, body, files, ctx.identity.private_key())
        counts = {k: len(v) for k, v in body.items() if isinstance(v, list)}
        actor, fp = ctx.db.actor(), ctx.identity.fingerprint()
        log.log_sent(s, fields, counts, path, fp, actor, ctx.sequence_device())
        after = {
            "year": year,
            "counts": counts,
            "not_kept": list(parts.not_kept),
            "left_out": list(parts.foreign),
        }
        ctx.db.audit(s, "sync.rollup.export", "bundle", fields.bundle_id, None, after, path.name)
        ctx.identity.save_clock(s)
    changes = Changes.of(Kind.SYNC, action="sync.export")
    result = ExportResult(
        path, fields.bundle_id, str(BundleKind.ROLLUP), sequence, True, NATIONAL_CODE, counts,
        path.stat().st_size, len(files), changes,
    )  # fmt: skip
    return RollupExport(result, parts.communes, parts.not_kept, parts.foreign)
