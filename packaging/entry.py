"""The frozen app's entry point: ``ntm-desktop`` (and, on Windows, ``ntm-desktop-cli.exe``).

A windowed Windows program has no console, so ``sys.stdout``/``sys.stderr`` are ``None``: give them a sink
so that a stray ``print`` or a logging handler cannot fail. Everything else is the ordinary command line.
"""

from __future__ import annotations

import os
import sys


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the app)


if __name__ == "__main__":
    _ensure_streams()
    from ntm_desktop.cli.main import main

    sys.exit(main())
