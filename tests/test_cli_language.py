"""The command line speaks Vietnamese by default — its help, argparse's own messages and the operating
system's errors — and English with ``--lang en``."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from ntm_desktop.cli import argparse_i18n
from ntm_desktop.cli.main import build_parser, main
from ntm_desktop.core.i18n import catalogue, placeholders, set_language


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # --help and usage errors leave through argparse
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_is_vietnamese_and_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "progress", "set", "--help")
    assert code == 0
    assert out.startswith("cách dùng: ntm-desktop progress set")
    assert "hiện hướng dẫn này rồi thoát" in out and "mã chỉ tiêu, ví dụ 2.1" in out
    code, out, _ = run(capsys, "progress", "set", "--help", "--lang", "en")
    assert out.startswith("usage: ") and "indicator code, e.g. 2.1" in out


def test_argparse_errors_are_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "progress", "set")
    assert code == 2 and "thiếu các tham số bắt buộc: --year" in err
    code, _, err = run(capsys, "khong-co-lenh")
    assert code == 2 and "lựa chọn không hợp lệ: 'khong-co-lenh'" in err
    code, _, err = run(capsys, "--lang", "en", "khong-co-lenh")
    assert code == 2 and "invalid choice" in err


def test_operating_system_errors_are_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite")
    run(capsys, "--db", db, "init", "--unit-code", "01234", "--unit-name", "Xã A", "--province-code", "19")
    missing = tmp_path / "khoa.ntmkey"
    code, _, err = run(capsys, "--db", db, "keys", "trust", str(missing))
    assert code in (3, 4) and "Không có tệp hoặc thư mục này" in err and "No such file" not in err
    code, _, err = run(capsys, "--lang", "en", "--db", db, "keys", "trust", str(missing))
    assert "No such file or directory" in err


def test_the_help_received_group_is_ho_tro_and_help_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.sqlite")
    run(capsys, "--db", db, "init", "--unit-code", "01234", "--unit-name", "Xã A", "--province-code", "19")
    code, out, _ = run(capsys, "--help")
    assert "ho-tro (help)" in out
    for name in ("ho-tro", "help"):
        code, out, _ = run(capsys, "--db", db, name, "totals")
        assert code == 0 and "Chưa ghi nhận lượt hỗ trợ nào" in out


def test_every_help_text_has_a_vietnamese_translation() -> None:
    vi = catalogue("vi")
    set_language("en")  # argparse's own help texts as their English sources
    argparse_i18n.install()
    texts = argparse_i18n.help_strings(build_parser())
    set_language("vi")
    missing = [t for t in texts if t not in vi]
    assert not missing, missing
    assert all(placeholders(t) == placeholders(vi[t]) for t in texts)


def _bare(parser: argparse.ArgumentParser) -> list[str]:
    """Every option, argument and subcommand of ``parser`` and its subcommands that has no help text."""
    bare, parsers, seen = [], [parser], set()
    while parsers:
        parser = parsers.pop()
        if id(parser) in seen:  # ``ho-tro`` and its alias ``help`` are one parser
            continue
        seen.add(id(parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
                bare += [f"{parser.prog} {c.dest}" for c in action._choices_actions if not c.help]
            elif not action.help:
                bare.append(f"{parser.prog} {'/'.join(action.option_strings) or action.metavar}")
    return bare


def test_every_option_of_every_command_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` once stood bare in 36 commands' help, then ``--year`` in 13, ``--out`` in 9 and FILE in
    17 (79 in all): an officer reading ``--help`` saw the option and not a word about what it takes."""
    assert not _bare(build_parser()), sorted(_bare(build_parser()))
    code, out, _ = run(capsys, "bundle", "export", "--help")
    assert code == 0 and "--json" in out and "in kết quả dạng JSON" in out, out
    assert "cùng --to national: năm" in out and "thư mục ghi gói (ổ USB)" in out, out
    code, out, _ = run(capsys, "report", "commune", "--help")
    assert "--year YEAR" in out and "năm, ví dụ 2025" in out, out
    assert "tệp báo cáo cần ghi, ví dụ bao-cao-2025.pdf" in out, out
    code, out, _ = run(capsys, "--lang", "en", "receiver", "status", "--help")
    assert "the commune's 5-digit code, e.g. 01234" in out and "the year, e.g. 2025" in out, out


def test_the_merge_command_s_summary_is_a_whole_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    """``receiver --help`` once said "xã đã sáp nhập năm 2025: lịch sử của nó tính cho" and stopped: for whom
    was left out (the QA walk)."""
    code, out, _ = run(capsys, "receiver", "--help")
    assert code == 0
    assert "lịch sử của nó được tính cho xã mà nó sáp nhập vào" in " ".join(out.split()), out
    code, out, _ = run(capsys, "--lang", "en", "receiver", "--help")
    assert "its history counts for the one it joined" in " ".join(out.split()), out
