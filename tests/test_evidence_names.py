"""Evidence file names from outside are safe base names, and opening a file says what it really is.

A bundle signed with a commune's real key names its evidence files ``../../x``, ``/etc/cron.d/x``,
``C:\\Windows\\x.exe`` or with a right-to-left override; a file on the officer's own disk may carry such
a name too. Whatever comes in is kept as a base name that cannot leave a folder or pass a program off as a
document; "Open" copies it into a folder of its own and asks before running anything.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ntm_desktop.core.filenames import MAX_NAME_BYTES, safe_name
from ntm_desktop.core.filetypes import judge, sniff_bytes, sniff_file
from ntm_desktop.db import models as m
from ntm_desktop.services.evidence import copy_to_open
from ntm_desktop.workspace import Workspace
from tests.helpers.hostile import forge, key_of
from tests.helpers.sync import help_record, pair, supporter, usb
from tests.helpers.ui_help import road_draft

__all__ = ["pair", "usb"]  # fixtures

PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" * 20
HOSTILE_NAMES = {
    "../../../../tmp/ntm-pwned.txt": "ntm-pwned.txt",
    "/etc/cron.d/ntm": "ntm",
    "C:\\Windows\\System32\\evil.exe": "evil.exe",
    "hoa-don\u202efdp.exe": "hoa-donfdp.exe",  # shows as "hoa-donexe.pdf" when the override is kept
    "bien-ban.pdf:stream.exe": "bien-ban.pdf_stream.exe",
    "CON.pdf": "_CON.pdf",
    "bien ban .pdf. . .": "bien ban .pdf",
    "..": "tep",
    "\x00\x01\x1b[31mdo.pdf": "[31mdo.pdf",
    "Biên bản nghiệm thu.pdf": "Biên bản nghiệm thu.pdf",
}


@pytest.mark.parametrize(("raw", "safe"), HOSTILE_NAMES.items())
def test_names_are_reduced_to_a_safe_base_name(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_a_long_name_keeps_its_extension_within_the_byte_limit() -> None:
    name = safe_name("Biên bản nghiệm thu công trình đường bê tông " * 20 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= MAX_NAME_BYTES


@settings(max_examples=3000, deadline=None)
@given(st.text(max_size=400))
def test_safe_names_are_stable_and_never_leave_a_folder(raw: str) -> None:
    name = safe_name(raw)
    assert safe_name(name) == name  # two computers cleaning the same name agree
    assert name and name not in (".", "..") and not set(name) & set('/\\:<>|?*"')
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert not any(ord(c) < 32 or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in name)


@pytest.mark.parametrize(
    ("name", "content", "kind", "asks"),
    [
        ("bien-ban.pdf", PDF, "pdf", False),
        ("anh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 50, "jpeg", False),
        ("bien-ban.pdf", PE, "exe", True),  # a program named like a document
        ("setup.exe", PE, "exe", True),
        ("chay.bat", b"@echo off\r\ndel /q *\r\n", "text", True),  # a script by its name
        ("ghi-chu.txt", b"#!/bin/sh\nrm -rf ~\n", "script", True),  # a script by its content
        ("anh.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "elf", True),
        ("bien-ban.pdf", b"\x00\x01\x02 not a pdf at all" * 10, "unknown", True),
        ("ghi-chu.txt", "Biên bản họp thôn".encode() * 10, "text", False),
        ("ban-ve.dwg", b"AC1032\x00\x00" * 10, "unknown", False),  # a type the app does not know
        ("launcher.desktop", b"[Desktop Entry]\nExec=sh -c evil\n", "desktop", True),
    ],
)
def test_the_real_type_and_whether_to_ask(name: str, content: bytes, kind: str, asks: bool) -> None:
    verdict = judge(name, sniff_bytes(content))
    assert verdict.content.key == kind
    assert verdict.ask_first is asks


def test_office_files_are_told_apart_by_their_members(tmp_path: Path) -> None:
    import openpyxl

    book = tmp_path / "so-ho-tro.xlsx"
    openpyxl.Workbook().save(book)
    assert sniff_file(book).key == "xlsx"
    assert not judge(book.name, sniff_file(book)).ask_first
    renamed = tmp_path / "so-ho-tro.docx"
    renamed.write_bytes(book.read_bytes())
    assert judge(renamed.name, sniff_file(renamed)).mismatch


def test_opening_copies_under_the_safe_name_into_a_new_folder(tmp_path: Path) -> None:
    stored = tmp_path / "abc123"
    stored.write_bytes(PE)
    first = copy_to_open(stored, "../../../x/hoa-don\u202efdp.exe")
    second = copy_to_open(stored, "../../../x/hoa-don\u202efdp.exe")
    assert first.path.name == "hoa-donfdp.exe" and first.path.read_bytes() == PE
    assert first.path.parent != second.path.parent  # a folder of its own each time, made private
    assert first.path.parent.name.startswith("ntm-desktop-evidence-")
    assert os.stat(first.path.parent).st_mode & 0o077 == 0
    assert first.verdict.runs and first.verdict.content.key == "exe"


def test_attaching_a_file_with_an_override_in_its_name_keeps_a_safe_name(
    ws: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "hoa-don\u202efdp.exe"
    source.write_bytes(PE)
    uid = ws.help.add(road_draft(supporter(ws, "Sở Nội vụ")), evidence=[source]).ids[0]
    [file] = ws.help.evidence(uid)
    assert file.filename == "hoa-donfdp.exe" and file.content == "exe"


def test_hostile_names_in_a_bundle_are_kept_as_safe_names(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    uid = help_record(c, "Tặng xi măng làm đường", supporter(c, "Công ty Điện lực Bắc Kạn"))
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(PE)  # a program, sent as "bien-ban.pdf"
    c.help.attach_evidence(uid, [scan])
    sent = c.sync.export(usb).path
    names = [n for n in HOSTILE_NAMES if "\x00" not in n]  # a NUL refuses the whole bundle, at its JSON

    def rename(payload: dict[str, object]) -> None:
        [record] = payload["help"]  # type: ignore[misc]
        sha = record["_evidence"][0]["sha256"]
        record["_evidence"] = [{"sha256": sha, "name": n} for n in names]

    forged = forge(sent, key_of(c), records=rename)
    [outcome] = p.sync.import_bundles([forged]).outcomes
    assert outcome.status == "imported", outcome.message
    with p.db.read() as s:
        links = list(s.scalars(select(m.EvidenceLink).where(m.EvidenceLink.deleted_at.is_(None))))
    assert {link.filename for link in links} == {HOSTILE_NAMES[n] for n in names}
    for file in p.evidence.list_for(links[0].owner_uid):
        copy = p.evidence.open_copy(file)
        assert copy.path.parent.parent == Path(tempfile.gettempdir())
        assert copy.path.name == file.filename
        assert copy.verdict.ask_first  # every one of them holds a Windows program
    assert not Path(tempfile.gettempdir(), "ntm-pwned.txt").exists()
