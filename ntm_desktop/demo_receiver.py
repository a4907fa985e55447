"""The receiving unit's side of the demo: ``ntm-desktop demo --receiver``.

The province's coordination office (code 19) gets its own data file; three sample communes get theirs in
sub-folders beside it (Xã Bằng Thành as in ``ntm-desktop demo``, and two smaller ones that meet fewer
criteria), each writes its bundle into ``demo-usb/`` as it would onto a USB stick, and a fourth commune
is expected but never reports. The office trusts the communes' keys (as after the phone call that
checks them), but the bundles are not imported: taking them in on the Sync page is the user's first step.

Running it again reuses what is there: the communes are filled the same way (records-v1 imports change
nothing the second time) and a commune that already has a bundle in ``demo-usb/`` does not write another.
"""

from __future__ import annotations

import copy
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_desktop import demo
from ntm_desktop.core.errors import Conflict
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.paths import DB_FILENAME
from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.reader import peek_manifest
from ntm_desktop.workspace import Workspace

RECEIVER_CODE = "19"
RECEIVER_NAME = "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"
RECEIVER_PARENT = "UBND tỉnh Thái Nguyên"
RECEIVER_PLACE = "Thái Nguyên"
SIGNER, SIGNER_TITLE = "Nguyễn Thị Hà", "Chánh Văn phòng"
YEAR = 2025
"""The year the demo is about: every sample commune has assessed it."""

USB_FOLDER = "demo-usb"
COMMUNES_FOLDER = "demo-xa"
NOT_REPORTING = ("01267", "Xã Cao Kỳ (dữ liệu mẫu)")


@dataclass(frozen=True)
class SmallCommune:
    """A commune built from the sample's records: its own name, villages and signer, fewer help
    records, and ``unmet`` criteria of 2021–2025 not met in 2025."""

    code: str
    name: str
    villages: tuple[str, ...]
    chairman: str
    unmet: frozenset[str]
    help_ids: tuple[str, ...]
    cash_factor: int = 1

    def profile(self) -> UnitProfile:
        return UnitProfile(
            code=self.code,
            name=self.name,
            province_code=RECEIVER_CODE,
            province_name="Thái Nguyên",
            region="TDMNPB",
            group=3,
            villages=self.villages,
            officers=(Officer(self.chairman, "Chủ tịch UBND xã", "TM", True),),
        )


SMALL = (
    SmallCommune(
        "01240",
        "Xã Nghiên Loan (dữ liệu mẫu)",
        ("Nà Dăm", "Khuổi Luông", "Pác Giả"),
        "Hà Văn Quân",
        frozenset({"17", "19"}),
        ("h-2022-nha", "h-2023-tet", "h-2024-duong-noi-dong", "h-2025-nha-van-hoa"),
        2,
    ),
    SmallCommune(
        "01252",
        "Xã Cổ Linh (dữ liệu mẫu)",
        ("Nà Vài", "Bản Sáng"),
        "Lý Thị Mai",
        frozenset({"6", "11", "13", "17", "19"}),
        ("h-2022-kham", "h-2025-xoa-nha-tam"),
        1,
    ),
)


@dataclass
class DemoReceiver:
    """What was made: the office's data file, the bundles waiting in ``usb`` and the expected communes."""

    path: Path
    usb: Path
    communes: list[Path] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)
    expected: list[tuple[str, str]] = field(default_factory=list)


def small_document(c: SmallCommune) -> dict[str, Any]:
    """The sample's records-v1 document narrowed to ``c``."""
    doc = copy.deepcopy(demo.document())
    doc["unit"] = unit_doc(c.profile().cleaned())
    doc["help"] = [h for h in doc["help"] if h["id"] in c.help_ids]
    for h in doc["help"]:
        h.pop("village", None)  # the sample's villages are not this commune's
        for item in h["items"]:
            if item["kind"] == "cash":
                item["quantity"] = item["value_vnd"] = item["quantity"] * c.cash_factor
    used = {s for h in doc["help"] for s in h["supporters"]}
    doc["supporters"] = [s for s in doc["supporters"] if s["id"] in used]
    doc["assignments"] = [a for a in doc["assignments"] if a["supporter"] in used]
    doc["cadres"] = [x for x in doc["cadres"] if x["supporter"] in used]
    doc["events"] = []
    for a in doc["assessments"]:
        criterion = str(a.get("indicator") or a.get("criterion") or "").split(".")[0]
        if a["year"] == YEAR and criterion in c.unmet:
            a["met"] = False
            if isinstance(a.get("value"), bool):
                a["value"] = False
    return doc


def _commune_path(root: Path, code: str) -> Path:
    return root / COMMUNES_FOLDER / code / DB_FILENAME


