"""Every hostile bundle and records file kept from the campaigns of issue #9 is a clear refusal.

Each case (``tests/fixtures/hostile/``) is refused with exit 3 and a short message naming the file and the
place in it; the preview says what the import says; the data file (every table, and the clock's saved
value) is left exactly as it was. Found cases that crashed, hung, froze a record or doubled a commune.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.core.fieldlabels import label
from ntm_desktop.sync.keys.clock import HLC, MAX_COUNTER, MAX_MILLIS, ClockExhausted
from ntm_desktop.workspace import Workspace
from tests.helpers.hostile import cases, edited_text, forge, forge_case, key_of, state
from tests.helpers.records_example import EXAMPLE
from tests.helpers.sync import commune, receiver, supporter, trust
from tests.helpers.units import SAMPLE_UNIT

MAX_MESSAGE_LINES = 12


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Workspace, Path]]:
    """A commune's sound bundle (one result, one supporter, one help record with a scan), and its
    province office, which trusts the commune's key."""
    from datetime import date
    from decimal import Decimal

    from ntm_desktop.services.ledger import HelpDraft, ItemDraft

    root = tmp_path_factory.mktemp("hostile")
    c, p = commune(root, "c"), receiver(root, "p")
    trust(c, p)
    trust(p, c)
    c.progress.record(2024, indicator="3.1", value=82)
    scan = root / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4\n" * 40)
    draft = HelpDraft(
        date(2024, 3, 8),
        "Bê tông hóa đường thôn",
        (supporter(c, "Công ty Điện lực"),),
        (ItemDraft("cash", Decimal(40_000_000), "đồng", value_vnd=40_000_000),),
    )
    c.help.add(draft, evidence=[scan])
    usb = root / "usb"
    usb.mkdir()
    yield c, p, c.sync.export(usb).path
    c.close()
    p.close()


_WORDS = {"sequence", "title", "ntm-records"}
"""Expectations that are a word of the file quoted in the message, not a field's place."""


def place(case: dict[str, object]) -> str:
    """Where the officer reads that the problem is: the place as the app names it
    ("Khoản hỗ trợ thứ 1 · Dòng 1 · Số lượng" for ``help[0].items[0].quantity``; a field the record
    must not have as written: "Khoản hỗ trợ thứ 1 · “kind”")."""
    expect = str(case["expect"])
    return expect if expect in _WORDS else label(expect, verbatim=bool(case.get("unknown")))


def short(message: str) -> bool:
    return len(message.splitlines()) <= MAX_MESSAGE_LINES and len(message) < 4000


