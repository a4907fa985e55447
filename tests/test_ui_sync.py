"""The Sync page as officers use it: the commune writes its bundle to the USB stick, the province drops it on
its page, checks the sender's key in the preview, trusts it and imports; a tampered file is refused with its
message and nothing is imported; a receipt goes back; conflicts and correction requests are settled."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.demo import fill_demo
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.ui.errors import open_dialogs
from ntm_desktop.ui.pages.registry import RECEIVER_SYNC_PAGE, SYNC_PAGE
from ntm_desktop.ui.pages.sync import preview_dialog
from ntm_desktop.ui.pages.sync.conflicts import DIFFERENT
from ntm_desktop.ui.pages.sync.export_dialog import ExportChoice, ExportDialog
from ntm_desktop.ui.pages.sync.jobs import Chosen, Inspected
from ntm_desktop.ui.pages.sync.keys_card import TrustConfirm
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog, default_choice
from ntm_desktop.ui.testing import make_context
from ntm_desktop.ui.testing import open_page as window_page
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import commune, trust
from tests.helpers.ui_sync import YEAR, Offices, offices, settle

__all__ = ["offices"]  # the fixture


def open_page(qtbot, ctx, receiver: bool) -> SyncPage:
    """The Sync page of the app's main window (a receiving office's window has it further down)."""
    page = window_page(ctx, YEAR, RECEIVER_SYNC_PAGE if receiver else SYNC_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, SyncPage) and page.receiver == receiver
    settle(qtbot, ctx, lambda: page.loaded)
    return page


def write_to_usb(
    monkeypatch: pytest.MonkeyPatch, usb: Path, option: int = 0, unit: str | None = None
) -> None:
    """The officer picks the USB stick (and an option) in the export dialog."""
    monkeypatch.setattr(
        ExportDialog, "ask", classmethod(lambda cls, *a, **k: ExportChoice(usb, option, unit))
    )


def drop(page: QWidget, *paths: Path) -> None:
    """Drag files from the file manager and drop them on the page."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)


class Preview:
    """Stands in for the preview dialog: records what it was shown, then presses "Trust this key" (when
    asked to) and "Import"."""

    def __init__(self, trust_keys: bool = True) -> None:
        self.shown: list[Inspected] = []
        self.trust_keys = trust_keys

    def __call__(self, parent: QWidget | None, found: Sequence[Inspected]) -> list[Chosen]:
        self.shown += found
        units = {i.preview.sender.unit_code for i in found if i.needs_trust} if self.trust_keys else set()
        return default_choice(found, units)


