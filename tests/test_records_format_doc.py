"""``docs/records-format.md`` is the project's own copy of the team's records-v1 description: word for word,
with the project's additions only after it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.shared import shared_file

DOC = Path(__file__).resolve().parents[1] / "docs" / "records-format.md"


def test_the_records_format_doc_keeps_in_step_with_the_shared_one() -> None:
    shared = shared_file("formats/records-v1.md").read_text(encoding="utf-8")
    ours = DOC.read_text(encoding="utf-8")
    assert ours.startswith(shared), (
        "docs/records-format.md no longer starts with shared/formats/records-v1.md"
    )
    assert "## Versions" in ours[len(shared) :]
