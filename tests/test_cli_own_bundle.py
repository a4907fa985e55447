"""What the command line tells an officer who holds a bundle in the wrong place or for the first time:
a commune that opens the bundle it just made is told to take it to the receiving unit (not to phone
itself to confirm its own key), and a clerk who takes a commune's first bundle on trust is given the
fingerprint to confirm by phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers.sync import commune, help_record, receiver, supporter


def made_bundle(tmp_path: Path) -> tuple[Path, Path, str]:
    """A commune's data file, the bundle it exported for its province, and its key's fingerprint."""
    usb = tmp_path / "usb"
    usb.mkdir()
    with commune(tmp_path) as c:
        help_record(c, "Bê tông hóa đường vào thôn Nà Phầy", supporter(c, "Sở Nội vụ"))
        bundle = c.sync.export(usb).path
        return c.path, bundle, c.sync.keys.show().fingerprint


@pytest.mark.parametrize("command", [["bundle", "import"], ["bundle", "inspect"]])
def test_a_commune_opening_its_own_bundle_is_told_to_take_it_to_the_receiving_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data, bundle, _ = made_bundle(tmp_path)
    capsys.readouterr()

    assert main(["--db", str(data), *command, str(bundle)]) == 3

    said = capsys.readouterr()
    shown = said.out + said.err
    assert "do chính máy này lập để gửi tỉnh Thái Nguyên (19):" in shown, shown
    assert "mang tệp này đến đơn vị tiếp nhận" in shown, shown
    assert "gọi điện" not in shown  # it was told to phone itself to confirm its own key


def test_a_first_bundle_taken_on_trust_gives_the_fingerprint_to_confirm_by_phone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, bundle, key = made_bundle(tmp_path)
    with receiver(tmp_path, "tinh") as office:
        path = office.path
    capsys.readouterr()

    assert main(["--db", str(path), "bundle", "import", str(bundle), "--trust-on-first-use"]) == 0

    out = capsys.readouterr().out
    assert "đã nhập" in out
    assert key in out and "gọi điện" in out, out
