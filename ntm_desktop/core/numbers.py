"""Vietnamese numbers and money: the one place that parses and formats them.

The convention is Vietnamese: "." groups thousands and "," marks decimals ("16.493,82"). Money is an
``int`` of đồng (VND has no minor unit); quantities and percentages are ``Decimal``.

Parsing is strict on purpose: a common bug elsewhere is "80.000" read as 80. Input that could mean two
things ("1.5") is refused with a message that shows how to write each meaning. Every parse error is an
:class:`~ntm_desktop.core.errors.InvalidInput` whose message is already translated.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import Enum

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr

__all__ = [
    "MAX_MONEY",
    "format_billion",
    "format_decimal",
    "format_million",
    "format_money",
    "format_money_words",
    "format_percent",
    "format_quantity",
    "format_scaled",
    "million_text",
    "parse_decimal",
    "parse_int",
    "parse_money",
    "parse_percent",
]

MAX_MONEY = 10**18
"""Largest amount ``parse_money`` accepts (fits a signed 64-bit database column)."""

_MINUS_SIGNS = ("-", "\u2212")
_PLAIN = re.compile(r"[0-9]+")
_DOT_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_SPACE_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?: [0-9]{3})+")
_LOOSELY_GROUPED = re.compile(r"[0-9]+(?:[. ][0-9]+)+")
_ENGLISH = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_MONEY = re.compile(
    r"(?P<number>.*?)\s*"
    r"(?P<scale>tỷ|tỉ|ty|ti|triệu|trieu|tr|nghìn|ngàn|nghin|ngan|k)?\s*"
    r"(?P<unit>đồng|dong|vnđ|vnd|đ|d|₫)?"
)
_SCALES = {
    "tỷ": 10**9,
    "tỉ": 10**9,
    "ty": 10**9,
    "ti": 10**9,
    "triệu": 10**6,
    "trieu": 10**6,
    "tr": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "nghin": 10**3,
    "ngan": 10**3,
    "k": 10**3,
}


# --- reading -------------------------------------------------------------------------------------------


class _Fault(Enum):
    EMPTY = "empty"
    NOT_A_NUMBER = "not a number"
    AMBIGUOUS_DOT = "ambiguous dot"  # "1.5": decimals, or a mistyped "1.500"?
    DECIMAL_DOT = "decimal dot"  # "1.2345", "0.5": a dot used as the decimal mark
    BAD_GROUPS = "bad groups"  # "1.23.456"
    MANY_COMMAS = "many commas"  # "12,3,4"
    ENGLISH = "english"  # "1,234.56", "40,000,000"


class _Unreadable(Exception):
    """Internal: why a number could not be read, with the corrected spelling(s) to suggest."""

    def __init__(self, fault: _Fault, fix: str = "", alt: str = "") -> None:
        super().__init__(fault.value)
        self.fault = fault
        self.fix = fix
        self.alt = alt


def _clean(text: str) -> str:
    """NFC, trimmed, every run of whitespace (incl. non-breaking and thin spaces) made one plain space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _group(digits: str) -> str:
    """Put a dot every three digits from the right: "1234567" -> "1.234.567"."""
    head = len(digits) % 3 or 3
    return ".".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _regroup(digits: str) -> str:
    return _group(str(int(digits)))


def _read_dotted(body: str) -> None:
    """Refuse a single dot that is not a thousands dot ("1.5", "0.500", "1.2345")."""
    head, _, tail = body.partition(".")
    if not (_PLAIN.fullmatch(head) and _PLAIN.fullmatch(tail)):
        return
    decimal = f"{_regroup(head)},{tail}"
    if int(head) == 0 or len(tail) > 3:
        raise _Unreadable(_Fault.DECIMAL_DOT, decimal)
    if len(tail) < 3:
        raise _Unreadable(_Fault.AMBIGUOUS_DOT, decimal, _regroup(head + tail.ljust(3, "0")))


def _read_whole(whole: str, frac: str) -> str:
    """The digits of the whole part, checking where its thousands separators sit."""
    if _PLAIN.fullmatch(whole):
        return whole
    if _DOT_GROUPED.fullmatch(whole) or _SPACE_GROUPED.fullmatch(whole):
        return whole.replace(".", "").replace(" ", "")
    if _LOOSELY_GROUPED.fullmatch(whole):
        digits = whole.replace(".", "").replace(" ", "")
        raise _Unreadable(_Fault.BAD_GROUPS, _regroup(digits) + (f",{frac}" if frac else ""))
    raise _Unreadable(_Fault.NOT_A_NUMBER)


