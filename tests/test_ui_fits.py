"""The app on a commune's laptop (1366×768 less the taskbar): the window opens inside the screen's free area
and comes back there when a remembered place is off-screen; every page and tab of the sample commune and
of a province office, and every form, shows without a clipped control or a cut short column; one year
box per page."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTableView, QTabWidget, QWidget

from ntm_desktop.core.i18n import set_language
from ntm_desktop.demo import fill_demo
from ntm_desktop.demo_receiver import build
from ntm_desktop.services.ledger.choices import load_choices
from ntm_desktop.ui import fit, main_window
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import USABLE, cut_off, fit_on_screen
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.registry import HELP_PAGE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.style import apply_style
from ntm_desktop.ui.testing import Errors, make_context, make_prefs, open_window
from ntm_desktop.ui.year import YearSpin
from ntm_desktop.workspace import Workspace
from tests.helpers.national import national_workspace, rolled_up, trust_province

SCREEN = QRect(0, 0, 1366, 728)
"""The free area of a 1366×768 screen with the Windows taskbar."""


@pytest.fixture(autouse=True, scope="module")
def app_style(qapp: QApplication) -> None:
    """Measured with the app's own style and font, as the running app shows them (``ntm-desktop gui``
    applies it at start), whichever tests ran before."""
    apply_style(qapp)


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample commune, and a province office holding three sample communes' bundles (made once)."""
    folder = tmp_path_factory.mktemp("demo")
    with Workspace.open(folder / "xa" / "ntm.sqlite") as ws:
        fill_demo(ws)
    made = build(folder / "tinh" / "ntm.sqlite")
    with Workspace.open(made.path) as office:
        office.sync.import_bundles(made.bundles)
    return folder / "xa" / "ntm.sqlite", made.path


@pytest.fixture(scope="module")
def national_file(demo_files: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The national office holding the sample province's roll-up of 2025."""
    folder = tmp_path_factory.mktemp("trung-uong")
    with Workspace.open(demo_files[1]) as office:
        sent = rolled_up(office, folder / "usb", 2025)
        with national_workspace(folder / "trung-uong") as national:
            trust_province(office, national, folder)
            assert [o.status for o in national.sync.import_bundles([sent]).outcomes] == ["imported"]
            return national.path


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit, "screen_area", lambda point=None: SCREEN)
    monkeypatch.setattr(main_window, "screen_area", lambda point=None: SCREEN)


def context(qapp: QApplication, source: Path, tmp_path: Path, lang: str) -> tuple[AppContext, Errors]:
    copy = tmp_path / source.parent.name / source.name
    copy.parent.mkdir(parents=True)
    shutil.copy(source, copy)
    set_language(lang)
    apply_language(qapp, lang)
    return make_context(Workspace.open(copy), tmp_path)


@pytest.fixture
def opened(qapp: QApplication, tmp_path: Path) -> Iterator[list[AppContext]]:
    contexts: list[AppContext] = []
    yield contexts
    for ctx in contexts:
        ctx.tasks.wait()
        ctx.ws.close()
    apply_language(qapp, "vi")


def settle(qtbot, ctx: AppContext) -> None:
    for _ in range(3):  # pages load on the worker, then may load more
        qtbot.waitUntil(lambda: not ctx.tasks.busy(), timeout=20_000)
        qtbot.wait(20)


def every_view(qtbot, window: MainWindow, ctx: AppContext) -> Iterator[str]:
    """Show each page, and each tab of its first tab bar, in turn; yields what is shown."""
    for index in range(len(window.slots)):
        page = window.page(index)
        settle(qtbot, ctx)
        if isinstance(page, CriteriaPage):  # with an indicator chosen, as when typing its value
            page.select_code("17.1")
            settle(qtbot, ctx)
        yield f"page {index + 1} ({type(page).__name__})"
        tabs = next((t for t in page.findChildren(QTabWidget) if t.isVisible()), None)
        for tab in range(1, tabs.count() if tabs else 0):
            assert tabs is not None
            tabs.setCurrentIndex(tab)
            settle(qtbot, ctx)
            yield f"page {index + 1} tab “{tabs.tabText(tab)}”"


@pytest.mark.parametrize(
    ("which", "lang", "year"),
    [("xa", "vi", 2025), ("xa", "en", 2022), ("tinh", "vi", 2025), ("trung-uong", "vi", 2025),
     ("trung-uong", "en", 2025)],
)  # fmt: skip
def test_every_page_fits_a_commune_laptop(
    qtbot,
    opened: list[AppContext],
    demo_files: tuple[Path, Path],
    request: pytest.FixtureRequest,
    tmp_path: Path,
    which: str,
    lang: str,
    year: int,
) -> None:
    sources = {"xa": demo_files[0], "tinh": demo_files[1]}
    source = sources[which] if which in sources else request.getfixturevalue("national_file")
    ctx, errors = context(QApplication.instance(), source, tmp_path, lang)  # type: ignore[arg-type]
    opened.append(ctx)
    window = open_window(ctx, year, size=USABLE)
    qtbot.addWidget(window)
    problems = {}
    for shown in every_view(qtbot, window, ctx):
        assert window.size().toTuple() == USABLE, shown  # nothing made the window grow past the screen
        if found := cut_off(window):
            problems[shown] = found
    assert problems == {}
    assert not errors


