"""The bar under the ledger: what the records shown add up to, the way reports sum help up.

12 lượt hỗ trợ · Tổng giá trị quy ra tiền: 932.000.000 đ · Tiền mặt: 200.000.000 đ
2.000 ngày công · 343 tấn xi măng · 3.285 suất quà · …
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal, format_money, million_text
from ntm_desktop.services.ledger.browse.index import LedgerTotals, QuantityTotal
from ntm_desktop.services.ledger.kinds import funding_source_label
from ntm_desktop.services.ledger.totals import ItemTotal
from ntm_desktop.services.ledger.wording import item_phrase, valued

SHOWN_QUANTITIES = 8


def money_line(t: LedgerTotals) -> str:
    return " · ".join(
        [
            trn("{n} help record", "{n} help records", t.records, n=format_decimal(t.records)),
            tr("Total value in money: {value}", value=valued(t.value_vnd, t.records, format_money)),
            tr("Cash: {cash}", cash=format_money(t.cash_vnd)),
        ]
    )


def phrase(q: QuantityTotal) -> str:
    """ "343 tấn xi măng" (the ledger's own wording, as in reports)."""
    return item_phrase(ItemTotal(q.kind, q.name, q.unit, q.quantity, 0, 0))


def quantities_line(t: LedgerTotals, shown: int = SHOWN_QUANTITIES) -> str:
    phrases = [phrase(q) for q in t.quantities]
    if len(phrases) > shown:
        rest = len(phrases) - shown
        phrases = [*phrases[:shown], trn("and {n} more kind", "and {n} more kinds", rest)]
    return " · ".join(phrases)


def sources_line(t: LedgerTotals) -> str:
    """ "By funding source: Ngân sách xã 7.750.000 đ · …", or nothing when no record says its source."""
    if not any(source for source, _, _ in t.by_source):
        return ""
    parts = [f"{funding_source_label(source)} {format_money(value)}" for source, _, value in t.by_source]
    return tr("By funding source: {sources}", sources=" · ".join(parts))


class TotalsBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.money = QLabel()
        self.money.setObjectName("totalsMoney")
        self.money.setStyleSheet("font-weight: 600;")
        self.money.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.money.setWordWrap(True)
        self.items = QLabel()
        self.items.setWordWrap(True)
        self.items.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        self.sources = QLabel()
        self.sources.setObjectName("totalsSources")
        self.sources.setWordWrap(True)
        self.sources.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.money)
        layout.addWidget(self.items)
        layout.addWidget(self.sources)

    def show_totals(self, t: LedgerTotals) -> None:
        self.money.setText(money_line(t))
        value = valued(t.value_vnd, t.records, million_text)
        self.money.setToolTip(
            tr("Total value {value}, of which {cash} in cash", value=value, cash=million_text(t.cash_vnd))
            if t.cash_vnd  # no cash: no "trong đó 0,00 triệu đồng tiền mặt"
            else tr("Total value {value}", value=value)
        )
        empty = tr("No goods, labour or works in these records.") if t.records else ""
        self.items.setText(quantities_line(t) or empty)
        self.items.setToolTip("\n".join(phrase(q) for q in t.quantities))
        self.sources.setText(sources_line(t))
        self.sources.setVisible(bool(self.sources.text()))

    def text(self) -> str:
        """The lines shown, as the officer reads them."""
        lines = [self.money.text(), self.items.text()]
        return "\n".join(lines + ([self.sources.text()] if self.sources.text() else []))