def _read(body: str) -> Decimal:
    """Read an unsigned Vietnamese number, or raise :class:`_Unreadable`."""
    if not body:
        raise _Unreadable(_Fault.EMPTY)
    if not re.fullmatch(r"[0-9., ]+", body):
        raise _Unreadable(_Fault.NOT_A_NUMBER)
    if _ENGLISH.fullmatch(body) and (body.count(",") > 1 or ("," in body and "." in body)):
        raise _Unreadable(_Fault.ENGLISH, body.translate(str.maketrans(".,", ",.")))
    if body.count(",") > 1:
        raise _Unreadable(_Fault.MANY_COMMAS)
    whole, _, frac = body.partition(",")
    if not whole or ("," in body and not _PLAIN.fullmatch(frac)):
        raise _Unreadable(_Fault.NOT_A_NUMBER)
    if "," not in body and body.count(".") == 1 and " " not in body:
        _read_dotted(body)
    digits = _read_whole(whole, frac)
    return Decimal(f"{digits}.{frac}" if frac else digits)


def _read_signed(text: str) -> tuple[str, Decimal]:
    """Read an optionally negative number: ("-" or "", its value). Negative zero reads as zero."""
    sign = ""
    if text.startswith(_MINUS_SIGNS):
        sign, text = "-", text[1:].lstrip()
    value = _read(text)
    return sign, (-value if sign and value else value)


def _invalid(problem: _Unreadable, text: str, field: str, sign: str = "", suffix: str = "") -> InvalidInput:
    """Turn a reading fault into the officer's message; suggestions keep the sign and unit typed."""
    fix, alt = f"{sign}{problem.fix}{suffix}", f"{sign}{problem.alt}{suffix}"
    if problem.fault is _Fault.EMPTY and not text:
        message = tr("Write a number, like 80.000 or 82,5")
    elif problem.fault is _Fault.AMBIGUOUS_DOT:
        message = tr(
            "“{text}” is ambiguous: write {decimal} for a decimal, or {grouped} if the dot groups thousands",
            text=text,
            decimal=fix,
            grouped=alt,
        )
    elif problem.fault is _Fault.DECIMAL_DOT:
        message = tr(
            "“{text}”: in Vietnamese the comma marks the decimals. Write {decimal}", text=text, decimal=fix
        )
    elif problem.fault is _Fault.BAD_GROUPS:
        message = tr(
            "“{text}” groups its digits wrongly: thousands go in threes from the right, like {grouped}",
            text=text,
            grouped=fix,
        )
    elif problem.fault is _Fault.MANY_COMMAS:
        message = tr(
            "“{text}” has more than one comma. Use one comma only, for the decimals, like 82,5", text=text
        )
    elif problem.fault is _Fault.ENGLISH:
        message = tr(
            "“{text}” is in English style. Write {fixed}: dots separate thousands, the comma marks decimals",
            text=text,
            fixed=fix,
        )
    else:
        message = tr("“{text}” is not a number. Write it like 80.000 or 82,5", text=text)
    return InvalidInput(message, field)


# --- parsing -------------------------------------------------------------------------------------------


def parse_decimal(text: str, *, allow_negative: bool = False, field: str = "") -> Decimal:
    """Read a Vietnamese number: "80.000" -> 80000, "82,5" -> 82.5, "1 234,5" -> 1234.5.

    The result keeps the decimals as typed (``Decimal("82.50")`` for "82,50"); it compares equal to 82.5.
    """
    shown = _clean(text)
    try:
        sign, value = _read_signed(shown)
    except _Unreadable as problem:
        raise _invalid(problem, shown, field, sign="-" if shown.startswith(_MINUS_SIGNS) else "") from None
    if sign and not allow_negative:
        raise InvalidInput(tr("“{text}” is negative. Write a number of 0 or more", text=shown), field)
    return value


