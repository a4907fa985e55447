"""Office-key certificates keep their times as UTC stamps; the day an officer reads is Vietnam's."""

from ntm_desktop.core import vntime


def test_a_certificate_stamp_late_in_the_utc_evening_is_the_next_day_in_vietnam() -> None:
    assert vntime.stamp_day("2026-01-04T16:59:59Z") == "04/01/2026"
    assert vntime.stamp_day("2026-01-04T17:00:00Z") == "05/01/2026"


def test_a_stamp_reads_back_as_the_same_moment_whatever_zone_it_was_given_in() -> None:
    moment = vntime.parse_stamp("2026-01-04T20:30:00Z")
    assert vntime.stamp(moment) == "2026-01-04T20:30:00Z"
    assert vntime.stamp(vntime.to_vn(moment)) == "2026-01-04T20:30:00Z"
    assert vntime.day(moment) == "05/01/2026"
