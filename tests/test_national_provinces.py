"""``ws.receiver.provinces(year)``, what the national office's "Các tỉnh" page shows (#14): every province,
the ones that have sent nothing too, with the same counts and help as ``summary --json``'s
``"provinces"``; a province office has one row, its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.core.units import PROVINCES
from ntm_desktop.receiver.provinces import ProvinceRow
from tests.helpers.national import national_workspace, rolled_up, trust_province
from tests.helpers.receiver import Province, province

__all__ = ["province"]  # fixture

YEAR = 2025


def as_summary(p: ProvinceRow) -> tuple[object, ...]:
    return (p.code, p.name, p.units, p.reported, p.approved, p.recognised, p.help_records, p.help_value_vnd)


def from_summary(p: dict[str, object]) -> tuple[object, ...]:
    help_ = p["help"]
    assert isinstance(help_, dict)
    return (p["code"], p["name"], p["units"], p["reported"], p["approved"], p["recognised"],
            help_["records"], help_["value_vnd"])  # fmt: skip


@pytest.mark.usefixtures("engine")
def test_the_provinces_agree_with_the_summary_and_name_those_that_sent_nothing(
    province: Province, tmp_path: Path
) -> None:
    office = province.office
    [own] = office.receiver.provinces(YEAR)
    assert as_summary(own) == from_summary(office.receiver.summary(YEAR)["provinces"][0])
    assert own.code == "19" and not own.sent  # a province office receives no roll-up

    national = national_workspace(tmp_path / "trung-uong")
    assert [p.code for p in national.receiver.provinces(YEAR)] == sorted(PROVINCES)
    trust_province(office, national, tmp_path)
    national.sync.import_bundles([rolled_up(office, tmp_path / "usb", YEAR - 1)])
    assert not {p.code: p for p in national.receiver.provinces(YEAR)}["19"].sent  # of 2024, not of 2025
    assert {p.code: p for p in national.receiver.provinces(YEAR - 1)}["19"].sent
    national.sync.import_bundles([rolled_up(office, tmp_path / "usb", YEAR)])
    rows = {p.code: p for p in national.receiver.provinces(YEAR)}
    assert len(rows) == len(PROVINCES)
    assert [from_summary(p) for p in national.receiver.summary(YEAR)["provinces"]] == [as_summary(rows["19"])]
    assert rows["19"].sent and rows["19"].units == 4 and rows["19"].reported == 3
    assert [c for c, p in rows.items() if not p.sent] == sorted(set(PROVINCES) - {"19"})
    assert rows["04"].units == 0 and rows["04"].help_value_vnd == 0
    national.close()
