"""The team's shared folder (``../shared`` beside the repository): the records-v1 example and the domain
drafts some tests compare against.

On a developer's machine without it those tests are skipped; ``.ci/run`` sets ``NTM_REQUIRE_SHARED=1``,
so there a missing folder fails the run instead of hiding the tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED = REPOSITORY.parent / "shared"


def shared_file(relative: str) -> Path:
    """``../shared/<relative>``, or skip (fail under CI) when it is not there."""
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing: the shared folder must sit beside the repository"
        if os.environ.get("NTM_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path
