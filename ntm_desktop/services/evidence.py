"""Evidence files (photos, scanned minutes): stored once by SHA-256 in ``evidence/`` beside the database.

A file's name is kept as a safe base name (:func:`ntm_desktop.core.filenames.safe_name`), whether it comes
from the officer's disk or from a bundle; opening a file copies it, under that name only, into a folder of
its own in the temporary folder, and says what its content really is.

On a database server the bytes are kept in the database (``evidence_blobs``), so every clerk reaches
them; ``evidence/`` in the clerk's own folder is then only a cache, filled when a file is first read.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Dialect, Table, exists, select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.filenames import safe_name
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.filetypes import BY_KEY, FileType, Verdict, judge, sniff_file
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.db.driver import flushed, send, written
from ntm_desktop.db.lengths import check_rows
from ntm_desktop.db.sql import insert_new_with, insert_row
from ntm_desktop.services.db import Database

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Evidence:
    uid: str
    filename: str
    sha256: str
    size: int
    path: Path
    content: str = "unknown"
    """What the file's bytes show it is (a :data:`ntm_desktop.core.filetypes.BY_KEY` key)."""

    @property
    def content_type(self) -> FileType:
        return BY_KEY.get(self.content, BY_KEY["unknown"])


@dataclass(frozen=True)
class OpenCopy:
    """A copy of an evidence file to open, and what to tell the officer first."""

    path: Path
    verdict: Verdict


def copy_to_open(source: Path, name: str) -> OpenCopy:
    """Copy ``source`` under the safe form of ``name`` into a new private temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="ntm-desktop-evidence-"))
    target = folder / safe_name(name)
    with source.open("rb") as src, target.open("xb") as dst:
        shutil.copyfileobj(src, dst)
    return OpenCopy(target, judge(target.name, sniff_file(target)))


def _has_blob(s: Session, digest: str) -> bool:
    """Whether a file stored before has its bytes in the database (a file kept before the workspace
    moved onto a server may have only its row)."""
    return s.scalar(select(exists().where(m.EvidenceBlob.sha256 == digest))) or False


def _new_file_row(s: Session, digest: str, size: int) -> None:
    """``insert_new(s, EvidenceFile, sha256=digest, size=size)``: the file's row unless it is there, in one
    statement compiled once and sent on the driver's connection (:mod:`ntm_desktop.db.driver`), after
    what the session holds is flushed. A receiver keeps every bundle it imports this way, and
    SQLAlchemy's executing of the statement cost three times the statement."""
    values = {"sha256": digest, "size": size, "created_at": utcnow()}
    check_rows(_FILES, [values])  # lengths hold as for every write
    conn = flushed(s)
    sql, params = _new_file_statement(conn.dialect)
    send(conn, sql, params(values))


_FILES = cast(Table, m.EvidenceFile.__table__)


@cache
def _new_file_statement(dialect: Dialect) -> tuple[str, Callable[[Mapping[str, Any]], Any]]:
    """``INSERT … ON CONFLICT DO NOTHING`` of a file's row (both databases spell it so), as the driver takes
    it, each value converted as SQLAlchemy converts it (the time's): written out, not compiled on the first
    import in a process (:func:`~ntm_desktop.db.driver.written`)."""
    names = ("sha256", "size", "created_at")
    sql = (
        f"INSERT INTO {_FILES.name} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)}) "
        "ON CONFLICT DO NOTHING"
    )
    return written(sql, dialect, {n: _FILES.c[n].type for n in names})


