"""Đồng bộ: send the commune's data to the receiving office on a USB stick, and take bundles in.

A commune sees how many changes the office has not confirmed, writes a bundle, and takes in the office's
receipts and the bundles it sends back (with correction requests). A receiving office takes in the
bundles of many communes (drop them on the page, or choose them), then writes receipts and bundles back.
Both see their key's fingerprint, the history of what went and came, and the conflicts to settle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.sync.actions import SyncActions
from ntm_desktop.ui.pages.sync.conflicts import ConflictsPanel
from ntm_desktop.ui.pages.sync.corrections import CorrectionsPanel
from ntm_desktop.ui.pages.sync.history_tab import HistoryTab
from ntm_desktop.ui.pages.sync.jobs import BUNDLE_SUFFIX, KEY_SUFFIX
from ntm_desktop.ui.pages.sync.keys_card import KeysCard, KnownKeysTab
from ntm_desktop.ui.pages.sync.office_tab import OfficeKeyTab
from ntm_desktop.ui.pages.sync.state import SyncState, load_state
from ntm_desktop.ui.pages.sync.wording import local_time
from ntm_desktop.ui.style import ACCENT, FONT_POINTS
from ntm_desktop.ui.widgets.fields import card, hint, label

CORRECTIONS_TAB = 2
DROP_IDLE = "QFrame#drop { border: 2px dashed #b9c4bf; border-radius: 8px; background: #fbfcfb; }"
DROP_OVER = "QFrame#drop { border: 2px dashed #1f6f50; border-radius: 8px; background: #e8f3ee; }"


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The bundle and key files among what is dragged over the page."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in (BUNDLE_SUFFIX, KEY_SUFFIX)]


def last_sent_text(state: SyncState) -> str:
    sent = [e for e in state.log if e.direction == "sent" and e.kind == "records"]
    if not sent:
        return tr("No bundle sent yet.")
    last = max(sent, key=lambda e: e.logged_at)
    return tr(
        "Last bundle sent: no. {sequence}, {time}", sequence=last.sequence, time=local_time(last.logged_at)
    )


class SyncPage(Page):
    def __init__(
        self, ctx: AppContext, receiver: bool, parent: QWidget | None = None, *, national: bool = False
    ) -> None:
        """``national``: the national office's page — it takes in the provinces' roll-ups and sends
        nothing to communes (no receipts, bundles sent back or correction requests: the province does)."""
        super().__init__(parent)
        self.ctx, self.receiver, self.national = ctx, receiver, national
        self.state: SyncState | None = None
        self.loaded = False
        self.controller = SyncActions(ctx, self, self.show_progress, self.show_result, self.set_busy)
        self.setAcceptDrops(True)
        self._build()
        self.reload()

    # ---- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = label(tr("Sync"), "title")
        self.subtitle = label("", "muted")
        self.keys = KeysCard(self.ctx, self.show_result)
        self.warnings = label("", "error")
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setTextVisible(True)
        self.progress_text = label("", "muted")
        self.progress_text.setVisible(False)
        self.result = label("")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setVisible(False)
        self.known_keys = KnownKeysTab()
        self.history = HistoryTab()
        self.conflicts = ConflictsPanel(self.ctx)
        self.corrections = CorrectionsPanel(self.ctx, self.receiver)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.history, tr("History"))
        self.tabs.addTab(self.conflicts, tr("Conflicts"))
        self.tabs.addTab(self.corrections, tr("Correction requests"))
        self.tabs.addTab(self.known_keys, tr("Trusted keys"))
        self.office = OfficeKeyTab(self.ctx, self.show_result)
        if self.receiver:
            self.tabs.addTab(self.office, tr("Office key"))
        cards = QWidget()
        cards.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        top = QHBoxLayout(cards)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(12)
        self.send_card = self._send_card()
        top.addWidget(self.send_card, 1)
        top.addWidget(self._receive_card(), 1)
        top.addWidget(self.keys, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(cards)
        layout.addWidget(self.warnings)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.result)
        layout.addWidget(self.tabs, 1)
        self._answers_communes(not self.national)

    def _send_card(self) -> QFrame:
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        if self.receiver:
            self.send_title = label(tr("Send back to communes"), "subtitle")
            inner.addWidget(self.send_title)
            self.pending = label(
                tr(
                    "Receipts confirm what arrived; a bundle sent back carries correction "
                    "requests and criteria sets."
                ),
                "muted",
            )
            self.receipt_button = QPushButton(tr("Export receipts…"))
            self.reverse_button = QPushButton(tr("Send a bundle back to a commune…"))
            self.receipt_button.clicked.connect(lambda: self.controller.export_receipts(self._senders()))
            self.reverse_button.clicked.connect(lambda: self.controller.export_reverse(self._senders()))
            self.national_button = QPushButton(tr("Send the year's roll-up to the national office…"))
            self.national_button.clicked.connect(self.controller.export_national)
            self.national_button.setVisible(False)  # a province office only (show_state)
            self.send_buttons = [self.receipt_button, self.reverse_button, self.national_button]
        else:
            inner.addWidget(label(tr("Send to the receiving office"), "subtitle"))
            self.pending = label("", "subtitle")
            self.pending.setStyleSheet(f"color: {ACCENT.name()}; font-size: {FONT_POINTS + 5}pt;")
            self.last_sent = label("", "muted")
            self.export_button = QPushButton(tr("Export a sync bundle…"))
            self.export_button.setDefault(True)
            self.export_button.clicked.connect(lambda: self.controller.export_bundle(self._pending()))
            self.send_buttons = [self.export_button]
        inner.addWidget(self.pending)
        if not self.receiver:
            inner.addWidget(self.last_sent)
        inner.addStretch(1)
        for button in self.send_buttons:
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _answers_communes(self, answers: bool) -> None:
        """A commune's own office sends it receipts, bundles back and correction requests; the national
        office does none of it (the core refuses it too), so it has no such card or tab."""
        self.send_card.setVisible(answers)
        self.tabs.setTabVisible(CORRECTIONS_TAB, answers)

    def _receive_card(self) -> QFrame:
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        inner.addWidget(label(tr("Take in bundles"), "subtitle"))
        self.drop = QFrame()
        self.drop.setObjectName("drop")
        self.drop.setStyleSheet(DROP_IDLE)
        zone = QVBoxLayout(self.drop)
        what = (
            tr("Drop the communes' .ntmsync files here")
            if self.receiver
            else tr("Drop a receipt or a bundle from the office (.ntmsync) here")
        )
        self.drop_label = QLabel(what)
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_label.setWordWrap(True)
        zone.addWidget(self.drop_label)
        self.drop.setFixedHeight(64)
        inner.addWidget(self.drop)
        inner.addWidget(hint(tr("Nothing is written before you have seen what the bundle would change.")))
        self.import_button = QPushButton(tr("Choose files to import…"))
        self.import_button.clicked.connect(self.controller.import_chosen)
        inner.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    # ---- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        ws = self.ctx.ws
        self.ctx.tasks.run_db(lambda: load_state(ws), self.show_state, owner=self)

    def refresh(self, changes: Changes) -> None:
        # A commune's every edit is a change the office has not confirmed yet: the count follows all.
        if not self.receiver or changes.touches(Kind.SYNC, Kind.UNIT):
            self.reload()

    def show_state(self, state: SyncState) -> None:
        self.state, self.loaded = state, True
        me = state.me
        if self.receiver:
            takes = (
                tr("{unit} takes in the provinces' roll-ups", unit=me.unit_name)
                if state.national
                else tr("{unit} takes in the communes' bundles", unit=me.unit_name or me.unit_code)
            )
            self.subtitle.setText(takes)
            if state.national:
                self.drop_label.setText(tr("Drop the provinces' roll-up bundles (.ntmsync) here"))
        else:
            self.subtitle.setText(
                tr("{commune} sends its data to {office}", commune=me.unit_name, office=state.addressee)
            )
            self.pending.setText(
                trn("{n} change not yet confirmed", "{n} changes not yet confirmed", state.pending)
            )
            self.last_sent.setText(last_sent_text(state))
        self.keys.show_key(me, state.office)
        self.known_keys.set_keys(state.known)
        self.warnings.setText("\n".join(g.text() for g in state.gaps))
        self.warnings.setVisible(bool(state.gaps))
        self.national = state.national
        self._answers_communes(not state.national)
        if self.receiver:
            self.national_button.setVisible(state.province)
            self.send_title.setText(
                tr("Send to the communes and the national office")
                if state.province
                else tr("Send back to communes")
            )
        self.history.set_entries(state.log, state.names(), state.national)
        self.conflicts.set_conflicts(state.conflicts)
        self.corrections.set_corrections(state.corrections, state.titles, state.names())
        self.office.set_office(state.office, state.certificates, me.fingerprint)
        self._tab_titles()

    def _tab_titles(self) -> None:
        assert self.state is not None
        s = self.state
        self.tabs.setTabText(0, tr("History ({n})", n=len(s.log)))
        self.tabs.setTabText(1, tr("Conflicts ({n})", n=len(s.conflicts)))
        self.tabs.setTabText(
            CORRECTIONS_TAB, tr("Correction requests ({n})", n=self.corrections.open_count())
        )
        self.tabs.setTabText(3, tr("Trusted keys ({n})", n=len(s.known)))

    def _pending(self) -> int:
        return self.state.pending if self.state else 0

    def _senders(self) -> list[tuple[str, str]]:
        return self.state.senders() if self.state else []

    # ---- feedback --------------------------------------------------------------------------------

    def show_progress(self, done: int, total: int, text: str) -> None:
        finished = bool(total) and done >= total and not text
        self.progress.setVisible(not finished)
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.progress_text.setText(text)
        self.progress_text.setVisible(bool(text))

    def show_result(self, text: str) -> None:
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        for button in [*self.send_buttons, self.import_button]:
            button.setEnabled(not busy)
        self.setAcceptDrops(not busy)

    # ---- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
            self.drop.setStyleSheet(DROP_OVER)

    def dragLeaveEvent(self, event: object) -> None:
        self.drop.setStyleSheet(DROP_IDLE)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop.setStyleSheet(DROP_IDLE)
        paths = dropped_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        self.take_files(paths)

    def take_files(self, paths: list[Path]) -> None:
        """Files dropped or chosen: key files are trusted, bundles checked and previewed."""
        for key in (p for p in paths if p.suffix.lower() == KEY_SUFFIX):
            self.keys.trust_key(key)
        bundles = [p for p in paths if p.suffix.lower() == BUNDLE_SUFFIX]
        if bundles:
            self.controller.take_in(bundles)
