"""Tiêu chí: the year's criteria and indicators in a tree, "17/19 tiêu chí đạt", and the editor."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.criteria.columns import size_columns, wrap_names
from ntm_desktop.ui.pages.criteria.data import YearData, load_year
from ntm_desktop.ui.pages.criteria.editor import AssessmentEditor
from ntm_desktop.ui.pages.criteria.tree_model import (
    CODE,
    COUNT,
    CriteriaFilter,
    CriteriaTreeModel,
)
from ntm_desktop.ui.pages.criteria_sets.item_form import level_name
from ntm_desktop.ui.pages.criteria_sets.news import NewsBanner
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.side_panel import SidePanel
from ntm_desktop.ui.year import YearSpin, YearState

_WATCHED = (Kind.PROGRESS, Kind.CRITERIA, Kind.UNIT, Kind.EVIDENCE)


def met_line(data: YearData) -> str:
    return tr("{met}/{total} criteria met", met=data.summary.met, total=data.summary.total)


class CriteriaPage(Page):
    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.model = CriteriaTreeModel(self)
        self.proxy = CriteriaFilter(self)
        self.proxy.setSourceModel(self.model)
        self.editor = AssessmentEditor(ctx)
        self.news = NewsBanner(ctx)
        self.which = QComboBox()
        """The basic set, or an advanced one the commune follows (nâng cao, kiểu mẫu, hiện đại)."""
        self._set_id: str | None = None
        self._build()
        self._load()

    def _build(self) -> None:
        self.header = label("", "big", wrap=False)
        self.set_name = label("", "muted")
        self.year_spin = YearSpin(self.year)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find by code or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.only_open = QCheckBox(tr("Only what is not met yet"))
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(CODE, Qt.SortOrder.AscendingOrder)
        wrap_names(self.tree)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(16)
        scroll = SidePanel(self.editor, floor=320)
        self.split = QSplitter()
        self.split.addWidget(self.tree)
        self.split.addWidget(scroll)
        self.split.setStretchFactor(0, 5)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([900, 320])
        self.split.setChildrenCollapsible(False)
        self.empty = label("", "subtitle")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.split)
        self.body.addWidget(self.empty)
        self._lay_out()
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.textChanged.connect(lambda _: self.tree.expandAll())
        self.only_open.toggled.connect(self.proxy.set_only_open)
        self.which.activated.connect(self._which_chosen)
        self.only_open.toggled.connect(lambda _: self.tree.expandAll())
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(lambda _: self.editor.value.setFocus())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(self.search.setFocus)
        # Enter on a row goes to its value; Esc in the editor comes back to the tree.
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.editor)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.tree.setFocus)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.header)
        titles.addWidget(self.set_name)
        top.addLayout(titles, 1)
        year_label = QLabel(tr("&Year"))
        year_label.setBuddy(self.year_spin)
        top.addWidget(year_label)
        top.addWidget(self.year_spin)
        tools = QHBoxLayout()
        tools.addWidget(self.which)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.only_open)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.news)
        layout.addLayout(tools)
        layout.addWidget(self.body, 1)
        self.setTabOrder(self.year_spin, self.search)
        self.setTabOrder(self.search, self.only_open)
        self.setTabOrder(self.only_open, self.tree)

    # ---- Page ----------------------------------------------------------------------------------

    def set_year(self, year: int) -> None:
        self.editor.flush()
        self._load()

    def refresh(self, changes: Changes) -> None:
        if changes.touches(*_WATCHED):
            self._load()
        if changes.touches(Kind.CRITERIA, Kind.SYNC):
            self.news.reload()

    def flush(self) -> None:
        self.editor.flush()

    def unsaved(self) -> str:
        return self.editor.unsaved()

    # ---- loading -------------------------------------------------------------------------------

    def _fill_which(self) -> None:
        """Offer the advanced sets the commune follows for this year beside the basic one."""
        advanced = self.ctx.ws.criteria_years.advanced_for(self.year.year)
        ids = [cs.id for cs in advanced]
        if self._set_id not in ids:
            self._set_id = None
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItem(tr("Basic set"), None)
        for cs in advanced:
            self.which.addItem(tr("{level}: {name}", level=level_name(cs.level), name=cs.name), cs.id)
        self.which.setCurrentIndex(max(self.which.findData(self._set_id), 0))
        self.which.blockSignals(False)
        self.which.setVisible(bool(advanced))

    def _which_chosen(self, _: int) -> None:
        self.editor.flush()
        data = self.which.currentData()
        self._set_id = str(data) if data else None
        self._load()

    def _load(self) -> None:
        self._fill_which()
        try:
            data = load_year(self.ctx.ws, self.year.year, self._set_id)
        except InvalidInput as exc:
            self._show_empty(exc.message)
            return
        kept = self._current_code()
        reset = self.model.year_data is None or self.model.year_data.structure != data.structure
        self.model.load(data)
        self.body.setCurrentWidget(self.split)
        self.header.setText(met_line(data))
        recorded = tr("{recorded}/{total} recorded", recorded=data.summary.recorded, total=data.summary.total)
        self.set_name.setText(f"{data.cs.name} — {data.cs.legal_basis_text} · {recorded}")
        size_columns(self.tree, self.model, grow_only=not reset)
        if reset:
            # A set judged criterion by criterion (2026–2030) has no indicators to count.
            self.tree.setColumnHidden(COUNT, data.cs.indicator_count == 0)
            self.tree.expandAll()
            self._select(kept)
        else:
            current = self._current_node()
            if current is not None and kept == self._code_of(current):
                self.editor.refresh(data)
            else:
                self._current_changed(self.tree.currentIndex(), QModelIndex())

    def _show_empty(self, message: str) -> None:
        self.model.load(None)
        self.editor.show_nothing()
        self.header.setText(tr("No criteria set for {year}", year=self.year.year))
        self.set_name.setText("")
        self.empty.setText(message)
        self.body.setCurrentWidget(self.empty)

    # ---- selection -----------------------------------------------------------------------------

    def _current_node(self) -> tuple[object, object] | None:
        return self.model.node(self.proxy.mapToSource(self.tree.currentIndex()))

    @staticmethod
    def _code_of(node: tuple[object, object]) -> tuple[str, bool]:
        criterion, indicator = node
        item = indicator if indicator is not None else criterion
        return str(getattr(item, "code", "")), indicator is not None

    def _current_code(self) -> tuple[str, bool] | None:
        node = self._current_node()
        return self._code_of(node) if node is not None else None

    def _select(self, code: tuple[str, bool] | None) -> None:
        source = self.model.find(*code) if code else QModelIndex()
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.editor.show_nothing()
            return
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def select_code(self, code: str, indicator: bool = True) -> None:
        """Select an indicator (or a criterion) by its code, as a click would."""
        self._select((code, indicator))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.model.node(self.proxy.mapToSource(current))
        data = self.model.year_data
        if node is None or data is None:
            self.editor.show_nothing()
            return
        criterion, indicator = node
        self.editor.show_item(data, criterion, indicator)
