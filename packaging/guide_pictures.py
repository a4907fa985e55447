"""Make the in-app guide's pictures (resources/guide/img/*.png) again from a sample commune's data file, as
the app draws them; ``packaging/screenshots.py`` runs it after the README's pictures, on the same commune.

    python packaging/guide_pictures.py --db COMMUNE.sqlite [--lang vi|en] [--out FOLDER]

``--lang``: the window's language, the guide's (default vi: resources/guide/img, which the Vietnamese
guide shows; en: resources/guide/img/en, which the English guide shows). The sample commune's own data
(names, titles) stay as they were typed, in Vietnamese, in both.

The real main window (its own page factory) at 1366×768, offscreen: Tổng quan, Tiêu chí (indicator 17.1
open in the editor), Hỗ trợ đã nhận, Báo cáo and Đồng bộ, 820 px wide; the help form of one record and the
Trash (one help record removed, in a copy of the data file) 720 px wide; the first-run wizard on a new
data file 620 px wide. Each is scaled smoothly, then kept as an 8-bit palette PNG of its 256 most frequent
colours, diffused (Qt's DiffuseDither), so every picture stays under test_ui_guide's 120 KB limit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog

from ntm_desktop.ui.app import application
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.help.table_model import TITLE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.style import apply_style
from ntm_desktop.ui.testing import make_context, open_window
from ntm_desktop.ui.trash_dialog import TrashDialog
from ntm_desktop.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
YEAR = 2025
SIZE = (1366, 768)
PAGES = {"overview": 1, "criteria": 2, "help": 3, "reports": 4, "sync": 5}
"""The guide's page pictures and their place in the sidebar, counted from 1 as ``gui --page`` does."""
EDITED = "Tặng bàn ghế, sách vở"
"""The start of the title of the help record whose form the guide shows."""
REMOVED = "Khám chữa bệnh"
"""The start of the title of the help record the Trash picture shows removed."""
OFFICER = "Nguyễn Thị Thảo"
"""Who removes it: the sample commune's officer (the criteria editor names her as assessor)."""


def pictures_folder(lang: str, root: Path = REPO / "resources" / "guide" / "img") -> Path:
    """Where the guide in ``lang`` finds its pictures: ``img/`` for Vietnamese, ``img/en/`` for English
    (the English guide's ``<img src="img/en/…">``)."""
    return root if lang == "vi" else root / lang


def palette_png(image: QImage, width: int, out: Path) -> None:
    """``image`` ``width`` px wide, as a PNG of its 256 most frequent colours, diffused."""
    scaled = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    rgb = scaled.convertToFormat(QImage.Format.Format_RGB32)
    counts = Counter(memoryview(rgb.constBits()).cast("I"))  # one 32-bit value a pixel, no line padding
    table = [colour | 0xFF000000 for colour, _ in counts.most_common(256)]
    indexed = rgb.convertToFormat(QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.DiffuseDither)
    if not indexed.save(str(out)):  # PNG, as the name says
        raise OSError(f"cannot write {out}")
    print(f"{out} ({out.stat().st_size // 1000} KB, from {image.width()}×{image.height()})")


def settle(app: QApplication, ctx: AppContext, until: Callable[[], bool] = lambda: True) -> None:
    """Let the pages' background loads finish and the window paint."""
    for _ in range(600):
        app.processEvents()
        if not ctx.tasks.busy() and until():
            break
        ctx.tasks.wait(50)
    for _ in range(5):
        app.processEvents()


def grab_modal(app: QApplication, open_it: Callable[[], None], ready: Callable[[QDialog], bool]) -> QImage:
    """Open a modal dialog as the app does (``open_it``), picture it once ``ready``, then close it."""
    shot: list[QImage] = []

    def poll() -> None:
        dialog = app.activeModalWidget()
        if isinstance(dialog, QDialog) and ready(dialog):
            app.processEvents()
            shot.append(dialog.grab().toImage())
            dialog.reject()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    open_it()  # a dialog the app opens once the database worker has read the record: wait for it
    for _ in range(600):
        if shot:
            return shot[0]
        app.processEvents()
        time.sleep(0.05)
    raise RuntimeError("the dialog did not open")


