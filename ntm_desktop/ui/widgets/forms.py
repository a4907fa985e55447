"""Pieces shared by the ledger's forms (help, supporters, assignments, cadres, events): dates, an optional
date, a count, a checklist of criteria, and putting the core's problems under the fields they concern.

A date box offers 2000–2100 only, yet a date saved outside those years (an imported records file, an
older version) can reach a form: Qt would show it moved to the nearest end of the range, and saving would
store that other date without a word. :meth:`DateBox.show_stored` remembers such a date until the officer
chooses one, and :meth:`DateBox.outside_text` says so under the box."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_decimal, parse_int
from ntm_desktop.core.text import clean
from ntm_desktop.core.years import FIRST_YEAR, LAST_YEAR
from ntm_desktop.ui.widgets.fields import InlineMessage, mark_invalid

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def show_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


class DateBox(QDateEdit):
    """A day within the years the app shows (:mod:`ntm_desktop.core.years`), as the ledger's checks ask:
    the box does not offer 2101 (Qt's own range runs from 1752 to 9999)."""

    replaced = Signal()
    """The officer chose a date in place of a saved one outside the years (the box's warning is over)."""

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outside: date | None = None
        """A saved date the box cannot show (outside 2000–2100), until the officer chooses a date."""
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        self.show_stored(day or vntime.today())
        self.dateChanged.connect(lambda _: self.mark_chosen())
        calendar = self.calendarWidget()  # a day clicked counts, even the one the box shows
        calendar.clicked.connect(lambda _: self.mark_chosen())
        calendar.activated.connect(lambda _: self.mark_chosen())

    def show_stored(self, day: date) -> None:
        """Show a saved date; one outside the years is remembered (the box shows the nearest day it can)."""
        self.setDate(to_qdate(day))
        self.outside = None if FIRST_YEAR <= day.year <= LAST_YEAR else day

    def day(self) -> date:
        return from_qdate(self.date())

    def outside_text(self) -> str:
        """What to tell the officer while a saved date outside the years waits to be chosen again."""
        if self.outside is None:
            return ""
        return tr(
            "The saved date {day} is outside the years {first}–{last}; choose the date again.",
            day=show_day(self.outside),
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )

    def mark_chosen(self) -> None:
        """The officer chose the date the box shows (or chose to give none)."""
        if self.outside is not None:
            self.outside = None
            self.replaced.emit()


def date_edit(day: date | None = None) -> DateBox:
    """A date box of the app's years showing ``day`` (today when not given)."""
    return DateBox(day)


class OptionalDate(QWidget):
    """A date that may be left out (a box to tick, then the date)."""

    replaced = Signal()
    """The officer chose a date (or none) in place of a saved one outside the years."""

    def __init__(self, label: str, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.given = QCheckBox(label)
        self.edit = date_edit(day)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.given)
        row.addWidget(self.edit, 1)
        self.given.toggled.connect(self.edit.setEnabled)
        self.edit.replaced.connect(self.replaced)
        self.given.toggled.connect(lambda _: self.edit.mark_chosen())  # leaving the date out is a choice too
        self.set_value(day)

    def set_value(self, day: date | None) -> None:
        self.given.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        if day is not None:
            self.edit.show_stored(day)

    def outside_text(self) -> str:
        return self.edit.outside_text()

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.given.isChecked() else None


class CountEdit(QLineEdit):
    """A whole number that may be left empty ("1.234" is read as 1234)."""

    def __init__(self, value: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("not known"))
        self.set_value(value)

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else format_decimal(value))

    def value(self) -> int | None:
        """Raises :class:`InvalidInput` when the text is not a whole number ≥ 0."""
        return parse_int(self.text()) if clean(self.text()) else None


class CriteriaChecklist(QListWidget):
    """The criteria of the year's set, to tick those the record serves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(90)

    def set_criteria(self, criteria: Iterable[tuple[str, str]], ticked: Iterable[str] = ()) -> None:
        wanted = list(ticked)
        self.blockSignals(True)
        self.clear()
        known = []
        for code, label in criteria:
            self._add(code, label, code in wanted)
            known.append(code)
        for code in wanted:  # a code the current set does not have (an older set's) stays ticked
            if code not in known:
                self._add(code, tr("Criterion {code}", code=code), True)
        self.blockSignals(False)

    def _add(self, code: str, label: str, ticked: bool) -> None:
        item = QListWidgetItem(label)
        item.setData(CODE_ROLE, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.addItem(item)

    def codes(self) -> tuple[str, ...]:
        return tuple(
            str(self.item(i).data(CODE_ROLE))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def tick(self, code: str, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(CODE_ROLE) == code:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class Messages:
    """The inline messages of a form, by the field path the core uses ("title", "items[0].quantity")."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[InlineMessage, QWidget | None]] = {}
        self._marked: list[QWidget] = []
        self.general = InlineMessage()

    def add(self, path: str, message: InlineMessage, field: QWidget | None = None) -> InlineMessage:
        self._fields[path] = (message, field)
        return message

    def clear(self) -> None:
        for message, _ in self._fields.values():
            message.clear_message()
        for field in self._marked:  # only those marked: asking every field costs PySide6 6.12 a None
            mark_invalid(field, False)
        self._marked.clear()
        self.general.clear_message()

    def show(self, problems: Iterable[Problem]) -> None:
        """Put each problem under its field (the first one per field); the rest go to the general line."""
        self.clear()
        rest: list[str] = []
        for p in problems:
            target = self._target(p.path)
            if target is None:
                rest.append(str(p))
                continue
            message, field = target
            if not message.message:
                message.show_message(p.message)
                if field is not None:
                    mark_invalid(field, True)
                    self._marked.append(field)
        self.general.show_message("\n".join(rest))

    def say(self, path: str, text: str) -> None:
        """Show ``text`` under the field ``path`` alone (nothing: take its message away)."""
        message, field = self._fields[path]
        message.show_message(text)
        if field is not None:
            mark_invalid(field, bool(text))
            if text:
                self._marked.append(field)

    def watch_stored(self, path: str, box: DateBox | OptionalDate) -> None:
        """Say now, under ``path``, that the box's saved date is outside the years, until the officer
        chooses a date."""
        if box.outside_text():
            self.say(path, box.outside_text())
        box.replaced.connect(lambda: self.say(path, ""))

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, InvalidInput) and exc.problems:
            self.show(exc.problems)
        else:
            self.clear()
            self.general.show_message(str(getattr(exc, "message", exc)))

    def _target(self, path: str) -> tuple[InlineMessage, QWidget | None] | None:
        for key in sorted(self._fields, key=len, reverse=True):
            if path == key or path.startswith((key + ".", key + "[")):
                return self._fields[key]
        return None

    def texts(self) -> dict[str, str]:
        """Path → message shown (what the officer reads under each field)."""
        shown = {path: m.message for path, (m, _) in self._fields.items() if m.message}
        if self.general.message:
            shown[""] = self.general.message
        return shown
