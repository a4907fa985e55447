"""Every kind of record, written by every path that writes it — the services (what the GUI calls), the
command line, a records-v1 file, the Excel template and a bundle from another computer of the commune —
ends as the same row and leaves the same audit entry (what changed, in the same shape)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from shlex import split
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from ntm_desktop.cli.main import main
from ntm_desktop.core.changes import Changes
from ntm_desktop.db import models as m
from ntm_desktop.export.xlsx.layout import COLUMNS, LEDGER_SHEET
from ntm_desktop.records.excel import apply, preview
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.services.kinds.registry import BY_LIST, KINDS
from ntm_desktop.services.ledger import (
    AssignmentDraft,
    CadreDraft,
    EventDraft,
    HelpDraft,
    ItemDraft,
    SupporterDraft,
)
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import COMMUNE, commune, trust

SUPPORTER = {"id": "sup-1", "name": "Sở Nội vụ tỉnh Bắc Kạn", "kind": "agency"}


@dataclass(frozen=True)
class Case:
    """One record of a kind, as each path is given it; ``early`` is an older version of it (a bundle
    updates a record the other computer already has)."""

    kind: str
    doc: dict[str, Any]
    """The records-v1 record (``id`` aside); supporters are referred to as ``sup-1``."""
    save: Callable[[Workspace, str, bool], Changes]
    """Write it through the service (the GUI's call): (workspace, supporter uid, early version?)."""
    cli: list[str] = field(default_factory=list)
    excel: list[dict[str, Any]] = field(default_factory=list)


def _progress(ws: Workspace, sup: str, early: bool) -> Changes:
    return ws.progress.record(
        2023,
        indicator="2.1",
        value="70" if early else "85",
        note="Theo số liệu thống kê",
        assessed_on=date(2023, 12, 15),
        assessed_by="Nguyễn Thị Thảo",
    )


def _ledger(name: str, make: Callable[[str, bool], Any]) -> Callable[[Workspace, str, bool], Changes]:
    def save(ws: Workspace, sup: str, early: bool) -> Changes:
        service = getattr(ws, name)
        if early:
            return service.add(make(sup, True))  # type: ignore[no-any-return]
        mine = [v for v in service.list() if v.record_id != "sup-1"]
        if mine:  # the bundle's commune computer: the early version, corrected
            return service.update(mine[0].uid, make(sup, False))  # type: ignore[no-any-return]
        return service.add(make(sup, False))  # type: ignore[no-any-return]

    return save


def _help(sup: str, early: bool) -> HelpDraft:
    return HelpDraft(
        date(2023, 6, 30),
        "Xây dựng cổng chào thôn Pác Châm",
        (sup,),
        (
            ItemDraft("cash", Decimal(25_000_000 if early else 30_000_000), "đồng"),
            ItemDraft("works", Decimal(1), "công trình", name="Cổng chào"),
        ),
        village="Pác Châm",
        criteria=("6",),
        households=12,
        persons=40,
        funding_source="community",
    )


CASES = [
    Case(
        "assessments",
        {
            "year": 2023,
            "indicator": "2.1",
            "value": 85,
            "note": "Theo số liệu thống kê",
            "assessed_on": "2023-12-15",
            "assessed_by": "Nguyễn Thị Thảo",
        },
        _progress,
        cli=split(
            "progress set --year 2023 --indicator 2.1 --value 85 --note 'Theo số liệu thống kê' "
            "--date 2023-12-15 --by 'Nguyễn Thị Thảo'"
        ),
    ),
    Case(
        "supporters",
        {"name": "Công ty Điện lực Bắc Kạn", "kind": "company", "parent": "Tập đoàn Điện lực Việt Nam"},
        _ledger(
            "supporters",
            lambda sup, early: SupporterDraft(
                "Công ty Điện lực Bắc Kạn", "company", "" if early else "Tập đoàn Điện lực Việt Nam"
            ),
        ),
        cli=split(
            "supporters add --name 'Công ty Điện lực Bắc Kạn' --kind company "
            "--parent 'Tập đoàn Điện lực Việt Nam'"
        ),
    ),
    Case(
        "assignments",
        {
            "supporter": "sup-1",
            "document": "2523/QĐ-UBND",
            "document_date": "2022-10-03",
            "issuer": "UBND tỉnh",
            "start": "2022-10-03",
            "end": "2025-12-31",
            "criteria": ["2", "19"],
            "note": "Giúp xã đạt chuẩn",
        },
        _ledger(
            "assignments",
            lambda sup, early: AssignmentDraft(
                sup,
                "2523/QĐ-UBND",
                date(2022, 10, 3),
                "UBND tỉnh",
                date(2022, 10, 3),
                date(2025, 12, 31),
                ("2",) if early else ("2", "19"),
                "Giúp xã đạt chuẩn",
            ),
        ),
    ),
    Case(
        "help",
        {
            "date": "2023-06-30",
            "supporters": ["sup-1"],
            "title": "Xây dựng cổng chào thôn Pác Châm",
            "village": "Pác Châm",
            "criteria": ["6"],
            "beneficiaries": {"households": 12, "persons": 40},
            "funding_source": "community",
            "items": [
                {"kind": "cash", "quantity": 30_000_000, "unit": "đồng"},
                {"kind": "works", "name": "Cổng chào", "quantity": 1, "unit": "công trình"},
            ],
        },
        _ledger("help", _help),
        cli=split(
            "help add --date 2023-06-30 --supporter sup-1 --title 'Xây dựng cổng chào thôn Pác Châm' "
            "--item 'cash;;30.000.000;đồng' --item 'works;Cổng chào;1;công trình' --village 'Pác Châm' "
            "--criterion 6 --households 12 --persons 40 --funding-source community"
        ),
        excel=[
            {
                "id": "x-1",
                "date": date(2023, 6, 30),
                "supporters": "Sở Nội vụ tỉnh Bắc Kạn",
                "title": "Xây dựng cổng chào thôn Pác Châm",
                "village": "Pác Châm",
                "criteria": "6",
                "kind": "Tiền mặt",
                "quantity": 30_000_000,
                "unit": "đồng",
                "households": 12,
                "persons": 40,
                "funding_source": "Cộng đồng dân cư",
            },
            {"kind": "Công trình", "name": "Cổng chào", "quantity": 1, "unit": "công trình"},
        ],
    ),
    Case(
        "cadres",
        {
            "name": "Hoàng Văn Nam",
            "position": "Chuyên viên",
            "supporter": "sup-1",
            "start": "2023-01-01",
            "note": "Biệt phái 2 năm",
        },
        _ledger(
            "cadres",
            lambda sup, early: CadreDraft(
                "Hoàng Văn Nam",
                "Cán bộ" if early else "Chuyên viên",
                sup,
                date(2023, 1, 1),
                None,
                "Biệt phái 2 năm",
            ),
        ),
    ),
    Case(
        "events",
        {
            "date": "2023-05-20",
            "title": "Hội nghị tuyên truyền về xây dựng nông thôn mới",
            "village": "Nà Phầy",
            "supporters": ["sup-1"],
            "participants": 120,
            "criteria": ["18"],
        },
        _ledger(
            "events",
            lambda sup, early: EventDraft(
                date(2023, 5, 20),
                "Hội nghị tuyên truyền về xây dựng nông thôn mới",
                "Nà Phầy",
                (sup,),
                80 if early else 120,
                ("18",),
            ),
        ),
    ),
]


NARRATIVE = "Ban Chỉ đạo xã ban hành kế hoạch năm 2023.\nTổ chức 4 hội nghị tuyên truyền tại các thôn."


def _narrative(ws: Workspace, sup: str, early: bool) -> Changes:
    return ws.narratives.write(2023, "direction", NARRATIVE.split("\n")[0] if early else NARRATIVE)


CASES.append(
    Case(
        "narratives",
        {"year": 2023, "section": "direction", "text": NARRATIVE},
        _narrative,
        cli=["report", "narrative", "--year", "2023", "--section", "direction", "--text", NARRATIVE],
    )
)


def test_every_kind_has_a_case() -> None:
    assert sorted(c.kind for c in CASES) == sorted(k.list_name for k in KINDS)


def _document(records: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"format": "ntm-records", "version": 1, "unit": unit_doc(COMMUNE)} | records


def _base(tmp_path: Path, name: str) -> tuple[Workspace, str]:
    """The commune with one supporter (id ``sup-1`` everywhere); the supporter's uid."""
    ws = commune(tmp_path, name)
    ws.records.import_data(_document({"supporters": [SUPPORTER]}))
    return ws, ws.supporters.find("sup-1")[0].uid


def _row(ws: Workspace, kind: str) -> dict[str, Any]:
    """The record's row as stored (keys, times and versions aside; supporter uids as their ids)."""
    return _written(ws, kind, audited=False)[0]


def _written(ws: Workspace, kind: str, audited: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """The record's row as stored (keys, times and versions aside; supporter uids as their ids) and the
    newest audit entry about it (entity and after-image, its ``id`` aside)."""
    store = BY_LIST[kind]
    with ws.db.read() as s:
        ids = {uid: rid for uid, rid in s.execute(select(m.Supporter.uid, m.Supporter.record_id))}
        rows = [r for r in s.scalars(select(store.model)) if r.record_id != "sup-1"]
        assert len(rows) == 1
        row = rows[0]
        entry = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.entity_uid == row.uid).order_by(m.AuditEntry.id.desc())
        ).first()
        shown = _columns(row, ids)
        if kind == "help":
            shown["items"] = [_columns(i, ids) for i in sorted(row.items, key=lambda i: i.position)]
            shown["links"] = [_columns(link, ids) for link in row.supporter_links]
    if not audited:
        return shown, {}
    assert entry is not None
    after = dict(entry.after or {})
    after.pop("id", None)
    ACTIONS.append(entry.action)
    return shown, {"entity": entry.entity, "after": after}


