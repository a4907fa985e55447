"""The sync commands, as an officer types them: exit 0 when done, 2 for wrong usage, 3 when refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers import engines


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def places(tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str) -> dict[str, str]:
    commune, province, usb = (
        tmp_path / "xa" / "ntm.sqlite",
        engines.new_receiver_location(tmp_path / "tinh"),
        tmp_path / "usb",
    )
    usb.mkdir()
    init = ["init", "--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19"]
    assert run(capsys, "--db", str(commune), *init)[0] == 0
    if engine == "sqlite":  # an office in a file can still be made the old way, as a unit of its own
        init = ["init", "--unit-code", "19001", "--unit-name", "Văn phòng Điều phối NTM tỉnh"]
        assert (
            run(capsys, "--db", str(province), *init, "--province-code", "19", "--role", "receiver")[0] == 0
        )
    else:  # on a server only a receiving office can be set up
        refused = run(capsys, "--db", str(province), *init)
        assert refused[0] == 3 and "tiếp nhận" in refused[2], refused  # a commune is refused
        setup = ["receiver", "setup", "--code", "19", "--name", "Văn phòng Điều phối NTM tỉnh"]
        assert run(capsys, "--db", str(province), *setup)[0] == 0
    run(
        capsys,
        "--db",
        str(commune),
        "progress",
        "set",
        "--year",
        "2023",
        "--indicator",
        "2.1",
        "--value",
        "85",
    )
    return {"c": str(commune), "p": str(province), "usb": str(usb)}


def test_export_inspect_import_receipt(places: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    c, p, usb = places["c"], places["p"], places["usb"]
    code, out, err = run(capsys, "--db", c, "bundle", "export", "--out", usb)
    assert code == 0
    bundle = out.strip()
    assert Path(bundle).name.startswith("ntm-xa-01234-gui-tinh-19-") and "Gói số 1" in err

    code, out, _ = run(capsys, "--db", p, "bundle", "inspect", bundle, "--json")
    assert code == 3  # the commune's key is not trusted yet
    preview = json.loads(out)
    assert preview["sender"]["trust"] == "unknown-key" and preview["lists"]["assessments"]["created"] == 1

    code, _, err = run(capsys, "--db", p, "bundle", "import", bundle)
    assert code == 3 and "Bị từ chối" in err

    key = str(Path(usb) / "xa.ntmkey")
    assert run(capsys, "--db", c, "keys", "export", "--out", key)[0] == 0
    code, out, _ = run(capsys, "--db", p, "keys", "trust", key)
    assert code == 0 and "Đã tin cậy khóa" in out
    code, out, _ = run(capsys, "--db", p, "bundle", "import", bundle, "--dry-run")
    assert code == 0 and "1 mới" in out
    code, out, _ = run(capsys, "--db", p, "bundle", "import", bundle, "--json")
    assert code == 0 and json.loads(out)["bundles"][0]["status"] == "imported"
    code, out, _ = run(capsys, "--db", p, "bundle", "import", bundle)
    assert code == 0 and "đã nhập trước đó" in out

    code, out, _ = run(capsys, "--db", p, "receipt", "export", "--out", usb)
    receipt = out.strip()
    assert code == 0 and Path(receipt).name.startswith("ntm-tinh-19-bien-nhan-xa-01234-")
    code, _, err = run(capsys, "--db", c, "receipt", "import", receipt)
    assert code == 3 and "Chưa có khóa nào của tỉnh Thái Nguyên (19)." in err, err
    code, out, _ = run(capsys, "--db", c, "receipt", "import", receipt, "--trust-on-first-use")
    assert code == 0 and "1 bản ghi được xác nhận" in out
    assert out.startswith("Biên nhận của tỉnh Thái Nguyên (19): "), out  # not "của tỉnh 19"
    code, out, _ = run(capsys, "--db", c, "bundle", "status", "--json")
    assert code == 0 and json.loads(out)["pending"] == 0


def test_keys_conflicts_and_usage(places: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    c, p = places["c"], places["p"]
    code, out, _ = run(capsys, "--db", c, "keys", "show", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["unit"] == "01234" and len(shown["fingerprint"]) == 24
    assert run(capsys, "--db", p, "keys", "show", "--json")[0] == 0
    code, out, _ = run(capsys, "--db", p, "bundle", "conflicts", "--json")
    assert code == 0 and json.loads(out) == []
    with pytest.raises(SystemExit) as usage:
        main(["--db", p, "bundle", "resolve", "x", "--keep", "mine"])
    assert usage.value.code == 2
    code, _, err = run(capsys, "--db", p, "bundle", "resolve", "no-such-id", "--keep", "local")
    assert code == 3 and "Không có xung đột" in err


def test_a_damaged_file_is_refused_with_exit_3(
    places: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    damaged = tmp_path / "ntm-01234-20261121-0001.ntmsync"
    damaged.write_bytes(b"PK\x03\x04 this is not a whole bundle")
    code, _, err = run(capsys, "--db", places["p"], "bundle", "inspect", str(damaged))
    assert code == 3 and "không phải là gói đồng bộ" in err
    code, _, err = run(capsys, "--db", places["p"], "bundle", "import", str(damaged))
    assert code == 3 and damaged.name in err
    code, out, err = run(capsys, "--db", places["p"], "bundle", "import", str(damaged), "--dry-run")
    assert code == 3 and damaged.name in err and out == ""  # no empty line for the previews there are not


def test_each_refused_bundle_is_said_once(
    places: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In a terminal the clerk reads both streams: a refusal on the error stream is not repeated on the
    output, which keeps what was taken in and the tally."""
    not_a_bundle = tmp_path / "hello.ntmsync"
    not_a_bundle.write_text("hello")
    assert run(capsys, "--db", places["c"], "bundle", "export", "--out", places["usb"])[0] == 0
    [bundle] = Path(places["usb"]).glob("*.ntmsync")
    code, out, err = run(
        capsys,
        "--db",
        places["p"],
        "bundle",
        "import",
        "--trust-on-first-use",
        str(not_a_bundle),
        str(bundle),
    )
    assert code == 3
    assert (out + err).count("không phải là gói đồng bộ") == 1
    assert err.startswith("Bị từ chối: hello.ntmsync: ")
    assert f"{bundle.name}: đã nhập. Đã ghi nhớ khóa " in out and "Đã nhận 1/2 gói, từ chối 1 gói." in out


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_bundle_of_the_wrong_kind_is_named_in_words(
    places: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path, engine: str
) -> None:
    """A data bundle given where a receipt or a recovery bundle is wanted: the refusal names what it is as
    the Sync page does ("Gói dữ liệu"), not by the file's own word for it ("records")."""
    code, out, _ = run(capsys, "--db", places["c"], "bundle", "export", "--out", places["usb"])
    bundle = out.strip()
    assert code == 0
    code, _, err = run(capsys, "--db", places["c"], "receipt", "import", bundle)
    assert code == 3 and "không phải là biên nhận" in err and "“Gói dữ liệu”" in err, err
    code, _, err = run(capsys, "--lang", "en", "--db", places["c"], "receipt", "import", bundle)
    assert code == 3 and "“Data bundle”" in err, err
    new = str(tmp_path / "may-moi" / "ntm.sqlite")
    code, _, err = run(capsys, "--db", new, "init", "--from-bundle", bundle)
    assert code == 3 and "không phải gói khôi phục" in err and "“Gói dữ liệu”" in err, err
    assert "records" not in err, err


