"""The first page before the data file is open: the overview drawn from the start-up snapshot kept beside
the data file (``core/startup_snapshot.py``: refused the moment the file may have changed), and the
snapshot written again when the app closes the file.

Only a commune's overview is kept (a receiving office opens on its list of communes). Reading the
snapshot imports neither SQLAlchemy nor the models; the overview page, and with it QtCharts, is imported
only when there is a snapshot to show.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_desktop import __version__
from ntm_desktop.core import startup_snapshot
from ntm_desktop.core.i18n import language
from ntm_desktop.services.overview import (
    OverviewFigures,
    figures_from_json,
    figures_to_json,
    load_figures,
    year_to_open,
)
from ntm_desktop.ui.year import YearState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ntm_desktop.ui.pages.overview import OverviewPage
    from ntm_desktop.workspace import Workspace

log = logging.getLogger("ntm_desktop.ui")


def kept_figures(data_file: Path, remembered_year: int | None) -> OverviewFigures | None:
    """The overview's figures from the snapshot, if it is valid and for the year the app will open at."""
    data = startup_snapshot.load(data_file, app_version=__version__, language=language())
    figures = figures_from_json(data) if data is not None else None
    if figures is None:
        return None
    opens_at = year_to_open(figures.first_year, figures.last_year, figures.years_with_data, remembered_year)
    return figures if opens_at == figures.year else None


def preview_page(figures: OverviewFigures, parent: QWidget) -> OverviewPage:
    """The overview showing ``figures``, with nothing to click, until the real pages are attached."""
    from ntm_desktop.ui.pages.overview import OverviewPage

    year = YearState(figures.year, figures.first_year, figures.last_year, parent)
    return OverviewPage(None, year, lambda: None, figures=figures)


def figures_to_keep(ws: Workspace, year: YearState | None) -> OverviewFigures | None:
    """The overview's figures for the year on screen, read just before the data file is closed."""
    if year is None or ws.settings.role == "receiver" or not ws.unit.has_home():
        return None
    try:
        return load_figures(ws, year.year)
    except Exception:  # a cache must never stop the app from closing; the next start simply waits
        log.warning("the start-up snapshot could not be read from the data file", exc_info=True)
        return None


def keep_figures(data_file: Path, figures: OverviewFigures | None) -> None:
    """Write the snapshot for the file as it is now (closed), or remove an old one."""
    if figures is None:
        startup_snapshot.discard(data_file)
        return
    startup_snapshot.save(data_file, figures_to_json(figures), app_version=__version__, language=language())
