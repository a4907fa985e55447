"""One compatibility policy for every file format the app reads (``docs/compatibility.md``).

Records-v1 files, sync bundles (their manifest and their ``records.json``) and criteria-set files carry a
version ``MAJOR`` or ``"MAJOR.MINOR"`` (a bare integer is minor 0). A reader of version R reads a file of
version F as follows:

* F.major > R.major: refused — the file needs a newer app ("hãy cập nhật phần mềm");
* F.major < R.major: read when the reader still knows that major, refused otherwise;
* same major, F.minor ≤ R.minor: *strictly* — a field the reader does not know is an error naming it
  (it is usually a typo);
* same major, F.minor > R.minor: fields the reader does not know are *set aside*: not read, listed in a
  notice, and (for records) kept in the data file untouched; everything else is checked as usual.

A newer minor may only add optional fields to JSON objects; anything else (a new required field, a
changed meaning, a new file in a bundle) is a new major.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from ntm_desktop.core.i18n import trn

_TEXT = re.compile(r"(\d{1,4})\.(\d{1,4})")
_SHOWN = 5
"""How many set-aside fields a notice names."""


@dataclass(frozen=True, order=True)
class FormatVersion:
    major: int
    minor: int = 0

    @classmethod
    def parse(cls, raw: object) -> FormatVersion | None:
        """``1`` → 1.0, ``"1.2"`` → 1.2; None for anything else (``"1"``, ``true``, and a JSON number with
        a point: 1.10 and 1.1 would be the same number)."""
        if isinstance(raw, int) and not isinstance(raw, bool):
            return cls(raw) if raw >= 0 else None
        match = _TEXT.fullmatch(raw) if isinstance(raw, str) else None
        return cls(int(match[1]), int(match[2])) if match else None

    def to_json(self) -> int | str:
        """As a writer states it: a bare integer while the minor is 0 (existing files stay byte for byte)."""
        return self.major if self.minor == 0 else str(self)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass
class Reading:
    """How one file is being read, and the fields set aside while reading it."""

    found: FormatVersion
    mine: FormatVersion
    older: frozenset[int] = frozenset()
    """Older majors this reader still reads."""
    set_aside: list[tuple[str, Any]] = field(default_factory=list)
    """(path, value) of every field the reader did not know, in a file from a newer minor."""

    @property
    def too_new(self) -> bool:
        """The file needs a newer app."""
        return self.found.major > self.mine.major

    @property
    def unreadable(self) -> bool:
        """A major this app does not read (newer, or older and no longer known)."""
        return self.too_new or (self.found.major < self.mine.major and self.found.major not in self.older)

    @property
    def lenient(self) -> bool:
        """From a newer minor: unknown fields are set aside instead of being errors."""
        return self.found.major == self.mine.major and self.found.minor > self.mine.minor

    def unknown(self, path: str, value: Any) -> bool:
        """An unknown field at ``path``: True when it is set aside (a newer minor's), False when it is an
        error the caller reports."""
        if self.lenient:
            self.set_aside.append((path, value))
            return True
        return False

    def notice(self) -> str:
        """What the officer is told when fields were set aside; empty otherwise."""
        if not self.set_aside:
            return ""
        paths = [p for p, _ in self.set_aside[:_SHOWN]]
        more = len(self.set_aside) - len(paths)
        shown = ", ".join(paths) + (
            " " + trn("and {n} more field", "and {n} more fields", more) if more > 0 else ""
        )
        return trn(
            "Made by a newer version of NTM Desktop (format {found}; this version reads {mine}): "
            "{n} field this version does not know was set aside, not read: {fields}. "
            "Update the software to read it.",
            "Made by a newer version of NTM Desktop (format {found}; this version reads {mine}): "
            "{n} fields this version does not know were set aside, not read: {fields}. "
            "Update the software to read them.",
            len(self.set_aside),
            found=str(self.found),
            mine=str(self.mine),
            fields=shown,
        )


def strict(mine: FormatVersion) -> Reading:
    """Reading a file of this reader's own version."""
    return Reading(mine, mine)


def reading(raw: object, mine: FormatVersion, older: Collection[int] = ()) -> Reading | None:
    """How to read a file stating version ``raw``; None when ``raw`` is no version at all."""
    found = FormatVersion.parse(raw)
    return None if found is None else Reading(found, mine, frozenset(older))
