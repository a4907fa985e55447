"""A bundle's help records go in with their item lines and supporter links given as lines
(:func:`ntm_desktop.db.bulk.insert_lines`: each distinct line, shared by many records, converted and checked
once; each row one tuple): what lands in the database is exactly what the same records write column by
column, on SQLite and on PostgreSQL — the same rows in the same order, the same stored texts — and a value
too long for its column is refused the same way, nothing written."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, Text, func, select
from sqlalchemy import cast as cast_

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.db import bulk
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uids
from ntm_desktop.db.bulk import Same, insert_columns
from ntm_desktop.services.kinds.batch import NewRows, insert_new_rows
from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.ledger.values import HelpDraft, ItemDraft
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

NOW = datetime(2026, 12, 1, 7, 15, tzinfo=UTC)
WAYS = ("lines", "columns", "lines, another order")
"""As lines; column by column (:meth:`HelpStore.column_lists`, the way before lines); as lines whose
columns cannot go in the order they are made (written column by column then)."""


def _supporters(s: Any) -> list[str]:
    uids = new_uids(3)
    names = ["Sở Nông nghiệp và Môi trường", "Công ty TNHH Hòa Bình", "Hội Nông dân xã"]
    columns: dict[str, Any] = {"uid": uids, "record_id": ["s1", "s2", "s3"], "name": names}
    insert_columns(s.connection(), cast(Table, m.Supporter.__table__), columns | {"unit_code": Same("0")}, 3)
    return uids


CRITERIA = (("3",), ("3", "7"), (), ("19", "3", "7"))
"""Criteria the records name (a bulk insert is given each record's own tuple of codes: its list's text)."""


def _drafts(supporters: list[str], name: str = "Gạo tẻ", quantity: Any = Decimal("1E+1")) -> list[HelpDraft]:
    """Forty records sharing a few item line objects (as a bundle's quick lane makes them), some lines
    their own object though equal to another, quantities written in several ways, one, two or three
    supporters, and a record with no line and no supporter (nothing for it in the child tables)."""
    rice = ItemDraft("rice", quantity, "kg", name, 1_500_000)
    cash = ItemDraft("cash", Decimal(15_000_000), "đồng", "Tiền mặt", 15_000_000)
    drafts = []
    for n in range(40):
        own = ItemDraft("other", Decimal("2.50") if n % 2 else Decimal("0.125"), "bộ", "Áo ấm", None)
        items = (rice, cash) if n % 3 else (own, rice, ItemDraft("cash", Decimal(15_000_000), "đồng"), cash)
        day = date(2025, 1 + n % 12, 1 + n % 28)
        drafts.append(
            HelpDraft(day, f"Hỗ trợ số {n}", tuple(supporters[: 1 + n % 3]), items, criteria=CRITERIA[n % 4])
        )
    drafts.append(HelpDraft(date(2025, 5, 5), "Chưa ghi", (), ()))
    return drafts


def _write(ws: Workspace, way: str, monkeypatch: pytest.MonkeyPatch, **given: Any) -> None:
    with monkeypatch.context() as patch:
        if way == "columns":
            patch.setattr(HELP, "bulk_lists", HELP.column_lists)
        elif way == "lines, another order":
            patch.setattr(bulk, "_ordered_plan", lambda *_: None)
        else:  # each row made in one loop, not column by column
            patch.setattr(bulk, "_line_columns", lambda *_: pytest.fail("written column by column"))
        with ws.db.write() as s:
            drafts = _drafts(_supporters(s), **given)
            count = len(drafts)
            rids = [f"h{n:02d}" for n in range(count)]
            new = NewRows(new_uids(count), rids, drafts, ["v"] * count, ["o"] * count, [False] * count)
            insert_new_rows(s, HELP, "01234", new, NOW)


def _stored(ws: Workspace) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The item lines and supporter links as stored (quantities as their text), in the order written,
    and the records' own columns (their criteria and dates as stored texts)."""
    h, i, hs, sup = m.Help, m.HelpItem, m.HelpSupporter, m.Supporter
    items = select(h.record_id, i.position, i.kind, i.name, cast_(i.quantity, Text), i.unit, i.value_vnd)
    links = select(h.record_id, sup.record_id, hs.position).join(sup, sup.uid == hs.supporter_uid)
    own = select(h.record_id, cast_(h.date, Text), h.title, cast_(h.criteria, Text), h.unit_code, h.version)
    with ws.db.read() as s:
        return (
            [tuple(r) for r in s.execute(items.join(h, h.uid == i.help_uid).order_by(i.id))],
            [
                tuple(r)
                for r in s.execute(links.join(h, h.uid == hs.help_uid).order_by(h.record_id, hs.position))
            ],
            [tuple(r) for r in s.execute(own.order_by(h.record_id))],
        )


def test_help_lines_given_as_lines_are_the_rows_given_column_by_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = []
    for way in WAYS:
        ws = receiver(tmp_path / way.replace(", ", "-").replace(" ", "-"))
        _write(ws, way, monkeypatch)
        stored.append(_stored(ws))
        ws.close()
    items, links, records = stored[0]
    assert [r[3] for r in records[:5]] == ['["3"]', '["3", "7"]', "[]", '["19", "3", "7"]', '["3"]']
    assert len(items) == 26 * 2 + 14 * 4 and len(links) == 14 * 1 + 13 * 2 + 13 * 3
    assert items[:4] == [
        ("h00", 0, "other", "Áo ấm", "0.125", "bộ", None),
        ("h00", 1, "rice", "Gạo tẻ", "10", "kg", 1_500_000),
        ("h00", 2, "cash", "", "15000000", "đồng", None),
        ("h00", 3, "cash", "Tiền mặt", "15000000", "đồng", 15_000_000),
    ]
    assert stored[1] == stored[0] and stored[2] == stored[0]


@pytest.mark.parametrize("quantity", [Decimal(10), "mười"], ids=["a number", "a quantity no number"])
def test_a_line_too_long_for_its_column_is_refused_as_column_by_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quantity: Any
) -> None:
    """Refused before any value is converted: a line that cannot be is not what is named."""
    refused = []
    for way in WAYS:
        ws = receiver(tmp_path / way.replace(", ", "-").replace(" ", "-"))
        with pytest.raises(InvalidInput) as caught:
            _write(ws, way, monkeypatch, name="Gạo tẻ " * 50, quantity=quantity)  # 350 characters: 300 fit
        refused.append((caught.value.field, str(caught.value)))
        with ws.db.read() as s:
            assert s.scalar(select(func.count()).select_from(m.Help)) == 0  # nothing written
            assert s.scalar(select(func.count()).select_from(m.HelpItem)) == 0
        ws.close()
    assert (
        refused[0] == refused[1] == refused[2] == ("help_items.name", refused[0][1])
        and "300" in refused[0][1]
    )
