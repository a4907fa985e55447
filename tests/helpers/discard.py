"""The officer's answer to "Bỏ những gì vừa nhập?" (no tests here): tests say what is answered and count
the times it was asked, instead of the real question box (ui/typed_work.py ``ask_discard_typing``)."""

from __future__ import annotations

import pytest

from ntm_desktop.ui import typed_work


class Answers:
    """Stands in for the question: says what the officer answers and counts the times it was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.discard = False
        self.asked = 0
        monkeypatch.setattr(typed_work, "ask_discard_typing", self)

    def __call__(self, parent) -> bool:
        self.asked += 1
        return self.discard
