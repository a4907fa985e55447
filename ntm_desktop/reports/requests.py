"""What the officer asks for: which report, for which year or period, with which number and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Common:
    """What every report's header takes. ``number`` is the văn thư's number (None leaves it blank);
    ``date`` defaults to today; ``signer`` names an officer of the profile (default: the one marked)."""

    number: int | None = None
    date: dt.date | None = None
    signer: str | None = None


@dataclass(frozen=True, kw_only=True)
class CommuneReport(Common):
    """The commune's annual report on the national criteria (Kết quả thực hiện Bộ tiêu chí…)."""

    year: int
    recipient: bool = True
    """Print "Kính gửi:" with the receiving unit of the profile."""


@dataclass(frozen=True, kw_only=True)
class SupporterReport(Common):
    """What one supporter did for the commune over a period (either end may be open)."""

    supporter: str
    """The supporter's id, uid or name."""
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class ProgressReport(Common):
    """Every indicator with its values across the years that have data (optionally narrowed)."""

    first_year: int | None = None
    last_year: int | None = None


@dataclass(frozen=True, kw_only=True)
class SummaryReport(Common):
    """A receiving unit's summary of all its communes for a year (``ntm_desktop.reports.summary``);
    ``signer`` is a name (default: the receiver's signer setting)."""

    year: int


ReportRequest = CommuneReport | SupporterReport | ProgressReport | SummaryReport
