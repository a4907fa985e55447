"""The one table of what the app calls a record's fields, and the mapping from a field's path in the data
(``help[0].items[1].quantity``) to the words shown for it ("Khoản hỗ trợ thứ 1 · Dòng 2 · Số lượng").

Every view names a field from here: the entry forms (:func:`field_name` gives their row labels), a
record's history, the Sync page's conflicts, a receiver's amendment requests, and
:class:`~ntm_desktop.core.errors.Problem` wherever a problem is printed or shown (records files, Excel
sheets, bundles, CLI commands and dialogs). So a help record's ``title`` is "Nội dung hỗ trợ" and an
assessment's ``met`` "Kết quả" everywhere the officer reads them.

The labels are those of the forms and the Excel template (the help dialog's "Nội dung hỗ trợ", the item
table's "Số lượng"…). A path that is not a data path — an Excel cell ("dòng 12, cột “Số lượng”"), a
sentence — is shown as it is. A key the app does not know (a misspelt field in a file) is shown as
written, in quotes, since that is what the officer must find and correct.
"""

from __future__ import annotations

import re
from functools import cache

from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.setlabels import set_field

_SEGMENT = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<index>(?:\[[0-9]+\])*)(?: \(id (?P<id>[^)]*)\))?")
_OPTION = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
_PLAIN = re.compile(r"^[a-z_]+$")
_INDEX = re.compile(r"\[([0-9]+)\]")
_HOLDERS = frozenset({"", "criteria_sets"})
"""Where a list of records stands: a file's top, and a criteria set (its ``criteria[0]`` is a criterion,
not the help form's "Phục vụ tiêu chí")."""
_GROUPING = frozenset({"beneficiaries", "payload", "content"})
"""Objects that only hold other fields: "Số hộ được hưởng" says enough without "Được hưởng" before it."""


def problem_text(path: str, message: str, verbatim: bool = False, within: str = "") -> str:
    """A problem as the officer reads it: "Dòng 1 · Số lượng: phải là một số từ 0 trở lên". A whole
    sentence about a plain form field ("Năm phải từ 2010 đến 2100" for ``year``) already names it."""
    if not path:
        return message
    if message[:1].isupper() and _PLAIN.match(path):
        return message
    return f"{label(path, verbatim, within)}: {message}"


def field_name(kind: str, key: str) -> str:
    """The field ``key`` of a record of the list ``kind`` (``help``, ``assessments`` …) as its entry form
    names it; a key the app does not know is shown as written, in quotes."""
    return label(key, within=kind) if key else key


def label(path: str, verbatim: bool = False, within: str = "") -> str:
    """What the officer reads for ``path``; ``path`` itself when it is not a data path. ``verbatim``: the
    last key is shown as written (a field the file should not have: the officer looks for that word).
    ``within``: the list of records a form's path belongs to (``help``: its ``title`` is "Nội dung hỗ
    trợ", as the help form says, not the general "Nội dung")."""
    return _label(path, language(), verbatim, within) if path else path


@cache
def _label(path: str, lang: str, verbatim: bool, within: str) -> str:
    if _OPTION.match(path):  # a command-line option named by its own spelling: passphrase-env
        return f"--{path}"
    parts: list[str] = []
    context = within
    segments = path.split(".")
    for n, segment in enumerate(segments):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            return path  # not a data path: an Excel cell, a sentence
        name, indexes = match["name"], [int(i) + 1 for i in _INDEX.findall(match["index"])]
        if name in _GROUPING and not match["index"] and n < len(segments) - 1:
            context = ""  # what it holds reads as if at the top: "content.assessments[0]" is a record
            continue
        if verbatim and n == len(segments) - 1:
            parts.append(f"“{segment}”")
            break
        in_set = set_field(context, ".".join(segments[n:])) if not indexes else None
        if in_set is not None:  # a criteria set's field, as the set editor's form names it
            parts.append(in_set)
            break
        parts.append(_one(context, name, indexes, match["id"]))
        context = name
    return " · ".join(parts)


def _one(context: str, name: str, indexes: list[int], record_id: str | None) -> str:
    if indexes and context in _HOLDERS and name in _records():
        text = tr("{record} no. {n}", record=_records()[name], n=indexes[0])
    elif indexes and name in ("items", "item"):  # item: the CLI's --item, one per line
        text = tr("Line {n}", n=indexes[0])
    else:
        text = _field(context, name)
        if indexes:
            text = tr("{field} no. {n}", field=text, n=indexes[0])
    if record_id:
        text += " " + tr("(id {id})", id=record_id)
    return text


def _field(context: str, name: str) -> str:
    here = _in_context().get((context, name)) or _fields().get(name)
    return here if here is not None else f"“{name}”"


def known(context: str, name: str) -> bool:
    """Whether ``name`` under ``context`` (the list or object holding it, ``""`` at the top) has a label."""
    return (context, name) in _in_context() or name in _fields() or (not context and name in _records())


def _records() -> dict[str, str]:
    """One record of each list of a records file or a bundle, in the singular."""
    return _records_in(language())


@cache
def _records_in(lang: str) -> dict[str, str]:
    return {
        "assessments": tr("Assessment"),
        "supporters": tr("Supporter"),
        "assignments": tr("Assignment document"),
        "help": tr("Help record"),
        "cadres": tr("Seconded cadre"),
        "events": tr("Event"),
        "narratives": tr("Report section"),
        "decisions": tr("Province's answer"),
        "recognitions": tr("Recognition decision"),
        "amendments": tr("Amendment request"),  # a roll-up's list of the province's requests
        "requests": tr("Correction request"),
        "criteria_sets": tr("Criteria set"),
        "criteria": tr("Criterion"),  # a criteria-set file's; inside a record, "criteria" is a field
    }


