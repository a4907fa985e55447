"""Builders for the receiver tests: demo-like communes (the sample commune's records under other codes,
with their own figures), a province office that trusts them, and sums of what each commune sees."""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop import demo
from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import commune, receiver, trust

PROVINCE_NAME = "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"


def profile(code: str, name: str, predecessors: tuple[str, ...] = ()) -> UnitProfile:
    return UnitProfile(
        code=code,
        name=name,
        province_code="19",
        region="TDMNPB",
        group=3,
        predecessors=predecessors,
        officers=(Officer("Hoàng Văn Minh", "Chủ tịch UBND xã", "TM", True),),
    )


COMMUNES = (
    profile("01234", "Xã Bằng Thành"),
    profile("01240", "Xã Nghiên Loan"),
    profile("01252", "Xã Cổ Linh"),
)
NOT_REPORTING = ("01267", "Xã Cao Kỳ")


def sample(p: UnitProfile, variant: int) -> dict[str, Any]:
    """The demo commune's records for ``p``: variant 0 as shipped; others give more cash and meet
    fewer criteria (``variant`` criteria of 2025 not met), so no two communes add up alike."""
    doc = copy.deepcopy(demo.document())
    doc["unit"] = unit_doc(p.cleaned())
    for h in doc["help"]:
        for item in h["items"]:
            if item["kind"] == "cash":
                item["quantity"] = item["value_vnd"] = item["quantity"] * (variant + 1)
    unmet = {str(n) for n in range(19, 19 - variant, -1)}
    for a in doc["assessments"]:
        code = str(a.get("indicator") or a.get("criterion") or "").split(".")[0]
        if a["year"] == 2025 and code in unmet:
            a["met"] = False
    return doc


_BUILT: dict[tuple[UnitProfile, int], Path] = {}


def demo_commune(tmp_path: Path, p: UnitProfile, variant: int = 0) -> Workspace:
    """The commune's folder (data file and key) is built once per test session, then copied."""
    if (p, variant) not in _BUILT:
        root = Path(tempfile.mkdtemp(prefix="ntm-demo-commune-"))
        ws = commune(root, p.code, p)
        result = ws.records.import_data(sample(p, variant))
        assert result.changed
        ws.close()
        _BUILT[(p, variant)] = root / p.code
    target = tmp_path / p.code
    shutil.copytree(_BUILT[(p, variant)], target)
    return Workspace.open(target / "ntm.sqlite")


def paired(c: Workspace, r: Workspace) -> None:
    trust(c, r)
    trust(r, c)


@dataclass
class Province:
    office: Workspace
    communes: list[Workspace]
    usb: Path

    def send_all(self) -> None:
        paths = [c.sync.export(self.usb).path for c in self.communes]
        report = self.office.sync.import_bundles(paths)
        assert [o.status for o in report.outcomes] == ["imported"] * len(paths), report.outcomes


def make_province(tmp_path: Path) -> Province:
    usb = tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    office = receiver(tmp_path, "office")
    office.receiver.configure(
        level="province",
        name=PROVINCE_NAME,
        signer_name="Nguyễn Thị Hà",
        signer_title="Chánh Văn phòng",
    )
    communes = [demo_commune(tmp_path, p, i) for i, p in enumerate(COMMUNES)]
    for c in communes:
        paired(c, office)
    office.receiver.expect_units([(p.code, p.name) for p in COMMUNES] + [NOT_REPORTING])
    return Province(office, communes, usb)


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Province]:
    built = make_province(tmp_path)
    built.send_all()
    yield built
    for ws in (built.office, *built.communes):
        ws.close()


def _add(into: dict[str, Any], key: str, value: Any) -> None:
    into[key] = into.get(key, 0) + value


def summed(totals: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Several records-v1 totals objects added up by hand (items matched as records-v1 says)."""
    out: dict[str, Any] = {"records": 0, "value_vnd": 0, "by_kind": {}, "items": {}}
    for t in totals:
        out["records"] += t["records"]
        out["value_vnd"] += t["value_vnd"]
        for kind, k in t["by_kind"].items():
            into = out["by_kind"].setdefault(kind, {"value_vnd": 0, "quantities": {}})
            into["value_vnd"] += k["value_vnd"]
            for unit, q in k["quantities"].items():
                _add(into["quantities"], unit, Decimal(str(q)))
        for i in t["items"]:
            key = (i["kind"], i["name"].casefold(), i["unit"].casefold())
            row = out["items"].setdefault(key, {"quantity": Decimal(0), "value_vnd": 0})
            row["quantity"] += Decimal(str(i["quantity"]))
            row["value_vnd"] += i["value_vnd"]
    return out


def comparable(t: dict[str, Any]) -> dict[str, Any]:
    """A totals object in the shape :func:`summed` gives, to compare the two."""
    return summed([t])
