"""Các xã: every commune the office expects or has heard from, for the selected year.

Criteria met and the change since the year before, the latest bundle received, the sign-off status in its
colour, open conflicts and correction requests. The officer filters by status ("Chưa báo cáo" shows who
has not reported) and by text without accents, opens a commune's record, marks it reviewed, approves it,
or returns it for correction with a reason; every step is kept in its status history.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.receiver.values import (
    APPROVED,
    NOT_REPORTED,
    RECEIVED,
    RETURNED,
    REVIEWED,
    STATUSES,
    UnitRow,
)
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.receiver import status as st
from ntm_desktop.ui.pages.receiver.amendments import AmendmentsDialog
from ntm_desktop.ui.pages.receiver.communes_model import (
    AMENDMENTS,
    BUNDLE,
    CHANGE,
    CODE,
    CONFLICTS,
    CORRECTIONS,
    CRITERIA,
    NAME,
    RECOGNISED,
    STATUS,
    CommunesFilter,
    CommunesModel,
)
from ntm_desktop.ui.pages.receiver.dialogs import ApproveConfirm, StatusHistoryDialog
from ntm_desktop.ui.pages.receiver.merge_dialog import MergeDialog
from ntm_desktop.ui.pages.receiver.return_dialog import ReturnDialog, ToCorrect, to_correct_choices
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.year import YearSpin, YearState

WATCHED = (Kind.SYNC, Kind.RECEIVER, Kind.PROGRESS, Kind.UNIT, Kind.CRITERIA)
CSV_FILTER = "CSV (*.csv)"


def summary_text(rows: list[UnitRow]) -> str:
    reported = sum(1 for r in rows if r.status != NOT_REPORTED)
    approved = sum(1 for r in rows if r.status == APPROVED)
    standard = sum(1 for r in rows if r.reached_standard)
    return tr(
        "{reported} · {approved} approved · {standard} · {recognised} recognised by a decision",
        reported=trn(
            "{reported}/{n} commune reported",
            "{reported}/{n} communes reported",
            len(rows),
            reported=reported,
        ),
        approved=approved,
        standard=trn(
            "{n} meets every criterion by its own figures",
            "{n} meet every criterion by their own figures",
            standard,
        ),
        recognised=sum(1 for r in rows if r.recognised),
    )


_WIDTHS = {
    CODE: 62,
    CRITERIA: 92,
    CHANGE: 76,
    BUNDLE: 186,
    STATUS: 225,
    CONFLICTS: 80,
    CORRECTIONS: 90,
    AMENDMENTS: 94,
}
"""The columns' widths in pixels (the name column takes the rest): fit at 1366×768 in both languages."""


