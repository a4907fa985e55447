"""How figures read in an official report: statuses, values, thresholds, money, dates and periods.

Report documents are official papers addressed to Vietnamese authorities (NĐ 30/2020), so their text is
Vietnamese whatever language the app's screens use; messages *to the officer* go through ``tr()``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ntm_desktop.core.numbers import format_decimal
from ntm_desktop.core.text import without_note
from ntm_desktop.core.units import REGIONS
from ntm_desktop.criteria.model import Criterion, Indicator
from ntm_desktop.criteria.requirement import Applicable, applicable

STATUS = {"met": "Đạt", "not_met": "Chưa đạt", "partial": "Chưa đánh giá đủ", "unknown": "Chưa đánh giá"}
"""A criterion's status as a report prints it."""

SHORT = {True: "Đ", False: "CĐ"}
"""Đạt / Chưa đạt in the narrow year columns of the progress report."""

_CELL_TEXT = 140
"""A requirement text longer than this is cited, not printed, in a table cell."""
_SYMBOLS = {">=": "≥", "<=": "≤", "=": "="}
_UNIT_WORDS = ("Xã ", "Phường ", "Đặc khu ")
_TITLE_TAIL = re.compile(
    r"\s+(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)(?:\s+(?:xã|phường|đặc khu)\b.*)?$", re.IGNORECASE
)


def status_label(status: str) -> str:
    return STATUS.get(status, status)


def judgement(met: bool | None, has_value: bool) -> str:
    """An indicator's Đánh giá column."""
    if met is True:
        return "Đạt"
    if met is False:
        return "Chưa đạt"
    return "Chưa đánh giá" if has_value else "Chưa có số liệu"


def number(value: Decimal | int | float) -> str:
    return format_decimal(value)


def value_text(indicator: Indicator | None, value: Any) -> str:
    """ "82,5%", "45,1 triệu đồng/người/năm", "Có", "Mức độ 2"; empty when there is no value."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int | float | Decimal):
        text = format_decimal(value)
        if indicator is not None and indicator.kind == "percent":
            return f"{text}%"
        unit = indicator.unit if indicator is not None else ""
        return f"{text} {unit}".rstrip()
    return str(value)


def requirement_text(indicator: Indicator, region: str | None, group: int | None) -> str:
    """The threshold that applies to this commune ("≥ 80%", "Có"), the requirement text, or what is
    missing and where it is written ("Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)")."""
    found = applicable(indicator, region, group)
    threshold = found.threshold
    if threshold is None:
        return _not_a_value(found, explicit=indicator.source is not None, whole=False)
    if isinstance(threshold, bool):
        return "Có" if threshold else "Không"
    if isinstance(threshold, str):
        return threshold
    symbol = _SYMBOLS.get(indicator.direction or "=", "=")
    if indicator.kind == "percent":
        return f"{symbol} {format_decimal(threshold)}%"
    return f"{symbol} {format_decimal(threshold)} {indicator.unit}".rstrip()


def criterion_requirement(criterion: Criterion, region: str | None, group: int | None) -> str:
    """A criterion judged as a whole: its requirement for this commune when short enough for a table
    cell, else where it is written; or what is missing."""
    found = applicable(criterion, region, group)
    return _not_a_value(found, explicit=criterion.source is not None, whole=criterion.judged_whole)


def _not_a_value(found: Applicable, *, explicit: bool, whole: bool) -> str:
    cited = found.cited
    where = replace(cited, date=None).describe(vi=True) if cited else ""  # a table cell has no room
    if found.kind == "text":
        text = f"{found.text} ({where})" if explicit and where else found.text
        return text if len(text) <= _CELL_TEXT else f"Theo yêu cầu tại {where}".rstrip()
    if found.kind == "delegated":
        return f"Do tỉnh quy định ({where})" if where else "Do tỉnh quy định"
    missing = "Chưa nhập chỉ tiêu" if whole else "Chưa nhập ngưỡng"
    return f"{missing} ({where})" if where else missing


_ABBREVIATIONS = (("UBND ", "Ủy ban nhân dân "), ("HĐND ", "Hội đồng nhân dân "))


def spelled_out(body: str) -> str:
    """ "UBND tỉnh Thái Nguyên" → "Ủy ban nhân dân tỉnh Thái Nguyên": "Kính gửi" names a body in full, as
    the commune's reports do (NĐ 30/2020 allows "UBND" in the parent agency line; "Nơi nhận" keeps it)."""
    for short, full in _ABBREVIATIONS:
        if body.startswith(short):
            return full + body[len(short) :]
    return body


