"""Making, listing, previewing and restoring backups, without an open workspace.

Restoring starts a new device id: the restored file may be older than bundles the receiver already
took in from this commune, so it must never send a clock value or a bundle number the receiver has
seen. A new device id is a new stream for the receiver (its sequence starts at 1, its clock values
carry the new id); the records themselves keep their ids, so nothing is duplicated (docs/sync.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ntm_desktop import __version__
from ntm_desktop.backups import archive
from ntm_desktop.backups.archive import DATABASE, EVIDENCE_PREFIX, KEY, SUFFIX, BackupInfo
from ntm_desktop.backups.auto import VIETNAM, auto_folder, copies
from ntm_desktop.backups.snapshot import ATTACHED, contents, quick_check
from ntm_desktop.core.errors import Conflict, InvalidInput, NtmError, WorkspaceError
from ntm_desktop.core.files import require_folder, write_bytes_atomic
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.oserrors import reason
from ntm_desktop.core.progress import Report, no_progress, stop_point
from ntm_desktop.db.sqlite_files import copy_database, in_use, read_only
from ntm_desktop.sync.bundle.writer import party


@dataclass(frozen=True)
class Made:
    path: Path
    info: BackupInfo
    size: int


def evidence_folder(db_path: Path) -> Path:
    return db_path.parent / "evidence"


def key_path(db_path: Path) -> Path:
    return db_path.parent / "keys" / f"{db_path.stem}.pem"


def file_name(info: dict[str, Any], created: datetime) -> str:
    unit = info["unit"]
    who = party(unit["code"]) if unit["code"] else "chua-thiet-lap"
    return f"ntm-sao-luu-{who}-{created + VIETNAM:%Y-%m-%d-%H%M}{SUFFIX}"


@contextmanager
def _scratch(near: Path) -> Iterator[Path]:
    """A scratch folder beside the data file (same drive: the restored file is renamed into place), or
    the system's when that folder cannot be written (a data file on a write-protected stick can still
    be backed up)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=".ntm-backup-", dir=near if near.is_dir() else None))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix=".ntm-backup-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create(
    db_path: Path, out_dir: Path, key_passphrase: str | None = None, progress: Report = no_progress
) -> Made:
    """One verified ``.ntmbackup`` in ``out_dir``: the data file (online backup), its evidence files and,
    with ``key_passphrase``, the device key encrypted with it. Nothing in the data file changes.
    ``progress`` hears each step; cancelled, it stops before the backup file is written."""
    require_folder(Path(out_dir))
    if key_passphrase is not None and len(key_passphrase) < 8:
        raise InvalidInput(tr("The passphrase must have at least 8 characters"), field="passphrase")
    with _scratch(db_path.parent) as scratch:
        db_copy = scratch / DATABASE
        progress(0, 3, tr("Copying the data file…"))
        copy_database(db_path, db_copy)
        held = contents(db_copy)
        sources: dict[str, Path] = {DATABASE: db_copy}
        for sha in _evidence_hashes(db_copy):
            stored = evidence_folder(db_path) / sha[:2] / sha
            if stored.exists():
                sources[EVIDENCE_PREFIX + sha] = stored
        if key_passphrase is not None:
            sources[KEY] = _encrypted_key(db_path, scratch, key_passphrase)
        created = datetime.now(UTC).replace(microsecond=0)
        manifest: dict[str, Any] = {
            "format": archive.FORMAT,
            "version": archive.VERSION,
            "created": created.isoformat(),
            "app_version": __version__,
            "unit": {"code": held.unit_code, "name": held.unit_name, "role": held.role},
            "device_id": held.device_id,
            "counts": held.counts,
            "members": {},
        }
        for name, source in sources.items():
            sha256, size = archive.digest(source)
            manifest["members"][name] = {"sha256": sha256, "size": size}
        stop_point(progress)  # the last safe point: only the scratch copy exists, and it goes
        progress(1, 3, tr("Writing the backup file…"))
        target = _free(Path(out_dir) / file_name(manifest, created))
        archive.write(target, manifest, sources)
    progress(2, 3, tr("Reading the backup back to check it…"))
    try:
        info = archive.verify(target)  # read back: a stick that lies about writes is caught here
    except InvalidInput:
        target.unlink(missing_ok=True)
        raise
    _remember(db_path, Path(out_dir))
    return Made(target, info, target.stat().st_size)


