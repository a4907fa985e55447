"""The workspace: one object, opened from a path, that owns the database and offers the services.

    with Workspace.open(path) as ws:
        ws.unit.setup(profile)
        ws.progress.record(year=2023, indicator="2.1", value="85")

    Workspace.open("postgresql+psycopg://clerk@db.office/ntm_tinh")   # a receiving office's server

The GUI and the CLI never touch a database session; they call these services.

A workspace lives in a SQLite file (``path``; its device key, evidence files, preferences and backups
beside it) or in a PostgreSQL database shared by an office's clerks. There ``folder`` is this clerk's
own folder (``servers/<user-host-port-db>`` in the data folder, or ``folder=``): the device id, key,
preferences and an evidence cache live there, never on the server; ``path`` is a name inside it
(``<database>.server``) that keys and preferences are named after, not a file.
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
from ntm_desktop.core.paths import server_folder
from ntm_desktop.db.engine import is_server_url, make_engine, masked, server_url
from ntm_desktop.db.migrate import upgrade
from ntm_desktop.db.server_errors import reason as server_reason
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.criteria_years import CriteriaYearsService
from ntm_desktop.services.db import Database, storage_error
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.ledger.help import HelpService
from ntm_desktop.services.ledger.service import (
    AssignmentService,
    CadreService,
    EventService,
    SupporterService,
)
from ntm_desktop.services.narratives import NarrativeService
from ntm_desktop.services.progress import ProgressService
from ntm_desktop.services.settings import SettingsService
from ntm_desktop.services.unit import UnitService
from ntm_desktop.sync.keys.device import device_identity

if TYPE_CHECKING:
    from ntm_desktop.receiver import ReceiverService
    from ntm_desktop.records import RecordsService
    from ntm_desktop.services.history import HistoryService
    from ntm_desktop.services.signing import SigningService
    from ntm_desktop.services.trash import TrashService
    from ntm_desktop.sync.service import SyncService


class PasswordNeeded(WorkspaceError):
    """The database server wants a password that was not given (or a wrong one)."""


def _asks_password(reason: str) -> bool:
    return "no password supplied" in reason or "password authentication failed" in reason


class Workspace:
    def __init__(self, target: Path | str, folder: Path | None = None, password: str | None = None) -> None:
        self.on_server = is_server_url(target)
        self.actor = _default_actor()
        self.backup_made: Path | None = None
        self.read_only = False
        """The data file or its folder cannot be written: the data can be read, not changed."""
        self.where = masked(target)
        """Where the data is, fit to show: the file's path, or the server URL without its password."""
        secret = password or ""
        try:
            if self.on_server:
                url = server_url(str(target), password)
                secret = str(url.password or "")
                self.where = masked(url)
                self.folder = folder or clerk_folder(str(target))
                self.path = self.folder / f"{url.database or 'ntm'}.server"
                self.engine = make_engine(url)
                upgrade(self.engine, None)
                self.folder.mkdir(parents=True, exist_ok=True)  # once the server answered, not before
            else:
                self._open_file(Path(target))
        except (OSError, ValueError, DatabaseError, OperationalError) as exc:
            known = None if self.on_server else _storage_error(exc, self.path)
            if known is not None:
                raise known from exc
            reason = _reason(exc, secret)
            error = PasswordNeeded if self.on_server and _asks_password(reason) else WorkspaceError
            message = (
                tr("Cannot open the database {path}: {reason}", path=self.where, reason=server_reason(reason))
                if self.on_server
                else tr("Cannot open the data file {path}: {reason}", path=self.where, reason=reason)
            )
            raise error(
                message,
                details=_reason(exc, secret, full=True),
            ) from None  # the chained error could carry the password into a log
        self.db = Database(self.engine, lambda: self.actor, self._next_version)
        clerk = self.folder if self.on_server else None
        self.settings = SettingsService(self.db, clerk)
        self.unit = UnitService(self.db, self.on_server)
        self.criteria = CriteriaService(self.db)
        self.evidence = EvidenceService(self.db, self.folder / "evidence", in_database=self.on_server)
        self.progress = ProgressService(self.db, self.unit, self.criteria, self.evidence)
        self.supporters = SupporterService(self.db, self.unit)
        self.assignments = AssignmentService(self.db, self.unit, self.criteria)
        self.help = HelpService(self.db, self.unit, self.evidence, self.criteria)
        self.cadres = CadreService(self.db, self.unit)
        self.events = EventService(self.db, self.unit, self.criteria)
        self.narratives = NarrativeService(self.db, self.unit)
        self.identity = device_identity(self.db, self.path, self.settings.device_id, self.on_server)
        self.criteria_years = CriteriaYearsService(self.db, self.settings, self.criteria, self.progress)
        self.criteria.saved_hook = self.criteria_years.on_saved
        if not self.read_only:
            self.criteria.install_builtin_sets()
        self.device_id = (
            str(self.settings.get("device_id") or "") if self.read_only else self.settings.device_id()
        )

    def _open_file(self, path: Path) -> None:
        """Open the SQLite file at ``path``: refused when empty or damaged, read-only when it cannot be
        written, migrated (after a backup) otherwise."""
        self.path, self.folder = path, path.parent
        _refuse_empty(path)
        check_health(path)  # a damaged file is never opened for writing: the officer restores instead
        self.folder.mkdir(parents=True, exist_ok=True)
        self.read_only = _read_only(path)
        if self.read_only:
            _refuse_unfinished(path)
        self.engine = make_engine(path, read_only=self.read_only)
        if self.read_only:
            _check_current(self.engine, path)
        else:
            self.backup_made = upgrade(self.engine, path)

    # Services most commands never use are built on first use, so a command starts quickly.

    @cached_property
    def records(self) -> RecordsService:
        from ntm_desktop.records import RecordsService

        return RecordsService(self.db, self.unit, self.criteria)

    @cached_property
    def signing(self) -> SigningService:
        """Trusted certificates for reports, and the signature and seal pictures."""
        from ntm_desktop.services.signing import SigningService

        return SigningService(self.db, self.folder, self.evidence)

    @cached_property
    def trash(self) -> TrashService:
        from ntm_desktop.services.trash import TrashService

        return TrashService(self.db, self.unit)

    @cached_property
    def history(self) -> HistoryService:
        from ntm_desktop.services.history import HistoryService

        return HistoryService(self.db)

    @cached_property
    def sync(self) -> SyncService:
        from ntm_desktop.sync.service import SyncService

        service = SyncService(
            self.db, self.path, self.settings, self.unit, self.criteria, self.evidence, self.identity
        )
        service.import_hook = self._receiver_import_hook
        service.rollup_hook = self._rollup_hook
        service.sets_hook = self._sets_received
        return service

    @cached_property
    def receiver(self) -> ReceiverService:
        from ntm_desktop.receiver import ReceiverService

        return ReceiverService(
            self.db, self.settings, self.unit, self.criteria, self.progress, self.evidence, self.sync
        )

    def _sets_received(self) -> list[str]:
        """After a bundle brought criteria sets: use them for the open years of their period."""
        result = self.criteria_years.adopt_received()
        if result is None or result.set_id is None:
            return []
        head = tr(
            "New criteria set from the province: {id}, used for {years}.",
            id=result.set_id,
            years=", ".join(map(str, result.years)),
        )
        return [head, *result.lines()]

    def _receiver_import_hook(self, *args: Any, **kwargs: Any) -> Any:
        # the one module the hook needs, not ws.receiver (its service imports the whole package)
        from ntm_desktop.receiver.amendments import import_hook

        return import_hook(self.db, self.evidence, *args, **kwargs)

    def _rollup_hook(self, *args: Any, **kwargs: Any) -> Any:
        return self.receiver.take_in_rollup(*args, **kwargs)

    @classmethod
    def open(
        cls, target: str | Path, *, folder: Path | None = None, password: str | None = None
    ) -> Workspace:
        """Open (or create) the workspace in the SQLite file at ``target``, or in the PostgreSQL database
        a ``postgresql+psycopg://user@host:port/dbname`` URL names, migrating it if needed.

        For a server, ``folder`` is this clerk's own folder (default: one per server in the data
        folder) and ``password`` the password when libpq does not find it itself (``PGPASSWORD``,
        ``~/.pgpass``); it is used to connect and kept nowhere."""
        if is_server_url(target):
            return cls(str(target), folder, password)
        return cls(Path(target).expanduser().resolve())

    def _next_version(self) -> str:
        return self.identity.now()  # this device's clock, which never goes backwards

    def close(self) -> None:
        if not self.read_only:  # nothing was written, so the clock has nothing to keep (and cannot)
            self.identity.close()
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def clerk_folder(url: str) -> Path:
    """This clerk's own folder for the server ``url`` names (the same for the CLI and the GUI)."""
    from ntm_desktop.services.server_login import ServerLogin

    login = ServerLogin.from_url(url)
    return server_folder(login.host, login.port, login.database, login.user)


