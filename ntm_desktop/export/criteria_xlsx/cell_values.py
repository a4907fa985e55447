"""Cell values of a criteria-set workbook turned into the set's JSON values; what cannot be read is a
problem at its cell."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import parse_decimal
from ntm_desktop.core.text import clean, fold, is_ascii_digits
from ntm_desktop.export.criteria_xlsx.layout import NO, YES, from_label
from ntm_desktop.export.xlsx.reader import read_date


class CellReader:
    """Turns cell values into the set's JSON values; what cannot be read is a problem at its cell."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

    def fail(self, at: str | None, message: str) -> None:
        self.problems.append(Problem(at or "", message))

    @staticmethod
    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return clean(str(value))

    def code_text(self, value: object) -> str:
        return self.text(value)

    def lines(self, value: object) -> list[str]:
        return [line for line in (clean(part) for part in self.text(value).splitlines()) if line]

    def whole(self, value: object, at: str | None, default: int | None = None) -> Any:
        if value is None or value == "":
            return default
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            return int(value)
        text = self.text(value)
        if is_ascii_digits(text):
            return int(text)
        self.fail(at, tr("must be a whole number"))
        return default

    def date(self, value: object, at: str | None) -> str | None:
        if value is None or value == "":
            return None
        day = read_date(value) if isinstance(value, date | datetime) or self.text(value) else None
        if day is None:
            self.fail(at, tr("must be a date written dd/mm/yyyy"))
            return None
        return day.isoformat()

    def code(self, value: object, labels: Any, at: str | None, default: str) -> str:
        text = self.text(value)
        if not text:
            return default
        found = from_label(labels, text)
        if found is None:
            self.fail(at, tr("must be one of: {choices}", choices=", ".join(labels.values())))
            return default
        return found

    def flag(self, value: object, at: str | None) -> bool:
        text = fold(self.text(value))
        if text in ("", fold(NO), "khong", "no", "false", "0"):
            return False
        if text in (fold(YES), "yes", "true", "1", "x", "dat"):
            return True
        self.fail(at, tr("must be {yes} or {no}", yes=YES, no=NO))
        return False

    def threshold(self, kind: str, value: object, at: str | None) -> Any:
        """A threshold cell: a number for percent/number, Có/Không, a level's text; None when empty."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if kind == "boolean":
            return self.flag(value, at) if fold(self.text(value)) not in ("",) else None
        if kind == "level":
            return self.text(value)
        if isinstance(value, bool):
            self.fail(at, tr("must be a number"))
            return None
        if isinstance(value, int | float):
            number = Decimal(str(value))
        else:
            try:
                number = parse_decimal(self.text(value).rstrip("%").strip(), field="value")
            except (InvalidInput, InvalidOperation):
                self.fail(at, tr("must be a number"))
                return None
        return int(number) if number == number.to_integral_value() else float(number)
