"""The errors signing raises: what went wrong, in words the officer understands."""

from __future__ import annotations

from ntm_desktop.core.errors import NtmError


class SigningError(NtmError):
    """The document could not be signed, or the key could not be opened. No file was written.

    Exit code 5, as the README's table gives a key that cannot be opened (a locked token, a key with no
    certificate, a driver missing)."""

    exit_code = 5


class SigningInputRefused(SigningError):
    """What the officer gave is wrong: a passphrase or PIN typed wrong, a file that is not a key file or
    not a PDF. Bad input, exit 3 as the README's table says ("invalid input or a refused file"), as a wrong
    passphrase of a sync key file is: 5 would tell a script the signature or the key is broken, when
    typing it again is the answer. Still a :class:`SigningError` for whoever catches those."""

    exit_code = 3
