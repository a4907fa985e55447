"""A field has one name wherever the officer reads it: the entry form's label beside it is also the name in
a Sync conflict's row, in a record's history, in an amendment request's row and in a problem message
(a help record's ``title`` is "Nội dung hỗ trợ" in all of them, an assessment's ``met`` "Kết quả").

The names are read off the real forms, built by the real main window, and compared with what the other
screens show; no name is written here twice."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import set_language
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.services.ledger.values import Help, ItemDraft
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.history_dialog import HistoryDialog
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.receiver.amendments import AmendmentsDialog
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE, RECEIVER_SYNC_PAGE
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.receiver import Province
from tests.helpers.records_example import example
from tests.helpers.sync import commune, trust
from tests.helpers.ui_forms import form_label
from tests.helpers.ui_help import open_help_page, when_modal
from tests.helpers.ui_receiver import Office, office_with, open_communes
from tests.helpers.ui_sync import YEAR, Offices, context, offices, settle

__all__ = ["offices"]  # the fixture

NEW_TITLE = "Bê tông hóa 60 m đường vào trường"
CEMENT = ItemDraft("material", Decimal("20"), "tấn", "Xi măng", 30_000_000)


def more_help(road: Help) -> dict[str, object]:
    """A help record's title, items, beneficiaries and funding source changed at once."""
    return {
        "title": NEW_TITLE,
        "items": (*road.items, CEMENT),
        "households": 45,
        "persons": 180,
        "funding_source": "community",
    }


def help_form_labels(qtbot, ctx: AppContext) -> dict[str, str]:
    """The help form's labels, from the form the officer opens with "Thêm" on the Help received page."""
    page = open_help_page(qtbot, ctx, YEAR)
    seen: dict[str, str] = {}

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpDialog)
        seen.update(title=form_label(dialog.title_edit), date=form_label(dialog.day))
        dialog.reject()

    when_modal(read)
    page.ledger.add_button.click()
    assert seen
    return seen


def result_form(qtbot, ctx: AppContext) -> tuple[str, dict[bool, str]]:
    """What the assessment form beside the tree of the Criteria page calls the result (``met``), and the
    words its choices give a met and a not met result."""
    page = open_page(ctx, YEAR, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CriteriaPage)
    settle(qtbot, ctx)
    page.select_code("2.1")
    assert page.editor.assess.isVisible()  # the form the officer types an indicator's result into
    box = page.editor.result
    return form_label(box), {met: box.itemText(box.findData(met)) for met in (True, False)}


def conflict_fields(qtbot, ctx: AppContext) -> dict[str, list[list[str]]]:
    """Each conflict on the receiving office's Sync page (by its title) → its rows (field, here, there)."""
    page = open_page(ctx, YEAR, RECEIVER_SYNC_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, SyncPage)
    settle(qtbot, ctx, lambda: page.loaded)
    panel = page.conflicts
    shown = {}
    for row in range(panel.list.count()):
        panel.list.setCurrentRow(row)
        shown[panel.list.item(row).text()] = panel.table.texts()
    return shown


def history_of(qtbot, ctx: AppContext, title: str) -> list[dict[str, tuple[str, str]]]:
    """The history of the help record ``title``, as its dialog on the Help received page shows it: each
    step (newest first) → its changed fields → (before, after), read off the lines "Field: before → after"."""
    page = open_help_page(qtbot, ctx, YEAR)
    table = page.ledger.table
    model = table.model()
    [row] = [
        r
        for r in range(model.rowCount())
        if any(model.index(r, c).data() == title for c in range(model.columnCount()))
    ]
    table.selectRow(row)
    shown: list[list[list[str]]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, HistoryDialog)
        qtbot.waitUntil(lambda: len(dialog.rows()) >= 2)
        shown.append(dialog.rows())
        dialog.reject()

    when_modal(look)
    page.ledger.history_button.click()
    settle(qtbot, ctx, lambda: bool(shown))
    steps = []
    for step in shown[0]:
        lines = (line.partition(": ") for line in step[3].splitlines())
        steps.append({field: tuple(rest.split(" → ")) for field, _, rest in lines})
    return steps  # type: ignore[return-value]


def problems_with(ws: Workspace, **changed: object) -> list[str]:
    """The problems a records file with a help record and an assessment so changed is refused with."""
    data = example()
    data["help"][0].update(changed.get("help", {}))  # type: ignore[arg-type]
    data["assessments"][0].update(changed.get("assessments", {}))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as caught:
        ws.records.import_data(data)
    return [str(p) for p in caught.value.problems]


