"""Careful reading of the ZIP container: nothing in its headers is believed.

* Every entry name is checked before anything is read: no ``..``, no absolute paths, no backslashes,
  drive letters or control characters, no name given twice (zip slip and shadowed members).
* Only stored or deflated, unencrypted entries are read.
* Data is decompressed in small chunks against a cap that the *caller* gives (the signed size from the
  manifest), never against the size the ZIP header claims: a member that inflates past its cap is
  refused as soon as it passes it (zip bomb).
* Every error of the ``zipfile`` and ``zlib`` modules on damaged input becomes :class:`InvalidBundle`.
* A bundle read whole (a few megabytes at most) has its deflated members inflated straight from its bytes
  when zipfile would give the same bytes without an error (``Archive._inflated``: the local header as the
  directory says, the directory's size and CRC-32); anything else is read through zipfile, which names
  what is wrong (``tests/test_bundle_read_inflate.py`` compares both on altered bundles).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.sync.errors import InvalidBundle, Reason

CHUNK = 64 * 1024
#: Errors the zipfile and zlib modules raise on damaged or hostile archives.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    struct.error,
    ValueError,
    RuntimeError,
    OverflowError,
)
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_FLAG_ENCRYPTED = 0x1
_FLAGS_REFUSED = 0x1 | 0x20 | 0x40
"""Encrypted, compressed patched data, strong encryption: zipfile refuses the last two when it opens one."""
_LOCAL = struct.Struct("<4s22xHH")
"""A local file header (30 bytes): its signature, and the lengths of the name and extra field after it."""
_LOCAL_SIGNATURE = b"PK\x03\x04"


def is_safe_name(name: str) -> bool:
    """Whether an entry name stays inside the folder it would be extracted to, on any system."""
    if not name or name.startswith("/") or "\\" in name or ":" in name:
        return False
    if not name.isprintable():  # control characters, and invisible ones that could disguise a name
        return False
    parts = name.split("/")
    return all(part not in ("", ".", "..") for part in parts[:-1]) and parts[-1] not in (".", "..")


def printable(name: str) -> str:
    """A name safe to show in a message or a terminal: unprintable characters as escapes."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in name)


def _damaged(member: str, error: BaseException) -> InvalidBundle:
    return InvalidBundle(
        Reason.DAMAGED_MEMBER,
        tr("The file {member} in the bundle is damaged and cannot be read", member=member),
        f"{member}: {error!r}",
    )


def _too_large(member: str, limit: int) -> InvalidBundle:
    return InvalidBundle(
        Reason.TOO_LARGE,
        tr(
            "The file {member} in the bundle is larger than its manifest says; the bundle was refused",
            member=member,
        ),
        f"{member}: more than {limit} bytes after decompression",
    )


def not_a_bundle(path: Path, error: BaseException) -> InvalidBundle:
    return InvalidBundle(
        Reason.NOT_A_BUNDLE,
        tr(
            "The file {name} is not an NTM Desktop sync bundle, or it is damaged or incomplete "
            "(was it copied completely?)",
            name=path.name,
        ),
        f"{path}: {error!r}",
    )


class Sink(Protocol):
    def write(self, data: bytes, /) -> object: ...


class Discard:
    """A sink that only counts: for checking a member without keeping it."""

    def write(self, data: bytes, /) -> int:
        return len(data)


