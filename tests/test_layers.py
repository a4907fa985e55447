"""The layers of docs/ARCHITECTURE.md hold: every import of ours goes down the table, never up or sideways,
no two modules import each other, only the Qt shell imports PySide6, and only the data layers SQLAlchemy.

Every import counts — at the top of a module, inside a function, under ``TYPE_CHECKING`` — with one
exception: ``ntm_desktop.workspace`` may be named under ``TYPE_CHECKING`` at any layer, to annotate a
function that is handed the workspace (it never imports it at run time)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ntm_desktop"

LAYERS: list[tuple[str, ...]] = [
    ("core", ""),  # "" is the package's own __init__ (its version)
    ("criteria",),
    ("db",),
    ("backups.archive", "backups.auto", "backups.health", "backups.snapshot"),
    ("signing.certificate", "signing.certinfo", "signing.names", "signing.truststore"),
    ("services",),
    ("export",),
    ("signing",),
    ("records",),
    ("sync",),
    ("receiver",),
    ("reports",),
    ("workspace",),
    ("backups", "recovery", "server_move"),
    ("demo",),
    ("demo_receiver",),
    ("ui",),
    ("cli",),
]
"""Lowest first; an entry is a package or module under ``ntm_desktop`` (the longest that matches counts).
A module may import any entry of a lower layer, and of its own layer only within its own package."""
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
QT = ("PySide6", "shiboken6")
DATA = ("sqlalchemy", "alembic")
DATA_LAYERS = {"db", "services", "records", "sync", "receiver", "workspace"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def top(module: str) -> str:
    """The entry of :data:`LAYERS` ``ntm_desktop.x.y…`` belongs to: the longest ``x.y…`` listed, else ``x``
    ("" for the package itself)."""
    parts = module.split(".")[1:]
    for n in range(len(parts), 1, -1):
        if ".".join(parts[:n]) in RANK:
            return ".".join(parts[:n])
    return parts[0] if parts else ""


def imports(path: Path) -> Iterator[tuple[str, bool, int]]:
    """(what is imported, only under TYPE_CHECKING, line) for every import in the file: a module, or
    ``module.name`` for each name of a ``from module import name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            yield name, id(node) in typing_only, node.lineno


def test_every_package_has_a_layer() -> None:
    packages = {top(m) for m, _ in modules()}
    assert packages <= RANK.keys(), (
        f"give these a layer in LAYERS and docs/ARCHITECTURE.md: {packages - RANK.keys()}"
    )


def test_imports_go_down_the_layers() -> None:
    wrong = []
    for module, path in modules():
        here = top(module)
        for name, typing_only, line in imports(path):
            if not name.startswith("ntm_desktop."):
                continue
            there = top(name)
            if there not in RANK or there == here:
                continue
            if typing_only and name == "ntm_desktop.workspace.Workspace":
                continue
            same_package = there.split(".")[0] == here.split(".")[0]
            if RANK[there] > RANK[here] or (RANK[there] == RANK[here] and not same_package):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({here}) imports {name} ({there})")
    assert not sorted(set(wrong)), "\n".join(sorted(set(wrong)))


def test_no_two_modules_import_each_other() -> None:
    known = {m for m, _ in modules()}
    edges: dict[str, set[str]] = {}
    for module, path in modules():
        for name, _, _ in imports(path):
            target = name if name in known else name.rsplit(".", 1)[0]
            if target in known and target != module:
                edges.setdefault(module, set()).add(target)
    loops = sorted({tuple(sorted((a, b))) for a, bs in edges.items() for b in bs if a in edges.get(b, ())})
    assert not loops, loops


def test_only_the_qt_shell_imports_qt_and_only_the_data_layers_sqlalchemy() -> None:
    wrong = []
    for module, path in modules():
        layer = top(module)
        for name, _, line in imports(path):
            root = name.split(".")[0]
            if root in QT and layer != "ui":
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
            if root in DATA and layer not in DATA_LAYERS:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    assert not wrong, "\n".join(wrong)
