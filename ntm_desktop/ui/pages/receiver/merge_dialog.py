"""Xã sáp nhập: communes merged in the 2025 reorganisation, whose history counts for the commune they
became part of. The clerk records a merger (the former commune's code, the commune it joined) or undoes
one; a commune that declared its predecessors in its bundle is offered first, never applied by itself.
Both go through ``ws.receiver.set_successor``, the call ``receiver merge`` makes; what the service refuses
(a code that is not 5 digits, a commune merged into itself, a unit this file does not know, a loop) is
said under the field and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.receiver.values import UnitRow
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.widgets.fields import InlineMessage, label, with_message
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.questions import yes_or_cancel
from ntm_desktop.ui.widgets.rows_table import RowsTable

REFUSED = (InvalidInput, NotFound, Conflict)


def said(exc: BaseException) -> str:
    """The service's refusal in the officer's words (without the internal field name)."""
    if isinstance(exc, InvalidInput):
        return "\n".join(p.message for p in exc.problems)
    return str(exc)


def unit_text(code: str, name: str) -> str:
    return tr("{code} · {name}", code=code, name=name) if name and name != code else code


def mergers(rows: Sequence[UnitRow]) -> list[tuple[str, UnitRow]]:
    """(former commune's code, the commune it now counts for), by the former code."""
    return sorted(((pred, r) for r in rows for pred in r.predecessors), key=lambda x: x[0])


@dataclass(frozen=True)
class Merger:
    """A former commune (its code, and its name as last seen) and the commune it now counts for."""

    code: str
    name: str
    into: UnitRow


class MergeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[UnitRow] = []
        self.known: dict[str, str] = {}
        """Every commune name seen in this session: a merged commune keeps its name in the list."""
        self.setWindowTitle(tr("Communes merged in 2025"))
        self.resize(760, 560)
        self._build()

    def _build(self) -> None:
        self.predecessor = QComboBox()
        self.predecessor.setEditable(True)
        self.predecessor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.predecessor.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(tr("5 digits, e.g. 01234"))
        self.successor = QComboBox()
        self.message = InlineMessage()
        self.request = label("", "muted")
        self.record_button = QPushButton(tr("Record the merger"))
        self.record_button.clicked.connect(self.record)
        self.table = RowsTable(
            [
                Column(tr("Former commune"), lambda m: unit_text(m.code, m.name), sort=lambda m: m.code),
                Column(tr("Counts for"), lambda m: unit_text(m.into.code, m.into.name)),
            ],
            stretch=1,
        )
        self.table.setSortingEnabled(False)  # by the former commune's code
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.undo_button = QPushButton(tr("Undo the merger…"))
        self.undo_button.clicked.connect(self.undo)
        self.none = label(tr("No merger recorded yet."), "muted")
        self.notice = label("", "muted")
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("Former commune (code)"), with_message(self.predecessor, self.message))
        form.addRow(tr("Merged into"), self.successor)
        add = QHBoxLayout()
        add.addWidget(self.record_button)
        add.addStretch(1)
        undo = QHBoxLayout()
        undo.addWidget(self.undo_button)
        undo.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                tr(
                    "A commune merged in the 2025 reorganisation sends no more reports of its own: its "
                    "earlier data count for the commune it became part of, in lists, summaries and reports."
                ),
                "muted",
            )
        )
        layout.addWidget(self.request)
        layout.addLayout(form)
        layout.addLayout(add)
        layout.addWidget(label(tr("Mergers recorded"), "subtitle"))
        layout.addWidget(self.none)
        layout.addWidget(self.table, 1)
        layout.addLayout(undo)
        layout.addWidget(self.notice)
        layout.addWidget(close)

    # ---- what the list holds -----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[UnitRow], selected: str | None = None) -> None:
        """The communes as the list shows them (merged ones under the commune they count for)."""
        self.rows = list(rows)
        self.known.update({r.code: r.name for r in self.rows})
        typed = self.predecessor.currentText()
        chosen = self.successor.currentData()
        self.predecessor.clear()
        self.successor.clear()
        for r in sorted(self.rows, key=lambda r: r.code):
            self.predecessor.addItem(unit_text(r.code, r.name), r.code)
            self.successor.addItem(unit_text(r.code, r.name), r.code)
        self.predecessor.setEditText(typed)
        self._pick(self.successor, chosen)
        self._show_mergers()
        self._offer_request(selected)

    def _show_mergers(self) -> None:
        pairs = mergers(self.rows)
        self.table.set_rows([Merger(pred, self.known.get(pred, ""), row) for pred, row in pairs])
        self.none.setVisible(not pairs)
        self.table.setVisible(bool(pairs))
        self._selected()

    def _offer_request(self, selected: str | None) -> None:
        """A commune's own declaration of its predecessors (from its bundle): offered, not applied."""
        asking = sorted(
            (r for r in self.rows if r.merge_requests), key=lambda r: (r.code != selected, r.code)
        )
        if not asking:
            self.request.setText("")
            self.request.setVisible(False)
            return
        r = asking[0]
        self.request.setText(
            tr(
                "{name} ({code}) declares {codes} as communes merged into it. Check, then record each.",
                name=r.name,
                code=r.code,
                codes=", ".join(r.merge_requests),
            )
        )
        self.request.setVisible(True)
        if not clean(self.predecessor.currentText()):
            self.predecessor.setEditText(r.merge_requests[0])
            self._pick(self.successor, r.code)

    @staticmethod
    def _pick(box: QComboBox, code: object) -> None:
        found = box.findData(code)
        if found >= 0:
            box.setCurrentIndex(found)

    def _selected(self) -> None:
        self.undo_button.setEnabled(self.current_merger() is not None)

    def current_merger(self) -> str | None:
        chosen = self.table.chosen()
        return str(chosen[0].code) if chosen else None

    def predecessor_code(self) -> str:
        text = self.predecessor.currentText()
        found = self.predecessor.findText(text)
        return str(self.predecessor.itemData(found)) if found >= 0 else clean(text)

    # ---- changing ----------------------------------------------------------------------------------

    def record(self) -> None:
        pred, succ = self.predecessor_code(), str(self.successor.currentData() or "")
        self.message.clear_message()
        if not pred:
            self.message.show_message(tr("Type the former commune's code (5 digits)."))
            return
        self.ctx.mutate(
            lambda ws: ws.receiver.set_successor(pred, succ),
            lambda _: self._done(tr("The data of {pred} now count for {succ}.", pred=pred, succ=succ)),
            on_invalid=lambda exc: self.message.show_message(said(exc)),
            handles=REFUSED,
            owner=self,
        )

    def undo(self) -> None:
        pred = self.current_merger()
        if pred is None or not UndoConfirm.ask(self, pred):
            return
        self.ctx.mutate(
            lambda ws: ws.receiver.set_successor(pred, ""),
            lambda _: self._done(tr("{pred} counts for itself again.", pred=pred)),
            on_invalid=lambda exc: self.notice.setText(said(exc)),
            handles=REFUSED,
            owner=self,
        )

    def _done(self, text: str) -> None:
        self.notice.setText(text)
        self.predecessor.setEditText("")


class UndoConfirm:
    @staticmethod
    def ask(parent: QWidget | None, pred: str) -> bool:
        return yes_or_cancel(
            parent,
            tr("Undo the merger"),
            tr(
                "Count the data of {pred} for itself again? It shows as a commune of its own in the list, "
                "summaries and reports.",
                pred=pred,
            ),
        )