def test_a_conflict_the_history_and_a_problem_name_fields_as_the_form_does(
    qtbot, offices: Offices, tmp_path: Path
) -> None:
    a, p = offices.commune, offices.province
    b = commune(tmp_path, "second-computer")  # the commune's second computer
    for x, y in ((a, b), (b, a), (a, p), (b, p)):
        trust(x, y)
    b.sync.import_bundles([a.sync.export(offices.usb).path])
    on_b = {"title": "Đường vào trường (máy 2)"}
    for ws, note in ((a, "Biên bản nghiệm thu"), (b, "")):
        [road] = ws.help.list(HelpFilter(YEAR))
        ws.help.update(road.uid, replace(road, **(more_help(road) if ws is a else on_b)))  # type: ignore[arg-type]
        ws.progress.record(YEAR, criterion="1", met=False, note=note or None)
    p.sync.import_bundles([a.sync.export(offices.usb).path, b.sync.export(offices.usb).path])
    b.close()

    labels = help_form_labels(qtbot, offices.commune_ctx)
    result, met_words = result_form(qtbot, offices.commune_ctx)
    assert (labels["title"], result) == ("Nội dung hỗ trợ", "Kết quả")  # the form is the reference

    conflicts = conflict_fields(qtbot, offices.province_ctx)
    [help_rows] = [rows for title, rows in conflicts.items() if title.startswith("Hỗ trợ đã nhận")]
    [assessment_rows] = [rows for title, rows in conflicts.items() if title.startswith("Đánh giá")]
    help_fields = {field: values for field, *values in help_rows}
    assert labels["title"] in help_fields and labels["date"] in help_fields
    assert {field: values for field, *values in assessment_rows}[result] == [met_words[False]] * 2

    # the same change, in the history of the computer that made it and in the conflict: the same words
    changed, created = history_of(qtbot, offices.commune_ctx, NEW_TITLE)
    a_side = help_fields[labels["title"]].index(NEW_TITLE)
    assert len(changed) >= 4, changed  # the title, the items, the households and people, the source
    for field, (before, after) in changed.items():  # the other computer's version is still as before
        sides = [before, after] if a_side else [after, before]
        if field == labels["title"]:  # the one both changed
            assert help_fields[field][a_side] == after
        else:
            assert help_fields[field] == sides, field
    assert "Xi măng 20 tấn (30.000.000 đ)" in changed["Tiền, hiện vật, ngày công đã nhận"][1]
    for field, (nothing, first) in created.items():  # what neither computer changed reads as it was made
        if field not in changed:
            assert (nothing, help_fields[field]) == ("—", [first, first]), field
    assert {labels["date"], "Đơn vị hỗ trợ"} <= created.keys() - changed.keys()  # a day and a supporter

    found = problems_with(a, help={"title": ""}, assessments={"met": "có"})
    assert any(f"Khoản hỗ trợ thứ 1 · {labels['title']}: " in text for text in found), found
    assert any(f"Đánh giá tiêu chí thứ 1 · {result}: " in text for text in found), found
    assert not offices.commune_errors and not offices.province_errors


def change_title_and_result(p: Province) -> None:
    """The province approved Xã Bằng Thành's 2025; the commune then changes indicator 2.1's result and a
    help record's title, items, beneficiaries and funding source, and sends its bundle: both wait as
    amendment requests."""
    o, c = p.office, p.communes[0]
    o.receiver.set_status("01234", YEAR, "reviewed")
    o.receiver.set_status("01234", YEAR, "approved")
    c.progress.record(YEAR, indicator="2.1", value="60", met=False)
    hall = c.help.list(HelpFilter(YEAR))[0]
    c.help.update(hall.uid, replace(hall, **more_help(hall)))  # type: ignore[arg-type]
    o.sync.import_bundles([c.sync.export(p.usb).path])


@pytest.fixture
def office(qapp, tmp_path: Path):
    yield from office_with(tmp_path, change_title_and_result)


def amendment_fields(qtbot, office: Office) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """Each request in Xã Bằng Thành's amendment requests (by its list text) → its summary line ("Thay
    đổi: …") and its rows (field → approved, proposed), as the clerk opens them from the communes list."""
    page = open_communes(qtbot, office)
    assert page.select("01234")
    page.amendments_button.click()
    dialog = page.amendments
    assert isinstance(dialog, AmendmentsDialog)
    settle(qtbot, office.ctx, lambda: dialog.loaded)
    said = {}
    for row in range(dialog.list.count()):
        dialog.list.setCurrentRow(row)
        said[dialog.list.item(row).text()] = (dialog.summary.text(), {f: v for f, *v in dialog.texts()})
    return said


@pytest.mark.parametrize(
    ("language", "words"), [("vi", ("Nội dung hỗ trợ", "Kết quả")), ("en", ("Help given", "Result"))]
)
def test_an_amendment_request_names_fields_as_the_form_does(
    qtbot, qapp, office: Office, tmp_path: Path, language: str, words: tuple[str, str]
) -> None:
    set_language(language)
    apply_language(qapp, language)
    try:
        commune_ctx, errors = context(office.province.communes[0], tmp_path)
        labels = help_form_labels(qtbot, commune_ctx)
        result, met_words = result_form(qtbot, commune_ctx)
        assert (labels["title"], result) == words  # the form, in the officer's language, is the reference

        said = amendment_fields(qtbot, office)
        [(help_summary, help_rows)] = [v for k, v in said.items() if k.startswith(NEW_TITLE)]
        [(assessment_summary, assessment_rows)] = [v for k, v in said.items() if not k.startswith(NEW_TITLE)]
        assert labels["title"] in help_rows and labels["title"] in help_summary
        assert result in assessment_rows and result in assessment_summary
        assert assessment_rows[result][1] == met_words[False]  # as the assessment form's choice says

        # the commune's history of the change reads as the clerk's request: same fields, same values
        changed = history_of(qtbot, commune_ctx, NEW_TITLE)[0]
        assert len(changed) >= 4, changed
        assert {field: list(values) for field, values in changed.items()} == {
            field: values for field, values in help_rows.items() if field in changed
        }
        commune_ctx.tasks.wait()
        assert not errors and not office.errors
    finally:
        apply_language(qapp, "vi")
