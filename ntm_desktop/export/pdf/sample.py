"""A sample commune report, for previews, tests and the documentation.

The story is that of the seed article about Xã Bằng Thành (Sở Nội vụ tỉnh Bắc Kạn paving the road to
Trường Tiểu học Bằng Thành II with 40.000.000 đồng). The yearly criteria counts, the signer and the other
figures are illustrative, not taken from any source.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ntm_desktop.export.pdf.chart import criteria_chart
from ntm_desktop.export.pdf.fonts import FontFamily
from ntm_desktop.export.pdf.model import (
    Authority,
    Figure,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)

CRITERIA_BY_YEAR = [(2021, 11, 19), (2022, 12, 19), (2023, 14, 19), (2024, 15, 19), (2025, 17, 19)]

_HELP_ROWS = [
    (
        1,
        "Sở Nội vụ tỉnh Bắc Kạn",
        "Bê tông hóa đoạn đường hơn 60 m vào Trường Tiểu học Bằng Thành II",
        Decimal("40.00"),
        30,
        Decimal("49.50"),
    ),
    (
        2,
        "Công ty Điện lực Bắc Kạn",
        "Thắp sáng đường thôn, tặng quà học sinh có hoàn cảnh khó khăn",
        Decimal("12.00"),
        45,
        Decimal("86.25"),
    ),
    (
        3,
        "Nhân dân trong xã",
        "Hiến đất, góp ngày công làm đường giao thông nông thôn",
        Decimal("0.00"),
        1240,
        Decimal("310.00"),
    ),
]


def _help_table() -> Table:
    cash = sum((r[3] for r in _HELP_ROWS), Decimal("0.00"))
    days = sum(r[4] for r in _HELP_ROWS)
    value = sum((r[5] for r in _HELP_ROWS), Decimal("0.00"))
    return Table(
        header=[("TT", "Cơ quan, đơn vị hỗ trợ", "Nội dung hỗ trợ", "Tiền mặt", "Ngày công", "Quy ra tiền")],
        rows=[*((*r[:3], r[3] or "", *r[4:]) for r in _HELP_ROWS), ("", "Tổng cộng", "", cash, days, value)],
        widths=(0.6, 2.5, 3.6, 1.3, 1.3, 1.4),
        centred=(0,),
        numeric=(3, 4, 5),
        total_rows=1,
        unit="ĐVT: triệu đồng",
        caption="Bảng 2. Nguồn lực hỗ trợ xây dựng nông thôn mới năm 2025",
    )


def _criteria_table() -> Table:
    rows = [
        (year, met, total - met, f"{met * 100 / total:.1f}".replace(".", ","))
        for year, met, total in CRITERIA_BY_YEAR
    ]
    return Table(
        header=[("Năm", "Số tiêu chí đạt", "Số tiêu chí chưa đạt", "Tỷ lệ đạt (%)")],
        rows=[(str(y), m, n, p) for y, m, n, p in rows],
        widths=(1, 2, 2, 2),
        centred=(0,),
        numeric=(3,),
        caption="Bảng 1. Kết quả thực hiện các tiêu chí giai đoạn 2021–2025",
    )


_BODY_TEXT = {
    "intro": (
        "Xã Bằng Thành (trước ngày 01/7/2025 thuộc huyện Pác Nặm, tỉnh Bắc Kạn) nay thuộc tỉnh Thái "
        "Nguyên; đời sống của Nhân dân còn nhiều khó khăn. Năm 2025, được sự quan tâm của cấp trên và "
        "sự giúp đỡ của các cơ quan, đơn vị được phân công, Ủy ban nhân dân xã đã tập trung chỉ đạo duy "
        "trì và nâng cao chất lượng các tiêu chí đã đạt, hoàn thiện các tiêu chí còn thiếu."
    ),
    "direction": (
        "Ủy ban nhân dân xã đã ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng "
        "nông thôn mới năm 2025; tổ chức 14 hội nghị tuyên truyền tại các thôn với trên 900 lượt "
        "người tham dự; phối hợp với Mặt trận Tổ quốc và các đoàn thể vận động Nhân dân hiến đất, góp "
        "ngày công làm đường giao thông, vệ sinh đường làng, ngõ xóm."
    ),
    "criteria": (
        "Đến ngày 31/12/2025, xã đạt 17/19 tiêu chí, tăng 02 tiêu chí so với năm 2024 (tiêu chí số 2 "
        "về Giao thông và tiêu chí số 18 về Hệ thống chính trị và tiếp cận pháp luật). Kết quả qua "
        "các năm như sau:"
    ),
    "help": (
        "Trong năm, các cơ quan, đơn vị được phân công giúp đỡ và Nhân dân trong xã đã hỗ trợ, đóng "
        "góp với tổng giá trị quy ra tiền là 445,75 triệu đồng, trong đó 52,00 triệu đồng tiền mặt và "
        "1.315 ngày công lao động. Sở Nội vụ tỉnh Bắc Kạn hỗ trợ 40.000.000 đồng từ quỹ tiết kiệm do "
        "công chức, viên chức, người lao động của Sở đóng góp để bê tông hóa đoạn đường vào Trường "
        "Tiểu học Bằng Thành II."
    ),
    "limits": (
        "Hai tiêu chí chưa đạt là tiêu chí số 10 về Thu nhập và tiêu chí số 19 về Quốc phòng và An "
        "ninh. Nguồn lực đầu tư còn hạn chế; một số công trình sau đầu tư chưa được duy tu, bảo dưỡng "
        "thường xuyên."
    ),
    "plan": (
        "Năm 2026, xã phấn đấu duy trì 17 tiêu chí đã đạt, tập trung hoàn thành tiêu chí số 19; tiếp "
        "tục phối hợp với các cơ quan, đơn vị được phân công giúp đỡ để huy động nguồn lực, ưu tiên "
        "các công trình dân sinh tại các thôn đặc biệt khó khăn."
    ),
    "end": (
        "Trên đây là báo cáo kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới năm 2025 của "
        "Ủy ban nhân dân xã Bằng Thành./."
    ),
}


def sample_report(family: FontFamily | None = None) -> OfficialDocument:
    """Xã Bằng Thành's report on the NTM criteria in 2025, three pages with two tables and a chart."""
    t = _BODY_TEXT
    return OfficialDocument(
        agency=("Ủy ban nhân dân", "Xã Bằng Thành"),
        number=5,
        type_code="BC",
        issuer_code="UBND",
        place="Bằng Thành",
        date=dt.date(2026, 1, 5),
        doc_type="Báo cáo",
        title="Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới năm 2025",
        recipients=("Ủy ban nhân dân tỉnh Thái Nguyên", "Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên"),
        body=(
            Heading("I. ĐẶC ĐIỂM TÌNH HÌNH"),
            Paragraph(t["intro"]),
            Heading("II. KẾT QUẢ THỰC HIỆN"),
            Heading("1. Công tác chỉ đạo, tuyên truyền", level=2),
            Paragraph(t["direction"]),
            Heading("2. Kết quả thực hiện các tiêu chí", level=2),
            Paragraph(t["criteria"]),
            _criteria_table(),
            Figure(criteria_chart(CRITERIA_BY_YEAR, family=family), "Biểu đồ 1. Số tiêu chí đạt qua các năm"),
            Heading("3. Nguồn lực hỗ trợ", level=2),
            Paragraph(t["help"]),
            _help_table(),
            Heading("III. TỒN TẠI, HẠN CHẾ"),
            Paragraph(t["limits"]),
            Heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026"),
            Paragraph(t["plan"]),
            Paragraph(t["end"]),
        ),
        signature=Signature(
            authority=Authority.TM, on_behalf_of="Ủy ban nhân dân", title="Chủ tịch", name="Hoàng Văn Thắng"
        ),
        distribution=(
            "Như trên",
            "Văn phòng Điều phối nông thôn mới tỉnh",
            "TT Đảng ủy, TT HĐND xã",
            "Chủ tịch, các PCT UBND xã",
            "Lưu: VT, VP",
        ),
        data_snapshot={
            "unit": {"code": "01234", "name": "Xã Bằng Thành", "province_name": "Thái Nguyên"},
            "year": 2025,
            "criteria_by_year": [{"year": y, "met": m, "total": n} for y, m, n in CRITERIA_BY_YEAR],
            "help": [
                {
                    "supporter": r[1],
                    "title": r[2],
                    "cash_million": r[3],
                    "labour_days": r[4],
                    "value_million": r[5],
                }
                for r in _HELP_ROWS
            ],
        },
    )
