"""The hostile-input campaign of ``bench/campaign.py`` on a small fixed budget (``-m campaign`` selects it;
CI runs it with the rest). Fixed seeds: the same inputs on every run. Figures for a full run are in the
README ("Hostile input")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.campaign import run

pytestmark = pytest.mark.campaign

BUDGET = {
    "bundles": int(os.environ.get("NTM_CAMPAIGN_BUNDLES", "60")),
    "records": int(os.environ.get("NTM_CAMPAIGN_RECORDS", "30")),
    "excel": int(os.environ.get("NTM_CAMPAIGN_EXCEL", "24")),
    "kills": int(os.environ.get("NTM_CAMPAIGN_KILLS", "2")),
    "orders": int(os.environ.get("NTM_CAMPAIGN_ORDERS", "2")),
}


def test_a_small_campaign_finds_no_unexpected_error_no_partial_write_no_file_outside_no_formula(
    tmp_path: Path,
) -> None:
    tally = run(20261202, BUDGET, tmp_path)
    report = tally.report(20261202)
    assert tally.clean, report
    for family in ("bundles", "records", "excel"):  # the inputs reach far: both outcomes happen
        assert tally.counts[family]["refused"] > 0 and tally.counts[family]["accepted"] > 0, report
    assert tally.total("unclear") == 0, report
    assert tally.counts["kills"]["refused"] + tally.counts["kills"]["accepted"] == BUDGET["kills"], report
