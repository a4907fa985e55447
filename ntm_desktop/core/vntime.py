"""Vietnam time (UTC+7): what every time shown to the officer or printed in a document is in.

The computer's clock zone does not matter: a laptop set to UTC, or a province office's server, still
prints "09:30:00 +07:00" for a report signed at half past nine in Hà Nội. Vietnam has kept UTC+7 without
daylight saving since 1975, so a fixed offset is exact and needs no tz database (which Windows lacks for
``zoneinfo`` unless the ``tzdata`` package is installed).

    from ntm_desktop.core import vntime

    vntime.now()                       # aware datetime at +07:00, whole seconds
    vntime.to_vn(moment)               # any aware time (a naive one is read as UTC) at +07:00
    vntime.format_vn(moment)           # "05/01/2026 09:30:00 +07:00"
    vntime.iso_vn(moment)              # "2026-01-05T09:30:00+07:00" (ISO 8601, as NĐ 30 prints it)
    vntime.json_vn(moment)             # the same, to the microsecond: how ``--json`` prints a time
    vntime.json_vn_stamp("2026-01-04T20:30:00Z")  # "2026-01-05T03:30:00+07:00": a UTC stamp for ``--json``
    vntime.today()                     # the date in Vietnam now
    vntime.day(moment)                 # "05/01/2026": the day in Vietnam of an aware time
    vntime.stamp(moment)               # "2026-01-04T20:30:00Z": a UTC stamp, as office keys keep times
    vntime.parse_stamp("2026-01-04T20:30:00Z")  # back to an aware UTC datetime
    vntime.stamp_day("2026-01-04T20:30:00Z")   # "05/01/2026": the day in Vietnam of a UTC stamp
"""

from __future__ import annotations

import datetime as dt

STAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
"""How office-key certificates and their lists keep a time: UTC, to the second."""
OFFSET = dt.timedelta(hours=7)
VN = dt.timezone(OFFSET, "ICT")
"""Indochina Time, UTC+07:00 (the zone of Asia/Ho_Chi_Minh)."""


def now() -> dt.datetime:
    """The current time in Vietnam, to the second."""
    return dt.datetime.now(VN).replace(microsecond=0)


def today() -> dt.date:
    return now().date()


def to_vn(moment: dt.datetime) -> dt.datetime:
    """``moment`` at +07:00. A naive datetime is taken as UTC (how the database stores times)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(VN)


def format_vn(moment: dt.datetime, *, seconds: bool = True, offset: bool = True) -> str:
    """``05/01/2026 09:30:00 +07:00`` (day first, as Vietnamese documents write dates)."""
    local = to_vn(moment)
    text = local.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")
    return f"{text} +07:00" if offset else text


def iso_vn(moment: dt.datetime) -> str:
    """``2026-01-05T09:30:00+07:00``: ISO 8601 with the Vietnam offset, whole seconds."""
    return to_vn(moment).replace(microsecond=0).isoformat()


def json_vn(moment: dt.datetime) -> str:
    """``2026-01-05T09:30:00.250000+07:00``: the same instant as ``moment`` (a naive one is read as UTC) at
    +07:00, ISO 8601; how every time in the CLI's ``--json`` output is written."""
    return to_vn(moment).isoformat()


def json_vn_stamp(text: str | None) -> str | None:
    """A UTC stamp as office keys keep them (``2026-01-04T20:30:00Z``) for ``--json``:
    ``2026-01-05T03:30:00+07:00``. ``None`` stays ``None``."""
    return None if text is None else json_vn(parse_stamp(text))


def day(moment: dt.datetime) -> str:
    """``05/01/2026``: the day in Vietnam of ``moment`` (a naive one is read as UTC)."""
    return to_vn(moment).strftime("%d/%m/%Y")


def stamp(moment: dt.datetime) -> str:
    """``2026-01-04T20:30:00Z``: ``moment`` (a naive one is read as UTC) as a UTC stamp."""
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime(STAMP_FORMAT)


def parse_stamp(text: str) -> dt.datetime:
    """The aware UTC time of a stamp written by :func:`stamp`."""
    return dt.datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=dt.UTC)


def stamp_day(text: str) -> str:
    """``05/01/2026``: the day in Vietnam of a UTC stamp as office-key certificates keep their times
    (``2026-01-04T20:30:00Z``)."""
    return day(parse_stamp(text))