class CommunesPage(Page):
    def __init__(
        self,
        ctx: AppContext,
        year: YearState,
        open_commune: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        signs_off: bool = True,
    ) -> None:
        """``signs_off``: this office reviews, approves and returns its communes' years (a province);
        the national office only receives the province's decisions, so it has no such buttons."""
        super().__init__(parent)
        self.ctx, self.year, self.open_commune = ctx, year, open_commune
        self.signs_off = signs_off
        self.loaded = False
        self.model = CommunesModel(self)
        self.proxy = CommunesFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.reload()

    # ---- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = label("", "muted")
        self._build_filters()
        self._build_table()
        self._build_actions()
        self.notice = label("", "muted")
        self._lay_out()
        self.province_decides.setVisible(not self.signs_off)  # laid out first: never a window of its own
        province_only = (
            self.reviewed_button, self.approve_button, self.return_button, self.amendments_button,
            self.expect_button,  # the national office gets each province's list in its roll-up
        )  # fmt: skip
        for button in province_only:
            button.setVisible(self.signs_off)
        self._connect()

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Find a commune by code or name (accents optional)"))
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(st.label(status), status)
        self.status_filter.addItem(tr("Recognised by a decision"), RECOGNISED)
        self.expect_button = QPushButton(tr("Load the list of expected communes…"))
        self.province_button = QPushButton()
        self.province_button.setToolTip(tr("Show the communes of every province"))
        self.province_button.setVisible(False)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CODE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in _WIDTHS.items():
            head.resizeSection(column, width)
        self.empty = label("", "muted")

    def _build_actions(self) -> None:
        self.view_button = QPushButton(tr("Open the commune's record"))
        self.reviewed_button = QPushButton(tr("Mark as reviewed"))
        self.approve_button = QPushButton(tr("Approve…"))
        self.approve_button.setToolTip(tr("A commune's year is approved after it has been reviewed."))
        self.return_button = QPushButton(tr("Return for correction…"))
        self.history_button = QPushButton(tr("Status history"))
        self.amendments_button = QPushButton(tr("Amendment requests…"))
        self.amendments_button.setToolTip(
            tr("Changes communes sent for years already approved, waiting for your decision.")
        )
        self.amendments: AmendmentsDialog | None = None
        self.merge_button = QPushButton(tr("Merged communes…"))
        self.merge_button.setToolTip(
            tr("Communes merged in 2025: their earlier data count for the commune they became part of.")
        )
        self.merges: MergeDialog | None = None
        self.province_decides = label(
            tr("The province reviews and approves its communes; its decisions arrive in its roll-up."),
            "muted",
        )
        self.province_decides.setWordWrap(False)  # one line beside the buttons it stands for

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(label(tr("Communes"), "title"))
        titles.addWidget(self.summary)
        head.addLayout(titles, 1)
        year_label = QLabel(tr("&Year"))
        spin = YearSpin(self.year)
        year_label.setBuddy(spin)
        head.addWidget(year_label)
        head.addWidget(spin)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.province_button)
        tools.addWidget(self.status_filter)
        tools.addWidget(self.expect_button)
        tools.addWidget(self.merge_button)
        actions = QHBoxLayout()
        for button in (self.view_button, self.reviewed_button, self.approve_button, self.return_button):
            actions.addWidget(button)
        actions.addWidget(self.province_decides)
        actions.addStretch(1)
        actions.addWidget(self.amendments_button)
        actions.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(head)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(actions)
        layout.addWidget(self.notice)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.proxy.set_text)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_status(self.status_filter.currentData())
        )
        self.proxy.modelReset.connect(self._selected)
        self.proxy.layoutChanged.connect(self._selected)
        self.proxy.rowsRemoved.connect(self._selected)
        self.proxy.rowsInserted.connect(self._selected)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _: self.view_current())
        self.view_button.clicked.connect(self.view_current)
        self.reviewed_button.clicked.connect(lambda: self.change_status(REVIEWED))
        self.approve_button.clicked.connect(lambda: self.change_status(APPROVED))
        self.return_button.clicked.connect(lambda: self.change_status(RETURNED))
        self.history_button.clicked.connect(self.show_history)
        self.amendments_button.clicked.connect(self.show_amendments)
        self.merge_button.clicked.connect(self.show_merges)
        self.expect_button.clicked.connect(self.load_expected)
        self.province_button.clicked.connect(lambda: self.show_province(None))

    # ---- Page ------------------------------------------------------------------------------------

    def set_year(self, year: int) -> None:
        self.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.reload()
            if self.amendments is not None and self.amendments.isVisible():
                self.amendments.reload()  # a bundle imported meanwhile may bring new requests

    def reload(self) -> None:
        ws, year = self.ctx.ws, self.year.year
        self.ctx.tasks.run_db(lambda: ws.receiver.units(year), self.show_rows, owner=self)

    def show_rows(self, rows: list[UnitRow]) -> None:
        kept = self.current()
        self.model.set_rows(rows)
        self.loaded = True
        self.summary.setText(summary_text(rows))
        self.empty.setText(
            tr(
                "No commune yet. Import their bundles on the Sync page, "
                "or load the list of expected communes."
            )
        )
        self.empty.setVisible(not rows)
        self._show_waiting(rows)
        if self.merges is not None:
            self.merges.set_rows(rows)
        if kept is not None:
            self.select(kept.code)
        self._selected()

    def _show_waiting(self, rows: list[UnitRow]) -> None:
        waiting = sum(r.open_amendments for r in rows)
        self.amendments_button.setText(
            tr("Amendment requests ({count})…", count=waiting) if waiting else tr("Amendment requests…")
        )
        self.amendments_button.setEnabled(bool(waiting))

    def show_province(self, code: str | None, name: str = "") -> None:
        """Only the communes of province ``code`` (``None``: every province's), as the national office
        opens a province from its list of provinces."""
        self.proxy.set_province(code)
        self.province_button.setText(tr("Province: {name} ✕", name=name or code or ""))
        self.province_button.setVisible(code is not None)
        self._selected()

    # ---- selection -------------------------------------------------------------------------------

    def current(self) -> UnitRow | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.unit(index.row()) if index.isValid() else None

    def select(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _selected(self) -> None:
        unit = self.current()
        status = unit.status if unit else None
        self.view_button.setEnabled(unit is not None)
        self.history_button.setEnabled(unit is not None)
        self.reviewed_button.setEnabled(status in (RECEIVED, RETURNED))
        self.approve_button.setEnabled(status == REVIEWED)
        self.return_button.setEnabled(status in (RECEIVED, REVIEWED, APPROVED))

    # ---- actions ---------------------------------------------------------------------------------

    def view_current(self, _: QModelIndex | None = None) -> None:
        unit = self.current()
        if unit is not None:
            self.open_commune(unit.code)

    def change_status(self, status: str) -> None:
        unit, year = self.current(), self.year.year
        if unit is None:
            return
        if status == APPROVED and not ApproveConfirm.ask(self, unit, year):
            return
        if status == RETURNED:
            ws, code = self.ctx.ws, unit.code
            self.ctx.tasks.run_db(
                lambda: to_correct_choices(ws, code, year),
                lambda choices: self._return(unit, year, choices),
                owner=self,
            )
            return
        self._set_status(unit, year, status)

    def _return(self, unit: UnitRow, year: int, choices: list[ToCorrect]) -> None:
        """Ask the reason and, if the clerk names one, the indicator the commune must correct."""
        asked = ReturnDialog.ask(self, unit, year, choices)
        if asked is not None:
            self._set_status(unit, year, RETURNED, asked.reason, asked.record)

    def _set_status(
        self, unit: UnitRow, year: int, status: str, reason: str = "", record: tuple[str, str] | None = None
    ) -> None:
        code = unit.code
        self.ctx.mutate(
            lambda ws: ws.receiver.set_status(code, year, status, reason=reason, record=record),
            lambda _: self.notice.setText(tr("{name}: {status}", name=unit.name, status=st.label(status))),
            owner=self,
        )

    def show_history(self) -> None:
        unit, year = self.current(), self.year.year
        if unit is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: ws.receiver.status_history(unit.code, year),
            lambda changes: StatusHistoryDialog.show_history(self, unit, year, changes),
            owner=self,
        )

    def show_amendments(self) -> None:
        """The waiting amendment requests, the selected commune's first; one window, kept open beside
        the list while the clerk decides."""
        unit = self.current()
        names = {r.code: r.name for r in self.model.rows()}
        if self.amendments is None:
            self.amendments = AmendmentsDialog(self.ctx, names, self)
        self.amendments.names = names
        self.amendments.reload(unit.code if unit is not None and unit.open_amendments else None)
        self.amendments.show()
        self.amendments.raise_()
        self.amendments.activateWindow()

    def show_merges(self) -> None:
        """Record or undo a 2025 merger; the selected commune's own declaration is offered first."""
        unit = self.current()
        if self.merges is None:
            self.merges = MergeDialog(self.ctx, self)
        self.merges.set_rows(self.model.rows(), unit.code if unit is not None else None)
        self.merges.open()

    def ask_units_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Load the list of expected communes"), "", CSV_FILTER)
        return Path(name) if name else None

    def load_expected(self) -> None:
        path = self.ask_units_file()
        if path is None:
            return
        self.ctx.mutate(
            lambda ws: ws.receiver.expect_units_file(path),
            lambda _: self.notice.setText(
                tr("Loaded the list of expected communes from {file}.", file=path.name)
            ),
            owner=self,
        )
