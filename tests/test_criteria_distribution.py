"""A province types its 2026–2030 set in Excel, loads it, and sends it with the next reverse bundle: each
commune uses it for the open years of its period at once and judges its 2026 values by its own group."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.criteria.loading import parse_set
from ntm_desktop.db import models as m
from ntm_desktop.export.criteria_xlsx import apply, preview, write_set
from ntm_desktop.workspace import Workspace
from tests.helpers.criteria import PROVINCE_SET, province_set_2026
from tests.helpers.sync import COMMUNE, OTHER, commune, receiver, trust, usb

__all__ = ["usb"]  # fixture

NATIONAL = "vn-ntm-xa-2026-2030"


@pytest.fixture
def province(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace, Workspace]]:
    """The province office and two of its communes: 01234 is group 3 in 2026–2030, 05678 group 2."""
    p = receiver(tmp_path)
    three, two = commune(tmp_path, "c3", COMMUNE), commune(tmp_path, "c2", OTHER)
    three.unit.set_group(3, "2026-2030")
    two.unit.set_group(2, "2026-2030")
    for c in (three, two):
        trust(c, p)
        trust(p, c)
    yield p, three, two
    for ws in (p, three, two):
        ws.close()


def load_from_excel(p: Workspace, tmp_path: Path) -> None:
    book = tmp_path / "bo-tieu-chi-tinh.xlsx"
    write_set(parse_set(province_set_2026()), book)  # what the clerk typed
    pv = preview(p, book)
    assert pv.ok, pv.text()
    apply(p, pv)


def test_a_province_set_from_excel_judges_each_commune_by_its_own_group(
    province: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path
) -> None:
    p, three, two = province
    for c in (three, two):  # 2026 so far under the national set: criteria judged as a whole
        c.progress.record(2026, criterion="1", met=True)
        c.progress.record(2026, criterion="2", met=False)
        p.sync.import_bundles([c.sync.export(usb).path])
    load_from_excel(p, tmp_path)
    assert p.criteria.for_year(2026).id == PROVINCE_SET  # the province judges its communes by it too

    for c in (three, two):
        report = c.sync.import_bundles([p.sync.export_reverse(usb, c.unit.home().code).path])
        (outcome,) = report.outcomes
        assert outcome.status == "imported"
        assert (
            "Bộ tiêu chí mới từ tỉnh: tinh-thu-nghiem-2026-2030, áp dụng cho các năm 2026, 2027"
            in outcome.message
        )
        assert c.criteria.for_year(2026).id == PROVINCE_SET
        assert c.criteria.for_year(2025).id == "vn-ntm-xa-2021-2025"  # another period: untouched
        summary = c.progress.summary(2026)
        assert summary.set_id == PROVINCE_SET and {x.code: x.status for x in summary.criteria}["1"] == "met"
        (news,) = c.criteria_years.news()  # "Bộ tiêu chí mới từ tỉnh": the diff, the years, what changed
        assert (news.set_id, news.revision, news.years) == (PROVINCE_SET, 1, (2026, 2027, 2028, 2029, 2030))
        added = [x.line for x in news.changes if x.what == "Thêm chỉ tiêu"]
        assert added == [
            "1.1: Thêm chỉ tiêu: Chỉ tiêu thử nghiệm về quy hoạch",
            "2.1: Thêm chỉ tiêu: Tỷ lệ thử nghiệm về đường giao thông",
            "2.2: Thêm chỉ tiêu: Chỉ tiêu thử nghiệm do tỉnh quy định",
        ]
        assert news.rejudged == ((2026, {"gained": [], "lost": [], "left": []}),)
        c.criteria_years.mark_seen()
        assert c.criteria_years.news() == []
        c.progress.record(2026, indicator="2.1", value="80")  # the same value in both communes

    (in_three,) = [a for a in three.progress.assessments(2026) if a.indicator == "2.1"]
    (in_two,) = [a for a in two.progress.assessments(2026) if a.indicator == "2.1"]
    assert (in_three.met, in_three.basis) == (True, "≥ 70% (xã nhóm 3, chưa đối chiếu văn bản gốc)")
    assert (in_two.met, in_two.basis) == (False, "≥ 90% (xã nhóm 2, chưa đối chiếu văn bản gốc)")

    again = three.sync.import_bundles([p.sync.export_reverse(usb, "01234").path]).outcomes[0]
    assert "Bộ tiêu chí mới" not in again.message  # nothing new: nothing switched again


def test_switching_a_year_judges_it_again_and_says_what_changed(tmp_path: Path) -> None:
    c = commune(tmp_path, "c")
    c.unit.set_group(2, "2026-2030")
    c.criteria.save(parse_set(province_set_2026()), origin="file")
    assert c.criteria.for_year(2026).id == NATIONAL  # loading a set on a commune switches nothing by itself
    c.progress.record(2026, criterion="1", met=True)
    c.progress.record(2026, criterion="3", met=True)
    result = c.criteria_years.use(PROVINCE_SET, [2026, 2027], "Tỉnh gửi bộ tiêu chí qua thư điện tử")
    (year,) = result.rejudged
    assert (year.year, year.moved, year.gained, year.lost) == (2026, 2, (), ())
    assert c.progress.summary(2026).set_id == PROVINCE_SET
    # the officer's own judgements moved with their values; the province's 2.1 makes criterion 2 judged by it
    c.progress.record(2026, indicator="2.1", value="95")
    c.progress.record(2026, indicator="2.2", value="3", met=True)
    statuses = {x.code: x.status for x in c.progress.summary(2026).criteria}
    assert (statuses["1"], statuses["2"], statuses["3"]) == ("met", "met", "met")

    back = c.criteria_years.use(None, [2026], "Theo hướng dẫn mới")
    (year,) = back.rejudged
    assert year.lost == ("2",) and year.left == ("2.1", "2.2")  # the national set has no indicators
    assert c.criteria.for_year(2026).id == NATIONAL
    choices = {x.year: x for x in c.criteria_years.choices([2026, 2027, 2028])}
    assert (choices[2026].chosen, choices[2026].set_id, choices[2026].reason) == (
        True,
        NATIONAL,
        "Theo hướng dẫn mới",
    )
    assert (choices[2027].set_id, choices[2028].chosen) == (PROVINCE_SET, False)
    with c.db.read() as s:
        trail = s.execute(
            select(m.AuditEntry.entity_uid, m.AuditEntry.after).where(m.AuditEntry.action == "criteria.use")
        ).all()
    assert [(uid, after["set"], after["reason"]) for uid, after in trail] == [
        ("2026", PROVINCE_SET, "Tỉnh gửi bộ tiêu chí qua thư điện tử"),
        ("2027", PROVINCE_SET, "Tỉnh gửi bộ tiêu chí qua thư điện tử"),
        ("2026", None, "Theo hướng dẫn mới"),
    ]
    c.close()


def test_a_set_is_used_only_for_its_own_years(tmp_path: Path) -> None:
    c = commune(tmp_path, "c")
    c.criteria.save(parse_set(province_set_2026()), origin="file")
    with pytest.raises(InvalidInput, match="dùng cho 2026–2030, không dùng cho 2025"):
        c.criteria_years.use(PROVINCE_SET, [2025, 2026])
    with pytest.raises(NotFound):
        c.criteria_years.use("khong-co", [2026])
    assert c.criteria_years.chosen_years() == []
    c.close()


def test_criteria_use_and_years_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from ntm_desktop.cli.main import main

    db = tmp_path / "xa.sqlite"
    main(["--db", str(db), "init", "--unit-code", "01234", "--unit-name", "Xã A", "--province-code", "19"])
    book = tmp_path / "tinh.xlsx"
    write_set(parse_set(province_set_2026()), book)
    assert main(["--db", str(db), "criteria", "import-xlsx", str(book), "--yes"]) == 0
    args = [
        "--db",
        str(db),
        "criteria",
        "use",
        "--set",
        PROVINCE_SET,
        "--years",
        "2026-2027",
        "--reason",
        "CV 12/SNN",
    ]
    assert main(args) == 0
    assert main(["--db", str(db), "criteria", "use", "--set", PROVINCE_SET, "--years", "2025"]) == 3
    capsys.readouterr()
    assert main(["--db", str(db), "criteria", "years", "--years", "2025-2028", "--json"]) == 0
    years = {y["year"]: (y["set"], y["chosen"], y["reason"]) for y in json.loads(capsys.readouterr().out)}
    assert years == {
        2025: ("vn-ntm-xa-2021-2025", False, ""),
        2026: (PROVINCE_SET, True, "CV 12/SNN"),
        2027: (PROVINCE_SET, True, "CV 12/SNN"),
        2028: (NATIONAL, False, ""),
    }
    assert main(["--db", str(db), "criteria", "use", "--national", "--years", "2026"]) == 0
    capsys.readouterr()
    main(["--db", str(db), "criteria", "years", "--years", "2026", "--json"])
    assert json.loads(capsys.readouterr().out)[0]["set"] == NATIONAL
