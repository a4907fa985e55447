"""Move a receiving office from its SQLite file to a PostgreSQL database, when it outgrows one computer.

    moved = move_to_server(Path("tinh.sqlite"), "postgresql+psycopg://ntm_tinh@10.0.0.5/ntm_tinh")

Everything in the file goes across in one transaction (``db/transfer.py``): communes, their records,
sign-off and its history, recognitions, the bundle log, trusted keys, settings and the audit trail, and
the evidence files kept beside the file (into ``evidence_blobs``, where every clerk reaches them). The
computer that moves the office keeps being the same device, with the same signing key, so the communes
that trust the office's key need not trust a new one. The database must be new and empty; the file is
left as it was, with a note that its office has moved (``moved_to``), shown whenever it is opened.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ntm_desktop.core.errors import Conflict, InvalidInput, WorkspaceError
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.db import transfer
from ntm_desktop.db.base import utcnow
from ntm_desktop.db.engine import is_server_url
from ntm_desktop.workspace import Workspace, clerk_folder

MOVED_TO = "moved_to"
"""Setting of the file an office moved out of: where it went (the URL without its password)."""


@dataclass(frozen=True)
class Moved:
    where: str
    """The database, fit to show (no password)."""
    rows: dict[str, int]
    """Rows copied per table."""
    communes: int
    evidence_files: int
    fingerprint: str
    """The office's signing key, the same as before the move."""
    folder: Path
    """This clerk's own folder for the server (device id, key, preferences)."""


def move_to_server(
    source: Path,
    url: str,
    *,
    folder: Path | None = None,
    password: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Moved:
    """Copy the receiving office in ``source`` into the empty database ``url`` (see the module)."""
    if not is_server_url(url):
        raise InvalidInput(
            tr("Give the database server as postgresql+psycopg://user@host/database"), field="to"
        )
    with Workspace.open(source) as office:
        _check_source(office)
        device_id, key_file = office.device_id, office.identity.key_path
        fingerprint = office.identity.fingerprint()  # made now if the office never signed anything
        clerk = folder or clerk_folder(url)
        with Workspace.open(url, folder=clerk, password=password) as target:
            where, key_path = target.where, target.identity.key_path
            _check_empty(target)
            rows = _copy(office, target.engine, device_id, progress)
        _become(clerk, key_path, device_id, key_file)
        office.settings.set(MOVED_TO, where)
    with Workspace.open(url, folder=clerk, password=password) as moved:
        if moved.identity.fingerprint() != fingerprint or moved.device_id != device_id:
            raise WorkspaceError(tr("The office's key did not arrive in {folder}", folder=str(clerk)))
    return Moved(where, rows, rows.get("units", 0), rows.get("evidence_blobs", 0), fingerprint, clerk)


def _check_source(office: Workspace) -> None:
    if office.on_server:
        raise InvalidInput(tr("{where} is already on a database server.", where=office.where), field="db")
    if office.settings.role != "receiver":
        raise InvalidInput(
            tr("Only a receiving office moves to a database server; a commune's data stays in its file."),
            field="db",
        )
    if office.settings.get(MOVED_TO):
        raise Conflict(
            tr("This office has already moved to {where}.", where=str(office.settings.get(MOVED_TO)))
        )


def _check_empty(target: Workspace) -> None:
    with target.engine.connect() as conn:
        filled = transfer.first_filled(conn, ignore=_MADE_ON_OPEN)
        for table, column, expected in _OPENING_WROTE:
            rows = transfer.others(conn, table, column, expected)
            if filled is None and rows:
                filled = (table, rows)
    if filled is not None:
        raise Conflict(
            trn(
                "The database {where} already holds data ({table}: {n} row). Move the office into a "
                "new, empty database.",
                "The database {where} already holds data ({table}: {n} rows). Move the office into a "
                "new, empty database.",
                filled[1],
                where=target.where,
                table=filled[0],
            )
        )


_MADE_ON_OPEN = ("settings", "audit", "criteria_sets")
"""What opening an empty database writes (this clerk's clock, the built-in criteria sets and the audit
rows saying so): replaced by the file's own."""
_OPENING_WROTE: tuple[tuple[str, str, Callable[[Any], bool]], ...] = (
    ("settings", "key", lambda key: str(key).startswith("hlc_last.")),
    ("audit", "action", lambda action: action == "criteria.install"),
)
"""Anything else in those tables means someone used the database (set an office up, edited a set)."""


def _become(clerk: Path, key_path: Path, device_id: str, key_file: Path) -> None:
    """This computer stays the office's device on the server: its device id and signing key."""
    write_bytes_atomic(
        clerk / "device.json", json.dumps({"device_id": device_id}).encode("utf-8"), make_folder=True
    )
    key_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = key_path.with_name(key_path.name + ".tmp")
    shutil.copy2(key_file, temporary)
    temporary.replace(key_path)


def _copy(
    office: Workspace, target: Any, device_id: str, progress: Callable[[int, int, str], None] | None
) -> dict[str, int]:
    def setting(row: dict[str, Any]) -> dict[str, Any] | None:
        if row["key"] == "device_id":  # on a server each clerk's device id is kept on their computer
            return None
        if row["key"] == "hlc_last":  # and each clerk's clock is their own row
            return {**row, "key": f"hlc_last.{device_id}"}
        return row

    note = {"from": str(office.path), "device": device_id}
    audit = {"at": utcnow(), "actor": office.actor, "action": "workspace.move", "entity": "workspace",
             "entity_uid": "", "before": None, "after": note, "note": ""}  # fmt: skip
    try:
        return transfer.copy_all(
            office.engine,
            target,
            adapt={"settings": setting},
            extra={"evidence_blobs": _evidence(office), "audit": [audit]},
            clear=_MADE_ON_OPEN,
            progress=progress,
        )
    except transfer.NotEmpty as exc:
        raise Conflict(tr("The database already holds data ({table}).", table=exc.table)) from exc
    except transfer.TransferFailed as exc:
        raise WorkspaceError(
            tr("The move failed and the database was left empty: {reason}", reason=str(exc))
        ) from exc


def _evidence(office: Workspace) -> Iterator[dict[str, Any]]:
    """Each evidence file's bytes, read from beside the data file when its row is copied."""
    for sha256 in office.evidence.stored():
        path = office.evidence.path_for(sha256)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise transfer.TransferFailed(
                tr("the evidence file {path} cannot be read ({reason})", path=str(path), reason=str(exc))
            ) from exc
        yield {"sha256": sha256, "content": data}