def test_a_record_with_a_change_waiting_fits_a_commune_laptop(
    qtbot, opened: list[AppContext], demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Beside "19/19 tiêu chí đạt" and the state, the words saying a change to the approved year waits
    for the clerk's decision wrap: the QA walk saw them cut at "…đang chờ anh/chị quyết"."""
    from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
    from ntm_desktop.ui.pages.receiver.record_page import RecordPage
    from ntm_desktop.ui.pages.registry import COMMUNES_PAGE

    made = tmp_path / "made" / "tinh-cho"
    shutil.copytree(demo_files[1].parent, made)
    with Workspace.open(made / demo_files[1].name) as office:
        office.receiver.set_status("01234", 2025, "reviewed")
        office.receiver.set_status("01234", 2025, "approved")
        with Workspace.open(made / "demo-xa" / "01234" / "ntm.sqlite") as commune:
            commune.progress.record(2025, indicator="2.1", value="92")
            sent = commune.sync.export(tmp_path / "made").path
        assert [o.status for o in office.sync.import_bundles([sent]).outcomes] == ["imported"]
    ctx, errors = context(QApplication.instance(), made / demo_files[1].name, tmp_path, "vi")  # type: ignore[arg-type]
    opened.append(ctx)
    window = open_window(ctx, 2025, COMMUNES_PAGE, size=USABLE)
    qtbot.addWidget(window)
    communes = window.current_page()
    assert isinstance(communes, CommunesPage)
    qtbot.waitUntil(lambda: communes.loaded, timeout=20_000)
    assert communes.select("01234")
    communes.view_button.click()
    record = window.current_page()
    assert isinstance(record, RecordPage)
    qtbot.waitUntil(lambda: record.data is not None and record.data.view.code == "01234", timeout=20_000)
    settle(qtbot, ctx)
    assert "1 thay đổi cho năm đã phê duyệt đang chờ anh/chị quyết định" in record.status.text()
    assert cut_off(window) == []
    assert not errors


def test_each_page_has_one_year_box_and_pages_without_a_year_none(
    qtbot, opened: list[AppContext], demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    ctx, _ = context(QApplication.instance(), demo_files[0], tmp_path, "vi")  # type: ignore[arg-type]
    opened.append(ctx)
    window = open_window(ctx, 2025)
    qtbot.addWidget(window)
    boxes = {}
    for index in range(len(window.slots)):
        window.page(index)
        boxes[window.nav.item(index).text()] = sum(s.isVisible() for s in window.findChildren(YearSpin))
    assert boxes == {
        "Tổng quan": 1,
        "Tiêu chí": 1,
        "Hỗ trợ đã nhận": 1,
        "Báo cáo": 1,
        "Bộ tiêu chí": 0,  # a set serves many years
        "Đồng bộ": 0,
        "Cài đặt": 0,
    }


def test_the_forms_fit_the_laptop(
    qtbot, laptop: None, opened: list[AppContext], demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    from ntm_desktop.ui.history_dialog import HistoryDialog
    from ntm_desktop.ui.pages.help.dialog import HelpDialog
    from ntm_desktop.ui.pages.people.cadres import CadreDialog
    from ntm_desktop.ui.pages.people.events import EventDialog
    from ntm_desktop.ui.pages.reports.certificate_dialog import CertificateDialog, signing_identity
    from ntm_desktop.ui.pages.supporters.dialogs import AssignmentDialog, SupporterDialog
    from ntm_desktop.ui.trash_dialog import TrashDialog
    from ntm_desktop.ui.wizard import SetupWizard

    ctx, _ = context(QApplication.instance(), demo_files[0], tmp_path, "vi")  # type: ignore[arg-type]
    opened.append(ctx)
    ws = ctx.ws
    choices = load_choices(ws, 2025)
    biggest = max(ws.help.list(), key=lambda r: len(r.items))
    ws.help.remove(min(ws.help.list(), key=lambda r: len(r.items)).uid)  # something in the trash
    ws.cadres.remove(ws.cadres.list()[0].uid)
    forms: dict[str, QWidget] = {
        "help, new": HelpDialog(ctx, choices),
        "help, correcting": HelpDialog(ctx, choices, biggest),
        "supporter": SupporterDialog(),
        "assignment": AssignmentDialog(ws.supporters.list(), choices.criteria),
        "cadre": CadreDialog(tuple(ws.supporters.list())),
        "event": EventDialog(choices),
        "commune details": SetupWizard(ctx, ws.unit.home()),
        "new data file": SetupWizard(ctx),
        "signing key": CertificateDialog(ctx.tasks, *signing_identity(ws)),
        "trash": TrashDialog(ctx),
        "history": HistoryDialog(ctx, biggest.uid, biggest.title),
    }
    inside = SCREEN.adjusted(*fit.FRAME)
    problems = {}
    for name, form in forms.items():
        qtbot.addWidget(form)
        form.show()
        settle(qtbot, ctx)
        if form.width() > inside.width() or form.height() > inside.height():
            problems[name] = [f"{form.width()}×{form.height()} is larger than the screen"]
        elif found := cut_off(form):
            problems[name] = found
        form.close()
    assert problems == {}


def test_the_help_form_says_its_refused_counts_whole_on_the_laptop(
    qtbot, laptop: None, opened: list[AppContext], demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Households and people share one line of the form: a refusal under either was cut to its first
    words ("“mười” không phải là"), the rest hidden under the hint below."""
    from ntm_desktop.ui.pages.help.dialog import HelpDialog
    from ntm_desktop.ui.pages.help.section import HelpSection
    from ntm_desktop.ui.pages.registry import HELP_PAGE
    from tests.helpers.ui_help import when_modal

    ctx, errors = context(QApplication.instance(), demo_files[0], tmp_path, "vi")  # type: ignore[arg-type]
    opened.append(ctx)
    window = open_window(ctx, 2025, HELP_PAGE)
    qtbot.addWidget(window)
    settle(qtbot, ctx)
    page = window.current_page()
    assert isinstance(page, HelpSection)
    before = ctx.ws.help.count()
    seen: dict[str, object] = {}

    def type_wrong_counts(dialog: QWidget) -> None:
        assert isinstance(dialog, HelpDialog)
        dialog.households.setText("mười")
        dialog.persons.setText("99999999999")
        dialog.save_button.click()
        settle(qtbot, ctx)
        seen["messages"] = dialog.messages.texts()
        seen["cut"] = cut_off(dialog)
        dialog.reject()

    when_modal(type_wrong_counts)
    page.ledger.add_button.click()
    qtbot.waitUntil(lambda: "cut" in seen, timeout=10_000)
    messages = seen["messages"]
    assert isinstance(messages, dict)
    assert messages["beneficiaries.households"].startswith("“mười” không phải là số")
    assert seen["cut"] == []
    assert ctx.ws.help.count() == before and not errors


def test_the_help_forms_labels_stand_apart_from_their_boxes(
    qtbot, laptop: None, opened: list[AppContext], demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """ "Nguồn vốn" touched its box ("Nguồn vốnChưa xác định"): every label keeps the form's gap."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    from ntm_desktop.ui.pages.help.dialog import HelpDialog
    from ntm_desktop.ui.pages.help.section import HelpSection
    from ntm_desktop.ui.pages.registry import HELP_PAGE
    from tests.helpers.ui_help import when_modal

    ctx, errors = context(QApplication.instance(), demo_files[0], tmp_path, "vi")  # type: ignore[arg-type]
    opened.append(ctx)
    window = open_window(ctx, 2025, HELP_PAGE)
    qtbot.addWidget(window)
    settle(qtbot, ctx)
    page = window.current_page()
    assert isinstance(page, HelpSection)
    gaps: dict[str, int] = {}

    def measure(dialog: QWidget) -> None:
        assert isinstance(dialog, HelpDialog)
        for form in dialog.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                name = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if name is not None and isinstance(name.widget(), QLabel) and field is not None:
                    label_box = name.widget()
                    text_end = label_box.x() + label_box.fontMetrics().horizontalAdvance(label_box.text())
                    gaps[label_box.text()] = field.geometry().x() - text_end
        dialog.reject()

    when_modal(measure)
    page.ledger.add_button.click()
    qtbot.waitUntil(lambda: bool(gaps), timeout=10_000)
    assert "Nguồn vốn" in gaps
    assert {name: gap for name, gap in gaps.items() if gap < 8} == {}
    assert not errors


def test_the_bundle_preview_shows_every_kind_of_data_without_scrolling(
    qtbot, laptop: None, opened: list[AppContext], demo_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """The table of what a bundle holds kept a table's preferred 192 px: its sixth row ("Hoạt động, hội
    nghị") was cut in half, with a scroll bar, above an empty space."""
    from PySide6.QtWidgets import QDialog

    from ntm_desktop.ui.pages.registry import RECEIVER_SYNC_PAGE
    from ntm_desktop.ui.pages.sync.page import SyncPage
    from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog
    from tests.helpers.ui_help import when_modal

    xa, errors_xa = context(QApplication.instance(), demo_files[0], tmp_path / "xa", "vi")  # type: ignore[arg-type]
    opened.append(xa)
    (tmp_path / "usb").mkdir()
    bundle = xa.ws.sync.export(tmp_path / "usb").path
    ctx, errors = context(QApplication.instance(), demo_files[1], tmp_path / "tinh", "vi")  # type: ignore[arg-type]
    opened.append(ctx)
    window = open_window(ctx, 2025, RECEIVER_SYNC_PAGE)
    qtbot.addWidget(window)
    settle(qtbot, ctx)
    page = window.current_page()
    assert isinstance(page, SyncPage)
    seen: dict[str, int] = {}

    def measure(dialog: QDialog) -> None:
        assert isinstance(dialog, PreviewDialog)
        qtbot.wait(50)
        table, last = dialog.counts, dialog.counts.proxy.rowCount() - 1
        seen["rows"] = last + 1
        seen["below"] = table.viewport().height() - table.rowViewportPosition(last) - table.rowHeight(last)
        seen["scroll"] = table.verticalScrollBar().maximum()
        dialog.reject()

    when_modal(measure)
    page.take_files([bundle])
    qtbot.waitUntil(lambda: "below" in seen, timeout=20_000)
    assert seen["rows"] >= 6 and seen["scroll"] == 0 and 0 <= seen["below"] <= 2, seen
    assert not errors and not errors_xa


def test_a_first_start_on_a_laptop_uses_the_whole_screen(qtbot, laptop: None, tmp_path: Path) -> None:
    window = MainWindow(make_prefs(tmp_path), tmp_path / "ntm.sqlite")
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert SCREEN.contains(window.geometry())


def test_a_remembered_place_off_the_screen_comes_back(qtbot, laptop: None, tmp_path: Path) -> None:
    prefs = make_prefs(tmp_path)
    before = MainWindow(prefs, tmp_path / "ntm.sqlite")
    qtbot.addWidget(before)
    before.setWindowState(Qt.WindowState.WindowNoState)
    before.setGeometry(2200, 300, 1200, 700)  # on a second monitor, since unplugged
    prefs.geometry = before.saveGeometry()
    after = MainWindow(prefs, tmp_path / "ntm.sqlite")
    qtbot.addWidget(after)
    assert SCREEN.contains(after.geometry()), after.geometry()


def test_a_place_is_brought_inside_the_free_area() -> None:
    area = QRect(0, 0, 1366, 728)
    assert fit_on_screen(QRect(2200, 300, 1200, 700), area, (1280, 800)) == QRect(166, 28, 1200, 700)
    assert fit_on_screen(QRect(-500, -40, 1600, 900), area, (1280, 800)) == QRect(0, 0, 1366, 728)
    assert fit_on_screen(QRect(100, 50, 800, 600), area, (1280, 800)) == QRect(100, 50, 800, 600)
    first = fit_on_screen(QRect(), QRect(0, 0, 1920, 1040), (1280, 800))
    assert first.size().toTuple() == (1280, 800) and first.center() == QRect(0, 0, 1920, 1040).center()


def ink_at_right_edge(view: QTableView, title: str) -> bool:
    """Whether the heading's letters reach the last pixels of its section (drawn against the edge, cut)."""
    header = view.horizontalHeader()
    model = view.model()
    (column,) = [
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title
    ]
    image = header.grab().toImage()
    end = header.sectionViewportPosition(column) + header.sectionSize(column)
    return any(
        image.pixelColor(x, y).lightness() < 128
        for x in range(end - 4, end - 1)
        for y in range(image.height())
    )


def test_a_figures_heading_is_not_cut_at_the_sections_edge(
    qtbot, opened: list[AppContext], demo_files: tuple[Path, Path], tmp_path: Path, laptop: None
) -> None:
    """The QA walk at 1366×768 read "Số người tham dự" (Hoạt động, hội nghị) and "Giá trị" (Đơn vị hỗ trợ)
    with their last letter cut: a heading set flush right was drawn against the section's right edge."""
    ctx, errors = context(QApplication.instance(), demo_files[0], tmp_path, "vi")  # type: ignore[arg-type]
    opened.append(ctx)
    window = open_window(ctx, 2025, HELP_PAGE, size=USABLE)
    qtbot.addWidget(window)
    tabs = next(t for t in window.current_page().findChildren(QTabWidget) if t.isVisible())
    for tab, title in ((4, "Số người tham dự"), (2, "Giá trị")):
        tabs.setCurrentIndex(tab)
        settle(qtbot, ctx)
        (view,) = [v for v in tabs.currentWidget().findChildren(QTableView) if v.isVisible()
                   and title in [v.model().headerData(c, Qt.Orientation.Horizontal)
                                 for c in range(v.model().columnCount())]]  # fmt: skip
        assert not ink_at_right_edge(view, title), title
    assert not errors
