"""A records file, the Excel sheet and the forms warn alike: a record is saved with the warnings its form's
save gives (an odd value, a criterion its year's set lacks, a supporter named as another already is) —
the records import sums them up after it, each naming its record; events and assignments warn of an
unknown criterion as help does."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from ntm_desktop.core.i18n import set_language
from ntm_desktop.records.excel import preview
from ntm_desktop.services.ledger import AssignmentDraft, EventDraft, SupporterDraft
from ntm_desktop.workspace import Workspace
from tests.helpers.cli import run
from tests.helpers.records_example import EXAMPLE
from tests.test_ledger_years import SET_2025, SUPPORTER, _sheet

UNKNOWN_99 = f"Tiêu chí 99 không có trong {SET_2025} (năm 2025)."


def _file(tmp_path: Path) -> Path:
    """The example file with seven help records and an event naming criterion 99 in 2025, and a second
    supporter called as the first."""
    data = copy.deepcopy(EXAMPLE)
    first = data["help"][0]
    data["help"] = [
        dict(copy.deepcopy(first), id=f"h-{n}", date=f"2025-03-{n:02d}", criteria=["99"]) for n in range(1, 8)
    ]
    data["supporters"].append({"id": "snv-2", "name": data["supporters"][0]["name"], "kind": "agency"})
    data["events"] = [{"id": "ev-1", "date": "2025-04-01", "title": "Hội nghị", "criteria": ["99", "2"]}]
    path = tmp_path / "ghi-chep.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_records_import_sums_up_the_warnings_its_records_are_saved_with(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, path = str(tmp_path / "xa.sqlite"), str(_file(tmp_path))
    code, out, _ = run(capsys, "--db", db, "records", "import", path)
    assert code == 0, out
    lines = out.splitlines()
    at = lines.index("10 điều cần lưu ý (các bản ghi đã được lưu như trong tệp; hãy kiểm tra):")
    same = "Đã có đơn vị hỗ trợ tên Sở Nội vụ tỉnh Bắc Kạn (mã {id}): nếu là cùng một đơn vị"
    assert lines[at + 1].startswith("  Đơn vị hỗ trợ thứ 1 (mã so-noi-vu): " + same.format(id="snv-2")), out
    assert lines[at + 2].startswith("  Đơn vị hỗ trợ thứ 2 (mã snv-2): " + same.format(id="so-noi-vu")), out
    assert lines[at + 3 : at + 7] == [
        f"  Khoản hỗ trợ thứ {n} (mã h-{n}): {UNKNOWN_99}" for n in (1, 2, 3)
    ] + ["  và 5 điều cần lưu ý nữa (--json liệt kê đủ)"], out
    code, out, _ = run(capsys, "--db", db, "records", "import", path, "--dry-run")  # all unchanged now
    assert code == 0 and "lưu ý" not in out, out


def test_the_json_result_lists_every_warning_and_a_dry_run_says_the_file_can_still_be_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, path = str(tmp_path / "xa.sqlite"), str(_file(tmp_path))
    code, out, _ = run(capsys, "--db", db, "--lang", "en", "records", "import", path, "--dry-run")
    assert code == 0 and "10 warnings (the file can still be imported; check them):" in out, out
    assert "  Help record 7 (id h-7): Criterion 99 is not in the set used for 2025" not in out  # 5 shown
    code, out, _ = run(capsys, "--db", db, "records", "import", path, "--json")
    warned = json.loads(out)["warnings"]
    assert len(warned) == 10 and warned[-1] == {
        "path": "events[0].criteria",
        "id": "ev-1",
        "message": UNKNOWN_99,  # 2 is in the set: only 99 is named
    }


def test_an_excel_row_dated_in_the_future_is_warned_of_in_its_row_as_a_form_would(
    ws: Workspace, tmp_path: Path
) -> None:
    """The Excel preview's warnings come from the records import's (one path): the plausibility check a
    form makes included."""
    set_language("vi")
    ws.supporters.add(SupporterDraft(SUPPORTER))
    pv = preview(ws, _sheet(tmp_path, {"date": "15/03/2099"}, {"date": "16/03/2024", "criteria": "99"}))
    assert pv.ok, pv.text()
    said = [str(w) for w in pv.warnings]
    assert said[0] == "dòng 2: Ngày nhận: ngày 15/03/2099 ở tương lai. Hãy kiểm tra lại năm.", said
    assert said[1].startswith("dòng 3, cột “Phục vụ tiêu chí”: Tiêu chí 99 không có trong"), said
    assert len(said) == 2, said


def test_an_event_or_an_assignment_naming_a_criterion_its_years_set_lacks_is_saved_with_a_warning(
    ws: Workspace,
) -> None:
    sup = ws.supporters.add(SupporterDraft(SUPPORTER)).ids[0]
    added = ws.events.add(EventDraft(date(2025, 4, 1), "Hội nghị", criteria=("99", "2")))
    assert added.notes == (UNKNOWN_99,)
    assert (
        ws.events.update(added.ids[0], EventDraft(date(2025, 4, 1), "Hội nghị", criteria=("2",))).notes == ()
    )
    starts_2027 = AssignmentDraft(sup, "12/QĐ-UBND", start=date(2027, 1, 1), criteria=("17", "2"))
    assert (
        ws.assignments.add(starts_2027).notes[-1].startswith("Tiêu chí 17 không có trong")
    )  # after "in the future"
    # without a start, the year it is signed
    signed = AssignmentDraft(sup, "13/QĐ-UBND", document_date=date(2025, 5, 2), criteria=("99",))
    assert ws.assignments.add(signed).notes == (UNKNOWN_99,)
