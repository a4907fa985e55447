"""Every user-facing string has a Vietnamese translation with the same placeholders."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import ntm_desktop
from ntm_desktop.core.i18n import catalogue, placeholders, set_language, tr, trn
from ntm_desktop.core.resources import resource

PACKAGE = Path(ntm_desktop.__file__).parent


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _calls(name: str) -> list[tuple[ast.Call, str]]:
    """Every call ``name(...)`` in the package, with where it stands."""
    found: list[tuple[ast.Call, str]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.append((node, f"{path.relative_to(PACKAGE)}:{node.lineno}"))
    return found


def tr_literals() -> dict[str, str]:
    """Every ``tr("…")`` literal and every ``trn(…, "…plural", n)`` plural (the catalogue key of a
    count message: Vietnamese has one form) in the package, with where it stands."""
    found: dict[str, str] = {}
    for node, where in _calls("tr"):
        if node.args and (text := _literal(node.args[0])) is not None:
            found.setdefault(text, where)
    for node, where in _calls("trn"):
        if len(node.args) > 1 and (text := _literal(node.args[1])) is not None:
            found.setdefault(text, where)
    return found


def test_count_messages_are_written_in_literals_with_the_same_placeholders() -> None:
    calls = _calls("trn")
    assert calls, "trn() is not used anywhere: the scan is not seeing the count messages"
    wrong = []
    for node, where in calls:
        forms = [_literal(a) for a in node.args[:2]]
        if len(node.args) < 3 or None in forms:
            wrong.append(f"{where}: singular and plural must be string literals, then the count")
        elif placeholders(forms[0] or "") != placeholders(forms[1] or ""):
            wrong.append(f"{where}: {forms[0]!r} and {forms[1]!r} name different placeholders")
    assert not wrong, "\n".join(wrong)


def test_every_message_has_a_vietnamese_translation() -> None:
    vi = catalogue("vi")
    missing = [f"{where}: {text!r}" for text, where in tr_literals().items() if text not in vi]
    assert not missing, "Missing Vietnamese translations:\n" + "\n".join(missing)


def test_no_message_is_translated_two_ways() -> None:
    """The catalogue files are merged into one, so a source text given two Vietnamese texts in two files
    shows one of them everywhere: "and {count} more" once read "và 3 trường khác" under a receiver's
    supporters. Texts that mean different things need different English sources."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted(resource("i18n", "vi").iterdir(), key=lambda e: e.name):
        if not path.name.endswith(".json"):
            continue
        for source, target in json.loads(path.read_text(encoding="utf-8")).items():
            first = seen.setdefault(source, (target, path.name))
            if first[0] != target:
                clashes.append(f"{source!r}: {first[1]} says {first[0]!r}, {path.name} says {target!r}")
    assert not clashes, "\n".join(clashes)


def test_translations_keep_their_placeholders() -> None:
    vi = catalogue("vi")
    wrong = [src for src, target in vi.items() if placeholders(src) != placeholders(target)]
    assert not wrong, f"Placeholders differ: {wrong}"


def test_tr_is_vietnamese_by_default_and_english_on_request() -> None:
    assert tr("The year must be between 2010 and 2100") == "Năm phải từ 2010 đến 2100"
    set_language("en")
    assert tr("The year must be between 2010 and 2100") == "The year must be between 2010 and 2100"


def test_a_count_is_singular_for_one_in_english_and_one_form_in_vietnamese() -> None:
    set_language("en")
    assert trn("{n} record", "{n} records", 1) == "1 record"
    assert trn("{n} record", "{n} records", 2) == "2 records"
    assert trn("{n} record", "{n} records", 0) == "0 records"
    set_language("vi")
    assert trn("{n} record", "{n} records", 1) == "1 bản ghi"
    assert trn("{n} record", "{n} records", 2) == "2 bản ghi"
