"""The app's modules compiled to bytecode before a bench times anything, as an installed app has them
(pip compiles a package's modules when it installs it; the frozen build carries them compiled).

Without it, on a machine that sets ``PYTHONDONTWRITEBYTECODE`` (this project's does), the first bundle a
bench imports would also pay for compiling the sixty-odd modules of the import path from source — a
cost no clerk's installed app pays. Importing this module compiles what is missing or out of date into
the usual ``__pycache__`` folders (ignored by git); Python then reads them even with that setting.
"""

from __future__ import annotations

import compileall
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "ntm_desktop"

compileall.compile_dir(APP, quiet=1)
