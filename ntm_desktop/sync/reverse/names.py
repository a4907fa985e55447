"""The names of the two lists a reverse bundle carries besides records, criteria sets and corrections.

Here, not in :mod:`~ntm_desktop.sync.reverse.decisions` and :mod:`~ntm_desktop.sync.reverse.recognitions`,
which :mod:`~ntm_desktop.sync.reverse.content` imports only for a bundle that carries one of them (four
dataclasses between them: a receiver's import of records bundles never loads them).
"""

from __future__ import annotations

DECISIONS = "decisions"
RECOGNITIONS = "recognitions"
