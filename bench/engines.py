"""Where a bench puts a receiving workspace (a SQLite file, or a PostgreSQL database on a server the bench
starts itself in a temporary folder, as the tests do), and how it counts CPU time.

The machine is shared, so wall times say little; the benches compare CPU seconds measured in the same
run. On PostgreSQL the work is split between this process and the server's processes, so the count
includes the server's: every process of the cluster (backends, WAL writer, checkpointer, autovacuum),
read from ``/proc``, with the children that ended counted through the postmaster's ``cutime``/``cstime``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bytecode  # noqa: F401  (first: the app compiled, as installed, before anything is timed)

from tests.helpers.engines import prepare_template
from tests.helpers.postgres import Server, Unavailable

ENGINES = ("sqlite", "postgresql")
_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd on (state, ppid, …)


def server_cpu(server: Server) -> float:
    """CPU seconds used so far by the server's processes, the ended ones included."""
    postmaster = int((server.root / "data" / "postmaster.pid").read_text().split()[0])
    fields = _stat(postmaster)
    total = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime, stime, cutime, cstime
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            child = _stat(int(entry.name))
        except (OSError, ValueError):
            continue  # ended meanwhile
        if int(child[1]) == postmaster:
            total += int(child[11]) + int(child[12])
    return total / _TICK


@dataclass
class Clock:
    """CPU seconds of this process (plus the server's, on PostgreSQL) and wall seconds."""

    server: Server | None = None

    def cpu(self) -> float:
        return time.process_time() + (server_cpu(self.server) if self.server else 0.0)

    def read(self) -> tuple[float, float]:
        return self.cpu(), time.perf_counter()

    def since(self, start: tuple[float, float]) -> tuple[float, float]:
        cpu, wall = self.read()
        return cpu - start[0], wall - start[1]


@contextmanager
def postgres_server() -> Iterator[Server]:
    """A PostgreSQL server in a temporary folder, with the migrated template the tests use."""
    server = Server()
    try:
        server.start()
        prepare_template(server)
        yield server
    finally:
        server.stop()


def available(engine: str) -> str | None:
    """Why ``engine`` cannot be benched here, or None."""
    if engine == "sqlite":
        return None
    try:
        from tests.helpers.postgres import _bin_dir

        _bin_dir()
    except Unavailable as exc:
        return str(exc)
    return None


__all__ = ["ENGINES", "Clock", "Server", "available", "postgres_server", "server_cpu"]
