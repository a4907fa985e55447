"""Bad input names each field as the app shows it (the forms' and the Excel template's words), in the
officer's language, never by the data's internal names; a broken JSON file says why in Vietnamese."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.fieldlabels import known, label
from ntm_desktop.core.i18n import set_language
from ntm_desktop.records.reader import _TOP, _UNIT
from ntm_desktop.services.kinds.help import _ITEM
from ntm_desktop.services.kinds.registry import KINDS
from tests.helpers.records_example import EXAMPLE


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    set_language("vi")
    yield
    set_language("vi")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_field_of_a_records_file_has_a_label() -> None:
    missing = [
        f"{kind.list_name}.{name}"
        for kind in KINDS
        for name in kind.fields
        if not known(kind.list_name, name)
    ]
    missing += [f"unit.{name}" for name in _UNIT if not known("unit", name)]
    missing += [f"items.{name}" for name in _ITEM if not known("items", name)]
    missing += [name for name in _TOP if not known("", name)]
    assert not missing, missing


def test_paths_read_as_the_forms_say_them() -> None:
    assert label("help[0].items[0].quantity") == "Khoản hỗ trợ thứ 1 · Dòng 1 · Số lượng"
    assert label("items[1].unit") == "Dòng 2 · Đơn vị tính"
    assert label("help[3].title") == "Khoản hỗ trợ thứ 4 · Nội dung hỗ trợ"  # the help dialog's label
    assert label("help[0].beneficiaries.households") == "Khoản hỗ trợ thứ 1 · Số hộ được hưởng"
    assert label("cadres[0].name") == "Cán bộ biệt phái, tăng cường thứ 1 · Họ và tên"
    assert label("assessments[2] (id a-7).value") == "Đánh giá tiêu chí thứ 3 (mã a-7) · Giá trị"
    assert label("value") == "Giá trị"
    assert label("dòng 12, cột “Số lượng”") == "dòng 12, cột “Số lượng”"  # an Excel cell: as it is
    set_language("en")
    assert label("help[0].items[0].quantity") == "Help record no. 1 · Line 1 · Quantity"


def test_a_field_the_file_must_not_have_is_named_as_written() -> None:
    problem = Problem("assessments[0].criteria_set", "trường không có trong định dạng", verbatim=True)
    assert str(problem) == "Đánh giá tiêu chí thứ 1 · “criteria_set”: trường không có trong định dạng"
    assert problem.technical == "assessments[0].criteria_set: trường không có trong định dạng"


def test_the_cli_names_the_field_it_was_given(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "ntm.sqlite")
    unit = ["--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19"]
    assert run(capsys, "--db", db, "init", *unit)[0] == 0
    argv = ["--db", db, "progress", "set", "--year", "2023", "--indicator", "3.1", "--value", "abc"]
    code, _, err = run(capsys, *argv)
    assert code == 3 and err == "Lỗi: Giá trị: “abc” không phải là số. Hãy viết như 80.000 hoặc 82,5\n"
    code, _, err = run(capsys, "--lang", "en", *argv)
    assert code == 3 and err == "Error: Value: “abc” is not a number. Write it like 80.000 or 82,5\n"


def test_a_form_field_is_named_as_its_own_form_names_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The help form's content is "Nội dung hỗ trợ", not the general "Nội dung" of any record."""
    db = str(tmp_path / "ntm.sqlite")
    unit = ["--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19"]
    assert run(capsys, "--db", db, "init", *unit)[0] == 0
    assert run(capsys, "--db", db, "supporters", "add", "--name", "Sở Nội vụ")[0] == 0
    add = ["--db", db, "help", "add", "--date", "2026-01-02", "--supporter", "Sở Nội vụ", "--title", " "]
    code, _, err = run(capsys, *add, "--item", "cash;;40.000.000")
    assert code == 3 and err == "Lỗi: Nội dung hỗ trợ: bắt buộc phải có\n"
    code, _, err = run(capsys, *add, "--item", "material;Xi măng;-3;tấn;1,2 tỷ")
    assert code == 3 and err.splitlines() == [
        "Lỗi: Dòng 1 · Số lượng: “-3” là số âm. Hãy nhập số từ 0 trở lên",
        "Nội dung hỗ trợ: bắt buộc phải có",
    ]
    assert run(capsys, "--db", db, "help", "list", "--json")[1].strip() == "[]"  # nothing was saved


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        (
            '{\n  "format": "ntm-records",\n  "version": 1\n  "unit": {}\n}',
            "dòng 4, cột 3",
            "thiếu dấu phẩy giữa hai mục",
        ),
        ('{"format": "ntm-records", "version": 1,}', "dòng 1, cột 40", "thừa dấu phẩy trước dấu đóng ngoặc"),
        ("{'format': 'ntm-records'}", "dòng 1, cột 2", "không dùng dấu nháy đơn"),
        ('{"format": "ntm-records", "version": 1', "dòng 1, cột 39", "tệp kết thúc giữa chừng"),
        ('{"format": "ntm-records}', "dòng 1, cột 12", "thiếu dấu nháy kép ở cuối"),
        ('{"format": "ntm-records"}}', "dòng 1, cột 26", "thừa một dấu đóng ngoặc"),
        ("", "dòng 1, cột 1", "tệp trống"),
    ],
)
def test_a_broken_json_file_says_why_in_vietnamese_with_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, where: str, reason: str
) -> None:
    db = tmp_path / "ntm.sqlite"
    path = tmp_path / "ho-so.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db), "records", "import", str(path))
    assert code == 3 and out == ""
    assert f"{path} không phải là tệp JSON hợp lệ: {where}: " in err and reason in err, err
    assert "Expecting" not in err and "delimiter" not in err


def test_a_broken_json_file_in_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ho-so.json"
    path.write_text(json.dumps(EXAMPLE)[:-1], encoding="utf-8")
    code, _, err = run(
        capsys, "--lang", "en", "--db", str(tmp_path / "d.sqlite"), "records", "import", str(path)
    )
    assert code == 3 and "is not valid JSON: line 1" in err and "the file ends too early" in err


def test_a_missing_certificate_or_picture_is_said_in_vietnamese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "ntm.sqlite")
    unit = ["--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19"]
    assert run(capsys, "--db", db, "init", *unit)[0] == 0
    for argv in (["certificate", "trust", "khong-co.cer"], ["unit", "--seal-image", "khong-co.png"]):
        code, _, err = run(capsys, "--db", db, *argv)
        assert code == 3 and "Không có tệp hoặc thư mục này" in err and "No such file" not in err, err


def test_every_field_a_refusal_names_is_a_name_the_app_can_say() -> None:
    """``InvalidInput(…, field="office key")`` printed "Lỗi: office key: Văn phòng đã có…": a field that
    is neither a plain name (its sentence then stands alone, or the forms' word is put before it) nor a
    command-line option (``passphrase-env`` → "--passphrase-env") is put before the message as written."""
    import ast

    import ntm_desktop

    package = Path(ntm_desktop.__file__).parent
    wrong = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for kw in node.keywords if isinstance(node, ast.Call) else ():
                named = kw.value.value if isinstance(kw.value, ast.Constant) else None
                if kw.arg == "field" and isinstance(named, str) and " " in named and label(named) == named:
                    wrong.append(f"{path.relative_to(package)}:{node.lineno}: field={named!r}")
    assert not wrong, "\n".join(wrong)
