"""The communes list of a receiving office: one row per commune for the selected year.

:class:`CommunesModel` holds the service's ``UnitRow`` values; :class:`CommunesFilter` narrows them to a
sign-off status (or to the communes recognised by a decision) and to text typed with or without accents
("bang thanh" finds "Xã Bằng Thành", "012" finds code 01234), and sorts names the Vietnamese way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import fold
from ntm_desktop.receiver.values import Recognition, UnitRow, recognition_level_label
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.pages.receiver import status as st
from ntm_desktop.ui.pages.sync.wording import local_time
from ntm_desktop.ui.style import MUTED_COLOUR, STATUS_COLOURS

CODE, NAME, CRITERIA, CHANGE, BUNDLE, STATUS, CONFLICTS, CORRECTIONS, AMENDMENTS = range(9)
COUNTS = (CONFLICTS, CORRECTIONS, AMENDMENTS)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4
PROVINCE_ROLE = Qt.ItemDataRole.UserRole + 5
STAGE_ROLE = Qt.ItemDataRole.UserRole + 6
RECOGNISED = "recognised"
"""The status filter's entry for the communes recognised by a decision (``UnitRow.stage``)."""

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def headers() -> list[str]:
    return [
        tr("Code"),
        tr("Commune"),
        tr("Criteria met"),
        tr("Change"),
        tr("Latest bundle"),
        tr("State"),
        tr("Conflicts"),
        tr("Corrections"),
        tr("Amendments"),
    ]


def criteria_text(row: UnitRow) -> str:
    if row.criteria_met is None or not row.criteria_total:
        return "—"
    return f"{row.criteria_met}/{row.criteria_total}"


def bundle_text(row: UnitRow) -> str:
    if row.last_bundle_at is None:
        return tr("none yet")
    return tr(
        "no. {sequence}, {time}", sequence=row.last_bundle_seq or "?", time=local_time(row.last_bundle_at)
    )


def name_text(row: UnitRow) -> str:
    if row.predecessors:
        return tr("{name} (merged from {codes})", name=row.name, codes=", ".join(row.predecessors))
    return row.name


class CommunesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[UnitRow] = []
        self._name_rank: dict[str, int] = {}
        self._headers = headers()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[UnitRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        ordered = vi_sorted(self._rows, key=lambda r: r.name)
        self._name_rank = {r.code: n for n, r in enumerate(ordered)}
        self.endResetModel()

    def row_of(self, code: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.code == code), None)

    def unit(self, row: int) -> UnitRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[UnitRow]:
        return list(self._rows)

    # ---- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (CRITERIA, CHANGE, *COUNTS):
            return CENTRE
        if role == Qt.ItemDataRole.ToolTipRole and section == AMENDMENTS:
            return tr(
                "Changes the commune sent for a year already approved, waiting for the province's decision; "
                "the figures shown are those approved"
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS and row.recognised:
            return "\n".join(recognition_tip(r) for r in row.recognitions)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._key(row, column)
        if role == CODE_ROLE:
            return row.code
        if role == STATUS_ROLE:
            return row.status
        if role == PROVINCE_ROLE:
            return row.province_code
        if role == STAGE_ROLE:
            return row.stage
        if role == SEARCH_ROLE:
            return fold(f"{row.code} {row.name} {' '.join(row.predecessors)}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CRITERIA, CHANGE, *COUNTS):
            return CENTRE
        return self._look(row, column, role)

    def _look(self, row: UnitRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS:
                return st.colour(row.status)
            if column == CHANGE and row.change:
                return STATUS_COLOURS["met" if row.change > 0 else "not_met"]
            if column in COUNTS and self._count(row, column):
                return QColor(STATUS_COLOURS["not_met"])
            if column in (CODE, BUNDLE) or (column == CRITERIA and row.criteria_met is None):
                return QColor(MUTED_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS:
            return st.background(row.status)
        if role == Qt.ItemDataRole.FontRole and (
            column == STATUS or (column == CRITERIA and row.reached_standard)
        ):
            return self._bold
        return None

    @staticmethod
    def _count(row: UnitRow, column: int) -> int:
        if column == AMENDMENTS:
            return row.open_amendments
        return row.open_conflicts if column == CONFLICTS else row.open_corrections

    def _text(self, row: UnitRow, column: int) -> str:
        if column == CODE:
            return row.code
        if column == NAME:
            return name_text(row)
        if column == CRITERIA:
            return criteria_text(row)
        if column == CHANGE:
            return st.change_text(row.change)
        if column == BUNDLE:
            return bundle_text(row)
        if column == STATUS:
            if row.recognised:
                return tr("{status} · recognised", status=st.label(row.status))
            return st.label(row.status)
        if column in COUNTS:
            n = self._count(row, column)
            return str(n) if n else ""
        return ""

    def _key(self, row: UnitRow, column: int) -> Any:
        if column == NAME:
            return self._name_rank.get(row.code, 0)
        if column == CRITERIA:
            return -1 if row.criteria_met is None else row.criteria_met
        if column == CHANGE:
            return -999 if row.change is None else row.change
        if column == BUNDLE:
            return row.last_bundle_at.isoformat() if row.last_bundle_at else ""
        if column == STATUS:
            return st.ORDER.index(row.status) if row.status in st.ORDER else len(st.ORDER)
        if column in COUNTS:
            return self._count(row, column)
        return row.code


def recognition_tip(r: Recognition) -> str:
    """ "Xã nông thôn mới: Quyết định số 123/QĐ-UBND ngày 20/12/2025"."""
    decision = tr("Decision No. {decision} of {date}", decision=r.decision, date=f"{r.decided_on:%d/%m/%Y}")
    return f"{recognition_level_label(r.level)}: {decision}"


class CommunesFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._status: str | None = None
        self._text = ""
        self._province: str | None = None

    def set_province(self, code: str | None) -> None:
        """Only the communes of one province (the national office's list of provinces opens them)."""
        if code != self._province:
            self._province = code
            self.invalidate()

    def set_status(self, status: str | None) -> None:
        if status != self._status:
            self._status = status
            self.invalidate()

    def set_text(self, text: str) -> None:
        folded = fold(text)
        if folded != self._text:
            self._text = folded
            self.invalidate()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if self._status == RECOGNISED:
            if index.data(STAGE_ROLE) != RECOGNISED:
                return False
        elif self._status and index.data(STATUS_ROLE) != self._status:
            return False
        if self._province and index.data(PROVINCE_ROLE) != self._province:
            return False
        return not self._text or self._text in str(index.data(SEARCH_ROLE))