def region_vi(code: str) -> str:
    """ "Trung du miền núi phía Bắc" (reports are Vietnamese whatever the app's language)."""
    return REGIONS.get(code, (code, code))[0]


def million(vnd: int) -> Decimal:
    """Đồng as triệu đồng with two decimals, for report tables ("16.493,82")."""
    return (Decimal(vnd) / Decimal(1_000_000)).quantize(Decimal("0.01"))


NOT_CONVERTED = "chưa quy đổi"
"""What a money column shows for help in kind nobody has put a value on (never "0,00")."""


def value_cell(vnd: int) -> Decimal | str:
    """The value in money of help that may be in kind: triệu đồng, or "chưa quy đổi" when none was given."""
    return million(vnd) if vnd else NOT_CONVERTED


def cash_cell(vnd: int) -> Decimal | str:
    """Cash in triệu đồng; blank when there was none."""
    return million(vnd) if vnd else ""


def date_text(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    """ "từ 01/01/2023 đến 31/12/2023", "từ 01/09/2025", "đến nay"."""
    if start and end:
        return f"từ {date_text(start)} đến {date_text(end)}"
    if start:
        return f"từ {date_text(start)} đến nay"
    if end:
        return f"đến {date_text(end)}"
    return ""


def overlaps(start: dt.date | None, end: dt.date | None, first: dt.date | None, last: dt.date | None) -> bool:
    """Whether [start, end] (open where None) meets [first, last] (open where None)."""
    return (last is None or start is None or start <= last) and (first is None or end is None or end >= first)


def place_name(unit_name: str) -> str:
    """ "Xã Bằng Thành (dữ liệu mẫu)" → "Bằng Thành": the place of issue has no unit word or note."""
    name = without_note(unit_name)
    for word in _UNIT_WORDS:
        if name.casefold().startswith(word.casefold()):
            return name[len(word) :].strip()
    return name


def unit_word(unit_type: str) -> str:
    return {"xa": "Xã", "phuong": "Phường", "dac_khu": "Đặc khu"}.get(unit_type, "Xã")


def full_unit_name(unit_name: str, unit_type: str) -> str:
    """The name with its unit word: "Bằng Thành" → "Xã Bằng Thành" (kept when already there)."""
    if any(unit_name.casefold().startswith(w.casefold()) for w in _UNIT_WORDS):
        return unit_name
    return f"{unit_word(unit_type)} {unit_name}"


def in_text(unit_name: str, unit_type: str) -> str:
    """The name as running text writes it: "xã Bằng Thành"."""
    full = full_unit_name(without_note(unit_name), unit_type)
    word, _, rest = full.partition(" ")
    return f"{word.lower()} {rest}"


def signer_title(title: str) -> str:
    """ "Chủ tịch UBND xã" → "Chủ tịch": the signature block names the body on the TM. line."""
    short = _TITLE_TAIL.sub("", title).strip()
    return short or title


def joined(parts: Iterable[str], last: str = " và ") -> str:
    """ "a, b và c"."""
    items = [p for p in parts if p]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


def criteria_list(items: Iterable[tuple[str, str]]) -> str:
    """ "tiêu chí số 2 (Giao thông), số 18 (Hệ thống chính trị)"."""
    parts = [f"số {code} ({name})" for code, name in items]
    return f"tiêu chí {joined(parts)}" if parts else ""
