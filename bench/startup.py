"""Start-up time: NTM Desktop's main window with the demo data vs a bare PySide6 window.

Both are measured the same way, in the same run: the wall time of a fresh process that starts Python,
opens its window offscreen, paints it (``grab()`` into a PNG) and exits. The app runs
``ntm-desktop gui --screenshot``; the baseline is the smallest PySide6 program that does the same.
Prints the medians and their ratio (target: at most 2.5×).

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 800)
window.show()
app.processEvents()
window.grab().save(sys.argv[1])
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.sqlite")
        cli = [sys.executable, "-m", "ntm_desktop.cli.main", "--db", db]
        subprocess.run([*cli, "demo", "--no-gui"], check=True, env=env, stdout=subprocess.DEVNULL)
        png = str(Path(tmp) / "shot.png")
        app_cmd = [*cli, "gui", "--screenshot", png]
        bare_cmd = [sys.executable, "-c", BARE, png]
        timed(app_cmd, env)  # warm the file cache once for both
        timed(bare_cmd, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            bare_times.append(timed(bare_cmd, env))
            app_times.append(timed(app_cmd, env))
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"bare PySide6 window:        {bare * 1000:7.0f} ms (median of {args.runs})")
    print(f"NTM Desktop with demo data: {app * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio:                      {app / bare:7.2f}x (target <= 2.5x)")


if __name__ == "__main__":
    main()
