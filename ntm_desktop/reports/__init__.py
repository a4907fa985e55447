"""Reports from the workspace's data, laid out as official documents (NĐ 30/2020) and optionally signed.

    from ntm_desktop.reports import CommuneReport, FileKey, make_report

    made = make_report(ws, CommuneReport(year=2023, number=15), "bao-cao-2023.pdf")
    made = make_report(ws, CommuneReport(year=2023), "da-ky.pdf", key=FileKey(path, passphrase))

Three reports: the commune's annual report on the criteria (:mod:`.commune`), what one supporter did for
the commune (:mod:`.supporter`) and every indicator across the years (:mod:`.progress`). Each gathers plain
values from the workspace's services and builds an :class:`~ntm_desktop.export.pdf.OfficialDocument`
whose attached data (``ntm-data.json``) holds the figures it prints. The documents' text is Vietnamese
whatever the screen language: they are official papers. No Qt here.
"""

from ntm_desktop.reports.produce import (
    FileKey,
    KeySource,
    Made,
    Progress,
    TokenKey,
    build_document,
    make_report,
    make_word_copy,
    open_key,
    render_document,
    seal_picture,
    seal_report,
    sign_made,
    sign_with,
    signature_picture,
)
from ntm_desktop.reports.requests import (
    CommuneReport,
    ProgressReport,
    ReportRequest,
    SummaryReport,
    SupporterReport,
)
from ntm_desktop.reports.supporter import find_supporter

__all__ = [
    "CommuneReport",
    "FileKey",
    "KeySource",
    "Made",
    "Progress",
    "ProgressReport",
    "ReportRequest",
    "SummaryReport",
    "SupporterReport",
    "TokenKey",
    "build_document",
    "find_supporter",
    "make_report",
    "make_word_copy",
    "open_key",
    "render_document",
    "seal_picture",
    "seal_report",
    "sign_made",
    "sign_with",
    "signature_picture",
]
