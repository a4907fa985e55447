"""The first-run wizard: set up the commune this data file belongs to (and edit it later)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget, QWizard

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import Conflict, InvalidInput, NtmError, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.criteria.loading import group_period_for_year
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.wizard.pages import (
    OfficersPage,
    PlacePage,
    ProfilePage,
    ReceiverPage,
    UnitPage,
    VillagesPage,
)


class SetupWizard(QWizard):
    """Finish validates the whole profile, saves it through ``ws.unit.setup`` on the database worker and
    closes only when it is saved; a problem the core finds is shown at its field."""

    def __init__(
        self, ctx: AppContext, profile: UnitProfile | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: UnitProfile | None = None
        self._saving = False
        current = group_period_for_year(date.today().year)
        # Groups of other periods are kept as they are: this form edits the current period's.
        self._other_groups = tuple((k, v) for k, v in (profile.groups if profile else ()) if k != current)
        self.setWindowTitle(tr("Set up your commune") if profile is None else tr("Commune details"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(720, 560)
        self.unit_page = UnitPage(editing=profile is not None)
        self.place_page = PlacePage()
        self.villages_page = VillagesPage()
        self.receiver_page = ReceiverPage()
        self.officers_page = OfficersPage()
        self.pages: tuple[ProfilePage, ...] = (
            self.unit_page,
            self.place_page,
            self.villages_page,
            self.receiver_page,
            self.officers_page,
        )
        for number, page in enumerate(self.pages, start=1):
            page.setTitle(
                tr("Step {n} of {total} · {title}", n=number, total=len(self.pages), title=page.title())
            )
            self.addPage(page)
        self.unit_page.province_combo.currentIndexChanged.connect(
            lambda _: self.receiver_page.province_changed(self.unit_page.province_code)
        )
        if profile is not None:
            for page in self.pages:
                page.fill(profile)

    @classmethod
    def ask(
        cls, ctx: AppContext, profile: UnitProfile | None = None, parent: QWidget | None = None
    ) -> UnitProfile | None:
        """Run the wizard; the profile as saved, or None if the officer cancelled."""
        wizard = cls(ctx, profile, parent)
        wizard.exec()
        return wizard.saved

    def profile(self) -> UnitProfile:
        u, r = self.unit_page, self.receiver_page
        # A code typed into the "former communes" box but not added yet still counts.
        self.villages_page.villages.add_current()
        self.villages_page.predecessors.add_current()
        return UnitProfile(
            code=clean(u.code_edit.text()),
            name=clean(u.name_edit.text()),
            province_code=u.province_code,
            type=str(u.type_combo.currentData()),
            region=self.place_page.region,
            group=self.place_page.group,
            villages=self.villages_page.villages.values(),
            predecessors=self.villages_page.predecessors.values(),
            receiving_unit_name=clean(r.name_edit.text()),
            receiving_unit_level=r.level,
            officers=self.officers_page.rows.officers(),
            groups=self._other_groups,
        )

    def accept(self) -> None:
        if self._saving:
            return
        try:
            profile = self.profile().cleaned()  # the core's own checks, before anything is written
        except InvalidInput as exc:
            self.show_problems(exc.problems)
            return
        self._saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

        def saved(_: Changes) -> None:
            self._saving = False
            self.saved = profile
            super(SetupWizard, self).accept()

        def refused(exc: BaseException) -> None:
            self._saving = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            if isinstance(exc, InvalidInput):
                self.show_problems(exc.problems)
            else:
                assert isinstance(exc, NtmError)
                self.show_problems((Problem("unit.code", exc.message),))

        self.ctx.mutate(
            lambda ws: ws.unit.setup(profile),
            saved,
            on_invalid=refused,
            handles=(InvalidInput, Conflict),
            owner=self,
        )

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        """Show each problem at its field and go back to the first page that has one."""
        first: int | None = None
        for problem in problems:
            for page_id, page in enumerate(self.pages):
                if page.show_problem(problem.path, problem.message):
                    first = page_id if first is None else min(first, page_id)
                    break
            else:
                self.ctx.tasks.report(InvalidInput([problem]))
        while first is not None and self.currentId() > first:
            self.back()