NEW_BY_BUNDLE: dict[str, dict[str, Any]] = {}
"""Each kind's row as a bundle's bulk insert wrote it (a record new to the workspace; the bundle's own
audit row stands for it, so there is no entry of the record's to compare)."""
ACTIONS: list[str] = []
"""The action of each audit entry compared, in path order (the one thing that differs by path)."""
_KEYS = {"id", "uid", "record_id", "help_uid", "version", "origin", "created_at", "updated_at", "deleted_at"}


def _columns(row: Any, ids: dict[str, str]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, list):
            return [plain(v) for v in value]
        return ids.get(value, value) if isinstance(value, str) else value

    return {c.key: plain(getattr(row, c.key)) for c in row.__table__.columns if c.key not in _KEYS}


def _cli(ws: Workspace, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", str(ws.path), *argv])
    assert code == 0, capsys.readouterr().err


def _excel(ws: Workspace, tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = LEDGER_SHEET
    sheet.append([c.header for c in COLUMNS])
    for line in lines:
        sheet.append([line.get(c.key) for c in COLUMNS])
    path = tmp_path / "so-ho-tro.xlsx"
    book.save(path)
    pv = preview(ws, path)
    assert pv.ok, pv.problems
    apply(ws, pv)


def _bundle(tmp_path: Path, case: Case) -> Workspace:
    """Another computer of the commune has the record's early version; the corrected one arrives."""
    usb = tmp_path / "usb"
    usb.mkdir()
    here, sup = _base(tmp_path, "bundle-a")
    there = commune(tmp_path, "bundle-b")
    trust(here, there)
    case.save(here, sup, True)
    there.sync.import_bundles([here.sync.export(usb, full=True).path])
    case.save(here, sup, False)
    report = there.sync.import_bundles([here.sync.export(usb).path])
    assert [o.status for o in report.outcomes] == ["imported"]
    assert report.outcomes[0].counts[case.kind].updated == 1
    fresh = commune(tmp_path, "bundle-c")  # a third computer takes the record in new (a bulk insert)
    trust(here, fresh)
    report = fresh.sync.import_bundles([here.sync.export(usb, full=True).path])
    assert [o.status for o in report.outcomes] == ["imported"]
    assert report.outcomes[0].counts[case.kind].created == (2 if case.kind == "supporters" else 1)  # sup-1
    NEW_BY_BUNDLE[case.kind] = _row(fresh, case.kind)
    fresh.close()
    here.close()
    return there


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_each_path_writes_the_same_row_and_audit_entry(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    ACTIONS.clear()
    ws, sup = _base(tmp_path, "service")
    case.save(ws, sup, False)
    written["service"] = _written(ws, case.kind)
    ws.close()

    ws, _ = _base(tmp_path, "records")
    ws.records.import_data(_document({"supporters": [SUPPORTER], case.kind: [{"id": "x-1"} | case.doc]}))
    written["records-v1"] = _written(ws, case.kind)
    ws.close()

    if case.cli:
        ws, _ = _base(tmp_path, "cli")
        _cli(ws, case.cli, capsys)
        written["cli"] = _written(ws, case.kind)
        ws.close()
    if case.excel:
        ws, _ = _base(tmp_path, "excel")
        _excel(ws, tmp_path, case.excel)
        written["excel"] = _written(ws, case.kind)
        ws.close()
    there = _bundle(tmp_path, case)
    written["bundle"] = _written(there, case.kind)
    there.close()

    expected_row, expected_audit = written["service"]
    assert expected_audit["entity"] == BY_LIST[case.kind].entity
    assert ACTIONS[1] == "records.import" and ACTIONS[-1] == "sync.update"
    for path, (row, audit) in written.items():
        assert row == expected_row, path
        assert audit == expected_audit, path
    assert NEW_BY_BUNDLE[case.kind] == expected_row
