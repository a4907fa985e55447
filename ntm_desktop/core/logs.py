"""Logging, configured once: a rotating file in the data folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ntm_desktop.core.paths import default_data_dir

_configured: Path | None = None


def log_file(folder: Path | None = None) -> Path:
    """The log file: where logging was configured, else in ``folder`` (default: the data folder)."""
    if _configured is not None and folder is None:
        return _configured
    return (folder or default_data_dir()) / "logs" / "ntm-desktop.log"


def configure(level: int = logging.INFO, folder: Path | None = None) -> Path:
    """Send log records to ``logs/ntm-desktop.log`` in ``folder`` (default: the data folder; 1 MB × 5
    files). Safe to call more than once: the first call decides the file."""
    global _configured
    if _configured is not None:
        return _configured
    path = log_file(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path
