"""Start-up time: NTM Desktop's main window showing the demo commune's figures vs a bare PySide6 window.

Each figure is the wall time of a fresh process that starts, opens its window offscreen, paints it
(``grab()`` into a PNG) and exits, measured interleaved in the same run (median of ``--runs``):

- bare: the smallest PySide6 program that does the same (the baseline);
- first figures: ``ntm-desktop gui --screenshot --first-paint``, the window as the officer first sees it,
  with the overview's figures from the start-up snapshot (checked against the data file's state; the run
  fails if the snapshot was refused); the target is at most 2.5x the bare window;
- data file open: ``ntm-desktop gui --screenshot``, which also waits for the data file to be opened, the
  real pages attached and their loads finished (what follows the first figures, in the background).

    python bench/startup.py [--runs 7] [--app dist/ntm-desktop/ntm-desktop]

``--app`` measures a built program (packaging/build.py) instead of the source; the baseline stays the bare
window of this Python.
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

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

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


def _children_cpu() -> float:
    if resource is None:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str], snapshot_of: Path | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system; 0 where the OS does not say) of one run of ``cmd``; with
    ``snapshot_of``, the run fails unless that data file's start-up snapshot is valid (so it is used)."""
    if snapshot_of is not None:
        from ntm_desktop import __version__
        from ntm_desktop.core import startup_snapshot

        if startup_snapshot.load(snapshot_of, app_version=__version__, language="vi") is None:
            raise SystemExit(f"{' '.join(cmd)}: the start-up snapshot was refused")
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    return took, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--app", type=Path, help="a built ntm-desktop program instead of the source")
    args = parser.parse_args()
    program = [str(args.app.resolve())] if args.app else [sys.executable, "-m", "ntm_desktop.cli.main"]
    with tempfile.TemporaryDirectory() as tmp:
        # Compiled bytecode is kept (in the temporary folder, not the repository), as an installed app
        # has it: without it every run would compile the app's modules again.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        data_dir = Path(tmp) / "xã mẫu"
        data_file = data_dir / "ntm.sqlite"
        cli = [*program, "--data-dir", str(data_dir)]
        subprocess.run([*cli, "demo", "--no-gui"], check=True, env=env, stdout=subprocess.DEVNULL)
        png = str(Path(tmp) / "shot.png")
        full_cmd = [*cli, "gui", "--screenshot", png]
        first_cmd = [*full_cmd, "--first-paint"]
        bare_cmd = [sys.executable, "-c", BARE, png]
        timed(full_cmd, env)  # opens the data file once and, closing it, keeps the start-up snapshot
        timed(first_cmd, env, data_file)  # and warms the file cache for every command
        timed(bare_cmd, env)
        bare, first, full = [], [], []
        for _ in range(args.runs):  # interleaved, so all three see the same machine load
            bare.append(timed(bare_cmd, env))
            first.append(timed(first_cmd, env, data_file))
            full.append(timed(full_cmd, env))
    what = f"built program {args.app}" if args.app else "from source"
    print(f"NTM Desktop {what}, demo commune, median of {args.runs} (wall time; CPU time in brackets):")
    report("bare PySide6 window", bare, bare)
    report("first figures (start-up snapshot)", first, bare, "  (target <= 2.5x)")
    report("data file open, real pages attached", full, bare)


def report(
    name: str, runs: list[tuple[float, float]], base: list[tuple[float, float]], note: str = ""
) -> None:
    wall, cpu = (statistics.median(r[i] for r in runs) for i in (0, 1))
    base_wall, base_cpu = (statistics.median(r[i] for r in base) for i in (0, 1))
    cpu_part = f" [{cpu * 1000:5.0f} ms, {cpu / base_cpu:4.2f}x]" if base_cpu else ""
    print(f"{name + ':':38s} {wall * 1000:6.0f} ms {wall / base_wall:5.2f}x{cpu_part}{note}")


if __name__ == "__main__":
    main()
