"""The yearly report's text, section by section: the officer picks a section (công tác chỉ đạo, nợ đọng,
kiến nghị…), reads the sentences drawn from the data, and writes or accepts the text the report prints.

Only what the officer saves is stored (``ws.narratives``: audited, synced to the receiving unit); an
untouched section keeps printing the data's sentences. Leaving a section, the page or the window saves
what was typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.reports.narratives import Section, example, for_year
from ntm_desktop.services.narrative_values import SECTIONS, section_label
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.widgets.fields import InlineMessage, label

WATCHED = (Kind.NARRATIVES, Kind.UNIT, Kind.PROGRESS, Kind.CRITERIA, Kind.HELP, Kind.CADRES, Kind.EVENTS)
"""What the sections' text or suggestions are made from."""


class SectionsEditor(QWidget):
    saved = Signal()
    """A section's text was stored (the preview no longer shows it)."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.sections: list[Section] = []
        self._key = ""
        self._dirty = False
        self._loading = False
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Report sections"))
        rows = len(SECTIONS)
        row = self.list.fontMetrics().lineSpacing() + 4
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth() + 6)  # every section, no scrolling
        self.list.currentRowChanged.connect(self._picked)
        self.heading = label("", "subtitle")
        self.state = label("", "muted")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(field_name("narratives", "text"))
        self.text.textChanged.connect(self._typed)
        self.save_button = QPushButton(tr("Save the section"))
        self.save_button.clicked.connect(self.flush)
        self.accept_button = QPushButton(tr("Use the suggested text"))
        self.accept_button.setToolTip(tr("Put the sentences drawn from the data in the box, to edit them"))
        self.accept_button.clicked.connect(self._use_suggestion)
        self.reset_button = QPushButton(tr("Back to the suggestion"))
        self.reset_button.setToolTip(tr("Forget what was written: the report prints the data's sentences"))
        self.reset_button.clicked.connect(self._reset)
        self.message = InlineMessage()
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        """The sections listed above the text (a long title is never cut, in either language)."""
        buttons = QHBoxLayout()
        for button in (self.save_button, self.accept_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list)
        box.addWidget(self.heading)
        box.addWidget(self.state)
        box.addWidget(self.text, 1)
        box.addWidget(self.message)
        box.addLayout(buttons)

    # ---- loading -----------------------------------------------------------------------------------

    def set_year(self, year: int) -> None:
        if year != self.year:
            self.flush()
            self.year = year
            self.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.touches(*WATCHED) and not self._dirty:
            self.reload()

    def reload(self) -> None:
        ws, year = self.ctx.ws, self.year
        self.ctx.tasks.run_db(lambda: (year, for_year(ws, year)), self._loaded, owner=self)

    def _loaded(self, result: tuple[int, list[Section]]) -> None:
        year, sections = result
        if year != self.year or self._dirty:
            return
        self.sections = sections
        keep = self._key or (sections[0].key if sections else "")
        self._loading = True
        self.list.clear()
        for s in sections:
            item = QListWidgetItem(self._item_text(s))
            item.setToolTip(s.title)
            self.list.addItem(item)
        keys = [s.key for s in sections]
        self.list.setCurrentRow(keys.index(keep) if keep in keys else 0)
        self._loading = False
        self._show(self._current())

    @staticmethod
    def _item_text(s: Section) -> str:
        mark = "✓ " if s.edited else ""
        return f"{mark}{section_label(s.key)}"

    def _current(self) -> Section | None:
        row = self.list.currentRow()
        return self.sections[row] if 0 <= row < len(self.sections) else None

    def _picked(self, row: int) -> None:
        if self._loading:
            return
        self.flush()
        self._show(self._current())

    def _show(self, s: Section | None) -> None:
        self._loading = True
        self._key = s.key if s is not None else ""
        self.heading.setText(s.title if s is not None else "")
        self.text.setPlainText(s.text if s is not None and s.edited else "")
        hint = (s.suggestion or example(s.key, self.year)) if s is not None else ""
        self.text.setPlaceholderText(hint)
        self._loading = False
        self._dirty = False
        self.message.clear_message()
        self._describe(s)

    def _describe(self, s: Section | None) -> None:
        if s is None:
            self.state.setText("")
        elif s.edited:
            self.state.setText(tr("Written by the officer: the report prints this text."))
        elif s.suggestion:
            self.state.setText(
                tr("Not written yet: the report prints the sentences drawn from the data (shown greyed).")
            )
        else:
            self.state.setText(tr("Not written yet: the data says nothing here; the example is not printed."))
        self.reset_button.setEnabled(s is not None and s.edited)
        self.accept_button.setEnabled(s is not None and bool(s.suggestion))

    # ---- saving ------------------------------------------------------------------------------------

    def _typed(self) -> None:
        if not self._loading:
            self._dirty = True
            self.state.setText(tr("Not saved yet"))

    def _use_suggestion(self) -> None:
        s = self._current()
        if s is not None:
            self.text.setPlainText(s.suggestion)  # marks it typed: saved with the next save
            self.text.setFocus()

    def flush(self) -> None:
        """Save what was typed in the section shown, if anything."""
        if not self._dirty or not self._key:
            return
        self._dirty = False
        year, key, words = self.year, self._key, self.text.toPlainText()
        self.ctx.mutate(
            lambda ws: ws.narratives.write(year, key, words),
            lambda _: self._stored(),
            on_invalid=self._refused,
            handles=(InvalidInput,),
            owner=self,
        )

    def _stored(self) -> None:
        # In Vietnam time, whatever zone the computer's clock is set to.
        self.state.setText(tr("Saved at {time}", time=f"{vntime.now():%H:%M}"))
        self.saved.emit()

    def _refused(self, exc: BaseException) -> None:
        self._dirty = True
        problems = exc.problems if isinstance(exc, InvalidInput) else []
        self.message.show_message(problems[0].message if problems else str(exc))

    def _reset(self) -> None:
        if self._key:
            year, key = self.year, self._key
            self._dirty = False
            self.ctx.mutate(
                lambda ws: ws.narratives.clear(year, key), lambda _: self.saved.emit(), owner=self
            )

    def unsaved(self) -> str:
        """Why the text typed cannot be saved ("" when it is saved or can be)."""
        return self.message.message if self._dirty else ""
