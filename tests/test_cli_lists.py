"""Lists on the command line as an officer reads them: a text too long for its column ends with "…", so a
title cut at its column's width ("… Tiểu học Bằng Thà") is not taken for the whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.support import shortened
from tests.helpers.cli import commune_file, run

TITLE = "Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II, thôn Nà Lần"


def test_a_long_title_in_the_help_list_ends_with_an_ellipsis(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = commune_file(tmp_path, capsys, "Sở Nội vụ tỉnh Bắc Kạn")
    item = "cash;Tiền mặt;40.000.000;đồng"
    added = ["ho-tro", "add", "--date", "2025-03-01", "--supporter", "Sở Nội vụ tỉnh Bắc Kạn", "--item", item]
    assert run(capsys, "--db", db, *added, "--title", TITLE)[0] == 0
    code, out, _ = run(capsys, "--db", db, "ho-tro", "list")
    assert code == 0
    assert "Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng…" in out
    assert "Bằng Thà " not in out


def test_shortened_keeps_what_fits_and_marks_what_it_cuts() -> None:
    assert shortened("Quy hoạch", 48) == "Quy hoạch"
    assert shortened("Tiểu học Bằng Thành", 16) == "Tiểu học Bằng…"
    assert len(shortened(TITLE, 60)) <= 60