def _fill_commune(path: Path, small: SmallCommune | None) -> Workspace:
    ws = Workspace.open(path)
    try:
        if small is None:
            demo.fill_demo(ws)
            return ws
        code = ws.unit.home_code()
        if code is not None and code != small.code:
            raise Conflict(tr("{path} holds another commune ({code}).", path=str(path), code=code))
        profile = small.profile().cleaned()
        if code is None or ws.unit.home() != profile:
            ws.unit.setup(profile)
        ws.records.import_data(small_document(small))
        return ws
    except BaseException:
        ws.close()
        raise


def _trust_each_other(c: Workspace, office: Workspace) -> None:
    """Both sides trust the other's key, as after the phone call that checks the fingerprints."""
    with tempfile.TemporaryDirectory(prefix="ntm-demo-keys-") as folder:
        for signer, truster in ((c, office), (office, c)):
            card = Path(folder) / f"{signer.device_id}.ntmkey"
            signer.sync.keys.export(card)
            truster.sync.keys.trust(card)


def _set_up_office(office: Workspace) -> None:
    code = office.unit.home_code()
    if code is not None:
        raise Conflict(
            tr(
                "{path} already holds commune {code}. Put the receiving unit's demo in a new folder: "
                "ntm-desktop --data-dir demo-tinh demo --receiver",
                path=str(office.path),
                code=code,
            )
        )
    if office.receiver.is_receiver():
        current = office.receiver.info().code
        if current and current != RECEIVER_CODE:
            raise Conflict(
                tr(
                    "{path} is already the data file of receiving unit {code}. Put the demo in a new "
                    "folder: ntm-desktop --data-dir demo-tinh demo --receiver",
                    path=str(office.path),
                    code=current,
                )
            )
    demo.mark_sample(office)
    office.receiver.configure(
        level="province",
        code=RECEIVER_CODE,
        name=RECEIVER_NAME,
        parent=RECEIVER_PARENT,
        place=RECEIVER_PLACE,
        signer_name=SIGNER,
        signer_title=SIGNER_TITLE,
    )


def _sent_by(usb: Path, code: str) -> list[Path]:
    """The bundles already on the demo's USB folder from commune ``code`` (by their manifests, not names)."""
    found = []
    for path in sorted(usb.glob("*.ntmsync")):
        manifest = peek_manifest(path)
        if manifest is not None and manifest.origin_unit_code == code and manifest.kind == BundleKind.RECORDS:
            found.append(path)
    return found


def build(path: Path) -> DemoReceiver:
    """Make the receiving unit's demo with its data file at ``path`` (see the module's text)."""
    root = path.parent
    made = DemoReceiver(path, root / USB_FOLDER)
    office = Workspace.open(path)
    try:
        _set_up_office(office)
        made.usb.mkdir(parents=True, exist_ok=True)
        for small in (None, *SMALL):
            code = demo.CODE if small is None else small.code
            c = _fill_commune(_commune_path(root, code), small)
            try:
                _trust_each_other(c, office)
                made.communes.append(c.path)
                made.expected.append((code, c.unit.home().name))
                sent = _sent_by(made.usb, code)
                made.bundles += sent or [c.sync.export(made.usb, full=True).path]
            finally:
                c.close()
        made.expected.append(NOT_REPORTING)
        office.receiver.expect_units(made.expected)
    finally:
        office.close()
    return made


def instructions(made: DemoReceiver) -> str:
    """What was made and what to do next, for the terminal: the steps a province clerk takes in a year."""
    sent = len(made.bundles)
    lines = [
        tr("Sample province office ready: {name}, code {code}.", name=RECEIVER_NAME, code=RECEIVER_CODE),
        "  " + tr("Data file: {path}", path=str(made.path)),
        "  "
        + tr(
            "{count} communes are to report for {year}: {sent} have sent their bundles, {missing} not yet.",
            count=len(made.expected),
            year=YEAR,
            sent=sent,
            missing=len(made.expected) - sent,
        ),
        "  " + tr("Their bundles, as if brought on a USB stick, are in {folder}:", folder=str(made.usb)),
        *(f"    {p.name}" for p in made.bundles),
        "",
        tr("What to do next:"),
        tr(
            "1. On the Sync page: drag the .ntmsync files from {folder} onto the page, look, then import.",
            folder=USB_FOLDER,
        ),
        tr(
            "2. On the Communes page ({year}): mark a commune as reviewed, then approve it; return another "
            "for correction, with the reason and the indicator to correct.",
            year=YEAR,
        ),
        tr(
            "3. On the Sync page again: Send a bundle back to a commune… for each commune, so it sees your "
            "decisions."
        ),
        tr("4. On the Reports page: make the {year} summary report of all communes.", year=YEAR),
    ]
    return "\n".join(lines)
