"""Why a JSON text does not parse, said in the officer's language instead of Python's English
(``json.JSONDecodeError``: "Expecting ',' delimiter"). The line and column stay the parser's own."""

from __future__ import annotations

import json

from ntm_desktop.core.i18n import tr


def syntax_reason(exc: json.JSONDecodeError) -> str:
    """What is wrong at ``exc``'s place, e.g. "thiếu dấu phẩy giữa hai mục"; a general sentence when the
    parser's reason is not one of the common ones."""
    text, pos, msg = exc.doc, exc.pos, exc.msg
    before = text[:pos].rstrip()[-1:]
    here = text[pos : pos + 1]
    if not text.strip():
        return tr("the file is empty")
    if pos >= len(text.rstrip()) and msg.startswith(("Expecting", "Unterminated")):
        return tr("the file ends too early (is it cut off?)")
    if before == "," and here in "]}" and msg.startswith("Expecting"):
        return tr("a comma before a closing bracket: remove it")
    if msg.startswith("Expecting property name"):
        if here == "'":
            return tr('write names between double quotes ("…"), not single ones')
        return tr('a field\'s name must be written between double quotes ("…")')
    if msg == "Expecting ',' delimiter":
        return tr("a comma is missing between two entries")
    if msg == "Expecting ':' delimiter":
        return tr("a colon (:) is missing after a field's name")
    if msg == "Expecting value":
        if here == "'":
            return tr('write texts between double quotes ("…"), not single ones')
        return tr("a value is missing or is not written as JSON writes it (text in double quotes, numbers "
                  "with a dot, true, false or null)")  # fmt: skip
    if msg.startswith("Unterminated string"):
        return tr("a text is not closed: its closing double quote is missing")
    if msg.startswith("Invalid control character"):
        return tr("a text holds a line break or a tab as it is; write it as \\n or \\t")
    if msg.startswith("Invalid \\"):
        return tr("a backslash (\\) in a text must be written twice (\\\\)")
    if msg == "Extra data":
        return tr("there is more after the end of the data (a bracket too many?)")
    return tr("the text is not written as JSON requires")
