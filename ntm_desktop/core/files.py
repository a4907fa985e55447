"""Writing files so that a crash, a pulled USB stick or a full disk never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason


class WriteFailed(NtmError):
    exit_code = 4


@contextmanager
def atomic_write(target: Path, *, make_folder: bool = False) -> Iterator[BinaryIO]:
    """Yield a file in the target's folder; on success it is fsynced and renamed over ``target``.

    On any error the temporary file is removed and ``target`` is left as it was. The folder must exist
    (:func:`require_parent`: a mistyped ``--out`` is refused, never created); ``make_folder`` is for the
    app's own folders (evidence, caches, keys), which it creates as needed.
    """
    fd, tmp = _temporary(target, make_folder)
    with _put_in_place(tmp, target), os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def _put_in_place(tmp: str, target: Path) -> Iterator[None]:
    """Around the writing of the temporary file ``tmp`` (closed by the time the block ends): rename it over
    ``target``, then sync the folder; on any error remove it and leave ``target`` as it was."""
    try:
        yield
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise _failed(target, exc) from exc
    except BaseException:
        _remove(tmp)
        raise
    with contextlib.suppress(OSError):
        _fsync_dir(target.parent)


def _temporary(target: Path, make_folder: bool) -> tuple[int, str]:
    """A new temporary file in the target's folder, open for writing: its descriptor and its path.
    ``make_folder``: the folder is made when it is not there (asked only then: an evidence file goes into
    one of 256 folders that exist after the first few hundred, and a receiver keeps one per bundle)."""
    if not make_folder:
        require_parent(target)
    folder = target.parent
    prefix = f".{target.name}."
    try:
        try:
            return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        except FileNotFoundError:
            if not make_folder:
                raise
        _make_folder(folder)
        return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _failed(target, exc) from exc


def _make_folder(folder: Path) -> None:
    """``folder`` and the folders above it that are missing, each one's entry synced in the folder that
    holds it: the file about to be put there is synced with its own folder, and a crash must not lose
    the folder it is in (an evidence file, or a kept bundle, named by a committed row)."""
    made: list[Path] = []
    at = folder
    while not at.exists() and at.parent != at:
        made.append(at)
        at = at.parent
    folder.mkdir(parents=True, exist_ok=True)
    for new in reversed(made):
        with contextlib.suppress(OSError):
            _fsync_dir(new.parent)


def _remove(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def _failed(target: Path, exc: OSError) -> WriteFailed:
    if exc.errno == errno.ENOSPC:
        reason = tr("the disk is full")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = tr("no permission to write there (is the USB stick write-protected?)")
    else:
        reason = os_reason(exc)
    return WriteFailed(
        tr("Could not write {path}: {reason}. Nothing was changed.", path=str(target), reason=reason),
        details=repr(exc),
    )


def require_folder(folder: Path, field: str = "out") -> Path:
    """``folder`` if it is an existing folder; else :class:`InvalidInput` naming it (nothing is created:
    a mistyped USB path must not become a new folder on the laptop)."""
    from ntm_desktop.core.errors import InvalidInput

    if not folder.is_dir():
        what = tr("is a file, not a folder") if folder.exists() else tr("does not exist")
        raise InvalidInput(
            tr("The folder {path} {what}. Choose an existing folder (the USB stick); nothing was written.",
               path=str(folder), what=what),
            field=field,
        )  # fmt: skip
    return folder


def require_parent(target: Path, field: str = "out") -> Path:
    """``target`` if its folder exists; else :class:`InvalidInput` naming the missing folder. The one rule
    for every file the app writes where the officer said: a typo in a folder's name must not quietly
    become a new folder (and a report nobody finds)."""
    from ntm_desktop.core.errors import InvalidInput

    folder = target.parent
    if folder.is_dir():
        return target
    missing = folder
    while not missing.parent.is_dir() and missing.parent != missing:
        missing = missing.parent  # the first folder of the path that is not there
    what = tr("is a file, not a folder") if missing.exists() else tr("does not exist")
    raise InvalidInput(
        tr(
            "The folder {folder} {what}, so {name} was not written. Check the path, or create the folder "
            "first; nothing was changed.",
            folder=str(missing),
            what=what,
            name=target.name,
        ),
        field=field,
    )


def write_bytes_atomic(target: Path, data: bytes, *, make_folder: bool = False) -> None:
    """:func:`atomic_write` of ``data``, written on the file descriptor itself (no file object: a receiver
    keeps every bundle it imports this way), fsynced and renamed over ``target`` alike."""
    fd, tmp = _temporary(target, make_folder)
    with _put_in_place(tmp, target):
        try:
            with memoryview(data) as view:
                written = 0
                while written < len(view):
                    written += os.write(fd, view[written:])
            os.fsync(fd)
        finally:
            os.close(fd)


def write_with(target: Path, writer: Callable[[BinaryIO], None], *, make_folder: bool = False) -> None:
    with atomic_write(target, make_folder=make_folder) as handle:
        writer(handle)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
