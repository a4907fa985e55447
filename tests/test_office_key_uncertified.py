"""A bundle signed by a clerk's computer the office key has not certified, at an office or commune that
trusts that office key (#14, QA F10): refused, saying so — not "no key of the unit is known" (one is) —
and naming what to do at the sending office (``keys office certify``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.national import national_workspace, rolled_up
from tests.helpers.receiver import Province, province

__all__ = ["province"]  # fixture

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

SECRET = "mật khẩu văn phòng 19"


def test_a_roll_up_from_a_computer_the_office_key_has_not_certified_says_so(
    province: Province, tmp_path: Path
) -> None:
    office = province.office
    office.sync.office.create(SECRET)  # the office key exists; this computer is not certified by it
    office.sync.office.export(tmp_path / "van-phong-19.ntmkey")
    national = national_workspace(tmp_path / "trung-uong")
    national.sync.keys.trust(tmp_path / "van-phong-19.ntmkey")
    try:
        sent = rolled_up(office, tmp_path / "usb", 2025)
        [outcome] = national.sync.import_bundles([sent], trust_on_first_use=True).outcomes
        assert outcome.status == "rejected"
        assert "Chưa có khóa nào" not in outcome.message
        assert "chưa được khóa văn phòng của" in outcome.message and "keys office certify" in outcome.message
        assert national.receiver.summary(2025)["provinces"] == []
    finally:
        national.close()
