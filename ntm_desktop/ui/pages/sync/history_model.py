"""Lịch sử: every bundle and receipt this computer wrote or took in, newest first, in a real table model.

The rows are the sync service's bundle log entries; a :class:`HistoryFilter` narrows them to a direction
and to a text typed without accents ("bang thanh" finds "Xã Bằng Thành").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import fold
from ntm_desktop.sync.history_text import (
    LogEntry,
    direction_text,
    file_text,
    number,
    other_side,
    sender,
    several_senders,
)
from ntm_desktop.sync.labels import bundle_kind_text, computer_label
from ntm_desktop.ui.pages.sync.wording import (
    counts_line,
    local_time,
    size_text,
)
from ntm_desktop.ui.style import ERROR_COLOUR, MUTED_COLOUR

WHEN, DIRECTION, KIND, UNIT, SENDER, NUMBER, CONTENT, FILE = range(8)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DIRECTION_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def headers() -> list[str]:
    return [
        tr("When"),
        tr("Sent or received"),
        tr("What"),
        tr("From / to"),
        tr("Sent by"),
        tr("Bundle no."),
        tr("Content"),
        tr("File"),
    ]


def sender_details(entry: LogEntry, unit: str) -> str:
    """The tooltip: who signed the bundle received, of which unit, on which computer, and when it was
    made (Vietnam time)."""
    if entry.direction != "received" or not entry.signer:
        return sender(entry)
    return tr(
        "Signed by {clerk} — {unit}, {computer}; made {when}",
        clerk=entry.signer,
        unit=unit,
        computer=computer_label(entry.device_id),
        when=local_time(entry.created),
    )


def content(entry: LogEntry, brief: bool = False) -> str:
    """What the bundle carried; ``brief``: only how many records (the list per kind is the tooltip)."""
    if entry.kind == "receipt":
        return tr(
            "confirms {bundles}, {records}",
            bundles=trn("{n} bundle", "{n} bundles", entry.counts.get("bundles", 0)),
            records=trn("{n} record", "{n} records", entry.counts.get("records", 0)),
        )
    if entry.kind == "rollup":  # the communes it speaks for, not its lists' raw names
        units = trn("{n} commune", "{n} communes", entry.counts.get("units", 0))
        bundles = trn("{n} bundle", "{n} bundles", entry.counts.get("bundles", 0))
        return f"{units} · {bundles}"
    counts = {k: v for k, v in entry.counts.items() if isinstance(v, int)}
    total = sum(counts.values())
    if not total:
        text = tr("nothing new")
    elif brief:
        text = trn("{n} record", "{n} records", total)
    else:
        text = trn("{n} record: {lists}", "{n} records: {lists}", total, lists=counts_line(counts))
    return (tr("all records") + " · " + text) if entry.full else text


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LogEntry] = []
        self._names: Mapping[str, str] = {}
        self._national = False
        self._several: set[str] = set()
        self._headers = headers()

    def set_entries(
        self, entries: Sequence[LogEntry], names: Mapping[str, str] | None = None, national: bool = False
    ) -> None:
        """Show ``entries``; ``names`` (unit code → name) names the units on the other end; ``national``:
        this is the national office, whose communes' bundles came inside the provinces' roll-ups."""
        self.beginResetModel()
        self._rows = sorted(entries, key=lambda e: e.logged_at, reverse=True)
        self._names = dict(names or {})
        self._national = national
        self._several = several_senders(entries)
        self.endResetModel()

    def entry(self, row: int) -> LogEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE:
                return f"{entry.file_name} · {size_text(entry.size)}"  # the roll-up's, for one it carried
            if column == SENDER:
                return sender_details(entry, other_side(entry, self._names))
            return content(entry) if column == CONTENT else self._text(entry, column)
        if role == SORT_ROLE:
            return self._key(entry, column)
        if role == DIRECTION_ROLE:
            return entry.direction
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.result not in ("exported", "imported"):
                return QColor(ERROR_COLOUR)
            if column in (WHEN, FILE):
                return QColor(MUTED_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, entry: LogEntry, column: int) -> str:
        if column == WHEN:
            return local_time(entry.logged_at)
        if column == DIRECTION:
            return direction_text(entry.direction)
        if column == KIND:
            return bundle_kind_text(entry.kind)
        if column == UNIT:
            return other_side(entry, self._names)
        if column == SENDER:
            return sender(entry)
        if column == NUMBER:
            return number(entry, self._several)
        if column == CONTENT:
            return content(entry, brief=True)
        if column == FILE:
            return file_text(entry, self._national)
        return ""

    def _key(self, entry: LogEntry, column: int) -> Any:
        if column == WHEN:
            return entry.logged_at.isoformat()
        if column == NUMBER:
            return entry.sequence
        return fold(self._text(entry, column))


class HistoryFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._direction: str | None = None
        self._text = ""

    def set_direction(self, direction: str | None) -> None:
        self._direction = direction
        self.invalidate()

    def set_text(self, text: str) -> None:
        self._text = fold(text)
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if self._direction and model.index(row, 0, parent).data(DIRECTION_ROLE) != self._direction:
            return False
        if not self._text:
            return True
        texts = (
            model.index(row, c, parent).data() or "" for c in (KIND, UNIT, SENDER, NUMBER, CONTENT, FILE)
        )
        return any(self._text in fold(t) for t in texts)
