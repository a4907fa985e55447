"""The strict JSON reader's quick way (core/jsonfast, msgspec) refuses exactly what the careful way refuses,
with the same message and path, and gives exactly the same data (types too) for what it accepts: over the
hostile corpora of tests/fixtures/hostile and thousands of generated hostile documents."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.jsonfast import DOUBT, MAX_DEPTH, quick_loads
from ntm_desktop.core.jsonsafe import JsonRefused, careful_loads, loads
from ntm_desktop.sync.bundle.jsonio import load_strict
from ntm_desktop.sync.errors import InvalidBundle

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"

BASE: dict[str, Any] = {
    "format": "ntm-records",
    "version": 1,
    "unit": {"code": "01234", "name": "Xã Bằng Thành", "province_code": "19", "villages": ["Nà Phầy"]},
    "supporters": [{"id": "s-1", "name": "Sở Nội vụ: phòng 3", "kind": "agency", "_deleted": False}],
    "assessments": [
        {"id": "a-1", "year": 2024, "indicator": "1.1", "value": 82, "met": True, "note": None},
        {"id": "a-2", "year": 2024, "indicator": "2.1", "value": 82.5, "met": False, "note": "Chưa đạt"},
    ],
    "help": [
        {
            "id": "h-1",
            "date": "2024-03-05",
            "title": "Bê tông hóa đường: thôn {Nà} [Lần]",
            "beneficiaries": {"households": 12, "persons": 40},
            "items": [
                {"kind": "cash", "quantity": 40000000, "value_vnd": 40000000},
                {"kind": "labour", "quantity": 30, "value_vnd": -0.0, "unit": "ngày\tcông"},
            ],
            "_version": "0001796213874636.0000.a1b2c3d4e5f6",
        }
    ],
}


def outcome(text: str, reader: Any, **kw: Any) -> tuple[str, str]:
    """What a reader makes of ``text``: the data's repr (types show) or the refusal, path and message."""
    try:
        return "data", repr(reader(text, **kw))
    except JsonRefused as error:
        return "refused", f"{error.path!r} {error.message!r}"
    except (ValueError, RecursionError) as error:
        return "error", f"{type(error).__name__}: {error}"


def same(text: str) -> None:
    for decimals in (False, True):
        careful = outcome(text, careful_loads, decimals=decimals)
        assert outcome(text, loads, decimals=decimals) == careful, text[:300]
        try:
            utf8 = text.encode("utf-8")
        except UnicodeEncodeError:
            continue
        assert outcome(text, loads, decimals=decimals, utf8=utf8) == careful, text[:300]


def _put(doc: Any, path: str, value: Any) -> None:
    steps = [int(s) if s.isdigit() else s for s in re.findall(r"[^.\[\]]+", path)]
    for step in steps[:-1]:
        doc = doc[step]
    doc[steps[-1]] = value


def corpus_texts() -> list[str]:
    texts = []
    for name in ("bundles", "records"):
        for case in json.loads((HOSTILE / f"{name}.json").read_text(encoding="utf-8"))["cases"]:
            doc = json.loads(json.dumps(BASE))
            for path, value, *times in case.get("set", []):
                _put(doc, path, value * times[0] if times else value)
            if "nest" in case:
                path, depth = case["nest"]
                _put(doc, path, json.loads("[" * depth + "1" + "]" * depth))
            for text in (json.dumps(doc, separators=(",", ":")), json.dumps(doc, indent=1)):
                for old, new in case.get("text", []):
                    text = text.replace(old, new).replace(old.replace(": ", ":"), new.replace(": ", ":"))
                texts.append(case.get("raw", text))
    return texts


@pytest.mark.parametrize("text", corpus_texts())
def test_the_hostile_corpora_are_read_the_same_way(text: str) -> None:
    same(text)


