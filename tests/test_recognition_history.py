"""A commune's status history at the province shows its recognition decisions among the sign-off steps, in
the order they were taken, worded as a clerk reads them: "Công nhận đạt chuẩn nông thôn mới — Quyết định
số 126/QĐ-UBND ngày 21/12/2025", who recorded it and when (Vietnam time); a replacement and a withdrawal
likewise. The CLI prints the same lines; its ``--json`` adds them as entries of ``"kind": "recognition"``."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from ntm_desktop.cli.main import main
from ntm_desktop.db import models as m
from ntm_desktop.receiver.values import RecognitionChange
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.receiver import COMMUNES, demo_commune, paired
from tests.helpers.sync import receiver

YEAR = 2025


def at(hour: int) -> datetime:
    return datetime(2025, 12, 22, hour, 5, tzinfo=UTC)  # 22/12/2025, {hour + 7}:05 in Hà Nội


def recognised_twice_then_withdrawn(ws: Workspace) -> None:
    """Reviewed, approved; 125/QĐ-UBND recorded, replaced by 126/QĐ-UBND, which is withdrawn."""
    ws.receiver.set_status("01234", YEAR, "reviewed")
    ws.receiver.set_status("01234", YEAR, "approved")
    ws.receiver.recognise("01234", YEAR, decision="125/QĐ-UBND", decided_on=date(YEAR, 12, 20), level="ntm")
    ws.receiver.recognise("01234", YEAR, decision="126/QĐ-UBND", decided_on=date(YEAR, 12, 21), level="ntm")
    ws.receiver.withdraw_recognition("01234", YEAR, "ntm", reason="Ghi nhầm số quyết định")
    with ws.db.write() as s:  # known times, the first decision recorded before the approval was
        r, a = m.ReceiverSignoffChange, m.AuditEntry
        s.execute(update(r).where(r.to_status == "reviewed").values(at=at(1)))
        s.execute(update(r).where(r.to_status == "approved").values(at=at(3)))
        ids = s.scalars(select(a.id).where(a.entity == "receiver_recognition").order_by(a.id)).all()
        for row_id, hour in zip(ids, (2, 4, 5), strict=True):
            s.execute(update(a).where(a.id == row_id).values(at=at(hour)))


@pytest.fixture
def office(tmp_path: Path) -> Workspace:
    ws = receiver(tmp_path, "office")
    ws.receiver.configure(level="province", name="Văn phòng Điều phối nông thôn mới tỉnh")
    c = demo_commune(tmp_path, COMMUNES[0])
    paired(c, ws)
    usb = tmp_path / "usb"
    usb.mkdir()
    ws.sync.import_bundles([c.sync.export(usb).path])
    recognised_twice_then_withdrawn(ws)
    return ws


def test_the_cli_prints_the_decisions_among_the_sign_off_steps(
    office: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    actor = office.db.actor()
    assert main(["--db", location(office), "receiver", "status", "01234", "--year", str(YEAR)]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert lines == [
        f"  22/12/2025 08:05  Đã nhận → Đã xem xét  ({actor})",
        "  22/12/2025 09:05  Công nhận đạt chuẩn nông thôn mới — Quyết định số 125/QĐ-UBND ngày 20/12/2025"
        f"  ({actor})",
        f"  22/12/2025 10:05  Đã xem xét → Đã phê duyệt  ({actor})",
        "  22/12/2025 11:05  Công nhận đạt chuẩn nông thôn mới — Quyết định số 126/QĐ-UBND ngày 21/12/2025"
        f" (thay Quyết định số 125/QĐ-UBND ngày 20/12/2025)  ({actor})",
        "  22/12/2025 12:05  Hủy ghi nhận công nhận đạt chuẩn nông thôn mới — Quyết định số 126/QĐ-UBND"
        f" ngày 21/12/2025 — Ghi nhầm số quyết định  ({actor})",
    ]


def test_the_json_history_marks_each_entry_with_its_kind(
    office: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", location(office), "receiver", "status", "01234", "--year", str(YEAR), "--json"]
    assert main(args) == 0
    history = json.loads(capsys.readouterr().out)["history"]
    assert [h["kind"] for h in history] == ["status", "recognition", "status", "recognition", "recognition"]
    assert history[0]["to_status"] == "reviewed"  # a sign-off step keeps its fields
    assert {k: history[3][k] for k in ("level", "action", "decision", "decided_on", "previous_decision")} == {
        "level": "ntm",
        "action": "replaced",
        "decision": "126/QĐ-UBND",
        "decided_on": "2025-12-21",
        "previous_decision": "125/QĐ-UBND",
    }
    assert (history[4]["action"], history[4]["reason"]) == ("withdrawn", "Ghi nhầm số quyết định")


def test_a_decision_without_its_audit_rows_is_shown_from_its_own_row(office: Workspace) -> None:
    """A recognition taken in without an audit row still shows: recorded, and withdrawn, from the row."""
    with office.db.write() as s:
        s.execute(delete(m.AuditEntry).where(m.AuditEntry.entity == "receiver_recognition"))
    decisions = [h for h in office.receiver.status_history("01234", YEAR) if h.kind == "recognition"]
    assert [(d.action, d.decision, d.decided_on) for d in decisions] == [
        ("recognised", "126/QĐ-UBND", date(YEAR, 12, 21)),
        ("withdrawn", "126/QĐ-UBND", date(YEAR, 12, 21)),
    ]
    assert isinstance(decisions[1], RecognitionChange) and decisions[1].reason == "Ghi nhầm số quyết định"
