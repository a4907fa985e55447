"""A value longer than its column is the same clear refusal on SQLite as on PostgreSQL (which would
otherwise fail with a driver error), and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.db import models as m
from tests.helpers.receiver import PROVINCE_NAME
from tests.helpers.sync import receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL


def test_a_name_longer_than_its_column_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    office = receiver(tmp_path, "office")
    office.receiver.configure(level="province", name=PROVINCE_NAME)
    office.receiver.expect_units([("01234", "Xã Bằng Thành")])
    with pytest.raises(InvalidInput) as caught:
        office.receiver.expect_units([("01240", "Xã Nghiên Loan"), ("01252", "Xã " + "Cổ Linh " * 40)])
    assert caught.value.field == "units.name" and "200" in str(caught.value)
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Unit)) == 1  # not even the good one
    office.close()
