"""Administrative units: the 34 provinces (from 1 July 2025), regions, commune groups, validation.

Province codes and names: QĐ 19/2025/QĐ-TTg as listed in ``shared/domain/ntm-domain.md`` §4.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean, text_problem, without_note

PROVINCES: dict[str, str] = {
    "01": "Thành phố Hà Nội",
    "04": "Cao Bằng",
    "08": "Tuyên Quang",
    "11": "Điện Biên",
    "12": "Lai Châu",
    "14": "Sơn La",
    "15": "Lào Cai",
    "19": "Thái Nguyên",
    "20": "Lạng Sơn",
    "22": "Quảng Ninh",
    "24": "Bắc Ninh",
    "25": "Phú Thọ",
    "31": "Thành phố Hải Phòng",
    "33": "Hưng Yên",
    "37": "Ninh Bình",
    "38": "Thanh Hóa",
    "40": "Nghệ An",
    "42": "Hà Tĩnh",
    "44": "Quảng Trị",
    "46": "Thành phố Huế",
    "48": "Thành phố Đà Nẵng",
    "51": "Quảng Ngãi",
    "52": "Gia Lai",
    "56": "Khánh Hòa",
    "66": "Đắk Lắk",
    "68": "Lâm Đồng",
    "75": "Đồng Nai",
    "79": "Thành phố Hồ Chí Minh",
    "80": "Tây Ninh",
    "82": "Đồng Tháp",
    "86": "Vĩnh Long",
    "91": "An Giang",
    "92": "Thành phố Cần Thơ",
    "96": "Cà Mau",
}

REGIONS: dict[str, tuple[str, str]] = {
    "TDMNPB": ("Trung du miền núi phía Bắc", "Northern midlands and mountains"),
    "DBSH": ("Đồng bằng sông Hồng", "Red River Delta"),
    "BTB": ("Bắc Trung Bộ", "North Central Coast"),
    "DHNTB": ("Duyên hải Nam Trung Bộ", "South Central Coast"),
    "TN": ("Tây Nguyên", "Central Highlands"),
    "DNB": ("Đông Nam Bộ", "Southeast"),
    "DBSCL": ("Đồng bằng sông Cửu Long", "Mekong Delta"),
}

UNIT_TYPES: dict[str, tuple[str, str]] = {
    "xa": ("Xã", "Commune"),
    "phuong": ("Phường", "Ward"),
    "dac_khu": ("Đặc khu", "Special zone"),
}

GROUPS = (1, 2, 3)

RECEIVING_LEVELS: dict[str, tuple[str, str]] = {
    "province": ("Cấp tỉnh (từ 01/7/2025)", "Province (from 1 July 2025)"),
    "district": ("Cấp huyện (trước 01/7/2025)", "District (before 1 July 2025)"),
}

_UNIT_CODE = re.compile(r"^[0-9]{5}$")

REFORM_DATE = dt.date(2025, 7, 1)
"""Two-tier local government from this day: the districts stopped receiving communes' reports
(shared/domain/ntm-domain.md §3); before it a commune reported to the UBND huyện."""

_DISTRICT_KINDS = ("Huyện ", "Thị xã ", "Thành phố ", "Quận ")


def district_committee(district_name: str) -> str:
    """ "Huyện Pác Nặm (tỉnh Bắc Kạn, trước 01/7/2025)" → "Ủy ban nhân dân huyện Pác Nặm"; "" if unknown."""
    name = " ".join(re.sub(r"\([^)]*\)", " ", district_name).split())
    if not name:
        return ""
    for kind in _DISTRICT_KINDS:
        if name.startswith(kind):
            name = kind.lower() + name[len(kind) :]
            break
    return f"Ủy ban nhân dân {name}"


_PERIOD = re.compile(r"^([0-9]{4})-([0-9]{4})$")
_TYPED_PERIOD = re.compile(r"^\s*([0-9]{4})\s*[-–—]\s*([0-9]{4})\s*$")


def years_text(first: int, last: int) -> str:
    """A span of years as the criteria decisions write it: "2021–2025" (en dash), "2025" for one year."""
    return f"{first}–{last}" if first != last else str(first)


def period_text(period: str) -> str:
    """A stored period ("2026-2030", the key of :attr:`UnitProfile.groups`) as the app writes it:
    "2026–2030"; anything else as it is."""
    found = _PERIOD.match(period)
    return years_text(int(found[1]), int(found[2])) if found else period


def period_key(typed: str) -> str:
    """A period as typed ("2026-2030", "2026–2030", "2026 - 2030") as it is stored: "2026-2030"; anything
    else as it is (the profile's check refuses it)."""
    found = _TYPED_PERIOD.match(typed)
    return f"{found[1]}-{found[2]}" if found else typed


def _group_problems(groups: tuple[tuple[str, int], ...]) -> list[Problem]:
    problems: list[Problem] = []
    seen: list[tuple[int, int]] = []
    for i, (period, group) in enumerate(groups):
        found = _PERIOD.match(period)
        if found is None or int(found[1]) > int(found[2]):
            problems.append(Problem(f"unit.groups[{i}]", tr("A period is written like 2026-2030")))
            continue
        span = (int(found[1]), int(found[2]))
        if any(a <= span[1] and span[0] <= b for a, b in seen):
            problems.append(
                Problem(f"unit.groups[{i}]", tr("The period {period} overlaps another", period=period))
            )
        seen.append(span)
        if group not in GROUPS:
            problems.append(Problem(f"unit.groups[{i}]", tr("The commune group must be 1, 2 or 3")))
    return problems


NATIONAL_CODE = "00"
"""The national office's code in this app: a placeholder of its own (no official code exists for it in
QĐ 19/2025/QĐ-TTg); it is what the provinces address their roll-up bundles to."""
NATIONAL_NAME = "Văn phòng Điều phối nông thôn mới Trung ương"


def default_receiving_unit(province_code: str) -> str:
    """Since the two-tier reform, communes report to the province's NTM coordination office (and the
    provinces to the national office, ``00``)."""
    if province_code == NATIONAL_CODE:
        return NATIONAL_NAME
    place = province_place(province_code)
    return f"Văn phòng Điều phối nông thôn mới {place}" if place else ""


def province_place(province_code: str) -> str:
    """ "tỉnh Thái Nguyên", "thành phố Hà Nội" (as written after another word); "" if unknown."""
    name = PROVINCES.get(province_code, "")
    if name.startswith("Thành phố "):
        return f"thành phố {name.removeprefix('Thành phố ')}"
    return f"tỉnh {name}" if name else ""


def unit_label(code: str, name: str = "") -> str:
    """A unit as a message names it, by its place when the app knows it: "xã Bằng Thành (01234)" (``name``:
    the commune's own, from its profile, the units table or its bundle), "tỉnh Thái Nguyên (19)" (a
    province's office, by the list of provinces: a province's code alone, "tỉnh 19", means nothing to a
    commune officer), "Trung ương" for the national office. By its code alone when no name is known
    ("xã 01234"; a district's office before the reform, "tỉnh 123")."""
    if code == NATIONAL_CODE:
        return tr("the national office")
    place = province_place(code) if len(code) == 2 else _commune_place(name) if len(code) == 5 else ""
    if place:
        return tr("{place} ({code})", place=place, code=code)
    return tr("commune {code}", code=code) if len(code) == 5 else tr("province {code}", code=code)


def _commune_place(name: str) -> str:
    """ "Xã Bằng Thành (dữ liệu mẫu)" → "xã Bằng Thành": as written after another word, without its note
    (never brackets in brackets)."""
    return _UNIT_WORD.sub(lambda m: m[1].lower(), without_note(name))


_UNIT_WORD = re.compile(r"^(Xã|Phường|Đặc khu)(?=\s)")


@dataclass(frozen=True)
class Officer:
    name: str
    title: str = ""
    signs_as: str = ""
    is_signer: bool = False


@dataclass(frozen=True)
class UnitProfile:
    code: str
    name: str
    province_code: str
    type: str = "xa"
    province_name: str = ""
    district_name: str = ""
    region: str | None = None
    group: int | None = None
    """The commune group (1–3) of the period of the current year; see :attr:`groups`."""
    villages: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    receiving_unit_name: str = ""
    receiving_unit_level: str = "province"
    officers: tuple[Officer, ...] = field(default_factory=tuple)
    former_receiving_unit: str = ""
    """Who received the commune's reports before 1 July 2025 (default: the UBND of ``district_name``)."""

    def receiving_unit_at(self, day: dt.date) -> str:
        """Who a report about a period ending on ``day`` is addressed to: the district before the reform
        (when the profile names it), else the receiving unit."""
        if day >= REFORM_DATE or self.receiving_unit_level == "district":
            return self.receiving_unit_name
        former = self.former_receiving_unit or district_committee(self.district_name)
        return former or self.receiving_unit_name

    def _text_problems(self) -> list[Problem]:
        """Names and places: not too long, no control characters (a bundle's unit is read through here)."""
        texts = [
            ("unit.name", self.name),
            ("unit.province_name", self.province_name),
            ("unit.district_name", self.district_name),
            ("unit.receiving_unit_name", self.receiving_unit_name),
            *((f"unit.villages[{i}]", v) for i, v in enumerate(self.villages)),
            *((f"unit.officers[{i}].name", o.name) for i, o in enumerate(self.officers)),
            *((f"unit.officers[{i}].title", o.title) for i, o in enumerate(self.officers)),
        ]
        found = [(path, text_problem(text)) for path, text in texts if isinstance(text, str)]
        return [Problem(path, problem) for path, problem in found if problem]

    groups: tuple[tuple[str, int], ...] = ()
    """The commune group per period of a set that groups communes (QĐ 51/2025/QĐ-TTg: 2026–2030), e.g.
    ``(("2026-2030", 2),)``: a commune can be group 2 in 2026–2030 whatever it was before."""

    def group_for(self, year: int) -> int | None:
        """The commune's group in ``year``: its period's; a profile that never said a period (older files)
        has only :attr:`group`."""
        for period, group in self.groups:
            first, _, last = period.partition("-")
            if (
                first.isascii()
                and first.isdigit()
                and last.isascii()
                and last.isdigit()
                and int(first) <= year <= int(last)
            ):
                return group
        return None if self.groups else self.group

    def cleaned(self) -> UnitProfile:
        """Trimmed NFC text, defaults filled in; raises :class:`InvalidInput` listing every problem."""
        problems: list[Problem] = []
        code = clean(self.code)
        if not _UNIT_CODE.match(code):
            problems.append(Problem("unit.code", tr("The unit code must be exactly 5 digits, like 01234")))
        name = clean(self.name)
        if not name:
            problems.append(Problem("unit.name", tr("The commune name is required")))
        province = clean(self.province_code)
        if province not in PROVINCES:
            problems.append(
                Problem("unit.province_code", tr("“{code}” is not a province code", code=province))
            )
        if self.type not in UNIT_TYPES:
            problems.append(Problem("unit.type", tr("The unit type must be xã, phường or đặc khu")))
        if self.region is not None and self.region not in REGIONS:
            problems.append(Problem("unit.region", tr("“{region}” is not a region code", region=self.region)))
        if self.group is not None and self.group not in GROUPS:
            problems.append(Problem("unit.group", tr("The commune group must be 1, 2 or 3")))
        problems += _group_problems(self.groups)
        predecessors = tuple(clean(p) for p in self.predecessors if clean(p))
        for i, pred in enumerate(predecessors):
            if not _UNIT_CODE.match(pred):
                problems.append(
                    Problem(
                        f"unit.predecessors[{i}]", tr("The unit code must be exactly 5 digits, like 01234")
                    )
                )
        if self.receiving_unit_level not in RECEIVING_LEVELS:
            problems.append(Problem("unit.receiving_unit_level", tr("Unknown receiving level")))
        problems += self._text_problems()
        if problems:
            raise InvalidInput(problems)
        villages = tuple(dict.fromkeys(clean(v) for v in self.villages if clean(v)))
        officers = tuple(
            Officer(clean(o.name), clean(o.title), clean(o.signs_as), o.is_signer)
            for o in self.officers
            if clean(o.name)
        )
        return replace(
            self,
            code=code,
            name=name,
            province_code=province,
            province_name=clean(self.province_name) or PROVINCES[province],
            district_name=clean(self.district_name),
            villages=villages,
            predecessors=predecessors,
            receiving_unit_name=clean(self.receiving_unit_name) or default_receiving_unit(province),
            former_receiving_unit=clean(self.former_receiving_unit),
            officers=officers,
            groups=tuple(sorted(dict(self.groups).items())),
        )