def test_correction_requests_are_listed_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``bundle corrections`` once listed "assessments" and "open" in a Vietnamese table; the Sync page says
    "Đánh giá tiêu chí" and "Chưa xử lý" (the QA walk)."""
    from tests.helpers.sync import commune, receiver, trust

    c, p = commune(tmp_path), receiver(tmp_path)
    trust(c, p)
    (tmp_path / "usb").mkdir()
    c.progress.record(2025, indicator="2.1", value="90")
    assert p.sync.import_bundles([c.sync.export(tmp_path / "usb").path]).outcomes[0].status == "imported"
    [record] = [a.record_id for a in p.receiver.commune("01234").assessments(2025) if a.indicator == "2.1"]
    p.sync.request_correction("01234", "assessments", record, "Thiếu minh chứng")
    p_db = str(p.path)
    c.close()
    p.close()
    code, out, _ = run(capsys, "--db", p_db, "bundle", "corrections")
    assert code == 0
    row = out.splitlines()[-1]
    assert "Đánh giá tiêu chí" in row and row.rstrip().endswith("Chưa xử lý"), out
    assert " assessments " not in row and not row.rstrip().endswith("open")
    code, out, _ = run(capsys, "--db", p_db, "bundle", "corrections", "--json")
    assert json.loads(out)[0]["kind"] == "assessments" and json.loads(out)[0]["status"] == "open"  # unchanged
