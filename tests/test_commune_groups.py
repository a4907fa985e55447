"""The commune group belongs to a period: set per period, read for the year being judged, printed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.criteria.loading import parse_set
from ntm_desktop.reports import CommuneReport, make_report
from ntm_desktop.services.unit import with_current_group
from ntm_desktop.workspace import Workspace
from tests.helpers.criteria import PROVINCE_SET, province_set_2026
from tests.helpers.reports import pdf_text
from tests.helpers.units import SAMPLE_UNIT


def test_the_group_of_a_year_is_its_periods() -> None:
    p = replace(SAMPLE_UNIT, group=None, groups=(("2026-2030", 2), ("2031-2035", 1)))
    assert [p.group_for(y) for y in (2025, 2026, 2030, 2031)] == [None, 2, 2, 1]
    legacy = replace(SAMPLE_UNIT, group=3, groups=())  # a profile that never said a period
    assert legacy.group_for(2026) == 3


def test_the_single_group_becomes_the_group_of_the_current_period() -> None:
    p = with_current_group(replace(SAMPLE_UNIT, group=2, groups=()).cleaned(), 2027)
    assert (p.groups, p.group) == ((("2026-2030", 2),), 2)
    kept = with_current_group(replace(SAMPLE_UNIT, group=None, groups=(("2026-2030", 1),)).cleaned(), 2027)
    assert kept.group == 1
    before_groups = with_current_group(replace(SAMPLE_UNIT, group=2).cleaned(), 2024)  # a region set then
    assert before_groups.groups == ()


def test_bad_periods_are_refused_with_their_place() -> None:
    with pytest.raises(InvalidInput) as caught:
        replace(SAMPLE_UNIT, groups=(("2026", 2), ("2026-2030", 4), ("2028-2032", 1))).cleaned()
    assert [p.path for p in caught.value.problems] == ["unit.groups[0]", "unit.groups[1]", "unit.groups[2]"]


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_unit_group_period_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "xa.sqlite"
    code, _ = run(
        capsys, db, "init", "--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19",
        "--region", "TDMNPB", "--group", "3",
    )  # fmt: skip
    assert code == 0
    code, out = run(capsys, db, "unit", "--group", "2", "--period", "2026-2030")
    assert code == 0
    code, out = run(capsys, db, "unit", "--group", "1", "--period", "2031–2035")  # an en dash, as printed
    assert code == 0
    code, out = run(capsys, db, "unit", "--json")
    profile = json.loads(out)
    assert profile["groups"] == {"2026-2030": 2, "2031-2035": 1}  # stored as typed with a hyphen
    code, out = run(capsys, db, "unit")
    # printed as the rest of the app writes a period, with an en dash
    assert "Nhóm xã 2 giai đoạn 2026–2030" in out and "Nhóm xã 1 giai đoạn 2031–2035" in out
    code, out = run(capsys, db, "unit", "--group", "2", "--period", "2026")
    assert code == 3 and "2026-2030" in out


def test_a_2026_value_is_judged_by_the_group_of_2026_and_the_report_says_which(
    ws: Workspace, tmp_path: Path
) -> None:
    cs, _ = ws.criteria.save(parse_set(province_set_2026()), origin="file")
    ws.unit.set_group(2, "2026-2030")
    ws.progress.record(2026, indicator="2.1", value="80", set_id=PROVINCE_SET)
    (judged,) = [a for a in ws.progress.assessments(2026) if a.indicator == "2.1"]
    assert judged.met is False and judged.basis.startswith("≥ 90% (xã nhóm 2")  # group 2: ≥ 90 %
    ws.unit.set_group(3, "2026-2030")
    ws.progress.record(2026, indicator="2.1", value="80", set_id=PROVINCE_SET)
    (judged,) = [a for a in ws.progress.assessments(2026) if a.indicator == "2.1"]
    assert judged.met is True and judged.basis.startswith("≥ 70% (xã nhóm 3")  # group 3: ≥ 70 %
    assert cs.id == PROVINCE_SET
    ws.progress.record(2026, criterion="1", met=True)
    out = tmp_path / "bc.pdf"
    make_report(ws, CommuneReport(year=2026), out)
    assert "xã thuộc nhóm 3 (giai đoạn 2026–2030)" in pdf_text(out)
