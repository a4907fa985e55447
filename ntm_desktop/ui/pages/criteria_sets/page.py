"""Bộ tiêu chí: the criteria sets, and an editor for one — its criteria and indicators on the left, the
selected item's fields on the right, every problem ``parse_set`` finds under its field and in the list
below; "Lưu phiên bản mới" stores a new revision. The receiving unit (and a commune that has not received
a set from it) types the values of Phụ lục I here, or in Excel (the same buttons as the CLI)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.setlabels import LEVELS
from ntm_desktop.criteria.editing import ItemPath, ItemProblem, SetDraft
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.services.criteria import SetInfo
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.criteria_sets import actions
from ntm_desktop.ui.pages.criteria_sets.host import SetsHost
from ntm_desktop.ui.pages.criteria_sets.item_form import ItemForms, said
from ntm_desktop.ui.widgets.fields import label

PATH = Qt.ItemDataRole.UserRole
"""Where a tree item or a problem keeps its item path."""


class SetsPage(SetsHost):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft: SetDraft | None = None
        self.editable = True
        self.infos: list[SetInfo] = []
        self._check = QTimer(self, singleShot=True, interval=150)
        self._check.timeout.connect(self._show_problems)
        self._build()
        self.reload_sets()

    # ---- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.sets = QComboBox()
        self.sets.setMinimumContentsLength(40)
        self.sets.activated.connect(lambda _: self._open(self.sets.currentData()))
        self.state = label("", "muted")
        self.save_button = QPushButton(tr("Save as a new revision"))
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(tr("Undo changes"))
        self.undo_button.clicked.connect(lambda: self._open(self._current_id()))
        self.new_button = QPushButton(tr("New set…"))
        self.import_button = QPushButton(tr("Import from Excel…"))
        self.export_button = QPushButton(tr("Export to Excel…"))
        self.compare_button = QPushButton(tr("Compare revisions…"))
        self._wire_buttons()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Code"), tr("Criterion, indicator")])
        self.tree.setColumnWidth(0, 96)
        self.tree.setIndentation(14)
        self.tree.currentItemChanged.connect(lambda item, _: self._select(item))
        self.add_criterion = QPushButton(tr("+ Criterion"))
        self.add_indicator = QPushButton(tr("+ Indicator"))
        self.remove_button = QPushButton(tr("Remove"))
        self.add_criterion.clicked.connect(self._new_criterion)
        self.add_indicator.clicked.connect(self._new_indicator)
        self.remove_button.clicked.connect(self._remove)
        self.forms = ItemForms(self._apply)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(74)
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        self._lay_out()

    def _wire_buttons(self) -> None:

        self.new_button.clicked.connect(lambda: actions.new_set(self))
        self.import_button.clicked.connect(lambda: actions.import_excel(self))
        self.export_button.clicked.connect(lambda: actions.export_excel(self))
        self.compare_button.clicked.connect(lambda: actions.compare(self))

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(label(tr("Criteria sets"), "title"))
        top.addWidget(self.sets, 1)
        for button in (self.new_button, self.import_button, self.export_button, self.compare_button):
            top.addWidget(button)
        second = QHBoxLayout()
        second.addWidget(self.state, 1)
        second.addWidget(self.undo_button)
        second.addWidget(self.save_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        for button in (self.add_criterion, self.add_indicator, self.remove_button):
            buttons.addWidget(button)
        left_box.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.forms)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([440, 660])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(split, 1)
        layout.addWidget(label(tr("Problems to fix before saving"), "subtitle"))
        layout.addWidget(self.problems)

    # ---- Page ----------------------------------------------------------------------------------

    def refresh(self, changes: Changes) -> None:
        if changes.touches(Kind.CRITERIA) and not (self.draft and self.draft.changed):
            self.reload_sets(self._current_id())

    def unsaved(self) -> str:
        if self.draft is not None and self.draft.changed:
            return tr(
                "The criteria set has changes not saved yet: save them as a new revision, or undo them."
            )
        return ""

    # ---- loading -------------------------------------------------------------------------------

    def reload_sets(self, keep: str | None = None) -> None:
        self.infos = self.ctx.ws.criteria.sets()
        self.sets.clear()
        for info in self.infos:
            self.sets.addItem(info.name_vi, info.id)  # its revision is on the line below the list
            self.sets.setItemData(self.sets.count() - 1, info.id, Qt.ItemDataRole.ToolTipRole)
        wanted = keep or self._in_force_id()
        self.sets.setCurrentIndex(max(self.sets.findData(wanted), 0))
        self._open(self.sets.currentData())

    def _in_force_id(self) -> str | None:

        return self.ctx.ws.criteria.set_id_for_year(vntime.today().year)

    def _current_id(self) -> str | None:
        data = self.sets.currentData()
        return str(data) if data else None

    def _open(self, set_id: str | None) -> None:
        if not set_id:
            return
        self.open_set(self.ctx.ws.criteria.get(set_id))

    def open_set(self, cs: CriteriaSet | dict[str, Any], *, new: bool = False) -> None:
        """Show ``cs`` for editing (``new``: not stored yet, e.g. a new set or one read from Excel)."""
        self.draft = SetDraft(cs)
        if new:
            self.draft.base = {}
        self.editable = new or self._editable(str(self.draft.data.get("id", "")))
        self._fill_tree(select=())
        self._update_state()

    def _editable(self, set_id: str) -> bool:
        """A commune does not edit a set its receiving unit sent: that one is the province's."""
        if self.ctx.ws.settings.role == "receiver":
            return True
        try:
            return all(origin != "sync" for _, origin, _ in self.ctx.ws.criteria.revisions(set_id))
        except Exception:  # a set not stored yet
            return True

    def _fill_tree(self, select: ItemPath) -> None:
        assert self.draft is not None
        self.tree.blockSignals(True)
        self.tree.clear()
        data = self.draft.data
        root = QTreeWidgetItem(["", data.get("name_vi", "")])  # the set's id is a tooltip: too long here
        root.setToolTip(1, data.get("id", ""))
        root.setData(0, PATH, ())
        self.tree.addTopLevelItem(root)
        chosen = root
        for n, c in enumerate(data.get("criteria", [])):
            item = QTreeWidgetItem(root, [c.get("code", ""), c.get("name_vi", "")])
            item.setData(0, PATH, (n,))
            chosen = item if select == (n,) else chosen
            for j, i in enumerate(c.get("indicators", [])):
                child = QTreeWidgetItem(item, [i.get("code", ""), i.get("name_vi", "")])
                child.setData(0, PATH, (n, j))
                chosen = child if select == (n, j) else chosen
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.tree.setCurrentItem(chosen)
        self._select(chosen)

    # ---- editing -------------------------------------------------------------------------------

    def current_path(self) -> ItemPath:
        item = self.tree.currentItem()
        return tuple(item.data(0, PATH)) if item is not None else ()

    def _select(self, item: QTreeWidgetItem | None) -> None:
        if self.draft is None or item is None:
            return
        path = tuple(item.data(0, PATH))
        form = self.forms.show_item(path, self.draft.item(path), self.draft.data.get("dimension", "group"))
        form.set_editable(self.editable)
        self._show_problems()

    def _apply(self, path: ItemPath, key: str, value: Any) -> None:
        if self.draft is None or not self.editable:
            return
        if key.startswith("threshold:"):
            name = key.split(":", 1)[1]
            self.draft.set_threshold(path, None if name == "general" else name, str(value))
        elif key.startswith("req:"):
            self.draft.set_requirement_for(path, key.split(":", 1)[1], str(value))
        else:
            self.draft.set_field(path, key, value)
        if key in ("code", "name_vi", "id"):
            self._retitle(path)
        self._update_state()

    def _retitle(self, path: ItemPath) -> None:
        item = self.tree.currentItem()
        if item is not None and self.draft is not None and tuple(item.data(0, PATH)) == path:
            data = self.draft.item(path)
            item.setText(0, str(data.get("code", data.get("id", ""))))
            item.setText(1, str(data.get("name_vi", "")))

    def _new_criterion(self) -> None:
        if self.draft is not None and self.editable:
            self._fill_tree(self.draft.add_criterion())
            self._update_state()

    def _new_indicator(self) -> None:
        path = self.current_path()
        if self.draft is not None and self.editable and path:
            self._fill_tree(self.draft.add_indicator(path[0]))
            self._update_state()

    def _remove(self) -> None:
        path = self.current_path()
        if self.draft is not None and self.editable and path:
            self.draft.remove(path)
            self._fill_tree(path[:-1])
            self._update_state()

    # ---- checking and saving -------------------------------------------------------------------

    def _update_state(self) -> None:
        self._check.start()
        assert self.draft is not None
        revision = self.draft.data.get("revision", 1)
        if not self.editable:
            text = tr("Sent by the receiving unit: the commune does not change it.")
        elif not self.draft.base:
            text = tr("A new set, not saved yet.")
        elif self.draft.changed:
            text = tr("Revision {revision} · changes not saved yet", revision=revision)
        else:
            text = tr("Revision {revision} · saved", revision=revision)
        self.state.setText(text)
        several = bool(self.draft.base) and revision > 1  # one revision: the dialog said "No difference."
        self.compare_button.setEnabled(several)
        self.compare_button.setToolTip(
            "" if several else tr("This set has only one revision: there is nothing to compare yet.")
        )
        self.save_button.setEnabled(self.editable and self.draft.changed)
        self.undo_button.setEnabled(self.draft.changed and bool(self.draft.base))
        for button in (self.add_criterion, self.add_indicator, self.remove_button):
            button.setEnabled(self.editable)

    def _show_problems(self) -> None:
        if self.draft is None:
            return
        problems = self.draft.problems()
        warnings = self.draft.warnings()
        form = self.forms.current()
        here = [p for p in problems + warnings if p.item == self.current_path()]
        if form is not None:
            form.show_problems(here, self.draft.item(self.current_path()))
        self.problems.clear()
        for p in problems + warnings:
            item = QListWidgetItem(self._describe(p))
            item.setData(PATH, p.item)
            self.problems.addItem(item)
        if not problems + warnings:
            self.problems.addItem(tr("No problems: the set can be saved."))
        self.save_button.setEnabled(self.editable and self.draft.changed and not problems)

    def _describe(self, p: ItemProblem) -> str:
        assert self.draft is not None
        where = tr("The set")
        if p.item:
            code = self.draft.item(p.item).get("code", "")
            where = (
                tr("Indicator {code}", code=code) if len(p.item) == 2 else tr("Criterion {code}", code=code)
            )
        field = field_name(LEVELS[len(p.item)], p.field)  # as the item's form and a set file's problem say
        message = said(p, self.draft.item(p.item))  # as the box says it
        return f"{where} · {field}: {message}" if field else f"{where}: {message}"

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        path = item.data(PATH)
        if path is not None:
            self._fill_tree(tuple(path))

    def save(self) -> None:
        """Store the set as a new revision (on the database worker); problems stay on the screen."""
        if self.draft is None or self.draft.problems():
            self._show_problems()
            return
        cs = self.draft.checked()
        self.ctx.mutate(
            lambda ws: ws.criteria.save(cs, origin="edited", note=tr("criteria set editor"))[1],
            lambda _: self.reload_sets(cs.id),
            owner=self,
        )
