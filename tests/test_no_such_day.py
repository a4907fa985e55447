"""A date written in the asked form that is no day of the calendar (2025-02-29, 31/02/2025, 2025-13-45) is
refused saying so — the month that does not exist, or how many days the month has — not blamed on its form,
which the officer wrote right; and nothing is saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.core.days import why_no_day
from ntm_desktop.core.i18n import set_language
from tests.helpers.cli import commune_file, run
from tests.helpers.dbstate import dump


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return commune_file(tmp_path, capsys, "Sở Tài chính")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2025-02-29", "2025-02-29 không phải ngày có thật: tháng 2/2025 có 28 ngày"),
        ("31/04/2025", "31/04/2025 không phải ngày có thật: tháng 4/2025 có 30 ngày"),
        ("2025-13-01", "2025-13-01 không phải ngày có thật: một năm chỉ có tháng 1 đến tháng 12"),
    ],
)
def test_help_add_names_the_missing_day(
    db: str, capsys: pytest.CaptureFixture[str], written: str, said: str
) -> None:
    before = dump(Path(db))
    add = [
        "ho-tro",
        "add",
        "--supporter",
        "Sở Tài chính",
        "--title",
        "Xi măng",
        "--item",
        "cash;;1000000;đồng;",
    ]
    code, _, err = run(capsys, "--db", db, *add, "--date", written)
    assert code == 3 and said in err and "dạng" not in err
    assert dump(Path(db)) == before
    code, _, err = run(capsys, "--db", db, *add, "--date", "hôm qua")  # not a date at all: its form is said
    assert code == 3 and "Hãy viết như 31/12/2023 hoặc 2023-12-31" in err
    assert run(capsys, "--db", db, *add, "--date", "2024-02-29")[0] == 0  # a leap year's day is one


def test_a_records_file_names_the_missing_day(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": "01234", "name": "Xã Bằng Thành"},
        "supporters": [{"id": "s1", "name": "Sở Nội vụ", "kind": "agency"}],
        "help": [{"id": "h1", "date": "2025-13-45", "supporters": ["s1"], "title": "Xi măng",
                  "items": [{"kind": "cash", "quantity": 1000000, "unit": "đồng"}]}],
    }  # fmt: skip
    file = tmp_path / "ho-tro.json"
    file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump(Path(db))
    code, _, err = run(capsys, "--db", db, "records", "import", str(file))
    assert code == 3 and "Ngày nhận: 2025-13-45 không phải ngày có thật" in err
    assert dump(Path(db)) == before


def test_the_reason_in_english() -> None:
    set_language("en")  # the suite's fixture sets Vietnamese again for the next test
    assert why_no_day("2023-02-29", 2023, 2, 29) == "2023-02-29 is no real day: month 2/2023 has 28 days"
    assert why_no_day("0000-01-01", 0, 1, 1) == "0000-01-01 is no real day: there is no year 0"
    assert why_no_day("2024-02-29", 2024, 2, 29) == ""
