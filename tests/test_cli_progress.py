"""The CLI: the same services, exit codes 0 / 2 / 3, clear messages, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite")
    code, out, _ = run(
        capsys,
        "--db",
        path,
        "init",
        "--unit-code",
        "01234",
        "--unit-name",
        "Xã Bằng Thành",
        "--province-code",
        "19",
        "--region",
        "TDMNPB",
        "--group",
        "3",
    )
    assert code == 0 and "01234" in out
    return path


def test_record_a_year_and_show_it(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(capsys, "progress", "set", "--db", db, "--year", "2023", "--indicator", "3.1", "--value", "85")[0]
        == 0
    )
    assert (
        run(capsys, "progress", "set", "--db", db, "--year", "2023", "--indicator", "3.2", "--value", "có")[0]
        == 0
    )
    code, out, _ = run(
        capsys, "progress", "set", "--db", db, "--year", "2023", "--criterion", "19", "--met", "no"
    )
    assert code == 0 and "1/19 tiêu chí đạt" in out
    code, out, _ = run(capsys, "--db", db, "progress", "show", "--year", "2023", "--json")
    data = json.loads(out)
    assert (data["criteria_met"], data["criteria_total"]) == (1, 19)
    crit3 = next(c for c in data["criteria"] if c["code"] == "3")
    assert crit3 == {
        "code": "3",
        "name": "Thủy lợi và phòng, chống thiên tai",
        "status": "met",
        "indicators_met": 2,
        "indicators_total": 2,
        "change": None,
        "target_year": None,
    }
    code, out, _ = run(capsys, "--db", db, "progress", "show", "--year", "2023")
    assert "1/19 tiêu chí đạt" in out and "Đạt" in out


def test_wrong_usage_exits_2(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", db, "progress", "set", "--year", "2023"])
    assert caught.value.code == 2
    assert "Sai cú pháp lệnh" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--indicator", "3.1", "--value", "120"], "0 đến 100"),
        (["--indicator", "3.1", "--value", "abc"], "abc"),
        (["--indicator", "9.9", "--value", "5"], "Không có chỉ tiêu 9.9"),
    ],
)
def test_invalid_input_exits_3_with_a_message(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--db", db, "progress", "set", "--year", "2023", *args)
    assert code == 3
    assert message in err and "Traceback" not in err


def test_year_out_of_range(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "--db", db, "progress", "set", "--year", "2009", "--criterion", "1", "--met", "yes"
    )
    assert code == 3 and "2010" in err


def test_bad_unit_code_creates_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.sqlite"
    code, _, err = run(
        capsys,
        "--db",
        str(path),
        "init",
        "--unit-code",
        "1234",
        "--unit-name",
        "Xã A",
        "--province-code",
        "19",
    )
    assert code == 3 and "5 chữ số" in err
    assert not path.exists()


def test_english_messages_on_request(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "--lang",
        "en",
        "--db",
        db,
        "progress",
        "set",
        "--year",
        "2023",
        "--indicator",
        "3.1",
        "--value",
        "120",
    )
    assert code == 3 and "Error:" in err


def test_the_criteria_are_named_in_english_with_lang_en(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # the table printed "Thủy lợi và phòng, chống thiên tai" under English headers ("Criterion", "Met")
    code, out, _ = run(capsys, "--lang", "en", "--db", db, "progress", "show", "--year", "2023")
    assert code == 0 and "Irrigation and natural-disaster prevention" in out and "Thủy lợi" not in out
    code, out, _ = run(capsys, "--db", db, "progress", "show", "--year", "2023")
    assert "Thủy lợi và phòng, chống thiên tai" in out


def test_a_figure_too_large_to_send_is_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", db, "progress", "set", "--year", "2023", "--indicator", "10", "--value", "9" * 40]
    code, _, err = run(capsys, *argv)
    assert code == 3 and "Giá trị quá lớn: nhiều nhất 1.000.000.000.000.000.000" in err
    code, out, _ = run(capsys, "--db", db, "progress", "show", "--year", "2023", "--json")
    assert [c["status"] for c in json.loads(out)["criteria"] if c["code"] == "10"] == ["unknown"]


def test_commands_before_init_say_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "new.sqlite"), "progress", "show", "--year", "2023")
    assert code == 4 and "ntm-desktop --db TỆP init" in err and not (tmp_path / "new.sqlite").exists()


def test_criteria_sets_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "criteria", "sets", "--json")
    sets = {s["id"]: s for s in json.loads(out)}
    assert code == 0
    assert (sets["vn-ntm-xa-2021-2025"]["criteria"], sets["vn-ntm-xa-2021-2025"]["indicators"]) == (19, 57)
    assert sets["vn-ntm-xa-2026-2030"]["criteria"] == 10


def test_a_note_or_a_file_added_later_keeps_the_figure(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``progress set`` without ``--value`` (to add a note or the minutes) used to save the indicator
    as empty: the criterion fell to Chưa đạt. ``--value ""`` still clears it on purpose."""
    base = ("--db", db, "progress", "set", "--year", "2023", "--indicator")
    assert run(capsys, *base, "3.1", "--value", "85")[0] == 0
    assert run(capsys, *base, "3.2", "--value", "có")[0] == 0
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes")
    code, out, _ = run(capsys, *base, "3.1", "--note", "Biên bản nghiệm thu", "--evidence", str(minutes))
    assert code == 0 and "1/19 tiêu chí đạt" in out
    data = json.loads(run(capsys, "--db", db, "progress", "show", "--year", "2023", "--json")[1])
    assert next(c for c in data["criteria"] if c["code"] == "3")["status"] == "met"
    code, out, _ = run(capsys, *base, "3.1", "--value", "")
    assert code == 0 and "0/19 tiêu chí đạt" in out


def test_a_threshold_too_large_to_send_is_refused_and_no_revision_is_saved(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """40 nines were saved as revision 2 of the set; refused with the words an indicator's figure has."""
    base = ("--db", db, "criteria", "threshold", "--set", "vn-ntm-xa-2021-2025", "--indicator", "10")
    code, _, err = run(capsys, *base, "--key", "TDMNPB", "--value", "9" * 40)
    assert code == 3 and "Giá trị quá lớn: nhiều nhất 1.000.000.000.000.000.000" in err
    sets = {s["id"]: s for s in json.loads(run(capsys, "--db", db, "criteria", "sets", "--json")[1])}
    assert sets["vn-ntm-xa-2021-2025"]["revision"] == 1
    code, out, _ = run(capsys, *base, "--key", "TDMNPB", "--value", "45")
    assert code == 0 and "vn-ntm-xa-2021-2025, phiên bản 2" in out
