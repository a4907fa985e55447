"""Operating-system and SQLite errors in the officer's language.

Python gives ``OSError.strerror`` in English ("No such file or directory") whatever the UI language;
every message that shows one goes through :func:`reason` instead.
"""

from __future__ import annotations

import errno

from ntm_desktop.core.i18n import tr


def _by_errno() -> dict[int, str]:
    return {
        errno.ENOENT: tr("No such file or directory"),
        errno.EACCES: tr("Permission denied"),
        errno.EPERM: tr("Operation not permitted"),
        errno.ENOSPC: tr("The disk is full"),
        errno.EROFS: tr("The drive is read-only (is the USB stick write-protected?)"),
        errno.EISDIR: tr("It is a folder, not a file"),
        errno.ENOTDIR: tr("Not a folder"),
        errno.EEXIST: tr("The file already exists"),
        errno.ENOTEMPTY: tr("The folder is not empty"),
        errno.EIO: tr("Input/output error (the disk or USB stick may be failing)"),
        errno.ENAMETOOLONG: tr("The file name is too long"),
        errno.EBUSY: tr("The file is in use by another program"),
        errno.EINVAL: tr("Invalid argument"),
    }


def _sqlite_messages() -> dict[str, str]:
    return {
        "unable to open database file": tr(
            "The data file cannot be opened (missing folder or no permission)"
        ),
        "file is not a database": tr("The file is not an NTM Desktop data file"),
        "database disk image is malformed": tr("The data file is damaged"),
        "attempt to write a readonly database": tr("The data file is read-only"),
        "database is locked": tr("The data file is in use by another program"),
        "database or disk is full": tr("The disk is full"),
    }


def reason(exc: BaseException) -> str:
    """Why an operating-system or SQLite call failed, translated; the original text when unknown."""
    if isinstance(exc, OSError) and exc.errno in _by_errno():
        return _by_errno()[exc.errno]
    text = str(getattr(exc, "strerror", None) or exc)
    for english, translated in _sqlite_messages().items():
        if english in text:
            return translated
    return text


def describe(exc: OSError) -> str:
    """The reason with the file it concerns: ``Không có tệp hoặc thư mục này: /x/y``."""
    names = [str(n) for n in (exc.filename, exc.filename2) if n]
    text = reason(exc)
    return f"{text}: {' → '.join(names)}" if names else text
