"""A real PostgreSQL server for the tests, started in a temporary folder and stopped at the end.

Debian's ``postgresql`` package gives ``initdb`` and ``pg_ctl`` under ``/usr/lib/postgresql/*/bin``; they
refuse to run as root, so as root they run as the ``postgres`` user on a folder handed to it. The server
listens on a Unix socket in that folder only (no TCP port), trusts local connections (a test server),
and runs without fsync (a crash loses nothing a test needs). Each test gets a fresh database copied
from a migrated template (``CREATE DATABASE … TEMPLATE``), owned by the role ``ntm`` the app connects as.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

ROLE = "ntm"
TEMPLATE = "ntm_template"


class Unavailable(RuntimeError):
    """No PostgreSQL server could be started here (the package is missing, or it failed to start)."""


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise Unavailable("PostgreSQL is not installed (apt-get install postgresql)")


def _version_key(path: str) -> tuple[int, ...]:
    part = Path(path).parent.parent.name
    return tuple(int(p) for p in part.split(".") if p.isdigit())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="ntm-pg-"))
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        self.superuser = "postgres" if self.as_postgres else (os.environ.get("USER") or "postgres")
        self._names = count(1)
        self.started = False

    # ---- running the server ----------------------------------------------------------------------

    def _run(self, *argv: str) -> None:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise Unavailable(f"{' '.join(argv[:2])} failed: {done.stdout}{done.stderr}")

    def start(self) -> None:
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        data = self.root / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", self.superuser, "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = (
            f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        self.started = True
        self.admin(f"CREATE ROLE {ROLE} LOGIN", f"CREATE DATABASE {TEMPLATE} OWNER {ROLE}")

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    # ---- databases -------------------------------------------------------------------------------

    def url(self, database: str, user: str = ROLE) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.root}&port={self.port}"

    def admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.root), port=self.port, user=self.superuser, dbname="postgres", autocommit=True
        ) as conn:
            for sql in statements:
                conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self) -> str:
        """A fresh database (from the migrated template), its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} OWNER {ROLE} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = url.split("@/", 1)[1].split("?", 1)[0]
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    @contextmanager
    def password_role(self, role: str, password: str) -> Iterator[None]:
        """A role that must give ``password`` (scram-sha-256 over the socket) while the block runs."""
        self.admin(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'", f"GRANT {ROLE} TO {role}")
        hba = self.root / "data" / "pg_hba.conf"
        text = hba.read_text()
        try:
            hba.write_text(f"local all {role} scram-sha-256\n" + text)
            self.admin("SELECT pg_reload_conf()")
            yield
        finally:
            hba.write_text(text)
            self.admin("SELECT pg_reload_conf()", f"DROP OWNED BY {role}", f"DROP ROLE {role}")
