"""The help form's evidence files: saved files listed, files added and removed, all saved with the record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from ntm_desktop.services.ledger.choices import load_choices
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, fill_road_help, road_draft, settle, ui

__all__ = ["ui"]  # the fixture


def photo(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(name.encode() * 100)
    return path


def texts(dialog: HelpDialog) -> list[str]:
    return [dialog.evidence.list.item(i).text() for i in range(dialog.evidence.list.count())]


def test_a_correction_adds_one_file_and_removes_another(qtbot, ui, tmp_path: Path, monkeypatch) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    old, new = photo(tmp_path, "anh-cu.jpg"), photo(tmp_path, "bien-ban.pdf")
    uid = ctx.ws.help.add(road_draft(noi_vu), evidence=[old]).ids[0]
    dialog = HelpDialog(ctx, load_choices(ctx.ws, 2019), ctx.ws.help.get(uid))
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, ctx, lambda: dialog.evidence.list.count() == 1)
    assert texts(dialog)[0].startswith("anh-cu.jpg")
    assert dialog.evidence.remove_button.isVisible() and not dialog.evidence.remove_button.isEnabled()

    monkeypatch.setattr(dialog.evidence, "choose_files", lambda: [new])
    qtbot.mouseClick(dialog.evidence.attach_button, Qt.MouseButton.LeftButton)
    assert texts(dialog)[1] == "bien-ban.pdf  (sẽ lưu cùng bản ghi)"
    assert [f.filename for f in ctx.ws.help.evidence(uid)] == ["anh-cu.jpg"]  # nothing saved yet
    dialog.evidence.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.evidence.remove_button, Qt.MouseButton.LeftButton)
    assert len(texts(dialog)) == 1 and texts(dialog)[0].startswith("bien-ban.pdf")

    dialog.save_button.click()
    settle(qtbot, ctx, lambda: dialog.changes is not None)
    assert [f.filename for f in ctx.ws.help.evidence(uid)] == ["bien-ban.pdf"]
    assert not errors


def test_a_new_record_is_saved_with_its_files(qtbot, ui, tmp_path: Path, monkeypatch) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    dialog = HelpDialog(ctx, load_choices(ctx.ws, 2019), day=date(2019, 12, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    fill_road_help(dialog, qtbot)
    assert dialog.evidence.empty.isVisible()
    monkeypatch.setattr(dialog.evidence, "choose_files", lambda: [photo(tmp_path, "ban-giao.jpg")])
    dialog.evidence.attach_button.click()
    dialog.save_button.click()
    settle(qtbot, ctx, lambda: dialog.changes is not None)
    assert dialog.changes is not None
    assert [f.filename for f in ctx.ws.help.evidence(dialog.changes.ids[0])] == ["ban-giao.jpg"]
    assert not errors
