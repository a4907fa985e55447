"""A mistyped ``--db`` never becomes a new, empty data file: only the commands that make one (init,
receiver setup, demo, records import) may start it; every other says which path has no data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main

UNIT = ["--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19"]


@pytest.mark.parametrize(
    "argv",
    [
        ["progress", "show", "--year", "2023"],
        ["progress", "set", "--year", "2023", "--indicator", "3.1", "--value", "82,5"],
        ["help", "list"],
        ["supporters", "add", "--name", "Sở Nội vụ"],
        ["keys", "show"],
        ["criteria", "sets"],
        ["bundle", "conflicts"],
        ["receiver", "units", "--year", "2025"],
        ["unit", "--group", "2"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_a_command_that_reads_or_changes_a_workspace_never_creates_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    typo = tmp_path / "ntm.sqlte"
    code = main(["--db", str(typo), *argv])
    err = capsys.readouterr().err
    assert code == 4, err
    assert err.startswith(f"Lỗi: Không có tệp dữ liệu {typo}. Hãy kiểm tra đường dẫn sau --db"), err
    assert "không có gì được tạo" in err
    # no data file and no logs folder beside it (the log goes to the app's own data folder, "data" here)
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []


def test_in_english_and_for_a_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "xa-bang-thnah"
    code = main(["--lang", "en", "--data-dir", str(folder), "help", "list"])
    err = capsys.readouterr().err
    assert code == 4 and f"Error: There is no data file {folder / 'ntm.sqlite'}." in err
    assert "nothing was created" in err and not folder.exists()


def test_the_commands_that_make_a_data_file_still_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commune, office = tmp_path / "xa.sqlite", tmp_path / "tinh.sqlite"
    assert main(["--db", str(commune), "init", *UNIT]) == 0
    assert main(["--db", str(commune), "progress", "show", "--year", "2023"]) == 0  # now it is there
    setup = ["receiver", "setup", "--code", "19", "--name", "Văn phòng Điều phối nông thôn mới tỉnh"]
    assert main(["--db", str(office), *setup]) == 0
    capsys.readouterr()
    assert commune.is_file() and office.is_file()


@pytest.mark.parametrize("address", ["mysql://ntm:Bi-Mat@10.0.0.5/ntm_tinh", "sqlite:///tinh.sqlite"])
def test_an_address_of_another_server_is_refused_not_taken_for_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    monkeypatch.chdir(tmp_path)
    setup = ["receiver", "setup", "--code", "19", "--name", "Văn phòng Điều phối nông thôn mới tỉnh"]
    for argv in (setup, ["receiver", "units", "--year", "2025"]):
        code = main(["--db", address, *argv])
        err = capsys.readouterr().err
        assert code == 4, err
        scheme = address.split(":")[0]
        assert (
            f"Lỗi: {scheme}://… không phải là tệp dữ liệu, cũng không phải địa chỉ máy chủ PostgreSQL" in err
        )
        assert "postgresql+psycopg://" in err and "Chưa tạo gì" in err and "Bi-Mat" not in err
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []  # no folder "mysql:" made


def test_postgres_and_postgresql_addresses_name_a_server() -> None:
    from ntm_desktop.core.paths import is_server_location
    from ntm_desktop.db.engine import is_server_url, server_url

    for address in ("postgres://u@h/db", "postgresql://u@h/db", "postgresql+psycopg://u@h/db"):
        assert is_server_location(address) and is_server_url(address)
        assert server_url(address).drivername == "postgresql+psycopg"
    assert not is_server_location("C:\\ntm\\tinh.sqlite") and not is_server_location("mysql://u@h/db")


def test_a_commune_command_on_an_office_says_so_not_run_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = tmp_path / "tinh.sqlite"
    setup = ["receiver", "setup", "--code", "19", "--name", "Văn phòng Điều phối nông thôn mới tỉnh"]
    assert main(["--db", str(office), *setup]) == 0
    capsys.readouterr()
    for argv in (["progress", "show", "--year", "2025"], ["help", "totals", "--year", "2025"]):
        code = main(["--db", str(office), *argv])
        err = capsys.readouterr().err
        assert code == 3, err
        assert f"Lỗi: {office} là dữ liệu của đơn vị tiếp nhận; lệnh này dùng cho tệp dữ liệu của xã" in err
        assert "init" not in err


def test_the_sample_commune_is_never_made_on_a_database_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for extra in ([], ["--receiver"]):
        code = main(["--db", "postgresql+psycopg://ntm@10.0.0.5/ntm_tinh", "demo", "--no-gui", *extra])
        err = capsys.readouterr().err
        assert code == 3 and "không dùng máy chủ cơ sở dữ liệu" in err and "Lỗi không mong muốn" not in err