def pages(app: QApplication, db: Path, out: Path) -> None:
    with Workspace.open(db) as ws:
        ctx, errors = make_context(ws, Path(tempfile.mkdtemp(prefix="ntm-guide-prefs-")))
        window = open_window(ctx, YEAR, 0, SIZE)
        for name, page in PAGES.items():
            window.go_to(page - 1)
            settle(app, ctx)
            shown = window.current_page()
            if name == "criteria":
                shown.select_code("17.1")  # type: ignore[union-attr]
                settle(app, ctx)
            palette_png(window.grab().toImage(), 820, out / f"{name}.png")
        window.go_to(PAGES["help"] - 1)
        settle(app, ctx)
        ledger = window.current_page().ledger  # type: ignore[union-attr]
        ledger.filters.all_years.setChecked(True)  # the record is of 2022
        settle(app, ctx)
        titles = [ledger.model.index(r, TITLE) for r in range(ledger.model.rowCount())]
        ledger.table.setCurrentIndex(next(i for i in titles if str(i.data()).startswith(EDITED)))
        image = grab_modal(app, ledger.edit_current, lambda d: not ctx.tasks.busy())
        palette_png(image, 720, out / "help-form.png")
        window.close()
        ctx.tasks.wait()
    if errors:  # a picture of an error is no guide
        raise errors[0]


def trash(app: QApplication, db: Path, out: Path) -> None:
    """One help record removed (in a copy of the data file), and the Trash as File › Thùng rác opens it."""
    copy = Path(tempfile.mkdtemp(prefix="ntm-guide-trash-")) / db.parent.name
    shutil.copytree(db.parent, copy)
    os.environ["NTM_ACTOR"] = OFFICER  # the commune's officer removes it, not the province's clerk
    with Workspace.open(copy / db.name) as ws:
        removed = next(h for h in ws.help.list() if h.title.startswith(REMOVED))
        ws.help.remove(removed.uid)
        ctx, errors = make_context(ws, copy)
        window = open_window(ctx, YEAR, 0, SIZE)
        settle(app, ctx)

        def chosen(dialog: QDialog) -> bool:  # loaded, and its one record chosen as a click would
            if not isinstance(dialog, TrashDialog) or not dialog.loaded:
                return False
            dialog.table.setCurrentIndex(dialog.proxy.index(0, 0))
            return True

        image = grab_modal(app, window.trash_action.trigger, chosen)
        palette_png(image, 720, out / "trash.png")
        window.close()
        ctx.tasks.wait()
    if errors:
        raise errors[0]


def setup(app: QApplication, out: Path) -> None:
    """The first-run wizard's first page, on a new data file (as the app opens one)."""
    from ntm_desktop.ui.wizard import SetupWizard

    folder = Path(tempfile.mkdtemp(prefix="ntm-guide-new-"))
    with Workspace.open(folder / "ntm.sqlite") as ws:
        ctx, _ = make_context(ws, folder)
        wizard = SetupWizard(ctx)
        wizard.show()
        settle(app, ctx)
        palette_png(wizard.grab().toImage(), 620, out / "setup.png")
        wizard.close()
        ctx.tasks.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the sample commune's data file")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="the window's language")
    parser.add_argument("--out", type=Path, help="default: resources/guide/img (vi), …/img/en (en)")
    args = parser.parse_args()
    out = args.out or pictures_folder(args.lang)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()  # as ``gui`` makes it, in the guide's language, with the app's style
    apply_language(app, args.lang)
    apply_style(app)
    pages(app, args.db, out)
    trash(app, args.db, out)
    setup(app, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
