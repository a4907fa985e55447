"""What the receiver's GUI tests share (no tests here): the demo-like province office of
``tests.helpers.receiver`` with a UI context whose errors go down the real error dialog, and its
communes list opened through the main window as the running app opens it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.errors import open_dialogs
from ntm_desktop.ui.pages.receiver.communes_model import CODE
from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
from ntm_desktop.ui.pages.registry import COMMUNES_PAGE
from ntm_desktop.ui.testing import open_page
from tests.helpers.receiver import Province, make_province
from tests.helpers.ui_sync import Errors, context, settle

YEAR = 2025


@dataclass
class Office:
    province: Province
    ctx: AppContext
    errors: Errors


def office_with(tmp_path: Path, before: Callable[[Province], None] = lambda _: None) -> Iterator[Office]:
    """The province office once every commune's bundle is in and ``before`` has run; closed after."""
    p = make_province(tmp_path)
    p.send_all()
    before(p)
    ctx, errors = context(p.office, tmp_path)
    yield Office(p, ctx, errors)
    ctx.tasks.wait()
    for dialog in open_dialogs():
        dialog.close()
    for ws in (p.office, *p.communes):
        ws.close()


def open_communes(qtbot, office: Office) -> CommunesPage:
    page = open_page(office.ctx, YEAR, COMMUNES_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CommunesPage)
    settle(qtbot, office.ctx, lambda: page.loaded)
    return page


def cell(page: CommunesPage, code: str, column: int) -> str:
    p = page.proxy
    row = next(r for r in range(p.rowCount()) if p.index(r, CODE).data() == code)
    return str(p.index(row, column).data() or "")


def codes(page: CommunesPage) -> list[str]:
    p = page.proxy
    return [str(p.index(r, CODE).data()) for r in range(p.rowCount())]
