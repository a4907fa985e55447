"""A report's dates on the command line (``--date``, ``--from``, ``--to``) are days of the years the app
works with, 2000–2100, as the Reports page's date boxes offer: outside them the command says so, exit 3,
and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import commune_file, run

SUPPORTER = "Sở Nội vụ"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return commune_file(tmp_path, capsys, SUPPORTER)


@pytest.mark.parametrize(
    ("command", "option", "day", "named"),
    [
        (["report", "commune", "--year", "2025"], "--date", "2101-01-01", "Ngày: 2101-01-01"),
        (["report", "commune", "--year", "2025"], "--date", "31/12/1999", "Ngày: 31/12/1999"),
        (["report", "progress"], "--date", "01/01/2101", "Ngày: 01/01/2101"),
        (["report", "supporter", "--supporter", SUPPORTER], "--to", "2101-01-01", "“to”: 2101-01-01"),
        (["report", "supporter", "--supporter", SUPPORTER], "--from", "1999-12-31", "“from”: 1999-12-31"),
        (["report", "summary", "--year", "2025"], "--date", "2101-01-01", "Ngày: 2101-01-01"),
    ],
)
def test_a_report_dated_outside_the_years_is_refused_and_nothing_written(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], option: str, day: str,
    named: str,
) -> None:  # fmt: skip
    out = tmp_path / "bao-cao.pdf"
    code, said, err = run(capsys, "--db", db, *command, option, day, "--out", str(out))
    assert code == 3 and not said
    assert f"{named} không thuộc các năm ứng dụng quản lý, 2000–2100" in err, err
    assert not out.exists()


def test_the_first_and_last_days_of_the_years_make_a_report(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ho-tro.pdf"
    code, said, err = run(capsys, "--db", db, "report", "supporter", "--supporter", SUPPORTER,
                          "--from", "2000-01-01", "--to", "31/12/2100", "--date", "2100-12-31",
                          "--out", str(out))  # fmt: skip
    assert code == 0 and out.exists() and said.startswith("Đã lưu"), err


def test_the_refusal_reads_in_english_too(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    code, _, err = run(capsys, "--db", db, "--lang", "en", "report", "commune", "--year", "2025",
                       "--date", "2101-01-01", "--out", str(out))  # fmt: skip
    assert code == 3 and not out.exists()
    assert "2101-01-01 is not in the years the app works with, 2000–2100" in err, err