@pytest.mark.parametrize("case", cases("bundles"), ids=lambda c: c["name"])
def test_hostile_bundles_are_refused_naming_where(
    sent: tuple[Workspace, Workspace, Path], case: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    c, p, bundle = sent
    forged = forge_case(bundle, key_of(c), case, bundle.parent / f"{case['name']}.ntmsync")
    before = state(p)
    try:
        preview = p.sync.inspect(forged)
    except BundleRejected as refused:  # the file itself is refused: so is the import
        assert place(case) in str(refused), str(refused)
    else:
        shown = "\n".join(str(x) for x in preview.problems) + preview.refusal
        assert not preview.can_import and place(case) in shown, shown
    [outcome] = p.sync.import_bundles([forged]).outcomes
    assert outcome.status == "rejected" and place(case) in outcome.message, outcome.message
    assert short(outcome.message)
    assert state(p) == before

    code = main(["--db", str(p.path), "bundle", "import", str(forged)])
    err = capsys.readouterr().err
    assert code == 3 and forged.name in err and place(case) in err and short(err)
    assert "Traceback" not in err and state(p) == before


@pytest.mark.parametrize("case", cases("records"), ids=lambda c: c["name"])
def test_hostile_records_files_are_refused_naming_where(
    tmp_path: Path, case: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ho-so.json"
    path.write_text(edited_text(EXAMPLE, case, compact=False), encoding="utf-8")
    db = tmp_path / "xa" / "ntm.sqlite"
    with Workspace.open(db) as ws:
        ws.unit.setup(SAMPLE_UNIT)
        before = state(ws)
    for dry_run in (["--dry-run"], []):  # the preview refuses exactly what the import refuses
        code = main(["--db", str(db), "records", "import", str(path), *dry_run])
        err = capsys.readouterr().err
        assert code == 3, err
        assert str(path) in err and place(case) in err and short(err), err
        assert "Traceback" not in err
    with Workspace.open(db) as ws:
        assert state(ws) == before


def test_a_refused_bundle_never_stops_the_others(
    sent: tuple[Workspace, Workspace, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, _, bundle = sent
    p = receiver(tmp_path, "another-province")
    trust(c, p)
    bad = forge_case(bundle, key_of(c), cases("bundles")[0], tmp_path / "a-hostile.ntmsync")
    unreadable = tmp_path / "b-damaged.ntmsync"
    unreadable.write_bytes(bundle.read_bytes()[:500])
    code = main(["--db", str(p.path), "bundle", "import", str(bad), str(unreadable), str(bundle)])
    out, err = capsys.readouterr()
    assert code == 3
    assert "Đã nhận 1/3 gói, từ chối 2 gói." in out
    assert f"{bundle.name}: đã nhập" in out
    assert bad.name in err and unreadable.name in err and "Khoản hỗ trợ thứ 1 · Số hộ được hưởng" in err
    code = main(["--db", str(p.path), "bundle", "import", "--dry-run", str(unreadable), str(bad)])
    out, err = capsys.readouterr()
    assert code == 3 and unreadable.name in err and bad.name in out
    p.close()


def test_a_failed_import_leaves_the_clock_as_it_was(
    sent: tuple[Workspace, Workspace, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is written, in the data file or in memory, until everything of the bundle was written."""
    from ntm_desktop.sync.service import SyncService

    c, _, bundle = sent
    p = receiver(tmp_path, "p2")
    trust(c, p)
    clock_before, state_before = p.sync.identity.clock().last, state(p)

    def disk_gone(*args: object) -> None:
        raise BundleRejected("the disk was removed while writing")

    monkeypatch.setattr(SyncService, "_log_import", disk_gone)
    [outcome] = p.sync.import_bundles([bundle]).outcomes
    assert outcome.status == "rejected"
    assert p.sync.identity.clock().last == clock_before
    p.close()
    reopened = Workspace.open(p.path)
    assert state(reopened) == state_before
    reopened.close()


def test_a_lookalike_unit_code_is_refused_everywhere(
    sent: tuple[Workspace, Workspace, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for code in ("０１２３４", "٠١٢٣٤", "0123４"):
        argv = ["--data-dir", str(tmp_path / "d"), "init", "--unit-code", code, "--unit-name", "Xã A"]
        assert main([*argv, "--province-code", "19"]) == 3
        assert "Mã xã (5 chữ số): Mã đơn vị hành chính phải gồm đúng 5 chữ số" in capsys.readouterr().err
    c, _, bundle = sent
    fresh = receiver(tmp_path, "p3")
    forged = forge(
        bundle,
        key_of(c),
        records=lambda payload: payload["unit"].update(code="０１２３４"),
        manifest=lambda m: m.update(origin_unit_code="０１２３４"),
    )
    [outcome] = fresh.sync.import_bundles([forged], trust_on_first_use=True).outcomes
    assert outcome.status == "rejected" and "origin_unit_code" in outcome.message
    assert fresh.sync.keys.known() == [] and fresh.receiver.units(2024) == []
    fresh.close()


def test_a_version_in_other_digits_cannot_freeze_a_record(sent: tuple[Workspace, Workspace, Path]) -> None:
    c, p, bundle = sent
    payload = json.loads(__import__("zipfile").ZipFile(bundle).read("records.json"))
    version = payload["help"][0]["_version"]
    fullwidth = "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in version[:16]) + version[16:]
    forged = forge(bundle, key_of(c), records=lambda pl: pl["help"][0].update(_version=fullwidth))
    [outcome] = p.sync.import_bundles([forged]).outcomes
    assert outcome.status == "rejected" and "Khoản hỗ trợ thứ 1 · “_version”" in outcome.message


def test_the_clock_never_makes_a_version_it_cannot_read() -> None:
    clock = HLC("dev1", wall=lambda: 0)
    clock.observe(f"{MAX_MILLIS:016d}.{MAX_COUNTER:04d}.other")
    with pytest.raises(ClockExhausted):
        clock.now()


def test_old_data_holding_infinity_is_named_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value stored as infinity by an older version blocks nothing silently: the message names it."""
    import sqlite3

    c, p = commune(tmp_path, "c"), receiver(tmp_path, "p")
    trust(c, p)
    trust(p, c)
    c.progress.record(2024, indicator="3.1", value=82)
    [a] = [a for a in c.progress.assessments(2024) if a.indicator == "3.1"]
    c.close()
    with sqlite3.connect(c.path) as conn:
        conn.execute("UPDATE assessments SET value = 'Infinity' WHERE uid = ?", (a.uid,))
    usb = tmp_path / "usb"
    usb.mkdir()
    code = main(["--db", str(c.path), "bundle", "export", "--out", str(usb)])
    err = capsys.readouterr().err
    assert (
        code == 3 and f"Đánh giá tiêu chí thứ 1 (mã {a.record_id}) · Giá trị" in err and "số hữu hạn" in err
    )
    assert list(usb.iterdir()) == []
    code = main(["--db", str(c.path), "records", "export", str(tmp_path / "ho-so.json")])
    err = capsys.readouterr().err
    assert code == 3 and f"(mã {a.record_id}) · Giá trị" in err
    p.close()


@pytest.mark.parametrize("attack", ["laughs", "external", "nul", "control"])
def test_hostile_excel_xml_is_refused_never_expanded(
    ws: Workspace, tmp_path: Path, attack: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    from bench.hostile_excel import EXTERNAL, LAUGHS
    from ntm_desktop.export.xlsx import export_ledger

    base, hostile = tmp_path / "so.xlsx", tmp_path / f"{attack}.xlsx"
    export_ledger(ws, base)
    with zipfile.ZipFile(base) as archive:
        items = [(i.filename, archive.read(i)) for i in archive.infolist()]
    sheet = "xl/worksheets/sheet1.xml"
    body = dict(items)[sheet].decode().split("?>", 1)[-1]
    cell = '<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    text = {"laughs": "&lol9;", "external": "&e;", "nul": "Bê\x00tông", "control": "Bê&#1;tông"}[attack]
    head = {"laughs": LAUGHS, "external": EXTERNAL}.get(attack, '<?xml version="1.0"?>')
    body = body.replace("</row>", cell.format(ref="C1", text=text) + "</row>", 1)
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, data in items:
            archive.writestr(name, (head + body).encode() if name == sheet else data)
    before = state(ws)
    code = main(["--db", str(ws.path), "help", "import-xlsx", str(hostile), "--yes"])
    out, err = capsys.readouterr()
    assert code == 3 and str(hostile) in err and "root:" not in out + err and "lollol" not in out + err
    assert "Traceback" not in err and state(ws) == before
    if attack in ("nul", "control"):  # read, then refused: why, in the officer's language
        assert err.strip().endswith(
            "như một bảng tính Excel: nội dung trang tính bị hỏng hoặc không do chương trình bảng tính ghi ra"
        ), err


@pytest.mark.parametrize("number", ["1E400", "-1E400", "NaN", "1E+19", "12.5"])
def test_an_amount_cell_excel_cannot_hold_is_named_not_a_crash(
    ws: Workspace, tmp_path: Path, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the campaign (seed 20261203, excel 18 and 25): 1E400 in a money cell reads as infinity."""
    import zipfile

    from ntm_desktop.export.xlsx import export_ledger
    from tests.helpers.sync import help_record, supporter

    help_record(ws, "Bê tông hóa đường thôn Nà Làng", supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn"))
    base, hostile = tmp_path / "so.xlsx", tmp_path / "so-tien-la.xlsx"
    export_ledger(ws, base)
    with zipfile.ZipFile(base) as archive:
        items = [(i.filename, archive.read(i)) for i in archive.infolist()]
    sheet = "xl/worksheets/sheet1.xml"
    xml = dict(items)[sheet].decode()
    assert '<c r="K2"' in xml  # the first line's money value
    xml = xml.replace('<c r="K2"', f'<c r="K2"><v>{number}</v></c><c r="Z4"', 1)
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, data in items:
            archive.writestr(name, xml.encode() if name == sheet else data)
    before = state(ws)
    code = main(["--db", str(ws.path), "help", "import-xlsx", str(hostile), "--yes"])
    out, err = capsys.readouterr()
    cell = "dòng 2, cột “Giá trị (đồng)”"
    named = cell in out if "liệt kê ở trên" in err else str(hostile) in err  # the cell, or the file
    assert code == 3 and named and "Traceback" not in out + err
    assert state(ws) == before
