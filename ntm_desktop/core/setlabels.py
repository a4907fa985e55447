"""What the criteria-set editor calls a set's, a criterion's and an indicator's fields — the names a
criteria-set file's problems use too (:mod:`ntm_desktop.core.fieldlabels` asks here first inside a set).

    set_field("indicators", "direction")            # "So sánh", the editor's row label
    set_field("criteria_sets", "legal_basis.date")  # "Ngày ban hành"
    set_field("indicators", "threshold.by_group.2") # "Ngưỡng cho nhóm 2"
    threshold_name("general")                       # "Ngưỡng chung", the editor's box for it

The words are the editor's form's (ui/pages/criteria_sets/item_form builds its rows from here), so "the
comparison" of an indicator is "So sánh" on the form, in the editor's list of problems and in a problem of
a criteria-set file alike. A threshold's and a group's or region's requirement's boxes in the editor are
labelled by :func:`threshold_name` and :func:`requirement_name`, the words their problems use.
"""

from __future__ import annotations

from functools import cache

from ntm_desktop.core.i18n import language, tr

LEVELS = ("criteria_sets", "criteria", "indicators")
"""The set itself, one of its criteria, one of a criterion's indicators: what a field path sits in."""


def set_field(level: str, field: str) -> str | None:
    """``field`` (a dotted path inside one item: ``source.date``) of an item at ``level`` as the editor's
    form names it; None when the form has no such field."""
    if level not in LEVELS:
        return None
    head, _, rest = field.partition(".")
    if level == "indicators" and head == "threshold" and rest:
        kind, _, key = rest.partition(".")
        return threshold_name("general" if kind == "general" or not key else key)
    if level == "indicators" and head == "requirement_by_key" and rest:
        return requirement_name(rest)
    return _table(language()).get((level, field))


def threshold_name(key: str) -> str:
    """An indicator's threshold ``key`` (``general``, a commune group "2", a region code "DBSH"): "Ngưỡng
    chung", "Ngưỡng cho nhóm 2", "Ngưỡng cho Đồng bằng sông Hồng"."""
    return tr("General threshold") if key == "general" else tr("Threshold for {key}", key=place_name(key))


def requirement_name(key: str) -> str:
    """An indicator's requirement for one commune group or region: "Yêu cầu riêng cho nhóm 2"."""
    return tr("Requirement for {key}", key=place_name(key))


def place_name(key: str) -> str:
    """A commune group ("nhóm 2") or a region (its name) that a threshold or requirement is for."""
    return tr("group {group}", group=key) if key.isascii() and key.isdigit() else region_name(key)


def region_name(code: str) -> str:
    """The region's name in the current language (a code the app does not know as written)."""
    names = {
        "TDMNPB": tr("Northern midlands and mountains"),
        "DBSH": tr("Red River Delta"),
        "BTB": tr("North Central Coast"),
        "DHNTB": tr("South Central Coast"),
        "TN": tr("Central Highlands"),
        "DNB": tr("Southeast"),
        "DBSCL": tr("Mekong Delta"),
    }
    return names.get(code, code)


@cache
def _table(lang: str) -> dict[tuple[str, str], str]:
    whole = {
        ("criteria_sets", "id"): tr("Set id"),
        ("criteria_sets", "name_vi"): tr("Name"),
        ("criteria_sets", "name_en"): tr("Name in English"),
        ("criteria_sets", "level"): tr("Set level"),
        ("criteria_sets", "period"): tr("Years"),
        ("criteria_sets", "period.from"): tr("First year"),
        ("criteria_sets", "period.to"): tr("Last year"),
        ("criteria_sets", "legal_basis"): tr("Decision"),
        ("criteria_sets", "legal_basis.document"): tr("Decision"),
        ("criteria_sets", "legal_basis.part"): tr("Part of it"),
        ("criteria_sets", "legal_basis.date"): tr("Signed on"),
        ("criteria_sets", "legal_basis.effective"): tr("In force from"),
        ("criteria_sets", "legal_basis.issuer"): tr("Issued by"),
        ("criteria_sets", "note_vi"): tr("Note"),
        ("criteria_sets", "criteria"): tr("The set's criteria"),
        ("criteria", "group"): tr("Group of criteria"),
        ("criteria", "name_vi"): tr("Name"),
        ("criteria", "name_en"): tr("Name in English"),
        ("criteria", "requirement_vi"): tr("Requirement (judged as a whole)"),
        ("criteria", "requirement_confirmed"): tr("Requirement quoted from the document"),
        ("indicators", "name_vi"): tr("Wording"),
        ("indicators", "name_en"): tr("Wording in English"),
        ("indicators", "kind"): tr("Kind"),
        ("indicators", "unit"): tr("Unit"),
        ("indicators", "direction"): tr("Comparison"),
        ("indicators", "threshold"): tr("Thresholds"),
        ("indicators", "requirement_vi"): tr("Requirement as text"),
        ("indicators", "requirement_by_key"): tr("Requirement for one group or region"),
        ("indicators", "threshold_confirmed"): tr("Values and texts quoted from the document"),
    }
    both = {
        "code": tr("Code"),
        "source": tr("Where it is written"),
        "source.document": tr("Document"),
        "source.part": tr("Article, item or annex"),
        "source.date": tr("Dated"),
        "confirmed": tr("Wording quoted from the document"),
        "delegated": tr("The decision leaves this value to the province"),
        "note": tr("Note"),
    }
    return whole | {(level, key): text for level in ("criteria", "indicators") for key, text in both.items()}
