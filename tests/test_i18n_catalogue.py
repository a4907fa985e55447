"""Every user-facing string has a Vietnamese translation with the same placeholders."""

from __future__ import annotations

import ast
from pathlib import Path

import ntm_desktop
from ntm_desktop.core.i18n import catalogue, placeholders, set_language, tr

PACKAGE = Path(ntm_desktop.__file__).parent


def tr_literals() -> dict[str, str]:
    """Every ``tr("…")`` (and ``self.tr``-free) literal in the package, with where it stands."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_message_has_a_vietnamese_translation() -> None:
    vi = catalogue("vi")
    missing = [f"{where}: {text!r}" for text, where in tr_literals().items() if text not in vi]
    assert not missing, "Missing Vietnamese translations:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders() -> None:
    vi = catalogue("vi")
    wrong = [src for src, target in vi.items() if placeholders(src) != placeholders(target)]
    assert not wrong, f"Placeholders differ: {wrong}"


def test_tr_is_vietnamese_by_default_and_english_on_request() -> None:
    assert tr("The year must be between 2010 and 2100") == "Năm phải từ 2010 đến 2100"
    set_language("en")
    assert tr("The year must be between 2010 and 2100") == "The year must be between 2010 and 2100"
