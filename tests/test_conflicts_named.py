"""Conflicts named in words on the command line (``bundle conflicts``), as the Sync page names them: the
list ("Hỗ trợ đã nhận"), the record by its title, two assessments of one indicator recorded on two
computers as such (not ``assessment-duplicate`` and two record ids), and whether the conflict is still
open — in Vietnamese and in English. The Sync page names the doubled assessment so too, its result in the
assessment form's words ("Chưa đạt")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.ui.pages.registry import RECEIVER_SYNC_PAGE
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.testing import open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import commune, receiver, trust
from tests.helpers.ui_sync import YEAR, context, record_a_little, settle


def two_computers_disagree(tmp_path: Path) -> Path:
    """A commune's two computers change one help record's title and each record indicator 2.1 anew; the
    province takes in both bundles: a help conflict and a doubled assessment. Its data file."""
    usb = tmp_path / "usb"
    usb.mkdir()
    a, p = commune(tmp_path), receiver(tmp_path)
    record_a_little(a)
    b = commune(tmp_path, "second-computer")
    for x, y in ((a, b), (b, a), (a, p), (b, p)):
        trust(x, y)
    b.sync.import_bundles([a.sync.export(usb).path])
    for ws, title, value in ((a, "Bê tông hóa 60 m đường", "60,5"), (b, "Đường vào trường (máy 2)", "61")):
        [road] = ws.help.list(HelpFilter(YEAR))
        ws.help.update(road.uid, replace(road, title=title))
        ws.progress.record(YEAR, indicator="2.1", value=value, met=False)
    p.sync.import_bundles([a.sync.export(usb).path, b.sync.export(usb).path])
    assert {c.kind for c in p.sync.conflicts()} == {"help", "assessment-duplicate"}
    path = p.path
    for ws in (a, b, p):
        ws.close()
    return path


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "vi",
            (
                "Hỗ trợ đã nhận",
                "Đánh giá ghi trùng",
                "chỉ tiêu 2.1",
                "chưa giải quyết",
                "xã Bằng Thành (01234)",
            ),
        ),
        (
            "en",
            (
                "Help received",
                "Assessment recorded twice",
                "indicator 2.1",
                "open",
                "xã Bằng Thành (01234)",
            ),
        ),
    ],
)
def test_the_conflicts_list_names_each_record_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, words: tuple[str, ...]
) -> None:
    db = str(two_computers_disagree(tmp_path))
    assert main(["--db", db, "--lang", language, "bundle", "conflicts"]) == 0
    out = capsys.readouterr().out
    help_list, doubled, indicator, still_open, commune_named = words
    [help_row] = [line for line in out.splitlines() if help_list in line]
    assert commune_named in help_row, out  # the commune by its place, not "01234" alone
    assert "Đường vào trường (máy 2)" in help_row or "Bê tông hóa 60 m đường" in help_row, out
    [doubled_row] = [line for line in out.splitlines() if doubled in line]
    assert indicator in doubled_row and "|" not in doubled_row, out
    assert "assessment-duplicate" not in out and f" {still_open}" in help_row, out


def test_the_sync_page_names_a_doubled_assessment_as_the_form_does(qtbot, qapp, tmp_path: Path) -> None:
    ws = Workspace.open(two_computers_disagree(tmp_path))
    ctx, errors = context(ws, tmp_path)
    try:
        page = open_page(ctx, YEAR, RECEIVER_SYNC_PAGE)
        qtbot.addWidget(page.window())
        assert isinstance(page, SyncPage)
        settle(qtbot, ctx, lambda: page.loaded)
        panel = page.conflicts
        titles = [panel.list.item(row).text() for row in range(panel.list.count())]
        [row] = [
            n
            for n, title in enumerate(titles)
            if title.startswith("Đánh giá ghi trùng · 2025 · chỉ tiêu 2.1")
        ]
        panel.list.setCurrentRow(row)
        rows = {field: values for field, *values in panel.table.texts()}
        assert rows["Kết quả"] == ["Chưa đạt", "Chưa đạt"], rows  # as the assessment form says it
        assert not errors
    finally:
        ctx.tasks.wait()
        ws.close()