class Archive:
    """An opened bundle file whose entry names were all checked. Use :func:`open_archive`."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, data: bytes | None = None) -> None:
        self.path = path
        self._zf = zf
        self.data = data
        """The file's bytes, when it was read whole (``open_archive(whole=True)``)."""
        self.entries: dict[str, zipfile.ZipInfo] = {}
        for info in zf.infolist():
            self._admit(info)

    def _admit(self, info: zipfile.ZipInfo) -> None:
        name = info.filename
        if info.orig_filename != name or not is_safe_name(name):
            raise InvalidBundle(
                Reason.UNSAFE_NAME,
                tr(
                    "The bundle contains a file with an unsafe name ({member}); it was refused",
                    member=printable(name),
                ),
                f"entry name {info.orig_filename!r}",
            )
        if name in self.entries:
            raise InvalidBundle(
                Reason.DUPLICATE_MEMBER,
                tr("The bundle contains the file {member} more than once; it was refused", member=name),
            )
        if info.compress_type not in _READABLE or info.flag_bits & _FLAG_ENCRYPTED:
            raise _damaged(name, ValueError(f"method {info.compress_type}, flags {info.flag_bits:#x}"))
        self.entries[name] = info

    @contextlib.contextmanager
    def _reading(self, name: str) -> Iterator[IO[bytes]]:
        try:
            with self._zf.open(self.entries[name]) as source:
                yield source
        except _ZIP_ERRORS as error:
            raise _damaged(name, error) from error
        except OSError as error:
            raise not_a_bundle(self.path, error) from error

    def _inflated(self, name: str, limit: int) -> bytes | None:
        """``name`` inflated straight from the file's bytes in one zlib call, when zipfile would give the
        same bytes without an error: the file was read whole, the member is deflated, its local header is
        plainly the directory's, and it inflates completely to the size the directory gives, no more than
        ``limit`` bytes, with the directory's CRC-32. Else None: zipfile reads it and names any problem.
        (Opening a member through zipfile costs ~10 µs each, several times a bundle.)"""
        info, data = self.entries[name], self.data
        if (
            data is None
            or info.compress_type != zipfile.ZIP_DEFLATED
            or info.flag_bits & _FLAGS_REFUSED
            or not info.file_size <= limit
            or not info.orig_filename.isascii()  # its local name reads alike in UTF-8 and cp437
        ):
            return None
        at = info.header_offset
        if len(data) < at + _LOCAL.size:
            return None
        signature, name_length, extra_length = _LOCAL.unpack_from(data, at)
        start = at + _LOCAL.size + name_length + extra_length
        if (
            signature != _LOCAL_SIGNATURE
            or data[at + _LOCAL.size : start - extra_length] != info.orig_filename.encode()
        ):
            return None
        deflated = data[start : start + info.compress_size]
        if len(deflated) != info.compress_size:
            return None
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            inflated = inflate.decompress(deflated, info.file_size + 1)
        except zlib.error:
            return None
        if not inflate.eof or len(inflated) != info.file_size or zlib.crc32(inflated) != info.CRC:
            return None
        return inflated

    def head(self, name: str, limit: int) -> bytes:
        """At most ``limit`` bytes of ``name``: for members of a fixed size, read one byte past it."""
        inflated = self._inflated(name, limit)
        if inflated is not None:
            return inflated
        with self._reading(name) as source:
            return source.read(limit)

    def chunks(self, name: str, cap: int) -> Iterator[bytes]:
        """Decompress ``name`` in small chunks, refusing it as soon as it passes ``cap`` bytes."""
        size = 0
        with self._reading(name) as source:
            while chunk := source.read(min(CHUNK, cap - size + 1)):
                size += len(chunk)
                if size > cap:
                    raise _too_large(name, cap)
                yield chunk

    def stream(self, name: str, cap: int, sink: Sink | None = None) -> tuple[bytes, str, int]:
        """Decompress ``name`` without passing ``cap`` bytes: (data, sha256 hex, size).

        With a ``sink`` the data is written to it in chunks instead of being kept (and ``b""`` is
        returned); without one, it is read in one call (no more than ``cap`` and one byte are inflated),
        as it is all kept anyway: a fifth less time than in chunks for a commune's records. A member of at
        most a chunk, or one kept, of a bundle read whole is inflated straight (:meth:`_inflated`).
        """
        inflated = self._inflated(name, cap if sink is None else min(cap, CHUNK))
        if inflated is not None:
            if sink is not None:
                sink.write(inflated)
            return b"" if sink is not None else inflated, hashlib.sha256(inflated).hexdigest(), len(inflated)
        if sink is None:
            with self._reading(name) as source:
                data = source.read(cap + 1)
            if len(data) > cap:
                raise _too_large(name, cap)
            return data, hashlib.sha256(data).hexdigest(), len(data)
        digest, size = hashlib.sha256(), 0
        for chunk in self.chunks(name, cap):
            size += len(chunk)
            digest.update(chunk)
            sink.write(chunk)
        return b"", digest.hexdigest(), size


@contextlib.contextmanager
def open_archive(
    path: Path, *, max_entries: int, whole: bool = False, known: Archive | None = None
) -> Iterator[Archive]:
    """Open ``path`` as a ZIP and check its entry names, or reject it. ``whole``: the file is read in one
    call and its members from memory (a small bundle: not a seek and a read per member, and the bytes
    that were checked are :attr:`Archive.data`, what a receiver keeps). ``known``: this file opened
    before by :func:`whole_archive`, taken again when the file still holds its very bytes (compared
    whole; else the file is opened as it is now)."""
    zf, data = _read_zip(path, whole, known)
    if zf is None:
        assert known is not None  # the same bytes: the same directory, names and checks
        yield known
        return
    with zf:
        yield _archive(path, zf, data, max_entries)


def whole_archive(path: Path, *, max_entries: int) -> Archive:
    """``path`` read whole and opened as :func:`open_archive` would, for :func:`open_archive`'s
    ``known`` (ordering a batch reads each bundle: its import then opens it once, if unchanged). In
    memory: there is nothing to close."""
    zf, data = _read_zip(path, True, None)
    assert zf is not None
    return _archive(path, zf, data, max_entries)


def _read_zip(path: Path, whole: bool, known: Archive | None) -> tuple[zipfile.ZipFile | None, bytes | None]:
    """The file's ZIP (and its bytes when read ``whole``); no ZIP when it holds ``known``'s very bytes."""
    data = None
    try:
        if whole:
            data = path.read_bytes()
            if known is not None and known.path == path and known.data == data:
                return None, data
        return zipfile.ZipFile(io.BytesIO(data) if data is not None else path), data
    except _ZIP_ERRORS as error:
        raise not_a_bundle(path, error) from error
    except OSError as error:
        raise InvalidBundle(
            Reason.NOT_A_BUNDLE,
            tr(
                "The file {name} cannot be read: {reason}",
                name=path.name,
                reason=os_reason(error),
            ),
            repr(error),
        ) from error


def _archive(path: Path, zf: zipfile.ZipFile, data: bytes | None, max_entries: int) -> Archive:
    if len(zf.infolist()) > max_entries:
        raise InvalidBundle(
            Reason.TOO_LARGE,
            tr("The bundle holds too many files ({count}); it was refused", count=len(zf.infolist())),
            f"at most {max_entries} entries are read",
        )
    return Archive(path, zf, data)
