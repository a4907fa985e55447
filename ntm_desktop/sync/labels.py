"""How units and lists are named in messages. A unit is named by
:func:`~ntm_desktop.core.units.unit_label` (in the core, so the services name a commune alike); the sync
modules import it from here."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import NATIONAL_CODE
from ntm_desktop.core.units import unit_label as unit_label  # re-exported: the sync modules name it here
from ntm_desktop.records.result import list_label

if TYPE_CHECKING:
    from ntm_desktop.sync.bundle.reader import VerifiedBundle


def bundle_kind_text(kind: str) -> str:
    """A bundle's kind (``records``, ``reverse`` …) as the Sync page and the refusals name it."""
    return {
        "records": tr("Data bundle"),
        "receipt": tr("Receipt"),
        "reverse": tr("Bundle sent back"),
        "rollup": tr("Province roll-up"),
        "recovery": tr("Recovery bundle"),
    }.get(kind, kind)


class Act(StrEnum):
    """What the officer asked of a bundle: the words of a refusal follow it."""

    IMPORT = "import"
    INSPECT = "inspect"  # bundle inspect and the Sync page's preview: nothing is imported


def refused_text(why: str, act: Act) -> str:
    """Why a bundle is refused (trust, address, kind), said as what became of it: refused with nothing
    imported — or, when it was only looked at, that importing it would be refused."""
    if act is Act.INSPECT:
        return tr("It would be refused: {reason}", reason=why)
    return tr("{why} The bundle was refused; nothing was imported.", why=why)


def sent_back(kind: str) -> bool:
    """A bundle a receiver writes for one commune (sent back, recovery, receipt): its ``unit`` is the
    commune it is addressed to, not its sender."""
    return kind in ("reverse", "recovery", "receipt")


def named_unit(code: str, name: str = "") -> str:
    """ "Xã Bằng Thành, mã 01234", or just "xã 01234" when the name is not known (never brackets in
    brackets: a name may hold its own, "Xã Bằng Thành (dữ liệu mẫu)")."""
    if not name:
        return unit_label(code)
    if code == NATIONAL_CODE:  # "00" is the app's placeholder, no official code to show
        return name
    return tr("{name}, code {code}", name=name, code=code)


def origin_name(bundle: VerifiedBundle) -> str:
    """The name a commune's bundle gives its maker (its profile's), or "" (an office's bundle, one sent
    back: their ``unit`` is not their sender)."""
    unit = None if sent_back(str(bundle.manifest.kind)) else bundle.head.get("unit")
    return str(unit.get("name") or "") if isinstance(unit, dict) else ""


def extra_label(name: str) -> str:
    labels = {
        "criteria_sets": tr("Criteria sets"),
        "corrections": tr("Correction requests"),
        "decisions": tr("Decisions on the years sent"),
        "recognitions": tr("Recognition decisions"),
        "bundles": tr("Communes' bundles"),  # a province's roll-up, at the national office
        "signoffs": tr("The province's sign-off decisions"),
        "amendments": tr("Amendment requests for approved years"),
        "assessment-duplicate": tr("Assessment recorded twice"),  # a Sync conflict's kind
    }
    return labels.get(name, list_label(name))


def short_device(device_id: str) -> str:
    """A computer's id as every screen, list and command shows it: its first eight characters
    ("3f9a2c1b"), as bundle file names carry it ("…-may-3f9a2c1b-…"), so what a clerk reads on the key
    card is what the history, the preview and the file names say (the whole id stays in ``--json`` and
    in the bundles' manifests)."""
    return device_id[:8]


def computer_label(device_id: str) -> str:
    """A sending computer by its short id (:func:`short_device`: "máy 3f9a2c1b"): each computer of a
    unit (a province office's clerks, a commune's second laptop) numbers its own bundles, so a number
    alone ("Gói số 1") does not tell two of that unit's bundles apart."""
    return tr("computer {device}", device=short_device(device_id))


def numbered(sequence: int, device_id: str, several: bool, clerk: str = "") -> str:
    """A bundle's number, the ``clerk`` who signed it when known, and when its unit sends from ``several``
    computers which one: "1 (máy 3f9a2c1b)", "1 (Nguyễn Thị Hà)", "1 (Nguyễn Thị Hà, máy 3f9a2c1b)"."""
    who = [clerk] if clerk else []
    who += [computer_label(device_id)] if several else []
    return f"{sequence} ({', '.join(who)})" if who else str(sequence)


def several_computers(senders: Iterable[tuple[str, str]]) -> set[str]:
    """The units among (unit, device id) pairs that sent from more than one computer."""
    seen: dict[str, set[str]] = {}
    for unit, device in senders:
        seen.setdefault(unit, set()).add(device)
    return {unit for unit, devices in seen.items() if len(devices) > 1}
