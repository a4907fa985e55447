"""Kiểm tra trước khi nhập: what importing the chosen bundles would do, before anything is written.

    chosen = PreviewDialog.ask(parent, inspection.found)   # the bundles to import; None when cancelled

Per bundle: who sent it and with which key (its fingerprint, to compare with the one the commune reads out
over the phone), what it would create, update, leave alone or put in conflict, which earlier bundles of the
sender are still missing, and why it would be refused. A bundle signed with a key not known yet is let in
only after "Trust this key".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.services.rollup import MET, NOT_MET
from ntm_desktop.sync.labels import bundle_kind_text, extra_label, numbered, several_computers
from ntm_desktop.sync.preview import Preview
from ntm_desktop.sync.results import KindCounts
from ntm_desktop.ui.pages.sync.jobs import Chosen, Inspected
from ntm_desktop.ui.pages.sync.keys_card import TrustConfirm
from ntm_desktop.ui.pages.sync.wording import (
    TRUSTED,
    local_time,
    plan_line,
    trust_text,
    unit_name,
)
from ntm_desktop.ui.style import STATUS_COLOURS
from ntm_desktop.ui.widgets.fields import card, label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.rows_table import RowsTable


def importable(item: Inspected, trusted_units: set[str]) -> bool:
    if item.preview.already_imported:
        return False
    if item.preview.can_import:
        return True
    return item.needs_trust and item.preview.sender.unit_code in trusted_units


def default_choice(found: Sequence[Inspected], trusted_units: set[str] | None = None) -> list[Chosen]:
    """What "Import" takes: every bundle that can be imported, and those whose key the officer trusted."""
    units = trusted_units or set()
    return [
        Chosen(
            i.preview.path, i.preview.kind, trust_key=i.needs_trust and i.preview.sender.unit_code in units
        )
        for i in found
        if importable(i, units)
    ]


def notes_for(p: Preview) -> list[str]:
    """What the officer should know before importing: imported before, bundles missing, conflicts."""
    notes = []
    if p.already_imported:
        notes.append(tr("This bundle was imported before; importing it again changes nothing."))
    notes += p.rollup.headline() if p.rollup is not None else []
    notes += [g.text() for g in p.gaps]
    conflicts = sum(c.conflict for c in p.counts.values())
    if conflicts:
        notes.append(
            trn(
                "{n} record was changed here and there at once: both versions are kept until you "
                "choose one under Conflicts.",
                "{n} records were changed here and there at once: both versions are kept until you "
                "choose one under Conflicts.",
                conflicts,
            )
        )
    return notes


def count_columns() -> list[Column]:
    """What a bundle would do to each kind of data: rows of (list name, :class:`KindCounts`)."""

    def number(title: str, value: Callable[[KindCounts], int], red: bool = False) -> Column:
        def colour(row: tuple[str, KindCounts]) -> QColor | None:
            return STATUS_COLOURS[NOT_MET] if red and value(row[1]) else None

        return Column(
            title, lambda row: str(value(row[1])), sort=lambda row: value(row[1]), right=True, colour=colour
        )

    return [
        Column(tr("Kind of data"), lambda row: extra_label(row[0])),
        number(tr("New"), lambda c: c.created),
        number(tr("Updated"), lambda c: c.updated),
        number(tr("Unchanged"), lambda c: c.unchanged),
        number(tr("In conflict"), lambda c: c.conflict, red=True),
    ]


class PreviewDialog(QDialog):
    def __init__(self, found: Sequence[Inspected], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = list(found)
        self.trusted_units: set[str] = set()
        self._several = several_computers(
            (i.preview.sender.unit_code, i.preview.sender.device_id) for i in found
        )
        self.setWindowTitle(tr("Check before importing"))
        self.setMinimumSize(760, 420)
        self._build()
        self.list.setCurrentIndex(self.list.proxy.index(0, 0))
        self._show(0)
        self.resize(880, max(420, self.sizeHint().height()))  # as high as what the first bundle says

    @classmethod
    def ask(cls, parent: QWidget | None, found: Sequence[Inspected]) -> list[Chosen] | None:
        dialog = cls(found, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def chosen(self) -> list[Chosen]:
        return default_choice(self.found, self.trusted_units)

    # ---- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = RowsTable(self._bundle_columns(), stretch=3)
        self.list.setSortingEnabled(False)  # a row is the bundle of the same place in ``found``
        self.list.setAlternatingRowColors(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        _fit_rows(self.list, min(len(self.found), 5))
        self.list.setVisible(len(self.found) > 1)
        self.list.selectionModel().currentRowChanged.connect(lambda current, _: self._show(current.row()))
        self.heading = label("", "subtitle")
        self.made = label("", "muted")
        key_card = self._key_card()
        self.counts = RowsTable(count_columns(), stretch=0)
        self.counts.setSortingEnabled(False)
        self.counts.setAlternatingRowColors(False)
        self.counts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read only: no current cell drawn
        self.notes = label("", "warning")  # imported before, a bundle missing before it, conflicts
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal = label("", "error")
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(tr("Import the bundle"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        widgets: list[QWidget] = [self.list, self.heading, self.made, key_card, self.counts]
        for widget in [*widgets, self.notes, self.refusal]:
            layout.addWidget(widget)
        layout.addStretch(1)  # the room left goes below what is said, not into the tables
        layout.addWidget(buttons)
        self._fill_list()

    def _key_card(self) -> QFrame:
        """The sender's fingerprint, big enough to read out, its trust and the button to trust it."""
        self.fingerprint = QLabel()
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(mono.pointSize() + 4)
        mono.setBold(True)
        self.fingerprint.setFont(mono)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trust = label("")
        self.trust_message = label("", "muted")
        self.trust_button = QPushButton(tr("Trust this key"))
        self.trust_button.setToolTip(
            tr("Only after the commune has read this fingerprint to you over the phone and it is the same.")
        )
        self.trust_button.clicked.connect(self._trust)
        key_card = card()
        k = QVBoxLayout(key_card)
        k.setContentsMargins(16, 10, 16, 10)
        k.addWidget(label(tr("Key fingerprint of the sender"), "muted"))
        k.addWidget(self.fingerprint)
        k.addWidget(self.trust)
        k.addWidget(self.trust_message)
        k.addWidget(self.trust_button, 0, Qt.AlignmentFlag.AlignLeft)
        return key_card

    def _bundle_columns(self) -> list[Column]:
        def key(item: Inspected) -> str:
            sender = item.preview.sender
            return trust_text(TRUSTED if sender.unit_code in self.trusted_units else sender.trust)

        return [
            Column(
                tr("Sending unit"),
                lambda i: unit_name(i.preview.sender.unit_code, i.preview.sender.unit_name),
            ),
            Column(
                tr("Bundle"),
                lambda i: tr(
                    "{kind} no. {sequence}",
                    kind=bundle_kind_text(i.preview.kind),
                    sequence=self._number(i.preview),
                ),
            ),
            Column(tr("Key"), key),
            Column(tr("Importing it would"), self._verdict),
        ]

    def _fill_list(self) -> None:
        self.list.set_rows(self.found)  # read again: a key trusted changes what each would do
        n = len(self.chosen())
        self.apply_button.setText(tr("Import the bundle") if n <= 1 else tr("Import {n} bundles", n=n))
        self.apply_button.setEnabled(n > 0)
        self.apply_button.setDefault(n > 0)

    def _number(self, p: Preview) -> str:
        """The bundle's number; which computer's too when its unit sends from several (seen here before,
        or among the bundles dropped together)."""
        several = p.several or p.sender.unit_code in self._several
        return numbered(p.sequence, p.sender.device_id, several, p.sender.clerk)

    def _shown(self, item: Inspected) -> Preview:
        """The preview to show: as if trusted, once the officer trusted the key."""
        if item.if_trusted is not None and item.preview.sender.unit_code in self.trusted_units:
            return item.if_trusted
        return item.preview

    def _verdict(self, item: Inspected) -> str:
        p = self._shown(item)
        if p.already_imported:
            return tr("nothing: imported before")
        if item.needs_trust and p is item.preview:
            return tr("waits until the key is trusted")
        if not p.can_import:
            return tr("refused")
        if p.kind == "receipt":
            return tr("confirm what the receiver holds")
        if p.rollup is not None:
            return trn("bring in {n} commune", "bring in {n} communes", p.rollup.carried)
        return plan_line(p.counts)

    # ---- one bundle ------------------------------------------------------------------------------

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.found):
            return
        item = self.found[row]
        p = self._shown(item)
        s = p.sender
        self.heading.setText(
            tr(
                "{kind} no. {sequence} of {unit}",
                kind=bundle_kind_text(p.kind),
                sequence=self._number(p),
                unit=unit_name(s.unit_code, s.unit_name),
            )
        )
        what = tr("all records") if p.full else tr("changes since the previous bundle")
        self.made.setText(
            tr("Made {time} · {what} · file {file}", time=local_time(p.created), what=what, file=p.path.name)
        )
        trusted = s.unit_code in self.trusted_units
        blocked = "" if p.can_import or (item.needs_trust and not trusted) else p.refusal
        # refused for more than its key (addressed to another unit): no "phone and trust the key" advice
        self._show_key(
            item, trusted, said_below=bool(blocked) and (not p.key_message or not item.needs_trust)
        )
        self._fill_counts(p.counts if p.kind != "receipt" else {})
        self.counts.setVisible(bool(p.counts) and p.kind != "receipt")
        coming = {i.preview.place() for i in self.found if importable(i, self.trusted_units)}
        notes = notes_for(p.without_filled(coming))  # a bundle missing before it may come in this drop
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        problems = "\n".join(str(x) for x in p.problems[:12])
        self.refusal.setText("\n".join(filter(None, [blocked, problems])))
        self.refusal.setVisible(bool(self.refusal.text()))

    def _show_key(self, item: Inspected, trusted: bool, said_below: bool) -> None:
        """The sender's key; its trust message left to the refusal's line when that line says it."""
        s = item.preview.sender
        self.fingerprint.setText(s.fingerprint)
        status = TRUSTED if trusted else s.trust
        colour = STATUS_COLOURS[MET if status == TRUSTED else NOT_MET].name()
        self.trust.setText(f"<b style='color:{colour}'>{trust_text(status)}</b>")
        self.trust_message.setText(
            tr(
                "You trusted this key: it is remembered for {unit} when the bundle is imported.",
                unit=unit_name(s.unit_code),
            )
            if trusted
            else ("" if said_below else s.trust_message)
        )
        self.trust_message.setVisible(bool(self.trust_message.text()))
        self.trust_button.setVisible(item.needs_trust and not trusted)

    def _fill_counts(self, counts: dict[str, KindCounts]) -> None:
        self.counts.set_rows(list(counts.items()))
        _fit_rows(self.counts, len(counts))

    def _trust(self) -> None:
        row = max(self.list.currentIndex().row(), 0)
        sender = self.found[row].preview.sender
        if not TrustConfirm.ask(self, unit_name(sender.unit_code, sender.unit_name), sender.fingerprint):
            return
        self.trusted_units.add(sender.unit_code)
        self._fill_list()
        self.list.setCurrentIndex(self.list.proxy.index(row, 0))
        self._show(row)


def _fit_rows(table: RowsTable, rows: int) -> None:
    """The table as high as its header and ``rows`` rows: a bundle's few kinds of data (or the few
    bundles dropped together) without an empty grid below them, and no less: held to its preferred 192 px,
    six kinds of data had the last cut in half behind a scroll bar, above an empty space."""
    height = table.horizontalHeader().sizeHint().height() + table.verticalHeader().defaultSectionSize() * rows
    table.setFixedHeight(height + 2 * table.frameWidth())
