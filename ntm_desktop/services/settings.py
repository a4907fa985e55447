"""Workspace-wide settings kept in the database (role, device id, preferences).

On a database server several clerks share the settings table, but a device id names one clerk's
computer (the origin of its edits, its clock, its key): there it lives in the clerk's own folder
(``device.json``), never in the database.
"""

from __future__ import annotations

import json
import uuid
from functools import cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, select

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database

ROLES = ("commune", "receiver")


@cache
def _value_query() -> Select[tuple[Any]]:
    """One setting's value, built once and on the table, not the ORM entity (the ORM's compiling of a
    statement on its first use costs more than the statement): the device id is read this way by the
    first import in a process (its clock), and many settings on opening."""
    table = cast(Table, m.Setting.__table__)
    return select(table.c.value).where(table.c.key == bindparam("key"))


class SettingsService:
    def __init__(self, db: Database, clerk_folder: Path | None = None) -> None:
        """``clerk_folder`` is given for a workspace on a database server: the device id lives there."""
        self._db = db
        self._clerk_folder = clerk_folder
        self._clerk_device = ""

    @property
    def on_server(self) -> bool:
        return self._clerk_folder is not None

    def get(self, key: str, default: Any = None) -> Any:
        with self._db.read() as s:  # a session of its own: nothing pending, no row held to look up first
            found = s.connection().execute(_value_query(), {"key": key}).first()
            return default if found is None else found.value

    def role_of(self, values: dict[str, Any]) -> str:
        """:attr:`role` from settings read beside others (``SyncContext.me``: ``role`` among them when it is
        set)."""
        return str(values.get("role", "receiver" if self.on_server else "commune"))

    def set(self, key: str, value: Any) -> Changes:
        with self._db.write() as s:
            row = s.get(m.Setting, key)
            before = None if row is None else {"value": row.value}
            if row is None:
                s.add(m.Setting(key=key, value=value))
            else:
                row.value = value
            self._db.audit(s, "settings.set", "setting", key, before, {"value": value})
        return Changes.of(Kind.SETTINGS, action="settings.set")

    def device_id(self) -> str:
        """A stable id for this installation, made on first use (it names the origin of every edit)."""
        if self._clerk_folder is not None:
            if not self._clerk_device:
                self._clerk_device = _clerk_device_id(self._clerk_folder / "device.json")
            return self._clerk_device
        value = self.get("device_id")
        if isinstance(value, str) and value:
            return value
        new = uuid.uuid4().hex[:12]
        with self._db.write() as s:
            if s.get(m.Setting, "device_id") is None:
                s.add(m.Setting(key="device_id", value=new))
        return str(self.get("device_id"))

    @property
    def role(self) -> str:
        return str(self.get("role", "receiver" if self.on_server else "commune"))

    def set_role(self, role: str) -> Changes:
        if role not in ROLES:
            raise InvalidInput(tr("The role must be commune or receiver"), field="role")
        if role != "receiver" and self.on_server:
            raise InvalidInput(COMMUNE_ON_SERVER(), field="role")
        return self.set("role", role)


def COMMUNE_ON_SERVER() -> str:
    return tr(
        "A commune's data stays in a file on its own computer; a database server holds only a "
        "receiving office's data."
    )


def _clerk_device_id(path: Path) -> str:
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("device_id")
        if isinstance(value, str) and value:
            return value
    except (OSError, ValueError, AttributeError):
        pass
    new = uuid.uuid4().hex[:12]
    write_bytes_atomic(path, json.dumps({"device_id": new}).encode("utf-8"), make_folder=True)
    return new