def _free(target: Path) -> Path:
    n = 2
    while target.exists():
        target = target.with_name(f"{target.stem.rsplit('~', 1)[0]}~{n}{SUFFIX}")
        n += 1
    return target


def _evidence_hashes(db_copy: Path) -> list[str]:

    conn = read_only(db_copy)
    try:
        return [str(r[0]) for r in conn.execute("SELECT sha256 FROM evidence_files ORDER BY sha256")]
    finally:
        conn.close()


def _encrypted_key(db_path: Path, scratch: Path, passphrase: str) -> Path:
    from ntm_desktop.sync.keys.pairs import load_private_key, save_private_key

    source = key_path(db_path)
    if not source.exists():
        raise InvalidInput(
            tr("This data file has no device key yet ({path}); make the backup without the key",
               path=str(source)),
            field="with_key",
        )  # fmt: skip
    return save_private_key(load_private_key(source), scratch / KEY, passphrase)


@dataclass(frozen=True)
class Listed:
    path: Path
    kind: str  # "auto", "migration", "before-restore", "usb"
    made: datetime
    size: int


def listing(db_path: Path, extra_folders: list[Path] | None = None) -> list[Listed]:
    """Every backup of this data file: automatic copies, copies taken before migrations and restores,
    and ``.ntmbackup`` files in ``extra_folders`` (a USB stick) and in every folder a backup of this file
    was written to (:func:`kept_in`); newest first."""
    found = [Listed(p, "auto", t, p.stat().st_size) for t, p in copies(auto_folder(db_path), db_path.stem)]
    for sub, kind in ((db_path.parent / "backups", "migration"), (restore_folder(db_path), "before-restore")):
        for p in sub.glob(f"{db_path.stem}-*.sqlite") if sub.is_dir() else []:
            found.append(Listed(p, kind, datetime.fromtimestamp(p.stat().st_mtime, UTC), p.stat().st_size))
    seen: set[Path] = set()
    for folder in [*(extra_folders or []), *kept_in(db_path)]:
        for p in folder.glob(f"*{SUFFIX}") if folder.is_dir() else []:
            if p.resolve() not in seen:
                seen.add(p.resolve())
                found.append(
                    Listed(p, "usb", datetime.fromtimestamp(p.stat().st_mtime, UTC), p.stat().st_size)
                )
    return sorted(found, key=lambda b: b.made, reverse=True)


