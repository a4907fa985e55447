"""Commands that would overwrite a unit refuse (exit 3) and change nothing; ``unit`` edits only what is
given; ``progress set`` keeps the officer's judgement; odd values are warned about."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers.dbstate import dump


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


INIT = ["init", "--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19",
        "--region", "TDMNPB", "--group", "3", "--village", "Pác Châm",
        "--signer", "Hoàng Văn Minh"]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "xa.sqlite")
    assert run(capsys, "--db", path, *INIT)[0] == 0
    return path


def profile(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, object]:
    code, out, _ = run(capsys, "--db", db, "unit", "--json")
    assert code == 0
    data: dict[str, object] = json.loads(out)
    return data


def test_init_on_a_set_up_file_refuses_and_changes_nothing(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(db)
    code, _, err = run(capsys, "--db", db, "init", "--unit-code", "01234", "--unit-name", "Xã Khác",
                       "--province-code", "19")  # fmt: skip
    assert code == 3
    assert "đã thuộc về xã Bằng Thành (01234); không thay đổi gì" in err  # by name, not "xã 01234"
    assert "ntm-desktop unit" in err and db in err
    assert dump(db) == before
    assert profile(capsys, db)["region"] == "TDMNPB"


def test_receiver_setup_refuses_a_commune_file_and_a_second_setup(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(db)
    code, _, err = run(capsys, "--db", db, "receiver", "setup", "--code", "19")
    assert code == 3 and "đã thuộc về xã Bằng Thành (01234)" in err and "receiver edit" in err
    assert dump(db) == before

    office = str(tmp_path / "tinh.sqlite")
    assert run(capsys, "--db", office, "receiver", "setup", "--code", "19")[0] == 0
    before = dump(office)
    code, _, err = run(capsys, "--db", office, "receiver", "setup", "--code", "20")
    assert code == 3 and "đã thuộc về Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên (19);" in err, err
    assert dump(office) == before
    code, _, err = run(capsys, "--db", office, "init", *INIT[1:])
    assert code == 3 and "đơn vị tiếp nhận" in err
    assert dump(office) == before

    code, out, _ = run(capsys, "--db", office, "receiver", "edit", "--signer", "Nguyễn Thị Hà")
    assert code == 0 and "Nguyễn Thị Hà" in out and "(19)" in out


def test_demo_on_a_receivers_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office = str(tmp_path / "tinh" / "ntm.sqlite")
    assert run(capsys, "--db", office, "receiver", "setup", "--code", "19")[0] == 0
    before = dump(office)
    code, out, err = run(capsys, "--db", office, "demo", "--no-gui")
    assert code == 3 and "đơn vị tiếp nhận" in err and "INSERT" not in err + out
    assert dump(office) == before


def test_demo_never_writes_into_the_default_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "demo", "--no-gui")
    assert code == 0
    assert not (tmp_path / "data" / "ntm.sqlite").exists()  # NTM_DATA_DIR is tmp_path/data
    sample = tmp_path / "data-demo" / "ntm.sqlite"
    assert sample.exists() and str(sample) in out
    assert "certificate new" in out and "report commune" in out  # how to sign the sample report


def test_unit_changes_only_the_fields_given(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "--db", db, "unit", "--village", "Nà Lần", "--village", "Khau Cưởm",
                     "--officer", "Nông Văn Hùng, Phó Chủ tịch UBND xã")  # fmt: skip
    assert code == 0
    p = profile(capsys, db)
    assert p["villages"] == ["Nà Lần", "Khau Cưởm"]
    assert p["region"] == "TDMNPB" and p["group"] == 3 and p["name"] == "Xã Bằng Thành"
    officers = p["officers"]
    assert isinstance(officers, list)
    assert [(o["name"], o["is_signer"]) for o in officers] == [
        ("Hoàng Văn Minh", True),
        ("Nông Văn Hùng", False),
    ]
    code, _, _ = run(capsys, "--db", db, "unit", "--name", "Xã Bằng Thành mới", "--group", "2",
                     "--receiving-unit", "Văn phòng Điều phối NTM tỉnh Thái Nguyên",
                     "--signer-title", "Phó Chủ tịch UBND xã")  # fmt: skip
    p = profile(capsys, db)
    assert (p["name"], p["group"], p["region"], p["villages"]) == (
        "Xã Bằng Thành mới",
        2,
        "TDMNPB",
        ["Nà Lần", "Khau Cưởm"],
    )
    assert p["receiving_unit_name"] == "Văn phòng Điều phối NTM tỉnh Thái Nguyên"
    assert isinstance(p["officers"], list)
    assert p["officers"][0] == {"name": "Hoàng Văn Minh", "title": "Phó Chủ tịch UBND xã", "signs_as": "TM",
                                "is_signer": True}  # fmt: skip
    before = dump(db)
    code, _, err = run(capsys, "--db", db, "unit", "--group", "7")
    assert code == 3 and "nhóm" in err.casefold()
    assert dump(db) == before


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--seal-image", "khong-phai-anh.png"], "Ảnh con dấu: khong-phai-anh.png không phải ảnh PNG."),
        (["--signature-image", "khong-phai-anh.png"], "Ảnh chữ ký: khong-phai-anh.png không phải ảnh PNG."),
        (["--group", "2", "--period", "2030"], "Giai đoạn viết dạng 2026-2030"),
        (["--period", "2026-2030"], "Hãy ghi --period cùng với --group"),
    ],
)
def test_unit_with_one_bad_option_saves_none_of_the_others(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], given: list[str], said: str
) -> None:
    """The new name was saved before the picture or the period was refused ("Đã lưu." then "Lỗi: …"), and
    a lone --period was ignored without a word."""
    (tmp_path / "khong-phai-anh.png").write_bytes(b"GIF89a" + b"\0" * 40)
    given = [str(tmp_path / g) if g.endswith(".png") else g for g in given]
    before = dump(db)
    code, out, err = run(capsys, "--db", db, "unit", "--name", "Xã Đổi Tên", *given)
    assert code == 3 and said in err and "Đã lưu" not in out
    assert dump(db) == before


def test_a_new_value_keeps_the_officers_judgement(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--db", db, "progress", "set", "--year", "2024", "--indicator", "3.1"]
    assert run(capsys, *base, "--value", "40", "--met", "yes")[0] == 0
    code, _, err = run(capsys, *base, "--value", "45")
    assert code == 0 and "giữ nguyên đánh giá “Đạt”" in err and "--met" in err
    assert indicators_met(capsys, db) == 1
    code, _, err = run(capsys, *base, "--value", "45", "--met", "no")
    assert code == 0 and "giữ nguyên" not in err
    assert indicators_met(capsys, db) == 0


def indicators_met(capsys: pytest.CaptureFixture[str], db: str) -> int:
    _, out, _ = run(capsys, "--db", db, "progress", "show", "--year", "2024", "--json")
    (irrigation,) = [c for c in json.loads(out)["criteria"] if c["code"] == "3"]
    return int(irrigation["indicators_met"])


def test_odd_values_are_saved_with_a_warning(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    future = date.today() + timedelta(days=400)
    assert run(capsys, "--db", db, "supporters", "add", "--name", "Sở Nội vụ")[0] == 0
    code, out, err = run(capsys, "--db", db, "ho-tro", "add", "--date", future.isoformat(),
                         "--supporter", "Sở Nội vụ", "--title", "Đường bê tông " + "x" * 250,
                         "--item", "cash;;400.000.000.000")  # fmt: skip
    assert code == 0 and "Đã lưu" in out
    assert f"Ngày nhận: ngày {future:%d/%m/%Y} ở tương lai" in err  # each field named as the form names it
    assert "Nội dung hỗ trợ dài 264 ký tự" in err
    assert "Dòng 1 · Giá trị (đồng): 400.000.000.000 đ lớn hơn nhiều" in err
    assert "date:" not in err and "title" not in err and "items[0]" not in err
    assert "lớn hơn nhiều so với mức một xã nhận được" in err


def test_bundle_export_refuses_a_folder_that_does_not_exist(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(db)
    missing = tmp_path / "E:" / "usb"
    code, _, err = run(capsys, "--db", db, "bundle", "export", "--out", str(missing))
    assert code == 3 and str(missing) in err and "không tồn tại" in err
    assert not missing.exists() and dump(db) == before


def test_a_supporter_added_twice_is_saved_with_a_note_naming_the_first(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second "Sở Nội vụ" made ``ho-tro add --supporter "Sở Nội vụ"`` ambiguous without a word."""
    assert run(capsys, "--db", db, "supporters", "add", "--name", "Sở Nội vụ")[0] == 0
    code, out, err = run(capsys, "--db", db, "supporters", "add", "--name", "sở nội vụ")
    assert code == 0 and "Đã lưu" in out
    assert "Lưu ý: Đã có đơn vị hỗ trợ tên Sở Nội vụ (mã " in err and "ghi tên đầy đủ" in err
    code, _, err = run(capsys, "--db", db, "supporters", "add", "--name", "Sở Nội vụ tỉnh Bắc Kạn")
    assert code == 0 and err == ""


def test_a_date_that_is_no_day_is_named_as_the_form_names_it(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "Ngày: …" while the warnings above and the help form say "Ngày nhận"."""
    assert run(capsys, "--db", db, "supporters", "add", "--name", "Sở Nội vụ")[0] == 0
    code, _, err = run(capsys, "--db", db, "ho-tro", "add", "--date", "31/02/2023", "--supporter",
                       "Sở Nội vụ", "--title", "Xi măng", "--item", "cash;;1.000.000")  # fmt: skip
    assert code == 3 and "Ngày nhận: 31/02/2023 không phải ngày có thật" in err


def test_an_empty_unit_name_is_said_empty_not_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "xa.sqlite"
    args = ["--db", str(path), "init", "--unit-code", "01234", "--unit-name", "", "--province-code", "19"]
    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "các tham số sau đang để trống: --unit-name" in err
    assert "thiếu" not in err and not path.exists()
