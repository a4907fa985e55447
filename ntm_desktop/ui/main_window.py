"""The main window: a sidebar of pages, the page itself, menus, and a status bar with the data file and
the year. It starts as an empty frame (painted at once) and gets its pages when the data file is open."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop import __version__
from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.logs import log_file
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import FRAME, fit_on_screen, screen_area
from ntm_desktop.ui.icons import icon
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.titles import page_titles
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.year import YearState

NAV_WIDTH = 184
NAV_PADDING = 64
"""Besides a sidebar title and its icon: the entry's padding and margins, the frame, a little air."""
PREFERRED_SIZE = (1280, 800)
"""The window's size on a screen that has room for it; smaller screens get it maximised."""


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    setup_requested = Signal()
    profile_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    recovery_requested = Signal()
    new_file_requested = Signal()
    open_requested = Signal(object)
    connect_requested = Signal()
    """Open another data file: its path, or None to choose one."""
    move_requested = Signal()
    """Move this receiving office's data file to a database server (ui/server_move_actions.py)."""

    def __init__(self, prefs: Prefs, data_file: Path, where: str = "") -> None:
        """``where``: what the status bar names for a workspace on a server (its URL, no password)."""
        super().__init__()
        self.prefs, self.data_file = prefs, data_file
        self.ctx: AppContext | None = None
        self.slots: list[PageSlot] = []
        self.guide: QWidget | None = None
        self.preview: QWidget | None = None
        self.setWindowTitle("NTM Desktop")
        self.setMinimumSize(QSize(960, 600))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.notice = label(tr("Opening the data file…"), "subtitle")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setup_button = QPushButton(tr("Set up the commune…"))
        self.setup_button.setVisible(False)
        self.setup_button.clicked.connect(self.setup_requested)
        waiting = QWidget()
        box = QVBoxLayout(waiting)
        box.addStretch(1)
        box.addWidget(self.notice)
        box.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.stack.addWidget(waiting)
        for name, title in page_titles():
            item = QListWidgetItem(icon(name), title)
            item.setSizeHint(QSize(0, 40))
            self.nav.addItem(item)
        self._fit_nav()
        self.nav.setEnabled(False)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        shown = (
            tr("Database: {where}", where=where) if where else tr("Data file: {path}", path=str(data_file))
        )
        self.file_label = QLabel(shown)
        self.file_label.setProperty("role", "muted")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.file_label, 1)
        self.page_actions: list[QAction] = []
        self._menus()
        self._place()

    def show_moved(self, where: str) -> None:
        """This file is the archive of an office that moved to a database server: say so where the
        file's name is shown, and once when it opens."""
        self.file_label.setText(
            tr(
                "Archive only: this office has moved to {where}. Open it there: File → Connect to the "
                "office's database server.",
                where=where,
            )
        )
        self.file_label.setProperty("role", "warning")
        self.file_label.style().polish(self.file_label)
        self.move_action.setVisible(False)  # it has moved once; the file stays as it was

    def _place(self) -> None:
        """Where the remembered size and place say, brought back inside the screen's free area (a
        second monitor may be gone); the first time, as large as suits the screen."""
        geometry = self.prefs.geometry
        if geometry is not None and self.restoreGeometry(geometry):
            inside = screen_area(self.geometry().center()).adjusted(*FRAME)
            self.setGeometry(fit_on_screen(self.geometry(), inside, PREFERRED_SIZE))
            return
        inside = screen_area().adjusted(*FRAME)
        self.setGeometry(fit_on_screen(QRect(), inside, PREFERRED_SIZE))
        if inside.width() <= PREFERRED_SIZE[0] or inside.height() <= PREFERRED_SIZE[1]:
            self.setWindowState(Qt.WindowState.WindowMaximized)  # a laptop: use all of it

    # ---- menus ---------------------------------------------------------------------------------

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(tr("&New data file…"), self.new_file_requested.emit)
        file_menu.addAction(
            tr("&Open a data file…"), QKeySequence.StandardKey.Open, lambda: self.open_requested.emit(None)
        )
        file_menu.addAction(tr("&Connect to the office's database server…"), self.connect_requested.emit)
        self.move_action = file_menu.addAction(
            tr("&Move the office's data to a database server…"), self.move_requested.emit
        )
        self.move_action.setVisible(False)  # a receiving office on a data file only (attach)
        self.recent_menu = file_menu.addMenu(tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.profile_action = file_menu.addAction(tr("Commune &details…"), self.profile_requested.emit)
        self.profile_action.setEnabled(False)
        file_menu.addAction(tr("&Open the data folder"), QKeySequence("Ctrl+Shift+O"), self.open_folder)
        self.trash_action = file_menu.addAction(tr("&Trash (removed records)…"), self.show_trash)
        self.trash_action.setEnabled(False)
        file_menu.addSeparator()
        # backups (ui/backup_dialogs.py)
        self.backup_action = file_menu.addAction(tr("&Back up to USB…"), self.backup_requested.emit)
        self.restore_action = file_menu.addAction(tr("&Restore from a backup…"), self.restore_requested.emit)
        self.recovery_action = file_menu.addAction(
            tr("Recover the commune from the receiving unit's copy…"), self.recovery_requested.emit
        )
        file_menu.addSeparator()
        file_menu.addAction(tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        view = self.view_menu = bar.addMenu(tr("&View"))
        for number, (_, title) in enumerate(page_titles(), start=1):
            action = view.addAction(title, QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, index=number - 1: self.go_to(index))
            action.setEnabled(False)
            self.page_actions.append(action)
        view.addSeparator()
        self.prev_year = view.addAction(
            tr("&Previous year"), QKeySequence("Ctrl+PgUp"), lambda: self._step_year(-1)
        )
        self.next_year = view.addAction(
            tr("&Next year"), QKeySequence("Ctrl+PgDown"), lambda: self._step_year(1)
        )
        lang = bar.addMenu(tr("&Language"))
        group = QActionGroup(self)
        for code, name in (("vi", "Tiếng Việt"), ("en", "English")):
            action = lang.addAction(name)
            action.triggered.connect(lambda _=False, code=code: self.language_requested.emit(code))
            action.setCheckable(True)
            action.setChecked(code == language())
            group.addAction(action)
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(
            tr("&User guide"), QKeySequence(QKeySequence.StandardKey.HelpContents), self.show_guide
        )
        help_menu.addAction(tr("Open the &log folder"), self.open_log_folder)
        help_menu.addAction(tr("&About NTM Desktop"), self._about)

    # ---- pages ---------------------------------------------------------------------------------

    @property
    def pages(self) -> list[Page]:
        """The pages built so far (a page is built the first time it is shown)."""
        return [slot.page for slot in self.slots if slot.page is not None]

    def attach(self, ctx: AppContext, year: YearState) -> None:
        """The data file is open and the commune set up: give the window its pages."""
        from ntm_desktop.ui.pages.registry import page_entries

        self.ctx, self.year = ctx, year
        if self.preview is not None:  # the real pages take over from the start-up preview
            self.stack.removeWidget(self.preview)
            self.preview.deleteLater()
            self.preview = None
        if ctx.ws.settings.get("sample_data") is True:  # made by ``ntm-desktop demo``
            self.setWindowTitle(tr("NTM Desktop — SAMPLE DATA"))
        entries = page_entries(self, ctx, year)  # a receiving office has pages of its own
        self._set_pages([(e.icon, e.title) for e in entries])
        self.slots = [PageSlot(e.build, self._wire) for e in entries]
        for slot in self.slots:
            self.stack.addWidget(slot)
        self.nav.setEnabled(True)
        for action in self.page_actions:
            action.setEnabled(True)
        office = ctx.ws.settings.role == "receiver"
        self.profile_action.setText(tr("Office &details…") if office else tr("Commune &details…"))
        self.profile_action.setEnabled(office or ctx.ws.unit.has_home())
        self.move_action.setVisible(ctx.ws.settings.role == "receiver" and not ctx.ws.on_server)
        self.trash_action.setEnabled(ctx.ws.unit.has_home())
        self.nav.currentRowChanged.connect(self._show_page)
        year.changed.connect(self._year_changed)  # each page that shows a year has its one year box
        self.go_to(min(self.prefs.page, len(self.slots) - 1))
        self.nav.setFocus()

    def _wire(self, page: Page) -> None:
        """Every page hears every change and follows the year: wired here, once, for every page the
        window builds (a page never connects itself, so none can be forgotten)."""
        assert self.ctx is not None
        self.ctx.hub.changed.connect(page.refresh)
        self.year.changed.connect(page.set_year)

    def page(self, index: int) -> Page:
        """Show the page at ``index`` (building it on first use) and return it."""
        self.go_to(index)
        return self.slots[index].build()

    def _set_pages(self, titles: list[tuple[str | QIcon, str]]) -> None:
        """The sidebar and the View menu's Ctrl+1… entries for the pages this workspace has."""
        if [t for _, t in titles] == [self.nav.item(i).text() for i in range(self.nav.count())]:
            return
        self.nav.clear()
        for name, title in titles:
            item = QListWidgetItem(icon(name) if isinstance(name, str) else name, title)
            item.setSizeHint(QSize(0, 40))
            self.nav.addItem(item)
        before = self.page_actions[0]  # the page entries stay at the top of the View menu
        for number, (_, title) in enumerate(titles, start=1):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, index=number - 1: self.go_to(index))
            self.view_menu.insertAction(before, action)
        for action in self.page_actions:
            self.view_menu.removeAction(action)
        self.page_actions = self.view_menu.actions()[: len(titles)]
        self._fit_nav()

    def _fit_nav(self) -> None:
        """The sidebar as narrow as its longest title allows (in the language shown), the page the rest."""
        metrics = self.nav.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())), default=0
        )
        self.nav.setFixedWidth(max(NAV_WIDTH, longest + self.nav.iconSize().width() + NAV_PADDING))

    def show_preview(self, page: QWidget) -> None:
        """Before the data file is open: the first page as the start-up snapshot kept it (it offers
        nothing to click; the sidebar stays disabled until the real pages are attached)."""
        self.preview = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def show_notice(self, text: str, offer_setup: bool = False) -> None:
        self.notice.setText(text)
        self.setup_button.setVisible(offer_setup)
        self.stack.setCurrentIndex(0)

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.slots):
            self.nav.setCurrentRow(index)

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget.page if isinstance(widget, PageSlot) else None

    def _show_page(self, row: int) -> None:
        previous = self.current_page()
        if previous is not None:
            previous.flush()
        self.slots[row].build()
        self.stack.setCurrentWidget(self.slots[row])
        self.prefs.page = row

    def _year_changed(self, year: int) -> None:
        self.prefs.year = year

    def _step_year(self, delta: int) -> None:
        if self.slots:
            self.year.step(delta)

    def flush(self) -> None:
        """Save whatever a page still holds, and wait until it is in the data file."""
        for page in self.pages:
            page.flush()
        if self.ctx is not None:
            self.ctx.tasks.wait()

    def may_leave(self) -> bool:
        """True when nothing typed would be lost, or the officer agrees to lose a value that is wrong."""
        problem = next((p.unsaved() for p in self.pages if p.unsaved()), "")
        return not problem or ask_discard(self, problem)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave():
            event.ignore()
            return
        self.flush()
        self.prefs.geometry = self.saveGeometry()
        self.prefs.sync()
        super().closeEvent(event)

    # ---- actions -------------------------------------------------------------------------------

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_file.parent)))

    def _fill_recent(self) -> None:
        from ntm_desktop.ui.files import RecentFiles

        self.recent_menu.clear()
        shown = [p for p in RecentFiles().paths() if p != self.data_file.resolve()]
        for path in shown:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(partial(self.open_requested.emit, path))
            action.setEnabled(path.exists())
        if not shown:
            self.recent_menu.addAction(tr("(none yet)")).setEnabled(False)

    def show_guide(self) -> None:
        """The user guide beside the window (one at a time; raised when already open)."""
        from ntm_desktop.ui.guide import GuideWindow

        if self.guide is None:
            self.guide = GuideWindow(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def show_trash(self) -> None:
        from ntm_desktop.ui.trash_dialog import TrashDialog

        if self.ctx is not None:
            TrashDialog.show_trash(self, self.ctx)

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file().parent)))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            tr("About NTM Desktop"),
            tr(
                "NTM Desktop {version}\nRecords a commune's progress against the New Rural Development "
                "criteria, offline.",
                version=__version__,
            ),
        )


def ask_discard(parent: QWidget, problem: str) -> bool:
    """Ask whether to close although a typed value is wrong and so was not saved (tests replace this)."""
    answer = QMessageBox.question(
        parent,
        tr("A value was not saved"),
        tr("This value was not saved because it is wrong:\n{problem}\n\nClose anyway?", problem=problem),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class PageSlot(QWidget):
    """Holds the place of a page in the stack until it is first shown, then holds the page, wired to the
    application's change signal and the year by ``wire``."""

    def __init__(self, factory: Callable[[], Page], wire: Callable[[Page], None]) -> None:
        super().__init__()
        self._factory, self._wire = factory, wire
        self.page: Page | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> Page:
        if self.page is None:
            self.page = self._factory()
            self._wire(self.page)
            self._layout.addWidget(self.page)
        return self.page
