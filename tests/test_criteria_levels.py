"""An advanced set (nâng cao, kiểu mẫu, hiện đại) is followed beside the basic one, never instead of it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.criteria.loading import builtin_sets, parse_set, set_to_dict
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import make_context, open_page
from ntm_desktop.workspace import Workspace

ADVANCED = "tinh-nang-cao-2021-2025"


def advanced_set() -> dict[str, Any]:
    """TEST DATA ONLY: a province's nâng cao set with two criteria; the wording and value are made up."""
    base = next(cs for cs in builtin_sets() if cs.id == "vn-ntm-xa-2021-2025")
    data = copy.deepcopy(set_to_dict(base))
    data.update(id=ADVANCED, level="nang_cao", name_vi="Bộ tiêu chí xã nông thôn mới nâng cao (thử nghiệm)")
    data["criteria"] = data["criteria"][:2]
    data["criteria"][1]["indicators"] = [
        dict(data["criteria"][1]["indicators"][0], code="2.1", name_vi="Chỉ tiêu nâng cao thử nghiệm",
             threshold={"general": 100, "by_region": {}, "by_group": {}}, direction=">=")
    ]  # fmt: skip
    return data


def test_an_advanced_set_is_followed_beside_the_basic_one(ws: Workspace) -> None:
    ws.criteria.save(parse_set(advanced_set()), origin="file")
    with pytest.raises(InvalidInput, match="bộ tiêu chí nâng cao"):
        ws.criteria_years.use(ADVANCED, [2024])
    with pytest.raises(InvalidInput, match="bộ tiêu chí cơ bản"):
        ws.criteria_years.follow("vn-ntm-xa-2021-2025")
    assert ws.criteria_years.advanced_for(2024) == []
    ws.criteria_years.follow(ADVANCED)
    assert [cs.id for cs in ws.criteria_years.advanced_for(2024)] == [ADVANCED]
    assert ws.criteria_years.advanced_for(2026) == []  # outside its period
    ws.progress.record(2024, indicator="2.1", value="95", set_id=ADVANCED)
    ws.progress.record(2024, indicator="2.1", value="95")  # the basic set's own 2.1
    advanced = ws.progress.summary(2024, set_id=ADVANCED)
    basic = ws.progress.summary(2024)
    assert (advanced.set_id, advanced.total, advanced.status_of("2")) == (ADVANCED, 2, "not_met")  # ≥ 100 %
    assert (basic.set_id, basic.total) == ("vn-ntm-xa-2021-2025", 19)
    ws.criteria_years.follow(ADVANCED, follow=False)
    assert ws.criteria_years.followed_ids() == []


def test_following_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "xa.sqlite"
    main(["--db", str(db), "init", "--unit-code", "01234", "--unit-name", "Xã A", "--province-code", "19"])
    set_file = tmp_path / "nang-cao.json"
    set_file.write_text(json.dumps(advanced_set(), ensure_ascii=False), encoding="utf-8")
    assert main(["--db", str(db), "criteria", "load", str(set_file)]) == 0
    assert main(["--db", str(db), "criteria", "follow", "--set", ADVANCED]) == 0
    assert main(["--db", str(db), "progress", "set", "--year", "2024", "--set", ADVANCED,
                 "--indicator", "2.1", "--value", "100"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--db", str(db), "progress", "show", "--year", "2024", "--set", ADVANCED, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["criteria_set"], shown["criteria_total"]) == (ADVANCED, 2)
    assert main(["--db", str(db), "criteria", "use", "--set", ADVANCED, "--years", "2024"]) == 3


def test_the_criteria_page_offers_the_followed_set(qtbot, qapp, ws: Workspace, tmp_path: Path) -> None:
    apply_language(qapp, "vi")
    ws.criteria.save(parse_set(advanced_set()), origin="file")
    ws.criteria_years.follow(ADVANCED)
    ctx, errors = make_context(ws, tmp_path)
    page = open_page(ctx, 2024, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CriteriaPage)
    assert page.which.isVisible() and page.which.count() == 2
    assert (
        page.which.itemText(1)
        == "Xã nông thôn mới nâng cao: Bộ tiêu chí xã nông thôn mới nâng cao (thử nghiệm)"
    )
    assert page.model.rowCount() == 19
    page.which.setCurrentIndex(1)
    page.which.activated.emit(1)
    assert page.model.rowCount() == 2
    assert page.set_name.text().startswith("Bộ tiêu chí xã nông thôn mới nâng cao (thử nghiệm)")
    ctx.tasks.wait()
    assert errors == []
