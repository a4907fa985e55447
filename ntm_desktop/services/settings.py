"""Workspace-wide settings kept in the database (role, device id, preferences)."""

from __future__ import annotations

import uuid
from typing import Any

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database

ROLES = ("commune", "receiver")


class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: Any = None) -> Any:
        with self._db.read() as s:
            row = s.get(m.Setting, key)
            return default if row is None else row.value

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
        return str(self.get("role", "commune"))

    def set_role(self, role: str) -> Changes:
        if role not in ROLES:
            raise InvalidInput(tr("The role must be commune or receiver"), field="role")
        return self.set("role", role)
