"""Hồ sơ xã: one commune's record, read-only, as the commune sees it in its own workspace.

Its criteria tree for the year (the commune's own criteria page model), its help totals and supporters,
its seconded cadres, and its sign-off status with the history. Nothing here can be edited: a problem goes
back to the commune as a correction request on the selected indicator.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_money
from ntm_desktop.receiver.values import APPROVED, UnitRow, recognition_level_label
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.ledger.wording import item_phrase
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.criteria.columns import size_columns, wrap_names
from ntm_desktop.ui.pages.criteria.tree_model import (
    COUNT,
    TARGET,
    CriteriaFilter,
    CriteriaTreeModel,
)
from ntm_desktop.ui.pages.receiver import status as st
from ntm_desktop.ui.pages.receiver.dialogs import CorrectionDialog
from ntm_desktop.ui.pages.receiver.recognise_dialog import RecognitionDialog
from ntm_desktop.ui.pages.receiver.record_data import RecordData, load_record
from ntm_desktop.ui.pages.sync.wording import local_time
from ntm_desktop.ui.style import MUTED_COLOUR
from ntm_desktop.ui.widgets.fields import card, label
from ntm_desktop.ui.widgets.forms import show_day
from ntm_desktop.ui.widgets.side_panel import SidePanel
from ntm_desktop.ui.year import YearSpin, YearState

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

WATCHED = (
    Kind.SYNC,
    Kind.RECEIVER,
    Kind.PROGRESS,
    Kind.HELP,
    Kind.CADRES,
    Kind.UNIT,
    Kind.CRITERIA,
    Kind.SUPPORTERS,
)
TOP_SUPPORTERS = 8


class RecordPage(Page):
    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.code: str | None = None
        self.data: RecordData | None = None
        self.model = CriteriaTreeModel(self)
        self.proxy = CriteriaFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._load_units()

    # ---- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.picker = QComboBox()
        self.picker.setMinimumContentsLength(28)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setAccessibleName(tr("Commune"))
        self.picker.currentIndexChanged.connect(lambda _: self._picked())
        self.title = label(tr("Commune record"), "title")
        self.subtitle = label("", "muted")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(
            True
        )  # the state and the changes waiting beside it: a line on a laptop is short
        self.count = label("", "big", wrap=False)
        self.set_name = label("", "muted")
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAlternatingRowColors(True)
        wrap_names(self.tree)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIndentation(16)
        self.no_criteria = label("", "subtitle")
        self.no_criteria.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.request_button = QPushButton(tr("Ask the commune to correct this…"))
        self.request_button.clicked.connect(self.request_correction)
        self.recognise_button = QPushButton(tr("Record the recognition decision…"))
        self.recognise_button.setToolTip(tr("For an approved year: the province's decision recognising it"))
        self.recognise_button.clicked.connect(self.record_recognition)
        self.recognised = label("", "muted")
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._tree_selected())
        self.help_box = QLabel()
        self.help_box.setTextFormat(Qt.TextFormat.RichText)
        self.help_box.setWordWrap(True)
        self.help_box.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.people_box = QLabel()
        self.people_box.setTextFormat(Qt.TextFormat.RichText)
        self.people_box.setWordWrap(True)
        self.history_box = QLabel()
        self.history_box.setTextFormat(Qt.TextFormat.RichText)
        self.history_box.setWordWrap(True)
        self.empty = label(tr("Choose a commune on the Communes page, or in the list above."), "subtitle")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        top.addWidget(QLabel(tr("Commune")))
        top.addWidget(self.picker)
        top.addWidget(QLabel(tr("Year")))
        top.addWidget(YearSpin(self.year))
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        counts = QHBoxLayout()
        counts.addWidget(self.count)
        counts.addWidget(self.status, 1, Qt.AlignmentFlag.AlignVCenter)
        lv.addLayout(counts)
        lv.addWidget(self.set_name)
        lv.addWidget(self.recognised)
        lv.addWidget(self.tree, 1)
        lv.addWidget(self.no_criteria, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.recognise_button)
        buttons.addStretch(1)
        lv.addLayout(buttons)
        self.split = QSplitter()
        self.split.addWidget(left)
        self.split.addWidget(self._side_cards())
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(top)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.empty, 1)
        self.split.setVisible(False)

    def _side_cards(self) -> QScrollArea:
        """Help, cadres and the status history, one card each, beside the criteria tree."""
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 4, 0)
        for title, box in (
            (tr("Help received"), self.help_box),
            (tr("Seconded cadres"), self.people_box),
            (tr("Status history"), self.history_box),
        ):
            frame = card()
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(14, 10, 14, 10)
            inner.addWidget(label(title, "subtitle"))
            inner.addWidget(box)
            rv.addWidget(frame)
        rv.addStretch(1)
        scroll = SidePanel(right, floor=290)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    # ---- which commune ---------------------------------------------------------------------------

    def show_commune(self, code: str) -> None:
        """Open ``code``'s record (from the Communes page)."""
        self.code = code
        found = self.picker.findData(code)
        if found >= 0:
            self.picker.blockSignals(True)  # _picked would see the code already chosen and load nothing
            self.picker.setCurrentIndex(found)
            self.picker.blockSignals(False)
        self.reload()

    def _load_units(self) -> None:
        ws, year = self.ctx.ws, self.year.year
        self.ctx.tasks.run_db(lambda: ws.receiver.units(year), self._fill_picker, owner=self)

    def _fill_picker(self, rows: list[UnitRow]) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for r in sorted(rows, key=lambda r: r.code):
            self.picker.addItem(f"{r.code} · {r.name}", r.code)
        if not self.code:  # nothing chosen yet: the first commune that reported
            self.code = next((r.code for r in sorted(rows, key=lambda r: r.code) if r.reported), None)
        self.picker.setCurrentIndex(self.picker.findData(self.code) if self.code else -1)
        self.picker.blockSignals(False)
        if self.code:
            self.reload()

    def _picked(self) -> None:
        code = self.picker.currentData()
        if isinstance(code, str) and code != self.code:
            self.code = code
            self.reload()

    # ---- Page ------------------------------------------------------------------------------------

    def set_year(self, year: int) -> None:
        self.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.touches(Kind.SYNC, Kind.RECEIVER, Kind.UNIT):
            self._load_units()
        elif changes.touches(*WATCHED):
            self.reload()

    def reload(self) -> None:
        if not self.code:
            return
        ws, code, year = self.ctx.ws, self.code, self.year.year
        self.ctx.tasks.run_db(lambda: load_record(ws, code, year), self.show_record, owner=self)

    # ---- showing ---------------------------------------------------------------------------------

    def show_record(self, data: RecordData) -> None:
        self.data = data
        view, profile = data.view, data.view.profile
        self.empty.setVisible(False)
        self.split.setVisible(True)
        self.title.setText(view.name)
        parts = [tr("Code {code}", code=view.code), profile.province_name]
        if view.predecessors:
            parts.append(tr("merged from {codes}", codes=", ".join(view.predecessors)))
        if view.successor:
            parts.append(tr("merged into {code}", code=view.successor))
        parts.append(tr("read-only: the commune records its own data"))
        self.subtitle.setText(" · ".join(p for p in parts if p))
        status = data.row.status if data.row else ""
        self.status.setText(
            f"<span style='color:{st.colour(status).name()}; background:{st.background(status).name()};"
            f" font-weight:600'>&nbsp;{escape(st.label(status))}&nbsp;</span>{waiting_html(data)}"
            if status
            else ""
        )
        self._recognition(data)
        self._criteria(data)
        self.help_box.setText(help_html(data))
        self.people_box.setText(cadres_html(data))
        self.history_box.setText(history_html(data))

    def _recognition(self, data: RecordData) -> None:
        row = data.row
        found = row.recognitions if row else ()
        self.recognised.setText(
            "; ".join(
                tr(
                    "Recognised: {level}, decision {decision} of {date}",
                    level=recognition_level_label(r.level),
                    decision=r.decision,
                    date=show_day(r.decided_on),
                )
                for r in found
            )
            or tr("Not recognised by a decision for {year}", year=data.year)
        )
        self.recognise_button.setVisible(data.deciding)
        self.request_button.setVisible(data.deciding)  # the province asks its communes, not the nation
        self.recognise_button.setEnabled(data.deciding and row is not None and row.status == APPROVED)

    def record_recognition(self) -> None:
        row = self.data.row if self.data else None
        if row is None:
            return
        year = self.data.year if self.data else self.year.year
        found = RecognitionDialog.ask(self, row, year)
        if found is None:
            return
        code = row.code

        def change(ws: Workspace) -> Changes:
            return ws.receiver.recognise(
                code, year, decision=found.decision, decided_on=found.decided_on, level=found.level
            )

        self.ctx.mutate(change, owner=self)

    def _criteria(self, data: RecordData) -> None:
        y = data.criteria
        self.model.load(y)
        self.tree.setVisible(y is not None)
        self.no_criteria.setVisible(y is None)
        if y is None:
            self.count.setText("—")
            self.set_name.setText("")
            self.no_criteria.setText(
                data.problem
                or tr("{name} has sent no criteria results for {year}.", name=data.view.name, year=data.year)
            )
        else:
            self.count.setText(tr("{met}/{total} criteria met", met=y.summary.met, total=y.summary.total))
            self.set_name.setText(f"{y.cs.name} — {y.cs.legal_basis_text}")
            size_columns(self.tree, self.model)
            self.tree.setColumnHidden(TARGET, True)  # a commune's own plans: not on the record
            self.tree.setColumnHidden(COUNT, y.cs.indicator_count == 0)
            self.tree.expandAll()
        self._tree_selected()

    def _tree_selected(self) -> None:
        node = self.model.node(self.proxy.mapToSource(self.tree.currentIndex()))
        assessment = None
        if node is not None and self.model.year_data is not None:
            assessment = self.model.year_data.assessment(*node)
        self.request_button.setEnabled(assessment is not None)

    def request_correction(self) -> None:
        data = self.model.year_data
        node = self.model.node(self.proxy.mapToSource(self.tree.currentIndex()))
        if data is None or node is None or self.code is None:
            return
        assessment = data.assessment(*node)
        if assessment is None:
            return
        criterion, indicator = node
        item = indicator or criterion
        what = f"{item.code} {item.name}"
        reason = CorrectionDialog.ask(self, self.data.view.name if self.data else self.code, what)
        if reason is None:
            return
        code, record = self.code, assessment.record_id

        def change(ws: Workspace) -> Changes:
            ws.sync.request_correction(code, ASSESSMENTS.list_name, record, reason)
            return Changes.of(Kind.SYNC, action="sync.request_correction")

        self.ctx.mutate(change, owner=self)


