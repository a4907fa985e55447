"""Yêu cầu chỉnh sửa: records the receiving office asked the commune to check and correct.

On the commune's computer they arrive in a bundle sent back; the officer corrects the record (on the
Criteria or Help page), then closes the request here. On the receiver's computer the list shows what was
asked of which commune, and whether it is still open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.services.rollup import MET, NOT_MET
from ntm_desktop.sync.labels import extra_label, named_unit
from ntm_desktop.sync.views import CorrectionView
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.sync.wording import local_time
from ntm_desktop.ui.style import MUTED_COLOUR, STATUS_COLOURS
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.questions import yes_or_cancel
from ntm_desktop.ui.widgets.rows_table import RowsTable


def correction_status(status: str) -> str:
    return {"open": tr("Still open"), "done": tr("Done")}.get(status, status)


@dataclass(frozen=True)
class Asked:
    """A request as the list shows it: the record and the commune named in words."""

    request: CorrectionView
    record: str
    commune: str


def _colour(status: bool = False) -> Callable[[Asked], QColor | None]:
    def colour(a: Asked) -> QColor | None:
        if status:
            return STATUS_COLOURS[NOT_MET] if a.request.status == "open" else STATUS_COLOURS[MET]
        return None if a.request.status == "open" else QColor(MUTED_COLOUR)

    return colour


def correction_columns() -> list[Column]:
    def column(title: str, text: Callable[[Asked], str], status: bool = False) -> Column:
        return Column(title, text, colour=_colour(status), top=True)

    return [
        column(tr("Asked on"), lambda a: local_time(a.request.created_at)),
        column(tr("Commune"), lambda a: a.commune),
        column(tr("Record"), lambda a: f"{extra_label(a.request.kind)} · {a.record}"),
        column(tr("What to correct"), lambda a: a.request.reason),
        column(tr("Asked by"), lambda a: a.request.requested_by),
        column(tr("State"), lambda a: correction_status(a.request.status), status=True),
    ]


class CorrectionsPanel(QWidget):
    def __init__(self, ctx: AppContext, receiver: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.receiver = ctx, receiver
        self.corrections: list[CorrectionView] = []
        self.table = RowsTable(correction_columns(), stretch=3)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        # a request's words wrap: each row keeps the height they need whenever the columns are resized
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(1, not receiver)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.close_button = QPushButton(tr("Mark as corrected"))
        self.close_button.setVisible(not receiver)
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.close_current)
        intro = (
            tr(
                "What this office asked communes to correct. "
                "They are sent in the bundle sent back to the commune."
            )
            if receiver
            else tr(
                "The receiving office asked to check these records. "
                "Correct them on the Criteria or Help page, then mark the request as corrected; "
                "the next bundle tells the office."
            )
        )
        self.empty = label(tr("No correction requests."), "muted")
        row = QHBoxLayout()
        row.addWidget(self.empty, 1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label(intro, "muted"))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def set_corrections(
        self,
        corrections: Sequence[CorrectionView],
        titles: Mapping[str, str] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        """The requests; ``titles`` (request id → the record's title) names each record in words, ``names``
        (unit code → name) each commune."""
        titles, names = titles or {}, names or {}
        self.corrections = sorted(
            corrections, key=lambda c: (c.status != "open", c.created_at), reverse=False
        )
        self.table.set_rows(
            [
                Asked(c, titles.get(c.id, c.record_id), named_unit(c.unit_code, names.get(c.unit_code, "")))
                for c in self.corrections
            ]
        )
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.corrections)
        self._selected()

    def open_count(self) -> int:
        return sum(1 for c in self.corrections if c.status == "open")

    def current(self) -> CorrectionView | None:
        chosen = self.table.chosen()
        return chosen[0].request if chosen else None

    def _selected(self) -> None:
        c = self.current()
        self.close_button.setEnabled(c is not None and c.status == "open")

    def close_current(self) -> None:
        chosen = self.table.chosen()
        c = chosen[0].request if chosen else None
        if c is None or c.status != "open" or not CloseConfirm.ask(self, c, chosen[0].record):
            return
        self.ctx.mutate(lambda ws: ws.sync.close_correction(c.id), owner=self)


class CloseConfirm:
    """Asks before a request is marked as corrected (tests replace :meth:`ask`)."""

    @staticmethod
    def ask(parent: QWidget, c: CorrectionView, record: str) -> bool:
        """``record``: the record named in words, as the list shows it ("10/12/2019 · Bê tông hóa…")."""
        return yes_or_cancel(
            parent,
            tr("Mark as corrected"),
            tr(
                "Have you corrected {record}?\n“{reason}”",
                record=f"{extra_label(c.kind)} · {record}",
                reason=c.reason,
            ),
        )
