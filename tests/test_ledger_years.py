"""A record dated in a year the app does not show (it shows 2000–2100) is refused wherever it is entered —
the command line, a form's service call, the Excel sheet, a bundle from another computer — by name, with
nothing saved; and help naming a criterion its year's set lacks is saved with a warning on local entry
(the quick lanes' side of the dates: tests/test_help_fast.py and tests/test_typed_lane.py)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QDate

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import set_language
from ntm_desktop.export.xlsx.layout import COLUMNS, LEDGER_SHEET
from ntm_desktop.records.excel import preview
from ntm_desktop.services.ledger import (
    AssignmentDraft,
    CadreDraft,
    EventDraft,
    HelpDraft,
    ItemDraft,
    SupporterDraft,
)
from ntm_desktop.workspace import Workspace
from tests.helpers.cli import commune_file, run
from tests.helpers.dbstate import dump

SUPPORTER = "Sở Nội vụ tỉnh Bắc Kạn"
SET_2025 = "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return commune_file(tmp_path, capsys, SUPPORTER)


def add_help(capsys: pytest.CaptureFixture[str], db: str, day: str, *more: str) -> tuple[int, str, str]:
    return run(capsys, "--db", db, "ho-tro", "add", "--date", day, "--supporter", SUPPORTER,
               "--title", "Tiền mặt", "--item", "cash;;1000000;đồng;", *more)  # fmt: skip


# ---- a date outside the app's years ----------------------------------------------------------------


@pytest.mark.parametrize("day", ["2101-01-01", "1999-12-31"])
def test_the_cli_refuses_help_dated_outside_the_years_and_saves_nothing(
    db: str, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    before = dump(db)
    code, out, err = add_help(capsys, db, day)
    assert code != 0 and not out
    assert "Ngày nhận: phải trong các năm 2000–2100" in err
    assert dump(db) == before


def test_the_first_and_last_days_of_the_years_are_saved_and_shown_in_their_year(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for day, year in (("2000-01-01", "2000"), ("2100-12-31", "2100")):
        assert add_help(capsys, db, day)[0] == 0
        code, out, _ = run(capsys, "--db", db, "ho-tro", "totals", "--year", year, "--json")
        assert code == 0 and '"records": 1' in out, out


@pytest.mark.parametrize("day", [date(2101, 1, 1), date(1999, 12, 31)])
def test_every_dated_record_is_refused_outside_the_years_by_its_field(ws: Workspace, day: date) -> None:
    """The services the forms call: help, events, cadres and assignments, each date named as its form
    names it, nothing saved."""
    sup = ws.supporters.add(SupporterDraft(SUPPORTER)).ids[0]
    cash = ItemDraft("cash", Decimal(1_000_000), "đồng")
    attempts: list[tuple[Any, str]] = [
        (lambda: ws.help.add(HelpDraft(day, "Tiền mặt", (sup,), (cash,))), "Ngày nhận"),
        (lambda: ws.events.add(EventDraft(day, "Hội nghị")), "date"),
        (lambda: ws.cadres.add(CadreDraft("Lò Văn Hùng", start=day)), "start"),
        (lambda: ws.cadres.add(CadreDraft("Lò Văn Hùng", end=day)), "end"),
        (lambda: ws.assignments.add(AssignmentDraft(sup, "12/QĐ-UBND", document_date=day)), "document_date"),
        (lambda: ws.assignments.add(AssignmentDraft(sup, "12/QĐ-UBND", start=day)), "start"),
    ]
    before = dump(ws.path)
    for attempt, field in attempts:
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert [p.message for p in refused.value.problems] == ["phải trong các năm 2000–2100"], field
        assert [p.path for p in refused.value.problems] in (["date"], [field]), field
    assert dump(ws.path) == before
    assert ws.help.years() == []


def _sheet(tmp_path: Path, *lines: dict[str, Any]) -> Path:
    book = Workbook()
    ledger = book.active
    assert ledger is not None
    ledger.title = LEDGER_SHEET
    ledger.append([c.header for c in COLUMNS])
    for line in lines:
        full = {"supporters": SUPPORTER, "title": "Tiền mặt", "kind": "tiền mặt", "quantity": 1_000_000,
                "unit": "đồng"} | line  # fmt: skip
        ledger.append([full.get(c.key) for c in COLUMNS])
    path = tmp_path / "so.xlsx"
    book.save(path)
    return path


def test_an_excel_row_dated_outside_the_years_is_named_by_its_cell(ws: Workspace, tmp_path: Path) -> None:
    ws.supporters.add(SupporterDraft(SUPPORTER))
    pv = preview(ws, _sheet(tmp_path, {"date": "01/05/2101"}, {"date": "15/03/2024"}, {"date": "01/05/1990"}))
    assert not pv.ok
    said = [str(p) for p in pv.problems]
    assert len(said) == 2 and all("“Ngày nhận”" in s and "phải trong các năm 2000–2100" in s for s in said)
    assert "dòng 2" in said[0] and "dòng 4" in said[1]


def test_a_bundle_with_help_dated_outside_the_years_is_refused_by_either_lane(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """The typed lane doubts such a date; the careful path refuses the bundle naming it; nothing is
    written."""
    from ntm_desktop.core.fieldlabels import label
    from ntm_desktop.sync import importing
    from ntm_desktop.sync.keys.pairs import generate_private_key
    from tests.helpers.bundles import fixed_clock, make_bundle
    from tests.helpers.sync import receiver
    from tests.test_help_fast import _payload
    from tests.test_help_fast import record as help_record

    rng = random.Random(2101)
    from ntm_desktop.services.kinds.help_fast import help_drafts

    plain = [r for r in (help_record(rng, n) for n in range(40)) if help_drafts([r]) is not None][:5]
    plain[3]["date"] = "2101-01-01"
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = make_bundle(usb, generate_private_key(), payload=_payload(rng, fixed_clock(), plain), files={})
    for name in ("typed", "careful"):
        if name == "careful":
            monkeypatch.setattr(importing, "_typed_plan", lambda *_: False)
        ws = receiver(tmp_path, name)
        before = dump(ws.path)
        outcome = ws.sync.import_bundles([bundle], trust_on_first_use=True).outcomes[0]
        assert outcome.status == "rejected", name
        assert label("date", within="help") in outcome.message and "2000–2100" in outcome.message, name
        assert dump(ws.path) == before, name
        ws.close()


def test_the_help_forms_date_box_offers_only_the_years(qapp: Any) -> None:
    from ntm_desktop.ui.widgets.forms import date_edit

    edit = date_edit(date(2025, 3, 8))
    assert (edit.minimumDate(), edit.maximumDate()) == (QDate(2000, 1, 1), QDate(2100, 12, 31))


# ---- a criterion the year's set lacks --------------------------------------------------------------


def test_the_cli_saves_help_with_an_unknown_criterion_and_warns_by_the_years_set(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = add_help(capsys, db, "2025-03-08", "--criterion", "99", "--criterion", "17")
    assert code == 0 and out.startswith("Đã lưu")
    assert f"Lưu ý: Tiêu chí 99 không có trong {SET_2025} (năm 2025)." in err
    code, out, _ = run(capsys, "--db", db, "ho-tro", "totals", "--year", "2025", "--json")
    assert '"records": 1' in out
    code, _, err = add_help(capsys, db, "2025-03-09", "--criterion", "17")
    assert code == 0 and not err  # a criterion of the set: nothing to say
    code, _, err = add_help(capsys, db, "2027-03-09", "--criterion", "17")  # 2026–2030 has 10
    assert code == 0 and "Tiêu chí 17 không có trong" in err and "giai đoạn 2026–2030 (năm 2027)." in err


def test_a_form_save_warns_of_an_unknown_criterion_in_english_too(ws: Workspace) -> None:
    sup = ws.supporters.add(SupporterDraft(SUPPORTER)).ids[0]
    cash = ItemDraft("cash", Decimal(1_000_000), "đồng")
    draft = HelpDraft(date(2025, 3, 8), "Tiền mặt", (sup,), (cash,), criteria=("99", "98"))
    added = ws.help.add(draft)
    assert added.notes == (f"Tiêu chí 99, 98 không có trong {SET_2025} (năm 2025).",)
    set_language("en")
    try:
        changed = ws.help.update(
            added.ids[0], HelpDraft(date(2025, 3, 8), "Tiền", (sup,), (cash,), criteria=("99",))
        )
        assert changed.notes == (
            "Criterion 99 is not in the set used for 2025: "
            "National criteria for new-rural communes, 2021–2025.",
        )
    finally:
        set_language("vi")
    assert ws.help.update(added.ids[0], HelpDraft(date(2025, 3, 8), "Tiền", (sup,), (cash,))).notes == ()


def test_an_excel_row_with_an_unknown_criterion_is_a_warning_in_its_cell(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.supporters.add(SupporterDraft(SUPPORTER))
    pv = preview(
        ws,
        _sheet(tmp_path, {"date": "15/03/2024", "criteria": "99"}, {"date": "16/03/2024", "criteria": "17"}),
    )
    assert pv.ok and pv.counts["help"].created == 2
    said = [str(w) for w in pv.warnings]
    assert len(said) == 1 and "dòng 2" in said[0] and "“Phục vụ tiêu chí”" in said[0], said
    assert said[0].endswith(f"Tiêu chí 99 không có trong {SET_2025} (năm 2024).")


def test_a_bundle_with_an_unknown_criterion_imports_without_a_word(tmp_path: Path) -> None:
    """A commune's help may serve another period's criterion: its bundle is taken as it is."""
    from ntm_desktop.services.kinds.help_fast import help_drafts
    from ntm_desktop.sync.keys.pairs import generate_private_key
    from tests.helpers.bundles import fixed_clock, make_bundle
    from tests.helpers.sync import receiver
    from tests.test_help_fast import _payload
    from tests.test_help_fast import record as help_record

    rng = random.Random(99)
    plain = [r for r in (help_record(rng, n) for n in range(40)) if help_drafts([r]) is not None][:5]
    plain[2]["criteria"] = ["99"]
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = make_bundle(usb, generate_private_key(), payload=_payload(rng, fixed_clock(), plain), files={})
    ws = receiver(tmp_path)
    outcome = ws.sync.import_bundles([bundle], trust_on_first_use=True).outcomes[0]
    assert (
        outcome.status == "imported" and "Tiêu chí 99" not in outcome.message
    )  # a key fingerprint may hold 99
    ws.close()
