"""Who the receiving workspace is, kept in its settings.

Since 1 July 2025 communes report to their province's NTM coordination office; before, to their
district. The level is a setting, with the receiving unit's code and name (``receiver_code`` and
``receiver_name``, the keys the sync service signs with), its parent agency (printed above it on
documents), the place of issue and who signs the summary report.
"""

from __future__ import annotations

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict, InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean, is_ascii_digits
from ntm_desktop.core.units import (
    NATIONAL_CODE,
    NATIONAL_NAME,
    PROVINCES,
    default_receiving_unit,
    unit_label,
)
from ntm_desktop.receiver.values import LEVELS, NATIONAL, ReceiverInfo
from ntm_desktop.services.settings import SettingsService
from ntm_desktop.services.unit import UnitService
from ntm_desktop.sync.context import RECEIVER

CODE, NAME = "receiver_code", "receiver_name"
LEVEL, PARENT, PROVINCE = "receiver_level", "receiver_parent", "receiver_province_code"
PLACE, SIGNER, SIGNER_TITLE = "receiver_place", "receiver_signer", "receiver_signer_title"
KEYS = {
    "code": CODE,
    "name": NAME,
    "level": LEVEL,
    "parent": PARENT,
    "province_code": PROVINCE,
    "place": PLACE,
    "signer_name": SIGNER,
    "signer_title": SIGNER_TITLE,
}


def _province_name(code: str) -> str:
    return PROVINCES.get(code, "")


def _bare(province: str) -> str:
    return province.removeprefix("Thành phố ")


def default_parent(level: str, province_code: str) -> str:
    """ "UBND tỉnh Thái Nguyên" above a province office; nothing known for a district."""
    name = _province_name(province_code)
    if level != "province" or not name:
        return ""
    word = "thành phố" if name.startswith("Thành phố ") else "tỉnh"
    return f"UBND {word} {_bare(name)}"


def read_info(settings: SettingsService, unit: UnitService) -> ReceiverInfo:
    home = unit.home() if unit.has_home() else None
    level = str(settings.get(LEVEL) or (home.receiving_unit_level if home else "") or "province")
    code = str(settings.get(CODE) or (home.province_code if home else "") or "")
    province = str(settings.get(PROVINCE) or (code if code in PROVINCES else "") or "")
    if not province and home is not None:
        province = home.province_code
    name = str(settings.get(NAME) or (home.receiving_unit_name if home else "") or "")
    if level == NATIONAL:
        name = name or NATIONAL_NAME
    name = name or default_receiving_unit(province) or _province_name(code) or code
    parent = str(settings.get(PARENT) or default_parent(level, province))
    place = str(settings.get(PLACE) or _bare(_province_name(province)))
    return ReceiverInfo(
        code=code,
        name=name,
        level=level,
        parent=parent,
        province_code=province,
        place=place,
        signer_name=str(settings.get(SIGNER) or ""),
        signer_title=str(settings.get(SIGNER_TITLE) or ""),
    )


def configure(settings: SettingsService, **values: str | None) -> Changes:
    """Set the given fields of :class:`ReceiverInfo` (``None`` leaves one as it is) and the role."""
    problems = _problems({k: clean(v) for k, v in values.items() if v is not None})
    if problems:
        raise InvalidInput(problems)
    changes = settings.set_role(RECEIVER) if settings.role != RECEIVER else Changes()
    for field, value in values.items():
        if value is not None and settings.get(KEYS[field]) != clean(value):
            changes = changes | settings.set(KEYS[field], clean(value))
    return changes | Changes.of(Kind.RECEIVER, action="receiver.configure")


def refuse_set_up(
    home: str | None, current: str, on_server: bool = False, home_name: str = "", current_name: str = ""
) -> None:
    """``receiver setup`` is for a new data file (or an empty database on a server): one that holds a
    commune (named by its place, "xã Bằng Thành (01234)") or a receiver (by its name and code, "Văn phòng
    Điều phối nông thôn mới tỉnh Thái Nguyên (19)") is refused."""
    if home is None and not current:
        return
    if home:
        what = unit_label(home, home_name)
    elif current_name:
        what = tr("{place} ({code})", place=current_name, code=current)
    else:
        what = tr("receiving unit {code}", code=current)
    if on_server:
        raise Conflict(
            tr(
                "This database already belongs to {what}; nothing was changed. To change the receiving "
                "unit's details: ntm-desktop receiver edit --name … --signer … (the code cannot change); "
                "for another unit, use a new, empty database (docs/postgresql.md, section 1).",
                what=what,
            )
        )
    raise Conflict(
        tr(
            "This data file already belongs to {what}; nothing was changed. To change the receiving "
            "unit's details: ntm-desktop receiver edit --name … --signer … (the code cannot change); "
            "for another unit, use a new data file (--db NEW.sqlite).",
            what=what,
        )
    )


def check_national(level: str, code: str) -> None:
    """The national office, and only it, has the code ``00`` (the app's placeholder)."""
    if code and (code == NATIONAL_CODE) != (level == NATIONAL):
        raise InvalidInput(
            tr(
                "The national office's code in this app is {code} (a placeholder, not an official code), "
                "and only the national office uses it",
                code=NATIONAL_CODE,
            ),
            "code",
        )


def check_new(code: str | None, **values: str | None) -> None:
    """What ``receiver setup`` is given, judged before any data file is made: a refused code or
    province leaves no empty file behind (a later command would then take it for a data file)."""
    level = values.get("level") or "province"
    check_national(level, clean(code) if code else (NATIONAL_CODE if level == NATIONAL else ""))
    given = {k: clean(v) for k, v in (values | {"code": code}).items() if v is not None}
    problems = _problems(given)
    if problems:
        raise InvalidInput(problems)


def refuse_recode(current: str, code: str | None) -> None:
    """A receiver's code never changes: its communes' bundles are addressed to it."""
    if code is not None and current and clean(code) != current:
        raise Conflict(
            tr(
                "This data file is receiving unit {code}'s; its code cannot become {new}. Nothing was "
                "changed.",
                code=current,
                new=code,
            )
        )


def _problems(values: dict[str, str]) -> list[Problem]:
    problems = [Problem(k, tr("Unknown setting {name}", name=k)) for k in values if k not in KEYS]
    level = values.get("level")
    if level is not None and level not in LEVELS:
        problems.append(Problem("level", tr("The receiving level must be district, province or national")))
    code = values.get("code")
    if code is not None and not (is_ascii_digits(code) and 2 <= len(code) <= 5):
        problems.append(Problem("code", tr("The receiving unit's code must be 2 to 5 digits")))

    province = values.get("province_code")
    if province is not None and province and province not in PROVINCES:
        problems.append(Problem("province_code", tr("“{code}” is not a province code", code=province)))
    return problems
