"""The yearly report's narrative sections: the text a commune officer writes for one year and one section
(công tác chỉ đạo, tồn tại, kiến nghị…), as plain frozen values, and the rules every path checks.

A section's key is a stable ASCII code (records files, bundles, ``report narrative --section``); its title
is the heading the report prints. What the report prints when the officer has written nothing (sentences
drawn from the data) is :mod:`ntm_desktop.reports.narratives`' business: only text the officer wrote or
accepted is a record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.text import clean
from ntm_desktop.services.ledger.values import Saved

SECTIONS: dict[str, tuple[str, str]] = {
    "direction": ("Công tác chỉ đạo, điều hành, tuyên truyền", "Direction, management and communication"),
    "criteria": ("Kết quả thực hiện các tiêu chí", "Results against the criteria"),
    "resources": ("Huy động nguồn lực", "Resources mobilised"),
    "debt": ("Nợ đọng xây dựng cơ bản", "Outstanding capital construction debt"),
    "shortcomings": ("Tồn tại, hạn chế, nguyên nhân", "Shortcomings, limits and their causes"),
    "next_year": ("Phương hướng, nhiệm vụ năm sau", "Directions and tasks for next year"),
    "proposals": ("Kiến nghị, đề xuất", "Recommendations and proposals"),
}
"""The sections in the order the report prints them: key → (Vietnamese title, English title)."""

MAX_TEXT = 20_000
"""Characters in one section (about six printed pages)."""
MIN_YEAR, MAX_YEAR = 2010, 2100


def section_title(key: str, year: int | None = None) -> str:
    """The section's title as the report prints it ("Phương hướng, nhiệm vụ năm 2026" for ``year`` 2025)."""
    vi, _ = SECTIONS.get(key, (key, key))
    if key == "next_year" and year is not None:
        return f"Phương hướng, nhiệm vụ năm {year + 1}"
    return vi


def section_label(key: str) -> str:
    """The section's name on screen, in the app's language."""
    vi, en = SECTIONS.get(key, (key, key))
    return en if language() == "en" else vi


def record_id_for(year: int, section: str) -> str:
    """One record per year and section, whichever computer writes it first: ``narrative-2025-debt``."""
    return f"narrative-{year}-{section}"


@dataclass(frozen=True)
class NarrativeDraft:
    year: int
    section: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Narrative(NarrativeDraft, Saved):
    pass


def tidy(text: str) -> str:
    """NFC, lines ending in ``\\n`` without trailing spaces, no blank lines at either end."""
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def check_narrative(d: NarrativeDraft, at: str = "") -> tuple[NarrativeDraft, list[Problem]]:
    problems: list[Problem] = []

    def fail(name: str, message: str) -> None:
        problems.append(Problem(f"{at}.{name}" if at else name, message))

    if isinstance(d.year, bool) or not isinstance(d.year, int) or not MIN_YEAR <= d.year <= MAX_YEAR:
        fail("year", tr("The year must be between 2010 and 2100"))
    section = clean(d.section)
    if section not in SECTIONS:
        fail(
            "section",
            tr("unknown section “{key}”; use one of: {keys}", key=section, keys=", ".join(SECTIONS)),
        )
    text = tidy(d.text) if isinstance(d.text, str) else ""
    if len(text) > MAX_TEXT:
        fail("text", tr("is too long: {count} characters (at most {limit})", count=len(text), limit=MAX_TEXT))
    return replace(d, section=section, text=text), problems
