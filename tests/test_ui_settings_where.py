"""Where the data is, as a receiving office's clerk reads it on the Settings page and in the status bar:
on a database server the server's address, that the office backs it up with pg_dump, and this computer's
own folder (not "a file, backed up beside it"); on a data file, that file, the office's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from ntm_desktop.ui.pages.settings import SettingsPage
from ntm_desktop.ui.testing import make_context, open_window
from tests.helpers.sync import receiver

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


def _texts(widget: QLabel | object) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))  # type: ignore[attr-defined]


def test_the_settings_page_says_where_the_offices_data_is(
    qtbot, qapp: QApplication, tmp_path: Path, engine: str
) -> None:
    office = receiver(tmp_path, "clerk-a")
    office.receiver.configure(level="province", code="19", name="Văn phòng Điều phối nông thôn mới tỉnh")
    ctx, errors = make_context(office, tmp_path)
    window = open_window(ctx, 2025)
    qtbot.addWidget(window)
    settings = next(i for i in range(len(window.slots)) if isinstance(window.page(i), SettingsPage))
    shown = _texts(window.page(settings))
    status = window.file_label.text()
    if engine == "postgresql":
        assert "Cơ sở dữ liệu trên máy chủ" in shown and office.where in shown
        assert "pg_dump" in shown and str(tmp_path / "clerk-a") in shown
        assert "Tệp dữ liệu" not in shown and "bên cạnh" not in shown and ".server" not in shown
        assert status == f"Cơ sở dữ liệu: {office.where}"
    else:
        assert "Tệp dữ liệu" in shown and str(office.path) in shown
        assert "Mọi số liệu của đơn vị nằm trong tệp này" in shown and "của xã" not in shown
        assert status == f"Tệp dữ liệu: {office.path}"
    assert not errors
    ctx.tasks.wait()
    office.close()