def test_the_commune_exports_a_bundle_and_sees_where_it_went_and_what_is_in_it(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = offices.commune_ctx
    page = open_page(qtbot, ctx, receiver=False)
    assert page.pending.text() == "21 thay đổi chưa được xác nhận"  # 19 criteria, a supporter, a help record
    write_to_usb(monkeypatch, offices.usb)

    page.export_button.click()
    settle(qtbot, ctx, lambda: page.result.isVisible())

    [written] = list(offices.usb.glob("*.ntmsync"))
    text = page.result.text()
    assert str(written) in text and text.startswith("Đã ghi: ")
    assert "Gói số 1 · các thay đổi chưa được xác nhận" in text
    assert "Hỗ trợ đã nhận: 1" in text and "Đánh giá tiêu chí: 19" in text
    by = offices.commune.db.actor()  # "Người gửi": who wrote it here
    assert page.history.rows()[0][1:6] == ["Đã gửi", "Gói dữ liệu", "19 · tỉnh Thái Nguyên", by, "1"]
    assert page.history.rows()[0][7] == written.name
    assert not offices.commune_errors


def test_the_province_drops_the_bundle_trusts_the_key_in_the_preview_and_sees_it_in_the_history(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = offices.commune.sync.export(offices.usb).path
    ctx = offices.province_ctx
    page = open_page(qtbot, ctx, receiver=True)
    preview = Preview()
    monkeypatch.setattr(PreviewDialog, "ask", staticmethod(preview))

    drop(page, bundle)
    settle(qtbot, ctx, lambda: page.history.model.rowCount() == 1)

    [seen] = preview.shown
    fingerprint = offices.commune.sync.keys.show().fingerprint
    assert seen.preview.sender.fingerprint == fingerprint
    assert seen.preview.sender.trust == "unknown-key" and seen.needs_trust  # asked before anything else
    assert seen.if_trusted is not None and seen.if_trusted.counts["help"].created == 1
    row = page.history.rows()[0]
    assert row[1:6] == ["Đã nhận", "Gói dữ liệu", "01234 · Xã Bằng Thành", "", "1"]  # no clerk: the commune's
    assert row[7] == bundle.name
    assert "Đã nhập 1 gói." in page.result.text()
    assert page.tabs.tabText(3) == "Khóa đã tin cậy (1)"
    assert [k.fingerprint for k in offices.province.sync.keys.known()] == [fingerprint]
    assert not offices.province_errors


def test_an_unknown_key_not_trusted_imports_nothing(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = offices.commune.sync.export(offices.usb).path
    ctx = offices.province_ctx
    page = open_page(qtbot, ctx, receiver=True)
    monkeypatch.setattr(PreviewDialog, "ask", staticmethod(Preview(trust_keys=False)))

    page.take_files([bundle])
    settle(qtbot, ctx)

    assert page.result.text() == "Không nhập gì."
    assert page.history.model.rowCount() == 0 and offices.province.sync.keys.known() == []


def test_a_tampered_bundle_shows_the_error_dialog_and_imports_nothing(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = offices.commune.sync.export(offices.usb).path
    tampered = offices.usb / "ntm-01234-sua.ntmsync"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "records.json":
                data = data.replace("Bằng Thành II".encode(), "Bằng Thành I ".encode())
            dst.writestr(info, data)
    ctx = offices.province_ctx
    page = open_page(qtbot, ctx, receiver=True)
    monkeypatch.setattr(PreviewDialog, "ask", staticmethod(Preview()))

    page.take_files([tampered])
    settle(qtbot, ctx, lambda: bool(offices.province_errors))

    [error] = offices.province_errors
    assert isinstance(error, BundleRejected)
    [dialog] = open_dialogs()
    assert dialog.text.text() == error.message and "records.json" in dialog.message
    assert page.history.model.rowCount() == 0
    assert offices.province.sync.log() == [] and offices.province.receiver.units(2025) == []


def test_the_preview_dialog_shows_sender_fingerprint_counts_and_missing_bundles(
    qtbot, offices: Offices
) -> None:
    c, p = offices.commune, offices.province
    first = c.sync.export(offices.usb).path
    c.progress.record(2025, indicator="2.1", value="90")
    c.sync.export(offices.usb)
    c.progress.record(2025, indicator="2.2", value="80")
    third = c.sync.export(offices.usb).path
    trust(c, p)
    p.sync.import_bundles([first])
    found = [Inspected(p.sync.inspect(third))]

    dialog = PreviewDialog(found)
    qtbot.addWidget(dialog)

    assert dialog.fingerprint.text() == c.sync.keys.show().fingerprint
    assert dialog.trust.text().endswith("Khóa đã tin cậy</b>")
    assert "Gói số 2 của xã Bằng Thành (01234) chưa được nhập" in dialog.notes.text()
    assert (
        dialog.counts.texts()[0][0] == "Đánh giá tiêu chí" and dialog.counts.texts()[0][1] == "2"
    )  # nothing confirmed yet
    assert dialog.apply_button.isEnabled() and dialog.apply_button.text() == "Nhập gói"
    assert dialog.chosen() == [Chosen(third, "records")]
    dialog.show()
    table, last = dialog.counts, dialog.counts.proxy.rowCount() - 1
    below = table.viewport().height() - table.rowViewportPosition(last) - table.rowHeight(last)
    assert 0 <= below <= 2  # the three kinds of data, no empty grid under them
    assert dialog.notes.property("role") == "warning"  # a bundle missing before this one stands out


def test_a_bundle_missing_before_another_is_not_said_missing_when_it_comes_in_the_same_drop(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commune's bundles 1, 2 and 3 dropped together: the import takes them in order, so the third's
    preview does not warn that 1 and 2 have not been imported — until the key is trusted, none of them
    would go in, and then it does."""
    c, p = offices.commune, offices.province
    bundles = [c.sync.export(offices.usb).path]
    for indicator in ("2.1", "2.2"):
        c.progress.record(2025, indicator=indicator, value="90")
        bundles.append(c.sync.export(offices.usb).path)
    found = [Inspected(p.sync.inspect(b), p.sync.inspect(b, trust_on_first_use=True)) for b in bundles]
    dialog = PreviewDialog(found)
    qtbot.addWidget(dialog)
    dialog.list.selectRow(2)
    assert dialog.notes.text().splitlines() == [
        "Gói số 1 của xã Bằng Thành (01234) chưa được nhập",
        "Gói số 2 của xã Bằng Thành (01234) chưa được nhập",
    ]  # nothing would go in yet: the key is not trusted
    monkeypatch.setattr(TrustConfirm, "ask", staticmethod(lambda *_: True))

    dialog.trust_button.click()

    assert dialog.heading.text() == "Gói dữ liệu số 3 của Xã Bằng Thành, mã 01234"
    assert dialog.notes.text() == "" and not dialog.notes.isVisibleTo(dialog)
    assert len(dialog.chosen()) == 3


def test_trusting_an_unknown_key_in_the_dialog_lets_the_bundle_in(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, p = offices.commune, offices.province
    bundle = c.sync.export(offices.usb).path
    found = [Inspected(p.sync.inspect(bundle), p.sync.inspect(bundle, trust_on_first_use=True))]
    dialog = PreviewDialog(found)
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled() and dialog.trust_button.isVisibleTo(dialog)
    assert dialog.trust.text().endswith("Khóa chưa được tin cậy</b>")
    asked: list[tuple[str, str]] = []
    answers = iter([False, True])  # the first time the fingerprints did not match on the phone
    monkeypatch.setattr(
        TrustConfirm, "ask", staticmethod(lambda p, u, f: asked.append((u, f)) or next(answers))
    )

    dialog.trust_button.click()
    assert not dialog.apply_button.isEnabled() and dialog.chosen() == []
    dialog.trust_button.click()

    assert asked[0] == ("Xã Bằng Thành, mã 01234", c.sync.keys.show().fingerprint)

    assert dialog.apply_button.isEnabled() and not dialog.trust_button.isVisibleTo(dialog)
    assert dialog.chosen() == [Chosen(bundle, "records", trust_key=True)]


def test_a_revoked_key_is_refused_in_the_dialog_with_its_reason_said_once(qtbot, offices: Offices) -> None:
    """The key card and the refusal's red line both used to say why the key is refused."""
    c, p = offices.commune, offices.province
    bundle = c.sync.export(offices.usb).path
    trust(c, p)
    p.sync.keys.revoke(c.sync.keys.show().fingerprint)  # the commune's laptop was lost
    dialog = PreviewDialog([Inspected(p.sync.inspect(bundle))])
    qtbot.addWidget(dialog)

    shown = [w.text() for w in (dialog.trust_message, dialog.refusal) if w.isVisibleTo(dialog)]
    assert sum(text.count("đã bị thu hồi") for text in shown) == 1, shown
    assert dialog.refusal.text().startswith("Gói sẽ bị từ chối: "), dialog.refusal.text()
    assert not dialog.apply_button.isEnabled()
    # read as revoked, not as "a different key than the one known", and said what to do
    assert dialog.trust.text().endswith("Khóa đã bị thu hồi</b>"), dialog.trust.text()
    assert dialog.list.texts()[0][2] == "Khóa đã bị thu hồi"
    assert "tin cậy tệp khóa mới của đơn vị" in dialog.refusal.text(), dialog.refusal.text()
    assert not dialog.trust_button.isVisibleTo(dialog)  # a revoked key is never trusted again from here


def test_the_receipt_goes_back_and_the_commune_has_nothing_left_to_confirm(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    province_page = open_page(qtbot, offices.province_ctx, receiver=True)
    receipts = offices.usb / "receipts"
    receipts.mkdir()
    write_to_usb(monkeypatch, receipts)
    province_page.receipt_button.click()
    settle(qtbot, offices.province_ctx, lambda: province_page.result.isVisible())
    [receipt] = list(receipts.glob("*.ntmsync"))
    assert "Biên nhận cho xã Bằng Thành (01234): xác nhận 1 gói" in province_page.result.text()

    page = open_page(qtbot, offices.commune_ctx, receiver=False)
    monkeypatch.setattr(PreviewDialog, "ask", staticmethod(Preview()))
    page.take_files([receipt])
    settle(qtbot, offices.commune_ctx, lambda: page.pending.text().startswith("0 "))

    assert page.history.rows()[0][1:3] == ["Đã nhận", "Biên nhận"]
    assert c.sync.pending_count() == 0
    assert not offices.commune_errors and not offices.province_errors


def test_a_correction_request_reaches_the_commune_and_is_closed_there(
    qtbot, qtmodeltester, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    record = c.progress.assessments(2025)[0].record_id
    p.sync.request_correction("01234", "assessments", record, "Thiếu biên bản nghiệm thu")
    back = p.sync.export_reverse(offices.usb, "01234").path
    page = open_page(qtbot, offices.commune_ctx, receiver=False)
    monkeypatch.setattr(PreviewDialog, "ask", staticmethod(Preview()))

    page.take_files([back])
    settle(qtbot, offices.commune_ctx, lambda: len(page.corrections.table.texts()) == 1)

    panel = page.corrections
    assert panel.table.texts()[0][3] == "Thiếu biên bản nghiệm thu"
    assert panel.table.texts()[0][5] == "Chưa xử lý"
    assert page.tabs.tabText(2) == "Yêu cầu chỉnh sửa (1)"
    asked: list[str] = []
    monkeypatch.setattr(
        "ntm_desktop.ui.pages.sync.corrections.yes_or_cancel",
        lambda parent, title, text: not asked.append(text),
    )
    record = panel.table.texts()[0][2]  # "Đánh giá tiêu chí · 2025 · chỉ tiêu …", in words
    panel.table.selectRow(0)
    panel.close_button.click()
    settle(qtbot, offices.commune_ctx, lambda: panel.table.texts()[0][5] == "Đã xử lý")
    assert asked == [f"Anh/chị đã chỉnh sửa {record}?\n“Thiếu biên bản nghiệm thu”"]  # named in words
    qtmodeltester.check(panel.table.proxy)
    assert page.tabs.tabText(2) == "Yêu cầu chỉnh sửa (0)"
    assert not offices.commune_errors


def test_the_history_model_passes_the_model_tester_and_filters(
    qtbot, qtmodeltester, offices: Offices
) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    qtmodeltester.check(page.history.model)
    qtmodeltester.check(page.history.proxy)
    page.history.search.setText("bang thanh")  # the commune's name, typed without accents
    assert page.history.proxy.rowCount() == 1
    page.history.search.setText("quan binh")
    assert page.history.proxy.rowCount() == 0
    page.history.search.setText("01234")
    assert page.history.proxy.rowCount() == 1
    page.history.direction.setCurrentIndex(1)  # sent only
    assert page.history.proxy.rowCount() == 0


def test_preview_dialog_refuses_what_cannot_be_imported(qtbot, offices: Offices) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    bundle = c.sync.export(offices.usb).path
    p.sync.import_bundles([bundle])
    dialog = PreviewDialog([Inspected(p.sync.inspect(bundle))])
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled()
    assert "đã được nhập trước đó" in dialog.notes.text()
    assert preview_dialog.default_choice(dialog.found) == []


def test_a_key_file_dropped_on_the_page_is_trusted_after_the_phone_check(
    qtbot, qtmodeltester, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = offices.commune.sync.keys.export(offices.usb / "xa-01234.ntmkey")
    fingerprint = offices.commune.sync.keys.show().fingerprint
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    asked: list[str] = []
    monkeypatch.setattr(TrustConfirm, "ask", staticmethod(lambda p, unit, f: asked.append(f) or True))

    drop(page, card)
    settle(qtbot, offices.province_ctx, lambda: len(page.known_keys.table.texts()) == 1)

    assert asked == [fingerprint]
    assert page.result.text() == f"Đã tin cậy khóa {fingerprint} của xã Bằng Thành (01234)"
    assert page.known_keys.table.texts()[0][1] == fingerprint
    assert page.known_keys.table.texts()[0][4] == "từ tệp khóa"
    qtmodeltester.check(page.known_keys.table.proxy)
    assert page.tabs.tabText(3) == "Khóa đã tin cậy (1)"


def test_a_conflict_shows_both_versions_side_by_side_and_the_one_kept_settles_it(
    qtbot, qtmodeltester, offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, p = offices.commune, offices.province
    b = commune(tmp_path, "second-computer")  # the commune's second computer
    for x, y in ((a, b), (b, a), (a, p), (b, p)):
        trust(x, y)
    b.sync.import_bundles([a.sync.export(offices.usb).path])
    [sup_a] = a.supporters.list()
    [sup_b] = b.supporters.list()
    a.supporters.update(sup_a.uid, SupporterDraft("Sở Nội vụ tỉnh Thái Nguyên"))
    b.supporters.update(sup_b.uid, SupporterDraft("Sở Nội vụ (tên cũ)"))
    p.sync.import_bundles([a.sync.export(offices.usb).path, b.sync.export(offices.usb).path])
    b.close()
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    panel = page.conflicts

    assert page.tabs.tabText(1) == "Xung đột (1)"
    cells = panel.table.texts()
    row = [name for name, *_ in cells].index("Tên")
    assert set(cells[row][1:]) == {"Sở Nội vụ tỉnh Thái Nguyên", "Sở Nội vụ (tên cũ)"}
    # the record by its name as held here, not its internal id; the commune by its name, not its code
    named = f"Đơn vị hỗ trợ · {cells[row][1]} · xã Bằng Thành (01234)"
    assert panel.heading.text() == named and panel.list.item(0).text() == named
    assert panel.table.proxy.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) == DIFFERENT
    heading = str(panel.table.proxy.headerData(2, Qt.Orientation.Horizontal))
    assert heading.startswith("Phiên bản mới nhận\nsửa trên máy ")  # which computer made it
    qtmodeltester.check(panel.table.proxy)
    kept = cells[row][2]
    asked: list[str] = []
    monkeypatch.setattr(
        "ntm_desktop.ui.pages.sync.conflicts.yes_or_cancel",
        lambda parent, title, text: not asked.append(text),
    )

    panel.keep_incoming.click()
    settle(qtbot, offices.province_ctx, lambda: page.tabs.tabText(1) == "Xung đột (0)")

    assert len(asked) == 1 and f"“{cells[row][1]}”" in asked[0]  # the question names it too

    assert p.sync.conflicts() == [] and panel.empty.isVisibleTo(panel)
    [settled] = p.sync.conflicts(status="resolved")
    assert settled.resolution == "incoming" and kept in (settled.incoming.doc or {}).values()
    assert not offices.province_errors


def test_the_public_key_file_is_saved_for_the_other_side(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, offices.commune_ctx, receiver=False)
    target = offices.usb / "khoa-xa-01234.ntmkey"
    monkeypatch.setattr(page.keys, "ask_save_path", lambda suggested: target)
    fingerprint = offices.commune.sync.keys.show().fingerprint
    assert page.keys.fingerprint.text() == fingerprint

    page.keys.export_button.click()
    settle(qtbot, offices.commune_ctx, lambda: target.exists())

    assert page.result.text() == f"Đã lưu khóa công khai vào {target}"
    offices.province.sync.keys.trust(target)
    assert [k.fingerprint for k in offices.province.sync.keys.known()] == [fingerprint]


def test_the_office_sends_a_bundle_back_to_the_commune_it_chooses(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    back = offices.usb / "back"
    back.mkdir()
    offered: list[list[tuple[str, str]]] = []

    def choose(cls, parent, title, intro, folder, options=(), units=()):
        offered.append(list(units))
        return ExportChoice(back, 0, "01234")

    monkeypatch.setattr(ExportDialog, "ask", classmethod(choose))
    page.reverse_button.click()
    settle(qtbot, offices.province_ctx, lambda: page.result.isVisible())

    assert offered == [[("01234", "Xã Bằng Thành")]]
    [written] = list(back.glob("*.ntmsync"))
    assert page.result.text().startswith(f"Đã ghi: {written}")
    assert page.history.rows()[0][1:4] == ["Đã gửi", "Gói phản hồi", "01234 · Xã Bằng Thành"]


def test_the_sample_communes_key_card_names_it_without_brackets_in_brackets(
    qtbot, qapp, tmp_path: Path
) -> None:
    """The demo's commune is named "Xã Bằng Thành (dữ liệu mẫu)": its key card read
    "xã 01234 (Xã Bằng Thành (dữ liệu mẫu)) · máy …"."""
    with Workspace.open(tmp_path / "demo.sqlite") as ws:
        fill_demo(ws)
        ctx, errors = make_context(ws, tmp_path)
        page = open_page(qtbot, ctx, receiver=False)
        device = ws.sync.keys.show().device_id
        assert page.keys.who.text() == f"Xã Bằng Thành (dữ liệu mẫu), mã 01234 · máy {device[:8]}"
        ctx.tasks.wait()
        assert not errors


def test_the_office_sees_whom_it_asked_by_name_and_the_whole_request(qtbot, offices: Offices) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    record = c.progress.assessments(2025)[0].record_id
    reason = (
        "Báo cáo năm 2025 được trả lại: thiếu biên bản nghiệm thu công trình đường trục thôn, "
        "đề nghị xã bổ sung biên bản và ảnh chụp hiện trạng trước khi gửi lại"
    )
    p.sync.request_correction("01234", "assessments", record, reason)
    page = open_page(qtbot, offices.province_ctx, receiver=True)
    page.tabs.setCurrentIndex(2)
    settle(qtbot, offices.province_ctx, lambda: len(page.corrections.table.texts()) == 1)
    table = page.corrections.table
    assert table.texts()[0][1] == f"{c.unit.home().name}, mã 01234"  # not "xã 01234"
    assert table.texts()[0][3] == reason
    table.resize(900, table.height())  # the clerk's window: the request wraps onto several lines
    qtbot.wait(20)
    needed = table.sizeHintForRow(0)
    assert table.rowHeight(0) >= needed > table.fontMetrics().height() * 1.5  # every line of it shows
    assert not offices.province_errors


def test_the_preview_lists_each_bundle_and_shows_the_one_chosen(
    qtbot, qtmodeltester, offices: Offices
) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    first = c.sync.export(offices.usb).path
    c.progress.record(2025, indicator="2.1", value="90")
    second = c.sync.export(offices.usb).path
    dialog = PreviewDialog([Inspected(p.sync.inspect(first)), Inspected(p.sync.inspect(second))])
    qtbot.addWidget(dialog)
    assert dialog.list.texts() == [
        ["Xã Bằng Thành, mã 01234", "Gói dữ liệu số 1", "Khóa đã tin cậy", "21 mới"],
        ["Xã Bằng Thành, mã 01234", "Gói dữ liệu số 2", "Khóa đã tin cậy", "22 mới"],
    ]
    assert dialog.heading.text() == "Gói dữ liệu số 1 của Xã Bằng Thành, mã 01234"
    assert dialog.counts.texts()[0] == ["Đánh giá tiêu chí", "19", "0", "0", "0"]

    dialog.list.selectRow(1)  # the officer clicks the second bundle

    assert dialog.heading.text() == "Gói dữ liệu số 2 của Xã Bằng Thành, mã 01234"
    assert dialog.counts.texts()[0] == ["Đánh giá tiêu chí", "20", "0", "0", "0"]
    assert dialog.apply_button.text() == "Nhập 2 gói"
    qtmodeltester.check(dialog.list.proxy)
    qtmodeltester.check(dialog.counts.proxy)


def test_a_grouped_field_of_a_version_is_named_as_the_form_names_it() -> None:
    """A conflict's or an amendment's help record shows its beneficiaries by the form's words, not the
    data's own keys ("households: 20")."""
    from ntm_desktop.services.fieldvalues import value_text

    shown = value_text("help", "beneficiaries", {"households": 20, "persons": 80})
    assert shown == "Số hộ được hưởng: 20, Số người được hưởng: 80"
