"""The province's decision on each of a commune's years travels back in the reverse bundle: a year returned
with a reason reaches the commune with the reason in full and the record to correct; a later approval
replaces it; an older bundle taken in afterwards changes nothing; a tampered decision is refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ntm_desktop.workspace import Workspace
from tests.helpers.bundles import resign
from tests.helpers.sync import help_record, pair, supporter, usb

__all__ = ["pair", "usb"]  # fixtures

YEAR = 2025
REASON = "Chỉ tiêu 17.1: thiếu biên bản kiểm tra nước sạch; đề nghị bổ sung trước ngày 15/12."


def report_year(c: Workspace, p: Workspace, usb: Path) -> None:
    for code in ("3", "17", "19"):
        c.progress.record(YEAR, criterion=code, met=True)
    help_record(c, "Bê tông hóa đường vào thôn Nà Phầy", supporter(c, "Sở Nội vụ"))
    p.sync.import_bundles([c.sync.export(usb).path])


def test_a_returned_year_reaches_the_commune_with_its_reason_and_the_record_to_correct(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    report_year(c, p, usb)
    (seventeen,) = [a for a in c.progress.assessments(YEAR) if a.criterion == "17"]
    p.actor = "Trần Văn B"
    p.receiver.set_status("01234", YEAR, "returned", REASON, record=("assessments", seventeen.record_id))
    bundle = p.sync.export_reverse(usb, "01234")
    assert bundle.counts["decisions"] == 1

    outcome = c.sync.import_bundles([bundle.path]).outcomes[0]

    assert outcome.status == "imported", outcome.message
    assert outcome.counts["decisions"].created == 1
    answer = c.sync.answers()[YEAR]
    assert (answer.decision.status, answer.decision.reason, answer.decision.decided_by) == (
        "returned",
        REASON,
        "Trần Văn B",
    )
    assert answer.decision.receiver_code == "19" and answer.decision.decided_at is not None
    assert answer.correction is not None and answer.correction.status == "open"
    assert answer.target is not None
    assert (answer.target.kind, answer.target.uid, answer.target.code) == ("assessments", seventeen.uid, "17")
    assert answer.target.title == "2025 · tiêu chí 17"


def test_an_approval_replaces_the_return_and_an_older_bundle_changes_nothing(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    report_year(c, p, usb)
    p.receiver.set_status("01234", YEAR, "returned", REASON)
    (tmp_path / "old").mkdir()
    older = p.sync.export_reverse(tmp_path / "old", "01234")
    c.sync.import_bundles([older.path])
    p.receiver.set_status("01234", YEAR, "reviewed")
    p.receiver.set_status("01234", YEAR, "approved")
    newer = p.sync.export_reverse(usb, "01234")
    c.sync.import_bundles([newer.path])
    assert c.sync.answers()[YEAR].decision.status == "approved"
    assert c.sync.answers()[YEAR].decision.reason == ""

    c.sync.import_bundles([older.path])  # the old file found again on the USB stick

    assert c.sync.answers()[YEAR].decision.status == "approved"


def test_a_decision_that_does_not_make_sense_is_refused_and_nothing_is_taken_in(
    pair: tuple[Workspace, Workspace], usb: Path, tmp_path: Path
) -> None:
    c, p = pair
    report_year(c, p, usb)
    p.receiver.set_status("01234", YEAR, "returned", REASON)
    bundle = p.sync.export_reverse(usb, "01234")
    with zipfile.ZipFile(bundle.path) as zf:
        items = [(i.filename, zf.read(i)) for i in zf.infolist()]
    records = json.loads(dict(items)["records.json"])
    records["decisions"][0]["status"] = "bought"
    edited = [(n, json.dumps(records).encode() if n == "records.json" else d) for n, d in items]
    key = p.identity.private_key()
    forged = tmp_path / "sua.ntmsync"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in resign(edited, key):
            zf.writestr(name, data)

    outcome = c.sync.import_bundles([forged]).outcomes[0]

    assert outcome.status != "imported"
    assert "Ý kiến của đơn vị tiếp nhận thứ 1 · Kết quả" in outcome.message
    assert c.sync.answers() == {}
