"""``ws.receiver``: the receiving unit's side — every commune's year at a glance, signing years off,
the province's totals, merged communes, and the year's summary.

    rows = ws.receiver.units(2025)                       # every commune, reported or not
    ws.receiver.set_status("01234", 2025, "reviewed")    # received → reviewed → approved (locked)
    ws.receiver.set_status("01234", 2025, "returned", reason="Thiếu minh chứng tiêu chí 2")
    ws.receiver.recognise("01234", 2025, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm")
    ws.receiver.summary(2025)            # {"year", "units", "reached_standard", "provinces", "help"}

Figures come from the services a commune uses (progress roll-up, ledger totals) given the communes'
codes, so the receiver's numbers are the sum of what each commune sees of itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound, NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean, is_ascii_digits
from ntm_desktop.core.units import NATIONAL_CODE
from ntm_desktop.db import models as m
from ntm_desktop.receiver import (
    amendments,
    commune,
    compare,
    corrections,
    expected,
    info,
    listing,
    recognition,
    recognition_history,
    rollup,
    rollup_in,
    signoff,
)
from ntm_desktop.receiver import registry as reg
from ntm_desktop.receiver.figures import YearFigures
from ntm_desktop.receiver.values import (
    APPROVED,
    NATIONAL,
    RETURNED,
    REVIEWED,
    Amendment,
    CommuneView,
    HistoryEntry,
    ReceiverInfo,
    Recognition,
    UnitRow,
    status_label,
)
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.kinds.registry import change_kind
from ntm_desktop.services.locks import lock_units
from ntm_desktop.services.progress import ProgressService, check_year
from ntm_desktop.services.settings import SettingsService
from ntm_desktop.services.unit import UnitService
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.context import RECEIVER
from ntm_desktop.sync.planned import Planned
from ntm_desktop.sync.results import BundleOutcome
from ntm_desktop.sync.service import SyncService


class ReceiverService(YearFigures):
    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        unit: UnitService,
        criteria: CriteriaService,
        progress: ProgressService,
        evidence: EvidenceService,
        sync: SyncService,
    ) -> None:
        self._db, self._settings, self._unit = db, settings, unit
        self._criteria, self._progress, self._evidence, self._sync = criteria, progress, evidence, sync

    # ---- who the receiver is ---------------------------------------------------------------------

    def info(self) -> ReceiverInfo:
        return info.read_info(self._settings, self._unit)

    def configure(
        self,
        *,
        level: str | None = None,
        code: str | None = None,
        name: str | None = None,
        parent: str | None = None,
        province_code: str | None = None,
        place: str | None = None,
        signer_name: str | None = None,
        signer_title: str | None = None,
    ) -> Changes:
        """Make this workspace a receiver and set what is given (level ``province``, ``district`` or
        ``national``, the unit's code and name, its parent agency, place of issue, who signs the
        summary). A receiver's code never changes: its communes' bundles are addressed to it. The
        national office's code is always ``00`` (the app's placeholder)."""
        current = self.info() if self.is_receiver() else None
        info.refuse_recode(current.code if current else "", code)
        if level == NATIONAL and code is None and not (current and current.code):
            code = NATIONAL_CODE
        info.check_national(level or (current.level if current else "province"),
                            code or (current.code if current else ""))  # fmt: skip
        return info.configure(
            self._settings,
            level=level,
            code=code,
            name=name,
            parent=parent,
            province_code=province_code,
            place=place,
            signer_name=signer_name,
            signer_title=signer_title,
        )

    def set_up(self, **values: str | None) -> Changes:
        """Make a new data file a receiving unit's; refuse (nothing written) if it already has a unit."""
        on_server = self._db.engine.dialect.name != "sqlite"
        home = self._unit.home() if self._unit.has_home() else None
        current = self.info() if self.is_receiver() else None
        info.refuse_set_up(
            home.code if home else None,
            current.code if current else "",
            on_server,
            home.name if home else "",
            current.name if current else "",
        )
        return self.configure(**values)

    def is_receiver(self) -> bool:
        return self._settings.role == RECEIVER

    def _require_receiver(self) -> None:
        if not self.is_receiver():
            raise Conflict(tr("This is a commune's data file; only a receiving workspace signs off reports."))

    def _signing_off(self) -> None:
        """The office that approves its communes' years (a province, or a district before 1 July 2025);
        the national office receives the province's decisions in its roll-up and takes no step itself."""
        self._require_receiver()
        if self.info().level == NATIONAL:
            raise Conflict(
                tr(
                    "The province reviews, approves and returns its communes' years; the national office "
                    "receives the province's decisions in its roll-up."
                )
            )

    def _registry(self, s: Session) -> reg.Registry:
        return reg.load(s, str(self._settings.get(info.CODE) or ""))

    # ---- communes --------------------------------------------------------------------------------

    def units(self, year: int) -> list[UnitRow]:
        """Every commune the receiver knows, with its criteria, sign-off state and open matters."""
        check_year(year)
        with self._db.read() as s:
            return listing.unit_rows(s, self._criteria, self._registry(s), year)

    def commune(self, code: str) -> CommuneView:
        return commune.view(self._db, self._criteria, self._progress, clean(code))

    def expect_units(self, rows: Sequence[Sequence[str]]) -> Changes:
        """Register the communes expected to report: ``(code, name)`` or ``(code, name, type)`` each."""
        self._require_receiver()
        units = expected.checked(rows, tr("row "))
        return self._expect(units)

    def expect_units_file(self, path: str | Path) -> Changes:
        """The same from a CSV file of ``code,name[,type]`` lines."""
        self._require_receiver()
        return self._expect(expected.read_csv(Path(path)))

    def _expect(self, units: list[expected.Expected]) -> Changes:
        me = self.info()
        if me.level == NATIONAL:
            raise Conflict(
                tr(
                    "Each province lists the communes it expects; the national office receives those lists "
                    "in the provinces' roll-ups."
                )
            )
        province = me.province_code
        if not province:
            raise InvalidInput(tr("Set the receiver's province code first."), "province_code")
        with self._db.write() as s:
            for u in units:
                row, made = reg.ensure_unit(s, u.code, u.name, u.type, province)
                before = None if made else reg.unit_snapshot(row)
                if not row.version:  # no bundle yet: the list's name stands until one arrives
                    row.name, row.type = u.name, u.type
                row.extra = dict(row.extra or {}) | {"expected": True}
                self._db.audit(s, "receiver.expect", "unit", row.code, before, reg.unit_snapshot(row))
        ids = tuple(u.code for u in units)
        return Changes.of(Kind.UNIT, Kind.RECEIVER, action="receiver.expect", ids=ids)

    def set_successor(self, predecessor_code: str, successor_code: str) -> Changes:
        """Count ``predecessor_code``'s data (its history before the 2025 merger) for ``successor_code``;
        an empty successor removes the mapping."""
        self._require_receiver()
        pred, succ = clean(predecessor_code), clean(successor_code)
        problems = [
            name for name, code in (("predecessor", pred), ("successor", succ)) if code and len(code) != 5
        ]
        if problems or not is_ascii_digits(pred) or (succ and not is_ascii_digits(succ)):
            raise InvalidInput(
                tr("The unit code must be exactly 5 digits, like 01234"),
                problems[0] if problems else "predecessor",
            )
        if pred == succ:
            raise InvalidInput(tr("A commune cannot be its own successor."), "successor")
        province = self.info().province_code
        with self._db.write() as s:
            registry = self._registry(s)
            for code in (succ, "" if succ else pred):
                if code and code not in registry.units:
                    raise NotFound(tr("There is no unit {code} in this data file.", code=code))
            if succ and registry.current(succ) == pred:
                raise Conflict(tr("{succ} is already merged into {pred}.", succ=succ, pred=pred))
            province = province or (registry.units[succ].province_code if succ else "")
            row, made = reg.ensure_unit(s, pred, pred, "xa", province or "00")
            before = None if made else reg.unit_snapshot(row)
            row.merged_into = succ or None
            self._db.audit(s, "receiver.merge", "unit", pred, before, reg.unit_snapshot(row))
        return Changes.of(Kind.UNIT, Kind.RECEIVER, action="receiver.merge", ids=(pred,))

    # ---- signing off -----------------------------------------------------------------------------

    def set_status(
        self, code: str, year: int, status: str, reason: str = "", *, record: tuple[str, str] | None = None
    ) -> Changes:
        """Move a commune's year on: ``reviewed``, ``approved`` (locks it) or ``returned`` (a reason is
        required; a correction request goes to the commune with the next reverse bundle, about
        ``record`` = (``assessments`` | ``help``, record id), by default one of the year's assessments).
        Only the office that approves its communes' years does this, never the national office."""
        self._signing_off()
        check_year(year)
        with self._db.read() as s:
            registry = self._registry(s)
            if clean(code) not in registry.units:
                raise NotFound(tr("There is no unit {code} in this data file.", code=code))
            top = registry.current(clean(code))
            row = signoff.stored(s, top, year)
            current = signoff.effective(
                row, top in listing.reported(s, registry, year, registry.codes_of(top))
            )
            signoff.check_move(top, year, current, status, reason)
            target = (
                corrections.to_correct(s, registry.codes_of(top), year, record)
                if status == RETURNED
                else None
            )
            earlier = row.correction_uid if row is not None else ""
        changes = Changes.of(Kind.RECEIVER, action="receiver.status", ids=(f"{top}/{year}",))
        correction_id = ""
        if target is not None:
            text = tr("Report for {year} returned for correction: {reason}", year=year, reason=clean(reason))
            correction_id = self._sync.request_correction(target[0], target[1], target[2], text).id
            changes = changes | Changes.of(Kind.SYNC, action="receiver.status")
        with self._db.write() as s:
            lock_units(s, registry.codes_of(top))  # an import of this commune or a second clerk waits
            now = signoff.stored(s, top, year)
            if (now.status if now else None) != (row.status if row else None):
                raise Conflict(
                    tr("The state of {code}, {year} was changed meanwhile; look again.", code=top, year=year)
                )
            signoff.move(self._db, s, top, year, current, status, reason, correction_uid=correction_id)
        if status in (REVIEWED, APPROVED) and earlier:
            self._close_correction(earlier)
        return changes

    def _close_correction(self, correction_id: str) -> None:
        with contextlib.suppress(NtmError):  # already closed by hand, or gone: nothing left to close
            self._sync.close_correction(correction_id)

    def status_history(self, code: str, year: int) -> list[HistoryEntry]:
        with self._db.read() as s:  # the sign-off steps and the recognition decisions, in order
            registry = self._registry(s)
            top = registry.current(clean(code))
            return recognition_history.with_steps(s, top, registry.codes_of(top), year)

    def import_hook(self, s: Session, planned: Planned) -> str:
        """Called by the sync import (``ws.sync.import_hook``): hold changes to approved years."""
        return amendments.import_hook(self._db, self._evidence, s, planned)

    def amendments(self, status: str | None = "open", code: str | None = None) -> list[Amendment]:
        with self._db.read() as s:
            query = select(m.ReceiverAmendment).order_by(m.ReceiverAmendment.received_at)
            if status:
                query = query.where(m.ReceiverAmendment.status == status)
            if code:
                query = query.where(m.ReceiverAmendment.signoff_code == self._registry(s).current(code))
            return [amendments.view(r) for r in s.scalars(query)]

    def amendment_detail(self, amendment_id: str) -> compare.AmendmentDetail:
        """The request with the record as approved beside the commune's version (any status)."""
        with self._db.read() as s:
            row = s.get(m.ReceiverAmendment, amendment_id)
            if row is None:
                raise NotFound(tr("There is no amendment request {id}.", id=amendment_id))
            return compare.detail(s, row)

    def accept_amendment(self, amendment_id: str) -> Changes:
        """Take the held change into the approved year (merged as its bundle would have been)."""
        self._signing_off()
        with self._db.write() as s:
            amendments.lock(s, amendment_id)
            row = amendments.open_request(s, amendment_id)
            amendments.merge_in(self._db, s, self._criteria, self._evidence, row)
            amendments.decide(self._db, s, row, "accepted", "")
            kind = row.kind
        return Changes.of(Kind.RECEIVER, change_kind(kind), action="receiver.amendment", ids=(amendment_id,))

    def reject_amendment(self, amendment_id: str, reason: str) -> Changes:
        """Keep the approved data; when the record is an assessment or help, the commune is asked (next
        reverse bundle) to check it, with ``reason``."""
        self._signing_off()
        if not clean(reason):
            raise InvalidInput(
                tr("Say why (the reason is sent to the commune or kept in the history)"), "reason"
            )
        with self._db.read() as s:
            row = amendments.open_request(s, amendment_id)
            unit, kind, record_id, year = row.unit_code, row.kind, row.record_id, row.year
            model = corrections.correctable_model(kind)
            exists = (
                s.scalar(
                    select(func.count())
                    .select_from(model)
                    .where(model.unit_code == unit, model.record_id == record_id)
                )
                if model is not None
                else 0
            )
        if exists:
            text = tr("Change to {year} (approved) not accepted: {reason}", year=year, reason=clean(reason))
            self._sync.request_correction(unit, kind, record_id, text)
        with self._db.write() as s:
            amendments.lock(s, amendment_id)
            amendments.decide(
                self._db, s, amendments.open_request(s, amendment_id), "rejected", clean(reason)
            )
        return Changes.of(Kind.RECEIVER, Kind.SYNC, action="receiver.amendment", ids=(amendment_id,))

    # ---- national roll-up ------------------------------------------------------------------------

    def export_national(self, out_dir: str | Path, year: int) -> rollup.RollupExport:
        """A province office: its year for the national office (communes, their signed bundles, the
        keys it trusts, sign-offs, recognitions), as one roll-up bundle signed by the province."""
        self._require_receiver()
        check_year(year)
        return rollup.export(self._sync.context, self.info(), Path(out_dir), year)

    def take_in_rollup(self, bundle: VerifiedBundle, trust_on_first_use: bool) -> BundleOutcome:
        """The national office: a province's roll-up (called by ``ws.sync.import_bundles``)."""
        return rollup_in.take_in(self._sync.context, self.info(), bundle, trust_on_first_use)

    # ---- recognition -----------------------------------------------------------------------------

    def recognise(
        self, code: str, year: int, *, decision: str, decided_on: date | None, level: str
    ) -> Changes:
        """Record the province's decision recognising ``code``'s ``year`` at ``level`` (``ntm``,
        ``nang_cao``, ``kieu_mau``, ``hien_dai``); the year must be approved
        (:mod:`ntm_desktop.receiver.recognition`). Recording it again corrects the number or date."""
        me = self._deciding()
        check_year(year)
        number = recognition.checked(year, decision, decided_on, level)
        assert decided_on is not None  # checked
        version = self._sync.next_version()
        with self._db.write() as s:
            registry = self._registry(s)
            top = self._known(registry, code)
            lock_units(s, registry.codes_of(top))
            status = self._status_of(s, registry, top, year)
            if status != APPROVED:
                raise Conflict(
                    tr(
                        "{code}, {year} is {status}: approve the year before recording its recognition.",
                        code=top,
                        year=year,
                        status=status_label(status),
                    )
                )
            recognition.record(self._db, s, (top, year, level), number, decided_on, me, version)
            self._sync.identity.save_clock(s)
        return Changes.of(Kind.RECEIVER, action="receiver.recognise", ids=(f"{top}/{year}",))

    def withdraw_recognition(self, code: str, year: int, level: str, reason: str) -> Changes:
        """Withdraw a recognition recorded by mistake (kept, with ``reason``, in the history)."""
        self._deciding()
        if not clean(reason):
            raise InvalidInput(
                tr("Say why (the reason is sent to the commune or kept in the history)"), "reason"
            )
        version = self._sync.next_version()
        with self._db.write() as s:
            registry = self._registry(s)
            top = self._known(registry, code)
            lock_units(s, registry.codes_of(top))
            recognition.withdraw(self._db, s, (top, year, level), reason, version)
            self._sync.identity.save_clock(s)
        return Changes.of(Kind.RECEIVER, action="receiver.recognise", ids=(f"{top}/{year}",))

    def recognitions(self, year: int | None = None, code: str | None = None) -> list[Recognition]:
        """The standing recognitions (of ``year``, of ``code`` and its predecessors' codes)."""
        with self._db.read() as s:
            codes = self._registry(s).codes_of(clean(code)) if code else None
            return recognition.of_year(s, year, codes)

    def _deciding(self) -> str:
        """This unit's code, when it is one that recognises communes (not the national office)."""
        self._require_receiver()
        me = self.info()
        if me.level == NATIONAL:
            raise Conflict(
                tr(
                    "The province recognises its communes; the national office receives the decisions in "
                    "the provinces' bundles."
                )
            )
        return me.code

    @staticmethod
    def _known(registry: reg.Registry, code: str) -> str:
        if clean(code) not in registry.units:
            raise NotFound(tr("There is no unit {code} in this data file.", code=code))
        return registry.current(clean(code))

    @staticmethod
    def _status_of(s: Session, registry: reg.Registry, top: str, year: int) -> str:
        has_data = top in listing.reported(s, registry, year, registry.codes_of(top))
        return signoff.effective(signoff.stored(s, top, year), has_data)
