"""Loading the help ledger for the table, from a cache file when the data file has not changed since.

No Qt here; :func:`load` runs on the database worker. Reading 100.000 records from SQLite takes over a
second; the columns saved after the last read load in a tenth of that. The cache is only a copy: it is
used when its stamp (:meth:`HelpService.stamp`) equals the data file's, rebuilt otherwise, and any
problem with it (missing, damaged, another version of the app) just means a full read. Small ledgers
are never cached.
"""

from __future__ import annotations

import logging
import marshal
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.services.ledger.browse.index import LedgerIndex

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

log = logging.getLogger("ntm_desktop.ui")

FORMAT = "ntm-help-ledger-cache/2"
CACHE_FROM = 5_000
"""Ledgers with fewer records than this are read from the data file every time (it takes < 0,1 s)."""


@dataclass(frozen=True)
class Loaded:
    index: LedgerIndex
    stamp: tuple[Any, ...]
    names: dict[str, str]
    """Supporter uid → name."""


def cache_path(ws: Workspace) -> Path:
    return ws.folder / "cache" / f"help-ledger-{ws.unit.home_code() or 'none'}.bin"


def load(ws: Workspace, use_cache: bool = True) -> Loaded:
    """The whole ledger of the commune, ready for the table."""
    names = {s.uid: s.name for s in ws.supporters.list()}
    path = cache_path(ws)
    if use_cache:
        current = ws.help.stamp()
        index = read_cache(path, current, names)
        if index is not None:
            return Loaded(index, current, names)
    got = ws.help.rows()
    index = LedgerIndex.build(got.rows, got.lines, names)
    if use_cache and len(got.rows) >= CACHE_FROM:
        write_cache(path, index, got.stamp)
    return Loaded(index, got.stamp, names)


def read_cache(path: Path, stamp: tuple[Any, ...], names: dict[str, str]) -> LedgerIndex | None:
    try:
        doc = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.info("help ledger cache %s unreadable (%s): reading the data file", path, exc)
        return None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or tuple(doc.get("stamp", ())) != stamp:
        return None
    index = LedgerIndex({})
    try:
        for name in LedgerIndex.COLUMNS:
            setattr(index, name, doc[name])
        index.alive = bytearray(doc["alive"])
        index.by_date = list(doc.get("by_date", ()))
        q = index.quantities
        q.groups, q.planes, q.odd = (
            [tuple(g) for g in doc["groups"]],
            doc["planes"],
            [tuple(o) for o in doc["odd"]],
        )
        index.restore(names)
    except (KeyError, TypeError, ValueError) as exc:
        log.info("help ledger cache %s does not fit (%s): reading the data file", path, exc)
        return None
    return index


def snapshot(index: LedgerIndex) -> LedgerIndex:
    """A copy of the columns a cache saves, for writing off the GUI thread while the ledger moves on."""
    copy = LedgerIndex({})
    for name in LedgerIndex.COLUMNS:
        setattr(copy, name, list(getattr(index, name)))
    copy.alive = bytearray(index.alive)
    copy.by_date = list(index.date_order())
    q, c = index.quantities, copy.quantities
    c.groups, c.planes, c.odd = list(q.groups), [list(p) for p in q.planes], list(q.odd)
    return copy


def write_cache(path: Path, index: LedgerIndex, stamp: tuple[Any, ...]) -> bool:
    """Save the index as the cache for ``stamp``; a failure is logged, never shown (it is only a cache)."""
    q = index.quantities
    doc = {name: getattr(index, name) for name in LedgerIndex.COLUMNS}
    doc |= {
        "format": FORMAT,
        "stamp": list(stamp),
        "alive": bytes(index.alive),
        "by_date": index.date_order(),
    }
    doc |= {"groups": q.groups, "planes": q.planes, "odd": q.odd}
    try:
        write_bytes_atomic(path, marshal.dumps(doc), make_folder=True)
    except Exception as exc:  # a cache that cannot be written is only slower next time
        log.info("help ledger cache %s not written: %s", path, exc)
        return False
    return True
