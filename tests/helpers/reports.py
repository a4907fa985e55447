"""Builders and readers for the report tests: a small commune's data, the sample report to sign, and the
words of a PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from ntm_desktop.export.pdf import ATTACHMENT_NAME, FontNotFound, RenderResult, find_font_family, render
from ntm_desktop.export.pdf.sample import sample_report
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.workspace import Workspace

OLD_SET = "vn-ntm-xa-2021-2025"


def sample_pdf(folder: Path) -> RenderResult:
    """The engine's sample report rendered unsigned as ``folder/bao-cao.pdf``, with the box its signature
    goes in; the test is skipped where no Vietnamese font is installed."""
    try:
        family = find_font_family()
    except FontNotFound as exc:  # pragma: no cover - CI installs fonts-liberation2
        pytest.skip(f"no Vietnamese font installed: {exc}")
    return render(sample_report(family), folder / "bao-cao.pdf")


def fill_small_commune(ws: Workspace) -> str:
    """Two years of results (criterion 3 met in 2023, not in 2022) and one supporter's help in 2023:
    40.000.000 đ in cash and 30 days of labour. Returns the supporter's uid."""
    ws.progress.record(2022, indicator="3.1", value="75")
    ws.progress.record(2022, indicator="3.2", value="có")
    ws.progress.record(2023, indicator="3.1", value="85")
    ws.progress.record(2023, indicator="3.2", value="có")
    ws.progress.record(2023, indicator="10", value="34,2")
    ws.progress.record(2023, criterion="19", met=False, note="Chưa đạt chuẩn an toàn về an ninh, trật tự")
    ws.progress.set_target("19", 2025, "Kiện toàn lực lượng dân quân thường trực", set_id=OLD_SET)
    ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn", kind="agency"))
    uid = ws.supporters.list()[0].uid
    ws.help.add(
        HelpDraft(
            dt.date(2023, 12, 10),
            "Bê tông hóa đoạn đường vào Trường Tiểu học Bằng Thành II",
            (uid,),
            (
                ItemDraft("cash", Decimal(40_000_000)),
                ItemDraft("labour", Decimal(30), "ngày công", "Ngày công đổ bê tông", 9_000_000),
            ),
        )
    )
    return uid


def pdf_text(path: Path) -> str:
    """All the words of the PDF, one space between them (line breaks fall anywhere in a table)."""
    reader = PdfReader(str(path))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def attached(path: Path) -> bytes:
    return PdfReader(str(path)).attachments[ATTACHMENT_NAME][0]
