"""The command line as a test types it: one command's exit code and what it printed, and a commune's data
file set up by ``init`` (the CLI tests of a commune's entries start from one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main

COMMUNE_INIT = ["init", "--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19",
                "--region", "TDMNPB", "--group", "3", "--signer", "Hoàng Văn Minh"]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``ntm-desktop ARGV``: its exit code, standard output and standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def commune_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], *supporters: str) -> str:
    """A commune's data file made by ``init``, with ``supporters`` added by name."""
    path = str(tmp_path / "xa.sqlite")
    assert run(capsys, "--db", path, *COMMUNE_INIT)[0] == 0
    for name in supporters:
        assert run(capsys, "--db", path, "supporters", "add", "--name", name)[0] == 0
    return path
