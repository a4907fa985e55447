"""Who this installation is: its device id, its Ed25519 key (made on first use) and its clock.

The key lives in ``keys/<data file name>.pem`` beside the data file (``keys/ntm.pem`` for ``ntm.sqlite``),
so two data files in one folder never share a key. The clock's last value is kept in the
settings table (``hlc_last``; ``hlc_last.<device id>`` on a database server, where each clerk's computer
has its own clock) and, on start, never below the greatest version stored in any table, so
record versions never go backwards across restarts, even after a crash.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Dialect, Table, TextualSelect, column, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.db import models as m
from ntm_desktop.db.base import Base
from ntm_desktop.db.driver import flushed, send, written
from ntm_desktop.services.db import Database
from ntm_desktop.sync.keys.clock import HLC, is_record_version
from ntm_desktop.sync.keys.pairs import fingerprint, generate_private_key, load_private_key, save_private_key

CLOCK_SETTING = "hlc_last"
log = logging.getLogger(__name__)

#: Every table whose rows hold record versions: the clock starts above the greatest of them.
_VERSIONED = (
    m.Assessment,
    m.Supporter,
    m.Assignment,
    m.Help,
    m.Cadre,
    m.Event,
    m.SyncRecordState,
    m.SyncCorrection,
    m.ReceiverRecognition,
)


class Identity:
    """The device id, key and clock of one workspace; the key and clock are made on first use."""

    def __init__(
        self, db: Database, key_path: Path, device_id: Callable[[], str], per_device_clock: bool = False
    ) -> None:
        self._db = db
        self._per_device_clock = per_device_clock
        self.key_path = key_path
        self._device_id = device_id
        self._lock = threading.Lock()
        self._clock: HLC | None = None
        self._key: Ed25519PrivateKey | None = None
        self._saved = ""

    @property
    def device_id(self) -> str:
        return self._device_id()

    @property
    def clock_setting(self) -> str:
        return f"{CLOCK_SETTING}.{self.device_id}" if self._per_device_clock else CLOCK_SETTING

    def private_key(self) -> Ed25519PrivateKey:
        with self._lock:
            if self._key is None:
                if self.key_path.exists():
                    self._key = load_private_key(self.key_path)
                else:
                    self._key = generate_private_key()
                    self.key_path.parent.mkdir(parents=True, exist_ok=True)
                    save_private_key(self._key, self.key_path)
            return self._key

    def fingerprint(self) -> str:
        return fingerprint(self.private_key().public_key())

    def clock(self) -> HLC:
        with self._lock:
            if self._clock is None:
                self._clock = HLC(self.device_id)
                with self._db.read() as s:
                    for version in _stored_versions(s, self.clock_setting):
                        self._clock.observe(version)
                self._saved = self._clock.last
            return self._clock

    def now(self) -> str:
        return self.clock().now()

    def observe(self, version: str) -> None:
        self.clock().observe(version)

    def save_clock(self, s: Session, seen: Sequence[str] = ()) -> None:
        """Keep the clock's last value, inside the caller's transaction, as it will be once the versions
        ``seen`` (from a bundle being imported) are observed. The clock itself observes them only after the
        transaction commits (:meth:`observe`), so a refused or failed import changes nothing.

        Nothing is read or written when the value has not moved since it was last kept (a bundle whose
        versions the clock is already past): as on :meth:`close`, a value not kept is harmless."""
        last = self.clock().after(seen)
        if last == self._saved:
            return
        key = self.clock_setting
        conn = flushed(s)  # what the session holds goes first, as before an ORM statement
        sql, params = _keep_value(conn.dialect)  # of the driver straight: nearly every bundle
        if not send(conn, sql, params({"setting": key, "value": last})):  # one statement, not a read and
            s.add(m.Setting(key=key, value=last))  # a write, once the setting is there
        self._saved = last

    def close(self) -> None:
        """Keep the clock's last value if it moved since it was last kept.

        Losing it is harmless (on the next start the clock starts above every stored version), so a data
        file that cannot be written any more does not stop the workspace from closing.
        """
        if self._clock is not None and self._clock.last != self._saved:
            try:
                with self._db.write() as s:
                    self.save_clock(s)
            except (SQLAlchemyError, WorkspaceError):
                log.warning("could not keep the clock's last value on closing", exc_info=True)


def _keep_value(dialect: Dialect) -> tuple[str, Callable[[Mapping[str, Any]], Any]]:
    """The clock's setting set to ``:value`` (JSON, converted as SQLAlchemy converts it), as the driver
    takes it: every bundle imported moves the clock, so it is written here, not compiled on the first
    import in a process (:func:`~ntm_desktop.db.driver.written`); on the table: the import never loads
    this row."""
    table = _table(m.Setting)
    sql = f'UPDATE {table.name} SET value = :value WHERE {table.name}."key" = :setting'
    return written(sql, dialect, {"value": table.c.value.type})


def device_identity(
    db: Database, db_path: Path, device_id: Callable[[], str], per_device_clock: bool = False
) -> Identity:
    """This data file's signing key (``keys/<file>.pem`` beside it) and its clock."""
    return Identity(db, db_path.parent / "keys" / f"{db_path.stem}.pem", device_id, per_device_clock)


def _stored_versions(s: Session, clock_setting: str) -> list[str]:
    """The greatest version of every versioned column, and the clock's kept value: one statement (read
    once per process, by the first import or edit), not one per column."""
    found = s.connection().execute(_greatest(), {"setting": clock_setting}).one()
    return [v for v in found if isinstance(v, str) and is_record_version(v)]


@cache
def _greatest() -> TextualSelect:
    """``SELECT (SELECT max(version) FROM assessments), …, (SELECT value FROM settings WHERE key = …)``,
    built once: each column's greatest, as many statements would read them, in one round trip. Written
    out, its columns typed as the tables' (the kept value is JSON): the same statement SQLAlchemy would
    write from the tables, whose compiling (ten subqueries) cost 2 ms of the first import in a process."""
    tables = [_table(model) for model in _VERSIONED]
    setting = _table(m.Setting)
    greatest = [f"(SELECT max(version) FROM {table.name}) AS v{n}" for n, table in enumerate(tables)]
    kept = f'(SELECT value FROM {setting.name} WHERE "key" = :setting) AS kept'
    typed = [column(f"v{n}", table.c.version.type) for n, table in enumerate(tables)]
    return text(f"SELECT {', '.join(greatest)}, {kept}").columns(*typed, column("kept", setting.c.value.type))


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def office_devices(s: Session, mine: str) -> set[str]:
    """This workspace's devices: ``mine``, and on a database server every clerk's that kept a clock."""
    prefix = f"{CLOCK_SETTING}."
    keys = s.scalars(select(m.Setting.key).where(m.Setting.key.startswith(prefix, autoescape=True)))
    return {mine} | {key[len(prefix) :] for key in keys}
