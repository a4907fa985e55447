"""The first-run wizard: set up the commune this data file belongs to (and edit it later)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget, QWizard

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import Conflict, InvalidInput, NtmError, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.criteria.loading import group_period_for_year
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.typed_work import GuardedWizard, field_values
from ntm_desktop.ui.wizard.pages import (
    OfficersPage,
    PlacePage,
    ProfilePage,
    ReceiverPage,
    UnitPage,
    VillagesPage,
)
from ntm_desktop.ui.wizard.recovery import RecoveryPage
from ntm_desktop.ui.wizard.role import COMMUNE, OFFICE, RECOVER, OfficePage, RolePage

ROLE_ID, OFFICE_ID, RECOVERY_ID, FIRST_PROFILE_ID = 0, 1, 2, 10


class SetupWizard(GuardedWizard):
    """On a new data file it asks first whose file it is: a commune (the profile pages follow) or a
    receiving unit (one page). Finish validates everything, saves through ``ws.unit.setup`` or
    ``ws.receiver.set_up`` (as ``receiver setup`` does) on the database worker and closes only when it is
    saved; a problem the core finds is shown at its field. Cancel, Esc or the close button ask before
    throwing away what was typed (:class:`GuardedWizard`), and only then."""

    def __init__(
        self,
        ctx: AppContext,
        profile: UnitProfile | None = None,
        parent: QWidget | None = None,
        recover: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: UnitProfile | str | None = None
        """The commune's profile as saved, or ``"office"`` for a receiving unit."""
        self.recovery: Path | None = None
        """The recovery bundle chosen to recover the commune from (the third choice)."""
        self._saving = False
        current = group_period_for_year(vntime.today().year)
        # Groups of other periods are kept as they are: this form edits the current period's.
        self._other_groups = tuple((k, v) for k, v in (profile.groups if profile else ()) if k != current)
        self.setWindowTitle(tr("Set up a new data file") if profile is None else tr("Commune details"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(720, 560)
        self.role_page = RolePage(recover) if profile is None else None
        self.office_page = OfficePage()
        self.recovery_page = RecoveryPage(ctx.data_file.parent)
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
        if self.role_page is not None:
            if ctx.ws.on_server:  # a database server holds an office's data, never a commune's
                self.role_page.only_office()
            self.setPage(ROLE_ID, self.role_page)
            self.setPage(OFFICE_ID, self.office_page)
            if recover is not None:
                self.setPage(RECOVERY_ID, self.recovery_page)
        for number, page in enumerate(self.pages, start=1):
            page.setTitle(
                tr("Step {n} of {total} · {title}", n=number, total=len(self.pages), title=page.title())
            )
            self.setPage(FIRST_PROFILE_ID + number - 1, page)
        self.unit_page.province_combo.currentIndexChanged.connect(
            lambda _: self.receiver_page.province_changed(self.unit_page.province_code)
        )
        if profile is not None:
            for page in self.pages:
                page.fill(profile)

    def typed(self) -> object:
        """What the officer entered on the commune's or the office's pages: the fields, the lists of
        villages and former communes, the officers named. Which kind of file it is (the first page) or
        the recovery bundle picked is a choice made again in a moment, not typing to keep; an empty
        officer's row added is nothing typed either."""
        v = self.villages_page
        fields = [field_values(p) for p in (self.unit_page, self.place_page, v, self.receiver_page)]
        return (
            *fields,
            field_values(self.office_page),
            v.villages.values(),
            v.predecessors.values(),
            self.officers_page.rows.officers(),
        )

    @property
    def role(self) -> str:
        return self.role_page.role if self.role_page is not None else COMMUNE

    def nextId(self) -> int:
        """The commune's pages, the receiving unit's page or the recovery bundle's after the first choice;
        each ends there."""
        current = self.currentId()
        if current == ROLE_ID:
            return {COMMUNE: FIRST_PROFILE_ID, OFFICE: OFFICE_ID, RECOVER: RECOVERY_ID}.get(self.role, -1)
        if current in (OFFICE_ID, RECOVERY_ID, FIRST_PROFILE_ID + len(self.pages) - 1):
            return -1
        return super().nextId()

    @classmethod
    def ask(
        cls,
        ctx: AppContext,
        profile: UnitProfile | None = None,
        parent: QWidget | None = None,
        recover: Callable[[Path], None] | None = None,
    ) -> UnitProfile | str | None:
        """Run the wizard; the commune's profile or ``"office"`` as saved, None if the officer cancelled
        (or recovered the commune: ``recover`` is then called with the recovery bundle chosen)."""
        wizard = cls(ctx, profile, parent, recover)
        wizard.exec()
        if wizard.recovery is not None and recover is not None:
            recover(wizard.recovery)
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
        if self.role == RECOVER and self.role_page is not None and self.role_page.recover is not None:
            self.recovery = self.recovery_page.chosen
            if self.recovery is not None:
                super().accept()  # ``ask`` recovers once the wizard is closed (a new window opens)
            return
        if self.role == OFFICE:
            self._save_office()
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

    def _save_office(self) -> None:
        values = self.office_page.values()
        self.office_page.clear_problems()
        self._saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

        def saved(_: Changes) -> None:
            self._saving = False
            self.saved = OFFICE
            super(SetupWizard, self).accept()

        def refused(exc: BaseException) -> None:
            self._saving = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            problems = exc.problems if isinstance(exc, InvalidInput) else ()
            shown = [p for p in problems if self.office_page.show_problem(p.path, p.message)]
            if len(shown) < len(problems) or not problems:
                self.ctx.tasks.report(exc)

        self.ctx.mutate(
            lambda ws: ws.receiver.set_up(**values),  # what ``receiver setup`` does, with its checks
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