TOKENS = [
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1E+999999999", "1e-400", "1e30", "1e31", "1e-30",
    "1e-31", "1.5E+3", "0e999", "9" * 5001, "1" * 31, "-" + "1" * 31, "1" * 32, "-" + "1" * 32,
    "0." + "0" * 29 + "1", "0." + "0" * 30 + "1", "1" * 30 + ".5", "1" * 31 + ".5", "-0", "-0.0", "0.1",
    "18446744073709551616", "true", "null", '"\\u0000"', '"a\\u001fb"', '"\\b"', '"\\f"', '"\\ud800"',
    '"x\\udc00"', '"\\ud83d\\ude00"', '"\\u003a"', '"\\u003A:"', '"::"', '"\\\\ud800"', '"\\\\b"',
    '"\\t\\n\\r"', '"\\u0009"', '"\\u007f"', '"\x7f"', '"\u2028"', '"\ud800"', '"a\x01b"', '"a\tb"',
    '"\\/"', '"\\x"', "[]", "{}", '{"a":1,"a":2}', '{"a":{"b":1,"b":"x:y"}}', '{"k":1,"\\u006b":2}',
    "[" * 31 + "]" * 31, "[" * 32 + "]" * 32, "[" * 33 + "]" * 33, '{"a":' * 32 + "1" + "}" * 32,
    "[" * 2000 + "]" * 2000, "01", "1.", ".5", "+1", "[1,]", "\ufeff1", "\u00a01",
]  # fmt: skip


def mutated(rng: random.Random, text: str) -> str:
    """``text`` with a hostile token put in place of a value, a key doubled, or a piece cut or repeated."""
    how = rng.randrange(6)
    values = [m.span() for m in re.finditer(r'(?<=:)(?:-?\d[\d.eE+-]*|"[^"\\]*"|true|false|null)', text)]
    if how <= 2 and values:
        start, end = rng.choice(values)
        return text[:start] + rng.choice(TOKENS) + text[end:]
    keys = [m.end() - 1 for m in re.finditer(r'[{,]\s*"', text)]
    if how == 3 and keys:
        at = rng.choice(keys)
        return text[:at] + '"title":' + rng.choice(TOKENS) + "," + text[at:]
    if how == 4 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at + rng.randrange(1, 4) :]
    return rng.choice(TOKENS)


def test_generated_hostile_documents_are_read_the_same_way() -> None:
    rng = random.Random(14)
    bases = [json.dumps(BASE, separators=(",", ":"), ensure_ascii=False), json.dumps(BASE, indent=2)]
    quick = 0
    for _ in range(4000):
        text = rng.choice(bases)
        for _ in range(rng.randint(1, 3)):
            text = mutated(rng, text)
        same(text)
        quick += quick_loads(text) is not DOUBT
    assert quick > 500  # the quick way is taken, not always declined


def test_a_plain_bundle_is_read_the_quick_way() -> None:
    text = json.dumps(BASE, separators=(",", ":"), ensure_ascii=False)
    assert quick_loads(text) == careful_loads(text) == BASE


def test_a_bundle_member_is_refused_with_the_same_message() -> None:
    text = json.dumps(BASE, separators=(",", ":")).replace('"value":82,', '"value":82,"value":83,')
    with pytest.raises(InvalidBundle) as refused:
        load_strict("records.json", text.encode())
    assert label("assessments[0].value") + ": " in str(refused.value) and "“value”" in str(refused.value)


NESTED_TEXTS = [
    "x",
    "[",
    "]]",
    "{[",
    '\\"[',
    "\\\\",
    "\\\\[",
    'a\\"b',
    "\\\\\\\\",
    "\\u005b",
    "\\n]",
    '\\"]\\"',
    '\\"[\\"',
]
"""Texts (as written in JSON) a nested document holds: brackets, escaped quotes and backslashes."""


@pytest.mark.parametrize("depth", [30, 31, 32, 33, 34])
def test_nesting_is_judged_the_same_with_brackets_and_escapes_in_texts(depth: int) -> None:
    """The quick way sees how deep containers nest from the text's brackets; texts holding brackets,
    escaped quotes or backslashes change nothing: refused past MAX_DEPTH, read the same way up to it."""
    rng = random.Random(depth)
    for _ in range(120):
        texts = rng.sample(NESTED_TEXTS, 2)  # a few kinds of text per document, or every one is in doubt
        inner = f'"{rng.choice(texts)}"'
        for level in range(depth - 1):
            key = f'"{rng.choice(texts)}"'
            text = f'"{rng.choice(texts)}"'
            inner = (
                f"[{text},{inner},{text}]"
                if level % 2 or rng.random() < 0.3
                else f'{{{key}:{inner},"t":{text}}}'
            )
        doc = f'{{"help":{inner},"n":[1,[2],{{"a":[]}}]}}'
        same(doc)
        accepted = outcome(doc, careful_loads)[0] == "data"
        assert accepted == (depth <= MAX_DEPTH), depth  # the root, and depth - 1 containers in "help"
        if accepted:
            assert quick_loads(doc) is not DOUBT


