"""Cán bộ tăng cường: cadres seconded to the commune by a province or district body."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.ledger import Cadre, CadreDraft, Supporter
from ntm_desktop.services.ledger.checks import check_cadre
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.people.records_tab import RecordsTab
from ntm_desktop.ui.pages.supporters.dialogs import FormDialog
from ntm_desktop.ui.widgets.forms import OptionalDate, show_day
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.year import YearState


class CadreDialog(FormDialog):
    list_name = "cadres"

    def __init__(
        self, supporters: tuple[Supporter, ...], existing: Cadre | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("Seconded cadre"), parent)
        e = existing
        self.name = QLineEdit(e.name if e else "")
        self.name.setPlaceholderText(tr("e.g. Nguyễn Văn Hòa"))
        self.position = QLineEdit(e.position if e else "")
        self.position.setPlaceholderText(tr("e.g. Phó trưởng phòng, Văn phòng UBND tỉnh"))
        self.supporter = QComboBox()
        self.supporter.addItem(tr("(not given)"), None)
        for s in vi_sorted(supporters, key=lambda s: s.name):
            self.supporter.addItem(s.name, s.uid)
        self.supporter.setCurrentIndex(max(self.supporter.findData(e.supporter if e else None), 0))
        self.start = OptionalDate(tr("from"), e.start if e else None)
        self.end = OptionalDate(tr("to"), e.end if e else None)
        self.note = QPlainTextEdit(e.note if e else "")
        self.note.setFixedHeight(56)
        self.note.setTabChangesFocus(True)
        self.row("name", self.name)
        self.row("position", self.position)
        self.row("supporter", self.supporter)
        self.row("start", self.start)
        self.row("end", self.end)
        self.row("note", self.note)
        self.finish()

    @classmethod
    def ask(
        cls, parent: QWidget | None, supporters: tuple[Supporter, ...], existing: Cadre | None = None
    ) -> CadreDraft | None:
        dialog = cls(supporters, existing, parent)
        return dialog.draft() if dialog.exec() == FormDialog.DialogCode.Accepted else None

    def draft(self) -> CadreDraft:
        return CadreDraft(
            name=self.name.text(),
            position=self.position.text(),
            supporter=self.supporter.currentData(),
            start=self.start.value(),
            end=self.end.value(),
            note=self.note.toPlainText(),
        )

    def problems(self) -> list[Problem]:
        return check_cadre(self.draft())[1]


class CadresTab(RecordsTab):
    kind = Kind.CADRES
    service_name = "cadres"
    stretch = 5
    widths = {0: 170, 1: 230, 2: 270}  # noqa: RUF012 (read only)

    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        self.add_text = tr("New cadre…")
        self.empty_text = tr("No seconded cadre recorded yet.")
        super().__init__(ctx, year.year, parent)

    def columns(self) -> list[Column]:
        return [
            Column(tr("Full name"), lambda c: c.name),
            Column(tr("Position"), lambda c: c.position),
            Column(tr("Home agency"), lambda c: c.supporter_name),
            Column(tr("From"), lambda c: show_day(c.start), sort=lambda c: c.start),
            Column(tr("To"), lambda c: show_day(c.end), sort=lambda c: c.end),
            Column(tr("Note"), lambda c: c.note),
        ]

    def ask(self, existing: Any | None) -> CadreDraft | None:
        return CadreDialog.ask(self, self.choices.supporters, existing)

    def describe(self, record: Any) -> str:
        return str(record.name)
