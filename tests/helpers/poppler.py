"""What poppler sees in a PDF: its text, with the signature stamps (which pypdf leaves out)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def poppler_text(path: Path) -> str:
    """``pdftotext`` of the whole file, words joined by single spaces; skips the test without poppler."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    out = subprocess.run([tool, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())
