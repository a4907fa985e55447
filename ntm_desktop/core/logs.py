"""Logging, configured once: a rotating file in the data folder."""

from __future__ import annotations

import logging
import logging.handlers
import tempfile
from pathlib import Path

from ntm_desktop.core.paths import default_data_dir

_configured: Path | None = None


def log_file(folder: Path | None = None) -> Path:
    """The log file: where logging was configured, else in ``folder`` (default: the data folder)."""
    if _configured is not None and folder is None:
        return _configured
    return (folder or default_data_dir()) / "logs" / "ntm-desktop.log"


def spare_log_file() -> Path:
    """Where the log goes when the data folder cannot be written (a write-protected stick, a CD): the
    system's temporary folder, so that "details were saved in …" names a file that has them."""
    return Path(tempfile.gettempdir()) / "ntm-desktop-logs" / "ntm-desktop.log"


def configure(level: int = logging.INFO, folder: Path | None = None) -> Path:
    """Send log records to ``logs/ntm-desktop.log`` in ``folder`` (default: the data folder; 1 MB × 5
    files). Safe to call more than once: the first call decides the file."""
    global _configured
    if _configured is not None:
        return _configured
    handler: logging.Handler | None = None
    for path in (log_file(folder), spare_log_file()):  # a data folder on a write-protected stick: the spare
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
            break
        except OSError:
            continue
    if handler is None:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path
