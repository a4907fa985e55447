"""The ledger's column index agrees with the ledger service: same records, same totals under every
filter, accent-insensitive keys identical to ``fold``; its cache is used only while current."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_desktop.core.folding import fold_many
from ntm_desktop.core.text import fold, name_key
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.services.ledger.browse import cache as ledger_cache
from ntm_desktop.services.ledger.browse.index import LedgerFilter, LedgerIndex
from ntm_desktop.services.ledger.help import HelpService
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
TEXT = st.text(alphabet=st.sampled_from(list(VIETNAMESE + " \t\xa0–²Ω\u0301\u0323x1.,")), max_size=20)


@given(st.lists(TEXT | st.text(max_size=8), max_size=12))
def test_fold_many_gives_exactly_the_keys_of_fold(texts: list[str]) -> None:
    assert fold_many(texts) == [fold(t) for t in texts]


def build(ws: Workspace) -> list[str]:
    """A small ledger with joint help, several years, villages, criteria and odd quantities."""
    a, b, c = (ws.supporters.add(SupporterDraft(n)).ids[0] for n in ("Sở Nội vụ", "Điện lực", "Đoàn"))
    drafts = [
        HelpDraft(date(2022, 3, 1), "Đường bê tông thôn Nà Phầy", (a, b),
                  (ItemDraft("cash", Decimal(40_000_000)),
                   ItemDraft("material", Decimal("343"), "tấn", "Xi măng", 1_200_000_000),
                   ItemDraft("labour", Decimal("2000"), "ngày công")),
                  village="Nà Phầy", criteria=("2", "6"), funding_source="community"),
        HelpDraft(date(2022, 7, 9), "Quà Tết", (c,),
                  (ItemDraft("gift", Decimal(3285), "suất", "Suất quà", 1_642_500_000),
                   ItemDraft("gift", Decimal(5), "suất", "suất quà "), ItemDraft("cash", Decimal(5_000_000))),
                  criteria=("11",)),
        HelpDraft(date(2023, 1, 2), "Cát cho nhà văn hóa", (b,),
                  (ItemDraft("material", Decimal("2.5"), "m³", "Cát", None),
                   ItemDraft("material", Decimal("0.0001"), "m³", "Cát"),
                   ItemDraft("material", Decimal("1.25"), "tấn", "xi măng", 2_000_000)),
                  village="Bằng Thành II", criteria=("6",), funding_source="commune_budget"),
    ]  # fmt: skip
    for d in drafts:
        ws.help.add(d)
    return [a, b, c]


def index_of(ws: Workspace) -> LedgerIndex:
    got = ws.help.rows()
    return LedgerIndex.build(got.rows, got.lines, {s.uid: s.name for s in ws.supporters.list()})


def same_totals(ws: Workspace, ledger: LedgerIndex, f: LedgerFilter) -> None:
    service = ws.help.totals(
        HelpFilter(
            f.year,
            supporter=f.supporter,
            criterion=f.criterion,
            village=f.village,
            funding_source=f.funding_source,
        )
    )
    mine = ledger.totals(ledger.mask(f))
    assert (mine.records, mine.value_vnd, mine.cash_vnd) == (
        service.records,
        service.value_vnd,
        service.cash_vnd,
    )
    expected = {
        (i.kind, name_key(i.name), name_key(i.unit)): i.quantity for i in service.items if i.kind != "cash"
    }
    assert {(q.kind, name_key(q.name), name_key(q.unit)): q.quantity for q in mine.quantities} == expected
    by_source = [(g.key, g.records, g.value_vnd) for g in service.by_funding_source]
    assert [(s or "unspecified", n, v) for s, n, v in mine.by_source] == by_source


def test_totals_agree_with_the_ledger_service_under_every_filter(ws: Workspace) -> None:
    a, b, _ = build(ws)
    ledger = index_of(ws)
    assert len(ledger) == 3
    for f in [
        LedgerFilter(),
        LedgerFilter(year=2022),
        LedgerFilter(year=2023),
        LedgerFilter(supporter=a),
        LedgerFilter(supporter=b),
        LedgerFilter(criterion="6"),
        LedgerFilter(village="Nà Phầy"),
        LedgerFilter(village=""),
        LedgerFilter(year=2022, supporter=b, criterion="2"),
        LedgerFilter(funding_source="community"),
        LedgerFilter(funding_source=""),
        LedgerFilter(year=2023, funding_source="commune_budget"),
    ]:
        same_totals(ws, ledger, f)
    totals = ledger.totals(ledger.mask(LedgerFilter()))
    assert [(q.name, q.unit, q.quantity) for q in totals.quantities] == [
        ("Ngày công lao động", "ngày công", Decimal(2000)),
        ("Xi măng", "tấn", Decimal("344.25")),
        ("Cát", "m³", Decimal("2.5001")),
        ("Suất quà", "suất", Decimal(3290)),
    ]


def test_kind_and_text_filters(ws: Workspace) -> None:
    build(ws)
    ledger = index_of(ws)

    def titles(f: LedgerFilter) -> list[str]:
        mask = ledger.mask(f)
        return [ledger.title[s] for s in ledger.order_by(None, False).visible(mask)]

    assert titles(LedgerFilter(kind="gift")) == ["Quà Tết"]
    assert titles(LedgerFilter(kind="cash")) == ["Đường bê tông thôn Nà Phầy", "Quà Tết"]
    assert titles(LedgerFilter(text="xi MĂNG")) == ["Đường bê tông thôn Nà Phầy", "Cát cho nhà văn hóa"]
    assert titles(LedgerFilter(text="dien luc bang")) == ["Cát cho nhà văn hóa"]
    assert titles(LedgerFilter(text="doan")) == ["Quà Tết"]
    assert titles(LedgerFilter(text="thôn phầy")) == ["Đường bê tông thôn Nà Phầy"]


def test_a_saved_record_replaces_its_slot_and_a_removed_one_leaves(ws: Workspace) -> None:
    a, _, _ = build(ws)
    ledger = index_of(ws)
    first = ws.help.list()[0]
    ws.help.update(first.uid, HelpDraft(first.date, "Đường mới", (a,), (ItemDraft("cash", Decimal(1)),)))
    got = ws.help.rows([first.uid])
    ledger.remove([first.uid])
    ledger.add(got.rows, got.lines)
    assert ledger.slots == 4 and len(ledger) == 3
    for f in (LedgerFilter(), LedgerFilter(year=2022), LedgerFilter(year=2023), LedgerFilter(year=2021)):
        same_totals(ws, ledger, f)
    gone = ws.help.list()[1].uid
    ws.help.remove(gone)
    got = ws.help.rows([gone])
    assert got.rows == []
    ledger.remove([gone])
    same_totals(ws, ledger, LedgerFilter())
    ws.supporters.update(a, SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn"))
    ledger.rename_supporters({s.uid: s.name for s in ws.supporters.list()})
    assert ledger.totals(ledger.mask(LedgerFilter(text="bac kan"))).records == 1


def test_the_cache_is_used_while_current_and_read_again_after_a_change(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_cache, "CACHE_FROM", 1)
    a, _, _ = build(ws)
    path = ledger_cache.cache_path(ws)
    first = ledger_cache.load(ws)
    assert path.exists()
    reads: list[int] = []
    real = HelpService.rows
    monkeypatch.setattr(HelpService, "rows", lambda self, uids=None: reads.append(1) or real(self, uids))
    again = ledger_cache.load(ws)
    assert reads == [] and again.stamp == first.stamp
    assert again.index.totals(again.index.mask(LedgerFilter())) == first.index.totals(
        first.index.mask(LedgerFilter())
    )
    assert again.index.key == first.index.key
    ws.help.add(HelpDraft(date(2024, 1, 1), "Mới", (a,), (ItemDraft("cash", Decimal(7)),)))
    fresh = ledger_cache.load(ws)
    assert reads == [1] and len(fresh.index) == 4
    path.write_bytes(b"not a cache")
    assert len(ledger_cache.load(ws).index) == 4
    assert len(reads) == 2


def test_a_cache_written_after_edits_loads_as_it_was(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_cache, "CACHE_FROM", 1)
    a, _, _ = build(ws)
    loaded = ledger_cache.load(ws)
    uid = ws.help.add(
        HelpDraft(date(2024, 1, 1), "Mới", (a,), (ItemDraft("labour", Decimal(3), "ngày công"),))
    ).ids[0]
    got = ws.help.rows([uid])
    loaded.index.add(got.rows, got.lines)
    assert ledger_cache.write_cache(
        ledger_cache.cache_path(ws), ledger_cache.snapshot(loaded.index), got.stamp
    )
    back = ledger_cache.read_cache(ledger_cache.cache_path(ws), ws.help.stamp(), loaded.names)
    assert back is not None
    same_totals(ws, back, LedgerFilter())
    same_totals(ws, back, LedgerFilter(year=2024))


def test_a_long_session_survives_many_signals(tmp_path: Path) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to True per Signal.emit() and to None per
    currentData() that is None; 20.000 of each aborted the interpreter. pyproject.toml excludes it."""
    script = tmp_path / "calls.py"
    script.write_text(
        "import os\nos.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "from PySide6.QtWidgets import QApplication, QComboBox\n"
        "app = QApplication([])\n"
        "class O(QObject):\n    s = Signal()\n"
        "o, combo = O(), QComboBox()\ncombo.addItem('Tất cả', None)\n"
        "for _ in range(20_000):\n    o.s.emit()\n    combo.currentData()\n"
        "print('ok')\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
