"""Đề nghị điều chỉnh: changes communes sent for a year the office had already approved.

The approved data stay as they are until the clerk decides. Each waiting request shows the record as
approved beside the commune's version, field by field, what differs marked; the clerk accepts it (the
change goes into the approved data) or rejects it with a reason the commune reads in the next bundle sent
back. Opened from the communes list; decisions go through ``ws.receiver.accept_amendment`` and
``reject_amendment``, the calls ``receiver amendment`` makes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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
from ntm_desktop.receiver.compare import AmendmentDetail
from ntm_desktop.services.fieldvalues import value_text
from ntm_desktop.sync.labels import extra_label
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.receiver.dialogs import ReasonDialog
from ntm_desktop.ui.pages.sync.conflicts import DIFFERENT, HIDDEN_FIELDS
from ntm_desktop.ui.pages.sync.wording import local_time
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.rows_table import RowsTable


def record_name(kind: str, doc: Mapping[str, Any] | None, record_id: str) -> str:
    """What the record is, in words: "Chỉ tiêu 2.1", "Tiêu chí 6", or a help record's title."""
    doc = doc or {}
    if kind == "assessments":
        if doc.get("indicator"):
            return tr("Indicator {code}", code=doc["indicator"])
        if doc.get("criterion"):
            return tr("Criterion {code}", code=doc["criterion"])
    for key in ("title", "name"):
        if isinstance(doc.get(key), str) and doc[key]:
            return str(doc[key])
    return record_id


def what_changes(d: AmendmentDetail) -> str:
    """One line: a new record, a removal, or the fields that change."""
    if d.proposed is None:
        return tr("The commune removes this record.")
    if d.approved is None:
        return tr("The commune adds this record to the approved year.")
    fields = [field_name(d.amendment.kind, k) for k in d.changed_fields() if k not in HIDDEN_FIELDS]
    if not fields:
        return tr("Only attached files or internal details change.")
    return tr("Changes: {fields}", fields=", ".join(fields))


def request_title(d: AmendmentDetail, names: Mapping[str, str]) -> str:
    a = d.amendment
    commune = names.get(a.unit_code, a.unit_code)
    doc = d.proposed if d.proposed is not None else d.approved
    return tr(
        "{commune} ({code}) · {year} · {what}",
        commune=commune,
        code=a.unit_code,
        year=a.year,
        what=record_name(a.kind, doc, a.record_id),
    )


def list_text(d: AmendmentDetail, names: Mapping[str, str]) -> str:
    """Two lines in the list: what the record is, then whose and which year."""
    a = d.amendment
    doc = d.proposed if d.proposed is not None else d.approved
    return tr(
        "{what}\n{commune} ({code}) · {year}",
        what=record_name(a.kind, doc, a.record_id),
        commune=names.get(a.unit_code, a.unit_code),
        code=a.unit_code,
        year=a.year,
    )


def rows_of(d: AmendmentDetail) -> list[tuple[str, str, str, bool]]:
    """(field, approved, proposed, differs) for every field either version has, each value as the history
    and the Sync page's conflicts show it (supporters by name)."""
    kind, names = d.amendment.kind, d.supporter_names
    before, after = d.approved or {}, d.proposed or {}
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in HIDDEN_FIELDS]
    rows = []
    for k in keys:
        old = value_text(kind, k, before.get(k), names) if d.approved is not None else ""
        new = value_text(kind, k, after.get(k), names) if d.proposed is not None else ""
        rows.append((field_name(kind, k), old, new, before.get(k) != after.get(k)))
    return rows


