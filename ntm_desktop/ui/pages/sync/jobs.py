"""The Sync page's work on the database worker: plain values in, plain values out; no widget is touched.

Reading a bundle checks its signature and every member, and importing one writes it in one transaction:
both run off the GUI thread, bundle by bundle, reporting progress as they go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_desktop.core.changes import NOTHING, Changes
from ntm_desktop.core.errors import BundleRejected, NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.progress import cancelled, stop_point
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.sync.context import RECEIVER
from ntm_desktop.sync.labels import unit_label
from ntm_desktop.sync.preview import Preview
from ntm_desktop.sync.results import BundleOutcome, Gap
from ntm_desktop.sync.views import ReceiptResult
from ntm_desktop.ui.pages.sync.wording import TRUSTED, UNKNOWN_KEY
from ntm_desktop.ui.tasks import Report

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

BUNDLE_SUFFIX, KEY_SUFFIX = ".ntmsync", ".ntmkey"


@dataclass(frozen=True)
class Inspected:
    """A bundle as it would be imported now, and as it would be once its unknown key is trusted."""

    preview: Preview
    if_trusted: Preview | None = None

    @property
    def needs_trust(self) -> bool:
        """Only the key stands in the way: trusting it (after a phone call) lets the bundle in."""
        return (
            self.preview.sender.trust == UNKNOWN_KEY
            and self.if_trusted is not None
            and self.if_trusted.can_import
        )


@dataclass(frozen=True)
class Unreadable:
    path: Path
    error: NtmError


@dataclass(frozen=True)
class Inspection:
    found: tuple[Inspected, ...]
    unreadable: tuple[Unreadable, ...]


def inspect_files(ws: Workspace, paths: Sequence[Path], report: Report) -> Inspection:
    found, unreadable = [], []
    home = None if ws.settings.role == RECEIVER or not ws.unit.has_home() else ws.unit.home()
    for n, path in enumerate(paths):
        stop_point(report)  # only reading so far: stopping changes nothing
        report(n, len(paths), tr("Checking {file}…", file=path.name))
        try:
            preview = ws.sync.inspect(path)
            trusted = None
            if preview.sender.trust == UNKNOWN_KEY:
                trusted = ws.sync.inspect(path, trust_on_first_use=True)
        except NtmError as exc:
            unreadable.append(Unreadable(path, exc))
            continue
        if preview.kind == "receipt" and home is not None:
            preview = receipt_preview(preview, home)
            trusted = receipt_preview(trusted, home) if trusted else None
        found.append(Inspected(preview, trusted))
    found.sort(key=lambda i: (i.preview.sender.unit_code, i.preview.kind, i.preview.sequence))
    return Inspection(tuple(found), tuple(unreadable))


def receipt_preview(preview: Preview, home: UnitProfile) -> Preview:
    """A receipt as a commune takes it in (``import_receipt``): refused only when its signer is not trusted
    or it is addressed to another commune (said as the import says it)."""
    refusal = ""
    if preview.receiver != home.code:
        refusal = tr(
            "This receipt is addressed to {receiver}, not to this commune — {unit}. Nothing was changed.",
            receiver=unit_label(preview.receiver, preview.receiver_name)
            if preview.receiver
            else tr("no one"),
            unit=unit_label(home.code, home.name),
        )
    elif preview.sender.trust != TRUSTED:
        refusal = preview.sender.trust_message
    return replace(preview, refusal=refusal)


def rejection(unreadable: Sequence[Unreadable]) -> NtmError:
    """One error for the error dialog: the file's own error, or every file with its message."""
    if len(unreadable) == 1:
        return unreadable[0].error
    lines = [f"{u.path.name}: {u.error.message}" for u in unreadable]
    return BundleRejected(
        trn("{n} file could not be imported:", "{n} files could not be imported:", len(unreadable))
        + "\n"
        + "\n".join(lines)
    )


@dataclass(frozen=True)
class Chosen:
    """A bundle the officer chose to import, and whether to trust its (new) key while doing so."""

    path: Path
    kind: str
    trust_key: bool = False


@dataclass
class Applied:
    outcomes: list[BundleOutcome] = field(default_factory=list)
    receipts: list[ReceiptResult] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    changes: Changes = NOTHING
    not_started: int = 0
    """Files left out because the officer cancelled (the ones before stay imported)."""

    @property
    def rejected(self) -> list[BundleOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    @property
    def conflicts(self) -> int:
        return sum(c.conflict for o in self.outcomes for c in o.counts.values())


def apply_imports(ws: Workspace, chosen: Sequence[Chosen], report: Report) -> Applied:
    """Import each chosen bundle in a transaction of its own; a refused one does not stop the others."""
    done = Applied()
    for n, item in enumerate(chosen):
        if cancelled(report):  # a safe point: every bundle before this one is whole, in its transaction
            done.not_started = len(chosen) - n
            break
        report(n, len(chosen), tr("Importing {file}…", file=item.path.name))
        if item.kind == "receipt":
            try:
                receipt = ws.sync.import_receipt(item.path, trust_on_first_use=item.trust_key)
            except NtmError as exc:
                done.outcomes.append(BundleOutcome(item.path, "rejected", exc.message))
                continue
            done.receipts.append(receipt)
            done.changes = done.changes | receipt.changes
            continue
        result = ws.sync.import_bundles([item.path], trust_on_first_use=item.trust_key)
        done.outcomes += result.outcomes
        done.changes = done.changes | result.changes
    report(len(chosen), len(chosen), tr("Looking for missing bundles…"))
    done.gaps = ws.sync.gaps()
    return done
