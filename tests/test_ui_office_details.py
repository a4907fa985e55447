"""A receiving office's details in the window (File › Office details…): the name, parent agency and who
signs the summary report change there, as with ``receiver edit``; its code is shown, never edited. Before,
an office set up without a signer could not make its summary report in the window at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ntm_desktop.ui.office_details import OfficeDetailsDialog
from ntm_desktop.ui.testing import make_context, open_window
from tests.helpers.sync import open_receiver

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


def test_an_office_sets_who_signs_its_summary_in_the_window(
    qtbot, qapp: QApplication, tmp_path: Path, engine: str
) -> None:
    office = open_receiver(tmp_path, "clerk-a")
    office.receiver.set_up(level="province", code="19")  # as `receiver setup --code 19`: no signer
    ctx, errors = make_context(office, tmp_path)
    window = open_window(ctx, 2025)
    qtbot.addWidget(window)
    assert window.profile_action.text() == "&Thông tin văn phòng…" and window.profile_action.isEnabled()
    with qtbot.waitSignal(window.profile_requested):  # start-up opens the dialog below on this signal
        window.profile_action.trigger()

    dialog = OfficeDetailsDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.edits["name"].text() == "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"
    assert dialog.edits["signer_name"].text() == ""
    dialog.edits["signer_name"].setText("  Trần Văn B ")
    dialog.edits["signer_title"].setText("Chánh Văn phòng")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.saved, timeout=20_000)
    info = office.receiver.info()
    assert (info.code, info.signer_name, info.signer_title) == ("19", "Trần Văn B", "Chánh Văn phòng")
    assert info.name == "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"  # left as it was
    assert not errors
    ctx.tasks.wait()
    office.close()