class AmendmentsDialog(QDialog):
    """The waiting requests on the left; the chosen one's two versions and the decision on the right."""

    def __init__(self, ctx: AppContext, names: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.names = ctx, dict(names)
        self.details: list[AmendmentDetail] = []
        self.loaded = False
        self._wanted: str | None = None
        self.setWindowTitle(tr("Amendment requests for approved years"))
        self.resize(1120, 620)
        self._build()

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._show)
        self.heading = label("", "subtitle")
        self.received = label("", "muted")
        self.summary = label("")
        self.table = RowsTable(comparison_columns(), stretch=1)
        self.table.setSortingEnabled(False)  # the record's own order of fields
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.accept_button = QPushButton(tr("Accept the change"))
        self.reject_button = QPushButton(tr("Reject…"))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.empty = label(tr("No changes to approved years are waiting."), "muted")
        self.notice = label("", "muted")
        self._lay_out()

    def _lay_out(self) -> None:
        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.received, self.summary):
            r.addWidget(widget)
        r.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        r.addLayout(buttons)
        self.split = QSplitter()
        self.split.addWidget(self.list)
        self.split.addWidget(right)
        self.split.setSizes([570, 530])  # a long help title fits on its line
        self.split.setChildrenCollapsible(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                tr(
                    "Communes sent these changes after their year was approved. The approved data stay "
                    "as they are until you accept a change; a rejected one goes back to the commune "
                    "with your reason in the next bundle sent back."
                ),
                "muted",
            )
        )
        layout.addWidget(self.empty)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.notice)
        layout.addWidget(close)

    # ---- reading ---------------------------------------------------------------------------------

    def reload(self, select_code: str | None = None) -> None:
        """Read the waiting requests again; ``select_code`` picks that commune's first one."""
        if select_code is not None:
            self._wanted = select_code
        ws = self.ctx.ws

        def read() -> list[AmendmentDetail]:
            return [ws.receiver.amendment_detail(a.id) for a in ws.receiver.amendments("open")]

        self.ctx.tasks.run_db(read, self.show_details, owner=self)

    def show_details(self, details: Sequence[AmendmentDetail]) -> None:
        current = self.current()
        self.details = list(details)
        self.list.blockSignals(True)
        self.list.clear()
        for d in self.details:
            item = QListWidgetItem(list_text(d, self.names))
            item.setToolTip(what_changes(d))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not self.details)
        self.split.setVisible(bool(self.details))
        self.list.setCurrentRow(self._row_to_show(current))
        self._show(self.list.currentRow())
        self.loaded = True

    def _row_to_show(self, current: AmendmentDetail | None) -> int:
        ids = [d.amendment.id for d in self.details]
        if self._wanted is not None:
            codes = [d.amendment.signoff_code for d in self.details]
            wanted, self._wanted = self._wanted, None
            if wanted in codes:
                return codes.index(wanted)
        if current is not None and current.amendment.id in ids:
            return ids.index(current.amendment.id)
        return 0 if self.details else -1

    def current(self) -> AmendmentDetail | None:
        row = self.list.currentRow()
        return self.details[row] if 0 <= row < len(self.details) else None

    def _show(self, row: int) -> None:
        d = self.details[row] if 0 <= row < len(self.details) else None
        self.accept_button.setEnabled(d is not None)
        self.reject_button.setEnabled(d is not None)
        if d is None:
            for widget in (self.heading, self.received, self.summary):
                widget.setText("")
            self.table.set_rows([])
            return
        a = d.amendment
        self.heading.setText(request_title(d, self.names))
        self.received.setText(
            tr("{list}, received {time}", list=extra_label(a.kind), time=local_time(a.received_at))
        )
        self.received.setToolTip(tr("Bundle {bundle}", bundle=a.bundle_id))  # for tracing, not for reading
        self.summary.setText(what_changes(d))
        self._fill(rows_of(d))

    def _fill(self, rows: Sequence[tuple[str, str, str, bool]]) -> None:
        self.table.set_rows(rows)
        self.table.resizeRowsToContents()

    def texts(self) -> list[list[str]]:
        """The comparison as shown, row by row (field, approved, proposed)."""
        return self.table.texts()

    # ---- deciding --------------------------------------------------------------------------------

    def accept_current(self) -> None:
        d = self.current()
        if d is None:
            return
        title = request_title(d, self.names)
        self.ctx.mutate(
            lambda ws: ws.receiver.accept_amendment(d.amendment.id),
            lambda _: self._decided(
                tr("Accepted: {what}. The change is now in the approved data.", what=title)
            ),
            owner=self,
        )

    def reject_current(self) -> None:
        d = self.current()
        if d is None:
            return
        title = request_title(d, self.names)
        reason = RejectDialog.ask(self, title)
        if reason is None:
            return
        self.ctx.mutate(
            lambda ws: ws.receiver.reject_amendment(d.amendment.id, reason),
            lambda _: self._decided(
                tr("Rejected: {what}. The approved data stay; the commune is asked to check it.", what=title)
            ),
            owner=self,
        )

    def _decided(self, text: str) -> None:
        self.notice.setText(text)
        self.reload()


def comparison_columns() -> list[Column]:
    """Rows of :func:`rows_of`: (field, approved, proposed, differs), a differing field shaded."""

    def marked(row: tuple[str, str, str, bool]) -> QColor | None:
        return DIFFERENT if row[3] else None

    return [
        Column(tr("Field"), lambda r: r[0], background=marked),
        Column(tr("As approved"), lambda r: r[1], background=marked),
        Column(tr("Sent by the commune"), lambda r: r[2], background=marked),
    ]


class RejectDialog:
    """Why the change is not accepted: sent to the commune with the next bundle sent back."""

    @staticmethod
    def ask(parent: QWidget | None, what: str) -> str | None:
        return ReasonDialog(
            tr("Reject the change"),
            what,
            tr(
                "Why is the change not accepted? The commune reads it with the next bundle sent back, "
                "and it is kept in the history."
            ),
            tr("Reject the change"),
            parent,
        ).answer()
