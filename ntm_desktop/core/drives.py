"""Removable drives (USB sticks) present now, so a bundle dialog opens on the stick, not the data folder.

Linux: folders under ``/media/$USER`` and ``/run/media/$USER`` (where desktops mount sticks);
Windows: drive letters whose type is DRIVE_REMOVABLE (``GetDriveTypeW``).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

DRIVE_REMOVABLE = 2


def _linux_roots() -> list[Path]:
    try:
        user = getpass.getuser()
    except Exception:  # no user name: no per-user mount folders either
        return []
    return [Path("/media") / user, Path("/run/media") / user]


def _mounted_under(roots: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        try:
            found += sorted(p for p in root.iterdir() if p.is_dir() and os.access(p, os.W_OK))
        except OSError:
            continue
    return found


def _windows_drives() -> list[Path]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    drives = []
    for i in range(26):
        if mask & (1 << i):
            root = f"{chr(ord('A') + i)}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOVABLE:
                drives.append(Path(root))
    return drives


def removable_drives(linux_roots: list[Path] | None = None) -> list[Path]:
    """The writable removable drives mounted now, in a stable order (empty when none)."""
    if sys.platform == "win32":
        try:
            return _windows_drives()
        except (OSError, AttributeError):
            return []
    return _mounted_under(_linux_roots() if linux_roots is None else linux_roots)


def default_folder(fallback: Path) -> Path:
    """Where a bundle, receipt or backup dialog should open: the first USB stick, else ``fallback``."""
    drives = removable_drives()
    return drives[0] if drives else fallback
