"""What a data file holds, to check that a refused command changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(path: str | Path) -> list[str]:
    """Every table's rows as SQL (schema and data), in a stable order."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
