"""Hostile Excel files for the campaign: the commune's own exported ledger with hostile cell values,
hostile XML inside the workbook (entity expansion, external entities, NUL, 1E400), or broken bytes."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import openpyxl

from bench.hostile_world import RAW_NUMBERS, VALUES

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def hostile_workbook(rng: random.Random, base: Path, out: Path) -> str:
    """Write a hostile variant of ``base`` to ``out``; returns what was done."""
    roll = rng.random()
    if roll < 0.55:
        return _cells(rng, base, out)
    if roll < 0.9:
        return _xml(rng, base, out)
    data = base.read_bytes()
    choice = rng.choice(["truncate", "garbage", "empty", "not-a-workbook"])
    if choice == "truncate":
        out.write_bytes(data[: rng.randrange(len(data))])
    elif choice == "garbage":
        out.write_bytes(rng.randbytes(rng.randint(1, 4000)))
    elif choice == "empty":
        out.write_bytes(b"")
    else:
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "xin chào")
    return choice


def _cells(rng: random.Random, base: Path, out: Path) -> str:
    book = openpyxl.load_workbook(base)
    sheet = book.worksheets[0]
    done = []
    for _ in range(rng.randint(1, 4)):
        row, column = rng.randint(1, sheet.max_row + 2), rng.randint(1, sheet.max_column + 1)
        value = rng.choice(VALUES)
        if isinstance(value, list | dict | bool) or value is None:
            value = str(value)
        if isinstance(value, str):
            value = "".join(ch for ch in value if ch >= " " and not 0xD800 <= ord(ch) <= 0xDFFF)[:32000]
        sheet.cell(row=row, column=column, value=value)  # a string with "=" is a formula here, on purpose
        done.append(f"R{row}C{column}={str(value)[:20]!r}")
    book.save(out)
    return "cells " + ", ".join(done)


def _xml(rng: random.Random, base: Path, out: Path) -> str:
    with zipfile.ZipFile(base) as archive:
        items = [(info.filename, archive.read(info)) for info in archive.infolist()]
    sheet = next(n for n, _ in items if n.startswith("xl/worksheets/sheet"))
    xml = dict(items)[sheet].decode("utf-8")
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    attack = rng.choice(["laughs", "external", "nul", "number", "control"])
    cell = '<c r="B2" t="inlineStr"><is><t>{}</t></is></c>'
    if attack == "laughs":
        xml = LAUGHS + body.replace('<c r="B2"', cell.format("&lol9;") + '<c r="Z2"', 1)
    elif attack == "external":
        xml = EXTERNAL + body.replace('<c r="B2"', cell.format("&e;") + '<c r="Z2"', 1)
    elif attack == "nul":
        xml = xml.replace('<c r="D2"', cell.format("Bê\x00tông") + '<c r="Z3"', 1)
    elif attack == "control":
        xml = xml.replace('<c r="D2"', cell.format("Bê&#1;tông") + '<c r="Z3"', 1)
    else:
        number = rng.choice(RAW_NUMBERS)
        xml = xml.replace('<c r="K2"', f'<c r="K2"><v>{number}</v></c><c r="Z4"', 1)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            archive.writestr(name, xml.encode("utf-8") if name == sheet else data)
    return f"xml {attack}"
