"""Tables and figures numbered in the order they appear: "Bảng 1. …", "Biểu đồ 1. …"."""

from __future__ import annotations


class Captions:
    def __init__(self) -> None:
        self._tables = 0
        self._figures = 0

    def table(self, text: str) -> str:
        self._tables += 1
        return f"Bảng {self._tables}. {text}"

    def figure(self, text: str) -> str:
        self._figures += 1
        return f"Biểu đồ {self._figures}. {text}"
