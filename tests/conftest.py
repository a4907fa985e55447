"""Shared fixtures. Every test gets its own data folder; nothing is written into the repository."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import configuration as hypothesis_configuration

from ntm_desktop.core.i18n import set_language
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT

# Hypothesis keeps a cache folder; keep it out of the repository.
hypothesis_configuration.set_hypothesis_home_dir(tempfile.mkdtemp(prefix="ntm-hypothesis-"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Vietnamese by default, and the data folder (logs, default db) inside the test's tmp folder."""
    monkeypatch.setenv("NTM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NTM_ACTOR", "Người kiểm thử")
    monkeypatch.delenv("NTM_LANG", raising=False)
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def blank_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "blank" / "ntm.sqlite")
    yield ws
    ws.close()


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace with the sample commune set up."""
    workspace = Workspace.open(tmp_path / "ws" / "ntm.sqlite")
    workspace.unit.setup(SAMPLE_UNIT)
    yield workspace
    workspace.close()
