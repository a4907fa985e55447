"""Logging, configured once: a rotating file in the data folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ntm_desktop.core.paths import default_data_dir

_configured = False


def log_file() -> Path:
    return default_data_dir() / "logs" / "ntm-desktop.log"


def configure(level: int = logging.INFO) -> Path:
    """Send log records to ``logs/ntm-desktop.log`` (1 MB × 5 files). Safe to call more than once."""
    global _configured
    path = log_file()
    if _configured:
        return path
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
    _configured = True
    return path