COLON_TEXTS = ["a", ":", "a:b", "::", '\\":', '\\\\":', "\\\\:", '\\"', "[:]", "{:}", "\\\\", "07:30"]
"""Texts (as written in JSON) holding colons beside escaped quotes, backslashes and brackets."""


def test_a_key_written_twice_is_seen_the_same_among_texts_holding_colons() -> None:
    """The quick way counts the text's colons in what is left of it once escapes, and all but quotes,
    brackets and colons, are taken out: a key written twice is refused, and a text's colons are never
    taken for a key's, however the texts around it are written."""
    rng = random.Random(32)
    quick = 0
    for _ in range(1500):
        pairs = [(f'"{rng.choice(COLON_TEXTS)}{n}"', f'"{rng.choice(COLON_TEXTS)}"') for n in range(4)]
        if rng.random() < 0.5:
            pairs.insert(rng.randrange(5), (pairs[rng.randrange(4)][0], f'"{rng.choice(COLON_TEXTS)}"'))
        inner = "{" + ",".join(f"{k}{rng.choice([':', ' : '])}{v}" for k, v in pairs) + "}"
        doc = f'{{"help":[{inner},[{inner}]],"n":"{rng.choice(COLON_TEXTS)}"}}'
        same(doc)
        quick += quick_loads(doc) is not DOUBT
        assert (quick_loads(doc) is DOUBT) or len(pairs) == 4
    assert quick > 300


def test_documents_read_one_after_another_are_each_judged_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick way writes each document out again into a buffer it keeps (jsonfast._BUFFER): what a
    longer document left in it never makes a shorter one pass, a key written twice included; a buffer
    grown past jsonfast._KEPT_BUFFER is let go, and the next document is judged the same."""
    import ntm_desktop.core.jsonfast as jsonfast

    big = json.dumps(BASE, separators=(",", ":"), ensure_ascii=False)
    twice = '{"a":1,"a":1}'  # written out again: {"a":1}, the start of what the document before left
    for doc in [big, '{"a":1,"b":2}', twice, big, twice, '{"a":1}', "[]", big, '{"a":[1,{"a":2,"a":2}]}']:
        same(doc)
    assert quick_loads('{"a":1,"b":2}') == {"a": 1, "b": 2} and quick_loads(twice) is DOUBT
    monkeypatch.setattr(jsonfast, "_KEPT_BUFFER", 64)
    kept = jsonfast._BUFFER.data
    assert quick_loads(big) == BASE and jsonfast._BUFFER.data is not kept and not jsonfast._BUFFER.data
    assert quick_loads('{"a":1}') == {"a": 1} and quick_loads(twice) is DOUBT


def test_threads_each_judge_their_own_documents() -> None:
    """Each thread writes documents out again into a buffer of its own (sync imports run on a worker
    thread while the window reads a key card or a records file)."""
    from concurrent.futures import ThreadPoolExecutor

    big = json.dumps(BASE, separators=(",", ":"), ensure_ascii=False)
    docs = [big, '{"a":1,"a":1}', '{"a":1}', big.replace('"value":82,', '"value":82,"value":83,')]
    expected = [quick_loads(doc) for doc in docs]
    assert expected[1] is DOUBT and expected[3] is DOUBT and expected[0] == BASE

    def read(n: int) -> bool:
        return all(quick_loads(docs[(n + i) % 4]) == expected[(n + i) % 4] for i in range(3000))

    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns between any two steps
    try:
        with ThreadPoolExecutor(4) as pool:
            assert all(pool.map(read, range(8)))
    finally:
        sys.setswitchinterval(switching)