def waiting_html(data: RecordData) -> str:
    """Beside the state: changes the commune sent for approved years that wait for a decision (the
    figures shown are those approved)."""
    count = data.row.open_amendments if data.row else 0
    if not count:
        return ""
    text = (
        trn(
            "{n} change to an approved year waits for your decision (Amendment requests…)",
            "{n} changes to approved years wait for your decision (Amendment requests…)",
            count,
        )
        if data.deciding
        else trn(
            "{n} change to an approved year waits for the province's decision",
            "{n} changes to approved years wait for the province's decision",
            count,
        )
    )
    return f" <span style='color:{MUTED_COLOUR}'>· {escape(text)}</span>"


def help_html(data: RecordData) -> str:
    t = data.totals
    if not t.records:
        return escape(tr("No help recorded for {year}.", year=data.year))
    lines = [
        "<b>" + escape(trn("{n} help record", "{n} help records", t.records)) + "</b>",
        escape(tr("Total value in money: {value}", value=format_money(t.value_vnd))),
        escape(tr("Cash: {cash}", cash=format_money(t.cash_vnd))),
    ]
    phrases = [item_phrase(i) for i in t.items if i.kind != "cash"]
    if phrases:
        lines.append("<span style='color:#5f6368'>" + escape("; ".join(phrases)) + "</span>")
    if data.supporters:
        lines.append("<br><b>" + escape(tr("By supporter")) + "</b>")
        for g in data.supporters[:TOP_SUPPORTERS]:
            lines.append(f"{escape(g.label)}: {escape(format_money(g.value_vnd))}")
        more = len(data.supporters) - TOP_SUPPORTERS
        if more > 0:
            lines.append(escape(trn("and {n} more supporter", "and {n} more supporters", more)))
    return "<br>".join(lines)


def cadres_html(data: RecordData) -> str:
    if not data.cadres:
        return escape(tr("No cadre seconded to the commune in {year}.", year=data.year))
    lines = []
    for c in data.cadres:
        home = f" — {escape(c.supporter_name)}" if c.supporter_name else ""
        position = f", {escape(c.position)}" if c.position else ""
        lines.append(f"<b>{escape(c.name)}</b>{position}{home}")
    return "<br>".join(lines)


def history_html(data: RecordData) -> str:
    if not data.history:
        return escape(tr("The status has not changed yet."))
    lines = []
    for c in data.history:
        reason = f" — {escape(c.reason)}" if c.kind == "status" and c.reason else ""
        lines.append(
            f"{escape(local_time(c.at))}: <span style='color:{st.entry_colour(c).name()}; font-weight:600'>"
            f"{escape(st.entry_text(c))}</span>{reason} "
            f"<span style='color:#5f6368'>({escape(c.actor)})</span>"
        )
    return "<br>".join(lines)
