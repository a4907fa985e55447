"""The body of the yearly commune report, section by section: each section's text (the officer's, or the
sentences drawn from the data), then the tables that section holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ntm_desktop.export.pdf import Block, Heading, Paragraph
from ntm_desktop.reports.commune_text import basis_sentence, recognition_sentences, targets_blocks
from ntm_desktop.reports.criteria_table import criteria_tables
from ntm_desktop.reports.help_section import by_kind_table, by_supporter_table, cadres_blocks, events_blocks
from ntm_desktop.reports.history_chart import history_figure
from ntm_desktop.reports.narratives import Section
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.reports.resources import by_source_table
from ntm_desktop.reports.year_facts import YearFacts

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

Tables = Callable[[YearFacts, Captions], list[Block]]


def section_blocks(f: YearFacts, sections: Sequence[Section], captions: Captions) -> list[Block]:
    body: list[Block] = []
    for n, section in enumerate(sections):
        body.append(Heading(f"{ROMAN[n]}. {section.title.upper()}"))
        body += [Paragraph(text) for text in section.printed()]
        body += TABLES.get(section.key, _nothing)(f, captions)
    return body


def _nothing(f: YearFacts, captions: Captions) -> list[Block]:
    return []


def _direction(f: YearFacts, captions: Captions) -> list[Block]:
    if not f.events:
        return []
    caption = captions.table(f"Các hội nghị, hoạt động tuyên truyền, phối hợp năm {f.year}")
    return events_blocks(f.events, caption, "")


def _criteria(f: YearFacts, captions: Captions) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(basis_sentence(f)),
        *(Paragraph(text) for text in recognition_sentences(f)),
        *criteria_tables(
            f.context, f.summary, captions.table(f"Kết quả thực hiện các tiêu chí năm {f.year}")
        ),
    ]
    figure = history_figure(f.cs, f.history, captions)
    if figure is not None:
        blocks.append(figure)
    return blocks


def _resources(f: YearFacts, captions: Captions) -> list[Block]:
    t = f.totals
    blocks: list[Block] = []
    if t.records:
        blocks.append(
            by_source_table(t.by_funding_source, t, captions.table("Nguồn lực huy động theo nguồn vốn"))
        )
        blocks += by_supporter_table(f.supporters, t, captions.table("Hỗ trợ theo cơ quan, đơn vị"))
        blocks.append(by_kind_table(t, captions.table("Hỗ trợ theo loại, hiện vật và ngày công")))
    if f.cadres:
        blocks.append(Paragraph("Cán bộ được biệt phái, tăng cường về xã trong năm:"))
        blocks += cadres_blocks(
            f.cadres, captions.table(f"Cán bộ biệt phái, tăng cường về xã năm {f.year}"), ""
        )
    return blocks


def _next_year(f: YearFacts, captions: Captions) -> list[Block]:
    return targets_blocks(f, captions)


TABLES: dict[str, Tables] = {
    "direction": _direction,
    "criteria": _criteria,
    "resources": _resources,
    "next_year": _next_year,
}
"""What a section prints after its text."""