def parse_int(text: str, *, allow_negative: bool = False, field: str = "") -> int:
    """Read a whole number, thousands dots allowed: "1.234" -> 1234. "12,0" is 12; "12,5" is refused.

    Words are shown whole numbers to write: the numbers' general example "80.000 hoặc 82,5" sent an
    officer typing a count of households to "82,5", which is then refused."""
    shown = _clean(text)
    try:
        _read_signed(shown)
    except _Unreadable as problem:
        if problem.fault is _Fault.NOT_A_NUMBER:
            message = tr("“{text}” is not a number. Write it in digits, like 12 or 1.500", text=shown)
            raise InvalidInput(message, field) from None
    value = parse_decimal(text, allow_negative=allow_negative, field=field)
    if value != value.to_integral_value():
        message = tr(
            "“{text}” is not a whole number. Write it without decimals, like 12 or 1.500", text=_clean(text)
        )
        raise InvalidInput(message, field)
    return int(value)


def parse_percent(text: str, *, field: str = "") -> Decimal:
    """Read a percentage from 0 to 100: "82,5", "82,5%" and "82,5 %" all give ``Decimal("82.5")``."""
    shown = _clean(text)
    body = shown.removesuffix("%").rstrip()
    try:
        _, value = _read_signed(body)
    except _Unreadable as problem:
        if problem.fault is _Fault.AMBIGUOUS_DOT:  # a percentage is at most 100: "82.5" meant 82,5
            problem = _Unreadable(_Fault.DECIMAL_DOT, problem.fix)
        raise _invalid(problem, shown, field, suffix=shown[len(body) :]) from None
    if not 0 <= value <= 100:
        message = tr("“{text}” is not a percentage from 0 to 100. Write it like 79,3 or 79,3%", text=shown)
        raise InvalidInput(message, field)
    return value


def parse_money(text: str, *, field: str = "") -> int:
    """Read an amount of money as whole đồng.

    Accepts "40.000.000", "40.000.000 đ", "40.000.000 đồng", "40.000.000 VND", "40 triệu", "40tr",
    "1,5 tỷ" (or tỉ), "2 nghìn" (or ngàn, k), "16.493,82 triệu"; any case, with or without accents on the
    unit words. Without a scale word the amount must be whole đồng, so a comma is refused ("1,5").
    """
    shown = _clean(text)
    folded = shown.casefold()
    match = _MONEY.fullmatch(folded)
    assert match is not None  # every part of the pattern is optional
    number, scale = match["number"], match["scale"]
    suffix = (shown if len(shown) == len(folded) else folded)[match.end("number") :]
    try:
        sign, value = _read_signed(number)
    except _Unreadable as problem:
        raise _money_invalid(problem, shown, field, suffix, bool(scale)) from None
    if sign:
        message = tr("“{text}” is negative. Write the amount without a minus sign", text=shown)
        raise InvalidInput(message, field)
    if not scale and "," in number:
        message = tr(
            "“{text}” has a decimal comma, but money is whole đồng. Write 1.500.000 or add a unit: 1,5 triệu",
            text=shown,
        )
        raise InvalidInput(message, field)
    with localcontext() as context:
        context.prec = len(number) + 20
        amount = value * _SCALES[scale] if scale else value
    if amount != amount.to_integral_value():
        message = tr("“{text}” is not a whole number of đồng. Use fewer decimals, like 1,25 tỷ", text=shown)
        raise InvalidInput(message, field)
    if amount > MAX_MONEY:
        raise InvalidInput(tr("“{text}” is too large for an amount of money", text=shown), field)
    return int(amount)


def _money_invalid(problem: _Unreadable, text: str, field: str, suffix: str, scaled: bool) -> InvalidInput:
    sign = "-" if text.startswith(_MINUS_SIGNS) else ""
    if problem.fault in (_Fault.EMPTY, _Fault.NOT_A_NUMBER) or (
        problem.fault is _Fault.DECIMAL_DOT and not scaled
    ):
        if not text:
            return InvalidInput(tr("Write an amount of money, like 40.000.000 or 40 triệu"), field)
        message = tr("“{text}” is not an amount of money. Write it like 40.000.000 or 40 triệu", text=text)
        return InvalidInput(message, field)
    if problem.fault is _Fault.AMBIGUOUS_DOT and not scaled:
        message = tr(
            "“{text}” is ambiguous: write {grouped} (the dot separates thousands) or {decimal} triệu",
            text=text,
            grouped=f"{sign}{problem.alt}{suffix}",
            decimal=f"{sign}{problem.fix}",
        )
        return InvalidInput(message, field)
    return _invalid(problem, text, field, sign, suffix)


