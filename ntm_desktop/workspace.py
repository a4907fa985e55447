"""The workspace: one object, opened from a path, that owns the database and offers the services.

    with Workspace.open(path) as ws:
        ws.unit.setup(profile)
        ws.progress.record(year=2023, indicator="2.1", value="85")

The GUI and the CLI never touch a database session; they call these services.
"""

from __future__ import annotations

import getpass
import os
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DatabaseError, OperationalError

from ntm_desktop.backups.health import check_health
from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.db.engine import make_engine
from ntm_desktop.db.migrate import upgrade
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.ledger.help import HelpService
from ntm_desktop.services.ledger.service import (
    AssignmentService,
    CadreService,
    EventService,
    SupporterService,
)
from ntm_desktop.services.progress import ProgressService
from ntm_desktop.services.settings import SettingsService
from ntm_desktop.services.unit import UnitService
from ntm_desktop.sync.keys.device import device_identity

if TYPE_CHECKING:
    from ntm_desktop.receiver import ReceiverService
    from ntm_desktop.records import RecordsService
    from ntm_desktop.sync.service import SyncService


class Workspace:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.actor = _default_actor()
        self.backup_made: Path | None = None
        check_health(path)  # a damaged file is never opened for writing: the officer restores instead
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = make_engine(path)
            self.backup_made = upgrade(self.engine, path)
        except (OSError, DatabaseError, OperationalError) as exc:
            reason = os_reason(getattr(exc, "orig", None) or exc)  # the driver's words, translated
            raise WorkspaceError(
                tr("Cannot open the data file {path}: {reason}", path=str(path), reason=reason),
                details=repr(exc),
            ) from exc
        self.db = Database(self.engine, lambda: self.actor, self._next_version)
        self.settings = SettingsService(self.db)
        self.unit = UnitService(self.db)
        self.criteria = CriteriaService(self.db)
        self.evidence = EvidenceService(self.db, self.folder / "evidence")
        self.progress = ProgressService(self.db, self.unit, self.criteria, self.evidence)
        self.supporters = SupporterService(self.db, self.unit)
        self.assignments = AssignmentService(self.db, self.unit)
        self.help = HelpService(self.db, self.unit, self.evidence)
        self.cadres = CadreService(self.db, self.unit)
        self.events = EventService(self.db, self.unit)
        self.identity = device_identity(self.db, path, self.settings.device_id)
        self.criteria.install_builtin_sets()
        self.device_id = self.settings.device_id()

    # Services most commands never use are built on first use, so a command starts quickly.

    @cached_property
    def records(self) -> RecordsService:
        from ntm_desktop.records import RecordsService

        return RecordsService(self.db, self.unit, self.criteria)

    @cached_property
    def sync(self) -> SyncService:
        from ntm_desktop.sync.service import SyncService

        service = SyncService(
            self.db, self.path, self.settings, self.unit, self.criteria, self.evidence, self.identity
        )
        service.import_hook = self._receiver_import_hook
        return service

    @cached_property
    def receiver(self) -> ReceiverService:
        from ntm_desktop.receiver import ReceiverService

        return ReceiverService(
            self.db, self.settings, self.unit, self.criteria, self.progress, self.evidence, self.sync
        )

    def _receiver_import_hook(self, *args: Any, **kwargs: Any) -> Any:
        return self.receiver.import_hook(*args, **kwargs)

    @classmethod
    def open(cls, path: str | Path) -> Workspace:
        """Open (or create) the workspace in the SQLite file at ``path``, migrating it if needed."""
        return cls(Path(path).expanduser().resolve())

    def _next_version(self) -> str:
        return self.identity.now()  # this device's clock, which never goes backwards

    def close(self) -> None:
        self.identity.close()
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _default_actor() -> str:
    try:
        return os.environ.get("NTM_ACTOR") or getpass.getuser()
    except Exception:  # getuser() raises when no user name can be found
        return "?"