def _fields() -> dict[str, str]:
    return _fields_in(language())


@cache
def _fields_in(lang: str) -> dict[str, str]:
    """Field names as the forms and the Excel template say them, wherever they stand."""
    return (
        _file_fields()
        | _help_fields()
        | _people_fields()
        | _criteria_fields()
        | _unit_fields()
        | _option_fields()
    )


def _file_fields() -> dict[str, str]:
    """A records file's parts and what any record has."""
    return {
        "id": tr("Id"),
        "assessments": tr("Assessments"),
        "assignments": tr("Assignments"),
        "help": tr("Help received"),
        "cadres": tr("Seconded cadres"),
        "events": tr("Events"),
        "narratives": tr("Report sections"),
        "format": tr("File format"),
        "version": tr("Format version"),
        "format_version": tr("Format version"),
        "unit": tr("Commune"),
        "criteria_set": tr("Criteria set"),
        "date": tr("Date"),
        "title": tr("Content"),
        "description": tr("Description"),
        "note": tr("Note"),
        "status": tr("Status"),
        "reason": tr("Reason"),
        "file": tr("File"),
        "evidence": tr("Evidence files"),
    }


def _help_fields() -> dict[str, str]:
    """Help received, its item lines and its supporters."""
    return {
        "village": tr("Village"),
        "criteria": tr("Criteria it serves"),
        "beneficiaries": tr("Benefiting"),
        "households": tr("Households benefiting"),
        "persons": tr("People benefiting"),
        "funding_source": tr("Funding source"),
        "items": tr("Items given"),
        "kind": tr("Kind"),
        "name": tr("Name"),
        "quantity": tr("Quantity"),
        "value_vnd": tr("Value (đồng)"),
        "supporters": tr("Supporters"),
        "supporter": tr("Supporter"),
        "parent": tr("Belongs to"),
    }


def _people_fields() -> dict[str, str]:
    """Assignment documents, seconded cadres and events."""
    return {
        "document": tr("Document"),
        "document_date": tr("Document date"),
        "issuer": tr("Issued by"),
        "start": tr("Start"),
        "end": tr("End"),
        "position": tr("Position"),
        "participants": tr("Participants"),
    }


def _criteria_fields() -> dict[str, str]:
    """Assessments, report sections and criteria sets (a set's own fields are the set editor's words:
    :mod:`ntm_desktop.core.setlabels`)."""
    return {
        "year": tr("Year"),
        "indicator": tr("Indicator"),
        "criterion": tr("Criterion"),
        "value": tr("Value"),
        "met": tr("Result"),
        "assessed_on": tr("Assessed on"),
        "assessed_by": tr("Assessed by"),
        "section": tr("Report section"),
        "text": tr("The section's text"),
        "threshold": tr("Threshold"),
        "years": tr("Years"),
        "period": tr("Period"),
        "indicators": tr("Indicator"),
        "revision": tr("Revision"),
        "level": tr("Level"),
    }


def _unit_fields() -> dict[str, str]:
    """Units (communes, provinces) and the decisions on them."""
    return {
        "code": tr("Code"),
        "type": tr("Unit type"),
        "province_code": tr("Province code"),
        "province_name": tr("Province or city"),
        "district_name": tr("District"),
        "region": tr("Region"),
        "group": tr("Group"),
        "groups": tr("Group of criteria"),
        "villages": tr("Villages"),
        "predecessors": tr("Former communes"),
        "receiving_unit_level": tr("Receiving level"),
        "decision": tr("Decision number"),
        "decided_at": tr("Decided at"),
        "decided_by": tr("Decided by"),
        "withdrawn": tr("Withdrawn"),
        "signer": tr("Signer"),
        "officer": tr("Officer"),
        "number": tr("Number (Số)"),
        "signature_image": tr("Signature picture"),
        "seal_image": tr("Seal picture"),
    }


def _option_fields() -> dict[str, str]:
    """What a command is given besides data."""
    return {
        "out": tr("Where to write (--out)"),
        "db": tr("Data file (--db)"),
        "passphrase": tr("Passphrase"),
    }


def _in_context() -> dict[tuple[str, str], str]:
    return _in_context_in(language())


@cache
def _in_context_in(lang: str) -> dict[tuple[str, str], str]:
    """Where a form or the Excel template names the same key differently."""
    return {
        ("help", "title"): tr("Help given"),
        ("help", "date"): tr("Date received"),
        ("assessments", "note"): tr("Note, evidence"),
        ("events", "title"): tr("Event"),
        ("events", "criteria"): tr("Criteria served"),
        ("assignments", "criteria"): tr("Criteria to help with"),
        ("cadres", "name"): tr("Full name"),
        ("cadres", "supporter"): tr("Home agency"),
        ("items", "unit"): tr("Unit of measure"),
        ("groups", "code"): tr("Group"),
        ("unit", "groups"): tr("Commune group by period"),
        ("unit", "code"): tr("Commune code (5 digits)"),
        ("unit", "name"): tr("Commune name"),
        ("recognitions", "level"): tr("Recognised as"),
        ("recognitions", "recorded_at"): tr("Recorded at"),
        ("recognitions", "recorded_by"): tr("Recorded by"),
    }