class EvidenceService:
    def __init__(self, db: Database, folder: Path, in_database: bool = False) -> None:
        self._db = db
        self.folder = folder
        self.in_database = in_database

    def path_for(self, sha256: str) -> Path:
        """Where the file is read from (for a server workspace: fetched into the cache if needed)."""
        path = self.folder / sha256[:2] / sha256
        if self.in_database and not path.exists():
            with self._db.read() as s:
                data = s.scalar(select(m.EvidenceBlob.content).where(m.EvidenceBlob.sha256 == sha256))
            if data is not None:
                write_bytes_atomic(path, bytes(data), make_folder=True)
        return path

    def stored(self) -> list[str]:
        """The SHA-256 of every file stored (linked to a record or not)."""
        with self._db.read() as s:
            return list(s.scalars(select(m.EvidenceFile.sha256).order_by(m.EvidenceFile.sha256)))

    def store_bytes(self, s: Session, data: bytes) -> str:
        """Store content once (inside the caller's transaction) and return its hash. On a database server
        the bytes go into the database only: this clerk's folder is a cache, filled when a file is read
        (:meth:`path_for`), not with every bundle the receiver keeps."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.folder / digest[:2] / digest
        if not self.in_database and not target.exists():
            write_bytes_atomic(target, data, make_folder=True)
        if not self.in_database:
            _new_file_row(s, digest, len(data))
            return digest
        row = {"sha256": digest, "size": len(data)}  # the bytes with a new file row: one statement
        made = insert_new_with(s, m.EvidenceFile, row, m.EvidenceBlob, {"content": data})
        if not made and not _has_blob(s, digest):  # a file kept before the workspace moved onto a server
            insert_row(s, m.EvidenceBlob, {"sha256": digest, "content": data})
        return digest

    def attach(self, s: Session, owner_kind: str, owner_uid: str, unit_code: str, source: Path) -> str:
        """Attach the file at ``source`` to a record, inside the caller's transaction."""
        try:
            size = source.stat().st_size
            if size > MAX_EVIDENCE_BYTES:
                raise InvalidInput(
                    tr("The file {name} is larger than 200 MB", name=source.name), field="evidence"
                )
            data = source.read_bytes()
        except OSError as exc:
            raise InvalidInput(
                tr("Cannot read the file {name}: {reason}", name=str(source), reason=os_reason(exc)),
                field="evidence",
            ) from exc
        digest = self.store_bytes(s, data)
        exists = s.scalar(
            select(m.EvidenceLink).where(
                m.EvidenceLink.owner_uid == owner_uid,
                m.EvidenceLink.sha256 == digest,
                m.EvidenceLink.filename == safe_name(source.name),
            )
        )
        if exists is None:
            s.add(
                m.EvidenceLink(
                    owner_kind=owner_kind,
                    owner_uid=owner_uid,
                    sha256=digest,
                    filename=safe_name(source.name),
                    unit_code=unit_code,
                )
            )
        else:
            exists.deleted_at = None
        return digest

    def detach(self, s: Session, owner_uid: str, sha256: str) -> None:
        for link in s.scalars(
            select(m.EvidenceLink).where(
                m.EvidenceLink.owner_uid == owner_uid, m.EvidenceLink.sha256 == sha256
            )
        ):
            link.deleted_at = utcnow()

    def list_for(self, owner_uid: str) -> list[Evidence]:
        with self._db.read() as s:
            rows = s.execute(
                select(m.EvidenceLink, m.EvidenceFile)
                .join(m.EvidenceFile, m.EvidenceFile.sha256 == m.EvidenceLink.sha256)
                .where(m.EvidenceLink.owner_uid == owner_uid, m.EvidenceLink.deleted_at.is_(None))
                .order_by(m.EvidenceLink.created_at)
            ).all()
            found = [(link.uid, link.filename, f.sha256, f.size) for link, f in rows]
        return [
            Evidence(uid, safe_name(name), sha, size, self.path_for(sha), sniff_file(self.path_for(sha)).key)
            for uid, name, sha, size in found
        ]

    def open_copy(self, evidence: Evidence) -> OpenCopy:
        """A copy of the stored file, named by its safe name only, in a folder of its own."""
        try:
            return copy_to_open(evidence.path, evidence.filename)
        except OSError as exc:
            raise InvalidInput(
                tr(
                    "Cannot read the file {name}: {reason}",
                    name=safe_name(evidence.filename),
                    reason=os_reason(exc),
                ),
                field="evidence",
            ) from exc
