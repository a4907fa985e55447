"""The fixed vocabularies of the ledger: kinds of supporter, kinds of item, common units.

Codes are the records-v1 values; labels are what the officer sees (Vietnamese first, English second).
"""

from __future__ import annotations

from datetime import date

from ntm_desktop.core.i18n import language
from ntm_desktop.core.text import fold

SUPPORTER_KINDS: dict[str, tuple[str, str]] = {
    "agency": ("Cơ quan, đơn vị", "Agency"),
    "party_body": ("Cơ quan Đảng", "Party body"),
    "mass_org": ("Mặt trận, đoàn thể", "Front or mass organisation"),
    "company": ("Doanh nghiệp", "Company"),
    "armed_forces": ("Lực lượng vũ trang", "Armed forces"),
    "individual": ("Cá nhân", "Individual"),
    "other": ("Khác", "Other"),
}

ITEM_KINDS: dict[str, tuple[str, str]] = {
    "cash": ("Tiền mặt", "Cash"),
    "labour": ("Ngày công lao động", "Labour"),
    "material": ("Vật liệu", "Materials"),
    "gift": ("Quà", "Gifts"),
    "equipment": ("Trang thiết bị", "Equipment"),
    "goods": ("Hàng hóa, đồ dùng", "Goods"),
    "service": ("Dịch vụ", "Services"),
    "works": ("Công trình", "Works"),
    "other": ("Khác", "Other"),
}

FUNDING_SOURCES: dict[str, tuple[str, str]] = {
    "central_budget": ("Ngân sách trung ương", "Central budget"),
    "province_budget": ("Ngân sách tỉnh", "Province budget"),
    "district_budget": ("Ngân sách huyện", "District budget"),
    "commune_budget": ("Ngân sách xã", "Commune budget"),
    "integrated": ("Vốn lồng ghép", "Integrated programme funds"),
    "credit": ("Vốn tín dụng", "Credit"),
    "enterprise": ("Doanh nghiệp", "Enterprises"),
    "community": ("Cộng đồng dân cư", "Community contributions"),
    "other": ("Khác", "Other"),
}
"""Where a help record's resources came from (nguồn vốn), in the order reports list them. The groups are
those provinces report NTM resources by (e.g. Sở NN&PTNT Hòa Bình, 2011–2014: ngân sách T.Ư, tỉnh, huyện,
xã; vốn lồng ghép; doanh nghiệp; tín dụng; cộng đồng dân cư; khác). See docs/records-format.md."""

DISTRICTS_ENDED = date(2025, 7, 1)
"""The district tier stopped operating on 1 July 2025 (two-tier local government): help received from
that day on cannot come from a district budget."""

UNSPECIFIED = "unspecified"
"""The key totals use for help whose funding source was not recorded."""

CASH_UNIT = "đồng"

COMMON_UNITS: tuple[str, ...] = (
    "đồng",
    "ngày công",
    "tấn",
    "kg",
    "m",
    "m²",
    "m³",
    "km",
    "suất",
    "bộ",
    "cuốn",
    "chiếc",
    "cái",
    "con",
    "cây",
    "lượt người",
    "người",
    "hộ",
    "căn nhà",
    "công trình",
)
"""Units offered in pick lists. Any other unit may be typed."""

DEFAULT_UNITS: dict[str, str] = {"cash": CASH_UNIT, "labour": "ngày công", "works": "công trình"}
"""The unit a new item line of that kind starts with."""


def _label(table: dict[str, tuple[str, str]], code: str) -> str:
    vi, en = table.get(code, (code, code))
    return en if language() == "en" else vi


def supporter_kind_label(code: str) -> str:
    return _label(SUPPORTER_KINDS, code)


def item_kind_label(code: str) -> str:
    return _label(ITEM_KINDS, code)


def funding_source_label(code: str) -> str:
    """ "Ngân sách xã"; for help with no source recorded, "Chưa xác định nguồn"."""
    if code in ("", UNSPECIFIED):
        return "Source not recorded" if language() == "en" else "Chưa xác định nguồn"
    return _label(FUNDING_SOURCES, code)


def funding_source_choices() -> str:
    """ "central_budget (Ngân sách trung ương), …" for messages and help texts."""
    return ", ".join(f"{code} ({funding_source_label(code)})" for code in FUNDING_SOURCES)


def find_funding_source(text: str) -> str | None:
    """The source named by a code or a label in either language ("ngân sách xã", "commune_budget")."""
    return _lookup(FUNDING_SOURCES, text) or _FUNDING_ALIASES.get(fold(text))


def item_kind_choices() -> str:
    """ "cash (Tiền mặt), labour (Ngày công lao động), …" for messages that list the kinds."""
    return ", ".join(f"{code} ({item_kind_label(code)})" for code in ITEM_KINDS)


def default_item_name(kind: str) -> str:
    """The name an item line gets when none is given (records-v1: "default: the kind's name")."""
    return ITEM_KINDS.get(kind, (kind, kind))[0]


def _lookup(table: dict[str, tuple[str, str]], text: str) -> str | None:
    key = fold(text)
    for code, (vi, en) in table.items():
        if key in (fold(code), fold(vi), fold(en)):
            return code
    return None


def find_item_kind(text: str) -> str | None:
    """The item kind named by a code or a label in either language ("tiền mặt", "Cash", "cash")."""
    return _lookup(ITEM_KINDS, text) or _ITEM_ALIASES.get(fold(text))


def find_supporter_kind(text: str) -> str | None:
    return _lookup(SUPPORTER_KINDS, text) or _SUPPORTER_ALIASES.get(fold(text))


_ITEM_ALIASES = {
    "tien": "cash",
    "kinh phi": "cash",
    "ngay cong": "labour",
    "lao dong": "labour",
    "vat lieu": "material",
    "qua": "gift",
    "suat qua": "gift",
    "thiet bi": "equipment",
    "hang hoa": "goods",
    "do dung": "goods",
    "kham chua benh": "service",
    "dat": "other",
    "dat hien": "other",
    "hien dat": "other",
}
_FUNDING_ALIASES = {
    "ngan sach trung uong": "central_budget",
    "ns trung uong": "central_budget",
    "nstw": "central_budget",
    "ngan sach nha nuoc trung uong": "central_budget",
    "ns tinh": "province_budget",
    "ns huyen": "district_budget",
    "ns xa": "commune_budget",
    "long ghep": "integrated",
    "tin dung": "credit",
    "cong dong": "community",
    "nhan dan dong gop": "community",
    "dan dong gop": "community",
}
_SUPPORTER_ALIASES = {
    "co quan": "agency",
    "dang": "party_body",
    "doan the": "mass_org",
    "mat tran": "mass_org",
    "cong ty": "company",
    "quan doi": "armed_forces",
    "ca nhan": "individual",
}
