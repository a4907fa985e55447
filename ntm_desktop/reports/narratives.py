"""The sections of the yearly report the officer writes, and what each says until they do.

Each section (:data:`~ntm_desktop.services.narrative_values.SECTIONS`) prints the officer's text when they
wrote or accepted one (``edited``); otherwise a *suggestion*: sentences drawn from the year's data
("Năm 2025, xã đạt 17/19 tiêu chí…", "Tổng nguồn lực huy động: …"). A suggestion is never stored until the
officer accepts or edits it. Sections the data says nothing about (the construction debt, proposals)
have no suggestion: the editor shows an example instead (:func:`example`), which is never printed.

    for s in sections(gather_year(ws, 2025), vntime.today()):
        s.key, s.title, s.text, s.edited
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ntm_desktop.core import vntime
from ntm_desktop.core.numbers import format_decimal, format_million
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.commune_text import as_of, named, open_criteria, summary_lines, targets_sentence
from ntm_desktop.reports.resources import in_kind_phrases, source_text
from ntm_desktop.reports.year_facts import YearFacts, gather_year
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES
from ntm_desktop.services.narrative_values import SECTIONS, section_title

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

EMPTY_WRITTEN = "Không có."
"""What a section the officer saved empty prints."""
NOT_WRITTEN = "(Chưa có nội dung.)"
"""What a section prints when the officer wrote nothing and the data suggests nothing."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    text: str
    """What the report prints: the officer's text when ``edited``, else the suggestion."""
    edited: bool
    """The officer wrote or accepted this text (it is stored, audited and synced)."""
    suggestion: str
    """The sentences drawn from the data (also when ``edited``, to offer them again)."""

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "text": self.text, "edited": self.edited}

    def printed(self) -> list[str]:
        """The paragraphs the report prints: one per line of text."""
        lines = [line.strip() for line in self.text.split("\n") if line.strip()]
        if lines:
            return lines
        return [EMPTY_WRITTEN] if self.edited else [NOT_WRITTEN]


def sections(f: YearFacts, report_date: dt.date) -> list[Section]:
    """Every section of the year's report, in the order it prints them."""
    out = []
    for key in SECTIONS:
        suggestion = "\n".join(line for line in SUGGEST[key](f, report_date) if line)
        written = f.written.get(key)
        text = written.text if written is not None else suggestion
        out.append(Section(key, section_title(key, f.year), text, written is not None, suggestion))
    return out


def for_year(ws: Workspace, year: int, today: dt.date | None = None) -> list[Section]:
    """The sections of ``year`` as the editor and ``report narrative --json`` show them."""
    return sections(gather_year(ws, year), today or vntime.today())


def example(key: str, year: int) -> str:
    """An example of what a section may say, shown greyed in an empty editor (never printed)."""
    examples = {
        "direction": f"Ví dụ: Ban Chỉ đạo xã ban hành kế hoạch thực hiện năm {year}; tổ chức … hội nghị "
        "tuyên truyền tại các thôn…",
        "debt": f"Ví dụ: Đến ngày 31/12/{year}, xã không có nợ đọng xây dựng cơ bản trong xây dựng nông "
        "thôn mới. (Hoặc: tổng số nợ đọng … triệu đồng, gồm các công trình …)",
        "shortcomings": "Ví dụ: Một số tiêu chí đạt chưa bền vững…; nguyên nhân: …",
        "proposals": "Ví dụ: Đề nghị tỉnh hỗ trợ kinh phí xây dựng …",
    }
    return examples.get(key, "")


# ---- suggestions, section by section ----------------------------------------------------------------


def _direction(f: YearFacts, day: dt.date) -> list[str]:
    lines = []
    if f.assignments:
        documents = w.joined(dict.fromkeys(a.document for a in f.assignments))
        givers = len({a.supporter for a in f.assignments})
        lines.append(
            f"Năm {f.year}, {f.commune} được {givers} cơ quan, đơn vị phân công giúp đỡ xây dựng nông thôn "
            f"mới (theo {documents})."
        )
    if f.events:
        people = sum(e.participants or 0 for e in f.events)
        who = f" với {format_decimal(people)} lượt người tham dự" if people else ""
        lines.append(
            f"Trong năm, xã tổ chức, phối hợp tổ chức {len(f.events)} hội nghị, hoạt động tuyên truyền, "
            f"vận động về xây dựng nông thôn mới{who}."
        )
    if f.cadres:
        lines.append(f"Có {len(f.cadres)} cán bộ được biệt phái, tăng cường về xã trong năm.")
    return lines


def _criteria(f: YearFacts, day: dt.date) -> list[str]:
    return summary_lines(f, day)


def _resources(f: YearFacts, day: dt.date) -> list[str]:
    t = f.totals
    if not t.records:
        return [f"Trong năm {f.year}, xã chưa ghi nhận khoản hỗ trợ, nguồn lực huy động nào."]
    who = f" của {len(f.supporters)} cơ quan, đơn vị, cá nhân" if f.supporters else ""
    value = format_million(t.value_vnd) if t.value_vnd else "chưa quy đổi ra tiền"
    head = f"Tổng nguồn lực huy động năm {f.year}: {value} ({t.records} lượt hỗ trợ{who})"
    sources = [g for g in t.by_funding_source if g.value_vnd]
    if any(g.key in FUNDING_SOURCES for g in sources):
        parts = [f"{source_text(g.key)} {format_million(g.value_vnd)}" for g in sources]
        head += ", trong đó: " + "; ".join(parts)
    elif t.cash_vnd:
        head += f", trong đó tiền mặt {format_million(t.cash_vnd)}"
    lines = [head + "."]
    things = in_kind_phrases(t)
    if things:
        lines.append("Hiện vật, ngày công và công trình gồm: " + "; ".join(things) + ".")
    return lines


def _debt(f: YearFacts, day: dt.date) -> list[str]:
    return []  # the app keeps no record of construction debt: the officer writes it


def _shortcomings(f: YearFacts, day: dt.date) -> list[str]:
    still = open_criteria(f)
    lines = []
    if still:
        lines.append(f"Đến {as_of(f.year, day)}, xã còn {len(still)} tiêu chí chưa đạt: {named(still)}.")
    s = f.summary
    if s.recorded < s.total:
        lines.append(f"Còn {s.total - s.recorded} tiêu chí chưa có kết quả đánh giá trong năm.")
    return lines


def _next_year(f: YearFacts, day: dt.date) -> list[str]:
    s = f.summary
    lines = []
    if s.met:
        lines.append(
            f"Năm {f.year + 1}, {f.commune} tiếp tục duy trì và nâng cao chất lượng {s.met} tiêu chí đã đạt."
        )
    if open_criteria(f):
        lines.append(targets_sentence(f))
    for c in open_criteria(f):
        plan = f.plans.get(c.code, "")
        if plan:
            lines.append(f"- Tiêu chí số {c.code} ({c.name_vi}): {plan}")
    return lines


def _proposals(f: YearFacts, day: dt.date) -> list[str]:
    return []


SUGGEST: dict[str, Callable[[YearFacts, dt.date], list[str]]] = {
    "direction": _direction,
    "criteria": _criteria,
    "resources": _resources,
    "debt": _debt,
    "shortcomings": _shortcomings,
    "next_year": _next_year,
    "proposals": _proposals,
}
assert set(SUGGEST) == set(SECTIONS)
