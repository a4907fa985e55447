"""Why a PostgreSQL server could not be reached, in the clerk's language.

libpq says it in English whatever the UI language ("password authentication failed for user …",
"Connection refused", 'database "x" does not exist'). :func:`reason` gives the clerk's words and what to
check; the driver's own text stays in the error's details and the log. A reason it does not know is
returned as the driver gave it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ntm_desktop.core.i18n import tr

_Say = Callable[[re.Match[str]], str]


def _known() -> list[tuple[re.Pattern[str], _Say]]:
    def pattern(text: str) -> re.Pattern[str]:
        return re.compile(text, re.IGNORECASE)

    return [
        (
            pattern(r"password authentication failed for user \"?([^\"\n]*)\"?"),
            lambda m: tr(
                "the server did not accept the password of user {user} (a wrong password, or a wrong user)",
                user=m.group(1),
            ),
        ),
        (
            pattern(r"no password supplied"),
            lambda m: tr(
                "the server wants a password and none was given: put it in ~/.pgpass (Windows: "
                "%APPDATA%\\postgresql\\pgpass.conf) or in PGPASSWORD, or run the command in a terminal to "
                "type it (docs/postgresql.md)"
            ),
        ),
        (
            pattern(r"database \"([^\"\n]*)\" does not exist"),
            lambda m: tr(
                "the server has no database named {name} (check the name after the last /)", name=m[1]
            ),
        ),
        (
            pattern(r"role \"([^\"\n]*)\" does not exist"),
            lambda m: tr("the server has no user named {name}", name=m[1]),
        ),
        (
            pattern(r"no pg_hba\.conf entry[^\n]*"),
            lambda m: tr(
                "the server does not let this computer connect as this user to this database (its "
                "pg_hba.conf has no line for it)"
            ),
        ),
        (
            pattern(r"(?:failed to resolve host|could not translate host name) '?\"?([^'\"\s]*)"),
            lambda m: tr(
                "no server named {host} is known on this network (check the server's name)", host=m[1]
            ),
        ),
        (
            pattern(r"Connection refused|on socket [^\n]* failed: No such file or directory"),
            lambda m: tr(
                "nothing answers at that address and port: is the database server running, and are the "
                "server's address and port right?"
            ),
        ),
        (
            pattern(r"timeout expired|timed out"),
            lambda m: tr("the server did not answer in time (is the network or a firewall in the way?)"),
        ),
        (
            pattern(r"No route to host|Network is unreachable"),
            lambda m: tr("the server cannot be reached from this computer (is it on the office's network?)"),
        ),
        (
            pattern(r"server does not support SSL"),
            lambda m: tr("the server does not offer an encrypted connection, which sslmode=require asks for"),
        ),
        (
            pattern(r"too many (?:connections|clients)"),
            lambda m: tr("the server has too many connections open; try again in a moment"),
        ),
    ]


def reason(driver_text: str) -> str:
    """The clerk's words for why the connection failed, or ``driver_text`` when it is not a known case."""
    for found, say in _known():
        match = found.search(driver_text)
        if match:
            return say(match)
    return driver_text