def _reason(exc: BaseException, secret: str, full: bool = False) -> str:
    """The driver's words (without SQLAlchemy's links), the password hidden if they quote it."""
    text = repr(exc) if full else os_reason(getattr(exc, "orig", None) or exc).strip()  # translated
    return text.replace(secret, "***") if secret else text


def _storage_error(exc: BaseException, path: Path) -> WorkspaceError | None:
    """A write SQLite refused, in the officer's words (in use, disk full, read-only), or None."""
    return storage_error(exc, str(path)) if isinstance(exc, OperationalError) else None


def _refuse_empty(path: Path) -> None:
    """A data file of 0 bytes (a copy cut short, a damaged stick) is not silently made a new, empty one."""
    if path.is_file() and path.stat().st_size == 0:
        raise WorkspaceError(
            tr(
                "The data file {path} is empty (0 bytes): a copy may have been cut short. It was left as it "
                "is. Restore a copy (from backups/ beside it), or move it away to start a new data file.",
                path=str(path),
            )
        )


def _read_only(path: Path) -> bool:
    """The file exists but it, or its folder (where SQLite keeps its journal), cannot be written."""
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _refuse_unfinished(path: Path) -> None:
    """Changes still in the write-ahead log are only read by a program that can write the folder."""
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        raise WorkspaceError(
            tr(
                "The data file {path} was not closed properly and its folder is read-only, so its last "
                "changes cannot be read here. Open it where it can be written.",
                path=str(path),
            )
        )


def _check_current(engine: Any, path: Path) -> None:
    from ntm_desktop.db.migrate import HEAD, current_revision

    if current_revision(engine) != HEAD:
        raise WorkspaceError(
            tr(
                "The data file {path} needs an update, but it can only be read here (the file or its folder "
                "is read-only). Open it where it can be written.",
                path=str(path),
            )
        )


def _default_actor() -> str:
    try:
        return os.environ.get("NTM_ACTOR") or getpass.getuser()
    except Exception:  # getuser() raises when no user name can be found
        return "?"
