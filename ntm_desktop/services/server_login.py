"""Where a receiving office's database server is, as a clerk types it, and its password kept safely.

The password is never written to a file of ours nor logged. It comes, in this order, from what the clerk
types in the connect dialog (each time), from the operating system's keyring when the ``keyring`` library
is installed with a secure backend and the clerk asked to remember it, or from libpq itself
(``PGPASSWORD``, ``~/.pgpass`` or the file ``PGPASSFILE`` names).
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit

log = logging.getLogger(__name__)

DEFAULT_PORT = 5432
SERVICE = "ntm-desktop"


@dataclass(frozen=True)
class ServerLogin:
    host: str = "localhost"
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""

    def url(self) -> str:
        """``postgresql+psycopg://user@host:port/database``: no password, ever."""
        host = self.host.strip()
        if host.startswith("/"):  # a Unix socket folder
            return f"postgresql+psycopg://{quote(self.user)}@/{quote(self.database)}?host={host}&port={self.port}"
        shown = f"[{host}]" if ":" in host else host
        return f"postgresql+psycopg://{quote(self.user)}@{shown}:{self.port}/{quote(self.database)}"

    @property
    def key(self) -> str:
        """What the keyring files the password under."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_url(cls, url: str) -> ServerLogin:
        """The login a ``postgresql+psycopg://…`` URL names (its password, if any, is left out)."""
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        host = query.get("host") or parts.hostname or "localhost"
        try:
            port = int(query.get("port") or parts.port or DEFAULT_PORT)
        except ValueError:
            port = DEFAULT_PORT
        return cls(host, port, unquote(parts.path.lstrip("/")), unquote(parts.username or ""))


def keyring_usable() -> bool:
    """True when the ``keyring`` library is installed and stores secrets in a real, encrypted store
    (not its plain-text or do-nothing fallbacks)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    name = type(backend).__module__
    return not isinstance(backend, fail.Keyring) and "plaintext" not in name and "null" not in name


def saved_password(login: ServerLogin) -> str | None:
    if not keyring_usable():
        return None
    import keyring

    try:
        found = keyring.get_password(SERVICE, login.key)
    except Exception:  # a locked or unavailable store: ask instead
        log.warning("the keyring could not be read", exc_info=False)
        return None
    return found if isinstance(found, str) else None


def remember_password(login: ServerLogin, password: str) -> bool:
    """Keep the password in the OS keyring; False when there is no usable keyring."""
    if not keyring_usable():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, login.key, password)
        return True
    except Exception:
        log.warning("the keyring could not be written", exc_info=False)
        return False


def forget_password(login: ServerLogin) -> None:
    if not keyring_usable():
        return
    import keyring

    with contextlib.suppress(Exception):  # nothing kept, or the store is locked: nothing to forget
        keyring.delete_password(SERVICE, login.key)
