"""The one error signing raises: what went wrong, in words the officer understands."""

from __future__ import annotations

from ntm_desktop.core.errors import NtmError


class SigningError(NtmError):
    """The document could not be signed, or the key could not be opened. No file was written."""

    exit_code = 5
