""" "Bộ tiêu chí mới từ tỉnh": on a commune's Criteria page, the sets from the receiving unit the officer
has not seen yet — which years they apply to, what changed against the set those years used, and what
judging the years again changed — with "Xem thay đổi" and "Đã xem"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.services.criteria_years import NewSet
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.widgets.fields import card, label


def headline(news: NewSet) -> str:
    years = f"{news.years[0]}–{news.years[-1]}" if len(news.years) > 1 else str(news.years[0])
    return tr(
        "New criteria set from the province: {name} (revision {revision}), used for {years}.",
        name=news.name,
        revision=news.revision,
        years=years,
    )


def outcome_lines(news: NewSet) -> list[str]:
    lines = []
    for year, outcome in news.rejudged:
        parts = [tr("{year}: judged again", year=year)]
        if outcome.get("gained"):
            parts.append(tr("now met: {codes}", codes=", ".join(outcome["gained"])))
        if outcome.get("lost"):
            parts.append(tr("no longer met: {codes}", codes=", ".join(outcome["lost"])))
        if outcome.get("left"):
            parts.append(tr("not in the set, kept as they were: {codes}", codes=", ".join(outcome["left"])))
        lines.append("; ".join(parts))
    return lines


class NewsDialog(QDialog):
    def __init__(self, news: list[NewSet], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New criteria set from the province"))
        self.setMinimumSize(820, 480)
        self.lines = QListWidget()
        self.lines.setWordWrap(True)
        for item in news:
            self.lines.addItem(headline(item))
            self.lines.addItems(outcome_lines(item))
            changes = [c.line for c in item.changes]
            self.lines.addItem(tr("What changed ({count}):", count=len(changes)))
            self.lines.addItems([f"    {line}" for line in changes])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines, 1)
        layout.addWidget(close)


class NewsBanner(QWidget):
    """Shown while there is a set from the receiving unit the officer has not seen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.news: list[NewSet] = []
        self.text = label("", "subtitle")
        self.details = label("", "muted")
        self.show_button = QPushButton(tr("See what changed"))
        self.seen_button = QPushButton(tr("Seen"))
        self.show_button.clicked.connect(lambda: NewsDialog(self.news, self).exec())
        self.seen_button.clicked.connect(self._seen)
        box = card()
        inner = QHBoxLayout(box)
        inner.setContentsMargins(14, 8, 14, 8)
        texts = QVBoxLayout()
        texts.addWidget(self.text)
        texts.addWidget(self.details)
        inner.addLayout(texts, 1)
        inner.addWidget(self.show_button)
        inner.addWidget(self.seen_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self.reload()

    def reload(self) -> None:
        self.news = self.ctx.ws.criteria_years.news()
        self.setVisible(bool(self.news))
        if self.news:
            self.text.setText(" ".join(headline(n) for n in self.news))
            self.details.setText(" · ".join(line for n in self.news for line in outcome_lines(n)))

    def _seen(self) -> None:
        self.ctx.mutate(lambda ws: ws.criteria_years.mark_seen(), owner=self)
