"""What poppler sees in a PDF: its text, with the signature stamps (which pypdf leaves out)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def poppler_lines(path: Path) -> list[str]:
    """``pdftotext`` of the whole file, line by line as printed (a table cell's lines each on its own);
    skips the test without poppler."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    out = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").splitlines()


def poppler_text(path: Path) -> str:
    """``pdftotext`` of the whole file, words joined by single spaces; skips the test without poppler."""
    return " ".join(" ".join(poppler_lines(path)).split())