def kept_in(db_path: Path) -> list[Path]:
    """The folders backups of this data file were written to, oldest first (``backups/folders.json``
    beside it, kept by :func:`create`), so ``backup list`` and the restore dialog find them again."""
    try:
        names = json.loads(_places(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(n) for n in names if isinstance(n, str)] if isinstance(names, list) else []


def usual_folder(db_path: Path) -> Path:
    """Where a backup dialog opens when no USB stick is in: the last folder a backup went to, if it is
    still there, else ``backups/`` beside the data file."""
    return next((f for f in reversed(kept_in(db_path)) if f.is_dir()), db_path.parent / "backups")


def _places(db_path: Path) -> Path:
    return db_path.parent / "backups" / "folders.json"


def _remember(db_path: Path, folder: Path) -> None:
    """Add ``folder`` to :func:`kept_in` (last); the backup is made already, so failing to note it only
    means ``backup list --dir`` must name the folder."""
    folder = folder.resolve()
    known = [f for f in kept_in(db_path) if f != folder]
    with contextlib.suppress(NtmError):
        text = json.dumps([str(f) for f in [*known, folder]], ensure_ascii=False, indent=1)
        write_bytes_atomic(_places(db_path), text.encode("utf-8"), make_folder=True)


def restore_folder(db_path: Path) -> Path:
    return db_path.parent / "backups" / "before-restore"


@dataclass(frozen=True)
class Preview:
    """What restoring a file would bring back."""

    path: Path
    unit_code: str
    unit_name: str
    role: str
    made: datetime
    counts: dict[str, int]
    has_key: bool
    evidence_files: int

    def made_in_vietnam(self) -> str:
        return f"{self.made + VIETNAM:%d/%m/%Y %H:%M}"


def describe(shown: Preview) -> str:
    """What a backup holds, in one sentence (the CLI prints it, the restore dialog shows it)."""
    return tr(
        "Backup of {name} ({code}), made {made} (Vietnam time): {assessments}, {help}, {supporters}, "
        "{cadres}, {events}, {evidence}.",
        name=shown.unit_name or "—",
        code=shown.unit_code or "—",
        made=shown.made_in_vietnam(),
        **counted(shown.counts, shown.evidence_files),
    )


def counted(counts: dict[str, int], evidence_files: int) -> dict[str, str]:
    """A data file's record counts as the officer reads them ("12 khoản hỗ trợ"), by placeholder."""
    return {
        "assessments": trn("{n} assessment", "{n} assessments", counts.get("assessments", 0)),
        "help": help_count(counts.get("help", 0)),
        "supporters": trn("{n} supporter", "{n} supporters", counts.get("supporters", 0)),
        "cadres": trn("{n} cadre", "{n} cadres", counts.get("cadres", 0)),
        "events": trn("{n} event", "{n} events", counts.get("events", 0)),
        "evidence": trn("{n} evidence file", "{n} evidence files", evidence_files),
    }


def help_count(n: int) -> str:
    """ "2 records of help" ("2 khoản hỗ trợ", as a backup has always said it)."""
    return trn("{n} record of help", "{n} records of help", n)


def preview(path: Path) -> Preview:
    """Read (and check) a backup without writing anything: an ``.ntmbackup`` or a plain ``.sqlite`` copy."""
    path = Path(path)
    if not path.is_file():  # a mistyped name is not a damaged backup
        raise InvalidInput(tr("The backup file {path} does not exist", path=str(path)), field="file")
    if path.suffix == SUFFIX:
        info = archive.verify(path)
        with _scratch(Path(tempfile.gettempdir())) as scratch:
            archive.extract(path, DATABASE, scratch / DATABASE)
            _not_newer(path, contents(scratch / DATABASE).schema)
        return Preview(path, info.unit_code, info.unit_name, info.role, info.created, dict(info.counts),
                       info.has_key, info.counts.get(ATTACHED, len(info.evidence)))  # fmt: skip
    _check_sqlite(path)
    held = contents(path)
    _not_newer(path, held.schema)
    made = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    from ntm_desktop.backups.auto import made_at

    return Preview(path, held.unit_code, held.unit_name, held.role, made_at(path) or made, held.counts,
                   False, held.counts[ATTACHED])  # fmt: skip


def _not_newer(path: Path, schema: str) -> None:
    """A backup made by a newer version is said with the preview: the restore would refuse it only after
    the officer confirmed (and the window had closed the data file)."""
    from ntm_desktop.db.migrate import known_revisions

    if schema and schema not in known_revisions():
        raise InvalidInput(
            tr("{path} is not a usable NTM Desktop backup: {why}", path=str(path),
               why=tr("it was made by a newer version of NTM Desktop; update the app")),
            field="file",
        )  # fmt: skip


def _check_sqlite(path: Path) -> None:
    problem = quick_check(path)
    if problem != "ok":
        raise InvalidInput(
            tr("{path} is not a usable NTM Desktop backup: {why}", path=str(path), why=problem), field="file"
        )


def restore(path: Path, db_path: Path, key_passphrase: str | None = None) -> Path | None:
    """Replace the data file at ``db_path`` with the backup ``path``; the current file is copied to
    ``backups/before-restore/`` first (returned). Evidence files come back beside it; the device key
    only with its passphrase. The restored file gets a new device id (see the module's text).
    No workspace may hold ``db_path`` open."""
    path, db_path = Path(path), Path(db_path)
    shown = preview(path)  # checks the whole file before anything is touched
    same_unit(shown, db_path)
    _not_in_use(db_path)
    _writable(db_path.parent)
    with _scratch(db_path.parent) as scratch:
        fresh = scratch / DATABASE
        if path.suffix == SUFFIX:
            archive.extract(path, DATABASE, fresh)
            key = _decrypted_key(path, scratch, key_passphrase) if shown.has_key and key_passphrase else None
        else:
            copy_database(path, fresh)
            key = None
        _start_new_device(fresh)
        if path.suffix == SUFFIX:  # before the swap: a full disk here leaves the data file as it was
            _restore_evidence(path, db_path)  # (named by their content, extra files harm nothing)
        kept = _keep_current(db_path)
        _put_in_place(fresh, db_path)
    if key is not None:
        from ntm_desktop.sync.keys.pairs import save_private_key

        if key_path(db_path).exists():
            old_key = restore_folder(db_path) / f"{db_path.stem}-key-before-restore.pem"
            n = 2
            while old_key.exists():  # a key kept by an earlier restore is never written over
                old_key = old_key.with_name(f"{db_path.stem}-key-before-restore-{n}.pem")
                n += 1
            old_key.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(key_path(db_path), old_key)
        save_private_key(key, key_path(db_path))
    return kept


def same_unit(shown: Preview, db_path: Path) -> None:
    """A backup of another unit never replaces this one's data file (said with the preview, before the
    officer confirms, and again by :func:`restore`)."""
    if not db_path.exists() or quick_check(db_path) != "ok":
        return
    try:
        current = contents(db_path)
    except NtmError:
        return
    if current.unit_code and shown.unit_code and current.unit_code != shown.unit_code:
        raise Conflict(
            tr(
                "The backup {file} holds {backup} but the data file {path} holds {current}; nothing was "
                "changed. Restore it into a new data file (File › New data file…, or --db NEW.sqlite).",
                file=shown.path.name,
                backup=f"{shown.unit_name} ({shown.unit_code})",
                path=str(db_path),
                current=f"{current.unit_name} ({current.unit_code})",
            )
        )


def _not_in_use(db_path: Path) -> None:
    """A data file another program holds open is never replaced under it: that program would go on
    writing into the file it had opened (gone from the folder once replaced), and the officer's work
    typed there after the restore would be lost without a word."""
    if in_use(db_path):
        raise Conflict(
            tr(
                "The data file {path} is open in another NTM Desktop window or program; nothing was "
                "changed. Close it there, then restore again.",
                path=str(db_path),
            )
        )


def _writable(folder: Path) -> None:
    """The restored file and the copy of the current one are written in the data file's folder: one that
    cannot be written is said before anything is touched, not as an unexpected error."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.rmdir(tempfile.mkdtemp(prefix=".ntm-restore-", dir=folder))
    except OSError as exc:
        raise WorkspaceError(
            tr(
                "Cannot restore into {folder}: {reason}. Nothing was changed; restore into a data file in a "
                "folder that can be written (File › New data file…, or --db NEW.sqlite).",
                folder=str(folder),
                reason=reason(exc),
            )
        ) from exc


def _decrypted_key(path: Path, scratch: Path, passphrase: str) -> Any:
    from ntm_desktop.sync.keys.pairs import load_private_key

    archive.extract(path, KEY, scratch / KEY)
    return load_private_key(scratch / KEY, passphrase)


def _start_new_device(db_file: Path) -> None:
    """The restored file continues as a new device: a new id and bundle numbers from 1 (a new stream)."""
    from ntm_desktop.workspace import Workspace

    with Workspace.open(db_file) as ws:
        ws.sync.start_new_device(reason="backup.restore")


def _keep_current(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    folder = restore_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.sqlite"
    n = 2
    while target.exists():  # two restores in one second: the first kept file is never written over
        target = target.with_name(f"{db_path.stem}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{n}.sqlite")
        n += 1
    if quick_check(db_path) == "ok":
        copy_database(db_path, target)
    else:  # a damaged file cannot be copied page by page: keep its bytes as they are
        shutil.copy2(db_path, target)
    return target


def _put_in_place(fresh: Path, db_path: Path) -> None:
    """Move the restored file over the data file; the old WAL and shared-memory files go first, or
    SQLite would replay the old file's last writes onto the restored one."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staged = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:8]}.restoring")
    shutil.copy2(fresh, staged)
    with staged.open("rb") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, db_path)


def _restore_evidence(path: Path, db_path: Path) -> None:
    info = archive.read_info(path)
    for sha in info.evidence:
        target = evidence_folder(db_path) / sha[:2] / sha
        if not target.exists():
            archive.extract(path, EVIDENCE_PREFIX + sha, target)
