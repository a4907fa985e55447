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


def test_open_shows_the_real_type_and_asks_before_running_a_program(
    qtbot, ui, tmp_path: Path, monkeypatch
) -> None:
    from ntm_desktop.ui.widgets import evidence as box

    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4\n" * 50)
    disguised = tmp_path / "hoa-don\u202efdp.exe"
    disguised.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    uid = ctx.ws.help.add(road_draft(noi_vu), evidence=[scan, disguised]).ids[0]
    dialog = HelpDialog(ctx, load_choices(ctx.ws, 2019), ctx.ws.help.get(uid))
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, ctx, lambda: dialog.evidence.list.count() == 2)
    assert sorted(texts(dialog)) == [
        "bien-ban.pdf  (tài liệu PDF, 1 KB)",
        "hoa-donfdp.exe  (chương trình Windows, 1 KB)",  # no right-to-left override left in the name
    ]
    opened: list[Path] = []
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(box, "open_with_its_program", opened.append)
    monkeypatch.setattr(
        box.ConfirmOpen,
        "ask",
        staticmethod(lambda _p, name, v: asked.append(box.warning_text(name, v)) or answer[0]),
    )

    def open_row(text: str) -> None:
        dialog.evidence.list.setCurrentRow(next(i for i, t in enumerate(texts(dialog)) if t.startswith(text)))
        dialog.evidence.open_button.click()
        settle(qtbot, ctx)

    open_row("bien-ban.pdf")
    settle(qtbot, ctx, lambda: len(opened) == 1)
    assert not asked and opened[0].name == "bien-ban.pdf" and opened[0].read_bytes() == scan.read_bytes()
    open_row("hoa-donfdp.exe")
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "chương trình Windows" in asked[0] and "có thể chạy một chương trình" in asked[0]
    assert len(opened) == 1  # refused: nothing opened
    answer[0] = True
    open_row("hoa-donfdp.exe")
    settle(qtbot, ctx, lambda: len(opened) == 2)
    assert opened[1].name == "hoa-donfdp.exe" and opened[1].parent != opened[0].parent
    assert not errors
