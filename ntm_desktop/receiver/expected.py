"""The communes a receiver expects reports from, as a CSV file: ``code,name[,type]`` per line.

A first line of headings (``code,name,type`` or ``mã,tên,loại``) is skipped; the file may be saved by
Excel (UTF-8 with a BOM) and use ``;`` instead of ``,``. The type is ``xa``, ``phuong`` or ``dac_khu``
(or Xã, Phường, Đặc khu); default ``xa``. Every problem is listed with its line, and nothing is
registered when there is one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.core.text import clean, fold
from ntm_desktop.core.units import UNIT_TYPES

_CODE = re.compile(r"^[0-9]{5}$")
_HEADINGS = {"code", "ma", "ma don vi", "ma xa", "ma dvhc"}
_TYPE_WORDS = {fold(vi): code for code, (vi, _en) in UNIT_TYPES.items()} | {code: code for code in UNIT_TYPES}


@dataclass(frozen=True)
class Expected:
    code: str
    name: str
    type: str = "xa"


def checked(rows: Sequence[Sequence[str]], where: str = "", numbers: Sequence[int] = ()) -> list[Expected]:
    """The rows as units, or :class:`InvalidInput` naming every wrong one: ``where`` and the row's
    number (``numbers[i]``, else its position from 1)."""
    out: list[Expected] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        at = f"{where}{numbers[i] if i < len(numbers) else i + 1}"
        cells = [clean(c) for c in row]
        if len(cells) < 2:  # no separator: the line is not in the list's form (one problem, not two)
            problems.append(Problem(at, tr("A line reads code,name[,type], like 01234,Xã Bằng Thành")))
            continue
        code, name = [*cells, "", ""][:2]
        kind = fold(cells[2]) if len(cells) > 2 and cells[2] else "xa"
        if not _CODE.match(code):
            problems.append(Problem(at, tr("The unit code must be exactly 5 digits, like 01234")))
        elif code in seen:
            problems.append(Problem(at, tr("Commune {code} is listed twice", code=code)))
        if not name:
            problems.append(Problem(at, tr("The commune name is required")))
        if kind not in _TYPE_WORDS:
            problems.append(Problem(at, tr("The unit type must be xã, phường or đặc khu")))
        seen.add(code)
        out.append(Expected(code, name, _TYPE_WORDS.get(kind, "xa")))
    if problems:
        raise InvalidInput(problems)
    return out


def read_csv(path: Path) -> list[Expected]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            tr("Cannot read {path}: {reason}", path=str(path), reason=os_reason(exc)), "file"
        ) from exc
    lines = text.splitlines()
    delimiter = ";" if lines and lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if numbered and fold(numbered[0][1][0]) in _HEADINGS:
        numbered = numbered[1:]
    if not numbered:
        raise InvalidInput(tr("{path} lists no communes.", path=str(path)), "file")
    if all(len(r) < 2 for _, r in numbered):  # not a list of communes at all: one message, not one a line
        raise InvalidInput(
            tr(
                "{path} is not a list of communes: each line reads code,name[,type], like "
                "01234,Xã Bằng Thành.",
                path=str(path),
            ),
            "file",
        )
    return checked([r for _, r in numbered], f"{path.name}:", [n for n, _ in numbered])
