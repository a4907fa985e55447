"""The criteria-set workbook: what each sheet, row and column holds (``docs/criteria-set-format.md``,
"Excel").

Three sheets. **Bộ tiêu chí**: one row per field of the set (label in A, value in B). **Nhóm tiêu chí**:
one row per group of criteria. **Chỉ tiêu**: a criterion's row (its code, e.g. ``2``) followed by the rows
of its indicators (``2.1``, ``2.2`` …), in the order of Phụ lục I; thresholds one column per commune group
(or region) after the general one. Headers are Vietnamese (the workbook is the clerk's, like Phụ lục I);
reading matches them ignoring accents and case, and ignores the columns' order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ntm_desktop.core.text import fold
from ntm_desktop.core.units import REGIONS as REGION_NAMES
from ntm_desktop.criteria.model import COMMUNE_GROUPS, REGIONS, Dimension

SET_SHEET = "Bộ tiêu chí"
GROUPS_SHEET = "Nhóm tiêu chí"
ITEMS_SHEET = "Chỉ tiêu"
GUIDE_SHEET = "Hướng dẫn"

SET_ROWS: tuple[tuple[str, str], ...] = (
    ("id", "Mã bộ tiêu chí"),
    ("revision", "Phiên bản"),
    ("name_vi", "Tên bộ tiêu chí"),
    ("name_en", "Tên tiếng Anh"),
    ("level", "Cấp"),
    ("period_from", "Áp dụng từ năm"),
    ("period_to", "Đến năm"),
    ("document", "Văn bản ban hành"),
    ("part", "Phần của văn bản"),
    ("date", "Ngày ban hành"),
    ("issuer", "Cơ quan ban hành"),
    ("effective", "Ngày có hiệu lực"),
    ("dimension", "Ngưỡng khác nhau theo"),
    ("sources", "Nguồn (mỗi dòng một địa chỉ)"),
    ("note_vi", "Ghi chú"),
    ("note_en", "Ghi chú tiếng Anh"),
)
"""(key, label) of the set sheet's rows, from row 2 (row 1 is the sheet's header)."""

GROUP_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Mã nhóm"),
    ("name_vi", "Tên nhóm"),
    ("name_en", "Tên tiếng Anh"),
    ("confirmed", "Đã đối chiếu văn bản"),
)

LEVEL_LABELS: Mapping[str, str] = {
    "ntm": "Xã nông thôn mới",
    "nang_cao": "Xã nông thôn mới nâng cao",
    "kieu_mau": "Xã nông thôn mới kiểu mẫu",
    "hien_dai": "Xã nông thôn mới hiện đại",
}
DIMENSION_LABELS: Mapping[str, str] = {"group": "Nhóm xã", "region": "Vùng"}
KIND_LABELS: Mapping[str, str] = {
    "percent": "Tỷ lệ (%)",
    "number": "Số",
    "boolean": "Có/Không",
    "level": "Mức",
}
DIRECTION_LABELS: Mapping[str, str] = {">=": "≥", "<=": "≤", "=": "="}
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    wrap: bool = False


def key_header(dimension: Dimension, key: str) -> str:
    """ "Nhóm 2", or a region by its name and code: "Trung du miền núi phía Bắc (TDMNPB)"."""
    return f"Nhóm {key}" if dimension == "group" else f"{REGION_NAMES[key][0]} ({key})"


def requirement_header(dimension: Dimension, key: str) -> str:
    return f"Yêu cầu riêng – {key_header(dimension, key)}"


def keys_of(dimension: Dimension) -> tuple[str, ...]:
    return COMMUNE_GROUPS if dimension == "group" else REGIONS


def item_columns(dimension: Dimension) -> tuple[Column, ...]:
    """The columns of the items sheet for a set whose thresholds vary by ``dimension``."""
    keys = keys_of(dimension)
    return (
        Column("code", "Mã", 7),
        Column("group", "Nhóm tiêu chí", 8),
        Column("name_vi", "Tiêu chí, chỉ tiêu", 48, wrap=True),
        Column("name_en", "Tên tiếng Anh", 24, wrap=True),
        Column("kind", "Loại", 11),
        Column("unit", "Đơn vị", 11),
        Column("direction", "So sánh", 8),
        Column("general", "Chỉ tiêu chung", 10),
        *(Column(f"key:{k}", key_header(dimension, k), 10) for k in keys),
        Column("requirement_vi", "Yêu cầu (văn bản)", 36, wrap=True),
        Column("requirement_en", "Yêu cầu tiếng Anh", 24, wrap=True),
        *(Column(f"req:{k}", requirement_header(dimension, k), 24, wrap=True) for k in keys),
        Column("source_document", "Văn bản nguồn", 18),
        Column("source_part", "Điều, mục, phụ lục", 16),
        Column("source_date", "Ngày văn bản", 12),
        Column("delegated", "Do tỉnh quy định", 10),
        Column("confirmed", "Tên đã đối chiếu", 10),
        Column("threshold_confirmed", "Ngưỡng, yêu cầu đã đối chiếu", 12),
        Column("sources", "Nguồn (địa chỉ)", 30, wrap=True),
        Column("note", "Ghi chú", 30, wrap=True),
    )


def header_index(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Folded header → column, for reading."""
    return {fold(c.header): c for c in columns}


def from_label(labels: Mapping[str, str], raw: str) -> str | None:
    """The code whose label (or the code itself) is ``raw``, ignoring accents and case."""
    wanted = fold(raw)
    for code, label in labels.items():
        if wanted in (fold(code), fold(label)):
            return code
    return None
