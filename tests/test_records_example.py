"""The example file of the records-v1 format: the copy in ``tests/helpers`` is the shared original, and
it imports."""

from __future__ import annotations

import json
from pathlib import Path

from ntm_desktop.workspace import Workspace
from tests.helpers.records_example import EXAMPLE, EXAMPLE_FILE, example_file
from tests.helpers.shared import shared_file


def test_the_copy_is_the_shared_example() -> None:
    original = shared_file("formats/example-bang-thanh.json")
    assert json.loads(original.read_text(encoding="utf-8")) == EXAMPLE


def test_the_shared_example_imports(blank_ws: Workspace, tmp_path: Path) -> None:
    path = EXAMPLE_FILE if EXAMPLE_FILE.exists() else example_file(tmp_path)
    result = blank_ws.records.import_file(path)
    assert result.unit_created and sum(c.created for c in result.counts.values()) == 5
