"""A realistic sample commune for trying the app: ``ntm-desktop demo``.

Xã Bằng Thành (code 01234, marked as sample data), five years of criteria progress and the help it
received, drawn from the seed news articles: Sở Nội vụ's 40.000.000 đ and labour for 60 m of road, a
party committee's village gate and 80-participant meeting, the power company lighting two village roads
with 10 gift packages, seconded cadres, and the kinds of help a province sums up each year.

The sample is built as a records-v1 document and imported, so it takes the same path as any file, and
running it twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import Conflict
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_scaled
from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.criteria.loading import builtin_sets
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.services.unit import with_current_group
from ntm_desktop.workspace import Workspace

CODE = "01234"
OLD_SET, NEW_SET = "vn-ntm-xa-2021-2025", "vn-ntm-xa-2026-2030"
ASSESSOR = "Nguyễn Thị Thảo"
SIGNER_NAME, SIGNER_TITLE = "Hoàng Văn Minh", "Chủ tịch UBND xã"
YEAR_TO_SIGN = 2025

PROFILE = UnitProfile(
    code=CODE,
    name="Xã Bằng Thành (dữ liệu mẫu)",
    province_code="19",
    province_name="Thái Nguyên",
    district_name="Huyện Pác Nặm (tỉnh Bắc Kạn, trước 01/7/2025)",
    region="TDMNPB",
    group=3,
    villages=("Bằng Thành II", "Pác Châm", "Nà Lần", "Nà Loạn", "Khau Cưởm"),
    officers=(
        Officer(SIGNER_NAME, SIGNER_TITLE, "TM", True),
        Officer("Nông Văn Hùng", "Phó Chủ tịch UBND xã", "KT"),
        Officer(ASSESSOR, "Công chức Văn phòng - Thống kê"),
    ),
    groups=(("2026-2030", 3),),
)

# The two assessments of shared/formats/example-bang-thanh.json, word for word: importing that file into
# the sample changes nothing.
EXAMPLE: dict[str, dict[str, Any]] = {
    "a-2023-3.1": {"id": "a-2023-3.1", "year": 2023, "indicator": "3.1", "value": 82.5,
                   "note": "Theo số liệu thống kê đất nông nghiệp năm 2023", "assessed_on": "2023-12-15",
                   "assessed_by": ASSESSOR},
    "a-2023-19": {"id": "a-2023-19", "year": 2023, "criterion": "19", "met": False,
                  "note": "Chưa đạt chuẩn an toàn về an ninh, trật tự"},
}  # fmt: skip

# Criteria of the 2021–2025 set the sample commune meets, year by year (19/19 in 2025).
MET_BY_YEAR = {
    2022: {"1", "3", "4", "5", "7", "8", "12", "16", "18"},
    2023: {"1", "2", "3", "4", "5", "7", "8", "9", "12", "15", "16", "18"},
    2024: {"1", "2", "3", "4", "5", "6", "7", "8", "9", "12", "13", "14", "15", "16", "18", "19"},
    2025: {str(n) for n in range(1, 20)},
}
MET_2026 = {"1", "5", "9", "10"}
INCOME = {2022: 30.5, 2023: 34.2, 2024: 39.8, 2025: 45.1}  # triệu đồng/người/năm

# fmt: off
SUPPORTERS = [
    {"id": "so-noi-vu", "name": "Sở Nội vụ tỉnh Bắc Kạn", "kind": "agency", "parent": "UBND tỉnh Bắc Kạn"},
    {"id": "ban-dan-van", "name": "Ban Dân vận Tỉnh ủy Bắc Kạn", "kind": "party_body",
     "parent": "Tỉnh ủy Bắc Kạn"},
    {"id": "ban-noi-chinh", "name": "Ban Nội chính Tỉnh ủy Bắc Kạn", "kind": "party_body",
     "parent": "Tỉnh ủy Bắc Kạn"},
    {"id": "dien-luc", "name": "Công ty Điện lực Bắc Kạn", "kind": "company",
     "parent": "Tổng công ty Điện lực miền Bắc"},
    {"id": "bchqs", "name": "Bộ Chỉ huy Quân sự tỉnh Bắc Kạn", "kind": "armed_forces"},
    {"id": "mttq", "name": "Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn", "kind": "mass_org"},
    {"id": "vp-ubnd", "name": "Văn phòng UBND tỉnh Bắc Kạn", "kind": "agency", "parent": "UBND tỉnh Bắc Kạn"},
    {"id": "so-nn", "name": "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bắc Kạn", "kind": "agency",
     "parent": "UBND tỉnh Bắc Kạn"},
    # From 1 July 2025 Bắc Kạn is part of Thái Nguyên: help after that date comes from Thái Nguyên's bodies.
    {"id": "so-noi-vu-tn", "name": "Sở Nội vụ tỉnh Thái Nguyên", "kind": "agency",
     "parent": "UBND tỉnh Thái Nguyên"},
    {"id": "mttq-tn", "name": "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên", "kind": "mass_org"},
    {"id": "dien-luc-tn", "name": "Công ty Điện lực Thái Nguyên", "kind": "company",
     "parent": "Tổng công ty Điện lực miền Bắc"},
]

ASSIGNMENTS = [
    {"id": "asg-2019", "supporter": "so-noi-vu", "document": "2656-CV/TU", "document_date": "2019-04-26",
     "issuer": "Ban Thường vụ Tỉnh ủy Bắc Kạn", "start": "2019-01-01", "end": "2019-12-31",
     "criteria": ["18"],
     "note": "Hướng dẫn cải cách hành chính, chuẩn hóa đội ngũ cán bộ, công chức cấp xã, "
             "dân vận chính quyền"},
    {"id": "asg-2021-dien-luc", "supporter": "dien-luc", "document": "Quyết định phân công (số liệu mẫu)",
     "document_date": "2021-03-15", "issuer": "UBND tỉnh Bắc Kạn", "start": "2021-03-15", "end": "2025-06-30",
     "criteria": ["4", "9"],
     "note": "Phân công sở, ban, ngành, đoàn thể, doanh nghiệp giúp đỡ xã khó khăn xây dựng nông thôn mới; "
             "số và ngày văn bản là số liệu mẫu"},
    {"id": "asg-2021-bchqs", "supporter": "bchqs", "document": "Quyết định phân công (số liệu mẫu)",
     "document_date": "2021-03-15", "issuer": "UBND tỉnh Bắc Kạn", "start": "2021-03-15", "end": "2025-06-30",
     "criteria": ["19"]},
    {"id": "asg-2023-bdv", "supporter": "ban-dan-van", "document": "06-ĐA/TU", "document_date": "2023-02-03",
     "issuer": "Ban Thường vụ Tỉnh ủy Bắc Kạn", "start": "2023-01-01", "end": "2025-12-31",
     "criteria": ["17", "18"], "note": "Nâng cao chất lượng, hiệu quả hoạt động của Khối Dân vận cơ sở"},
]


def _item(kind: str, name: str, quantity: int, unit: str, value: int | None = None) -> dict[str, Any]:
    if kind == "cash":
        value = quantity
    return {"kind": kind, "name": name, "quantity": quantity, "unit": unit, "value_vnd": value}


HELP = [
    {"id": "h-2019-road", "date": "2019-12-10", "supporters": ["so-noi-vu"],
     "title": "Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II",
     "description": "Kinh phí từ quỹ tiết kiệm do công chức, viên chức, người lao động của Sở đóng góp",
     "village": "Bằng Thành II", "criteria": ["2"],
     "items": [_item("cash", "Tiền mặt", 40_000_000, "đồng"),
               _item("labour", "Ngày công đổ bê tông", 30, "ngày công"),
               _item("works", "Đường bê tông", 60, "m")]},
    {"id": "h-2022-nha", "date": "2022-08-20", "supporters": ["dien-luc"],
     "title": "Hỗ trợ xi măng và ngày công sửa, làm nhà cho hộ có hoàn cảnh khó khăn", "criteria": ["9"],
     "beneficiaries": {"households": 6},
     "items": [_item("material", "Xi măng", 20, "tấn", 34_000_000),
               _item("labour", "Ngày công sửa, làm nhà", 120, "ngày công", 36_000_000)]},
    {"id": "h-2022-kham", "date": "2022-09-15", "supporters": ["bchqs"],
     "title": "Khám chữa bệnh, cấp thuốc miễn phí và tư vấn sức khỏe", "criteria": ["15"],
     "items": [_item("service", "Khám chữa bệnh, cấp thuốc", 150, "lượt người", 30_000_000)]},
    {"id": "h-2022-hoc-sinh", "date": "2022-09-05", "supporters": ["so-noi-vu"],
     "title": "Tặng bàn ghế, sách vở, quần áo và máy tính cho học sinh", "village": "Bằng Thành II",
     "criteria": ["5", "14"],
     "items": [_item("equipment", "Bộ bàn ghế", 20, "bộ", 40_000_000),
               _item("goods", "Sách vở", 300, "cuốn", 6_000_000),
               _item("goods", "Bộ quần áo, chăn", 150, "bộ", 22_500_000),
               _item("equipment", "Bộ máy tính", 2, "bộ", 24_000_000)]},
    {"id": "h-2023-tet", "date": "2023-01-12", "supporters": ["mttq"], "title": "Tặng quà Tết cho hộ nghèo",
     "criteria": ["11"], "beneficiaries": {"households": 120},
     "items": [_item("gift", "Suất quà", 120, "suất", 60_000_000),
               _item("cash", "Tiền mặt", 20_000_000, "đồng")]},
    {"id": "h-2023-cong-chao", "date": "2023-06-30", "supporters": ["ban-dan-van"],
     "title": "Xây dựng cổng chào thôn Pác Châm", "village": "Pác Châm", "criteria": ["6"],
     "description": "Cán bộ, công chức, đoàn viên công đoàn cơ quan đóng góp kinh phí "
                    "(số tiền là số liệu mẫu)",
     "items": [_item("cash", "Tiền mặt", 30_000_000, "đồng"),
               _item("works", "Cổng chào thôn", 1, "công trình")]},
    {"id": "h-2023-thap-sang", "date": "2023-10-20", "supporters": ["ban-noi-chinh", "dien-luc"],
     "title": "Thắp sáng đường quê thôn Nà Loạn và thôn Khau Cưởm", "criteria": ["4"],
     "description": "Tổng giá trị các nội dung trên 354 triệu đồng",
     "items": [_item("works", "Công trình thắp sáng đường quê", 2, "công trình", 349_000_000)]},
    {"id": "h-2023-qua-hoc-sinh", "date": "2023-10-20", "supporters": ["ban-noi-chinh", "dien-luc"],
     "title": "Tặng quà cho học sinh có hoàn cảnh khó khăn tại Trường Tiểu học và THCS", "criteria": ["14"],
     "items": [_item("gift", "Suất quà", 10, "suất", 5_000_000)]},
    {"id": "h-2024-duong-noi-dong", "date": "2024-04-18", "supporters": ["bchqs"],
     "title": "Làm đường giao thông nội đồng thôn Nà Lần", "village": "Nà Lần", "criteria": ["2"],
     "items": [_item("labour", "Ngày công", 200, "ngày công", 60_000_000),
               _item("material", "Cát", 50, "m³", 17_500_000), _item("works", "Đường nội đồng", 450, "m")]},
    {"id": "h-2025-nha-van-hoa", "date": "2025-03-25", "supporters": ["so-noi-vu"],
     "title": "Hỗ trợ xây dựng nhà văn hóa thôn Nà Lần", "village": "Nà Lần", "criteria": ["6"],
     "items": [_item("cash", "Tiền mặt", 50_000_000, "đồng")]},
    {"id": "h-2025-xoa-nha-tam", "date": "2025-07-02", "supporters": ["mttq-tn"],
     "title": "Hỗ trợ xóa nhà tạm, nhà dột nát", "criteria": ["9", "11"], "beneficiaries": {"households": 1},
     "items": [_item("cash", "Tiền mặt", 60_000_000, "đồng"), _item("labour", "Ngày công", 45, "ngày công")]},
    {"id": "h-2026-den", "date": "2026-03-10", "supporters": ["dien-luc-tn"],
     "title": "Thay đèn chiếu sáng công cộng tiết kiệm điện", "village": "Nà Loạn", "criteria": ["2"],
     "items": [_item("equipment", "Đèn LED", 40, "bộ", 48_000_000)]},
]

CADRES = [
    {"id": "cb-2016", "name": "Ma Văn Hòa", "supporter": "vp-ubnd",
     "position": "Chuyên viên Phòng Kinh tế, Văn phòng UBND tỉnh Bắc Kạn",
     "start": "2016-03-01", "end": "2016-12-31",
     "note": "Giúp xây dựng văn bản, hồ sơ, thủ tục nông thôn mới (người và chức vụ là số liệu mẫu)"},
    {"id": "cb-2017", "name": "Đinh Thị Lan", "position": "Chuyên viên", "supporter": "so-nn",
     "start": "2017-02-01", "end": "2017-12-31", "note": "Cán bộ biệt phái hỗ trợ xã hoàn thành tiêu chí"},
    {"id": "cb-2025", "name": "Lục Văn Thắng", "position": "Chuyên viên Phòng Xây dựng chính quyền",
     "supporter": "so-noi-vu-tn", "start": "2025-09-01",
     "note": "Cán bộ tăng cường sau khi hợp nhất tỉnh (từ 01/7/2025)"},
]

EVENTS = [
    {"id": "ev-2019-to-cong-tac", "date": "2019-03-15", "supporters": ["so-noi-vu"],
     "title": "Tổ công tác hướng dẫn cải cách hành chính, chuẩn hóa đội ngũ cán bộ, công chức xã",
     "participants": 25, "criteria": ["18"]},
    {"id": "ev-2023-hoi-nghi", "date": "2023-06-30", "village": "Pác Châm", "supporters": ["ban-dan-van"],
     "title": "Hội nghị tuyên truyền về xây dựng nông thôn mới", "participants": 80, "criteria": ["18"]},
    {"id": "ev-2023-ve-sinh", "date": "2023-07-22", "supporters": ["ban-dan-van"],
     "title": "Ra quân tổng vệ sinh đường làng, ngõ xóm thôn Nà Lần và thôn Pác Châm", "criteria": ["17"],
     "note": "Kết hợp tuyên truyền xây dựng cảnh quan môi trường xanh - sạch - đẹp"},
    {"id": "ev-2026-trien-khai", "date": "2026-01-16", "supporters": ["so-noi-vu-tn"],
     "title": "Hội nghị triển khai xây dựng nông thôn mới giai đoạn 2026–2030 của xã", "participants": 95,
     "note": "Sau khi sắp xếp đơn vị hành chính, xã báo cáo Văn phòng Điều phối nông thôn mới "
             "tỉnh Thái Nguyên"},
]
# fmt: on


# Rates where less is better, year by year (%): multidimensional poverty falls from about a third of
# households, stunting of under-fives from about a quarter — what a poor mountain commune reports.
LOWER_IS_BETTER = {
    "11": {2022: 31.6, 2023: 24.8, 2024: 17.9, 2025: 9.7},
    "15.3": {2022: 26.4, 2023: 24.1, 2024: 22.5, 2025: 19.8},
}


def _percent(code: str, year: int, met: bool, position: int) -> float:
    if code in LOWER_IS_BETTER:
        return LOWER_IS_BETTER[code][year]
    return 85 + position % 12 if met else 55 + position % 20


def _indicator_entry(year: int, code: str, kind: str, position: int, met: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": f"a-{year}-{code}", "year": year, "indicator": code}
    if code == "3.1":  # a threshold is known (≥ 80%): the app judges it
        entry["value"] = 82.5 if year == 2023 else (85 if met else 75)
        return entry
    if code == "3.2":
        entry["value"] = met
        return entry
    if kind == "boolean":
        entry["value"] = met
    elif kind == "percent":
        entry["value"] = _percent(code, year, met, position)
    elif kind == "level":
        entry["value"] = "Mức độ 2" if met else "Mức độ 1"
    elif code == "10":
        entry["value"] = INCOME[year]
    else:
        entry["value"] = 4 if met else 2
    entry["met"] = met
    return entry


def assessments() -> list[dict[str, Any]]:
    """2022–2025 under the 2021–2025 set (every indicator), 2026 under 2026–2030 (whole criteria)."""
    sets = {cs.id: cs for cs in builtin_sets()}
    out: list[dict[str, Any]] = []
    for year, met in MET_BY_YEAR.items():
        for c in sets[OLD_SET].criteria:
            if year == 2023 and c.code == "19":  # judged as a whole that year, as in the example file
                out.append(dict(EXAMPLE["a-2023-19"]))
                continue
            for n, ind in enumerate(c.indicators):
                partly = (
                    n == 0 and len(c.indicators) > 1
                )  # an unmet criterion still meets its first indicator
                out.append(_indicator_entry(year, ind.code, ind.kind, n, c.code in met or partly))
    note = "Tự đánh giá đầu kỳ theo Bộ tiêu chí 2026–2030"
    for c in sets[NEW_SET].criteria:
        out.append(
            {
                "id": f"a-2026-{c.code}",
                "year": 2026,
                "criterion": c.code,
                "met": c.code in MET_2026,
                "note": note,
            }
        )
    out = [dict(EXAMPLE.get(e["id"], e)) for e in out]
    for entry in out:
        if entry["id"] not in EXAMPLE:
            entry["assessed_on"] = f"{entry['year']}-12-15" if entry["year"] < 2026 else "2026-06-30"
            entry["assessed_by"] = ASSESSOR
    return out


def document() -> dict[str, Any]:
    """The whole sample as one records-v1 document."""
    return {
        "format": "ntm-records",
        "version": 1,
        "unit": unit_doc(PROFILE.cleaned()),
        "assessments": assessments(),
        "supporters": SUPPORTERS,
        "assignments": ASSIGNMENTS,
        "help": HELP,
        "cadres": CADRES,
        "events": EVENTS,
    }


def fill_demo(ws: Workspace) -> str:
    """Fill the sample commune into ``ws`` (a new data file, or one that already holds the sample)."""
    if ws.receiver.is_receiver():
        raise Conflict(
            tr(
                "{path} is a receiving unit's data file; the sample commune was not written into it. "
                "Run the demo without --db/--data-dir (it uses a folder of its own), or give a new folder.",
                path=str(ws.path),
            )
        )
    code = ws.unit.home_code()
    if code is not None and code != CODE:
        raise Conflict(
            tr(
                "This data file already holds commune {code}. Put the sample in a new data file: "
                "ntm-desktop --db demo.sqlite demo",
                code=code,
            )
        )
    profile = PROFILE.cleaned()
    if code is None or ws.unit.home() != with_current_group(profile, vntime.today().year):
        ws.unit.setup(profile)
    result = ws.records.import_data(document())
    mark_sample(ws)
    return summary(ws, result.changed)


SAMPLE_SETTING = "sample_data"
"""Set in a data file made by ``demo``: the window title says it holds sample data."""


def mark_sample(ws: Workspace) -> None:
    if ws.settings.get(SAMPLE_SETTING) is not True:
        ws.settings.set(SAMPLE_SETTING, True)


def signing_instructions(path: Path) -> str:
    """How to sign the sample's report: make a test certificate, then sign (the passphrase in a variable)."""
    folder = path.parent
    key = folder / "ky-thu.p12"
    report = folder / f"bao-cao-{YEAR_TO_SIGN}.pdf"
    return tr(
        "To sign the sample report: on the Reports page, New signing key… makes a key file, then Sign…; "
        "or on the command line:\n"
        "  export NTM_PASS=mat-khau-thu\n"
        '  ntm-desktop --db {db} certificate new --name "{signer}" --title "{title}" --out {key} '
        "--passphrase-env NTM_PASS\n"
        "  ntm-desktop --db {db} report commune --year {year} --out {report} --sign --key {key} "
        "--passphrase-env NTM_PASS",
        db=str(path),
        signer=SIGNER_NAME,
        title=SIGNER_TITLE,
        key=str(key),
        year=YEAR_TO_SIGN,
        report=str(report),
    )


