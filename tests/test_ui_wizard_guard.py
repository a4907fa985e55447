"""The first-run wizard does not throw away what the officer typed (ui/typed_work.py GuardedWizard).

The wizard is opened as the app opens it: by the window on a new data file, and by File › Thông tin xã…
on a commune's; the one asking function is replaced, so each test says what the officer answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.ui.wizard import SetupWizard
from ntm_desktop.workspace import Workspace
from tests.helpers.discard import Answers
from tests.helpers.ui_help import when_modal
from tests.helpers.units import BARE_UNIT


@contextmanager
def _started(qapp: QApplication, path: Path, tmp_path: Path) -> Iterator[Startup]:
    """The app started on ``path`` as ``ntm-desktop gui`` starts it; closed when the block ends."""
    apply_language(qapp, "vi")
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    try:
        yield startup
    finally:
        startup.tasks.wait()
        if shiboken6.isValid(startup.window):
            startup.window.close()
        startup.close()


@pytest.fixture
def new_file(tmp_path: Path) -> Path:
    return tmp_path / "new" / "ntm.sqlite"


def _on_the_wizard(
    qtbot, action: Callable[[SetupWizard], None], opener: Callable[[], None] | None = None
) -> list[SetupWizard]:
    """Run ``action`` on the wizard once the app has opened it (modal: by itself on a new data file, else
    by ``opener``); wait until it is closed."""
    seen: list[SetupWizard] = []

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, SetupWizard)
        seen.append(dialog)
        action(dialog)

    when_modal(act)
    if opener is not None:
        opener()  # returns once the wizard is closed
    qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=20_000)
    return seen


def _type_the_commune(w: SetupWizard, qtbot) -> None:
    assert w.role_page is not None and w.role_page.role == "commune"
    w.button(QWizard.WizardButton.NextButton).click()
    qtbot.keyClicks(w.unit_page.code_edit, "02266")
    w.unit_page.name_edit.insert("Xã Lâm Bình")  # typed (keyClicks takes ASCII only)


def _go_to(w: SetupWizard, page: object) -> None:
    """Next, Next… up to ``page`` (at most the wizard's pages: a closed wizard goes nowhere)."""
    for _ in range(len(w.pageIds())):
        if w.currentPage() is page:
            return
        w.button(QWizard.WizardButton.NextButton).click()
    assert w.currentPage() is page


def _has_commune(path: Path) -> bool:
    with Workspace.open(path) as ws:
        return ws.unit.has_home()


def test_a_new_data_files_wizard_asks_before_esc_cancel_or_close_drop_the_commune_typed(
    qtbot, qapp: QApplication, new_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(monkeypatch)
    kept: list[tuple[int, bool, str]] = []

    def type_then_leave(w: SetupWizard) -> None:
        _type_the_commune(w, qtbot)
        qtbot.keyClick(w, Qt.Key.Key_Escape)  # "Tiếp tục nhập"
        kept.append((answers.asked, w.isVisible(), w.unit_page.name_edit.text()))
        w.button(QWizard.WizardButton.CancelButton).click()
        kept.append((answers.asked, w.isVisible(), w.unit_page.name_edit.text()))
        w.close()  # the title bar's ×
        kept.append((answers.asked, w.isVisible(), w.unit_page.name_edit.text()))
        answers.discard = True  # "Bỏ"
        w.close()

    with _started(qapp, new_file, tmp_path) as startup:
        seen = _on_the_wizard(qtbot, type_then_leave)
        assert kept == [(1, True, "Xã Lâm Bình"), (2, True, "Xã Lâm Bình"), (3, True, "Xã Lâm Bình")]
        assert answers.asked == 4 and not seen[0].isVisible()
        assert startup.window.setup_button.isVisible()  # the window still offers to set it up
    assert not _has_commune(new_file)


def test_a_wizard_nothing_was_typed_into_closes_at_once(
    qtbot, qapp: QApplication, new_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escape on the first question, or after going on to the commune's page and choosing nothing: no
    question (the kind of file picked on the first page is not typing)."""
    answers = Answers(monkeypatch)

    def go_on_then_escape(w: SetupWizard) -> None:
        assert w.role_page is not None
        w.role_page.buttons["office"].setChecked(True)
        w.role_page.buttons["commune"].setChecked(True)
        w.button(QWizard.WizardButton.NextButton).click()
        assert w.currentPage() is w.unit_page
        qtbot.keyClick(w, Qt.Key.Key_Escape)

    with _started(qapp, new_file, tmp_path):
        _on_the_wizard(qtbot, go_on_then_escape)
        assert answers.asked == 0


@pytest.fixture
def commune_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(BARE_UNIT)
    return path


def test_commune_details_ask_only_once_something_was_changed(
    qtbot, qapp: QApplication, commune_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › Thông tin xã… opens the wizard filled with the commune: that is not typing; a name changed
    is, and "Bỏ" keeps the commune as it was."""
    answers = Answers(monkeypatch)
    with _started(qapp, commune_file, tmp_path) as startup:
        window = startup.window
        qtbot.waitUntil(lambda: bool(window.pages))

        def escape(w: SetupWizard) -> None:
            assert w.role_page is None and w.unit_page.name_edit.text() == "Xã Bằng Thành"
            qtbot.keyClick(w, Qt.Key.Key_Escape)

        details = startup.window.profile_action.trigger
        _on_the_wizard(qtbot, escape, details)
        assert answers.asked == 0

        def rename_then_discard(w: SetupWizard) -> None:
            w.unit_page.name_edit.setText("Xã Bằng Thành (mới)")
            answers.discard = True
            qtbot.keyClick(w, Qt.Key.Key_Escape)

        _on_the_wizard(qtbot, rename_then_discard, details)
        assert answers.asked == 1
    with Workspace.open(commune_file) as ws:
        home = ws.unit.home()
        assert home is not None and home.name == "Xã Bằng Thành"


def test_a_village_added_to_the_list_counts_as_typed(
    qtbot, qapp: QApplication, commune_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A village typed and added with "Thêm" leaves its box empty; it is still typing to keep, and so is
    an officer named on the last page (an empty officer's row added is not)."""
    answers = Answers(monkeypatch)
    asked: list[int] = []

    def add_then_cancel(w: SetupWizard) -> None:
        _go_to(w, w.villages_page)
        w.villages_page.villages.entry.setText("Thôn Nà Bản")
        w.villages_page.villages.add_button.click()
        assert w.villages_page.villages.entry.text() == ""
        w.button(QWizard.WizardButton.CancelButton).click()
        asked.append(answers.asked)
        w.villages_page.villages.list.setCurrentRow(0)
        w.villages_page.villages.remove_button.click()  # as it opened: no question
        _go_to(w, w.officers_page)
        w.officers_page.rows.add_button.click()
        w.button(QWizard.WizardButton.CancelButton).click()
        asked.append(answers.asked)

    def name_an_officer_then_cancel(w: SetupWizard) -> None:
        _go_to(w, w.officers_page)
        w.officers_page.rows.add_button.click()
        name = w.officers_page.rows.rows[-1][0]
        name.insert("Lục Văn Thắng")
        answers.discard = True
        w.button(QWizard.WizardButton.CancelButton).click()
        asked.append(answers.asked)

    with _started(qapp, commune_file, tmp_path) as startup:
        window = startup.window
        qtbot.waitUntil(lambda: bool(window.pages))
        _on_the_wizard(qtbot, add_then_cancel, startup.window.profile_action.trigger)
        _on_the_wizard(qtbot, name_an_officer_then_cancel, startup.window.profile_action.trigger)
    assert asked == [1, 1, 2]
