"""A report's dates on the command line (``--date``, ``--from``, ``--to``) are days of the years the app
works with, 2000–2100, as the Reports page's date boxes offer: outside them the command says so, exit 3,
and writes nothing. A refusal names the option as the officer typed it, with the Reports page's word for
its box ("Từ ngày (--from)"), not a bare “from”."""

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
        (["report", "commune", "--year", "2025"], "--date", "2101-01-01", "Ngày (--date): 2101-01-01"),
        (["report", "commune", "--year", "2025"], "--date", "31/12/1999", "Ngày (--date): 31/12/1999"),
        (["report", "progress"], "--date", "01/01/2101", "Ngày (--date): 01/01/2101"),
        (
            ["report", "supporter", "--supporter", SUPPORTER],
            "--to",
            "2101-01-01",
            "Đến ngày (--to): 2101-01-01",
        ),
        (
            ["report", "supporter", "--supporter", SUPPORTER],
            "--from",
            "1999-12-31",
            "Từ ngày (--from): 1999-12-31",
        ),
        (["report", "summary", "--year", "2025"], "--date", "2101-01-01", "Ngày (--date): 2101-01-01"),
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


@pytest.mark.parametrize(
    ("option", "typed", "said"),
    [
        (
            "--from",
            "hôm-qua",
            "Từ ngày (--from): “hôm-qua” không phải là ngày. Hãy viết như 31/12/2023 hoặc 2023-12-31",
        ),
        (
            "--to",
            "31/02/2019",
            "Đến ngày (--to): 31/02/2019 không phải ngày có thật: tháng 2/2019 có 28 ngày",
        ),
    ],
)
def test_a_period_day_that_is_no_day_names_its_option_and_how_to_write_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, typed: str, said: str
) -> None:
    out = tmp_path / "ho-tro.pdf"
    code, _, err = run(capsys, "--db", db, "report", "supporter", "--supporter", SUPPORTER,
                       option, typed, "--out", str(out))  # fmt: skip
    assert code == 3 and not out.exists()
    assert err.strip() == f"Lỗi: {said}", err


def test_a_period_day_is_named_in_english_too(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    code, _, err = run(capsys, "--db", db, "--lang", "en", "report", "supporter", "--supporter", SUPPORTER,
                       "--to", "x", "--out", str(out))  # fmt: skip
    assert code == 3 and not out.exists()
    assert "To (--to): “x” is not a date. Write it as 2023-12-31 or 31/12/2023" in err, err
