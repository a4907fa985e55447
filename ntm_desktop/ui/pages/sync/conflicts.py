"""Xung đột: a record changed in two places at once. Both versions side by side, field by field, with
what differs marked; the officer keeps one of them (``ws.sync.resolve``) and the other stays in the audit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.fieldvalues import NOTHING, value_text
from ntm_desktop.sync.conflicts import list_of, record_name
from ntm_desktop.sync.labels import extra_label, unit_label
from ntm_desktop.sync.views import ConflictView, Version
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.sync.wording import local_time
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.questions import yes_or_cancel
from ntm_desktop.ui.widgets.rows_table import RowsTable

DIFFERENT = QColor("#fcf0d8")
HIDDEN_FIELDS = {"id", "_evidence", "_criteria_set"}


def side_text(version: Version, kind: str = "", names: Mapping[str, str] | None = None) -> dict[str, str]:
    if version.deleted or version.doc is None:
        return {"": tr("(removed)")}
    return {k: value_text(kind, k, v, names) for k, v in version.doc.items() if k not in HIDDEN_FIELDS}


def _at(version: Version, shown: Mapping[str, str], key: str) -> str:
    """``key``'s value in one version: a field it does not have reads "—", as in the history."""
    return shown.get(key, "" if version.deleted or version.doc is None else NOTHING)


def made_on(device: str) -> str:
    return tr("edited on computer {device}", device=device) if device else ""


def conflict_title(c: ConflictView) -> str:
    """``Đơn vị hỗ trợ · Sở Nội vụ tỉnh Thái Nguyên · xã Bằng Thành (01234)``: the commune by its name, as
    every sync message names it (:func:`~ntm_desktop.sync.labels.unit_label`), its code alone only when
    this computer knows no name for it."""
    return f"{extra_label(c.kind)} · {record_name(c)} · {unit_label(c.unit_code, c.unit_name)}"


@dataclass(frozen=True)
class Sides:
    """One field of a record in conflict, as each version shows it."""

    key: str
    field: str
    """``key`` as the record's form names it (:func:`~ntm_desktop.core.fieldlabels.field_name`)."""
    here: str
    there: str

    @property
    def differ(self) -> bool:
        return self.here != self.there


def side_columns() -> list[Column]:
    def marked(s: Sides) -> QColor | None:
        return DIFFERENT if s.differ else None

    return [
        Column(tr("Field"), lambda s: s.field, top=True),
        Column(tr("Version on this computer"), lambda s: s.here, top=True, background=marked),
        Column(tr("Version received"), lambda s: s.there, top=True, background=marked),
    ]


class ConflictsPanel(QWidget):
    """The open conflicts on the left; the chosen one's two versions on the right, and a button each."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conflicts: list[ConflictView] = []
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.heading = label("", "subtitle")
        self.opened = label("", "muted")
        self.table = RowsTable(side_columns(), stretch=1)
        self.table.setSortingEnabled(False)  # the record's own order of fields
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.keep_local = QPushButton(tr("Keep the version on this computer"))
        self.keep_incoming = QPushButton(tr("Keep the version received"))
        self.keep_local.clicked.connect(lambda: self.resolve("local"))
        self.keep_incoming.clicked.connect(lambda: self.resolve("incoming"))
        self.empty = label(tr("No conflicts: every record has one version."), "muted")
        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.heading)
        r.addWidget(self.opened)
        r.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.keep_incoming)
        buttons.addStretch(1)
        r.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([280, 720])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self.split = split

    def set_conflicts(self, conflicts: Sequence[ConflictView]) -> None:
        current = self.current()
        self.conflicts = list(conflicts)
        self.list.clear()
        for c in self.conflicts:
            item = QListWidgetItem(conflict_title(c))
            item.setToolTip(conflict_title(c))
            self.list.addItem(item)
        self.empty.setVisible(not self.conflicts)
        self.split.setVisible(bool(self.conflicts))
        ids = [c.id for c in self.conflicts]
        self.list.setCurrentRow(ids.index(current.id) if current and current.id in ids else 0)
        if not self.conflicts:
            self._show(-1)

    def current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        c = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.keep_local.setEnabled(c is not None)
        self.keep_incoming.setEnabled(c is not None)
        if c is None:
            self.heading.setText("")
            self.opened.setText("")
            self.table.set_rows([])
            return
        self.heading.setText(conflict_title(c))
        self.opened.setText(
            tr(
                "Found {time}. Both versions are kept until you choose one; the other stays in the history.",
                time=local_time(c.opened_at),
            )
        )
        names = c.supporter_names
        here, there = side_text(c.local, list_of(c), names), side_text(c.incoming, list_of(c), names)
        self.table.rows_model.set_titles(
            [
                tr("Field"),
                tr("Version on this computer") + "\n" + made_on(c.local.origin),
                tr("Version received") + "\n" + made_on(c.incoming.origin),
            ]
        )
        keys = list(dict.fromkeys([*here, *there]))
        self.table.set_rows(
            [
                Sides(key, field_name(list_of(c), key), _at(c.local, here, key), _at(c.incoming, there, key))
                for key in keys
            ]
        )
        self.table.resizeRowsToContents()

    def resolve(self, keep: str) -> None:
        c = self.current()
        if c is None or not KeepConfirm.ask(self, c, keep):
            return
        self.ctx.mutate(lambda ws: ws.sync.resolve(c.id, keep), owner=self)


class KeepConfirm:
    """Asks before one version replaces the other (tests replace :meth:`ask`)."""

    @staticmethod
    def ask(parent: QWidget, c: ConflictView, keep: str) -> bool:
        which = tr("the version on this computer") if keep == "local" else tr("the version received")
        return yes_or_cancel(
            parent,
            tr("Keep one version"),
            tr(
                "Keep {which} of “{record}”? The other version stays in the history.",
                which=which,
                record=record_name(c),
            ),
        )
