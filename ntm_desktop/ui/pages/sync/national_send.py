"""A province office sends its year to the national office (``bundle export --to national``) from the
Sync page: the clerk chooses the year and the folder (the USB stick), the roll-up is written on the
database worker through the same core call as the command line, and the page says what went where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.sync.export_dialog import ExportChoice, ExportDialog
from ntm_desktop.ui.pages.sync.wording import size_text

if TYPE_CHECKING:
    from ntm_desktop.receiver.rollup import RollupExport

YEARS_BACK = 5


def year_choices() -> list[int]:
    """This year (Vietnam time) first, then the years before it: a year to come cannot be sent."""
    this = vntime.today().year
    return list(range(this, this - YEARS_BACK - 1, -1))


def rollup_text(done: RollupExport, year: int) -> str:
    """Where the roll-up was written, and what it carries."""
    r = done.result
    lines = [
        tr("Written: {path} ({size})", path=str(r.path), size=size_text(r.size)),
        "    "
        + tr(
            "Roll-up of {year} for the national office: {communes}, {bundles}, {signoffs}, {recognitions}.",
            year=year,
            communes=trn("{n} commune", "{n} communes", done.communes),
            bundles=trn("{n} commune bundle", "{n} commune bundles", r.files),
            signoffs=trn("{n} sign-off", "{n} sign-offs", r.counts.get("signoffs", 0)),
            recognitions=trn(
                "{n} recognition decision", "{n} recognition decisions", r.counts.get("recognitions", 0)
            ),
        ),
    ]
    if done.not_kept:
        lines.append(
            "    "
            + tr(
                "Not carried (received before this version kept bundles; ask these communes for a full "
                "bundle): {codes}",
                codes=", ".join(done.not_kept),
            )
        )
    if done.foreign:
        lines.append("    " + tr("Left out, of another province: {codes}", codes=", ".join(done.foreign)))
    if not done.communes:
        from ntm_desktop.receiver.rollup import empty_text  # the data layer's words, loaded when needed

        lines.append("    " + empty_text(year))
    return "\n".join(lines)


def ask_national(parent: QWidget, folder: Path) -> ExportChoice | None:
    """The year and the folder to write the roll-up into; None if cancelled."""
    choice = ExportDialog.ask(
        parent,
        tr("Send the year's roll-up to the national office"),
        tr(
            "One file, signed by this office, carries the province's communes, the bundles they sent, "
            "the year's sign-offs and recognition decisions, for the Central Coordination Office."
        ),
        folder,
        years=year_choices(),
    )
    return None if choice is None or choice.year is None else choice


def write_national(
    ctx: AppContext,
    parent: QWidget,
    choice: ExportChoice,
    said: Callable[[str], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Write the roll-up on the database worker (the core call ``bundle export --to national`` makes)."""
    ws, year = ctx.ws, choice.year
    assert year is not None

    def written(done: RollupExport) -> None:
        said(rollup_text(done, year))
        ctx.hub.announce(done.result.changes)

    ctx.tasks.run_db(
        lambda: ws.receiver.export_national(choice.folder, year),
        written,
        on_failure=failed,
        handles=(Exception,),
        owner=parent,
    )