# --- formatting ----------------------------------------------------------------------------------------


def _to_decimal(value: Decimal | int | float) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"cannot format {value!r} as a number")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r} as a number")
    return number


def _round(number: Decimal, places: int) -> Decimal:
    if places < 0:
        raise ValueError(f"places must be 0 or more, not {places}")
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + places + 2)
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_decimal(value: Decimal | int | float, places: int | None = None) -> str:
    """ "16.493,82" for 16493.82. ``places=None`` strips trailing zeros; a number rounds half up.

    A float is formatted by its shortest repr (16493.82, not 16493.8199999…). Never "-0".
    """
    number = _to_decimal(value)
    if places is not None:
        number = _round(number, places)
    text = f"{number:f}"
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, frac = text.partition(".")
    if not whole.strip("0") and not frac.strip("0"):
        sign = ""
    return f"{sign}{_group(whole)}" + (f",{frac}" if frac else "")


def format_quantity(value: Decimal | int) -> str:
    """A quantity as typed back to the officer: "82,5", "1.234", with no trailing zeros."""
    return format_decimal(value)


def _whole_dong(vnd: int) -> int:
    if isinstance(vnd, bool) or not isinstance(vnd, int):
        raise TypeError(f"money is an int of đồng, not {vnd!r}")
    return vnd


def format_money(vnd: int) -> str:
    """ "40.000.000 đ" (a plain space before "đ")."""
    return f"{format_decimal(_whole_dong(vnd))} đ"


def format_money_words(vnd: int) -> str:
    """ "40.000.000 đồng", the form used in running text of reports."""
    return f"{format_decimal(_whole_dong(vnd))} đồng"


def format_million(vnd: int, places: int = 2) -> str:
    """ "16.493,82 triệu đồng" for 16493820000; always ``places`` decimals, as in report tables. For a
    document written in Vietnamese whatever the app's language (an Excel sheet, a report's narrative)."""
    return f"{format_decimal(Decimal(f'{_whole_dong(vnd)}E-6'), places)} triệu đồng"


def million_text(vnd: int, places: int = 2) -> str:
    """:func:`format_million` in the app's language, for a sentence around it that is translated:
    "16.493,82 triệu đồng", in English "16.493,82 million đồng" (the figures stay written the Vietnamese
    way, as everywhere in the app; the charts' axes say "million đồng" too)."""
    return f"{format_decimal(Decimal(f'{_whole_dong(vnd)}E-6'), places)} {tr('million đồng')}"


def format_billion(vnd: int, places: int = 1) -> str:
    """ "1,2 tỷ đồng" for 1200000000; always ``places`` decimals."""
    return f"{format_decimal(Decimal(f'{_whole_dong(vnd)}E-9'), places)} tỷ đồng"


def format_scaled(vnd: int) -> str:
    """The shortest readable form: "1,2 tỷ đồng", "643,73 triệu đồng", "500.000 đồng" — in the app's
    language, as :func:`million_text` ("643,73 million đồng" in English; the figures stay written the
    Vietnamese way). For the window and the terminal, not for a Vietnamese document.

    Tỷ from 1 tỷ, triệu from 1 triệu, each with at most 2 decimals (trailing zeros stripped), so it
    rounds: use it for display, not for values that will be read back.
    """
    millions = _round(Decimal(f"{_whole_dong(vnd)}E-6"), 2)
    if abs(millions) >= 1000:
        return f"{format_decimal(_round(Decimal(f'{vnd}E-9'), 2))} {tr('billion đồng')}"
    if abs(vnd) >= 10**6:
        return f"{format_decimal(millions)} {tr('million đồng')}"
    return format_money_words(vnd)


def format_percent(value: Decimal | int | float, places: int = 1) -> str:
    """ "79,3%" for 79.3 (the value is already in percent, not a fraction); no space before "%"."""
    return f"{format_decimal(value, places)}%"


MINUS = "\u2212"
"""The minus sign of a shown change ("−2"): the typographic one, as wide as "+" (a hyphen is not)."""


def format_change(change: int | None) -> str:
    """A count's change since the year before, on screen and in reports alike: "+2", "−2", "0"; empty when
    there is no earlier year to compare with."""
    if change is None:
        return ""
    return f"+{change}" if change > 0 else f"{MINUS}{-change}" if change < 0 else "0"
