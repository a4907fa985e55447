"""Sổ hỗ trợ: the ledger of help received, its filters and totals, and the actions on it.

The ledger is read on the database worker the first time the tab is shown (from the cache file when the
data file has not changed), and after that kept current one record at a time: a saved record is read
again alone and put in; only a change that does not say which records it touched reads everything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.ledger import Help, rows
from ntm_desktop.services.ledger.browse import cache as ledger_cache
from ntm_desktop.services.ledger.browse.cache import Loaded
from ntm_desktop.services.ledger.browse.index import LedgerFilter
from ntm_desktop.services.ledger.choices import Choices, load_choices
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.history_dialog import HistoryDialog
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.excel import ExcelActions
from ntm_desktop.ui.pages.help.filter_bar import FilterBar
from ntm_desktop.ui.pages.help.table_model import (
    CASH,
    CRITERIA,
    DATE,
    SUPPORTERS,
    TITLE,
    VALUE,
    VILLAGE,
    HelpTableModel,
)
from ntm_desktop.ui.pages.help.totals_bar import TotalsBar
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.forms import show_day
from ntm_desktop.ui.widgets.list_view import list_table
from ntm_desktop.ui.widgets.questions import yes_or_cancel
from ntm_desktop.ui.year import YearState

COLUMN_WIDTHS = {DATE: 96, SUPPORTERS: 230, VILLAGE: 120, CRITERIA: 80, VALUE: 140, CASH: 130}
"""Starting widths; the title takes the room left."""
PATCH_LIMIT = 2_000
"""A change naming more records than this reads the whole ledger again."""


class RemoveConfirmation:
    """Asks before removing a record (tests replace :meth:`ask`)."""

    @staticmethod
    def ask(parent: QWidget, record: Help) -> bool:
        return yes_or_cancel(
            parent,
            tr("Remove this help record?"),
            tr(
                "Remove “{title}” of {date}? It leaves the ledger and its totals; the data file keeps it "
                "in its history.",
                title=record.title,
                date=show_day(record.date),
            ),
        )


class LedgerTab(QWidget):
    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.model = HelpTableModel(self)
        self.choices = Choices(year.year)
        self.stamp: tuple[Any, ...] = ()
        self.loaded = False
        self._loading = False
        self._stale = False
        self._cache_dirty = False
        self._wanted: str | None = None
        """A record to choose once the ledger is read (opened from the overview)."""
        self.excel = ExcelActions(ctx, self, self._notify)
        self._build()
        self.filters.set_year(year.year)

    # ---- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.filters = FilterBar()
        self.search = self.filters.search
        self.add_button = QPushButton(tr("Record help…"))
        self.add_button.setDefault(True)
        self.edit_button = QPushButton(tr("Edit…"))
        self.remove_button = QPushButton(tr("Remove"))
        self.history_button = QPushButton(tr("History…"))
        self.history_button.setToolTip(tr("Who changed this record, when, and what"))
        self.excel_button = QPushButton(tr("Excel"))
        menu = QMenu(self.excel_button)
        self.export_action = menu.addAction(tr("Export the ledger to Excel…"), self._export)
        self.template_action = menu.addAction(tr("Save the empty template…"), self.excel.template)
        self.import_action = menu.addAction(tr("Import from the template…"), self.excel.import_file)
        self.excel_button.setMenu(menu)
        self.table = list_table(self.model, TITLE, COLUMN_WIDTHS, sort=(DATE, Qt.SortOrder.DescendingOrder))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.notice = label(tr("Reading the ledger…"), "subtitle")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.notice)
        self.body.addWidget(self.table)
        self.totals = TotalsBar()
        self.totals.setVisible(False)  # until the ledger is read: no "0 records" while reading
        self.status = label("", "muted")
        self.note = label("", "muted")
        self.note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._lay_out()
        self._connect()
        self._buttons()

    def _connect(self) -> None:
        self.filters.on_change(self._filter)
        self.model.modelReset.connect(self._show_totals)
        self.model.modelReset.connect(self._buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self.table.doubleClicked.connect(lambda _: self.edit_current())
        self.add_button.clicked.connect(self.add_help)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.history_button.clicked.connect(self.show_history)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_help)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_current)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_current)

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.history_button,
            self.excel_button,
        ):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.filters)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.totals)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.note, 1)
        layout.addLayout(bottom)

    # ---- loading ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if not self.loaded and not self._loading:
            self.reload()

    def reload(self) -> None:
        """Read the whole ledger (on the database worker), then show it."""
        self._loading = True
        ws, year = self.ctx.ws, self.year.year
        self.ctx.tasks.run_db(
            lambda: (ledger_cache.load(ws), load_choices(ws, year)), self._loaded, owner=self
        )

    def _loaded(self, result: tuple[Loaded, Choices]) -> None:
        loaded, choices = result
        self._loading, self.loaded = False, True
        if self._stale:  # changed while it was being read: read it again
            self._stale = False
            self.reload()
        self.stamp = loaded.stamp
        self._cache_dirty = False
        self.model.set_ledger(loaded.index)
        self._set_choices(choices)
        self.body.setCurrentWidget(self.table)
        self.totals.setVisible(True)
        if self._wanted:
            self.select(self._wanted)
            self._wanted = None

    def _set_choices(self, choices: Choices) -> None:
        self.choices = choices
        ledger = self.model.ledger
        self.filters.set_choices(choices, ledger.villages())

    def refresh(self, changes: Changes) -> None:
        if self._loading:
            self._stale = self._stale or changes.touches(Kind.HELP, Kind.SUPPORTERS, Kind.UNIT, Kind.CRITERIA)
            return
        if not self.loaded:
            return  # read when first shown
        if changes.touches(Kind.HELP):
            if changes.ids and len(changes.ids) <= PATCH_LIMIT:
                self._patch(changes.ids)
            else:
                self.reload()
                return
        if changes.touches(Kind.SUPPORTERS, Kind.UNIT, Kind.CRITERIA):
            self._reload_choices()

    def _patch(self, uids: tuple[str, ...]) -> None:
        ws = self.ctx.ws
        self.ctx.tasks.run_db(lambda: ws.help.rows(uids), lambda got: self._patched(uids, got), owner=self)

    def _patched(self, uids: tuple[str, ...], got: rows.Read) -> None:
        kept = self.current_uid()
        ledger = self.model.ledger
        ledger.remove(uids)
        ledger.add(got.rows, got.lines)
        self.stamp, self._cache_dirty = got.stamp, True
        self.model.data_changed()
        self.select(uids[0] if len(uids) == 1 and got.rows else kept)

    def _reload_choices(self) -> None:
        ws, year = self.ctx.ws, self.year.year

        def read() -> tuple[dict[str, str], Choices]:
            choices = load_choices(ws, year)
            return {s.uid: s.name for s in choices.supporters}, choices

        self.ctx.tasks.run_db(read, self._choices_read, owner=self)

    def _choices_read(self, result: tuple[dict[str, str], Choices]) -> None:
        names, choices = result
        if self.model.ledger.rename_supporters(names):
            self.model.data_changed()
        self._set_choices(choices)

    def set_year(self, year: int) -> None:
        self.filters.set_year(year)
        if self.loaded:
            self._reload_choices()

    def flush(self) -> None:
        """Keep the cache file current after edits, so the next start is fast (big ledgers only)."""
        ledger = self.model.ledger
        if not self._cache_dirty or ledger.slots < ledger_cache.CACHE_FROM:
            return
        self._cache_dirty = False
        path = ledger_cache.cache_path(self.ctx.ws)
        copy = ledger_cache.snapshot(ledger)
        stamp = self.stamp
        self.ctx.tasks.run(lambda: ledger_cache.write_cache(path, copy, stamp))

    # ---- filter and totals -------------------------------------------------------------------------

    def _filter(self, f: LedgerFilter) -> None:
        kept = self.current_uid()
        self.model.set_filter(f)
        if kept:
            self.select(kept)

    def _show_totals(self) -> None:
        self.totals.show_totals(self.model.totals())
        if self.loaded and not self.model.rowCount():
            self.status.setText(self._empty_text())
        else:
            self.status.setText("")

    def _empty_text(self) -> str:
        """What to do when no row shows: record the first help, look at other years, or loosen filters."""
        if not len(self.model.ledger):
            return tr("No help recorded yet. Press “Record help…” to add the first.")
        f = self.filters.current()
        if f.year is not None and f == LedgerFilter(year=f.year):
            return tr(
                "No help recorded in {year}. Press “Record help…” to add some, or tick “All years” to see "
                "the other years.",
                year=f.year,
            )
        return tr("No record matches these filters.")

    # ---- selection -------------------------------------------------------------------------------

    def current_uid(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.uid_at(index.row()) if index.isValid() else None

    def show_record(self, uid: str) -> None:
        """Clear the filters (every year) and choose the record ``uid``, now or once the ledger is read."""
        self.filters.show_everything()
        if self.loaded:
            self.select(uid)
        else:
            self._wanted = uid

    def select(self, uid: str | None) -> None:
        row = self.model.row_of(uid) if uid else None
        if row is None:
            return
        index = self.model.index(row, TITLE)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _buttons(self) -> None:
        chosen = self.table.currentIndex().isValid()
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    # ---- actions -------------------------------------------------------------------------------------

    def add_help(self) -> None:
        changes = HelpDialog.ask(self, self.ctx, self.choices, day=None)
        if changes is not None:
            self._notify(tr("Saved."))

    def edit_current(self) -> None:
        uid = self.current_uid()
        if uid is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(lambda: ws.help.get(uid), self._edit, owner=self)

    def _edit(self, record: Help) -> None:
        if HelpDialog.ask(self, self.ctx, self.choices, record) is not None:
            self._notify(tr("Saved."))

    def remove_current(self) -> None:
        uid = self.current_uid()
        if uid is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(lambda: ws.help.get(uid), self._remove, owner=self)

    def _remove(self, record: Help) -> None:
        if not RemoveConfirmation.ask(self, record):
            return
        self.ctx.mutate(
            lambda ws: ws.help.remove(record.uid),
            lambda _: self._notify(tr("Removed “{title}”.", title=record.title)),
            owner=self,
        )

    def show_history(self) -> None:
        uid = self.current_uid()
        if uid is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: HELP.title(ws.help.get(uid)),
            lambda title: HistoryDialog.show_for(self, self.ctx, uid, title),
            owner=self,
        )

    def _export(self) -> None:
        self.excel.export(self.filters.current().year)

    def _notify(self, text: str) -> None:
        self.note.setText(text)
