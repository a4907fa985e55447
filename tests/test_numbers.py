"""Vietnamese numbers and money: what an officer types is read as they meant it, or refused with help."""

from __future__ import annotations

import ast
import json
import unicodedata
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from babel.numbers import format_decimal as babel_format_decimal
from hypothesis import given
from hypothesis import strategies as st

from ntm_desktop.core import numbers
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import catalogue, language, placeholders, set_language
from ntm_desktop.core.numbers import (
    MAX_MONEY,
    format_billion,
    format_decimal,
    format_million,
    format_money,
    format_money_words,
    format_percent,
    format_quantity,
    format_scaled,
    parse_decimal,
    parse_int,
    parse_money,
    parse_percent,
)
from ntm_desktop.core.resources import resource


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English for the duration of one test, then the language as it was."""
    before = language()
    set_language("en")
    yield
    set_language(before)


@pytest.fixture
def vietnamese() -> Iterator[None]:
    before = language()
    set_language("vi")
    yield
    set_language(before)


def refusal(parse: object, text: str) -> str:
    assert callable(parse)
    with pytest.raises(InvalidInput) as caught:
        parse(text)
    return str(caught.value)


# --- parse_decimal -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80.000", "80000"),
        ("82,5", "82.5"),
        ("1.234.567,89", "1234567.89"),
        ("  12 ", "12"),
        ("80000", "80000"),
        ("1,5", "1.5"),
        ("1,234", "1.234"),  # Vietnamese: the comma is always the decimal mark
        ("0,5", "0.5"),
        ("82,50", "82.50"),
        ("0", "0"),
        ("007", "7"),
        ("1.000", "1000"),
        ("1.000.000.000.000", "1000000000000"),
        ("1 234", "1234"),
        ("1 234 567,5", "1234567.5"),
        ("1\u00a0234", "1234"),  # non-breaking space, as Babel and Excel write it
        ("1\u202f234", "1234"),  # narrow non-breaking space
        ("\t5.807\n", "5807"),
        ("1  234", "1234"),  # runs of spaces count as one
    ],
)
def test_parse_decimal_reads_vietnamese_numbers(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-3", "-3"), ("-1.234,5", "-1234.5"), ("\u22123,5", "-3.5"), ("- 3", "-3"), ("-0", "0")],
)
def test_parse_decimal_reads_negatives_only_when_allowed(text: str, expected: str) -> None:
    assert parse_decimal(text, allow_negative=True) == Decimal(expected)
    with pytest.raises(InvalidInput):
        parse_decimal(text)


def test_negative_zero_reads_as_plain_zero() -> None:
    assert not parse_decimal("-0", allow_negative=True).is_signed()


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("text", "hints"),
    [
        ("1.5", ["ambiguous", "1,5", "1.500"]),
        ("12.34", ["ambiguous", "12,34", "12.340"]),
        ("1234.5", ["ambiguous", "1.234,5", "1.234.500"]),
        ("-1.5", ["ambiguous", "-1,5", "-1.500"]),
        ("0.5", ["comma marks the decimals", "0,5"]),
        ("0.500", ["comma marks the decimals", "0,500"]),
        ("1.2345", ["comma marks the decimals", "1,2345"]),
        ("1.23.456", ["groups its digits wrongly", "123.456"]),
        ("1234.567", ["groups its digits wrongly", "1.234.567"]),
        ("01.234", ["groups its digits wrongly", "1.234"]),
        ("12 34", ["groups its digits wrongly", "1.234"]),
        ("1.234 567", ["groups its digits wrongly", "1.234.567"]),
        ("1.5,3", ["groups its digits wrongly", "15,3"]),
        ("12,3,4", ["more than one comma"]),
        ("1,234.56", ["English style", "1.234,56"]),
        ("40,000,000", ["English style", "40.000.000"]),
        ("", ["Write a number"]),
        ("   ", ["Write a number"]),
        ("abc", ["“abc” is not a number"]),
        ("-", ["“-” is not a number"]),
        ("1.", ["is not a number"]),
        (".5", ["is not a number"]),
        (",5", ["is not a number"]),
        ("12,", ["is not a number"]),
        ("+3", ["is not a number"]),
        ("--3", ["is not a number"]),
        ("3-", ["is not a number"]),
        ("1e5", ["is not a number"]),
        ("NaN", ["is not a number"]),
        ("Infinity", ["is not a number"]),
        ("١٢٣", ["is not a number"]),  # digits of another script
        ("40 triệu", ["is not a number"]),  # a unit belongs to parse_money
    ],
)
def test_parse_decimal_refuses_with_a_way_to_write_it_right(text: str, hints: list[str]) -> None:
    message = refusal(lambda t: parse_decimal(t, allow_negative=True), text)
    for hint in hints:
        assert hint in message


def test_refusal_names_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_decimal("abc", field="quantity")
    assert caught.value.field == "quantity"


# --- parse_int -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"), [("12", 12), ("1.234", 1234), ("1.234.567", 1234567), ("12,0", 12)]
)
def test_parse_int_reads_whole_numbers(text: str, expected: int) -> None:
    assert parse_int(text) == expected
    assert type(parse_int(text)) is int


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("text", "hint"), [("12,5", "not a whole number"), ("1.5", "ambiguous"), ("-3", "negative")]
)
def test_parse_int_refuses_what_is_not_whole(text: str, hint: str) -> None:
    assert hint in refusal(parse_int, text)


def test_a_count_in_words_is_shown_whole_numbers_to_write() -> None:
    # a count of households told to write "82,5" was then told it is not a whole number
    message = refusal(parse_int, "mười")
    assert message == "“mười” không phải là số. Hãy viết bằng chữ số, ví dụ 12 hoặc 1.500"


def test_parse_int_reads_negatives_only_when_allowed() -> None:
    assert parse_int("-1.234", allow_negative=True) == -1234


# --- parse_percent -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("82,5", "82.5"),
        ("82,5%", "82.5"),
        ("82,5 %", "82.5"),
        ("82,5\u00a0%", "82.5"),
        ("0", "0"),
        ("0,93 %", "0.93"),
        ("100", "100"),
        ("100,00%", "100"),
    ],
)
def test_parse_percent(text: str, expected: str) -> None:
    assert parse_percent(text) == Decimal(expected)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("100,1", "from 0 to 100"),
        ("101%", "from 0 to 100"),
        ("-5", "from 0 to 100"),
        ("1.000", "from 0 to 100"),
        ("82.5", "Write 82,5"),  # a percentage is at most 100, so the dot can only be a decimal mark
        ("82.5%", "Write 82,5%"),
        ("abc", "is not a number"),
        ("%", "is not a number"),
        ("", "Write a number"),
    ],
)
def test_parse_percent_refuses(text: str, hint: str) -> None:
    assert hint in refusal(parse_percent, text)


# --- parse_money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40.000.000", 40_000_000),
        ("40000000", 40_000_000),
        ("40.000.000 đ", 40_000_000),
        ("40.000.000đ", 40_000_000),
        ("40.000.000 đồng", 40_000_000),
        ("40.000.000 VND", 40_000_000),
        ("40.000.000 vnđ", 40_000_000),
        ("40.000.000 ₫", 40_000_000),
        ("40.000.000\u00a0₫", 40_000_000),  # as Babel formats VND
        ("40 000 000 đ", 40_000_000),
        ("40 triệu", 40_000_000),
        ("40 TRIỆU", 40_000_000),
        ("40 trieu", 40_000_000),
        ("40tr", 40_000_000),
        ("40 tr", 40_000_000),
        ("40 Tr đồng", 40_000_000),
        ("1,5 tỷ", 1_500_000_000),
        ("1,5 tỉ", 1_500_000_000),
        ("1,5 ty", 1_500_000_000),
        ("1,5 Tỷ đồng", 1_500_000_000),
        ("39.632 tỷ đồng", 39_632_000_000_000),
        ("2 nghìn", 2_000),
        ("2 ngàn", 2_000),
        ("2k", 2_000),
        ("2 K", 2_000),
        ("2,5k", 2_500),
        ("5.807 nghìn đồng", 5_807_000),
        ("16.493,82 triệu", 16_493_820_000),
        ("16.493,82 triệu đồng", 16_493_820_000),
        ("643,73 triệu đồng", 643_730_000),
        ("0", 0),
        ("0 đ", 0),
        (" 12 ", 12),
    ],
)
def test_parse_money_reads_whole_dong(text: str, expected: int) -> None:
    assert parse_money(text) == expected
    assert type(parse_money(text)) is int


@pytest.mark.parametrize(
    "text", ["1,5 tỷ đồng", "40 triệu", "2 nghìn", "16.493,82 triệu đồng", "40.000.000 Đồng"]
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_parse_money_reads_both_unicode_forms(text: str, form: str) -> None:
    assert parse_money(unicodedata.normalize(form, text)) == parse_money(text)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("text", "hints"),
    [
        ("1,5", ["decimal comma", "whole đồng", "1,5 triệu"]),
        ("40,000", ["decimal comma"]),  # English habit for forty thousand: refused, never 40 đồng
        ("40.000.000,00", ["decimal comma"]),
        ("1.5 triệu", ["ambiguous", "1,5 triệu", "1.500 triệu"]),
        ("1.5", ["ambiguous", "1.500", "1,5 triệu"]),
        ("1.5 đ", ["ambiguous", "1.500 đ"]),
        ("1.2345 tỷ", ["comma marks the decimals", "1,2345 tỷ"]),
        ("1.23.456 đ", ["groups its digits wrongly", "123.456 đ"]),
        ("40,000,000 VND", ["English style", "40.000.000 VND"]),
        ("12,3,4 tr", ["more than one comma"]),
        ("1,2345678901 tỷ", ["not a whole number of đồng"]),
        ("0,0005 k", ["not a whole number of đồng"]),
        ("-40.000", ["negative"]),
        ("-1 triệu", ["negative"]),
        ("abc", ["“abc” is not an amount of money"]),
        ("đồng", ["is not an amount of money"]),
        ("triệu", ["is not an amount of money"]),
        ("40 triệu 500 nghìn", ["is not an amount of money"]),
        ("40 đô", ["is not an amount of money"]),
        ("1.5k2", ["is not an amount of money"]),
        ("1.2345", ["is not an amount of money"]),
        ("", ["Write an amount of money"]),
        ("10.000.000.000 tỷ", ["too large"]),
    ],
)
def test_parse_money_refuses_what_is_not_clearly_whole_dong(text: str, hints: list[str]) -> None:
    message = refusal(parse_money, text)
    for hint in hints:
        assert hint in message


def test_parse_money_accepts_up_to_the_limit() -> None:
    assert parse_money(format_money(MAX_MONEY)) == MAX_MONEY
    with pytest.raises(InvalidInput):
        parse_money(format_money(MAX_MONEY + 1))


# --- formatting ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (16493.82, None, "16.493,82"),
        (Decimal("16493.82"), None, "16.493,82"),
        (1234567, None, "1.234.567"),
        (Decimal("82.50"), None, "82,5"),
        (Decimal("82.50"), 2, "82,50"),
        (Decimal("82.5"), 0, "83"),
        (Decimal("2.345"), 2, "2,35"),  # half up, not banker's rounding
        (Decimal("2.5"), 0, "3"),
        (Decimal("-2.5"), 0, "-3"),
        (Decimal("-0.001"), 2, "0,00"),  # never "-0"
        (Decimal("-0.0"), None, "0"),
        (0, None, "0"),
        (0, 2, "0,00"),
        (999, None, "999"),
        (1000, None, "1.000"),
        (5807, None, "5.807"),
        (-1234.5, None, "-1.234,5"),
        (1234, 2, "1.234,00"),
        (Decimal("1E+3"), None, "1.000"),
        (Decimal("0E-7"), None, "0"),
        (Decimal("0.000001"), None, "0,000001"),
        (Decimal("12345678901234567890123456789.5"), None, "12.345.678.901.234.567.890.123.456.789,5"),
        (Decimal("12345678901234567890123456789.5"), 0, "12.345.678.901.234.567.890.123.456.790"),
        (0.1 + 0.2, 2, "0,30"),
    ],
)
def test_format_decimal(value: Decimal | int | float, places: int | None, expected: str) -> None:
    assert format_decimal(value, places) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")])
def test_format_decimal_refuses_what_is_not_a_number(value: Decimal | float) -> None:
    with pytest.raises(ValueError):
        format_decimal(value)


def test_format_decimal_refuses_negative_places() -> None:
    with pytest.raises(ValueError):
        format_decimal(1, places=-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("82.50"), "82,5"), (Decimal("1234.000"), "1.234"), (Decimal("0.125"), "0,125")],
)
def test_format_quantity_strips_trailing_zeros(value: Decimal, expected: str) -> None:
    assert format_quantity(value) == expected


@pytest.mark.parametrize(
    ("vnd", "money", "words"),
    [
        (40_000_000, "40.000.000 đ", "40.000.000 đồng"),
        (0, "0 đ", "0 đồng"),
        (500, "500 đ", "500 đồng"),
        (-1_250_000, "-1.250.000 đ", "-1.250.000 đồng"),
    ],
)
def test_format_money(vnd: int, money: str, words: str) -> None:
    assert format_money(vnd) == money
    assert format_money_words(vnd) == words


@pytest.mark.parametrize("vnd", [Decimal(5), 5.0, True])
def test_money_formatters_refuse_what_is_not_int_dong(vnd: object) -> None:
    with pytest.raises(TypeError):
        format_money(vnd)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("vnd", "places", "expected"),
    [
        (16_493_820_000, 2, "16.493,82 triệu đồng"),
        (643_730_000, 2, "643,73 triệu đồng"),
        (40_000_000, 2, "40,00 triệu đồng"),
        (1_234_567, 2, "1,23 triệu đồng"),
        (1_235_000, 2, "1,24 triệu đồng"),
        (500_000, 0, "1 triệu đồng"),
        (-643_730_000, 1, "-643,7 triệu đồng"),
    ],
)
def test_format_million(vnd: int, places: int, expected: str) -> None:
    assert format_million(vnd, places) == expected


@pytest.mark.parametrize(
    ("vnd", "places", "expected"),
    [
        (1_200_000_000, 1, "1,2 tỷ đồng"),
        (39_632_000_000_000, 1, "39.632,0 tỷ đồng"),
        (39_632_000_000_000, 0, "39.632 tỷ đồng"),
        (1_250_000_000, 1, "1,3 tỷ đồng"),
        (1_234_567_890, 3, "1,235 tỷ đồng"),
    ],
)
def test_format_billion(vnd: int, places: int, expected: str) -> None:
    assert format_billion(vnd, places) == expected


def test_format_defaults() -> None:
    assert format_million(16_493_820_000) == "16.493,82 triệu đồng"
    assert format_billion(1_200_000_000) == "1,2 tỷ đồng"
    assert format_percent(Decimal("79.3")) == "79,3%"


@pytest.mark.parametrize(
    ("vnd", "expected"),
    [
        (1_200_000_000, "1,2 tỷ đồng"),
        (1_000_000_000, "1 tỷ đồng"),
        (1_234_567_890, "1,23 tỷ đồng"),
        (39_632_000_000_000, "39.632 tỷ đồng"),
        (999_995_000, "1 tỷ đồng"),  # rounds to 1.000 triệu: say it in tỷ
        (999_990_000, "999,99 triệu đồng"),
        (643_730_000, "643,73 triệu đồng"),
        (40_000_000, "40 triệu đồng"),
        (1_000_000, "1 triệu đồng"),
        (999_999, "999.999 đồng"),
        (500_000, "500.000 đồng"),
        (0, "0 đồng"),
        (-1_500_000_000, "-1,5 tỷ đồng"),
        (-2_500_000, "-2,5 triệu đồng"),
    ],
)
def test_format_scaled(vnd: int, expected: str) -> None:
    assert format_scaled(vnd) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (79.3, 1, "79,3%"),
        (Decimal("0.93"), 2, "0,93%"),
        (100, 2, "100,00%"),
        (Decimal("82.25"), 1, "82,3%"),
        (Decimal("66.666"), 0, "67%"),
    ],
)
def test_format_percent(value: Decimal | float, places: int, expected: str) -> None:
    assert format_percent(value, places) == expected


@pytest.mark.parametrize(
    "value", [Decimal("16493.82"), Decimal("1234567"), Decimal("-1234.5"), Decimal("0.001"), Decimal("999")]
)
def test_format_decimal_agrees_with_babel(value: Decimal) -> None:
    assert format_decimal(value) == babel_format_decimal(value, locale="vi")


# --- round trips ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "vnd", [0, 1, 999, 1_000, 40_000_000, 643_730_000, 16_493_820_000, 39_632_000_000_000, MAX_MONEY]
)
def test_money_round_trips(vnd: int) -> None:
    assert parse_money(format_money(vnd)) == vnd
    assert parse_money(format_money_words(vnd)) == vnd


@pytest.mark.parametrize(("vnd", "places"), [(16_493_820_000, 2), (643_730_000, 2), (1_200_000_000, 1)])
def test_million_round_trips_when_nothing_is_rounded(vnd: int, places: int) -> None:
    assert parse_money(format_million(vnd, places)) == vnd


@pytest.mark.parametrize("vnd", [643_730_000, 1_200_000_000, 39_632_000_000_000, 500_000])
def test_scaled_round_trips_when_nothing_is_rounded(vnd: int) -> None:
    assert parse_money(format_scaled(vnd)) == vnd


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_any_int_round_trips(value: int) -> None:
    assert parse_int(format_decimal(value), allow_negative=True) == value


@given(st.integers(min_value=0, max_value=MAX_MONEY))
def test_any_amount_round_trips(vnd: int) -> None:
    assert parse_money(format_money(vnd)) == vnd
    assert parse_money(format_money_words(vnd)) == vnd


@given(st.integers(min_value=0, max_value=MAX_MONEY // 10**4))
def test_any_amount_in_ten_thousands_round_trips_through_trieu(ten_thousands: int) -> None:
    vnd = ten_thousands * 10**4
    assert parse_money(format_million(vnd)) == vnd


@given(st.integers(min_value=0, max_value=MAX_MONEY // 10**7))
def test_any_amount_in_ten_millions_round_trips_through_the_scaled_form(ten_millions: int) -> None:
    vnd = ten_millions * 10**7
    assert parse_money(format_scaled(vnd)) == vnd


decimals = st.integers(min_value=0, max_value=8).flatmap(
    lambda places: st.decimals(
        min_value=-(10**15), max_value=10**15, allow_nan=False, allow_infinity=False, places=places
    )
)


@given(decimals)
def test_any_decimal_round_trips(value: Decimal) -> None:
    assert parse_decimal(format_decimal(value), allow_negative=True) == value
    assert parse_decimal(format_quantity(value), allow_negative=True) == value


@given(decimals, st.integers(min_value=0, max_value=4))
def test_rounded_decimal_round_trips_to_its_rounded_value(value: Decimal, places: int) -> None:
    text = format_decimal(value, places)
    assert len(text.partition(",")[2]) == places
    assert parse_decimal(text, allow_negative=True) == value.quantize(
        Decimal(1).scaleb(-places), ROUND_HALF_UP
    )


@given(
    st.integers(min_value=0, max_value=3).flatmap(lambda p: st.decimals(min_value=0, max_value=100, places=p))
)
def test_any_percent_round_trips(value: Decimal) -> None:
    assert parse_percent(format_percent(value, places=3)) == value


@given(
    st.integers(min_value=0, max_value=3).flatmap(
        lambda p: st.decimals(min_value=-(10**12), max_value=10**12, places=p)
    )
)
def test_format_decimal_agrees_with_babel_everywhere(value: Decimal) -> None:
    if value != 0:  # Babel writes "-0" for negative zero; we never do
        assert format_decimal(value) == babel_format_decimal(value, locale="vi")


# --- messages ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("vietnamese")
def test_the_officer_reads_the_message_in_vietnamese_by_default() -> None:
    assert language() == "vi"
    assert refusal(parse_decimal, "1.5") == (
        "“1.5” chưa rõ nghĩa: nếu là số thập phân thì viết 1,5; "
        "nếu dấu chấm để tách hàng nghìn thì viết 1.500"
    )
    assert refusal(parse_money, "abc") == "“abc” không phải là số tiền. Hãy viết như 40.000.000 hoặc 40 triệu"


@pytest.mark.usefixtures("english")
def test_the_message_is_english_after_switching_language() -> None:
    assert refusal(parse_decimal, "1.5") == (
        "“1.5” is ambiguous: write 1,5 for a decimal, or 1.500 if the dot groups thousands"
    )
    assert (
        refusal(parse_money, "abc") == "“abc” is not an amount of money. Write it like 40.000.000 or 40 triệu"
    )


def test_vietnamese_is_the_default_language() -> None:
    from ntm_desktop.core import i18n

    assert i18n.DEFAULT_LANGUAGE == "vi"


def _messages_in_module() -> list[str]:
    source = Path(numbers.__file__).read_text(encoding="utf-8")
    return [
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "tr"
        and isinstance(node.args[0], ast.Constant)
    ]


def test_every_message_has_a_vietnamese_translation_with_the_same_placeholders() -> None:
    messages = _messages_in_module()
    assert len(messages) >= 15
    vietnamese_catalogue = catalogue("vi")
    for message in messages:
        assert message in vietnamese_catalogue, message
        assert placeholders(vietnamese_catalogue[message]) == placeholders(message), message


def test_the_numbers_catalogue_holds_no_stale_entries() -> None:
    path = resource("i18n", "vi", "numbers.json")
    entries = json.loads(path.read_text(encoding="utf-8"))
    assert set(entries) == set(_messages_in_module())


@given(
    st.text(alphabet=st.sampled_from("0123456789.,  -%đtriệuỷk\u00a0aA"), max_size=20) | st.text(max_size=20)
)
def test_any_text_is_read_or_refused_with_invalid_input(text: str) -> None:
    for parse in (parse_decimal, parse_int, parse_percent, parse_money):
        try:
            parse(text)
        except InvalidInput as error:
            assert str(error)


def test_a_change_since_last_year_has_a_true_minus_and_reads_back() -> None:
    """The communes list and the summary PDF print it through this one function: "−2", never "-2"."""
    assert [numbers.format_change(c) for c in (3, 0, -2, None)] == ["+3", "0", "−2", ""]
    assert parse_decimal(numbers.format_change(-2), allow_negative=True) == Decimal(-2)
