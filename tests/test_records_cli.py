"""``records import | export`` and ``help …`` / ``supporters …`` on the command line: exit codes 0, 2, 3
and messages instead of tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers.records_example import EXAMPLE, example_file


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


@pytest.fixture
def example(tmp_path: Path) -> str:
    return str(example_file(tmp_path))


def test_import_into_a_new_data_file_sets_up_the_commune(
    capsys: pytest.CaptureFixture[str], db: Path, example: str
) -> None:
    code, out, _ = run(capsys, db, "records", "import", example, "--dry-run", "--json")
    assert code == 0 and json.loads(out)["dry_run"] is True
    code, out, _ = run(capsys, db, "records", "import", example)
    assert code == 0
    assert "Đã nhập vào Xã Bằng Thành (01234)." in out
    assert "Tệp dữ liệu chưa có xã: đã thiết lập Xã Bằng Thành (01234) theo thông tin trong tệp." in out
    assert "Hỗ trợ đã nhận: 1 mới, 0 cập nhật, 0 không đổi" in out
    code, out, _ = run(capsys, db, "records", "import", example, "--json")
    assert json.loads(out)["lists"]["help"] == {"created": 0, "updated": 0, "unchanged": 1}


def test_bad_file_exit_3_naming_each_field_as_the_app_does_and_nothing_written(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    data = json.loads(json.dumps(EXAMPLE))
    data["help"][0]["items"][0]["quantity"] = -1
    data["help"][0]["colour"] = "red"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, db, "records", "import", str(bad))
    assert code == 3 and out == ""
    assert "Khoản hỗ trợ thứ 1 · Dòng 1 · Số lượng: phải là một số từ 0 trở lên" in err
    # a field the file should not have is named as written: that is the word to find in the file
    assert "Khoản hỗ trợ thứ 1 · “colour”: trường không có trong định dạng (hãy kiểm tra chính tả)" in err
    assert "help[0]" not in err and "quantity" not in err
    code, out, err = run(capsys, db, "--lang", "en", "records", "import", str(bad))
    assert code == 3 and out == ""
    assert "Help record no. 1 · Line 1 · Quantity: must be a number ≥ 0" in err
    assert "Help record no. 1 · “colour”: unknown field (check the spelling)" in err
    code, _, err = run(capsys, db, "help", "list")
    assert code == 3 and "ntm-desktop init" in err  # still no commune: nothing was written


def test_export_and_usage_errors(
    capsys: pytest.CaptureFixture[str], db: Path, example: str, tmp_path: Path
) -> None:
    assert run(capsys, db, "records", "import", example)[0] == 0
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, db, "records", "export", str(target))
    assert code == 0 and str(target) in out
    assert json.loads(target.read_text(encoding="utf-8"))["help"][0]["id"] == "h-2019-road"
    for argv in (
        ["records", "import"],
        ["help", "totals", "--year", "abc"],
        ["help", "add", "--date", "2020-01-01"],
    ):
        with pytest.raises(SystemExit) as stopped:
            main(["--db", str(db), *argv])
        assert stopped.value.code == 2
        assert "Sai cú pháp lệnh" in capsys.readouterr().err
    code, _, err = run(capsys, db, "records", "import", str(tmp_path / "missing.json"))
    assert code == 3 and "missing.json" in err


def test_help_add_list_totals(capsys: pytest.CaptureFixture[str], db: Path, example: str) -> None:
    assert run(capsys, db, "records", "import", example)[0] == 0
    code, out, err = run(
        capsys,
        db,
        "help",
        "add",
        "--date",
        "2023-10-20",
        "--supporter",
        "so-noi-vu",
        "--title",
        "Tặng quà học sinh",
        "--item",
        "quà;Suất quà;10;suất;5 triệu",
        "--item",
        "tiền mặt;;1,5 triệu",
    )
    assert code == 0, err
    assert "6.500.000 đồng" in out
    code, out, _ = run(capsys, db, "help", "list", "--year", "2023", "--json")
    [gift] = json.loads(out)
    assert gift["value_vnd"] == 6_500_000 and gift["supporters"] == ["Sở Nội vụ tỉnh Bắc Kạn"]
    code, out, _ = run(capsys, db, "help", "totals", "--json")
    assert json.loads(out)["value_vnd"] == 46_500_000 and json.loads(out)["records"] == 2
    code, out, _ = run(capsys, db, "help", "totals", "--by", "year", "--json")
    assert [(r["key"], r["value_vnd"]) for r in json.loads(out)] == [
        ("2019", 40_000_000),
        ("2023", 6_500_000),
    ]
    code, out, _ = run(capsys, db, "help", "totals")
    assert code == 0 and "46,50 triệu đồng" in out and "10 suất quà" in out
    code, out, _ = run(capsys, db, "supporters", "list", "--json")
    assert [s["id"] for s in json.loads(out)] == ["so-noi-vu"]


def test_help_add_mistakes(capsys: pytest.CaptureFixture[str], db: Path, example: str) -> None:
    assert run(capsys, db, "records", "import", example)[0] == 0
    code, _, err = run(
        capsys,
        db,
        "--lang",
        "en",
        "help",
        "add",
        "--date",
        "32/12/2023",
        "--supporter",
        "Sở Y tế",
        "--title",
        " ",
        "--item",
        "cash;;1.5",
        "--item",
        "rocket;x;1;chiếc",
        "--item",
        "gift",
    )
    assert code == 3
    for expected in (
        "Error: Date received: 32/12/2023 is no real day: month 12/2023 has 31 days",
        "Supporter no. 1: No supporter is called “Sở Y tế”",
        "Line 1 · Quantity: “1.5” is ambiguous",
        "Line 2 · Kind: unknown kind “rocket”",
        "Line 3: write the item as",
        "Help given: is required",
    ):
        assert expected in err
    code, _, err = run(
        capsys,
        db,
        "help",
        "add",
        "--date",
        "2019-12-10",
        "--supporter",
        "Sở Nội vụ",
        "--title",
        "Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II",
        "--item",
        "cash;;40.000.000",
    )
    assert code == 3 and "--allow-duplicate" in err
    code, out, _ = run(capsys, db, "help", "totals", "--json")
    assert json.loads(out)["records"] == 1
    code, _, err = run(capsys, db, "supporters", "add", "--name", "X", "--kind", "ngo")
    assert code == 3 and "ngo" in err