def summary(ws: Workspace, changed: int) -> str:
    """What the sample holds, a line for each thing, as a new user reads it in the terminal."""
    totals = ws.help.totals()
    lines = [
        tr("Sample commune ready: {name}, code {code}.", name=PROFILE.name, code=CODE),
        "  " + tr("Data file: {path}", path=str(ws.path)),
        "  "
        + tr(
            "Help received: {records} records worth {value} ({cash} of it in cash), from {supporters} "
            "supporters.",
            records=totals.records,
            value=format_scaled(totals.value_vnd),
            cash=format_scaled(totals.cash_vnd),
            supporters=ws.supporters.count(),
        ),
        "  "
        + tr(
            "Seconded cadres: {cadres}; events: {events}.", cadres=ws.cadres.count(), events=ws.events.count()
        ),
        "  " + tr("Criteria met: {progress}.", progress=_progress(ws)),
        "  "
        + (
            trn("This run added or updated {n} record.", "This run added or updated {n} records.", changed)
            if changed
            else tr("The sample was already there; nothing changed.")
        ),
    ]
    return "\n".join(lines)


def _progress(ws: Workspace) -> str:
    """ "2022: 9/19 · … · 2026: 4/10 (2026–2030 set)": the year a new criteria set begins says so."""
    parts, before = [], None
    for h in ws.progress.history():
        text = f"{h.year}: {h.met}/{h.total}"
        if before is not None and h.set_id != before:
            cs = ws.criteria.get(h.set_id)
            text += " " + tr("({start}–{end} set)", start=cs.period_from, end=cs.period_to)
        parts.append(text)
        before = h.set_id
    return " · ".join(parts)
